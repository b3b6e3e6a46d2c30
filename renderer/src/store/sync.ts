import { create } from 'zustand';
import type { SyncStatusView } from '../../../shared/domain/sync.js';
import { ApiCallError, api } from '../api/client.js';
import { notifyError, notifySuccess, notifyWarning } from '../components/feedback.js';
import { translate, useLangStore } from '../i18n/index.js';
import { lastErrorText } from '../pages/sync/syncFormat.js';
import { useNavigation } from './navigation.js';

/** How often the header reads 'sync.status'; faster while a round runs. */
export const POLL_MS = 5000;
export const FAST_POLL_MS = 1000;

/** Failures of 立即同步 that only the 数据同步 page can fix: it opens. */
const NEEDS_SETUP = new Set(['SYNC_NOT_CONFIGURED', 'SYNC_NOT_REGISTERED', 'SYNC_NOT_SIGNED_IN']);

interface SyncState {
  status: SyncStatusView | null;
  /** When the status was last read (ms): relative times ("3分钟前同步") count from it. */
  checkedAt: number;
  /** 立即同步 was asked here and has not answered yet. */
  running: boolean;
  /**
   * Bumped whenever pending changes, conflicts or the last success moved, and after every
   * sync.* action: per-record tags and the 冲突 list reload on it.
   */
  version: number;
  refresh: () => Promise<void>;
  /** Runs a sync.* action, then reads the status again, whether the action worked or not. */
  act: <T>(work: () => Promise<T>) => Promise<T>;
  /** 立即同步: reports the outcome as a message (Chinese by default). */
  syncNow: () => Promise<void>;
}

let sequence = 0;

function signature(status: SyncStatusView | null): string {
  if (!status) return '';
  return [
    status.configured,
    status.registered,
    status.signedIn,
    status.pendingChanges,
    status.conflicts,
    status.lastSuccessAt,
  ].join('|');
}

export const useSync = create<SyncState>((set, get) => {
  /** A status newer than any read still on its way. */
  const apply = (status: SyncStatusView, bump = false) => {
    sequence += 1;
    const moved = bump || signature(status) !== signature(get().status);
    set({ status, checkedAt: Date.now(), version: moved ? get().version + 1 : get().version });
  };

  const refresh = async () => {
    const ticket = ++sequence;
    try {
      const status = await api.call('sync.status', {});
      if (ticket !== sequence) return;
      const moved = signature(status) !== signature(get().status);
      set({ status, checkedAt: Date.now(), version: moved ? get().version + 1 : get().version });
    } catch {
      // A missed poll says nothing new; the next one tries again. Actions report their own errors.
      if (ticket === sequence) set({ checkedAt: Date.now() });
    }
  };

  const act = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      const result = await work();
      if (isStatus(result)) apply(result, true);
      else await refreshAndBump();
      return result;
    } catch (error) {
      await refreshAndBump();
      throw error;
    }
  };

  const refreshAndBump = async () => {
    await refresh();
    set({ version: get().version + 1 });
  };

  return {
    status: null,
    checkedAt: 0,
    running: false,
    version: 0,
    refresh,
    act,
    syncNow: async () => {
      if (get().running) return;
      const lang = useLangStore.getState().lang;
      set({ running: true });
      try {
        const conflictsBefore = get().status?.conflicts ?? 0;
        const status = await act(() => api.call('sync.now', {}));
        const error = lastErrorText(lang, status);
        const refused = status.conflicts - conflictsBefore;
        if (error) notifyWarning(translate(lang, 'sync.doneWithError', { error }));
        // A change the server refused is news the user must act on, not a plain success.
        else if (refused > 0) notifyWarning(translate(lang, 'sync.doneWithConflicts', { count: refused }));
        else notifySuccess(translate(lang, 'sync.done'));
      } catch (error) {
        notifyError(error);
        if (error instanceof ApiCallError && NEEDS_SETUP.has(error.code)) useNavigation.getState().go('sync', { syncTab: 'status' });
      } finally {
        set({ running: false });
      }
    },
  };
});

function isStatus(value: unknown): value is SyncStatusView {
  return typeof value === 'object' && value !== null && 'pendingChanges' in value && 'configured' in value;
}

/**
 * Reads 'sync.status' every few seconds (every second while a round runs) until the returned
 * function is called.
 */
export function startSyncPolling(): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    await useSync.getState().refresh();
    if (stopped) return;
    const { status, running } = useSync.getState();
    timer = setTimeout(() => void tick(), status?.syncing || running ? FAST_POLL_MS : POLL_MS);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
