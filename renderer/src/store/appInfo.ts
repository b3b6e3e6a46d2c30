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
 * Lists carry the modifier's id only; the one operator this device knows is shown
 * by name, anyone else (a colleague's synced change) by id until the API names them.
 */
export function useOperatorName(): (actorId: string) => string {
  const operator = useAppInfo((s) => s.info?.operator);
  return (actorId) => (operator && operator.id === actorId ? operator.name : actorId);
}
