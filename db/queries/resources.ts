import { and, asc, count, eq, gt, inArray, isNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Page } from '../../shared/domain/paging.js';
import type { Resource, ResourceKind, ResourceStatus } from '../../shared/domain/resources.js';
import type { SiteDb } from '../open.js';
import { customerResources, customers, resourceLineage, resources } from '../schema.js';
import { containsPattern, offsetOf, toPage } from './paging.js';

/** Live on date `on` (YYYY-MM-DD): started by then and not yet ended by a split or merge. */
export function aliveOn(on: string): SQL {
  return and(
    isNull(resources.deletedAt),
    lte(resources.validFrom, on),
    or(isNull(resources.endedOn), gt(resources.endedOn, on)),
  )!;
}

/** Today on this device's calendar: users date splits and relations in local time (Beijing), not UTC. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function getResource(db: SiteDb, id: string): Resource | undefined {
  return db
    .select()
    .from(resources)
    .where(and(eq(resources.id, id), isNull(resources.deletedAt)))
    .get();
}

export function getResources(db: SiteDb, ids: readonly string[]): Resource[] {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(resources)
    .where(and(inArray(resources.id, [...ids]), isNull(resources.deletedAt)))
    .all();
}

export function resourceChildren(db: SiteDb, projectId: string, parentId: string | null, on: string): Resource[] {
  return db
    .select()
    .from(resources)
    .where(
      and(
        eq(resources.projectId, projectId),
        parentId ? eq(resources.parentId, parentId) : isNull(resources.parentId),
        aliveOn(on),
      ),
    )
    .orderBy(asc(resources.sortOrder), asc(resources.code))
    .all();
}

export function countChildren(db: SiteDb, parentIds: readonly string[], on: string): Map<string, number> {
  if (parentIds.length === 0) return new Map();
  const rows = db
    .select({ parentId: resources.parentId, n: count() })
    .from(resources)
    .where(and(inArray(resources.parentId, [...parentIds]), aliveOn(on)))
    .groupBy(resources.parentId)
    .all();
  return new Map(rows.map((r) => [r.parentId ?? '', r.n]));
}

/** Everything below a resource on a date, in tree order. */
export function subtree(db: SiteDb, root: Resource, on: string): Resource[] {
  return db
    .select()
    .from(resources)
    .where(and(like(resources.path, `${root.path}${root.id}/%`), aliveOn(on)))
    .orderBy(asc(resources.floorNo), asc(resources.sortOrder))
    .all();
}

/** Current resources of a project holding one of these codes (codes are unique among current ones). */
export function liveCodes(db: SiteDb, projectId: string, codes: readonly string[], on: string): Resource[] {
  if (codes.length === 0) return [];
  const found: Resource[] = [];
  for (let i = 0; i < codes.length; i += 500) {
    found.push(
      ...db
        .select()
        .from(resources)
        .where(and(eq(resources.projectId, projectId), inArray(resources.code, codes.slice(i, i + 500)), aliveOn(on)))
        .all(),
    );
  }
  return found;
}

export interface ResourceListFilter {
  projectId: string;
  kind?: ResourceKind | undefined;
  status?: ResourceStatus | undefined;
  under?: Resource | undefined;
  query?: string | undefined;
  on: string;
  page: number;
  pageSize: number;
}

export function listResources(db: SiteDb, f: ResourceListFilter): Page<Resource> {
  const where: SQL[] = [eq(resources.projectId, f.projectId), aliveOn(f.on)];
  if (f.kind) where.push(eq(resources.kind, f.kind));
  if (f.status) where.push(eq(resources.status, f.status));
  if (f.under) where.push(like(resources.path, `${f.under.path}${f.under.id}/%`));
  if (f.query) {
    const pattern = containsPattern(f.query);
    where.push(or(sql`${resources.code} LIKE ${pattern} ESCAPE '\\'`, sql`${resources.name} LIKE ${pattern} ESCAPE '\\'`)!);
  }
  const condition = and(...where);
  const total = db.select({ n: count() }).from(resources).where(condition).get()?.n ?? 0;
  const items = db
    .select()
    .from(resources)
    .where(condition)
    .orderBy(asc(resources.path), asc(resources.sortOrder), asc(resources.code))
    .limit(f.pageSize)
    .offset(offsetOf(f.page, f.pageSize))
    .all();
  return toPage(items, total, f.page, f.pageSize);
}

export interface RelationRow {
  id: string;
  projectId: string | null;
  customerId: string;
  customerName: string;
  resourceId: string;
  role: (typeof customerResources.$inferSelect)['role'];
  share: number | null;
  startDate: string;
  endDate: string | null;
  remark: string;
}

const relationColumns = {
  id: customerResources.id,
  projectId: customerResources.projectId,
  customerId: customerResources.customerId,
  customerName: customers.name,
  resourceId: customerResources.resourceId,
  role: customerResources.role,
  share: customerResources.share,
  startDate: customerResources.startDate,
  endDate: customerResources.endDate,
  remark: customerResources.remark,
};

/** Relations current on a date: started by then, not ended by then. */
export function currentRelationsOf(db: SiteDb, resourceIds: readonly string[], on: string): RelationRow[] {
  if (resourceIds.length === 0) return [];
  const rows: RelationRow[] = [];
  for (let i = 0; i < resourceIds.length; i += 500) {
    rows.push(
      ...db
        .select(relationColumns)
        .from(customerResources)
        .innerJoin(customers, eq(customers.id, customerResources.customerId))
        .where(
          and(
            inArray(customerResources.resourceId, resourceIds.slice(i, i + 500)),
            isNull(customerResources.deletedAt),
            lte(customerResources.startDate, on),
            or(isNull(customerResources.endDate), gt(customerResources.endDate, on)),
          ),
        )
        .orderBy(asc(customerResources.startDate))
        .all(),
    );
  }
  return rows;
}

/** Relations still running on or after a date: current ones and those that begin later. */
export function relationsFrom(db: SiteDb, resourceIds: readonly string[], on: string): RelationRow[] {
  if (resourceIds.length === 0) return [];
  return db
    .select(relationColumns)
    .from(customerResources)
    .innerJoin(customers, eq(customers.id, customerResources.customerId))
    .where(
      and(
        inArray(customerResources.resourceId, [...resourceIds]),
        isNull(customerResources.deletedAt),
        or(isNull(customerResources.endDate), gt(customerResources.endDate, on)),
      ),
    )
    .orderBy(asc(customerResources.startDate))
    .all();
}

export function allRelationsOf(db: SiteDb, where: { resourceId?: string; customerId?: string }): RelationRow[] {
  const conditions: SQL[] = [isNull(customerResources.deletedAt)];
  if (where.resourceId) conditions.push(eq(customerResources.resourceId, where.resourceId));
  if (where.customerId) conditions.push(eq(customerResources.customerId, where.customerId));
  return db
    .select(relationColumns)
    .from(customerResources)
    .innerJoin(customers, eq(customers.id, customerResources.customerId))
    .where(and(...conditions))
    .orderBy(asc(customerResources.startDate), asc(customerResources.id))
    .all();
}

export function lineageOf(db: SiteDb, id: string) {
  const columns = {
    id: resourceLineage.id,
    operationId: resourceLineage.operationId,
    op: resourceLineage.op,
    fromId: resourceLineage.fromId,
    toId: resourceLineage.toId,
    effectiveOn: resourceLineage.effectiveOn,
  };
  return {
    from: db
      .select(columns)
      .from(resourceLineage)
      .where(and(eq(resourceLineage.toId, id), isNull(resourceLineage.deletedAt)))
      .all(),
    to: db
      .select(columns)
      .from(resourceLineage)
      .where(and(eq(resourceLineage.fromId, id), isNull(resourceLineage.deletedAt)))
      .all(),
  };
}

export function maxSortOrder(db: SiteDb, projectId: string, parentId: string | null): number {
  const row = db
    .select({ max: sql<number | null>`max(${resources.sortOrder})` })
    .from(resources)
    .where(and(eq(resources.projectId, projectId), parentId ? eq(resources.parentId, parentId) : isNull(resources.parentId)))
    .get();
  return row?.max ?? 0;
}
