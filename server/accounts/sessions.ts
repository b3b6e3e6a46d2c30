import { and, eq, lt } from 'drizzle-orm';
import type { ServerDb } from '../db/open.js';
import { deviceEmployees, sessions } from '../db/schema.js';
import { addDays, isTokenShaped, newToken, sha256Hex } from './tokens.js';

/** An employee signed in on one device, for 30 days; only the token's sha256 is stored. */
export const SESSION_DAYS = 30;

export type Session = typeof sessions.$inferSelect;

export async function createSession(
  db: ServerDb,
  input: { employeeId: string; deviceId: string; now?: Date; days?: number },
): Promise<{ token: string; expiresAt: string }> {
  const now = input.now ?? new Date();
  const token = newToken();
  const expiresAt = addDays(now, input.days ?? SESSION_DAYS).toISOString();
  await db.transaction(async (tx) => {
    // The device's expired sessions go as a new one starts, so the table does not grow forever.
    await tx.delete(sessions).where(and(eq(sessions.deviceId, input.deviceId), lt(sessions.expiresAt, now.toISOString())));
    await tx.insert(sessions).values({
      tokenHash: sha256Hex(token),
      employeeId: input.employeeId,
      deviceId: input.deviceId,
      createdAt: now.toISOString(),
      expiresAt,
    });
    // Kept for good: the device may push this employee's changes after someone else signs in.
    await tx
      .insert(deviceEmployees)
      .values({
        deviceId: input.deviceId,
        employeeId: input.employeeId,
        firstSignedInAt: now.toISOString(),
        lastSignedInAt: now.toISOString(),
      })
      .onConflictDoUpdate({
        target: [deviceEmployees.deviceId, deviceEmployees.employeeId],
        set: { lastSignedInAt: now.toISOString() },
      });
  });
  return { token, expiresAt };
}

/** The live session of `token` on `deviceId`; null when unknown, expired or made on another device. */
export async function findSession(
  db: ServerDb,
  token: string | undefined,
  deviceId: string,
  now: Date = new Date(),
): Promise<Session | null> {
  if (!token || !isTokenShaped(token)) return null;
  const [session] = await db
    .select()
    .from(sessions)
    .where(eq(sessions.tokenHash, sha256Hex(token)));
  if (!session || session.deviceId !== deviceId || session.expiresAt <= now.toISOString()) return null;
  return session;
}

export async function endSession(db: ServerDb, session: Pick<Session, 'tokenHash'>): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, session.tokenHash));
}

/** Signs an employee out everywhere (password changed, account disabled). */
export async function endEmployeeSessions(db: ServerDb, employeeId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.employeeId, employeeId));
}
