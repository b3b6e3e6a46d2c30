import { eq, type InferSelectModel } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { uuidv7 } from '../shared/ids/uuidv7.js';
import type { HybridLogicalClock } from '../shared/sync/hlc.js';
import type { ChangeOp, EntityName, FieldChange } from '../shared/domain/audit.js';
import { AppError } from '../shared/errors.js';
import { entityTables, type EntityPatch, type EntityRow, type EntityValues } from './entities.js';
import type { SiteDb } from './open.js';
import { changeLog } from './schema.js';

/**
 * THE write path. Every change to a synced table goes through a TxWriter, which in one
 * transaction writes the row and appends its change-log entry (who, when, device, entity,
 * id, field old → new). Nothing else in the code base writes these tables: the log is the
 * audit history and the sync outbox, so a write around it would be invisible to both.
 */
export interface Actor {
  id: string;
  name: string;
}

export interface WriteContext {
  actor: Actor;
  deviceId: string;
  clock: HybridLogicalClock;
  /** Wall clock for the human-readable time; order comes from the HLC. */
  now?: () => Date;
}

type Executor = Parameters<Parameters<SiteDb['transaction']>[0]>[0];

/** Audit columns: set by the write path, never part of a change's field list. */
const AUDIT_FIELDS = new Set(['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt']);

export class ChangeWriter {
  constructor(
    private readonly db: SiteDb,
    private readonly context: WriteContext,
  ) {}

  /** Runs `work` in one transaction: all its writes and log entries land together or not at all. */
  transaction<T>(work: (tx: TxWriter) => T): T {
    return this.db.transaction((executor) => work(new TxWriter(executor, this.context, uuidv7())));
  }
}

export class TxWriter {
  constructor(
    private readonly executor: Executor,
    private readonly context: WriteContext,
    readonly txId: string,
  ) {}

  get actor(): Actor {
    return this.context.actor;
  }

  /** Reads a row inside the transaction, tombstoned ones included. */
  find<E extends EntityName>(entity: E, id: string): EntityRow<E> | undefined {
    const table = entityTables[entity] as unknown as SQLiteTable & { id: typeof entityTables.dictItem.id };
    return this.executor.select().from(table).where(eq(table.id, id)).get() as EntityRow<E> | undefined;
  }

  /** Reads a live row or fails with NOT_FOUND. */
  get<E extends EntityName>(entity: E, id: string): EntityRow<E> {
    const row = this.find(entity, id);
    if (!row || row.deletedAt !== null) throw new AppError('NOT_FOUND');
    return row;
  }

  create<E extends EntityName>(entity: E, values: EntityValues<E>): EntityRow<E> {
    const table = entityTables[entity];
    const { at } = this.stamp();
    const id = values.id ?? uuidv7();
    const row = { ...values, id, createdAt: at, createdBy: this.actor.id, updatedAt: at, updatedBy: this.actor.id, deletedAt: null };
    this.executor.insert(table).values(row as never).run();
    const written = this.get(entity, id);
    const changes: Record<string, FieldChange> = {};
    for (const [field, value] of Object.entries(written)) {
      if (!AUDIT_FIELDS.has(field)) changes[field] = { old: null, new: value };
    }
    this.log(entity, written, 'create', changes, at);
    return written;
  }

  /** Writes only the fields that differ; an update that changes nothing writes nothing. */
  update<E extends EntityName>(entity: E, id: string, patch: EntityPatch<E>): EntityRow<E> {
    const current = this.get(entity, id);
    const changes = diff(current as Record<string, unknown>, patch as Record<string, unknown>);
    if (Object.keys(changes).length === 0) return current;
    const { at } = this.stamp();
    const set: Record<string, unknown> = { updatedAt: at, updatedBy: this.actor.id };
    for (const [field, change] of Object.entries(changes)) set[field] = change.new;
    this.write(entity, id, set);
    this.log(entity, current, 'update', changes, at);
    return this.get(entity, id);
  }

  /** Tombstones a row: it disappears from lists but stays restorable and syncable. */
  remove<E extends EntityName>(entity: E, id: string): void {
    const current = this.get(entity, id);
    const { at } = this.stamp();
    this.write(entity, id, { deletedAt: at, updatedAt: at, updatedBy: this.actor.id });
    this.log(entity, current, 'delete', { deletedAt: { old: null, new: at } }, at);
  }

  undelete<E extends EntityName>(entity: E, id: string): EntityRow<E> {
    const current = this.find(entity, id);
    if (!current) throw new AppError('NOT_FOUND');
    if (current.deletedAt === null) return current;
    const { at } = this.stamp();
    this.write(entity, id, { deletedAt: null, updatedAt: at, updatedBy: this.actor.id });
    this.log(entity, current, 'undelete', { deletedAt: { old: current.deletedAt, new: null } }, at);
    return this.get(entity, id);
  }

  private write(entity: EntityName, id: string, set: Record<string, unknown>): void {
    const table = entityTables[entity] as typeof entityTables.dictItem;
    this.executor.update(table).set(set as never).where(eq(table.id, id)).run();
  }

  private stamp(): { at: string } {
    return { at: (this.context.now?.() ?? new Date()).toISOString() };
  }

  private log(
    entity: EntityName,
    row: InferSelectModel<typeof entityTables.dictItem> | { id: string; projectId: string | null },
    op: ChangeOp,
    changes: Record<string, FieldChange>,
    at: string,
  ): void {
    this.executor
      .insert(changeLog)
      .values({
        changeId: uuidv7(),
        txId: this.txId,
        entity,
        entityId: row.id,
        projectId: row.projectId,
        op,
        changes: JSON.stringify(changes),
        actorId: this.actor.id,
        actorName: this.actor.name,
        deviceId: this.context.deviceId,
        at,
        hlc: this.context.clock.now(),
      })
      .run();
  }
}

function diff(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined || AUDIT_FIELDS.has(field) || field === 'projectId') continue;
    if (!Object.is(current[field], value)) changes[field] = { old: current[field] ?? null, new: value };
  }
  return changes;
}
