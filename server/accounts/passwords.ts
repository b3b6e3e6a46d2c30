import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Employee passwords, stored with scrypt (a slow, memory-hard, salted hash) as
 * `scrypt$N$r$p$saltB64$hashB64`. The parameters travel with each hash, so raising the cost
 * later leaves existing hashes verifiable.
 */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** The production cost: about 100 ms and 32 MiB per hash. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 64;
/** The most a stored hash may ask for, so a damaged row cannot make a login eat the machine. */
const MAX_N = 2 ** 20;

export const MIN_PASSWORD_LENGTH = 6;

function derive(password: string, salt: Buffer, cost: ScryptCost, keyLength: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is just under that for N=2^15, r=8.
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function validCost(cost: ScryptCost): boolean {
  const { N, r, p } = cost;
  return (
    Number.isInteger(N) &&
    N >= 2 &&
    N <= MAX_N &&
    (N & (N - 1)) === 0 &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= 32 &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= 16
  );
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  if (!validCost(cost)) throw new Error('invalid scrypt cost');
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost, KEY_BYTES);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

function parseHash(encoded: string): ParsedHash | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  if (![n, r, p].every((x) => /^\d{1,8}$/.test(x))) return null;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!validCost(cost)) return null;
  const saltBytes = Buffer.from(salt, 'base64');
  const keyBytes = Buffer.from(key, 'base64');
  if (saltBytes.length < 8 || keyBytes.length < 32) return null;
  return { cost, salt: saltBytes, key: keyBytes };
}

/** Whether `password` matches `encoded`; false (never a throw) for a malformed hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.cost, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

let dummy: Promise<string> | undefined;
/**
 * Spends the time of one verification at the production cost, for a login whose account does
 * not exist: the answer then takes as long as a wrong password, and does not tell accounts apart.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('sitedesk-dummy-password');
  await verifyPassword(password, await dummy);
  return false;
}

/** Why a new password is refused, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少${MIN_PASSWORD_LENGTH}位`;
  if (password.length > 200) return '密码最多200位';
  return null;
}
