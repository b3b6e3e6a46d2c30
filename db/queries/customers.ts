import { and, asc, count, desc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { maskIdNumber, type Customer, type CustomerBrief } from '../../shared/domain/customers.js';
import type { IdDocumentType } from '../../shared/domain/id-documents.js';
import type { Page } from '../../shared/domain/paging.js';
import type { SiteDb } from '../open.js';
import {
  bankAccounts,
  customerMerges,
  customerPhones,
  customerResources,
  customers,
  familyMembers,
  resources,
  vehicles,
} from '../schema.js';
import { offsetOf, toPage } from './paging.js';
import { prepared } from './prepared.js';

const liveCustomer = and(isNull(customers.deletedAt), isNull(customers.mergedInto))!;

export function getCustomer(db: SiteDb, id: string): Customer | undefined {
  return db
    .select()
    .from(customers)
    .where(and(eq(customers.id, id), isNull(customers.deletedAt)))
    .get() as Customer | undefined;
}

/** Any row of the customer, merged or tombstoned ones included (history, undo). */
export function findCustomerRow(db: SiteDb, id: string): Customer | undefined {
  return db.select().from(customers).where(eq(customers.id, id)).get() as Customer | undefined;
}

export function findByIdKey(db: SiteDb, idKey: string, exceptId?: string): Customer | undefined {
  if (idKey === '') return undefined;
  const where = [liveCustomer, eq(customers.idKey, idKey)];
  if (exceptId) where.push(ne(customers.id, exceptId));
  return db
    .select()
    .from(customers)
    .where(and(...where))
    .get() as Customer | undefined;
}

export function phonesOf(db: SiteDb, customerIds: readonly string[]) {
  if (customerIds.length === 0) return [];
  if (customerIds.length === 1) {
    const query = prepared(db, 'customers.phonesOfOne', (d) =>
      d
        .select()
        .from(customerPhones)
        .where(and(eq(customerPhones.customerId, sql.placeholder('id')), isNull(customerPhones.deletedAt)))
        .orderBy(desc(customerPhones.isPrimary), asc(customerPhones.id))
        .prepare(),
    );
    return query.all({ id: customerIds[0] });
  }
  return db
    .select()
    .from(customerPhones)
    .where(and(inArray(customerPhones.customerId, [...customerIds]), isNull(customerPhones.deletedAt)))
    .orderBy(desc(customerPhones.isPrimary), asc(customerPhones.id))
    .all();
}

/** Live customers holding any of these numbers. */
export function customerIdsByPhones(db: SiteDb, numbers: readonly string[], exceptId?: string): string[] {
  const query = prepared(db, 'customers.idsByPhone', (d) =>
    d
      .selectDistinct({ id: customerPhones.customerId })
      .from(customerPhones)
      .innerJoin(customers, eq(customers.id, customerPhones.customerId))
      .where(and(eq(customerPhones.number, sql.placeholder('number')), isNull(customerPhones.deletedAt), liveCustomer))
      .prepare(),
  );
  const ids = new Set<string>();
  for (const number of numbers) for (const row of query.all({ number })) ids.add(row.id);
  return [...ids].filter((id) => id !== exceptId);
}

export function briefs(db: SiteDb, ids: readonly string[]): CustomerBrief[] {
  if (ids.length === 0) return [];
  const rows = db
    .select()
    .from(customers)
    .where(inArray(customers.id, [...ids]))
    .all();
  const phones = phonesOf(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const c = byId.get(id);
    if (!c) return [];
    return [
      {
        id: c.id,
        kind: c.kind,
        name: c.name,
        idType: c.idType as IdDocumentType,
        idNumberMasked: maskIdNumber(c.idNumber),
        phones: phones.filter((p) => p.customerId === id).map((p) => p.number),
      },
    ];
  });
}

export function listCustomers(
  db: SiteDb,
  f: { ids?: string[] | undefined; page: number; pageSize: number },
): Page<{ id: string; updatedAt: string }> {
  const where: SQL[] = [liveCustomer];
  if (f.ids) where.push(f.ids.length ? inArray(customers.id, f.ids) : sql`0`);
  const condition = and(...where);
  const total = db.select({ n: count() }).from(customers).where(condition).get()?.n ?? 0;
  const items = db
    .select({ id: customers.id, updatedAt: customers.updatedAt })
    .from(customers)
    .where(condition)
    .orderBy(desc(customers.updatedAt), desc(customers.id))
    .limit(f.pageSize)
    .offset(offsetOf(f.page, f.pageSize))
    .all();
  return toPage(items, total, f.page, f.pageSize);
}

/** Customers holding a resource of one project (any role, any time). */
export function customerIdsOfProject(db: SiteDb, projectId: string): string[] {
  return db
    .selectDistinct({ id: customerResources.customerId })
    .from(customerResources)
    .where(and(eq(customerResources.projectId, projectId), isNull(customerResources.deletedAt)))
    .all()
    .map((r) => r.id);
}

export function familyOf(db: SiteDb, customerId: string) {
  return db
    .select()
    .from(familyMembers)
    .where(
      and(or(eq(familyMembers.customerId, customerId), eq(familyMembers.memberId, customerId)), isNull(familyMembers.deletedAt)),
    )
    .all();
}

export function vehiclesOf(db: SiteDb, customerId: string) {
  return db
    .select({ vehicle: vehicles, parkingCode: resources.code })
    .from(vehicles)
    .leftJoin(resources, eq(resources.id, vehicles.parkingId))
    .where(and(eq(vehicles.customerId, customerId), isNull(vehicles.deletedAt)))
    .all();
}

export function findVehicleByPlate(db: SiteDb, plate: string, exceptId?: string) {
  const where = [eq(vehicles.plate, plate), isNull(vehicles.deletedAt)];
  if (exceptId) where.push(ne(vehicles.id, exceptId));
  return db
    .select()
    .from(vehicles)
    .where(and(...where))
    .get();
}

export function accountsOf(db: SiteDb, customerId: string) {
  return db
    .select()
    .from(bankAccounts)
    .where(and(eq(bankAccounts.customerId, customerId), isNull(bankAccounts.deletedAt)))
    .orderBy(desc(bankAccounts.isPrimary), asc(bankAccounts.id))
    .all();
}

/** Every live row that points at a customer, by entity and column: what a merge moves. */
export function rowsPointingAt(db: SiteDb, customerId: string) {
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  return {
    phones: ids(
      db
        .select({ id: customerPhones.id })
        .from(customerPhones)
        .where(and(eq(customerPhones.customerId, customerId), isNull(customerPhones.deletedAt)))
        .all(),
    ),
    familyAsCustomer: ids(
      db
        .select({ id: familyMembers.id })
        .from(familyMembers)
        .where(and(eq(familyMembers.customerId, customerId), isNull(familyMembers.deletedAt)))
        .all(),
    ),
    familyAsMember: ids(
      db
        .select({ id: familyMembers.id })
        .from(familyMembers)
        .where(and(eq(familyMembers.memberId, customerId), isNull(familyMembers.deletedAt)))
        .all(),
    ),
    vehicles: ids(
      db
        .select({ id: vehicles.id })
        .from(vehicles)
        .where(and(eq(vehicles.customerId, customerId), isNull(vehicles.deletedAt)))
        .all(),
    ),
    accounts: ids(
      db
        .select({ id: bankAccounts.id })
        .from(bankAccounts)
        .where(and(eq(bankAccounts.customerId, customerId), isNull(bankAccounts.deletedAt)))
        .all(),
    ),
    relations: ids(
      db
        .select({ id: customerResources.id })
        .from(customerResources)
        .where(and(eq(customerResources.customerId, customerId), isNull(customerResources.deletedAt)))
        .all(),
    ),
  };
}

export function mergesInto(db: SiteDb, survivorId: string) {
  return db
    .select({ id: customerMerges.id, mergedId: customerMerges.mergedId, undone: customerMerges.undone })
    .from(customerMerges)
    .where(and(eq(customerMerges.survivorId, survivorId), isNull(customerMerges.deletedAt)))
    .all();
}

export function vehicleBriefs(db: SiteDb, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: vehicles.id, plate: vehicles.plate, customerId: vehicles.customerId, customerName: customers.name })
    .from(vehicles)
    .innerJoin(customers, eq(customers.id, vehicles.customerId))
    .where(inArray(vehicles.id, [...ids]))
    .all();
}
