import type { ChangeOp, EntityName, FieldChange } from '../../shared/domain/audit.js';
import type { Page } from '../../shared/domain/paging.js';
import type { ConflictChange, ConflictStatus, RecordSyncState, SyncConflict } from '../../shared/domain/sync.js';
import type { SyncChange } from '../../shared/sync/protocol.js';
import type { SiteDb } from '../open.js';
import { offsetOf, toPage } from './paging.js';

/** Read side of the sync: the outbox as SyncChanges, field clocks, conflicts, per-record state. */

type Sqlite = SiteDb['$client'];

interface OutboxRow {
  seq: number;
  change_id: string;
  tx_id: string;
  entity: string;
  entity_id: string;
  project_id: string | null;
  context_project_id: string | null;
  op: ChangeOp;
  changes: string;
  actor_id: string;
  actor_name: string;
  device_id: string;
  at: string;
  hlc: string;
}

const OUTBOX_COLUMNS =
  'seq, change_id, tx_id, entity, entity_id, project_id, context_project_id, op, changes, actor_id, actor_name, device_id, at, hlc';

/** A field's change as stored: `hlc` is present where it differs from the row's stamp (remote snapshots). */
type StoredChange = FieldChange & { hlc?: string };

/**
 * The per-field clocks of a record on this device: for each field, the greatest HLC among the
 * record's change-log rows the server has not refused (a field's own `hlc` in the changes
 * JSON overrides the row's). These are what a remote change is merged against.
 */
export function fieldClocks(sqlite: Sqlite, entity: EntityName, entityId: string): Record<string, string> {
  const rows = sqlite
    .prepare('SELECT changes, hlc FROM change_log WHERE entity = ? AND entity_id = ? AND rejected = 0')
    .all(entity, entityId) as { changes: string; hlc: string }[];
  const clocks: Record<string, string> = {};
  for (const row of rows) {
    const changes = JSON.parse(row.changes) as Record<string, StoredChange>;
    for (const [field, change] of Object.entries(changes)) {
      const stamp = typeof change.hlc === 'string' ? change.hlc : row.hlc;
      const existing = clocks[field];
      if (existing === undefined || stamp > existing) clocks[field] = stamp;
    }
  }
  return clocks;
}

/** The newest HLC of a record before change `seq` (its rows the server did not refuse), or null. */
export function baseHlcOf(sqlite: Sqlite, entityId: string, seq: number): string | null {
  const value = sqlite
    .prepare('SELECT max(hlc) FROM change_log WHERE entity_id = ? AND seq < ? AND rejected = 0')
    .pluck()
    .get(entityId, seq) as string | null | undefined;
  return value ?? null;
}

function toSyncChange(sqlite: Sqlite, row: OutboxRow): SyncChange {
  const stored = JSON.parse(row.changes) as Record<string, StoredChange>;
  const changes: Record<string, FieldChange> = {};
  for (const [field, change] of Object.entries(stored)) changes[field] = { old: change.old ?? null, new: change.new ?? null };
  return {
    changeId: row.change_id,
    txId: row.tx_id,
    entity: row.entity as EntityName,
    entityId: row.entity_id,
    projectId: row.project_id,
    contextProjectId: row.context_project_id,
    op: row.op,
    changes,
    baseHlc: baseHlcOf(sqlite, row.entity_id, row.seq),
    actorId: row.actor_id,
    actorName: row.actor_name,
    deviceId: row.device_id,
    at: row.at,
    hlc: row.hlc,
  };
}

/**
 * The next batch of the outbox to push: change-log rows not yet answered, in log order, made
 * of whole transactions (every row of each tx_id in it) and at most `max` rows. A single
 * transaction larger than `max` is returned alone and whole: it cannot be split without
 * breaking its all-or-nothing meaning.
 */
export function outboxBatch(db: SiteDb, max: number): SyncChange[] {
  const sqlite = db.$client;
  const rows = sqlite
    .prepare(`SELECT ${OUTBOX_COLUMNS} FROM change_log WHERE pushed_at IS NULL ORDER BY seq LIMIT ?`)
    .all(max * 2) as OutboxRow[];
  if (rows.length === 0) return [];
  let batch = rows.slice(0, max);
  if (rows.length > max) {
    // Transactions that go on past the cut are left for the next batch, and so is everything
    // after the first row of the first of them, so the batch keeps log order.
    const beyond = new Set(rows.slice(max).map((r) => r.tx_id));
    let cut = batch.findIndex((r) => beyond.has(r.tx_id));
    if (cut === -1) cut = batch.length;
    batch = batch.slice(0, cut);
    if (batch.length === 0) {
      const txId = rows[0]!.tx_id;
      batch = sqlite
        .prepare(`SELECT ${OUTBOX_COLUMNS} FROM change_log WHERE pushed_at IS NULL AND tx_id = ? ORDER BY seq`)
        .all(txId) as OutboxRow[];
    }
  }
  return batch.map((row) => toSyncChange(sqlite, row));
}

export function changeExists(sqlite: Sqlite, changeId: string): boolean {
  return sqlite.prepare('SELECT 1 FROM change_log WHERE change_id = ?').pluck().get(changeId) !== undefined;
}

/** Of these change ids, those already in the change log: one statement for a whole feed page. */
export function existingChangeIds(sqlite: Sqlite, changeIds: readonly string[]): Set<string> {
  if (changeIds.length === 0) return new Set();
  const found = sqlite
    .prepare('SELECT change_id FROM change_log WHERE change_id IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(JSON.stringify(changeIds)) as string[];
  return new Set(found);
}

/** Of these ids, those with a row in `table` (tombstoned ones included): one statement per entity of a page. */
export function existingIds(sqlite: Sqlite, table: string, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const found = sqlite
    .prepare(`SELECT id FROM "${table}" WHERE id IN (SELECT value FROM json_each(?))`)
    .pluck()
    .all(JSON.stringify(ids)) as string[];
  return new Set(found);
}

/** Local changes the server has not answered yet. */
export function pendingChangeCount(db: SiteDb): number {
  return db.$client.prepare('SELECT count(*) FROM change_log WHERE pushed_at IS NULL').pluck().get() as number;
}

/** Changes waiting for the server made by others than `actorId`, by author (most first). */
export function unsentByOthers(db: SiteDb, actorId: string): { actorId: string; name: string; count: number }[] {
  return db.$client
    .prepare(
      `SELECT actor_id AS actorId, max(actor_name) AS name, count(*) AS count FROM change_log
       WHERE pushed_at IS NULL AND actor_id <> ? GROUP BY actor_id ORDER BY count DESC, actor_id`,
    )
    .all(actorId) as { actorId: string; name: string; count: number }[];
}

export function openConflictCount(db: SiteDb): number {
  return db.$client.prepare("SELECT count(*) FROM sync_conflicts WHERE status = 'open'").pluck().get() as number;
}

interface ConflictRow {
  id: string;
  tx_id: string;
  code: string;
  message: string;
  changes: string;
  created_at: string;
  status: ConflictStatus;
  resolved_at: string | null;
  resolved_by: string | null;
  retry_tx_id: string | null;
}

function toConflict(row: ConflictRow): SyncConflict {
  return {
    id: row.id,
    txId: row.tx_id,
    code: row.code,
    message: row.message,
    changes: JSON.parse(row.changes) as ConflictChange[],
    createdAt: row.created_at,
    status: row.status,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    retryTxId: row.retry_tx_id,
  };
}

export function getConflict(db: SiteDb, id: string): SyncConflict | undefined {
  const row = db.$client.prepare('SELECT * FROM sync_conflicts WHERE id = ?').get(id) as ConflictRow | undefined;
  return row ? toConflict(row) : undefined;
}

/** The 冲突 list, newest first: open ones, or all. */
export function listConflicts(
  db: SiteDb,
  args: { status: 'open' | 'all'; page: number; pageSize: number },
): Page<SyncConflict> {
  const where = args.status === 'open' ? "WHERE status = 'open'" : '';
  const total = db.$client.prepare(`SELECT count(*) FROM sync_conflicts ${where}`).pluck().get() as number;
  const rows = db.$client
    .prepare(`SELECT * FROM sync_conflicts ${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`)
    .all(args.pageSize, offsetOf(args.page, args.pageSize)) as ConflictRow[];
  return toPage(rows.map(toConflict), total, args.page, args.pageSize);
}

/**
 * A record's sync state: 'conflict' while one of its changes is in an open 冲突, 'pending'
 * while a change of it waits for the server, 'synced' otherwise.
 */
export function recordSyncState(db: SiteDb, entity: EntityName, entityId: string): RecordSyncState {
  const sqlite = db.$client;
  const conflict = sqlite
    .prepare(
      `SELECT 1 FROM change_log c JOIN sync_conflicts s ON s.id = c.conflict_id
       WHERE c.conflict_id IS NOT NULL AND c.entity_id = ? AND c.entity = ? AND s.status = 'open' LIMIT 1`,
    )
    .pluck()
    .get(entityId, entity);
  if (conflict !== undefined) return 'conflict';
  const pending = sqlite
    .prepare('SELECT 1 FROM change_log WHERE pushed_at IS NULL AND entity_id = ? AND entity = ? LIMIT 1')
    .pluck()
    .get(entityId, entity);
  return pending !== undefined ? 'pending' : 'synced';
}
