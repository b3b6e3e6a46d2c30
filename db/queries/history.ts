import { and, asc, desc, eq } from 'drizzle-orm';
import type { ChangeOp, EntityName, FieldChange, HistoryEntry } from '../../shared/domain/audit.js';
import type { SiteDb } from '../open.js';
import { changeLog } from '../schema.js';

type LogRow = typeof changeLog.$inferSelect;

function toEntry(row: LogRow): HistoryEntry {
  return {
    changeId: row.changeId,
    entity: row.entity as EntityName,
    entityId: row.entityId,
    op: row.op as ChangeOp,
    changes: JSON.parse(row.changes) as Record<string, FieldChange>,
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
