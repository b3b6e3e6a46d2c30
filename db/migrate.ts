import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { AppError } from '../shared/errors.js';

/**
 * Applies the migrations drizzle-kit generated (db/migrations) in order.
 * The schema version is PRAGMA user_version = the number of migrations applied, so a
 * database can be checked against the app with a header read and no write at all.
 */
export interface Migration {
  idx: number;
  tag: string;
  statements: string[];
  hash: string;
}

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

export function loadMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Migration[] {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries
    .slice()
    .sort((a, b) => a.idx - b.idx)
    .map((entry, position) => {
      if (entry.idx !== position) throw new Error(`migration journal has a gap at ${position}`);
      const text = readFileSync(join(dir, `${entry.tag}.sql`), 'utf8');
      return {
        idx: entry.idx,
        tag: entry.tag,
        statements: text
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
        hash: createHash('sha256').update(text).digest('hex'),
      };
    });
}

export function schemaVersion(sqlite: Database.Database): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

/** Refuses, without writing anything, a database made by a newer app. */
export function assertNotNewer(sqlite: Database.Database, migrations: readonly Migration[]): void {
  const version = schemaVersion(sqlite);
  if (version > migrations.length) {
    throw new AppError(
      'DB_NEWER_THAN_APP',
      `本地数据库版本为 ${version}，本应用只支持到 ${migrations.length}。请升级 SiteDesk 后再打开，数据未被改动`,
    );
  }
}

/** Brings the database to the app's schema in one transaction: all pending migrations or none. */
export function migrate(sqlite: Database.Database, migrations: readonly Migration[]): { from: number; to: number } {
  assertNotNewer(sqlite, migrations);
  const from = schemaVersion(sqlite);
  if (from === migrations.length) return { from, to: from };
  sqlite.transaction(() => {
    sqlite.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (idx INTEGER PRIMARY KEY, tag TEXT NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const record = sqlite.prepare('INSERT INTO schema_migrations (idx, tag, hash, applied_at) VALUES (?, ?, ?, ?)');
    for (const m of migrations.slice(from)) {
      for (const statement of m.statements) sqlite.exec(statement);
      record.run(m.idx, m.tag, m.hash, new Date().toISOString());
    }
    sqlite.pragma(`user_version = ${migrations.length}`);
  })();
  return { from, to: migrations.length };
}
