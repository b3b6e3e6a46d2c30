import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KEY_BYTES } from '../../db/open.js';
import { AppError } from '../../shared/errors.js';

/** Where the database key lives: Electron safeStorage on a desktop, a file or the environment elsewhere. */
export interface KeyStore {
  load(): Buffer | undefined;
  save(key: Buffer): void;
  describe: string;
}

/**
 * The key for the database at hand. A new key is made only when there is no database
 * yet: an existing database with a missing key is refused, never replaced.
 */
export function resolveKey(store: KeyStore, databaseExists: boolean): Buffer {
  const key = store.load();
  if (key) {
    if (key.length !== KEY_BYTES) throw new AppError('DB_WRONG_KEY', `数据库密钥格式不正确（${store.describe}），数据未被改动`);
    return key;
  }
  if (databaseExists) {
    throw new AppError('DB_WRONG_KEY', `找不到本地数据库的密钥（${store.describe}），无法打开。数据未被改动，请联系IT人员`);
  }
  const fresh = randomBytes(KEY_BYTES);
  store.save(fresh);
  return fresh;
}

/** Hex key in a file readable only by its owner (plain-Node hosts: tests, the browser host). */
export function fileKeyStore(path: string): KeyStore {
  return {
    describe: path,
    load: () => (existsSync(path) ? parseHexKey(readFileSync(path, 'utf8'), path) : undefined),
    save: (key) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    },
  };
}

/** A key given as 64 hex digits in an environment variable; it cannot be saved, only read. */
export function envKeyStore(name: string, env: NodeJS.ProcessEnv = process.env): KeyStore {
  return {
    describe: `环境变量 ${name}`,
    load: () => {
      const value = env[name];
      return value ? parseHexKey(value, name) : undefined;
    },
    save: () => {
      throw new Error(`${name} is read-only: set it to 64 hex digits`);
    },
  };
}

function parseHexKey(text: string, source: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new AppError('DB_WRONG_KEY', `数据库密钥格式不正确（${source}）：应为64位十六进制数字。数据未被改动`);
  }
  return Buffer.from(hex, 'hex');
}
