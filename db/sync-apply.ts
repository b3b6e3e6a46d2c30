import type Database from 'better-sqlite3';
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { ENTITY_NAMES, type ChangeOp, type EntityName, type FieldChange } from '../shared/domain/audit.js';
import type { ConflictChange, ConflictStatus } from '../shared/domain/sync.js';
import { uuidv7 } from '../shared/ids/uuidv7.js';
import { ENTITY_SYNC } from '../shared/sync/entities.js';
import { mergeFields, newestClock } from '../shared/sync/merge.js';
import {
  SYNC_ERROR_MESSAGES,
  type ChangeOutcome,
  type FeedEntry,
  type PullResponse,
  type PushResponse,
  type ServerRecord,
  type SyncChange,
} from '../shared/sync/protocol.js';
import { entityTables } from './entities.js';
import { deleteMeta, getMeta, metaWithPrefix, setMeta } from './meta.js';
import type { SiteDb } from './open.js';
import { lastHlc } from './queries/history.js';
import { existingChangeIds, existingIds, fieldClocks } from './queries/sync.js';
import { cursorKey, replayKey, replayUntil, SYNC_META } from './sync-settings.js';
import { AUDIT_FIELDS, EntityStatements } from './write.js';

/**
 * THE one place that writes the group server's state into the local database (beside the
 * write path, db/write.ts, which writes the user's own changes):
 *
 * - pulled feed pages, merged field by field against the local field clocks, together with
 *   the scope's cursor in ONE transaction, so a cut connection resumes exactly;
 * - the server's answers to a push: applied changes leave the outbox; a refused transaction
 *   is rolled back to the server's state, its change-log rows are marked rejected, and the
 *   user's attempt is kept in sync_conflicts (冲突);
 * - purges: a project no longer granted, or everything when the device is revoked.
 *
 * Every remote write appends a change-log row (pushed, with the author's device and actor,
 * or 'server' for the server's own), so the history shows remote edits and what they
 * overwrote. Nothing here ever waits on the network: each call is one synchronous
 * transaction over data already received.
 */

/** The author of the server's own writes (rollbacks, customer identity merges). */
export const SERVER_ACTOR = { id: 'server', name: '集团服务器' } as const;
export const SERVER_DEVICE = 'server';

/** Where merged values come from: the stamp of each field. */
interface Incoming {
  fields: Record<string, unknown>;
  hlc: string;
  clocks?: Record<string, string>;
}

interface Audit {
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

interface LogMeta {
  changeId: string;
  txId: string;
  op: ChangeOp;
  actorId: string;
  actorName: string;
  deviceId: string;
  at: string;
  hlc: string;
}

export interface HlcSink {
  receive(hlc: string): void;
}

export interface SyncApplierOptions {
  /** The device's clock: it receives every applied stamp so later local stamps sort after them. */
  clock?: HlcSink;
  now?: () => Date;
}

export interface PageResult {
  scope: string;
  applied: number;
  skipped: number;
  /** Entries applied before (by an older app) that brought fields it had skipped: merged into their log rows. */
  replayed: number;
  cursor: number;
  /** The greatest stamp this page brought (entries and the server's clock). */
  hlc: string | null;
}

export interface PushOutcomeResult {
  /** Changes the server applied, now out of the outbox. */
  applied: number;
  /** Changes of refused transactions. */
  rejected: number;
  /** Changes the response said nothing of: they stay in the outbox. */
  unanswered: number;
  /** The 冲突 rows created for refused transactions. */
  conflictIds: string[];
  hlc: string | null;
}

const HLC_RE = /^\d{15}:\d{6}:.+$/;
/** The stamp of a value no one set (a placeholder column): any real stamp is later. */
const ZERO_HLC = '000000000000000:000000:server';

/** Entity tables purged with a project: everything but the group's own records (projects, grants …). */
const PROJECT_ENTITIES = ENTITY_NAMES.filter((e) => ENTITY_SYNC[e].scope !== 'group');

/** Tables whose rows point at an entity by foreign key: removed with it on a physical delete. */
const FK_CHILDREN: Partial<Record<EntityName, { entity: EntityName; column: string }[]>> = (() => {
  const byTable = new Map<string, EntityName>(ENTITY_NAMES.map((e) => [getTableName(entityTables[e]), e]));
  const children: Partial<Record<EntityName, { entity: EntityName; column: string }[]>> = {};
  for (const entity of ENTITY_NAMES) {
    for (const fk of getTableConfig(entityTables[entity]).foreignKeys) {
      const ref = fk.reference();
      const parent = byTable.get(getTableName(ref.foreignTable));
      const column = ref.columns[0]?.name;
      if (parent && column) (children[parent] ??= []).push({ entity, column });
    }
  }
  return children;
})();

function maxHlc(a: string | null, b: string | null | undefined): string | null {
  if (!b || !HLC_RE.test(b)) return a;
  return a === null || b > a ? b : a;
}

type Sqlite = SiteDb['$client'];

export class SyncApplier {
  private readonly sqlite: Sqlite;
  private readonly entities = new Map<EntityName, EntityStatements>();
  private readonly placeholderRows = new Map<EntityName, Record<string, unknown>>();
  private logStatement: Database.Statement | undefined;

  constructor(
    private readonly db: SiteDb,
    private readonly options: SyncApplierOptions = {},
  ) {
    this.sqlite = db.$client;
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private statements(entity: EntityName): EntityStatements {
    let statements = this.entities.get(entity);
    if (!statements) {
      const table = entityTables[entity];
      statements = new EntityStatements(this.sqlite, getTableName(table), getTableColumns(table) as Record<string, Column>);
      this.entities.set(entity, statements);
    }
    return statements;
  }

  /** One immediate transaction (the UI's connection waits on the lock, never fails on it). */
  private inTransaction<T>(work: () => T): T {
    return this.sqlite
      .transaction(() => {
        // A page may bring an option before its field definition within one commit, and a
        // rollback removes a creation whose children go too: check references at commit.
        this.sqlite.pragma('defer_foreign_keys = ON');
        return work();
      })
      .immediate();
  }

  private receive(hlc: string | null): void {
    if (hlc && HLC_RE.test(hlc)) this.options.clock?.receive(hlc);
  }

  /** Keeps meta's high-water mark above every stamp in the log, for a clock restarted later. */
  private storeHighWater(hlc: string | null): void {
    let high = maxHlc(null, getMeta(this.db, SYNC_META.hlc));
    high = maxHlc(high, lastHlc(this.db));
    high = maxHlc(high, hlc);
    if (high) setMeta(this.db, SYNC_META.hlc, high);
  }

  // ─── Pull ───

  /**
   * Applies one page of a scope's feed and moves the scope's cursor to `page.next`, all in one
   * transaction: if anything fails, nothing of the page is applied and the cursor stays.
   * Entries already in the change log (the device's own changes echoed back, or a change
   * reaching two scopes) are skipped.
   */
  applyPage(page: PullResponse): PageResult {
    let applied = 0;
    let skipped = 0;
    let replayed = 0;
    let high: string | null = maxHlc(null, page.serverHlc);
    const cursor = this.inTransaction(() => {
      // What the page needs to know up front, in one statement each rather than one per entry:
      // which of its changes the log already holds, and which of its records have a row here.
      const seen = existingChangeIds(
        this.sqlite,
        page.entries.map((e) => e.changeId),
      );
      const present = this.presentRecords(page.entries);
      const pushedAt = this.now();
      // Pulled again after an upgrade: the entries an older app applied are looked at again.
      const replayTo = replayUntil(this.db, page.scope);
      const logged =
        replayTo > 0
          ? this.loggedChanges(page.entries.filter((e) => e.seq <= replayTo && seen.has(e.changeId)).map((e) => e.changeId))
          : null;
      for (const entry of page.entries) {
        if (seen.has(entry.changeId) || !(entry.entity in entityTables)) {
          const row = logged?.get(entry.changeId);
          if (row && entry.entity in entityTables && this.replayEntry(entry, row)) replayed++;
          else skipped++;
          continue;
        }
        seen.add(entry.changeId);
        const rows = present.get(entry.entity)!;
        this.applyEntry(entry, !rows.has(entry.entityId), pushedAt);
        rows.add(entry.entityId);
        applied++;
        high = maxHlc(high, entry.hlc);
        if (entry.clocks) for (const stamp of Object.values(entry.clocks)) high = maxHlc(high, stamp);
      }
      const current = Number(getMeta(this.db, cursorKey(page.scope)) ?? 0);
      const next = Math.max(current, page.next);
      setMeta(this.db, cursorKey(page.scope), String(next));
      if (replayTo > 0 && next >= replayTo) deleteMeta(this.db, replayKey(page.scope));
      this.storeHighWater(high);
      return next;
    });
    this.receive(high);
    return { scope: page.scope, applied, skipped, replayed, cursor, hlc: high };
  }

  /** The log rows of these changes (applied here before), by change id. */
  private loggedChanges(changeIds: readonly string[]): Map<string, { seq: number; changes: string; hlc: string }> {
    if (changeIds.length === 0) return new Map();
    const rows = this.sqlite
      .prepare('SELECT change_id, seq, changes, hlc FROM change_log WHERE change_id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(changeIds)) as { change_id: string; seq: number; changes: string; hlc: string }[];
    return new Map(rows.map((r) => [r.change_id, r]));
  }

  /**
   * An entry applied here before, pulled again after an upgrade: the fields it carries that its
   * log row lacks (the older app did not know them) are merged now, each only where it is later
   * than the device's own clock of that field (a newer local edit stays), and added to that same
   * log row, so the change is in the history once and its fields' clocks are right. True when
   * anything was written.
   */
  private replayEntry(entry: FeedEntry, row: { seq: number; changes: string; hlc: string }): boolean {
    const statements = this.statements(entry.entity);
    let fields = entry.fields;
    if (entry.op === 'delete' && !('deletedAt' in fields)) fields = { ...fields, deletedAt: entry.record.updatedAt };
    if (entry.op === 'undelete' && !('deletedAt' in fields)) fields = { ...fields, deletedAt: null };
    const logged = JSON.parse(row.changes) as Record<string, FieldChange & { hlc?: string }>;
    const missing = Object.keys(fields).filter(
      (field) =>
        !(field in logged) &&
        field !== 'projectId' &&
        (!AUDIT_FIELDS.has(field) || field === 'deletedAt') &&
        statements.column(field) !== undefined,
    );
    if (missing.length === 0) return false;
    const raw = statements.select.get(entry.entityId) as Record<string, unknown> | undefined;
    if (!raw) return false;
    const current = statements.toRow(raw);
    const clocks = fieldClocks(this.sqlite, entry.entity, entry.entityId);
    const stampOf = (field: string) => entry.clocks?.[field] ?? entry.hlc;
    const set: Record<string, unknown> = {};
    let added = 0;
    for (const field of missing) {
      const local = clocks[field];
      if (local !== undefined && local >= stampOf(field)) continue;
      const value = fields[field] ?? null;
      logged[field] = withStamp({ old: current[field] ?? null, new: value }, stampOf(field), row.hlc);
      added++;
      if (!Object.is(current[field] ?? null, value)) set[field] = value;
    }
    if (added === 0) return false;
    if (Object.keys(set).length > 0) {
      const { statement, params } = statements.update(Object.keys(set));
      statement.run(...params(set, entry.entityId));
    }
    this.sqlite.prepare('UPDATE change_log SET changes = ? WHERE seq = ?').run(JSON.stringify(logged), row.seq);
    return true;
  }

  /** entity → ids of the page's records that have a row on this device now. */
  private presentRecords(entries: readonly FeedEntry[]): Map<EntityName, Set<string>> {
    const ids = new Map<EntityName, string[]>();
    for (const entry of entries) {
      if (!(entry.entity in entityTables)) continue;
      const list = ids.get(entry.entity);
      if (list) list.push(entry.entityId);
      else ids.set(entry.entity, [entry.entityId]);
    }
    const present = new Map<EntityName, Set<string>>();
    for (const [entity, list] of ids) present.set(entity, existingIds(this.sqlite, this.statements(entity).tableName, list));
    return present;
  }

  /** `absent`: the record has no row here (known from the page's one look-up), so none is read. */
  private applyEntry(entry: FeedEntry, absent: boolean, pushedAt: string): void {
    let fields = entry.fields;
    if (entry.op === 'delete' && !('deletedAt' in fields)) fields = { ...fields, deletedAt: entry.record.updatedAt };
    if (entry.op === 'undelete' && !('deletedAt' in fields)) fields = { ...fields, deletedAt: null };
    this.writeRemote(
      entry.entity,
      entry.entityId,
      entry.projectId,
      { fields, hlc: entry.hlc, ...(entry.clocks ? { clocks: entry.clocks } : {}) },
      entry.record,
      {
        changeId: entry.changeId,
        txId: entry.txId,
        op: entry.op === 'snapshot' ? 'update' : entry.op,
        actorId: entry.actorId,
        actorName: entry.actorName,
        deviceId: entry.deviceId,
        at: entry.at,
        hlc: entry.hlc,
      },
      'merge',
      { absent, pushedAt },
    );
  }

  /**
   * Writes remote field values into a record. 'merge' (feed entries): a field is written when
   * its stamp is later than the local field clock. 'rollback' (the server's state after a
   * refusal): the server's value is written unless a local change the server has not refused
   * is later (a pending edit made after the refused one keeps its value).
   * Returns whether anything was written.
   */
  private writeRemote(
    entity: EntityName,
    id: string,
    projectId: string | null,
    incoming: Incoming,
    audit: Audit | null,
    log: LogMeta,
    mode: 'merge' | 'rollback',
    hints: { absent?: boolean; pushedAt?: string } = {},
  ): boolean {
    const statements = this.statements(entity);
    const known: Record<string, unknown> = {};
    for (const field in incoming.fields) {
      if (field === 'projectId' || (AUDIT_FIELDS.has(field) && field !== 'deletedAt')) continue;
      if (statements.column(field)) known[field] = incoming.fields[field];
    }
    const stampOf = (field: string) => incoming.clocks?.[field] ?? incoming.hlc;
    const raw = hints.absent ? undefined : (statements.select.get(id) as Record<string, unknown> | undefined);

    if (!raw) {
      // A record this device has not seen: insert it whole (a column the entry lacks gets the
      // schema's default, or an empty placeholder that any later change of it overwrites).
      const own: Record<string, unknown> = {
        id,
        projectId,
        createdAt: audit?.createdAt ?? log.at,
        createdBy: audit?.createdBy ?? log.actorId,
        updatedAt: audit?.updatedAt ?? log.at,
        updatedBy: audit?.updatedBy ?? log.actorId,
        deletedAt: known.deletedAt ?? null,
      };
      // The row's values in one pass over the columns: the entry's audit columns, then its
      // fields, then a placeholder (required columns) or the schema's default.
      const columns = statements.columns;
      const placeholders = this.placeholders(entity, statements);
      const values: unknown[] = new Array(columns.length);
      const written: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) {
        const column = columns[i]!;
        const key = column.key;
        let value = key in own ? own[key] : key in known ? known[key] : placeholders[key];
        if (value === undefined) value = column.defaultValue();
        written[key] = value;
        values[i] = column.toDriver(value);
      }
      statements.insert.run(values);
      // The log row's changes, written as JSON directly: what JSON.stringify would make of
      // { field: { old: null, new, hlc? } } (the field's own stamp only where it differs).
      let changes = '';
      for (const field in known) {
        const stamp = stampOf(field);
        changes +=
          `${changes ? ',' : '{'}${JSON.stringify(field)}:{"old":null,"new":${JSON.stringify(written[field] ?? null)}` +
          (stamp === log.hlc ? '}' : `,"hlc":${JSON.stringify(stamp)}}`);
      }
      const op = log.op === 'update' ? 'create' : log.op;
      this.appendLog(entity, id, projectId, log, changes ? `${changes}}` : '{}', hints.pushedAt, op);
      return true;
    }

    const current = statements.toRow(raw);
    const localClocks = fieldClocks(this.sqlite, entity, id);
    let won: string[];
    if (mode === 'merge') {
      won = mergeFields({ fields: current, clocks: localClocks }, { ...incoming, fields: known }).won;
    } else {
      won = Object.keys(known).filter((field) => {
        const local = localClocks[field];
        return local === undefined || stampOf(field) >= local;
      });
    }
    const changes: Record<string, FieldChange & { hlc?: string }> = {};
    const set: Record<string, unknown> = {};
    for (const field of won) {
      const value = known[field] ?? null;
      if (mode === 'rollback' && Object.is(current[field] ?? null, value)) continue;
      set[field] = value;
      changes[field] = withStamp({ old: current[field] ?? null, new: value }, stampOf(field), log.hlc);
    }
    if (Object.keys(set).length === 0) return false;
    if (audit) {
      set.updatedAt = audit.updatedAt;
      set.updatedBy = audit.updatedBy;
    }
    const { statement, params } = statements.update(Object.keys(set));
    statement.run(...params(set, id));
    this.appendLog(entity, id, (current.projectId as string | null) ?? projectId, log, changes, hints.pushedAt);
    return true;
  }

  /** The values a new row gets for NOT NULL columns without a default that the entry lacks. */
  private placeholders(entity: EntityName, statements: EntityStatements): Record<string, unknown> {
    let row = this.placeholderRows.get(entity);
    if (!row) {
      row = {};
      for (const column of statements.columns) {
        if (column.required) row[column.key] = column.dataType === 'number' ? 0 : column.dataType === 'boolean' ? false : '';
      }
      this.placeholderRows.set(entity, row);
    }
    return row;
  }

  private appendLog(
    entity: EntityName,
    entityId: string,
    projectId: string | null,
    log: LogMeta,
    /** field → { old, new, hlc? }, or that already as JSON text. */
    changes: Record<string, FieldChange & { hlc?: string }> | string,
    pushedAt: string = this.now(),
    op: ChangeOp = log.op,
  ): void {
    this.logStatement ??= this.sqlite.prepare(
      `INSERT INTO change_log (change_id, tx_id, entity, entity_id, project_id, op, changes, actor_id, actor_name, device_id, at, hlc, pushed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.logStatement.run(
      log.changeId,
      log.txId,
      entity,
      entityId,
      projectId,
      op,
      typeof changes === 'string' ? changes : JSON.stringify(changes),
      log.actorId,
      log.actorName,
      log.deviceId,
      log.at,
      log.hlc,
      pushedAt,
    );
  }

  // ─── Push outcomes ───

  /**
   * Applies the server's answer to a pushed batch. A transaction all of whose changes were
   * applied leaves the outbox. A refused one (any change rejected: the server refuses whole
   * transactions) is rolled back and kept as a 冲突. Changes without an answer stay pending.
   */
  applyPushResponse(batch: readonly SyncChange[], response: PushResponse): PushOutcomeResult {
    const outcomes = new Map<string, ChangeOutcome>(response.outcomes.map((o) => [o.changeId, o]));
    const txs = new Map<string, SyncChange[]>();
    for (const change of batch) {
      const rows = txs.get(change.txId);
      if (rows) rows.push(change);
      else txs.set(change.txId, [change]);
    }
    const result: PushOutcomeResult = { applied: 0, rejected: 0, unanswered: 0, conflictIds: [], hlc: null };
    let high = maxHlc(null, response.serverHlc);
    this.inTransaction(() => {
      const markPushed = this.sqlite.prepare('UPDATE change_log SET pushed_at = ? WHERE change_id = ? AND pushed_at IS NULL');
      for (const [txId, rows] of txs) {
        const answers = rows.map((r) => outcomes.get(r.changeId));
        if (answers.some((a) => a === undefined)) {
          result.unanswered += rows.length;
          continue;
        }
        const refusals = answers.filter((a): a is Extract<ChangeOutcome, { status: 'rejected' }> => a!.status === 'rejected');
        if (refusals.length === 0) {
          const at = this.now();
          for (const row of rows) markPushed.run(at, row.changeId);
          result.applied += rows.length;
          continue;
        }
        for (const refusal of refusals) {
          for (const s of refusal.serverRecords) for (const stamp of Object.values(s.record?.clocks ?? {})) high = maxHlc(high, stamp);
        }
        const conflictId = this.rejectTransaction(txId, rows, refusals, response.serverHlc);
        if (conflictId) result.conflictIds.push(conflictId);
        result.rejected += rows.length;
      }
      this.storeHighWater(high);
    });
    this.receive(high);
    result.hlc = high;
    return result;
  }

  /** Rolls a refused transaction back to the server's state and keeps the attempt. */
  private rejectTransaction(
    txId: string,
    rows: readonly SyncChange[],
    refusals: readonly Extract<ChangeOutcome, { status: 'rejected' }>[],
    serverHlc: string,
  ): string | undefined {
    // Answered before (a response applied, then the same batch pushed again): nothing new.
    const already = this.sqlite
      .prepare('SELECT count(*) FROM change_log WHERE change_id IN (SELECT value FROM json_each(?)) AND rejected = 1')
      .pluck()
      .get(JSON.stringify(rows.map((r) => r.changeId))) as number;
    if (already === rows.length) return undefined;

    const first = refusals[0]!;
    const conflictId = this.recordConflict(txId, rows, first.code, first.message);
    const mark = this.sqlite.prepare('UPDATE change_log SET pushed_at = ?, rejected = 1, conflict_id = ? WHERE change_id = ?');
    const at = this.now();
    for (const row of rows) mark.run(at, conflictId, row.changeId);

    // Every record the server described, then those it did not (its state unknown: undo the attempt).
    const described = new Map<string, { entity: EntityName; id: string; record: ServerRecord | null }>();
    for (const refusal of refusals) for (const s of refusal.serverRecords) described.set(`${s.entity}:${s.id}`, s);
    const rollbackTx = uuidv7();
    for (const { entity, id, record } of described.values()) {
      if (!(entity in entityTables)) continue;
      if (record === null) this.removeRecord(entity, id, rollbackTx, serverHlc);
      else this.restoreServerRecord(record, rollbackTx, serverHlc);
    }
    const touched = new Map<string, SyncChange[]>();
    for (const row of rows) {
      const key = `${row.entity}:${row.entityId}`;
      if (described.has(key)) continue;
      const list = touched.get(key);
      if (list) list.push(row);
      else touched.set(key, [row]);
    }
    for (const changes of touched.values()) this.undoAttempt(changes, rollbackTx, serverHlc);
    return conflictId;
  }

  private recordConflict(txId: string, rows: readonly SyncChange[], code: string, message: string): string {
    const id = uuidv7();
    const attempt: ConflictChange[] = rows.map((r) => ({
      entity: r.entity,
      entityId: r.entityId,
      projectId: r.projectId,
      op: r.op,
      changes: r.changes as Record<string, FieldChange>,
    }));
    this.sqlite
      .prepare(
        `INSERT INTO sync_conflicts (id, tx_id, code, message, changes, created_at, status) VALUES (?, ?, ?, ?, ?, ?, 'open')`,
      )
      .run(id, txId, code, message, JSON.stringify(attempt), this.now());
    return id;
  }

  private rollbackLog(txId: string, op: ChangeOp, hlc: string): LogMeta {
    return {
      changeId: uuidv7(),
      txId,
      op,
      actorId: SERVER_ACTOR.id,
      actorName: SERVER_ACTOR.name,
      deviceId: SERVER_DEVICE,
      at: this.now(),
      hlc,
    };
  }

  /** The server has no such record: it goes from the device, with any rows bound to it by a foreign key. */
  private removeRecord(entity: EntityName, id: string, txId: string, serverHlc: string): void {
    const statements = this.statements(entity);
    const raw = statements.select.get(id) as Record<string, unknown> | undefined;
    if (!raw) return;
    for (const child of FK_CHILDREN[entity] ?? []) {
      const ids = this.sqlite
        .prepare(`SELECT id FROM "${this.statements(child.entity).tableName}" WHERE "${child.column}" = ?`)
        .pluck()
        .all(id) as string[];
      for (const childId of ids) this.removeRecord(child.entity, childId, txId, serverHlc);
    }
    const current = statements.toRow(raw);
    statements.deleteById.run(id);
    const changes: Record<string, FieldChange> = {};
    for (const [field, value] of Object.entries(current)) {
      if (!AUDIT_FIELDS.has(field) || field === 'deletedAt') changes[field] = { old: value, new: null };
    }
    this.appendLog(entity, id, current.projectId as string | null, this.rollbackLog(txId, 'delete', serverHlc), changes);
  }

  private restoreServerRecord(record: ServerRecord, txId: string, serverHlc: string): void {
    const hlc = newestClock(record.clocks) ?? serverHlc;
    const fields = { deletedAt: null, ...record.fields };
    this.writeRemote(
      record.entity,
      record.id,
      record.projectId,
      { fields, hlc, clocks: record.clocks },
      { createdAt: record.createdAt, createdBy: record.createdBy, updatedAt: record.updatedAt, updatedBy: record.updatedBy },
      this.rollbackLog(txId, 'update', hlc),
      'rollback',
    );
  }

  /**
   * A record of the refused transaction the server did not describe: a creation is removed,
   * other changes are undone (each field back to what it was before the attempt), unless a
   * later local change the server has not refused set it since.
   */
  private undoAttempt(rows: readonly SyncChange[], txId: string, serverHlc: string): void {
    const first = rows[0]!;
    if (rows.some((r) => r.op === 'create')) {
      this.removeRecord(first.entity, first.entityId, txId, serverHlc);
      return;
    }
    const clocks = fieldClocks(this.sqlite, first.entity, first.entityId);
    const fields: Record<string, unknown> = {};
    const stamps: Record<string, string> = {};
    for (const row of [...rows].reverse()) {
      for (const [field, change] of Object.entries(row.changes)) {
        if (clocks[field] !== undefined && clocks[field]! > row.hlc) continue;
        fields[field] = change.old;
        stamps[field] = clocks[field] ?? ZERO_HLC;
      }
    }
    if (Object.keys(fields).length === 0) return;
    const hlc = newestClock(stamps) ?? ZERO_HLC;
    this.writeRemote(
      first.entity,
      first.entityId,
      first.projectId,
      { fields, hlc, clocks: stamps },
      null,
      this.rollbackLog(txId, 'update', hlc),
      'rollback',
    );
  }

  // ─── Purges ───

  /**
   * Removes a project's data from the device once the server no longer grants it: every row
   * with that project_id in the project's own tables (the group's records of the project,
   * its row and grants, stay), their history, and the project's cursor. Changes of it still
   * waiting for the server are kept: pushed, they stand when made while the grant held (the
   * author's rights at the time decide) and otherwise come back refused and show as 冲突.
   */
  purgeProject(projectId: string): { rows: number } {
    let rows = 0;
    this.inTransaction(() => {
      for (const entity of PROJECT_ENTITIES) {
        const table = this.statements(entity).tableName;
        rows += this.sqlite.prepare(`DELETE FROM "${table}" WHERE project_id = ?`).run(projectId).changes;
      }
      this.sqlite
        .prepare(
          `DELETE FROM change_log WHERE project_id = ? AND pushed_at IS NOT NULL AND entity IN (SELECT value FROM json_each(?))`,
        )
        .run(projectId, JSON.stringify(PROJECT_ENTITIES));
      deleteMeta(this.db, cursorKey(projectId));
      deleteMeta(this.db, replayKey(projectId));
      if (getMeta(this.db, 'session.projectId') === projectId) deleteMeta(this.db, 'session.projectId');
    });
    return { rows };
  }

  /**
   * The device was revoked: every record and its history leave the device, with the cursors
   * and tokens. Open 冲突 stay, and changes never sent become 冲突 too, so the user still
   * sees all work that did not reach the server.
   */
  purgeAll(): { rows: number; conflictIds: string[] } {
    let rows = 0;
    const conflictIds: string[] = [];
    this.inTransaction(() => {
      const unsent = this.sqlite
        .prepare(
          `SELECT change_id, tx_id, entity, entity_id, project_id, op, changes, hlc FROM change_log
           WHERE pushed_at IS NULL ORDER BY seq`,
        )
        .all() as {
        change_id: string;
        tx_id: string;
        entity: EntityName;
        entity_id: string;
        project_id: string | null;
        op: ChangeOp;
        changes: string;
        hlc: string;
      }[];
      const byTx = new Map<string, SyncChange[]>();
      for (const r of unsent) {
        const change = {
          changeId: r.change_id,
          txId: r.tx_id,
          entity: r.entity,
          entityId: r.entity_id,
          projectId: r.project_id,
          op: r.op,
          changes: JSON.parse(r.changes) as Record<string, FieldChange>,
        } as SyncChange;
        const list = byTx.get(r.tx_id);
        if (list) list.push(change);
        else byTx.set(r.tx_id, [change]);
      }
      for (const [txId, changes] of byTx) {
        conflictIds.push(this.recordConflict(txId, changes, 'DEVICE_REVOKED', SYNC_ERROR_MESSAGES.DEVICE_REVOKED));
      }
      for (const entity of ENTITY_NAMES) {
        rows += this.sqlite.prepare(`DELETE FROM "${this.statements(entity).tableName}"`).run().changes;
      }
      this.sqlite.prepare('DELETE FROM change_log').run();
      this.sqlite.prepare("DELETE FROM sync_conflicts WHERE status <> 'open'").run();
      for (const prefix of [SYNC_META.cursorPrefix, SYNC_META.replayPrefix])
        for (const { key } of metaWithPrefix(this.db, prefix)) deleteMeta(this.db, key);
      for (const key of [SYNC_META.deviceToken, SYNC_META.sessionToken, SYNC_META.session, 'session.projectId']) {
        deleteMeta(this.db, key);
      }
    });
    return { rows, conflictIds };
  }
}

function withStamp(change: FieldChange, stamp: string, rowHlc: string): FieldChange & { hlc?: string } {
  return stamp === rowHlc ? change : { ...change, hlc: stamp };
}

/**
 * Marks a 冲突 resolved (retried, edited then retried, or discarded). Called by the sync
 * service inside the write path's transaction of the retry, so both land together.
 */
export function resolveConflictRow(
  db: SiteDb,
  id: string,
  status: Exclude<ConflictStatus, 'open'>,
  by: string,
  retryTxId: string | null,
  at: Date = new Date(),
): boolean {
  return (
    db.$client
      .prepare(
        `UPDATE sync_conflicts SET status = ?, resolved_at = ?, resolved_by = ?, retry_tx_id = ? WHERE id = ? AND status = 'open'`,
      )
      .run(status, at.toISOString(), by, retryTxId, id).changes === 1
  );
}
