import { existsSync, statSync } from 'node:fs';
// 'better-sqlite3' is better-sqlite3-multiple-ciphers under an npm alias (package.json):
// a drop-in build with SQLCipher, under the name drizzle's driver imports.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { AppError } from '../shared/errors.js';
import { assertNotNewer, loadMigrations, migrate, type Migration } from './migrate.js';
import * as schema from './schema.js';

export type SiteDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenedDatabase {
  sqlite: Database.Database;
  db: SiteDb;
  schemaVersion: number;
  close(): void;
}

export interface OpenOptions {
  file: string;
  /** 32 random bytes. The database is unreadable without them. */
  key: Buffer;
  migrations?: readonly Migration[];
  /** Read-only connections (e.g. a reporting worker) skip migration. */
  readonly?: boolean;
}

export const KEY_BYTES = 32;

/**
 * Opens (or creates) the encrypted local database and brings its schema up to date.
 *
 * An existing file is never replaced: a wrong key, a damaged file or a database made by a
 * newer app is refused with a clear error and the file is left exactly as it was.
 */
export function openDatabase(options: OpenOptions): OpenedDatabase {
  if (options.key.length !== KEY_BYTES) throw new Error(`database key must be ${KEY_BYTES} bytes`);
  const migrations = options.migrations ?? loadMigrations();
  const exists = existsSync(options.file) && statSync(options.file).size > 0;

  const sqlite = new Database(options.file, { fileMustExist: exists, readonly: options.readonly ?? false });
  try {
    applyKey(sqlite, options.key);
    verifyReadable(sqlite);
    assertNotNewer(sqlite, migrations);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // FULL: every commit is on disk when it returns (the WAL is synced), so a tap an inspector
    // saw saved survives a crash or a flat battery, not only a process crash. Bulk work
    // (imports, sync pages) commits in large transactions, so it pays one sync per batch.
    sqlite.pragma('synchronous = FULL');
    // Every page read from disk is decrypted; a 128 MiB page cache keeps the indexes of a
    // large group's data decrypted in memory (the default is 2 MiB).
    sqlite.pragma('cache_size = -131072');
    const version = options.readonly
      ? (sqlite.pragma('user_version', { simple: true }) as number)
      : migrate(sqlite, migrations).to;
    cachePreparedStatements(sqlite);
    const db = drizzle({ client: sqlite, schema });
    return { sqlite, db, schemaVersion: version, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * drizzle prepares its SQL again on every query, and preparing costs about ten times what
 * running a small indexed query does. The same query shape always produces the same SQL
 * text, so statements are kept by text and reused. A cached statement's result mode
 * (raw / pluck / expand) is reset on every reuse so no caller inherits another's.
 */
const STATEMENT_CACHE_SIZE = 1000;

function cachePreparedStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached) {
      // Most recently used last: the Map's order is the eviction order.
      cache.delete(source);
      cache.set(source, cached);
      if (cached.reader) cached.raw(false).pluck(false).expand(false);
      return cached;
    }
    const statement = prepare(source);
    cache.set(source, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return statement;
  }) as typeof sqlite.prepare;
}

function applyKey(sqlite: Database.Database, key: Buffer): void {
  sqlite.pragma(`cipher = 'sqlcipher'`);
  sqlite.pragma('legacy = 4');
  // A raw 256-bit key: it is random, so SQLCipher's password KDF would only slow every open.
  sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
}

function verifyReadable(sqlite: Database.Database): void {
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw new AppError('DB_WRONG_KEY');
    if (code === 'SQLITE_CORRUPT') throw new AppError('DB_CORRUPT');
    throw error;
  }
}
