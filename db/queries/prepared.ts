import type { SiteDb } from '../open.js';

/**
 * Queries on hot paths (every customer saved or imported runs them) are built once per
 * database with drizzle placeholders and reused: building a query's SQL costs more than
 * running it on an index.
 */
const caches = new WeakMap<SiteDb, Map<string, unknown>>();

export function prepared<T>(db: SiteDb, key: string, build: (db: SiteDb) => T): T {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let query = cache.get(key) as T | undefined;
  if (query === undefined) {
    query = build(db);
    cache.set(key, query);
  }
  return query;
}
