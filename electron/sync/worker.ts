/**
 * The sync worker: runs the SyncEngine off the UI thread (a worker_threads Worker under plain
 * Node; in Electron main it is started the same way), on its OWN connection to the encrypted
 * database (same file, same key). It takes commands from the host and posts its status, the
 * stamps it applied (so the host's clock stays ahead of them) and events.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/open.js';
import { SyncEngine } from './engine.js';
import { toSyncError } from './errors.js';
import type { SyncWorkerData, WorkerCommand, WorkerMessage } from './messages.js';
import { HttpSyncTransport } from './transport.js';

const port = parentPort;
if (!port) throw new Error('electron/sync/worker.ts runs as a worker thread');
const data = workerData as SyncWorkerData;
const post = (message: WorkerMessage) => port.postMessage(message);

try {
  const database = openDatabase({ file: data.file, key: Buffer.from(data.keyHex, 'hex') });
  let highest = '';
  const engine = new SyncEngine({
    db: database.db,
    transport: new HttpSyncTransport({
      ...(data.timeoutMs ? { timeoutMs: data.timeoutMs } : {}),
      ...(data.transferTimeoutMs ? { transferTimeoutMs: data.transferTimeoutMs } : {}),
    }),
    versions: data.versions,
    deviceId: data.deviceId,
    clock: {
      receive: (hlc) => {
        if (hlc <= highest) return;
        highest = hlc;
        post({ type: 'hlc', hlc });
      },
    },
    ...(data.intervalMs !== undefined ? { intervalMs: data.intervalMs } : {}),
    ...(data.debounceMs !== undefined ? { debounceMs: data.debounceMs } : {}),
    ...(data.backoffBaseMs !== undefined ? { backoffBaseMs: data.backoffBaseMs } : {}),
    ...(data.backoffMaxMs !== undefined ? { backoffMaxMs: data.backoffMaxMs } : {}),
    ...(data.pushLimit !== undefined ? { pushLimit: data.pushLimit } : {}),
    ...(data.pullLimit !== undefined ? { pullLimit: data.pullLimit } : {}),
    ...(data.attachmentsDir
      ? {
          attachments: {
            dir: data.attachmentsDir,
            ...(data.timeoutMs ? { timeoutMs: data.timeoutMs } : {}),
            ...(data.transferTimeoutMs ? { transferTimeoutMs: data.transferTimeoutMs } : {}),
            ...(data.attachmentBudgetMs !== undefined ? { budgetMs: data.attachmentBudgetMs } : {}),
            ...(data.attachmentRemoveGraceMs !== undefined ? { removeGraceMs: data.attachmentRemoveGraceMs } : {}),
          },
        }
      : {}),
    onStatus: (status) => post({ type: 'status', status }),
    onEvent: (event) => post({ type: 'event', event }),
    log: (level, message, detail) =>
      post({ type: 'log', level, message, ...(detail !== undefined ? { detail: detail instanceof Error ? (detail.stack ?? detail.message) : String(detail) } : {}) }),
  });

  const reply = async (id: number, work: () => Promise<unknown>) => {
    try {
      const value = await work();
      post({ type: 'reply', id, ok: true, value: value ?? null });
    } catch (error) {
      const e = toSyncError(error);
      if (e !== error) post({ type: 'log', level: 'error', message: 'sync command failed', detail: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      post({ type: 'reply', id, ok: false, error: { code: e.code, message: e.message } });
    }
  };

  port.on('message', (command: WorkerCommand) => {
    switch (command.type) {
      case 'localChange':
        engine.notifyLocalChange();
        return;
      case 'syncNow':
        void reply(command.id, () => engine.syncNow());
        return;
      case 'configure':
        void reply(command.id, async () => engine.configure(command.serverUrl));
        return;
      case 'register':
        void reply(command.id, () => engine.register(command.code, null, command.deviceName));
        return;
      case 'login':
        void reply(command.id, () => engine.login(command.account, command.password));
        return;
      case 'stop':
        void reply(command.id, async () => {
          await engine.stop();
          database.close();
        }).then(() => port.close());
        return;
    }
  });

  post({ type: 'ready', status: engine.status() });
  engine.start();
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  port.close();
}
