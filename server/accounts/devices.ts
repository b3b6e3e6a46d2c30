import { randomInt } from 'node:crypto';
import { and, asc, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { ServerDb } from '../db/open.js';
import { deviceCodes, devices, sessions } from '../db/schema.js';
import { AdminError, SyncError } from '../errors.js';
import { addDays, isTokenShaped, newToken, sha256Hex } from './tokens.js';

/**
 * Devices of the group's offices. IT registers a PC once with a one-time code an
 * administrator made; the device then holds a token the administrator can revoke. Codes and
 * tokens are stored only as sha256.
 */

/** Letters and digits that cannot be misread for one another (no 0/O, 1/I/L). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 12;
export const DEFAULT_CODE_DAYS = 7;
export const MAX_CODE_DAYS = 90;
/** last_seen_at is written at most this often per device. */
export const LAST_SEEN_GRANULARITY_MS = 60_000;

export type Device = typeof devices.$inferSelect;

/** A code as printed (`ABCD-EFGH-JKMN`) or as typed (any case, spaces, dashes) → its canonical form. */
export function normalizeCode(input: string): string | null {
  const code = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]+/g, '');
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}

function formatCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

export async function createDeviceCode(
  db: ServerDb,
  options: { createdBy: string; days?: number; now?: Date },
): Promise<{ code: string; expiresAt: string }> {
  const days = options.days ?? DEFAULT_CODE_DAYS;
  if (!(days > 0 && days <= MAX_CODE_DAYS)) throw new AdminError(`有效天数须在 0 到 ${MAX_CODE_DAYS} 天之间`);
  const now = options.now ?? new Date();
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  const expiresAt = addDays(now, days).toISOString();
  await db
    .insert(deviceCodes)
    .values({ codeHash: sha256Hex(code), createdBy: options.createdBy, createdAt: now.toISOString(), expiresAt });
  return { code: formatCode(code), expiresAt };
}

/**
 * Spends a code on a device and gives the device its token. The code is used up in the same
 * statement that checks it, so two devices racing with one code cannot both succeed.
 * A device registered again (a reinstalled PC) gets a new token; its old token and sessions end.
 */
export async function registerDevice(
  db: ServerDb,
  input: { code: string; deviceId: string; name: string; now?: Date },
): Promise<{ deviceToken: string }> {
  const code = normalizeCode(input.code);
  if (!code) throw new SyncError('CODE_INVALID');
  const now = (input.now ?? new Date()).toISOString();
  const deviceToken = newToken();
  const tokenHash = sha256Hex(deviceToken);
  await db.transaction(async (tx) => {
    const [used] = await tx
      .update(deviceCodes)
      .set({ usedAt: now, usedByDevice: input.deviceId })
      .where(and(eq(deviceCodes.codeHash, sha256Hex(code)), isNull(deviceCodes.usedAt), gt(deviceCodes.expiresAt, now)))
      .returning({ createdBy: deviceCodes.createdBy });
    if (!used) throw new SyncError('CODE_INVALID');
    await tx.delete(sessions).where(eq(sessions.deviceId, input.deviceId));
    const row = {
      name: input.name,
      tokenHash,
      registeredAt: now,
      registeredBy: used.createdBy,
      revokedAt: null,
      lastSeenAt: now,
    };
    await tx
      .insert(devices)
      .values({ id: input.deviceId, ...row })
      .onConflictDoUpdate({ target: devices.id, set: row });
  });
  return { deviceToken };
}

/** The device presenting `Authorization: Device <token>`; refuses unknown and revoked devices. */
export async function authenticateDevice(db: ServerDb, authorization: string | undefined): Promise<Device> {
  const match = /^Device\s+(\S+)\s*$/i.exec(authorization ?? '');
  const token = match?.[1];
  if (!token || !isTokenShaped(token)) throw new SyncError('DEVICE_UNKNOWN');
  const [device] = await db
    .select()
    .from(devices)
    .where(eq(devices.tokenHash, sha256Hex(token)));
  if (!device) throw new SyncError('DEVICE_UNKNOWN');
  if (device.revokedAt) throw new SyncError('DEVICE_REVOKED');
  return device;
}

/** Notes that the device was seen, writing at most once a minute per device. */
export async function touchDevice(db: ServerDb, device: Device, now: Date = new Date()): Promise<void> {
  if (device.lastSeenAt && now.getTime() - Date.parse(device.lastSeenAt) < LAST_SEEN_GRANULARITY_MS) return;
  const threshold = new Date(now.getTime() - LAST_SEEN_GRANULARITY_MS).toISOString();
  await db
    .update(devices)
    .set({ lastSeenAt: now.toISOString() })
    .where(and(eq(devices.id, device.id), or(isNull(devices.lastSeenAt), lt(devices.lastSeenAt, threshold))));
}

/** Stops a device: its token is refused from the next request on and its sessions end. */
export async function revokeDevice(db: ServerDb, id: string, now: Date = new Date()): Promise<'revoked' | 'already-revoked'> {
  return db.transaction(async (tx) => {
    const [device] = await tx.select({ revokedAt: devices.revokedAt }).from(devices).where(eq(devices.id, id)).for('update');
    if (!device) throw new AdminError(`没有编号为“${id}”的设备`);
    await tx.delete(sessions).where(eq(sessions.deviceId, id));
    if (device.revokedAt) return 'already-revoked';
    await tx.update(devices).set({ revokedAt: now.toISOString() }).where(eq(devices.id, id));
    return 'revoked';
  });
}

export async function listDevices(db: ServerDb): Promise<Omit<Device, 'tokenHash'>[]> {
  return db
    .select({
      id: devices.id,
      name: devices.name,
      registeredAt: devices.registeredAt,
      registeredBy: devices.registeredBy,
      revokedAt: devices.revokedAt,
      lastSeenAt: devices.lastSeenAt,
    })
    .from(devices)
    .orderBy(asc(devices.registeredAt), asc(devices.id));
}
