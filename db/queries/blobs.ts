import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import type { EntityName } from '../../shared/domain/audit.js';
import type { AttachmentPending } from '../../shared/domain/attachments.js';
import { BLOB_FIELDS, ENTITY_SYNC } from '../../shared/sync/entities.js';
import { entityTables } from '../entities.js';
import type { SiteDb } from '../open.js';

/**
 * Read side of the device's attachments (local_blobs, written by db/blobs.ts): what is still
 * to upload, what records name that is not here yet, and the state of one record's files.
 */

export interface LocalBlobRow {
  hash: string;
  size: number | null;
  mime: string | null;
  createdAt: string;
  uploadedAt: string | null;
  present: boolean;
  lastError: string | null;
  lastAttemptAt: string | null;
}

interface RawBlobRow {
  hash: string;
  size: number | null;
  mime: string | null;
  created_at: string;
  uploaded_at: string | null;
  present: number;
  last_error: string | null;
  last_attempt_at: string | null;
}

const toRow = (r: RawBlobRow): LocalBlobRow => ({
  hash: r.hash,
  size: r.size,
  mime: r.mime,
  createdAt: r.created_at,
  uploadedAt: r.uploaded_at,
  present: r.present === 1,
  lastError: r.last_error,
  lastAttemptAt: r.last_attempt_at,
});

/** The SQL columns of every entity field that names an attachment (ENTITY_SYNC blobFields). */
const BLOB_COLUMNS = BLOB_FIELDS.map(({ entity, field }) => {
  const table = entityTables[entity];
  const column = (getTableColumns(table) as Record<string, Column>)[field];
  if (!column) throw new Error(`${entity} has no blob field ${field}`);
  return { entity, field, table: getTableName(table), column: column.name };
});

/** A sha256 in hex, as SQL can tell (a placeholder '' of a half-known record is not one). */
const IS_HASH = (column: string) => `length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'`;

/**
 * SELECT of every hash a live record names, each once. Built from ENTITY_SYNC, so the
 * handover's defect photos and signatures count as soon as their entities declare blobFields.
 */
export const REFERENCED_BLOBS_SQL =
  BLOB_COLUMNS.length === 0
    ? 'SELECT NULL AS hash WHERE 0'
    : BLOB_COLUMNS.map(
        ({ table, column }) =>
          `SELECT DISTINCT "${column}" AS hash FROM "${table}" WHERE deleted_at IS NULL AND ${IS_HASH(`"${column}"`)}`,
      ).join(' UNION ');

/** The entities whose records name attachments, as a SQL list ('customerDocument', …). */
const BLOB_ENTITIES_SQL = [...new Set(BLOB_COLUMNS.map((c) => `'${c.entity}'`))].join(', ') || "''";

/**
 * The files here (present rows) that may leave the device: no live record names them, and
 * either the server holds them (uploaded or downloaded: a record brought back later fetches
 * them again), or they never reached anyone and nothing may still bring their record back —
 * no change naming them is waiting for the server's answer (the record's deletion is pushed)
 * and no open 冲突 names them (a retry would re-create the record). Attachments removed with
 * their records do not stay on disk (an ID scan is personal data).
 */
export const REMOVABLE_BLOBS_SQL = `SELECT b.hash FROM local_blobs b
  WHERE b.present = 1 AND b.hash NOT IN (${REFERENCED_BLOBS_SQL})
    AND (b.uploaded_at IS NOT NULL OR (
      NOT EXISTS (SELECT 1 FROM change_log c WHERE c.pushed_at IS NULL AND c.rejected = 0
        AND c.entity IN (${BLOB_ENTITIES_SQL}) AND instr(c.changes, b.hash) > 0)
      AND NOT EXISTS (SELECT 1 FROM sync_conflicts s WHERE s.status = 'open' AND instr(s.changes, b.hash) > 0)))
  ORDER BY b.hash`;

export function removableBlobs(db: SiteDb): string[] {
  return db.$client.prepare(REMOVABLE_BLOBS_SQL).pluck().all() as string[];
}

export function localBlob(db: SiteDb, hash: string): LocalBlobRow | undefined {
  const raw = db.$client.prepare('SELECT * FROM local_blobs WHERE hash = ?').get(hash) as RawBlobRow | undefined;
  return raw ? toRow(raw) : undefined;
}

/**
 * Files here that the server does not have whole yet and a live record names, oldest first.
 * One whose record was removed before it was sent is never sent (it leaves the device once the
 * removal is pushed); should the record come back (a 冲突 retried), it is sent then.
 */
export function blobsToUpload(db: SiteDb, limit = 10_000): LocalBlobRow[] {
  return (
    db.$client
      .prepare(
        `SELECT * FROM local_blobs WHERE uploaded_at IS NULL AND present = 1 AND hash IN (${REFERENCED_BLOBS_SQL})
         ORDER BY created_at, hash LIMIT ?`,
      )
      .all(limit) as RawBlobRow[]
  ).map(toRow);
}

/** Files records name that are not here (as of the last reconcileWantedBlobs), oldest first. */
export function blobsToDownload(db: SiteDb, limit = 10_000): LocalBlobRow[] {
  return (
    db.$client.prepare('SELECT * FROM local_blobs WHERE present = 0 ORDER BY created_at, hash LIMIT ?').all(limit) as RawBlobRow[]
  ).map(toRow);
}

/** 待上传 and 待下载 counts (cheap: partial indexes on a small table). */
export function blobCounts(db: SiteDb): { uploads: number; downloads: number } {
  const sqlite = db.$client;
  const uploads = sqlite
    .prepare('SELECT count(*) FROM local_blobs WHERE uploaded_at IS NULL AND present = 1')
    .pluck()
    .get() as number;
  const downloads = sqlite.prepare('SELECT count(*) FROM local_blobs WHERE present = 0').pluck().get() as number;
  return { uploads, downloads };
}

/**
 * Where each file stands on this device: 'upload' — here, the server lacks it; 'download' — not
 * here (no row yet, or a wanted one); null — here and on the server.
 */
export function blobPending(db: SiteDb, hashes: readonly string[]): Map<string, AttachmentPending> {
  const result = new Map<string, AttachmentPending>();
  if (hashes.length === 0) return result;
  const rows = db.$client
    .prepare('SELECT hash, present, uploaded_at FROM local_blobs WHERE hash IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify([...new Set(hashes)])) as { hash: string; present: number; uploaded_at: string | null }[];
  const byHash = new Map(rows.map((r) => [r.hash, r]));
  for (const hash of hashes) {
    const row = byHash.get(hash);
    result.set(hash, !row || row.present !== 1 ? 'download' : row.uploaded_at === null ? 'upload' : null);
  }
  return result;
}

/** The files a record names (its entity's blobFields), '' and placeholders left out. */
export function blobsOfRecord(db: SiteDb, entity: EntityName, id: string): string[] {
  const columns = BLOB_COLUMNS.filter((c) => c.entity === entity);
  if (columns.length === 0 || !ENTITY_SYNC[entity].blobFields) return [];
  const raw = db.$client
    .prepare(`SELECT ${columns.map((c) => `"${c.column}"`).join(', ')} FROM "${columns[0]!.table}" WHERE id = ?`)
    .get(id) as Record<string, unknown> | undefined;
  if (!raw) return [];
  return Object.values(raw).filter((v): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v));
}

/** Whether a record's files are still on their way: 'upload' first (this device must act), then 'download'. */
export function recordAttachmentState(db: SiteDb, entity: EntityName, id: string): 'upload' | 'download' | undefined {
  const states = [...blobPending(db, blobsOfRecord(db, entity, id)).values()];
  if (states.includes('upload')) return 'upload';
  if (states.includes('download')) return 'download';
  return undefined;
}
