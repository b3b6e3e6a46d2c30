import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.js';

/** The server's database, whichever engine is under it: PostgreSQL, or embedded PGlite. */
export type ServerDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface OpenedServerDb {
  db: ServerDb;
  engine: 'postgresql' | 'pglite';
  close(): Promise<void>;
}

export const SERVER_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Opens the store and applies pending migrations (drizzle's migrator, in a transaction).
 * With a `databaseUrl` it is a real PostgreSQL; without, embedded PGlite in `dataDir`, so
 * `npm run server` runs on a fresh machine with no set-up.
 */
export async function openServerDb(options: {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
}): Promise<OpenedServerDb> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    const db = drizzlePg({ client: pool, schema });
    try {
      await migratePg(db, { migrationsFolder: SERVER_MIGRATIONS_DIR });
    } catch (error) {
      await pool.end();
      throw error;
    }
    return { db: db as unknown as ServerDb, engine: 'postgresql', close: () => pool.end() };
  }
  let client: PGlite;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    client = new PGlite(options.dataDir);
  } else {
    client = new PGlite();
  }
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder: SERVER_MIGRATIONS_DIR });
  return { db: db as unknown as ServerDb, engine: 'pglite', close: () => client.close() };
}
