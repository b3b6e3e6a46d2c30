import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import {
  DERIVED_FIELDS,
  type ChangeOp,
  type EntityName,
  type FieldChange,
  type HistoryEntry,
} from '../../shared/domain/audit.js';
import { maskAccountNumber } from '../../shared/domain/bank-accounts.js';
import type { SiteDb } from '../open.js';
import { changeLog } from '../schema.js';

type LogRow = typeof changeLog.$inferSelect;

/** How a history shows a value that must not be shown whole (the log itself keeps it). */
const MASKED: Partial<Record<EntityName, Record<string, (value: string) => string>>> = {
  bankAccount: { accountNumber: maskAccountNumber },
};

/** The changes as a user may see them: derived fields left out, sensitive ones masked. */
function visibleChanges(entity: EntityName, changes: Record<string, FieldChange>): Record<string, FieldChange> {
  const derived = DERIVED_FIELDS[entity] ?? [];
  const masks = MASKED[entity] ?? {};
  const shown: Record<string, FieldChange> = {};
  for (const [field, change] of Object.entries(changes)) {
    if (derived.includes(field)) continue;
    const mask = masks[field];
    const hide = (v: unknown) => (mask && typeof v === 'string' ? mask(v) : v);
    shown[field] = { old: hide(change.old), new: hide(change.new) };
  }
  return shown;
}

function toEntry(row: LogRow): HistoryEntry {
  const entity = row.entity as EntityName;
  return {
    changeId: row.changeId,
    entity,
    entityId: row.entityId,
    op: row.op as ChangeOp,
    changes: visibleChanges(entity, JSON.parse(row.changes) as Record<string, FieldChange>),
    actorId: row.actorId,
    actorName: row.actorName,
    deviceId: row.deviceId,
    at: row.at,
  };
}

/** A record's history, oldest first. */
export function recordHistory(db: SiteDb, entity: EntityName, entityId: string): HistoryEntry[] {
  return db
    .select()
    .from(changeLog)
    .where(and(eq(changeLog.entity, entity), eq(changeLog.entityId, entityId)))
    .orderBy(asc(changeLog.seq))
    .all()
    .map(toEntry);
}

export function findChange(db: SiteDb, changeId: string): HistoryEntry | undefined {
  const row = db.select().from(changeLog).where(eq(changeLog.changeId, changeId)).get();
  return row ? toEntry(row) : undefined;
}

/** The HLC of the last change written here, so a restarted clock never stamps below it. */
export function lastHlc(db: SiteDb): string | undefined {
  return db.select({ hlc: changeLog.hlc }).from(changeLog).orderBy(desc(changeLog.seq)).limit(1).get()?.hlc;
}

/** The history of several records together (a customer with its phones, vehicles…), oldest first. */
export function historyOfRecords(db: SiteDb, entityIds: readonly string[]): HistoryEntry[] {
  const rows: LogRow[] = [];
  for (let i = 0; i < entityIds.length; i += 500) {
    rows.push(
      ...db
        .select()
        .from(changeLog)
        .where(inArray(changeLog.entityId, entityIds.slice(i, i + 500)))
        .all(),
    );
  }
  return rows.sort((a, b) => a.seq - b.seq).map(toEntry);
}
