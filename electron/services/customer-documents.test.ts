import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markBlobUploaded } from '../../db/blobs.js';
import { localBlob } from '../../db/queries/blobs.js';
import { SyncApplier } from '../../db/sync-apply.js';
import { feedEntry, feedPage } from '../../db/testing/sync.js';
import { MAX_ATTACHMENT_BASE64 } from '../../shared/domain/attachments.js';
import { residentCheckDigit } from '../../shared/domain/id-documents.js';
import { tempHost, type TempHost } from '../testing/temp-host.js';

/** 证件扫描件 through the real dispatcher on a real database file and attachments folder. */
let h: TempHost;
beforeEach(() => {
  h = tempHost();
});
afterEach(() => h.dispose());

const idCard = (birth: string, seq: string) => `330106${birth}${seq}${residentCheckDigit(`330106${birth}${seq}`)}`;
const register = (name: string, idNumber: string) =>
  h.call('customer.create', { name, idType: 'resident', idNumber, phones: [], acknowledgeDuplicates: true });

const JPEG = [0xff, 0xd8, 0xff, 0xe0];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
function file(magic: number[], size = 5000) {
  const bytes = Buffer.concat([Buffer.from(magic), randomBytes(size - magic.length)]);
  return { bytes, base64: bytes.toString('base64'), hash: createHash('sha256').update(bytes).digest('hex') };
}
const scanPath = (hash: string) => join(h.dir, 'attachments', hash.slice(0, 2), hash);

const add = (customerId: string, data: string, extra: Record<string, unknown> = {}) =>
  h.call('customer.addDocument', {
    customerId,
    kind: 'idFront',
    fileName: '身份证正面.jpg',
    mime: 'image/jpeg',
    dataBase64: data,
    ...extra,
  });

describe('customer documents (证件扫描件)', () => {
  it('keeps the file content-addressed and the record through the write path, pending upload', async () => {
    const c = await register('张三', idCard('19850312', '123'));
    const scan = file(JPEG);
    const doc = await add(c.id, scan.base64, { takenAt: '2026-03-01', remark: '正面' });
    expect(doc).toMatchObject({
      customerId: c.id,
      kind: 'idFront',
      fileName: '身份证正面.jpg',
      mime: 'image/jpeg',
      size: scan.bytes.length,
      hash: scan.hash,
      takenAt: '2026-03-01',
      remark: '正面',
      pending: 'upload',
    });
    expect(existsSync(scanPath(scan.hash))).toBe(true);
    expect(localBlob(h.host.database.db, scan.hash)).toMatchObject({ present: true, uploadedAt: null, size: scan.bytes.length });

    const view = await h.call('customer.view', { id: c.id });
    expect(view.documents).toEqual([doc]);
    // History shows the document's creation, without the file's bookkeeping fields.
    const entry = view.history.find((e) => e.entity === 'customerDocument');
    expect(entry).toMatchObject({ entityId: doc.id, op: 'create' });
    expect(await h.call('sync.recordState', { entity: 'customerDocument', id: doc.id })).toEqual({
      state: 'pending',
      attachments: 'upload',
    });
    expect(await h.call('sync.status', {})).toMatchObject({ pendingUploads: 1, pendingDownloads: 0, pendingPhotos: 1 });

    const content = await h.call('customer.documentContent', { id: doc.id });
    expect(content).toMatchObject({ mime: 'image/jpeg', fileName: '身份证正面.jpg', size: scan.bytes.length });
    expect(Buffer.from(content.dataBase64, 'base64').equals(scan.bytes)).toBe(true);

    // Once the server has it, nothing is pending.
    markBlobUploaded(h.host.database.db, scan.hash);
    expect((await h.call('customer.view', { id: c.id })).documents[0]?.pending).toBeNull();
    expect(await h.call('sync.status', {})).toMatchObject({ pendingPhotos: 0 });
  });

  it('keeps one file for the same content of two customers, and refuses it twice for one', async () => {
    const a = await register('张三', idCard('19850312', '123'));
    const b = await register('李四', idCard('19900705', '246'));
    const scan = file(JPEG);
    await add(a.id, scan.base64);
    await add(b.id, scan.base64, { fileName: '复印件.jpg', kind: 'other' });
    expect(readdirSync(join(h.dir, 'attachments', scan.hash.slice(0, 2))).filter((n) => n.startsWith(scan.hash))).toEqual([
      scan.hash,
    ]);
    expect(await h.call('sync.status', {})).toMatchObject({ pendingUploads: 1 });
    const twice = await h.failure('customer.addDocument', {
      customerId: a.id,
      kind: 'idBack',
      fileName: 'x.jpg',
      mime: 'image/jpeg',
      dataBase64: scan.base64,
    });
    expect(twice.code).toBe('VALIDATION');
    expect(twice.message).toContain('内容相同');
  });

  it('refuses in Chinese what is not an accepted file', async () => {
    const c = await register('张三', idCard('19850312', '123'));
    const png = file(PNG);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ mime: 'image/gif', dataBase64: png.base64 }, /JPEG、PNG、WebP 图片或 PDF/],
      [{ mime: 'image/jpeg', dataBase64: png.base64 }, /文件内容与其类型不符/],
      [{ mime: 'application/pdf', dataBase64: file(JPEG).base64 }, /文件内容与其类型不符/],
      [{ mime: 'image/png', dataBase64: '@@@@' }, /附件内容格式不正确/],
      [{ mime: 'image/png', dataBase64: '' }, /附件为空文件/],
      [{ mime: 'image/png', dataBase64: 'A'.repeat(MAX_ATTACHMENT_BASE64 + 4) }, /附件不能超过 50 MB/],
    ];
    for (const [input, message] of cases) {
      const error = await h.failure('customer.addDocument', { customerId: c.id, kind: 'other', fileName: 'f', ...input });
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toMatch(message);
    }
    expect(
      (
        await h.failure('customer.addDocument', {
          customerId: '0190c0de-0000-7000-8000-000000000000',
          mime: 'image/png',
          dataBase64: png.base64,
        })
      ).code,
    ).toBe('NOT_FOUND');
    expect((await h.call('customer.view', { id: c.id })).documents).toEqual([]);
    expect(await h.call('sync.status', {})).toMatchObject({ pendingUploads: 0 });
    // A PNG declared as one is fine.
    expect((await h.call('customer.addDocument', { customerId: c.id, mime: 'image/png', dataBase64: png.base64 })).kind).toBe(
      'other',
    );
  });

  it('removes a document as a tombstone', async () => {
    const c = await register('张三', idCard('19850312', '123'));
    const doc = await add(c.id, file(JPEG).base64);
    expect(await h.call('customer.removeDocument', { id: doc.id })).toEqual({ removed: true });
    expect((await h.call('customer.view', { id: c.id })).documents).toEqual([]);
    expect((await h.failure('customer.documentContent', { id: doc.id })).code).toBe('NOT_FOUND');
    expect((await h.failure('customer.removeDocument', { id: doc.id })).code).toBe('NOT_FOUND');
    const ops = h.host.database.sqlite
      .prepare("SELECT op FROM change_log WHERE entity = 'customerDocument' AND entity_id = ? ORDER BY seq")
      .pluck()
      .all(doc.id);
    expect(ops).toEqual(['create', 'delete']);
  });

  it('says 附件尚未下载 for a document another office added until its file is here, and for a damaged file', async () => {
    const c = await register('张三', idCard('19850312', '123'));
    const scan = file(PNG);
    const entry = feedEntry({
      entity: 'customerDocument',
      entityId: '0190c0de-0000-7000-8000-00000000abcd',
      op: 'create',
      fields: {
        customerId: c.id,
        hash: scan.hash,
        mime: 'image/png',
        size: scan.bytes.length,
        kind: 'idBack',
        fileName: 'b.png',
        takenAt: null,
        remark: '',
      },
    });
    new SyncApplier(h.host.database.db).applyPage(feedPage('group', [entry]));
    const [doc] = (await h.call('customer.view', { id: c.id })).documents;
    expect(doc).toMatchObject({ id: entry.entityId, pending: 'download' });
    expect(await h.call('sync.recordState', { entity: 'customerDocument', id: entry.entityId })).toEqual({
      state: 'synced',
      attachments: 'download',
    });
    const pending = await h.failure('customer.documentContent', { id: entry.entityId });
    expect(pending.code).toBe('ATTACHMENT_PENDING');
    expect(pending.message).toBe('附件尚未下载到本机，联网同步后即可查看');

    // A file of ours damaged on disk is not shown; it is fetched again.
    const own = file(JPEG);
    const mine = await add(c.id, own.base64);
    writeFileSync(scanPath(own.hash), randomBytes(100));
    const damaged = await h.failure('customer.documentContent', { id: mine.id });
    expect(damaged.code).toBe('ATTACHMENT_PENDING');
    expect(localBlob(h.host.database.db, own.hash)).toMatchObject({ present: false });
    expect((await h.call('customer.view', { id: c.id })).documents.find((d) => d.id === mine.id)?.pending).toBe('download');
  });

  it('moves documents with a merge (a scan the survivor has goes), and back with its undo', async () => {
    const survivor = await register('张三', idCard('19850312', '123'));
    const merged = await register('张叁', idCard('19900705', '246'));
    const shared = file(JPEG);
    const own = file(JPEG);
    await add(survivor.id, shared.base64);
    const sharedOfMerged = await add(merged.id, shared.base64);
    const ownOfMerged = await add(merged.id, own.base64);
    const { mergeId } = await h.call('customer.merge', { survivorId: survivor.id, mergedId: merged.id });
    const after = (await h.call('customer.view', { id: survivor.id })).documents.map((d) => d.id);
    expect(after).toHaveLength(2);
    expect(after).toContain(ownOfMerged.id);
    expect(after).not.toContain(sharedOfMerged.id);

    await h.call('customer.undoMerge', { mergeId });
    expect((await h.call('customer.view', { id: merged.id })).documents.map((d) => d.id).sort()).toEqual(
      [sharedOfMerged.id, ownOfMerged.id].sort(),
    );
    expect((await h.call('customer.view', { id: survivor.id })).documents).toHaveLength(1);
  });
});
