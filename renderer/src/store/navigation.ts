import { create } from 'zustand';

export type PageKey =
  | 'customers'
  | 'resources'
  | 'dictionaries'
  | 'customFields'
  | 'organization'
  | 'excelImport'
  | 'sync'
  | 'handoverDay'
  | 'handoverBatches'
  | 'inspection'
  | 'defects'
  | 'handoverProgress'
  | 'inspectionTemplates';

/**
 * Which screen is open, and what it was asked to show: the omni search or a link opens
 * a customer's 360° view or a room's card on another screen through `focus`.
 */
export interface Focus {
  customerId?: string;
  resourceId?: string;
  buildingId?: string;
  /** 数据同步: which tab to show (the header's conflict badge opens 冲突). */
  syncTab?: 'status' | 'conflicts';
  /** 验房: the inspection to open. */
  inspectionId?: string;
  handoverId?: string;
  batchId?: string;
  defectId?: string;
}

interface NavigationState {
  page: PageKey;
  focus: Focus;
  go: (page: PageKey, focus?: Focus) => void;
}

export const useNavigation = create<NavigationState>((set) => ({
  page: 'customers',
  focus: {},
  go: (page, focus = {}) => set({ page, focus }),
}));
