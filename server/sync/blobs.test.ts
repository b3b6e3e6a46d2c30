import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOB_CHUNK_BYTES } from '../../shared/sync/protocol.js';
import { openServerDb, type OpenedServerDb } from '../db/open.js';
import { createTestPg, type TestPg } from '../testing/pg.js';
import { BlobError, BlobStore } from './blobs.js';

let pg: TestPg;
let opened: OpenedServerDb;
let blobs: BlobStore;

beforeAll(async () => {
  pg = await createTestPg();
  opened = await openServerDb({ databaseUrl: pg.url });
  blobs = new BlobStore(opened.db);
});
afterAll(async () => {
  await opened?.close();
  await pg?.drop();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('attachments on the server', () => {
  it('takes a photo in chunks, resumes after a cut, and serves it back byte for byte', async () => {
    const photo = randomBytes(BLOB_CHUNK_BYTES * 2 + 1234);
    const hash = sha(photo);
    expect((await blobs.begin(hash, photo.length, 'image/jpeg')).received).toBe(0);
    await blobs.append(hash, 0, photo.subarray(0, BLOB_CHUNK_BYTES));
    // The connection is cut here; the device asks where to go on from.
    const status = (await blobs.status(hash))!;
    expect(status).toMatchObject({ received: BLOB_CHUNK_BYTES, complete: false });
    // The same chunk sent again (its answer was lost) changes nothing.
    expect((await blobs.append(hash, 0, photo.subarray(0, BLOB_CHUNK_BYTES))).received).toBe(BLOB_CHUNK_BYTES);
    await expect(blobs.append(hash, BLOB_CHUNK_BYTES + 10, photo.subarray(0, 10))).rejects.toBeInstanceOf(BlobError);
    await blobs.append(hash, BLOB_CHUNK_BYTES, photo.subarray(BLOB_CHUNK_BYTES, 2 * BLOB_CHUNK_BYTES));
    const done = await blobs.append(hash, 2 * BLOB_CHUNK_BYTES, photo.subarray(2 * BLOB_CHUNK_BYTES));
    expect(done.complete).toBe(true);
    const back = await blobs.read(hash, 0, photo.length);
    expect(sha(back.data)).toBe(hash);
    const tail = await blobs.read(hash, BLOB_CHUNK_BYTES - 5, 10);
    expect(tail.data.equals(photo.subarray(BLOB_CHUNK_BYTES - 5, BLOB_CHUNK_BYTES + 5))).toBe(true);
  });

  it('needs no bytes for a content it already has, from whoever sent it', async () => {
    const scan = randomBytes(5000);
    const hash = sha(scan);
    await blobs.begin(hash, scan.length, 'image/png');
    await blobs.append(hash, 0, scan);
    expect(await blobs.begin(hash, scan.length, 'image/png')).toMatchObject({ complete: true, received: scan.length });
  });

  it('starts an unfinished upload over when it is announced with another size', async () => {
    const photo = randomBytes(4000);
    const hash = sha(photo);
    await blobs.begin(hash, 9999, 'image/jpeg');
    await blobs.append(hash, 0, randomBytes(100));
    expect(await blobs.begin(hash, photo.length, 'image/jpeg')).toMatchObject({ size: photo.length, received: 0 });
    expect((await blobs.append(hash, 0, photo)).complete).toBe(true);
  });

  it('refuses bytes that do not match their hash and starts the blob over', async () => {
    const real = randomBytes(3000);
    const hash = sha(real);
    await blobs.begin(hash, real.length, 'image/jpeg');
    await expect(blobs.append(hash, 0, randomBytes(3000))).rejects.toMatchObject({ code: 'BLOB_HASH_MISMATCH' });
    expect(await blobs.status(hash)).toMatchObject({ received: 0, complete: false });
    await expect(blobs.read(hash, 0, 10)).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
    expect((await blobs.append(hash, 0, real)).complete).toBe(true);
  });
});
