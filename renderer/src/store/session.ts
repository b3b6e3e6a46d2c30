import { create } from 'zustand';
import type { Session } from '../../../shared/api/calls/org.js';
import { api } from '../api/client.js';
import { notifyError } from '../components/feedback.js';

/** The operator's visible projects and the one they work in; every project screen reads it. */
interface SessionState {
  session: Session | null;
  load: () => Promise<void>;
  switchProject: (projectId: string) => Promise<void>;
}

export const useSession = create<SessionState>((set, get) => ({
  session: null,
  load: async () => {
    try {
      set({ session: await api.call('session.get', {}) });
    } catch (error) {
      notifyError(error);
    }
  },
  switchProject: async (projectId) => {
    try {
      await api.call('session.setProject', { projectId });
      const session = get().session;
      if (session) set({ session: { ...session, currentProjectId: projectId } });
    } catch (error) {
      notifyError(error);
    }
  },
}));

export function useCurrentProjectId(): string | null {
  return useSession((s) => s.session?.currentProjectId ?? null);
}
