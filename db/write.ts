import type Database from 'better-sqlite3';
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import { uuidv7 } from '../shared/ids/uuidv7.js';
import type { HybridLogicalClock } from '../shared/sync/hlc.js';
import { MAX_PUSH_CHANGES } from '../shared/sync/protocol.js';
import type { Actor, ChangeOp, EntityName, FieldChange } from '../shared/domain/audit.js';
import { derivedValues } from '../shared/domain/derived.js';

export type { Actor };
import { AppError } from '../shared/errors.js';
import { entityTables, type EntityPatch, type EntityRow, type EntityValues } from './entities.js';
import type { SiteDb } from './open.js';

/**
 * THE write path. Every change to a synced table goes through a TxWriter, which in one
 * transaction writes the row and appends its change-log entry (who, when, device, entity,
 * id, field old → new). Nothing else in the code base writes these tables: the log is the
 * audit history and the sync outbox, so a write around it would be invisible to both.
 */
export interface WriteContext {
  actor: Actor;
  deviceId: string;
  clock: HybridLogicalClock;
  /** Wall clock for the human-readable time; order comes from the HLC. */
  now?: () => Date;
  /**
   * The project the user is working in (the header's current project), stamped on every
   * change: a group-global customer made while working in a project belongs to it. Called
   * once per change, so it must be cheap (the host keeps the value in memory).
   */
  contextProjectId?: () => string | null;
  /** Called after a transaction of this writer has committed (the sync worker syncs soon after). */
  afterCommit?: () => void;
}

type Sqlite = SiteDb['$client'];
type Statement = Database.Statement<unknown[]>;

/** Audit columns: set by the write path, never part of a change's field list. */
export const AUDIT_FIELDS: ReadonlySet<string> = new Set(['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt']);

export interface ColumnInfo {
  key: string;
  name: string;
  /** NOT NULL without a schema default: a row cannot be inserted without a value for it. */
  required: boolean;
  dataType: string;
  /** The schema's default, for fields a caller leaves out (the INSERT names every column). */
  defaultValue(): unknown;
  toDriver(value: unknown): unknown;
  fromDriver(value: unknown): unknown;
}

/**
 * Prepared statements per entity, built once from the drizzle table definition. The write
 * path is the hot path of imports and sync, so it does not rebuild SQL for every row.
 * The sync applier (db/sync-apply.ts) writes remote state through the same statements.
 */
export class EntityStatements {
  readonly columns: ColumnInfo[];
  private readonly byKey: Map<string, ColumnInfo>;
  readonly insert: Statement;
  readonly select: Statement;
  /** Physical removal: only the sync applier uses it (a rolled-back creation, a purge). */
  readonly deleteById: Statement;
  private readonly updates = new Map<string, Statement>();

  constructor(
    private readonly sqlite: Sqlite,
    private readonly table: string,
    drizzleColumns: Record<string, Column>,
  ) {
    this.columns = Object.entries(drizzleColumns).map(([key, column]) => ({
      key,
      name: column.name,
      required: column.notNull && !column.hasDefault,
      dataType: column.dataType,
      defaultValue: () => (column.defaultFn ? column.defaultFn() : (column.default ?? null)),
      toDriver: (value) => (value === null || value === undefined ? null : column.mapToDriverValue(value)),
      fromDriver: (value) => (value === null ? null : column.mapFromDriverValue(value)),
    }));
    this.byKey = new Map(this.columns.map((c) => [c.key, c]));
    const names = this.columns.map((c) => `"${c.name}"`).join(', ');
    this.insert = sqlite.prepare(`INSERT INTO "${table}" (${names}) VALUES (${this.columns.map(() => '?').join(', ')})`);
    this.select = sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`);
    this.deleteById = sqlite.prepare(`DELETE FROM "${table}" WHERE id = ?`);
  }

  get tableName(): string {
    return this.table;
  }

  column(key: string): ColumnInfo | undefined {
    return this.byKey.get(key);
  }

  /** The row as it will be stored: every column, the schema's default where none was given. */
  withDefaults(row: Record<string, unknown>): Record<string, unknown> {
    const full: Record<string, unknown> = {};
    for (const c of this.columns) full[c.key] = row[c.key] === undefined ? c.defaultValue() : row[c.key];
    return full;
  }

  insertValues(row: Record<string, unknown>): unknown[] {
    return this.columns.map((c) => c.toDriver(row[c.key]));
  }

  toRow(raw: Record<string, unknown>): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    for (const c of this.columns) row[c.key] = c.fromDriver(raw[c.name] ?? null);
    return row;
  }

  /** UPDATE … SET for exactly these fields; cached per field set. */
  update(keys: readonly string[]): { statement: Statement; params: (set: Record<string, unknown>, id: string) => unknown[] } {
    const columns = keys.map((k) => {
      const column = this.byKey.get(k);
      if (!column) throw new Error(`${this.table} has no field ${k}`);
      return column;
    });
    const cacheKey = keys.join(',');
    let statement = this.updates.get(cacheKey);
    if (!statement) {
      statement = this.sqlite.prepare(
        `UPDATE "${this.table}" SET ${columns.map((c) => `"${c.name}" = ?`).join(', ')} WHERE id = ?`,
      );
      this.updates.set(cacheKey, statement);
    }
    return { statement, params: (set, id) => [...columns.map((c) => c.toDriver(set[c.key])), id] };
  }
}

/** The statements of one database connection. */
export class Statements {
  private readonly entities = new Map<EntityName, EntityStatements>();
  readonly log: Statement;

  constructor(private readonly sqlite: Sqlite) {
    this.log = sqlite.prepare(
      `INSERT INTO change_log (change_id, tx_id, entity, entity_id, project_id, op, changes, actor_id, actor_name, device_id, at, hlc, context_project_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  entity(entity: EntityName): EntityStatements {
    let statements = this.entities.get(entity);
    if (!statements) {
      const table = entityTables[entity];
      statements = new EntityStatements(this.sqlite, getTableName(table), getTableColumns(table) as Record<string, Column>);
      this.entities.set(entity, statements);
    }
    return statements;
  }
}

export class ChangeWriter {
  private readonly statements: Statements;

  constructor(
    private readonly db: SiteDb,
    private readonly context: WriteContext,
  ) {
    this.statements = new Statements(db.$client);
  }

  /**
   * Runs `work` in one transaction: all its writes and log entries land together or not at
   * all. Nested calls become savepoints of the outer transaction.
   */
  transaction<T>(work: (tx: TxWriter) => T): T {
    return this.transactionWithId(uuidv7(), work);
  }

  /**
   * A transaction with a given id (a conflict's retry names its new transaction first).
   * IMMEDIATE: the sync worker writes the same file on its own connection, and a deferred
   * transaction that read before that commit could not write afterwards (SQLITE_BUSY);
   * an immediate one waits for the lock (busy timeout) instead.
   */
  transactionWithId<T>(txId: string, work: (tx: TxWriter) => T): T {
    const sqlite = this.db.$client;
    const result = sqlite.transaction(() => work(new TxWriter(this.statements, this.context, txId))).immediate();
    if (!sqlite.inTransaction) this.context.afterCommit?.();
    return result;
  }

  /** Who writes from now on (the employee signed in with the group server). */
  setActor(actor: Actor): void {
    this.context.actor = actor;
  }

  get actor(): Actor {
    return this.context.actor;
  }
}

/**
 * The most changes one sync unit (change_log.tx_id) holds. The group server applies a unit
 * whole or not at all and takes at most MAX_PUSH_CHANGES changes per push, so a larger
 * transaction (an Excel import of thousands of rows) is logged as several units of this
 * size, in order: locally it still commits all or nothing; on the server each unit is whole.
 */
export const SYNC_UNIT_MAX = MAX_PUSH_CHANGES;

export class TxWriter {
  private unitId: string;
  private unitSize = 0;

  constructor(
    private readonly statements: Statements,
    private readonly context: WriteContext,
    txId: string,
  ) {
    this.unitId = txId;
  }

  /** The sync unit the next change is logged under (the transaction's id, until it outgrows SYNC_UNIT_MAX). */
  get txId(): string {
    return this.unitId;
  }

  get actor(): Actor {
    return this.context.actor;
  }

  /** Reads a row inside the transaction, tombstoned ones included. */
  find<E extends EntityName>(entity: E, id: string): EntityRow<E> | undefined {
    const statements = this.statements.entity(entity);
    const raw = statements.select.get(id) as Record<string, unknown> | undefined;
    return raw ? (statements.toRow(raw) as EntityRow<E>) : undefined;
  }

  /** Reads a live row or fails with NOT_FOUND. */
  get<E extends EntityName>(entity: E, id: string): EntityRow<E> {
    const row = this.find(entity, id);
    if (!row || row.deletedAt !== null) throw new AppError('NOT_FOUND');
    return row;
  }

  /** Writes a new record; its derived fields (search keys, shared/domain/derived.ts) are computed here. */
  create<E extends EntityName>(entity: E, values: EntityValues<E>): EntityRow<E> {
    const statements = this.statements.entity(entity);
    const { at } = this.stamp();
    const id = values.id ?? uuidv7();
    const row = {
      ...values,
      id,
      createdAt: at,
      createdBy: this.actor.id,
      updatedAt: at,
      updatedBy: this.actor.id,
      deletedAt: null,
    };
    const full = statements.withDefaults(row);
    Object.assign(full, derivedValues(entity, full, values as Record<string, unknown>, true));
    const written = full as EntityRow<E>;
    statements.insert.run(...statements.insertValues(written));
    const changes: Record<string, FieldChange> = {};
    for (const [field, value] of Object.entries(written)) {
      if (!AUDIT_FIELDS.has(field)) changes[field] = { old: null, new: value };
    }
    this.log(entity, written, 'create', changes, at);
    return written;
  }

  /**
   * Writes only the fields that differ; an update that changes nothing writes nothing. An
   * update that sets a source of derived fields (a customer's name) recomputes them here.
   */
  update<E extends EntityName>(entity: E, id: string, patch: EntityPatch<E>): EntityRow<E> {
    const current = this.get(entity, id);
    const before = current as Record<string, unknown>;
    const given = patch as Record<string, unknown>;
    const defined: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(given)) if (value !== undefined) defined[field] = value;
    const derived = derivedValues(entity, { ...before, ...defined }, given, false);
    const changes = diff(before, { ...given, ...derived });
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
    const { statement, params } = this.statements.entity(entity).update(Object.keys(set));
    statement.run(...params(set, id));
  }

  private stamp(): { at: string } {
    return { at: (this.context.now?.() ?? new Date()).toISOString() };
  }

  private log(
    entity: EntityName,
    row: { id: string; projectId: string | null },
    op: ChangeOp,
    changes: Record<string, FieldChange>,
    at: string,
  ): void {
    if (this.unitSize >= SYNC_UNIT_MAX) {
      this.unitId = uuidv7();
      this.unitSize = 0;
    }
    this.unitSize++;
    this.statements.log.run(
      uuidv7(),
      this.unitId,
      entity,
      row.id,
      row.projectId,
      op,
      JSON.stringify(changes),
      this.actor.id,
      this.actor.name,
      this.context.deviceId,
      at,
      this.context.clock.now(),
      this.context.contextProjectId?.() ?? null,
    );
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
