/**
 * Attachments end to end: 证件扫描件 added in real offices (encrypted SQLite, real services, the
 * real sync engine and BlobTransfer over HTTP) against the real group server on PostgreSQL.
 * The record travels first; its file follows, in chunks, resumably, once per content.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeviceCode } from '../../server/accounts/devices.js';
import { BlobStore } from '../../server/sync/blobs.js';
import { tempHost } from '../../electron/testing/temp-host.js';
import { BLOB_CHUNK_BYTES } from '../../shared/sync/protocol.js';
import { personInput, residentId, updateCustomer } from '../harness/actions.js';
import { SyncWorld, type Office } from '../harness/world.js';

let world: SyncWorld;
let projects: Record<string, string>;
let blobs: BlobStore;
let phone = 13900000000;
const C = BLOB_CHUNK_BYTES;

/** A JPEG-looking scan (the service checks the first bytes against the type) of `size` bytes. */
function scan(size = 40 * 1024): { bytes: Buffer; base64: string; hash: string } {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
  return { bytes, base64: bytes.toString('base64'), hash: createHash('sha256').update(bytes).digest('hex') };
}

async function inProject(office: Office, code = 'SH01'): Promise<string> {
  const projectId = projects[code]!;
  await office.call('session.setProject', { projectId });
  return projectId;
}

async function customer(office: Office, name: string): Promise<string> {
  phone++;
  return (await office.call('customer.create', personInput(name, residentId(), String(phone)))).id;
}

function addScan(office: Office, customerId: string, file: { base64: string }, fileName = '身份证正面.jpg') {
  return office.call('customer.addDocument', {
    customerId,
    kind: 'idFront',
    fileName,
    mime: 'image/jpeg',
    dataBase64: file.base64,
  });
}

async function documentOf(office: Office, customerId: string, id: string) {
  const { documents } = await office.call('customer.view', { id: customerId });
  return documents.find((d) => d.id === id);
}

async function serverRecord(id: string) {
  const [record] = await world.store.records([{ entity: 'customerDocument', id }]);
  return record;
}

beforeAll(async () => {
  world = await SyncWorld.start();
  projects = await world.organisation(['SH01', 'HZ01']);
  await world.employee('scan-a', '前台甲', ['SH01']);
  await world.employee('scan-b', '前台乙', ['SH01']);
  await world.employee('scan-c', '前台丙', ['HZ01']);
  await world.employee('scan-d', '前台丁', ['SH01', 'HZ01']);
  blobs = new BlobStore(world.server.db);
}, 60_000);

afterAll(async () => {
  await world?.close();
});

describe('ID scans between two offices', () => {
  it('a scan added offline reaches the server after its record, then the other office, byte-identical', async () => {
    const a = await world.office('A', 'scan-a');
    const b = await world.office('B', 'scan-b');
    await inProject(a);
    await inProject(b);
    const customerId = await customer(a, '王晓明');
    const file = scan(300 * 1024);

    a.network.online = false;
    const doc = await addScan(a, customerId, file);
    expect(doc).toMatchObject({
      hash: file.hash,
      size: file.bytes.length,
      mime: 'image/jpeg',
      kind: 'idFront',
      pending: 'upload',
    });
    expect(await a.call('sync.status', {})).toMatchObject({ pendingUploads: 1, pendingDownloads: 0, pendingPhotos: 1 });
    expect((await a.sync()).ok).toBe(false);
    expect(await serverRecord(doc.id)).toBeNull();

    // Back online: the record is pushed before the first byte of its file leaves.
    a.network.online = true;
    const before = a.network.blobRequests.length;
    const blobRequestsAtPush: number[] = [];
    const push = a.network.push;
    a.network.push = (...args) => {
      blobRequestsAtPush.push(a.network.blobRequests.length);
      return push(...args);
    };
    const round = await a.sync();
    a.network.push = push;
    expect(round).toMatchObject({ ok: true, uploaded: 1, attachmentFailures: [] });
    expect(blobRequestsAtPush).toEqual([before]);
    expect(a.network.blobRequests.slice(before).map((r) => [r.method, r.offset])).toEqual([
      ['POST', null],
      ['PUT', 0],
      ['PUT', C],
    ]);
    expect((await serverRecord(doc.id))?.fields).toMatchObject({ customerId, hash: file.hash, kind: 'idFront' });
    expect(await blobs.status(file.hash)).toMatchObject({ size: file.bytes.length, complete: true });
    expect((await documentOf(a, customerId, doc.id))?.pending).toBeNull();
    expect(await a.call('sync.status', {})).toMatchObject({ pendingPhotos: 0, pendingUploads: 0, attachmentError: null });

    // The other office: the record, then its file, in the same round.
    const received = await b.sync();
    expect(received).toMatchObject({ ok: true, downloaded: 1 });
    expect(await documentOf(b, customerId, doc.id)).toMatchObject({ fileName: '身份证正面.jpg', hash: file.hash, pending: null });
    const content = await b.call('customer.documentContent', { id: doc.id });
    expect(content.mime).toBe('image/jpeg');
    expect(Buffer.from(content.dataBase64, 'base64').equals(file.bytes)).toBe(true);
    expect(await b.call('sync.status', {})).toMatchObject({ pendingPhotos: 0 });
    expect(await b.call('sync.recordState', { entity: 'customerDocument', id: doc.id })).toEqual({ state: 'synced' });
  });

  it('a record whose file is not uploaded yet shows 待上传 on its office and 待下载 on the other until it arrives', async () => {
    const a = await world.office('A2', 'scan-a');
    const b = await world.office('B2', 'scan-b');
    await inProject(a);
    await inProject(b);
    const customerId = await customer(a, '李秀英');
    await a.sync();
    await b.sync();
    const file = scan();
    const doc = await addScan(a, customerId, file, '身份证反面.jpg');

    // The line drops right after the push: the record is on the server, its file is not.
    a.network.cutAfter = 2;
    const cut = await a.sync();
    expect(cut.ok).toBe(false);
    expect(cut.error?.code).toBe('OFFLINE');
    expect(await serverRecord(doc.id)).not.toBeNull();
    expect(await blobs.status(file.hash)).toBeNull();
    expect(await a.call('sync.recordState', { entity: 'customerDocument', id: doc.id })).toEqual({
      state: 'synced',
      attachments: 'upload',
    });
    expect((await documentOf(a, customerId, doc.id))?.pending).toBe('upload');
    // Its own office still shows it.
    const own = await a.call('customer.documentContent', { id: doc.id });
    expect(Buffer.from(own.dataBase64, 'base64').equals(file.bytes)).toBe(true);

    // The other office gets the record without its file, and says so.
    const early = await b.sync();
    expect(early).toMatchObject({ ok: true, downloaded: 0, attachmentFailures: [] });
    expect((await documentOf(b, customerId, doc.id))?.pending).toBe('download');
    expect(await b.call('sync.recordState', { entity: 'customerDocument', id: doc.id })).toEqual({
      state: 'synced',
      attachments: 'download',
    });
    const pending = await b.failure('customer.documentContent', { id: doc.id });
    expect(pending.code).toBe('ATTACHMENT_PENDING');
    expect(pending.message).toBe('附件尚未下载到本机，联网同步后即可查看');
    expect(await b.call('sync.status', {})).toMatchObject({ pendingDownloads: 1, pendingPhotos: 1, attachmentError: null });

    a.network.online = true;
    a.network.cutAfter = null;
    expect(await a.sync()).toMatchObject({ ok: true, uploaded: 1 });
    expect((await documentOf(a, customerId, doc.id))?.pending).toBeNull();
    expect(await b.sync()).toMatchObject({ ok: true, downloaded: 1 });
    expect((await documentOf(b, customerId, doc.id))?.pending).toBeNull();
    const content = await b.call('customer.documentContent', { id: doc.id });
    expect(Buffer.from(content.dataBase64, 'base64').equals(file.bytes)).toBe(true);
    expect(await b.call('sync.status', {})).toMatchObject({ pendingDownloads: 0, pendingPhotos: 0 });
  });

  it('goes on after a cut mid-upload from what the server holds, sending no chunk twice', async () => {
    const a = await world.office('A3', 'scan-a');
    const b = await world.office('B3', 'scan-b');
    await inProject(a);
    await inProject(b);
    const customerId = await customer(a, '赵志强');
    const file = scan(700 * 1024);
    const doc = await addScan(a, customerId, file);

    // session, push, begin and the first chunk go through; the line drops before the second.
    a.network.cutAfter = 4;
    expect((await a.sync()).ok).toBe(false);
    expect(a.network.chunksSent()).toEqual([0]);
    expect(await blobs.status(file.hash)).toMatchObject({ received: C, complete: false });
    expect(await a.call('sync.status', {})).toMatchObject({ pendingUploads: 1 });
    expect((await a.call('sync.status', {})).attachmentError).toContain('无法连接集团服务器');

    a.network.online = true;
    a.network.cutAfter = null;
    expect(await a.sync()).toMatchObject({ ok: true, uploaded: 1 });
    expect(a.network.chunksSent()).toEqual([0, C, 2 * C]);
    expect(await blobs.status(file.hash)).toMatchObject({ received: file.bytes.length, complete: true });

    // Downloads resume the same way: the other office's line drops after its first chunk.
    b.network.cutAfter = 4; // session, group pull, project pull and the first content request go through
    // The records came: the round is a success; the file is noted as failed and tried again next round.
    const cut = await b.sync();
    expect(cut).toMatchObject({
      ok: true,
      downloaded: 0,
      attachmentFailures: [{ hash: file.hash, direction: 'download', code: 'OFFLINE' }],
    });
    expect((await b.call('sync.status', {})).attachmentError).toContain('无法连接集团服务器');
    const fetched = () => b.network.blobRequests.filter((r) => r.path.endsWith(`${file.hash}/content`)).map((r) => r.offset);
    expect(fetched()).toEqual([0]);
    expect((await documentOf(b, customerId, doc.id))?.pending).toBe('download');
    b.network.online = true;
    b.network.cutAfter = null;
    expect(await b.sync()).toMatchObject({ ok: true, downloaded: 1 });
    expect(fetched()).toEqual([0, C, 2 * C]);
    const content = await b.call('customer.documentContent', { id: doc.id });
    expect(Buffer.from(content.dataBase64, 'base64').equals(file.bytes)).toBe(true);
  });

  it('never sends a content twice: the same scan for another customer, or from another office', async () => {
    const a = await world.office('A4', 'scan-a');
    const b = await world.office('B4', 'scan-b');
    await inProject(a);
    await inProject(b);
    const first = await customer(a, '孙丽华');
    const second = await customer(a, '孙丽华（家属）');
    const file = scan(300 * 1024);
    await addScan(a, first, file);
    expect(await a.sync()).toMatchObject({ ok: true, uploaded: 1 });
    const sent = a.network.blobRequests.length;

    // The same content for a second customer: one file on this device, nothing to send.
    const again = await addScan(a, second, file, '户口本复印件.jpg');
    expect(again.pending).toBeNull();
    expect((await a.call('sync.status', {})).pendingUploads).toBe(0);
    expect(await a.sync()).toMatchObject({ ok: true, uploaded: 0 });
    expect(a.network.blobRequests.length).toBe(sent);
    const dir = join(a.dir, 'attachments', file.hash.slice(0, 2));
    expect(readdirSync(dir).filter((name) => name.startsWith(file.hash))).toEqual([file.hash]);

    // The same content added in another office before it heard of it: one announcement, no chunk.
    const third = await customer(b, '周建军');
    const elsewhere = await addScan(b, third, file, '扫描件.jpg');
    expect(elsewhere.pending).toBe('upload');
    const before = b.network.blobRequests.length;
    expect(await b.sync()).toMatchObject({ ok: true, uploaded: 1, downloaded: 0 });
    expect(b.network.blobRequests.slice(before).map((r) => r.method)).toEqual(['POST']);
    expect(b.network.chunksSent()).toEqual([]);
    // Both customers' documents are there on B, with the one file.
    expect((await b.call('customer.view', { id: first })).documents.map((d) => d.pending)).toEqual([null]);
    expect((await b.call('customer.view', { id: second })).documents.map((d) => d.pending)).toEqual([null]);
  });

  it('works the same with the engine in a worker thread', async () => {
    const b = await world.office('B5', 'scan-b');
    await inProject(b);
    const w = tempHost({ serverUrl: world.url, sync: { mode: 'worker', intervalMs: 3_600_000, debounceMs: 3_600_000 } });
    try {
      const { code } = await createDeviceCode(world.server.db, { createdBy: 'test' });
      await w.call('sync.register', { code, deviceName: 'W' });
      await w.call('sync.login', { account: 'scan-a', password: 'scan-a-pass' });
      await w.call('sync.now', {});
      await w.call('session.setProject', { projectId: projects.SH01! });
      const customerId = (await w.call('customer.create', personInput('吴晓燕', residentId(), '13700137001'))).id;
      const file = scan(400 * 1024);
      const doc = await w.call('customer.addDocument', {
        customerId,
        kind: 'idBack',
        fileName: 'back.jpg',
        mime: 'image/jpeg',
        dataBase64: file.base64,
      });
      const status = await w.call('sync.now', {});
      expect(status).toMatchObject({ lastError: null, pendingUploads: 0, pendingPhotos: 0 });
      expect(await blobs.status(file.hash)).toMatchObject({ complete: true });

      // And back: a scan from the inline office is fetched by the worker.
      expect(await b.sync()).toMatchObject({ ok: true, downloaded: 1 });
      const other = scan();
      const back = await addScan(b, customerId, other);
      await b.sync();
      expect(await w.call('sync.now', {})).toMatchObject({ lastError: null, pendingDownloads: 0 });
      const content = await w.call('customer.documentContent', { id: back.id });
      expect(Buffer.from(content.dataBase64, 'base64').equals(other.bytes)).toBe(true);
      expect((await w.call('customer.view', { id: customerId })).documents.map((d) => [d.id, d.pending])).toEqual([
        [back.id, null],
        [doc.id, null],
      ]);
    } finally {
      await w.shutdown();
    }
  }, 60_000);

  it('a revoked device keeps no scan: the files leave with the records', async () => {
    const d = await world.office('D', 'scan-a');
    await inProject(d);
    const customerId = await customer(d, '郑国庆');
    const file = scan();
    const doc = await addScan(d, customerId, file);
    expect(await d.sync()).toMatchObject({ ok: true, uploaded: 1 });
    await world.revokeDevice(d.host.info.deviceId);
    expect((await d.sync()).error?.code).toBe('DEVICE_REVOKED');
    expect((await d.failure('customer.documentContent', { id: doc.id })).code).toBe('NOT_FOUND');
    expect(await d.call('sync.status', {})).toMatchObject({ pendingUploads: 0, pendingDownloads: 0 });
    expect(d.host.database.sqlite.prepare('SELECT count(*) FROM local_blobs').pluck().get()).toBe(0);
    expect(existsSync(join(d.dir, 'attachments', file.hash.slice(0, 2), file.hash))).toBe(false);
    // The server keeps the file for the offices still entitled to it.
    expect(await blobs.status(file.hash)).toMatchObject({ complete: true });
  });
});

describe('removed scans leave the devices', () => {
  const fileOf = (office: Office, hash: string) => join(office.dir, 'attachments', hash.slice(0, 2), hash);
  const rowOf = (office: Office, hash: string) =>
    office.host.database.sqlite.prepare('SELECT count(*) FROM local_blobs WHERE hash = ?').pluck().get(hash);

  it('a scan removed after it synced goes from its office and from the office that fetched it', async () => {
    const a = await world.office('A8', 'scan-a', { attachmentRemoveGraceMs: 0 });
    const b = await world.office('B8', 'scan-b', { attachmentRemoveGraceMs: 0 });
    await inProject(a);
    await inProject(b);
    const customerId = await customer(a, '孙丽华');
    const file = scan();
    const doc = await addScan(a, customerId, file);
    expect(await a.sync()).toMatchObject({ ok: true, uploaded: 1, attachmentsRemoved: 0 });
    expect(await b.sync()).toMatchObject({ ok: true, downloaded: 1 });
    expect(existsSync(fileOf(b, file.hash))).toBe(true);

    await a.call('customer.removeDocument', { id: doc.id });
    // The server has the file: it goes with the round that sends the removal.
    expect(await a.sync()).toMatchObject({ ok: true, attachmentsRemoved: 1 });
    expect(existsSync(fileOf(a, file.hash))).toBe(false);
    expect(rowOf(a, file.hash)).toBe(0);
    expect(await b.sync()).toMatchObject({ ok: true, attachmentsRemoved: 1 });
    expect(existsSync(fileOf(b, file.hash))).toBe(false);
    expect(rowOf(b, file.hash)).toBe(0);
    // Nothing is fetched again, and the customer shows no document on either side.
    expect(await b.sync()).toMatchObject({ ok: true, downloaded: 0, attachmentsRemoved: 0 });
    expect(await documentOf(b, customerId, doc.id)).toBeUndefined();
  });

  it('a scan added and removed offline goes once its removal reached the server, never having been sent', async () => {
    const a = await world.office('A9', 'scan-a', { attachmentRemoveGraceMs: 0 });
    await inProject(a);
    const customerId = await customer(a, '周建国');
    a.network.online = false;
    const file = scan();
    const doc = await addScan(a, customerId, file);
    await a.call('customer.removeDocument', { id: doc.id });
    // Offline the removal could still be refused and the record come back: the file stays.
    expect((await a.sync()).ok).toBe(false);
    expect(existsSync(fileOf(a, file.hash))).toBe(true);
    a.network.online = true;
    expect(await a.sync()).toMatchObject({ ok: true, uploaded: 0, attachmentsRemoved: 1 });
    expect(existsSync(fileOf(a, file.hash))).toBe(false);
    expect(await blobs.status(file.hash)).toBeNull();
    expect(await a.call('sync.status', {})).toMatchObject({ pendingUploads: 0, pendingDownloads: 0 });
  });

  it('a device opened again removes a file no record needs, whatever the sync does', async () => {
    const a = await world.office('A10', 'scan-a');
    await inProject(a);
    const customerId = await customer(a, '吴志强');
    const file = scan();
    const doc = await addScan(a, customerId, file);
    expect(await a.sync()).toMatchObject({ ok: true, uploaded: 1 });
    await a.call('customer.removeDocument', { id: doc.id });
    // The default grace keeps a file just added through the round; the next start removes it.
    expect(await a.sync()).toMatchObject({ ok: true, attachmentsRemoved: 0 });
    expect(existsSync(fileOf(a, file.hash))).toBe(true);
    await a.host.shutdown();
    const again = tempHost({ sync: false }, a.dir);
    try {
      expect(existsSync(fileOf(a, file.hash))).toBe(false);
      expect(again.host.database.sqlite.prepare('SELECT count(*) FROM local_blobs WHERE hash = ?').pluck().get(file.hash)).toBe(
        0,
      );
    } finally {
      again.dispose();
    }
  });
});

describe('a slow line', () => {
  it('never holds up the records: files move a part per round and the records sync meanwhile', async () => {
    const a = await world.office('A11', 'scan-a', { attachmentBudgetMs: 0 });
    const b = await world.office('B11', 'scan-b', { attachmentBudgetMs: 0 });
    await inProject(a);
    await inProject(b);
    const customerId = await customer(a, '冯晓燕');
    const big = scan(3 * C);
    await addScan(a, customerId, big);
    await addScan(a, customerId, scan(), '身份证反面.jpg');
    // With no time to spare a round moves one chunk of one file and leaves the rest.
    const first = await a.sync();
    expect(first).toMatchObject({ ok: true, uploaded: 0 });
    // Both scans wait (and the files of the project's earlier scans still to fetch here).
    expect(first.attachmentsDeferred).toBeGreaterThanOrEqual(2);
    expect((await a.call('sync.status', {})).pendingUploads).toBe(2);
    expect(a.network.chunksSent()).toEqual([0]);
    // The records are on the server and reach the other office already.
    await b.sync();
    const { documents } = await b.call('customer.view', { id: customerId });
    expect(documents.map((d) => d.pending).sort()).toEqual(['download', 'download']);
    let rounds = 1;
    while ((await a.call('sync.status', {})).pendingUploads > 0 && rounds < 10) {
      await a.sync();
      rounds++;
    }
    // No chunk was sent twice.
    expect(a.network.chunksSent().slice(0, 3)).toEqual([0, C, 2 * C]);
    expect((await a.call('sync.status', {})).pendingUploads).toBe(0);
    // B fetches a chunk a round too (the project's earlier scans first, oldest first).
    const pendingOnB = async () =>
      (await b.call('customer.view', { id: customerId })).documents.filter((d) => d.pending !== null).length;
    for (rounds = 0; (await pendingOnB()) > 0 && rounds < 60; rounds++) await b.sync();
    expect(await pendingOnB()).toBe(0);
  });
});

describe('scans follow their customer', () => {
  it('into another project: the customer arrives there with every scan, and the files follow', async () => {
    const a = await world.office('A7', 'scan-a');
    await inProject(a);
    const customerId = await customer(a, '钱学军');
    const first = scan();
    const inSh = await addScan(a, customerId, first);
    await a.sync();
    // An office of both projects works on the customer in HZ01: the customer joins that project.
    const d = await world.office('D7', 'scan-d');
    await inProject(d, 'HZ01');
    const second = scan();
    const inHz = await addScan(d, customerId, second, '身份证反面.jpg');
    expect(await d.sync()).toMatchObject({ ok: true, uploaded: 1 });

    const c = await world.office('C7', 'scan-c');
    const docs = (await c.call('customer.view', { id: customerId })).documents;
    expect(docs.map((x) => [x.id, x.pending]).sort()).toEqual(
      [
        [inSh.id, null],
        [inHz.id, null],
      ].sort(),
    );
    const got = await c.call('customer.documentContent', { id: inSh.id });
    expect(Buffer.from(got.dataBase64, 'base64').equals(first.bytes)).toBe(true);
  });

  it('to the survivor when the server merges two registrations of one person', async () => {
    const a = await world.office('A8', 'scan-a');
    const c = await world.office('C8', 'scan-c');
    await inProject(a);
    await inProject(c, 'HZ01');
    const idNumber = residentId();
    const same = scan();
    const onlyC = scan();
    const inA = await a.call('customer.create', personInput('冯雪', idNumber, '13500135001'));
    await addScan(a, inA.id, same);
    await a.sync();
    // c registered her under a mistyped number, with both scans, and synced.
    const inC = await c.call('customer.create', personInput('冯雪', residentId(), '13500135002'));
    const duplicate = await addScan(c, inC.id, same);
    const moved = await addScan(c, inC.id, onlyC, '护照.jpg');
    await c.sync();
    // The number corrected: the server merges c's customer into a's, scans included.
    await updateCustomer(c, inC.id, { idNumber });
    await c.sync();
    await a.sync();
    await c.sync();
    for (const office of [a, c]) {
      const { documents } = await office.call('customer.view', { id: inA.id });
      // The scan both had is kept once; the other moved to the survivor, with its file.
      expect(documents.map((x) => x.hash).sort()).toEqual([same.hash, onlyC.hash].sort());
      expect(documents.map((x) => x.id)).toContain(moved.id);
      expect(documents.map((x) => x.id)).not.toContain(duplicate.id);
      expect(documents.every((x) => x.pending === null)).toBe(true);
    }
    const content = await a.call('customer.documentContent', { id: moved.id });
    expect(Buffer.from(content.dataBase64, 'base64').equals(onlyC.bytes)).toBe(true);
  });
});
