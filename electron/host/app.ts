import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getMeta, getOrCreateMeta, setMeta } from '../../db/meta.js';
import { openDatabase, type OpenedDatabase } from '../../db/open.js';
import { lastHlc } from '../../db/queries/history.js';
import { readSyncSettings, receivedHlc, saveServerUrl } from '../../db/sync-settings.js';
import { ChangeWriter, type Actor } from '../../db/write.js';
import type { AppInfo } from '../../shared/api/contract.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { decodeHlc, HybridLogicalClock } from '../../shared/sync/hlc.js';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol.js';
import type { ServiceContext, SessionState } from '../services/context.js';
import { createHandlers } from '../services/index.js';
import { CURRENT_PROJECT } from '../services/org.js';
import type { SyncEvent } from '../sync/engine.js';
import { removeUnneededAttachments } from '../sync/attachment-sync.js';
import { LocalBlobStore } from '../sync/attachments.js';
import { SyncHost, type SyncHostOptions } from '../sync/host.js';
import { createDispatcher, type Dispatch, type Logger } from './dispatcher.js';
import { resolveKey, type KeyStore } from './keys.js';

export const APP_VERSION = '0.1.0';
export const DATABASE_FILE = 'sitedesk.db';
/** The device's attachment files (ID scans, photos), content-addressed, beside the database. */
export const ATTACHMENTS_DIR = 'attachments';

export interface HostOptions {
  dataDir: string;
  keyStore: KeyStore;
  transport: AppInfo['transport'];
  log?: Logger;
  /** Until login arrives with the group server, the operator is this device's local one. */
  operator?: Actor;
  /**
   * The sync with the group server. It starts only once a server URL is configured (now, or
   * through 'sync.configure'): a worker thread by default, 'inline' on this host's connection
   * (tests). `false`: this host never syncs.
   */
  sync?: HostSyncOptions | false;
  /** A server URL to configure at start-up when none is yet (SITEDESK_SERVER_URL). */
  serverUrl?: string;
  /** The device's wall clock (tests of PCs whose clock is hours wrong); Date.now by default. */
  wallClock?: () => number;
}

export type HostSyncOptions = Omit<
  SyncHostOptions,
  'db' | 'file' | 'key' | 'versions' | 'deviceId' | 'clock' | 'onEvent' | 'log' | 'attachmentsDir'
>;

export interface SiteDeskHost {
  dispatch: Dispatch;
  database: OpenedDatabase;
  info: AppInfo;
  /** The sync controls (absent when `sync: false`); the engine runs once a server URL is set. */
  sync: SyncHost | undefined;
  /** The services' context (tests reach the writer and the session through it). */
  context: ServiceContext;
  /** Closes at once; a sync worker is told to stop and ends on its own. */
  close(): void;
  /** Stops the sync (waiting for a round in progress) and closes the database. */
  shutdown(): Promise<void>;
}

export const consoleLogger: Logger = (level, message, detail) => {
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    message,
    detail: detail instanceof Error ? detail.stack : detail,
  });
  (level === 'error' ? console.error : console.log)(line);
};

/** Opens the local database and binds every service to it, ready for a transport. */
export function openHost(options: HostOptions): SiteDeskHost {
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, DATABASE_FILE);
  const exists = existsSync(file) && statSync(file).size > 0;
  const key = resolveKey(options.keyStore, exists);
  const database = openDatabase({ file, key });
  const { db } = database;

  const deviceId = getOrCreateMeta(db, 'device.id', uuidv7);
  const operator: Actor = options.operator ?? {
    id: getOrCreateMeta(db, 'operator.id', () => 'local-admin'),
    name: getOrCreateMeta(db, 'operator.name', () => '系统管理员'),
  };
  // Never stamp below anything in the log or anything received from the server.
  const local = lastHlc(db);
  const received = receivedHlc(db);
  const last = local && received ? (local > received ? local : received) : (local ?? received);
  const clock = new HybridLogicalClock(deviceId, options.wallClock ?? Date.now, last ? decodeHlc(last) : undefined);
  const session: SessionState = { projectId: getMeta(db, CURRENT_PROJECT) ?? null };
  let sync: SyncHost | undefined;
  const writer = new ChangeWriter(db, {
    actor: operator,
    deviceId,
    clock,
    contextProjectId: () => session.projectId,
    afterCommit: () => sync?.notifyLocalChange(),
  });
  const info: AppInfo = {
    version: APP_VERSION,
    schemaVersion: database.schemaVersion,
    deviceId,
    operator,
    transport: options.transport,
  };
  const log = options.log ?? consoleLogger;
  const attachmentsDir = join(options.dataDir, ATTACHMENTS_DIR);
  const attachments = new LocalBlobStore(attachmentsDir);
  // Temporary files of puts a crash interrupted (an hour old: never one being written now).
  void attachments.sweep().catch((error: unknown) => log('warn', 'attachments: sweep failed', error));
  // Files no record needs any more (a removed ID scan the server has) leave the device; the
  // sync does it after every round too. At start-up no put is in progress: no grace.
  try {
    removeUnneededAttachments(db, attachments, 0);
  } catch (error) {
    log('warn', 'attachments: removing unneeded files failed', error);
  }

  const onSyncEvent = (event: SyncEvent) => {
    if (event.type === 'signedIn') {
      // From now on the device works as the signed-in employee.
      const employee: Actor = { id: event.session.employeeId, name: event.session.employeeName };
      setMeta(db, 'operator.id', employee.id);
      setMeta(db, 'operator.name', employee.name);
      writer.setActor(employee);
      info.operator = employee;
    } else if (event.type === 'purged') {
      if (session.projectId && event.projectIds.includes(session.projectId)) session.projectId = null;
    } else if (event.type === 'revoked') {
      session.projectId = null;
    }
  };
  if (options.sync !== false) {
    if (options.serverUrl && !readSyncSettings(db).serverUrl) saveServerUrl(db, options.serverUrl);
    sync = new SyncHost({
      ...(options.sync ?? {}),
      db,
      file,
      key,
      versions: { protocol: PROTOCOL_VERSION, schemaVersion: database.schemaVersion, appVersion: APP_VERSION },
      deviceId,
      clock,
      attachmentsDir,
      onEvent: onSyncEvent,
      log,
    });
    sync.startIfConfigured();
  }

  const context: ServiceContext = { db, writer, info: () => info, session, attachments, ...(sync ? { sync } : {}) };
  const dispatch = createDispatcher(createHandlers(context), log);
  return {
    dispatch,
    database,
    info,
    sync,
    context,
    close: () => {
      void sync?.close().catch(() => undefined);
      database.close();
    },
    shutdown: async () => {
      await sync?.close();
      database.close();
    },
  };
}
