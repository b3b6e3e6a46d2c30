import { and, asc, count, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DictItem, DictTypeCode } from '../../shared/domain/dictionaries.js';
import type { Page } from '../../shared/domain/paging.js';
import type { SiteDb } from '../open.js';
import { dictItems } from '../schema.js';
import { containsPattern, offsetOf, toPage } from './paging.js';
import { prepared } from './prepared.js';

export interface DictListFilter {
  typeCode: DictTypeCode;
  name?: string | undefined;
  invalid: 'all' | 'yes' | 'no';
  page: number;
  pageSize: number;
}

const live = isNull(dictItems.deletedAt);
const order = [asc(dictItems.sortOrder), asc(dictItems.id)];

export function listDictItems(db: SiteDb, f: DictListFilter): Page<DictItem> {
  const where: SQL[] = [live, eq(dictItems.typeCode, f.typeCode)];
  if (f.name) where.push(sql`${dictItems.name} LIKE ${containsPattern(f.name)} ESCAPE '\\'`);
  if (f.invalid !== 'all') where.push(eq(dictItems.invalid, f.invalid === 'yes'));
  const condition = and(...where);
  const total = db.select({ n: count() }).from(dictItems).where(condition).get()?.n ?? 0;
  const items = db
    .select()
    .from(dictItems)
    .where(condition)
    .orderBy(...order)
    .limit(f.pageSize)
    .offset(offsetOf(f.page, f.pageSize))
    .all();
  return toPage(items as DictItem[], total, f.page, f.pageSize);
}

export function getDictItem(db: SiteDb, id: string): DictItem | undefined {
  const query = prepared(db, 'dict.byId', (d) =>
    d
      .select()
      .from(dictItems)
      .where(and(eq(dictItems.id, sql.placeholder('id')), live))
      .prepare(),
  );
  return query.get({ id }) as DictItem | undefined;
}

/** The whole ordered list of a type, as the move commands renumber it. */
export function dictSiblings(db: SiteDb, typeCode: string): { id: string; sortOrder: number }[] {
  return db
    .select({ id: dictItems.id, sortOrder: dictItems.sortOrder })
    .from(dictItems)
    .where(and(live, eq(dictItems.typeCode, typeCode)))
    .orderBy(...order)
    .all();
}

export function findDictItemByName(db: SiteDb, typeCode: string, name: string, exceptId?: string): DictItem | undefined {
  const where = [live, eq(dictItems.typeCode, typeCode), eq(dictItems.name, name)];
  if (exceptId) where.push(ne(dictItems.id, exceptId));
  return db
    .select()
    .from(dictItems)
    .where(and(...where))
    .get() as DictItem | undefined;
}

export function dictPickerOptions(db: SiteDb, typeCode: DictTypeCode, keepIds: readonly string[]): DictItem[] {
  const offered =
    keepIds.length > 0 ? or(eq(dictItems.invalid, false), inArray(dictItems.id, [...keepIds])) : eq(dictItems.invalid, false);
  return db
    .select()
    .from(dictItems)
    .where(and(live, eq(dictItems.typeCode, typeCode), offered))
    .orderBy(...order)
    .all() as DictItem[];
}

export function nextDictSortOrder(db: SiteDb, typeCode: string): number {
  const row = db
    .select({ max: sql<number | null>`max(${dictItems.sortOrder})` })
    .from(dictItems)
    .where(and(live, eq(dictItems.typeCode, typeCode)))
    .get();
  return (row?.max ?? 0) + 1;
}
