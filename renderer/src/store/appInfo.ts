import { create } from 'zustand';
import type { AppInfo } from '../../../shared/api/contract.js';
import { api } from '../api/client.js';
import { notifyError } from '../components/feedback.js';

interface AppInfoState {
  info: AppInfo | null;
  load: () => Promise<void>;
}

export const useAppInfo = create<AppInfoState>((set) => ({
  info: null,
  load: async () => {
    try {
      set({ info: await api.call('app.info', {}) });
    } catch (error) {
      notifyError(error);
    }
  },
}));

/**
 * Who last changed a row: list calls name them (updatedByName); a single record fetched on
 * its own carries the id only, so the operator this device knows is named from the session.
 */
export function useOperatorName(): (row: { updatedBy: string; updatedByName?: string | undefined }) => string {
  const operator = useAppInfo((s) => s.info?.operator);
  return (row) => row.updatedByName ?? (operator && operator.id === row.updatedBy ? operator.name : row.updatedBy);
}
