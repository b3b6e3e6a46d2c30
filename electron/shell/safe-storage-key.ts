import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { safeStorage } from 'electron';
import type { KeyStore } from '../host/keys.js';

/**
 * The database key encrypted by the OS (DPAPI on Windows, Keychain, libsecret), so the
 * key file alone is useless on another machine or to another user.
 */
export function safeStorageKeyStore(path: string): KeyStore {
  return {
    describe: path,
    load: () => {
      if (!existsSync(path)) return undefined;
      return Buffer.from(safeStorage.decryptString(readFileSync(path)), 'hex');
    },
    save: (key) => {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new Error('OS encryption (safeStorage) is not available: refusing to store the database key in clear');
      }
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, safeStorage.encryptString(key.toString('hex')), { mode: 0o600, flag: 'wx' });
    },
  };
}
