import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../db/testing/temp-db.js';
import { envKeyStore, fileKeyStore, resolveKey } from './keys.js';

describe('database keys', () => {
  it('makes a random key only for a new database, and keeps it owner-readable', () => {
    const path = join(tempDir(), 'k', 'sitedesk.key');
    const key = resolveKey(fileKeyStore(path), false);
    expect(key).toHaveLength(32);
    expect(readFileSync(path, 'utf8').trim()).toBe(key.toString('hex'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(resolveKey(fileKeyStore(path), true).equals(key)).toBe(true);
  });

  it('never invents a key for an existing database', () => {
    const path = join(tempDir(), 'missing.key');
    expect(() => resolveKey(fileKeyStore(path), true)).toThrow(expect.objectContaining({ code: 'DB_WRONG_KEY' }));
  });

  it('refuses a malformed key with a clear message', () => {
    const path = join(tempDir(), 'bad.key');
    writeFileSync(path, 'not hex');
    expect(() => resolveKey(fileKeyStore(path), true)).toThrow(/64位十六进制/);
    expect(() => resolveKey(envKeyStore('K', { K: 'abc' }), true)).toThrow(/64位十六进制/);
    expect(resolveKey(envKeyStore('K', { K: 'ab'.repeat(32) }), true)).toHaveLength(32);
  });
});
