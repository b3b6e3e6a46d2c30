import { create } from 'zustand';
import type { ResourceNode } from '../../../../shared/api/calls/resources.js';

export type ResourcesTab = 'grid' | 'list';

/**
 * The state the parts of the 房产资源 screen share: the date the structure is viewed on
 * (null: today, editable), the node chosen in the tree, the building drawn in the 房态图,
 * the card that is open, and a version bumped after every change so each part reloads.
 */
interface ResourcesState {
  on: string | null;
  scope: ResourceNode | null;
  buildingId: string | null;
  tab: ResourcesTab;
  cardId: string | null;
  version: number;
  setOn: (on: string | null) => void;
  setScope: (scope: ResourceNode | null, buildingId: string | null) => void;
  setTab: (tab: ResourcesTab) => void;
  openCard: (id: string) => void;
  closeCard: () => void;
  showBuilding: (buildingId: string) => void;
  changed: () => void;
  reset: () => void;
}

export const useResources = create<ResourcesState>((set) => ({
  on: null,
  scope: null,
  buildingId: null,
  tab: 'grid',
  cardId: null,
  version: 0,
  setOn: (on) => set({ on }),
  setScope: (scope, buildingId) => set((s) => ({ scope, buildingId: buildingId ?? s.buildingId })),
  setTab: (tab) => set({ tab }),
  openCard: (id) => set({ cardId: id }),
  closeCard: () => set({ cardId: null }),
  showBuilding: (buildingId) => set({ buildingId, tab: 'grid' }),
  changed: () => set((s) => ({ version: s.version + 1 })),
  reset: () => set({ scope: null, buildingId: null, cardId: null, on: null }),
}));

/** The top-level ancestor of a node (its building for a unit, floor or room), from its path. */
export function topAncestorId(node: { id: string; path: string }): string {
  return node.path.split('/').find(Boolean) ?? node.id;
}
