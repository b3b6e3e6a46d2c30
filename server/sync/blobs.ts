import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { BLOB_CHUNK_BYTES, type BlobStatus } from '../../shared/sync/protocol.js';
import type { ServerDb } from '../db/open.js';
import { query } from './records.js';

export class BlobError extends Error {
  constructor(readonly code: 'BLOB_NOT_FOUND' | 'BLOB_OFFSET' | 'BLOB_HASH_MISMATCH') {
    super(code);
  }
}

interface BlobRow {
  hash: string;
  size: string | number;
  mime: string;
  received: string | number;
  complete: boolean;
}

const toStatus = (row: BlobRow): BlobStatus => ({
  hash: row.hash,
  size: Number(row.size),
  received: Number(row.received),
  complete: row.complete,
});

/**
 * Attachments on the server, content-addressed: one copy of each content whoever sends it,
 * appended chunk by chunk (any chunk size up to the protocol's), checked against its hash
 * once whole. A cut upload resumes from `received`.
 */
export class BlobStore {
  constructor(private readonly db: ServerDb) {}

  async status(hash: string): Promise<BlobStatus | null> {
    const rows = await query<BlobRow>(this.db, sql`SELECT * FROM blobs WHERE hash = ${hash}`);
    return rows[0] ? toStatus(rows[0]) : null;
  }

  /**
   * Announces an upload; a content the server already has (from anyone) needs no bytes. An
   * unfinished upload announced with another size starts over, so one broken sender cannot
   * block a content for everyone.
   */
  async begin(hash: string, size: number, mime: string): Promise<BlobStatus> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO blobs (hash, size, mime, received, complete, created_at)
        VALUES (${hash}, ${size}, ${mime}, 0, false, ${new Date().toISOString()}) ON CONFLICT (hash) DO NOTHING`);
      const row = (await query<BlobRow>(tx, sql`SELECT * FROM blobs WHERE hash = ${hash} FOR UPDATE`))[0]!;
      if (row.complete || Number(row.size) === size) return toStatus(row);
      await tx.execute(sql`DELETE FROM blob_chunks WHERE hash = ${hash}`);
      await tx.execute(sql`UPDATE blobs SET size = ${size}, mime = ${mime}, received = 0 WHERE hash = ${hash}`);
      return { hash, size, received: 0, complete: false };
    });
  }

  /** Appends bytes at `offset`, which must be what the server has received so far. */
  async append(hash: string, offset: number, data: Buffer): Promise<BlobStatus> {
    if (data.length === 0 || data.length > BLOB_CHUNK_BYTES) throw new BlobError('BLOB_OFFSET');
    const { status, mismatch } = await this.db.transaction(async (tx) => {
      const rows = await query<BlobRow>(tx, sql`SELECT * FROM blobs WHERE hash = ${hash} FOR UPDATE`);
      const row = rows[0];
      if (!row) throw new BlobError('BLOB_NOT_FOUND');
      const status = toStatus(row);
      // A chunk sent again after a cut (the server had it, the answer was lost) is acknowledged.
      if (status.complete || offset + data.length <= status.received) return { status, mismatch: false };
      if (offset !== status.received || offset + data.length > status.size) throw new BlobError('BLOB_OFFSET');
      await tx.execute(sql`INSERT INTO blob_chunks (hash, "offset", data) VALUES (${hash}, ${offset}, ${data})`);
      const received = offset + data.length;
      if (received < status.size) {
        await tx.execute(sql`UPDATE blobs SET received = ${received} WHERE hash = ${hash}`);
        return { status: { ...status, received }, mismatch: false };
      }
      const digest = createHash('sha256');
      for (const chunk of await this.chunks(tx, hash)) digest.update(chunk.data);
      if (digest.digest('hex') !== hash) {
        // Committed, so the next try starts clean; the sender is told why.
        await tx.execute(sql`DELETE FROM blob_chunks WHERE hash = ${hash}`);
        await tx.execute(sql`UPDATE blobs SET received = 0 WHERE hash = ${hash}`);
        return { status: { ...status, received: 0 }, mismatch: true };
      }
      await tx.execute(sql`UPDATE blobs SET received = ${received}, complete = true WHERE hash = ${hash}`);
      return { status: { ...status, received, complete: true }, mismatch: false };
    });
    if (mismatch) throw new BlobError('BLOB_HASH_MISMATCH');
    return status;
  }

  /** Bytes of a complete blob from `offset`, at most `length` (downloads resume the same way). */
  async read(hash: string, offset: number, length: number): Promise<{ data: Buffer; size: number; mime: string }> {
    const rows = await query<BlobRow>(this.db, sql`SELECT * FROM blobs WHERE hash = ${hash}`);
    const row = rows[0];
    if (!row || !row.complete) throw new BlobError('BLOB_NOT_FOUND');
    const size = Number(row.size);
    const end = Math.min(size, offset + length);
    const parts: Buffer[] = [];
    for (const chunk of await this.chunks(this.db, hash, offset, end)) {
      const start = Math.max(0, offset - chunk.offset);
      const stop = Math.min(chunk.data.length, end - chunk.offset);
      if (stop > start) parts.push(chunk.data.subarray(start, stop));
    }
    return { data: Buffer.concat(parts), size, mime: row.mime };
  }

  private async chunks(
    db: Pick<ServerDb, 'execute'>,
    hash: string,
    from = 0,
    to = Number.MAX_SAFE_INTEGER,
  ): Promise<{ offset: number; data: Buffer }[]> {
    const rows = await query<{ offset: string | number; data: Buffer | Uint8Array }>(
      db,
      sql`SELECT "offset", data FROM blob_chunks WHERE hash = ${hash}
          AND "offset" < ${to} AND "offset" + length(data) > ${from} ORDER BY "offset"`,
    );
    return rows.map((r) => ({ offset: Number(r.offset), data: Buffer.from(r.data) }));
  }
}
