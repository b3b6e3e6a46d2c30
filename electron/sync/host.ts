import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SiteDb } from '../../db/open.js';
import type { HlcSink } from '../../db/sync-apply.js';
import { readSyncSettings } from '../../db/sync-settings.js';
import type { SyncSession, Versions } from '../../shared/sync/protocol.js';
import { SyncEngine, type EngineStatus, type SyncEvent, type SyncRunResult } from './engine.js';
import { SyncError } from './errors.js';
import type { CommandResults, SyncWorkerData, WorkerCommand, WorkerMessage } from './messages.js';
import { HttpSyncTransport, type SyncTransport } from './transport.js';

/**
 * The host's side of the sync: starts the engine (in a worker thread, or inline on the host's
 * own connection for tests) once a server URL is configured, relays commands to it and keeps
 * its last status for 'sync.status'. The services see only `SyncControl`.
 */
export interface SyncControl {
  /** The engine's last status, or null while no engine runs (no server URL yet). */
  status(): EngineStatus | null;
  /** One round now; resolves when it ended (failures are in the result, not thrown). */
  syncNow(): Promise<SyncRunResult>;
  /** The server URL was saved: start the engine if needed and wake it. */
  configure(serverUrl: string): Promise<void>;
  register(code: string, deviceName: string): Promise<void>;
  login(account: string, password: string): Promise<SyncSession>;
  /** A local change was committed (cheap; called after every write transaction). */
  notifyLocalChange(): void;
  /** Stops the engine and waits for it (the worker's connection is closed). */
  close(): Promise<void>;
}

export type SyncMode = 'worker' | 'inline' | 'off';

export interface SyncHostOptions {
  /** 'worker' (default): a worker_threads Worker with its own connection; 'inline': the host's connection (tests). */
  mode?: Exclude<SyncMode, 'off'>;
  db: SiteDb;
  file: string;
  key: Buffer;
  versions: Versions;
  deviceId: string;
  /** The host's clock: receives every stamp the engine applied. */
  clock: HlcSink;
  /** Inline mode only (a worker always talks HTTP). */
  transport?: SyncTransport;
  /** The device's attachments folder (`<dataDir>/attachments`); without it only records sync. */
  attachmentsDir?: string;
  /** Inline mode only: the fetch attachment transfers use (tests cut the line through it). */
  blobFetch?: typeof fetch;
  /** Time per attachment phase and round (default 30 s), and how recently kept a file stays (60 s). */
  attachmentBudgetMs?: number;
  attachmentRemoveGraceMs?: number;
  intervalMs?: number;
  debounceMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  pushLimit?: number;
  pullLimit?: number;
  timeoutMs?: number;
  onEvent?: (event: SyncEvent) => void;
  log?: (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;
}

interface Runner {
  status(): EngineStatus | null;
  call(command: HostCommand): Promise<unknown>;
  notifyLocalChange(): void;
  close(): Promise<void>;
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type HostCommand = DistributiveOmit<Exclude<WorkerCommand, { type: 'localChange' }>, 'id'>;

export class SyncHost implements SyncControl {
  private runner: Runner | undefined;

  constructor(private readonly options: SyncHostOptions) {}

  /** Starts the engine when a server URL is set (at start-up: when one was set before). */
  startIfConfigured(): void {
    if (readSyncSettings(this.options.db).serverUrl) this.ensureRunner();
  }

  get running(): boolean {
    return this.runner !== undefined;
  }

  status(): EngineStatus | null {
    return this.runner?.status() ?? null;
  }

  private ensureRunner(): Runner {
    if (!this.runner) {
      this.runner = (this.options.mode ?? 'worker') === 'inline' ? inlineRunner(this.options) : workerRunner(this.options);
    }
    return this.runner;
  }

  private configured(): Runner {
    if (!readSyncSettings(this.options.db).serverUrl) throw new SyncError('NOT_CONFIGURED');
    return this.ensureRunner();
  }

  syncNow(): Promise<SyncRunResult> {
    return this.configured().call({ type: 'syncNow' }) as Promise<CommandResults['syncNow']>;
  }

  async configure(serverUrl: string): Promise<void> {
    await this.ensureRunner().call({ type: 'configure', serverUrl });
  }

  async register(code: string, deviceName: string): Promise<void> {
    await this.configured().call({ type: 'register', code, deviceName });
  }

  login(account: string, password: string): Promise<SyncSession> {
    return this.configured().call({ type: 'login', account, password }) as Promise<CommandResults['login']>;
  }

  notifyLocalChange(): void {
    this.runner?.notifyLocalChange();
  }

  async close(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    await runner?.close();
  }
}

function engineOptions(options: SyncHostOptions) {
  const optional = {
    intervalMs: options.intervalMs,
    debounceMs: options.debounceMs,
    backoffBaseMs: options.backoffBaseMs,
    backoffMaxMs: options.backoffMaxMs,
    pushLimit: options.pushLimit,
    pullLimit: options.pullLimit,
  };
  return Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<typeof optional>;
}

function attachmentLimits(options: Pick<SyncHostOptions, 'attachmentBudgetMs' | 'attachmentRemoveGraceMs'>) {
  return {
    ...(options.attachmentBudgetMs !== undefined ? { budgetMs: options.attachmentBudgetMs } : {}),
    ...(options.attachmentRemoveGraceMs !== undefined ? { removeGraceMs: options.attachmentRemoveGraceMs } : {}),
  };
}

/** The engine on the host's own connection and clock (tests, tools). */
function inlineRunner(options: SyncHostOptions): Runner {
  let last: EngineStatus | null = null;
  const engine = new SyncEngine({
    db: options.db,
    transport: options.transport ?? new HttpSyncTransport(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    versions: options.versions,
    deviceId: options.deviceId,
    clock: options.clock,
    ...engineOptions(options),
    ...(options.attachmentsDir
      ? {
          attachments: {
            dir: options.attachmentsDir,
            ...(options.blobFetch ? { fetch: options.blobFetch } : {}),
            ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
            ...attachmentLimits(options),
          },
        }
      : {}),
    onStatus: (status) => (last = status),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  last = engine.status();
  engine.start();
  return {
    status: () => last,
    call: async (command: HostCommand) => {
      switch (command.type) {
        case 'syncNow':
          return engine.syncNow();
        case 'configure':
          engine.configure(command.serverUrl);
          return null;
        case 'register':
          await engine.register(command.code, null, command.deviceName);
          return null;
        case 'login':
          return engine.login(command.account, command.password);
        case 'stop':
          await engine.stop();
          return null;
      }
    },
    notifyLocalChange: () => engine.notifyLocalChange(),
    close: () => engine.stop(),
  };
}

/**
 * The worker's entry: the compiled worker.js next to this file, or under tsx (tests, `npm run
 * web`) the TypeScript source through tsx's loader.
 */
function spawnWorker(data: SyncWorkerData): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL('./worker.js', self), { workerData: data });
  const tsx = pathToFileURL(createRequire(self).resolve('tsx/esm/api')).href;
  const entry = new URL('./worker.ts', self).href;
  const bootstrap = `import { tsImport } from ${JSON.stringify(tsx)}; await tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { workerData: data });
}

function workerRunner(options: SyncHostOptions): Runner {
  const data: SyncWorkerData = {
    file: options.file,
    keyHex: options.key.toString('hex'),
    versions: options.versions,
    deviceId: options.deviceId,
    ...engineOptions(options),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.attachmentsDir ? { attachmentsDir: options.attachmentsDir } : {}),
    ...(options.attachmentBudgetMs !== undefined ? { attachmentBudgetMs: options.attachmentBudgetMs } : {}),
    ...(options.attachmentRemoveGraceMs !== undefined ? { attachmentRemoveGraceMs: options.attachmentRemoveGraceMs } : {}),
  };
  const worker = spawnWorker(data);
  let last: EngineStatus | null = null;
  let nextId = 1;
  let dead: SyncError | undefined;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  // Unreferenced while idle (the worker never keeps the host alive), referenced while a
  // command awaits its reply.
  const settle = () => (pending.size > 0 ? worker.ref() : worker.unref());
  const failAll = (error: SyncError) => {
    dead = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    settle();
  };

  worker.on('message', (message: WorkerMessage) => {
    switch (message.type) {
      case 'ready':
      case 'status':
        last = message.status;
        return;
      case 'hlc':
        try {
          options.clock.receive(message.hlc);
        } catch (error) {
          options.log?.('error', 'sync: clock refused a stamp', error);
        }
        return;
      case 'event':
        options.onEvent?.(message.event);
        return;
      case 'reply': {
        const p = pending.get(message.id);
        pending.delete(message.id);
        settle();
        if (!p) return;
        if (message.ok) p.resolve(message.value);
        else p.reject(new SyncError(message.error.code, message.error.message));
        return;
      }
      case 'log':
        options.log?.(message.level, `sync worker: ${message.message}`, message.detail);
        return;
      case 'failed':
        options.log?.('error', 'sync worker could not start', message.message);
        failAll(new SyncError('LOCAL_ERROR'));
        return;
    }
  });
  worker.on('error', (error) => {
    options.log?.('error', 'sync worker failed', error);
    failAll(new SyncError('LOCAL_ERROR'));
  });
  worker.on('exit', () => failAll(new SyncError('STOPPED')));
  worker.unref();

  const call = (command: HostCommand): Promise<unknown> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<unknown>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      settle();
      worker.postMessage({ ...command, id });
    });
  };

  return {
    status: () => last,
    call,
    notifyLocalChange: () => {
      if (!dead) worker.postMessage({ type: 'localChange' } satisfies WorkerCommand);
    },
    close: async () => {
      if (dead) return;
      const stopped = call({ type: 'stop' }).catch(() => null);
      const timeout = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
      await Promise.race([stopped, timeout]);
      await worker.terminate();
    },
  };
}
