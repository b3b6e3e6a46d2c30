import type { SyncSession, Versions } from '../../shared/sync/protocol.js';
import type { EngineStatus, SyncEvent, SyncRunResult } from './engine.js';
import type { SyncFailureCode } from './errors.js';

/** What the sync worker is started with (worker_threads workerData). */
export interface SyncWorkerData {
  file: string;
  /** The database key as hex: the worker opens its own connection to the encrypted file. */
  keyHex: string;
  versions: Versions;
  deviceId: string;
  intervalMs?: number;
  debounceMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  pushLimit?: number;
  pullLimit?: number;
  timeoutMs?: number;
  transferTimeoutMs?: number;
  /** The device's attachments folder: the worker sends and fetches the files in it. */
  attachmentsDir?: string;
  attachmentBudgetMs?: number;
  attachmentRemoveGraceMs?: number;
}

/** Commands the host sends; every one but localChange is answered by a reply with its id. */
export type WorkerCommand =
  | { type: 'syncNow'; id: number }
  | { type: 'configure'; id: number; serverUrl: string }
  | { type: 'register'; id: number; code: string; deviceName: string }
  | { type: 'login'; id: number; account: string; password: string }
  | { type: 'stop'; id: number }
  | { type: 'localChange' };

export interface CommandResults {
  syncNow: SyncRunResult;
  configure: null;
  register: null;
  login: SyncSession;
  stop: null;
}

export type WorkerMessage =
  | { type: 'ready'; status: EngineStatus }
  | { type: 'status'; status: EngineStatus }
  /** The greatest stamp applied so far: the host's clock receives it before any later reply. */
  | { type: 'hlc'; hlc: string }
  | { type: 'event'; event: SyncEvent }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: { code: SyncFailureCode; message: string } }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; detail?: string }
  | { type: 'failed'; message: string };
