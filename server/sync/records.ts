import { sql, type SQL } from 'drizzle-orm';
import type { EntityName } from '../../shared/domain/audit.js';
import type { ServerRecord } from '../../shared/sync/protocol.js';
import { ENTITY_SYNC } from '../../shared/sync/entities.js';
import type { ServerDb } from '../db/open.js';

/** A transaction or the database itself: both run SQL. */
export type Sql = Pick<ServerDb, 'execute'>;

/** Rows of a raw query, whichever driver (node-postgres or PGlite) ran it. */
export async function query<T>(db: Sql, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

interface RecordRow {
  project_key: string;
  entity: string;
  id: string;
  project_id: string | null;
  fields: Record<string, unknown>;
  clocks: Record<string, string>;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

export function toServerRecord(row: RecordRow): ServerRecord {
  return {
    entity: row.entity as EntityName,
    id: row.id,
    projectId: row.project_id,
    fields: row.fields,
    clocks: row.clocks,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** The key a record is stored under: its project, or '' for group-global customer data. */
export function projectKeyOf(entity: EntityName, projectId: string | null): string {
  return ENTITY_SYNC[entity].scope === 'customer' ? '' : (projectId ?? '');
}

export function isLive(record: ServerRecord): boolean {
  return record.fields.deletedAt === null || record.fields.deletedAt === undefined;
}

export async function loadRecord(db: Sql, entity: EntityName, id: string, forUpdate = false): Promise<ServerRecord | null> {
  const rows = await query<RecordRow>(
    db,
    forUpdate
      ? sql`SELECT * FROM records WHERE entity = ${entity} AND id = ${id} FOR UPDATE`
      : sql`SELECT * FROM records WHERE entity = ${entity} AND id = ${id}`,
  );
  return rows[0] ? toServerRecord(rows[0]) : null;
}

const BATCH = 500;

/** Records by (entity, id), in a few statements; `forUpdate` locks them in key order. */
export async function loadRecords(
  db: Sql,
  keys: readonly { entity: EntityName; id: string }[],
  forUpdate = false,
): Promise<ServerRecord[]> {
  const out: ServerRecord[] = [];
  const sorted = [...keys].sort((a, b) => (a.entity === b.entity ? a.id.localeCompare(b.id) : a.entity.localeCompare(b.entity)));
  for (let i = 0; i < sorted.length; i += BATCH) {
    const list = sql.join(
      sorted.slice(i, i + BATCH).map((k) => sql`(${k.entity}, ${k.id})`),
      sql`, `,
    );
    const rows = await query<RecordRow>(
      db,
      forUpdate
        ? sql`SELECT * FROM records WHERE (entity, id) IN (${list}) ORDER BY entity, id FOR UPDATE`
        : sql`SELECT * FROM records WHERE (entity, id) IN (${list})`,
    );
    out.push(...rows.map(toServerRecord));
  }
  return out;
}

/** Inserts or replaces records, many per statement. */
export async function saveRecords(db: Sql, records: readonly ServerRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += BATCH) {
    const values = records.slice(i, i + BATCH).map(
      (r) => sql`(${projectKeyOf(r.entity, r.projectId)}, ${r.entity}, ${r.id}, ${r.projectId},
        ${JSON.stringify(r.fields)}::jsonb, ${JSON.stringify(r.clocks)}::jsonb,
        ${r.createdAt}, ${r.createdBy}, ${r.updatedAt}, ${r.updatedBy})`,
    );
    await db.execute(sql`
      INSERT INTO records (project_key, entity, id, project_id, fields, clocks, created_at, created_by, updated_at, updated_by)
      VALUES ${sql.join(values, sql`, `)}
      ON CONFLICT (project_key, entity, id) DO UPDATE SET
        fields = EXCLUDED.fields, clocks = EXCLUDED.clocks,
        updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`);
  }
}

/** Live records of an entity whose field equals a value (indexed for the reference fields used). */
export function recordsWhere(
  db: Sql,
  entity: EntityName,
  field: string,
  value: string,
  projectKey?: string,
): Promise<ServerRecord[]> {
  return recordsWhereIn(db, entity, field, [value], projectKey);
}

/**
 * Every record of an entity whose field equals a value, tombstoned ones too: what a snapshot
 * sends, so a device new to a customer can still show and restore what was deleted.
 */
export async function allRecordsWhere(db: Sql, entity: EntityName, field: string, value: string): Promise<ServerRecord[]> {
  if (!/^[A-Za-z]+$/.test(field)) throw new Error(`not a field name: ${field}`);
  const key = sql.raw(`'${field}'`);
  const rows = await query<RecordRow>(db, sql`SELECT * FROM records WHERE entity = ${entity} AND fields->>${key} = ${value}`);
  return rows.map(toServerRecord);
}

/**
 * Serialises deciders of the same keys (a room's owners, a document's identity) across
 * servers; taken in sorted order, so two transactions never wait on each other in a circle.
 */
export async function lockKeys(db: Sql, keys: readonly string[]): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return;
  await db.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM (VALUES ${sql.join(
      sorted.map((k) => sql`(${k})`),
      sql`, `,
    )}) AS t(k) ORDER BY k`,
  );
}

/** Live records of an entity whose field is one of `values`. */
export async function recordsWhereIn(
  db: Sql,
  entity: EntityName,
  field: string,
  values: readonly string[],
  projectKey?: string,
): Promise<ServerRecord[]> {
  // The key is written literally so PostgreSQL can use the expression indexes on fields->>'…'.
  if (!/^[A-Za-z]+$/.test(field)) throw new Error(`not a field name: ${field}`);
  const key = sql.raw(`'${field}'`);
  const out: ServerRecord[] = [];
  for (let i = 0; i < values.length; i += BATCH) {
    const list = sql.join(
      values.slice(i, i + BATCH).map((v) => sql`${v}`),
      sql`, `,
    );
    const rows = await query<RecordRow>(
      db,
      projectKey === undefined
        ? sql`SELECT * FROM records WHERE entity = ${entity} AND fields->>${key} IN (${list}) AND fields->>'deletedAt' IS NULL`
        : sql`SELECT * FROM records WHERE project_key = ${projectKey} AND entity = ${entity}
                AND fields->>${key} IN (${list}) AND fields->>'deletedAt' IS NULL`,
    );
    out.push(...rows.map(toServerRecord));
  }
  return out;
}
