import { createHash, randomBytes } from 'node:crypto';

/** A bearer secret: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** How secrets are stored: only their sha256, so a copy of the database signs nobody in. */
export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A token as `newToken` makes them; anything else is refused before touching the database. */
export function isTokenShaped(value: string): boolean {
  return /^[A-Za-z0-9_-]{32,128}$/.test(value);
}

export function addDays(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
}
