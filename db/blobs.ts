import type { SiteDb } from './open.js';
import { REFERENCED_BLOBS_SQL, removableBlobs } from './queries/blobs.js';

/**
 * The one writer of local_blobs: the device's bookkeeping of attachment files (the files
 * themselves live in `<dataDir>/attachments/`, content-addressed, through LocalBlobStore).
 * Device-local like meta and sync_conflicts: not an entity of the write path, never logged or
 * synced. Each function is one statement or one transaction, so a caller may run it inside the
 * write path's transaction (a document's record and its file's row land together).
 */

const now = () => new Date().toISOString();

/**
 * A file kept on this device by the user (an ID scan added): present, to upload unless the
 * server already has it. A content kept before stays as it was (uploaded or not): the same scan
 * for a second customer is never sent twice.
 */
export function noteLocalBlob(db: SiteDb, blob: { hash: string; size: number; mime: string }, at = now()): void {
  db.$client
    .prepare(
      `INSERT INTO local_blobs (hash, size, mime, created_at, uploaded_at, present)
       VALUES (?, ?, ?, ?, NULL, 1)
       ON CONFLICT (hash) DO UPDATE SET present = 1, size = excluded.size, mime = excluded.mime, last_error = NULL`,
    )
    .run(blob.hash, blob.size, blob.mime, at);
}

/** The server holds the file whole. */
export function markBlobUploaded(db: SiteDb, hash: string, at = now()): void {
  db.$client
    .prepare('UPDATE local_blobs SET uploaded_at = ?, last_error = NULL, last_attempt_at = ? WHERE hash = ?')
    .run(at, at, hash);
}

/** A file fetched from the server (so the server has it too). */
export function markBlobDownloaded(db: SiteDb, blob: { hash: string; size: number; mime: string | null }, at = now()): void {
  db.$client
    .prepare(
      `INSERT INTO local_blobs (hash, size, mime, created_at, uploaded_at, present, last_attempt_at)
       VALUES (?, ?, ?, ?, ?, 1, ?)
       ON CONFLICT (hash) DO UPDATE SET present = 1, size = excluded.size, mime = coalesce(excluded.mime, local_blobs.mime),
         uploaded_at = coalesce(local_blobs.uploaded_at, excluded.uploaded_at), last_error = NULL,
         last_attempt_at = excluded.last_attempt_at`,
    )
    .run(blob.hash, blob.size, blob.mime, at, at, at);
}

/** The file is not (or no longer rightly) here: it is fetched again while a record names it. */
export function markBlobMissing(db: SiteDb, hash: string, error: string | null = null, at = now()): void {
  db.$client
    .prepare(
      `INSERT INTO local_blobs (hash, created_at, present, last_error, last_attempt_at) VALUES (?, ?, 0, ?, ?)
       ON CONFLICT (hash) DO UPDATE SET present = 0, last_error = excluded.last_error, last_attempt_at = excluded.last_attempt_at`,
    )
    .run(hash, at, error, at);
}

/** A transfer of the file failed (it is retried next round); the Chinese reason is kept. */
export function noteBlobFailure(db: SiteDb, hash: string, error: string, at = now()): void {
  db.$client.prepare('UPDATE local_blobs SET last_error = ?, last_attempt_at = ? WHERE hash = ?').run(error, at, hash);
}

/**
 * Brings the wanted rows (present = 0) in line with the records: every file a live record names
 * that has no row gets one, and wanted rows no live record names any more go. One transaction.
 */
export function reconcileWantedBlobs(db: SiteDb, at = now()): { wanted: number; dropped: number } {
  const sqlite = db.$client;
  return sqlite
    .transaction(() => {
      const wanted = sqlite
        .prepare(
          `INSERT INTO local_blobs (hash, created_at, present)
           SELECT r.hash, ?, 0 FROM (${REFERENCED_BLOBS_SQL}) r
           WHERE NOT EXISTS (SELECT 1 FROM local_blobs b WHERE b.hash = r.hash)`,
        )
        .run(at).changes;
      const dropped = sqlite
        .prepare(`DELETE FROM local_blobs WHERE present = 0 AND hash NOT IN (${REFERENCED_BLOBS_SQL})`)
        .run().changes;
      return { wanted, dropped };
    })
    .immediate();
}

/**
 * Removes the files no record needs any more (REMOVABLE_BLOBS_SQL) with their rows, in ONE
 * immediate transaction, so no write of a record naming one can come between the check and
 * the removal. `removeFile` removes a file synchronously and says whether it is gone (false:
 * it was just kept again by a put in progress; file and row then stay).
 */
export function forgetUnneededBlobs(db: SiteDb, removeFile: (hash: string) => boolean): string[] {
  const sqlite = db.$client;
  return sqlite
    .transaction(() => {
      const forget = sqlite.prepare('DELETE FROM local_blobs WHERE hash = ?');
      const removed: string[] = [];
      for (const hash of removableBlobs(db)) {
        if (!removeFile(hash)) continue;
        forget.run(hash);
        removed.push(hash);
      }
      return removed;
    })
    .immediate();
}

/** Every row goes (the device was revoked: its files are removed with its records). */
export function clearLocalBlobs(db: SiteDb): number {
  return db.$client.prepare('DELETE FROM local_blobs').run().changes;
}
