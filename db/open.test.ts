import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { loadMigrations, type Migration } from './migrate.js';
import { openDatabase } from './open.js';
import { tempDir } from './testing/temp-db.js';

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const dirs: string[] = [];
function freshFile(): string {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir, 'site.db');
}
afterEach(() => {
  dirs.length = 0;
});

function expectAppError(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('encrypted database', () => {
  it('creates a fresh database at the latest schema, in WAL mode with foreign keys on', () => {
    const file = freshFile();
    const key = randomBytes(32);
    const opened = openDatabase({ file, key });
    expect(opened.schemaVersion).toBe(loadMigrations().length);
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(opened.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = opened.sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table'").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['dict_items', 'change_log', 'meta', 'custom_field_defs', 'custom_field_options']),
    );
    opened.close();
  });

  it('keeps data across close and reopen with the same key', () => {
    const file = freshFile();
    const key = randomBytes(32);
    const first = openDatabase({ file, key });
    first.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('k', '客户来源')").run();
    first.close();
    const second = openDatabase({ file, key });
    expect(second.sqlite.prepare("SELECT value FROM meta WHERE key='k'").pluck().get()).toBe('客户来源');
    second.close();
  });

  it('writes nothing readable to disk: the file is not SQLite without the key', () => {
    const file = freshFile();
    const opened = openDatabase({ file, key: randomBytes(32) });
    opened.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('secret', '张三 110101199003077777')").run();
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    opened.close();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(bytes.includes(Buffer.from('110101199003077777'))).toBe(false);
    const plain = new Database(file, { fileMustExist: true });
    expect(() => plain.prepare('SELECT * FROM meta').all()).toThrow();
    plain.close();
  });

  it('refuses a wrong key with DB_WRONG_KEY and leaves the file untouched', () => {
    const file = freshFile();
    openDatabase({ file, key: randomBytes(32) }).close();
    const before = digest(file);
    expectAppError(() => openDatabase({ file, key: randomBytes(32) }), 'DB_WRONG_KEY');
    expect(digest(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a database made by a newer app, without writing to it', () => {
    const file = freshFile();
    const key = randomBytes(32);
    const opened = openDatabase({ file, key });
    opened.sqlite.pragma(`user_version = ${opened.schemaVersion + 3}`);
    opened.close();
    const before = digest(file);
    expectAppError(() => openDatabase({ file, key }), 'DB_NEWER_THAN_APP');
    expect(digest(file)).toBe(before);
  });

  it('rejects a key of the wrong length before touching anything', () => {
    expect(() => openDatabase({ file: freshFile(), key: randomBytes(16) })).toThrow(/32 bytes/);
  });
});

describe('migrations', () => {
  const real = loadMigrations();
  const extra: Migration = {
    idx: real.length,
    tag: '9999_test_extra',
    statements: [
      'ALTER TABLE dict_items ADD COLUMN test_extra TEXT',
      'CREATE INDEX dict_items_test_extra_idx ON dict_items (test_extra)',
    ],
    hash: 'test',
  };

  it('upgrades an existing database, keeping its rows', () => {
    const file = freshFile();
    const key = randomBytes(32);
    const old = openDatabase({ file, key, migrations: real });
    old.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('kept', 'yes')").run();
    old.close();

    const upgraded = openDatabase({ file, key, migrations: [...real, extra] });
    expect(upgraded.schemaVersion).toBe(real.length + 1);
    expect(upgraded.sqlite.prepare("SELECT value FROM meta WHERE key='kept'").pluck().get()).toBe('yes');
    const columns = upgraded.sqlite.prepare('PRAGMA table_info(dict_items)').all() as { name: string }[];
    expect(columns.map((c) => c.name)).toContain('test_extra');
    const applied = upgraded.sqlite.prepare('SELECT tag FROM schema_migrations ORDER BY idx').pluck().all();
    expect(applied).toEqual([...real.map((m) => m.tag), extra.tag]);
    upgraded.close();
  });

  it('applies all pending migrations or none: a failing one rolls the upgrade back', () => {
    const file = freshFile();
    const key = randomBytes(32);
    openDatabase({ file, key, migrations: real }).close();
    const broken: Migration = { ...extra, statements: [...extra.statements, 'ALTER TABLE no_such_table ADD COLUMN x TEXT'] };
    expect(() => openDatabase({ file, key, migrations: [...real, broken] })).toThrow(/no_such_table/);

    const after = openDatabase({ file, key, migrations: real });
    expect(after.schemaVersion).toBe(real.length);
    const columns = after.sqlite.prepare('PRAGMA table_info(dict_items)').all() as { name: string }[];
    expect(columns.map((c) => c.name)).not.toContain('test_extra');
    after.close();
  });

  it('loads the committed drizzle-kit migrations in order', () => {
    expect(real.length).toBeGreaterThan(0);
    real.forEach((m, i) => expect(m.idx).toBe(i));
    expect(real[0]!.statements.some((s) => s.includes('CREATE TABLE `change_log`'))).toBe(true);
  });
});
