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
