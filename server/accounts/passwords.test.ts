import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_COST, hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from './passwords.js';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('passwords', () => {
  it('hashes at the production cost (scrypt N=2^15, r=8, p=1) and verifies', async () => {
    const started = Date.now();
    const hash = await hashPassword('正确的密码 secret');
    expect(Date.now() - started).toBeGreaterThan(10);
    const parts = hash.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(parts[4]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5]!, 'base64')).toHaveLength(64);
    expect(DEFAULT_SCRYPT_COST).toEqual({ N: 32768, r: 8, p: 1 });
    expect(await verifyPassword('正确的密码 secret', hash)).toBe(true);
    expect(await verifyPassword('正确的密码 Secret', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    const a = await hashPassword('same', FAST);
    const b = await hashPassword('same', FAST);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('refuses a wrong password, an empty one, and malformed or absurd hashes without throwing', async () => {
    const hash = await hashPassword('admin123', FAST);
    expect(await verifyPassword('admin124', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
    expect(await verifyPassword('admin123', '')).toBe(false);
    expect(await verifyPassword('admin123', 'plain-text')).toBe(false);
    expect(await verifyPassword('admin123', hash.replace('scrypt$1024', 'bcrypt$1024'))).toBe(false);
    expect(await verifyPassword('admin123', hash.replace('scrypt$1024', 'scrypt$1000'))).toBe(false);
    expect(await verifyPassword('admin123', hash.replace('scrypt$1024', `scrypt$${2 ** 24}`))).toBe(false);
    const parts = hash.split('$');
    parts[5] = Buffer.from('short').toString('base64');
    expect(await verifyPassword('admin123', parts.join('$'))).toBe(false);
  });

  it('normalises Unicode so the same password typed on another keyboard still matches', async () => {
    const hash = await hashPassword('café', FAST);
    expect(await verifyPassword('cafe\u0301', hash)).toBe(true);
  });

  it('spends a verification on unknown accounts and always refuses', async () => {
    expect(await verifyAgainstDummy('anything')).toBe(false);
  });

  it('sets a minimum length for new passwords', () => {
    expect(passwordProblem('12345')).toMatch(/至少6位/);
    expect(passwordProblem('123456')).toBeNull();
  });
});
