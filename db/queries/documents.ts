import { and, desc, eq, isNull } from 'drizzle-orm';
import type { SiteDb } from '../open.js';
import { customerDocuments } from '../schema.js';

/** 证件扫描件 of a customer (live ones), newest first. */
export function documentsOf(db: SiteDb, customerId: string) {
  return db
    .select()
    .from(customerDocuments)
    .where(and(eq(customerDocuments.customerId, customerId), isNull(customerDocuments.deletedAt)))
    .orderBy(desc(customerDocuments.createdAt), desc(customerDocuments.id))
    .all();
}

export function getDocument(db: SiteDb, id: string) {
  return db
    .select()
    .from(customerDocuments)
    .where(and(eq(customerDocuments.id, id), isNull(customerDocuments.deletedAt)))
    .get();
}

/** Live documents of a customer with this content (the same scan added twice). */
export function documentWithContent(db: SiteDb, customerId: string, hash: string) {
  return db
    .select({ id: customerDocuments.id })
    .from(customerDocuments)
    .where(
      and(eq(customerDocuments.customerId, customerId), eq(customerDocuments.hash, hash), isNull(customerDocuments.deletedAt)),
    )
    .get();
}
