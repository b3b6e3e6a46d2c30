import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clearLocalBlobs,
  markBlobDownloaded,
  markBlobMissing,
  markBlobUploaded,
  noteBlobFailure,
  noteLocalBlob,
  reconcileWantedBlobs,
} from './blobs.js';
import {
  blobCounts,
  blobPending,
  blobsOfRecord,
  blobsToDownload,
  blobsToUpload,
  localBlob,
  recordAttachmentState,
} from './queries/blobs.js';
import { SyncApplier } from './sync-apply.js';
import { feedEntry, feedPage } from './testing/sync.js';
import { tempDatabase, type TempDatabase } from './testing/temp-db.js';

/** The device's attachment bookkeeping (local_blobs) on a real encrypted database file. */
let t: TempDatabase;
beforeEach(() => {
  t = tempDatabase();
});
afterEach(() => t.dispose());

const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const someHash = () => hashOf(randomBytes(32));

function customer(): string {
  return t.writer.transaction(
    (tx) =>
      tx.create('customer', { projectId: null, kind: 'person', name: '张三', idType: 'resident', idNumber: '', mergedInto: null })
        .id,
  );
}

function document(customerId: string, hash: string): string {
  return t.writer.transaction(
    (tx) =>
      tx.create('customerDocument', {
        projectId: null,
        customerId,
        hash,
        mime: 'image/jpeg',
        size: 100,
        kind: 'idFront',
        fileName: 'a.jpg',
        takenAt: null,
      }).id,
  );
}

/** A document another office added, as the feed brings it. */
function remoteDocument(customerId: string, hash: string): string {
  const entry = feedEntry({
    entity: 'customerDocument',
    entityId: `0190c0de-0000-7000-8000-${randomBytes(6).toString('hex')}`,
    op: 'create',
    fields: { customerId, hash, mime: 'image/png', size: 2000, kind: 'idBack', fileName: 'b.png', takenAt: null, remark: '' },
  });
  new SyncApplier(t.db).applyPage(feedPage('group', [entry]));
  return entry.entityId;
}

describe('local blob bookkeeping', () => {
  it('keeps a file added here until the server has it, once per content', () => {
    const hash = someHash();
    noteLocalBlob(t.db, { hash, size: 100, mime: 'image/jpeg' }, '2026-03-01T08:00:00.000Z');
    expect(localBlob(t.db, hash)).toMatchObject({ size: 100, mime: 'image/jpeg', present: true, uploadedAt: null });
    // Sent once a record names it (one removed before it was sent is never sent).
    expect(blobsToUpload(t.db)).toEqual([]);
    document(customer(), hash);
    expect(blobsToUpload(t.db).map((b) => b.hash)).toEqual([hash]);
    expect(blobCounts(t.db)).toEqual({ uploads: 1, downloads: 0 });
    expect(blobPending(t.db, [hash]).get(hash)).toBe('upload');

    noteBlobFailure(t.db, hash, '无法连接集团服务器');
    expect(localBlob(t.db, hash)?.lastError).toBe('无法连接集团服务器');
    markBlobUploaded(t.db, hash, '2026-03-01T08:01:00.000Z');
    expect(localBlob(t.db, hash)).toMatchObject({ uploadedAt: '2026-03-01T08:01:00.000Z', lastError: null });
    expect(blobsToUpload(t.db)).toEqual([]);
    expect(blobPending(t.db, [hash]).get(hash)).toBeNull();

    // The same content kept again (a second customer's scan): still uploaded, nothing to send.
    noteLocalBlob(t.db, { hash, size: 100, mime: 'image/jpeg' });
    expect(localBlob(t.db, hash)?.uploadedAt).toBe('2026-03-01T08:01:00.000Z');
    expect(blobCounts(t.db)).toEqual({ uploads: 0, downloads: 0 });
  });

  it('wants the files live records name that are not here, and forgets them when no record does', () => {
    const owner = customer();
    const here = someHash();
    noteLocalBlob(t.db, { hash: here, size: 100, mime: 'image/jpeg' });
    const own = document(owner, here);
    const missing = someHash();
    const remote = remoteDocument(owner, missing);

    // Before the reconcile, the record already reads as 待下载.
    expect(blobPending(t.db, [missing]).get(missing)).toBe('download');
    expect(recordAttachmentState(t.db, 'customerDocument', remote)).toBe('download');
    expect(recordAttachmentState(t.db, 'customerDocument', own)).toBe('upload');
    expect(blobsOfRecord(t.db, 'customerDocument', remote)).toEqual([missing]);
    expect(recordAttachmentState(t.db, 'customer', owner)).toBeUndefined();

    expect(reconcileWantedBlobs(t.db)).toEqual({ wanted: 1, dropped: 0 });
    expect(blobsToDownload(t.db).map((b) => b.hash)).toEqual([missing]);
    expect(localBlob(t.db, missing)).toMatchObject({ present: false, size: null, mime: null });
    expect(blobCounts(t.db)).toEqual({ uploads: 1, downloads: 1 });
    // Twice changes nothing.
    expect(reconcileWantedBlobs(t.db)).toEqual({ wanted: 0, dropped: 0 });

    markBlobDownloaded(t.db, { hash: missing, size: 2000, mime: 'image/png' });
    expect(localBlob(t.db, missing)).toMatchObject({ present: true, size: 2000, mime: 'image/png' });
    expect(localBlob(t.db, missing)?.uploadedAt).not.toBeNull();
    expect(recordAttachmentState(t.db, 'customerDocument', remote)).toBeUndefined();
    expect(blobCounts(t.db)).toEqual({ uploads: 1, downloads: 0 });

    // A file lost here is fetched again while named; removed records no longer want theirs.
    markBlobMissing(t.db, missing, '本机附件文件已丢失');
    expect(blobCounts(t.db).downloads).toBe(1);
    t.writer.transaction((tx) => tx.remove('customerDocument', remote));
    expect(reconcileWantedBlobs(t.db)).toEqual({ wanted: 0, dropped: 1 });
    expect(localBlob(t.db, missing)).toBeUndefined();
    expect(blobCounts(t.db)).toEqual({ uploads: 1, downloads: 0 });
  });

  it('skips placeholders of half-known records and clears everything on revocation', () => {
    const owner = customer();
    document(owner, '');
    expect(reconcileWantedBlobs(t.db)).toEqual({ wanted: 0, dropped: 0 });
    noteLocalBlob(t.db, { hash: someHash(), size: 1, mime: 'image/png' });
    markBlobMissing(t.db, someHash());
    expect(clearLocalBlobs(t.db)).toBe(2);
    expect(blobCounts(t.db)).toEqual({ uploads: 0, downloads: 0 });
  });

  it('writes no change-log row: attachments bookkeeping is device-local', () => {
    const before = t.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get();
    noteLocalBlob(t.db, { hash: someHash(), size: 1, mime: 'image/png' });
    reconcileWantedBlobs(t.db);
    expect(t.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(before);
  });
});
