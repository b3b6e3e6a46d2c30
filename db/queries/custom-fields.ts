import { and, asc, count, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { CustomFieldDef, CustomFieldOption, CustomFieldTarget } from '../../shared/domain/custom-fields.js';
import type { Page } from '../../shared/domain/paging.js';
import type { SiteDb } from '../open.js';
import { customFieldDefs, customFieldOptions } from '../schema.js';
import { containsPattern, offsetOf, toPage } from './paging.js';

const liveDef = isNull(customFieldDefs.deletedAt);
const liveOption = isNull(customFieldOptions.deletedAt);
const defOrder = [asc(customFieldDefs.sortOrder), asc(customFieldDefs.id)];
const optionOrder = [asc(customFieldOptions.sortOrder), asc(customFieldOptions.id)];

export function listCustomFieldDefs(
  db: SiteDb,
  f: { target: CustomFieldTarget; title?: string | undefined; page: number; pageSize: number },
): Page<CustomFieldDef> {
  const where: SQL[] = [liveDef, eq(customFieldDefs.target, f.target)];
  if (f.title) where.push(sql`${customFieldDefs.title} LIKE ${containsPattern(f.title)} ESCAPE '\\'`);
  const condition = and(...where);
  const total = db.select({ n: count() }).from(customFieldDefs).where(condition).get()?.n ?? 0;
  const items = db
    .select()
    .from(customFieldDefs)
    .where(condition)
    .orderBy(...defOrder)
    .limit(f.pageSize)
    .offset(offsetOf(f.page, f.pageSize))
    .all();
  return toPage(items, total, f.page, f.pageSize);
}

export function getCustomFieldDef(db: SiteDb, id: string): CustomFieldDef | undefined {
  return db
    .select()
    .from(customFieldDefs)
    .where(and(eq(customFieldDefs.id, id), liveDef))
    .get();
}

export function findCustomFieldDefByTitle(
  db: SiteDb,
  target: string,
  title: string,
  exceptId?: string,
): CustomFieldDef | undefined {
  const where = [liveDef, eq(customFieldDefs.target, target as CustomFieldTarget), eq(customFieldDefs.title, title)];
  if (exceptId) where.push(ne(customFieldDefs.id, exceptId));
  return db
    .select()
    .from(customFieldDefs)
    .where(and(...where))
    .get();
}

export function customFieldDefSiblings(db: SiteDb, target: string): { id: string; sortOrder: number }[] {
  return db
    .select({ id: customFieldDefs.id, sortOrder: customFieldDefs.sortOrder })
    .from(customFieldDefs)
    .where(and(liveDef, eq(customFieldDefs.target, target as CustomFieldTarget)))
    .orderBy(...defOrder)
    .all();
}

export function listCustomFieldOptions(db: SiteDb, defId: string): CustomFieldOption[] {
  return db
    .select()
    .from(customFieldOptions)
    .where(and(liveOption, eq(customFieldOptions.defId, defId)))
    .orderBy(...optionOrder)
    .all();
}

export function getCustomFieldOption(db: SiteDb, id: string): CustomFieldOption | undefined {
  return db
    .select()
    .from(customFieldOptions)
    .where(and(eq(customFieldOptions.id, id), liveOption))
    .get();
}

export function findCustomFieldOptionByName(
  db: SiteDb,
  defId: string,
  name: string,
  exceptId?: string,
): CustomFieldOption | undefined {
  const where = [liveOption, eq(customFieldOptions.defId, defId), eq(customFieldOptions.name, name)];
  if (exceptId) where.push(ne(customFieldOptions.id, exceptId));
  return db
    .select()
    .from(customFieldOptions)
    .where(and(...where))
    .get();
}

export function nextSortOrder(siblings: readonly { sortOrder: number }[]): number {
  return siblings.reduce((max, s) => Math.max(max, s.sortOrder), 0) + 1;
}

/** The open (开启) definitions of a target: the fields its forms show and accept. */
export function openCustomFieldDefs(db: SiteDb, target: CustomFieldTarget): CustomFieldDef[] {
  return db
    .select()
    .from(customFieldDefs)
    .where(and(liveDef, eq(customFieldDefs.target, target), eq(customFieldDefs.enabled, true)))
    .orderBy(...defOrder)
    .all();
}
