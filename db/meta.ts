import { and, eq, gte, lt } from 'drizzle-orm';
import type { SiteDb } from './open.js';
import { meta } from './schema.js';

/**
 * Device-local settings. They describe this installation, not the business, so they are
 * neither logged nor synced: the one table written outside the change-log write path.
 */
export function getMeta(db: SiteDb, key: string): string | undefined {
  return db.select({ value: meta.value }).from(meta).where(eq(meta.key, key)).get()?.value;
}

export function setMeta(db: SiteDb, key: string, value: string): void {
  db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
}

export function getOrCreateMeta(db: SiteDb, key: string, create: () => string): string {
  const existing = getMeta(db, key);
  if (existing !== undefined) return existing;
  const value = create();
  setMeta(db, key, value);
  return value;
}

export function deleteMeta(db: SiteDb, key: string): void {
  db.delete(meta).where(eq(meta.key, key)).run();
}

/** Every setting whose key starts with `prefix` (e.g. the sync cursors 'sync.cursor.'). */
export function metaWithPrefix(db: SiteDb, prefix: string): { key: string; value: string }[] {
  return db
    .select()
    .from(meta)
    .where(and(gte(meta.key, prefix), lt(meta.key, `${prefix}\uffff`)))
    .all();
}
