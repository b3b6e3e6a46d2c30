import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getOrCreateMeta } from '../../db/meta.js';
import { openDatabase, type OpenedDatabase } from '../../db/open.js';
import { lastHlc } from '../../db/queries/history.js';
import { ChangeWriter, type Actor } from '../../db/write.js';
import type { AppInfo } from '../../shared/api/contract.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { decodeHlc, HybridLogicalClock } from '../../shared/sync/hlc.js';
import { createHandlers } from '../services/index.js';
import { createDispatcher, type Dispatch, type Logger } from './dispatcher.js';
import { resolveKey, type KeyStore } from './keys.js';

export const APP_VERSION = '0.1.0';
export const DATABASE_FILE = 'sitedesk.db';

export interface HostOptions {
  dataDir: string;
  keyStore: KeyStore;
  transport: AppInfo['transport'];
  log?: Logger;
  /** Until login arrives with the group server, the operator is this device's local one. */
  operator?: Actor;
}

export interface SiteDeskHost {
  dispatch: Dispatch;
  database: OpenedDatabase;
  info: AppInfo;
  close(): void;
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
  const last = lastHlc(db);
  const clock = new HybridLogicalClock(deviceId, Date.now, last ? decodeHlc(last) : undefined);
  const writer = new ChangeWriter(db, { actor: operator, deviceId, clock });
  const info: AppInfo = {
    version: APP_VERSION,
    schemaVersion: database.schemaVersion,
    deviceId,
    operator,
    transport: options.transport,
  };
  const dispatch = createDispatcher(createHandlers({ db, writer, info: () => info }), options.log ?? consoleLogger);
  return { dispatch, database, info, close: () => database.close() };
}
