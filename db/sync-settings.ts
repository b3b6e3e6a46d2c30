import type { SyncSession } from '../shared/sync/protocol.js';
import { deleteMeta, getMeta, metaWithPrefix, setMeta } from './meta.js';
import type { SiteDb } from './open.js';

/**
 * The device's sync settings, kept in `meta` (device-local, never synced).
 *
 * SECRETS: the device token (proves this installation was registered by an administrator)
 * and the session token (the signed-in employee) are stored here in clear inside the
 * database. The database file is encrypted with the device key (SQLCipher; the key kept by
 * the OS through safeStorage in Electron), so they are as safe as the data they guard.
 * Never log them, never return them through the API.
 */
export const SYNC_META = {
  serverUrl: 'sync.serverUrl',
  deviceName: 'sync.deviceName',
  /** Secret. */
  deviceToken: 'sync.deviceToken',
  /** Secret. */
  sessionToken: 'sync.sessionToken',
  /** JSON SyncSession of the signed-in employee (no secret in it). */
  session: 'sync.session',
  lastSuccessAt: 'sync.lastSuccessAt',
  /** The greatest HLC received from the server, so a restarted clock never stamps below it. */
  hlc: 'sync.hlc',
  /** `sync.cursor.<scope>`: the last feed seq applied for the scope. */
  cursorPrefix: 'sync.cursor.',
  /** The app's schema version the cursors were pulled with (absent: an app from before it was kept). */
  pulledWithSchema: 'sync.pulledWithSchema',
  /**
   * `sync.replay.<scope>`: after an upgrade reset the scope's cursor, the seq it had reached: the
   * entries up to it were applied by an older app, which skipped what it did not know; they are
   * merged again (db/sync-apply.ts), not applied twice.
   */
  replayPrefix: 'sync.replay.',
} as const;

export interface SyncSettings {
  serverUrl: string | null;
  deviceName: string | null;
  deviceToken: string | null;
  sessionToken: string | null;
  session: SyncSession | null;
  lastSuccessAt: string | null;
}

export function readSyncSettings(db: SiteDb): SyncSettings {
  const session = getMeta(db, SYNC_META.session);
  return {
    serverUrl: getMeta(db, SYNC_META.serverUrl) ?? null,
    deviceName: getMeta(db, SYNC_META.deviceName) ?? null,
    deviceToken: getMeta(db, SYNC_META.deviceToken) ?? null,
    sessionToken: getMeta(db, SYNC_META.sessionToken) ?? null,
    session: session ? (JSON.parse(session) as SyncSession) : null,
    lastSuccessAt: getMeta(db, SYNC_META.lastSuccessAt) ?? null,
  };
}

export function saveServerUrl(db: SiteDb, serverUrl: string): void {
  setMeta(db, SYNC_META.serverUrl, serverUrl);
}

export function saveDevice(db: SiteDb, deviceToken: string, deviceName: string): void {
  db.$client.transaction(() => {
    setMeta(db, SYNC_META.deviceToken, deviceToken);
    setMeta(db, SYNC_META.deviceName, deviceName);
  })();
}

export function saveSession(db: SiteDb, sessionToken: string, session: SyncSession | null): void {
  db.$client.transaction(() => {
    setMeta(db, SYNC_META.sessionToken, sessionToken);
    if (session) setMeta(db, SYNC_META.session, JSON.stringify(session));
  })();
}

/** The session as the server last described it (granted projects change between syncs). */
export function saveSessionInfo(db: SiteDb, session: SyncSession): void {
  setMeta(db, SYNC_META.session, JSON.stringify(session));
}

export function clearSession(db: SiteDb): void {
  db.$client.transaction(() => {
    deleteMeta(db, SYNC_META.sessionToken);
    deleteMeta(db, SYNC_META.session);
  })();
}

/** The device is unknown to or revoked by the server: forget its token and the session. */
export function clearDevice(db: SiteDb): void {
  db.$client.transaction(() => {
    deleteMeta(db, SYNC_META.deviceToken);
    clearSession(db);
  })();
}

export function saveLastSuccess(db: SiteDb, at: string): void {
  setMeta(db, SYNC_META.lastSuccessAt, at);
}

export function cursorKey(scope: string): string {
  return `${SYNC_META.cursorPrefix}${scope}`;
}

export function getCursor(db: SiteDb, scope: string): number {
  const value = getMeta(db, cursorKey(scope));
  return value === undefined ? 0 : Number(value);
}

/** Every scope this device has pulled, with its cursor. */
export function cursors(db: SiteDb): Map<string, number> {
  return new Map(
    metaWithPrefix(db, SYNC_META.cursorPrefix).map(({ key, value }) => [key.slice(SYNC_META.cursorPrefix.length), Number(value)]),
  );
}

export function receivedHlc(db: SiteDb): string | undefined {
  return getMeta(db, SYNC_META.hlc);
}

export function replayKey(scope: string): string {
  return `${SYNC_META.replayPrefix}${scope}`;
}

/** Up to which seq the scope's entries are being pulled again after an upgrade (0: none). */
export function replayUntil(db: SiteDb, scope: string): number {
  const value = getMeta(db, replayKey(scope));
  return value === undefined ? 0 : Number(value);
}

/**
 * After an app upgrade (its schema version newer than the one the cursors were pulled with),
 * every scope is pulled again from the start: entities and fields the older app did not know
 * were skipped then and are fetched now. Each cursor goes back to 0 and remembers how far it
 * had come (the replay marker), all in one transaction with the new version. Returns the scopes
 * reset (none when the cursors were pulled with this version already, or there are none).
 */
export function resetCursorsForUpgrade(db: SiteDb, schemaVersion: number): string[] {
  return db.$client
    .transaction(() => {
      const pulledWith = getMeta(db, SYNC_META.pulledWithSchema);
      if (pulledWith !== undefined && Number(pulledWith) >= schemaVersion) return [];
      const reset: string[] = [];
      for (const [scope, cursor] of cursors(db)) {
        if (cursor <= 0) continue;
        setMeta(db, replayKey(scope), String(Math.max(cursor, replayUntil(db, scope))));
        setMeta(db, cursorKey(scope), '0');
        reset.push(scope);
      }
      setMeta(db, SYNC_META.pulledWithSchema, String(schemaVersion));
      return reset;
    })
    .immediate();
}
