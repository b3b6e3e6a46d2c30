import { readdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { markBlobUploaded } from '../../../db/blobs.js';
import { localBlob } from '../../../db/queries/blobs.js';
import { tempDir } from '../../../db/testing/temp-db.js';
import { tempHost, type TempHost } from '../../testing/temp-host.js';
import {
  b64,
  batchOf,
  dayFrom,
  handoverSite,
  images,
  jpegVariant,
  readyToAccept,
  roomId,
  sha256,
  type Site,
} from './testing/site.js';

/** 缺陷 and the rectification loop, and the photos' storage, through the real dispatcher. */
let h: TempHost;
let site: Site;
let dir: string;
beforeEach(async () => {
  dir = tempDir('sitedesk-defects-');
  h = tempHost({}, dir);
  site = await handoverSite(h);
});
afterEach(() => {
  h.host.close();
  rmSync(dir, { recursive: true, force: true });
});

const photoPath = (hash: string) => join(dir, 'attachments', hash.slice(0, 2), hash);
const filesOnDisk = () =>
  readdirSync(join(dir, 'attachments'))
    .filter((d) => d !== '.tmp')
    .flatMap((d) => readdirSync(join(dir, 'attachments', d)));

async function openInspection(code = '9-1-0101') {
  const resourceId = roomId(site, code);
  const { handovers } = await batchOf(h, [resourceId], `批次${code}`);
  const handoverId = handovers.get(resourceId)!;
  await h.call('handover.setBuyers', { id: handoverId, buyers: [{ customerId: site.buyer, role: 'owner' }] });
  const view = await h.call('inspection.start', { resourceId, kind: 'owner', handoverId, customerId: site.buyer });
  return { resourceId, handoverId, view, inspectionId: view.inspection.id };
}

describe('a defect', () => {
  it('is found on an open inspection: its item fails, its room and category are kept, its pin on the floor plan', async () => {
    const category = await h.call('dict.create', { typeCode: 'defectCategory', name: '空鼓' });
    const contractorless = await h.call('dict.create', { typeCode: 'contractor', name: '总包单位' });
    const { view, inspectionId, resourceId } = await openInspection();
    const wall = view.items[2]!;
    const defect = await h.call('defect.create', {
      inspectionId,
      itemId: wall.id,
      area: wall.area,
      pin: { x: 0.25, y: 0.5 },
      categoryId: category.id,
      description: '客厅北墙空鼓约30厘米',
      severity: 'major',
      contractor: '总包单位',
      dueDate: dayFrom(7),
    });
    expect(defect).toMatchObject({
      resourceId,
      inspectionId,
      itemId: wall.id,
      itemName: '墙面',
      area: '客厅',
      pinX: 0.25,
      pinY: 0.5,
      categoryName: '空鼓',
      status: 'open',
      closedAt: null,
      photos: [],
      steps: [],
      ageDays: 0,
      overdue: false,
    });
    const after = await h.call('inspection.view', { id: inspectionId });
    expect(after.items[2]!.result).toBe('fail');
    expect(after.defects.map((d) => d.id)).toEqual([defect.id]);

    const wrongCategory = await h.failure('defect.create', {
      inspectionId,
      area: '客厅',
      description: 'x',
      categoryId: contractorless.id,
    });
    expect(wrongCategory.code).toBe('VALIDATION');
    expect(wrongCategory.fieldErrors.categoryId).toBe('请从缺陷类别中选择');

    // Passing or clearing the item afterwards is the inspector's call.
    await h.call('inspection.setItem', { id: wall.id, result: 'pass' });
    await h.call('inspection.setItem', { id: wall.id, result: null });

    const updated = await h.call('defect.update', {
      id: defect.id,
      area: '客厅',
      pin: null,
      description: '客厅北墙空鼓约40厘米',
      severity: 'critical',
      contractor: '精装单位',
      dueDate: null,
    });
    expect(updated).toMatchObject({ pinX: null, pinY: null, severity: 'critical', contractor: '精装单位', categoryId: null });

    const extra = await h.call('defect.create', { inspectionId, area: '卫生间', description: '地漏反味' });
    expect(await h.call('defect.remove', { id: extra.id })).toEqual({ removed: true });
    expect((await h.call('inspection.view', { id: inspectionId })).defects).toHaveLength(1);
  });

  it('goes round the loop 待整改 → 整改中 → 待复验 → 已关闭, 复验不通过 sending it back, with who and when at every step', async () => {
    const { inspectionId } = await openInspection();
    const defect = await h.call('defect.create', {
      inspectionId,
      area: '厨房',
      description: '橱柜门铰链松动',
      contractor: '精装单位',
    });
    const wrong = await h.failure('defect.act', { id: defect.id, action: 'pass' });
    expect(wrong.code).toBe('DEFECT_RULE');
    expect(wrong.message).toBe('缺陷当前为“待整改”，不能复验通过');

    await h.call('defect.act', { id: defect.id, action: 'start', note: '已通知精装单位' });
    const submitted = await h.call('defect.act', {
      id: defect.id,
      action: 'submit',
      note: '已更换铰链',
      photos: [{ mime: 'image/jpeg', dataBase64: b64(jpegVariant(1)), takenAt: '2026-12-01T10:00:00+08:00' }],
    });
    expect(submitted.status).toBe('awaitingReinspection');
    expect(submitted.photos.map((p) => [p.stage, p.takenAt])).toEqual([['after', '2026-12-01T10:00:00+08:00']]);

    const noReason = await h.failure('defect.act', { id: defect.id, action: 'fail' });
    expect(noReason.message).toBe('复验不通过时请说明原因');
    const failed = await h.call('defect.act', { id: defect.id, action: 'fail', note: '仍然松动' });
    expect(failed.status).toBe('open');
    await h.call('defect.act', { id: defect.id, action: 'submit', note: '重新调整' });
    const closed = await h.call('defect.act', { id: defect.id, action: 'pass', note: '复验合格' });
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.steps.map((s) => [s.action, s.fromStatus, s.toStatus, s.note, s.actorName])).toEqual([
      ['start', 'open', 'rectifying', '已通知精装单位', '系统管理员'],
      ['submit', 'rectifying', 'awaitingReinspection', '已更换铰链', '系统管理员'],
      ['fail', 'awaitingReinspection', 'open', '仍然松动', '系统管理员'],
      ['submit', 'open', 'awaitingReinspection', '重新调整', '系统管理员'],
      ['pass', 'awaitingReinspection', 'closed', '复验合格', '系统管理员'],
    ]);
    for (const step of closed.steps) {
      expect(step.createdBy).toBe('local-admin');
      expect(Date.parse(step.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    }

    const locked = await h.failure('defect.update', { id: defect.id, area: '厨房', description: '改' });
    expect(locked.code).toBe('DEFECT_RULE');
    expect(
      (await h.failure('defect.addPhoto', { defectId: defect.id, mime: 'image/jpeg', dataBase64: b64(jpegVariant(2)) })).code,
    ).toBe('DEFECT_RULE');
    const reopened = await h.call('defect.act', { id: defect.id, action: 'reopen', note: '业主反映再次松动' });
    expect(reopened).toMatchObject({ status: 'open', closedAt: null });
    expect(reopened.steps).toHaveLength(6);
  });

  it('is listed for re-inspection (open ones only, in the order of the walk) and for rectification with filters and age', async () => {
    const { inspectionId, view, resourceId } = await openInspection();
    const byItem = (name: string, area: string) => view.items.find((i) => i.name === name && i.area === area)!;
    const toilet = await h.call('defect.create', {
      inspectionId,
      itemId: byItem('地漏', '卫生间').id,
      area: '卫生间',
      description: '地漏反味',
      contractor: '总包单位',
    });
    const door = await h.call('defect.create', {
      inspectionId,
      itemId: byItem('门锁', '入户门').id,
      area: '入户门',
      description: '门锁卡滞',
      contractor: '门窗单位',
    });
    const wall = await h.call('defect.create', {
      inspectionId,
      itemId: byItem('墙面', '客厅').id,
      area: '客厅',
      description: '墙面开裂',
      contractor: '总包单位',
      dueDate: dayFrom(-1),
    });
    const frame = await h.call('defect.create', {
      inspectionId,
      itemId: byItem('门框门扇', '入户门').id,
      area: '入户门',
      description: '门框划痕',
      contractor: '门窗单位',
    });
    await h.call('defect.act', { id: frame.id, action: 'submit', note: '已修补' });
    await h.call('defect.act', { id: frame.id, action: 'pass', note: '' });

    const list = await h.call('defect.reinspectionList', { resourceId });
    expect(list.map((d) => d.id)).toEqual([door.id, wall.id, toilet.id]);

    // One found 20 days ago is 超期 by age.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.now() - 20 * 86_400_000));
    const old = await h.call('defect.create', { inspectionId, area: '客厅', description: '顶棚污损', contractor: '精装单位' });
    vi.useRealTimers();

    const all = await h.call('defect.list', {});
    expect(all.total).toBe(5);
    expect(all.items[0]).toMatchObject({ room: { code: '9-1-0101' }, batchName: '批次9-1-0101', photos: 0 });
    const overdue = await h.call('defect.list', { overdueOnly: true });
    expect(overdue.items.map((d) => [d.id, d.overdue]).sort()).toEqual(
      [
        [wall.id, true],
        [old.id, true],
      ].sort(),
    );
    expect(overdue.items.find((d) => d.id === old.id)!.ageDays).toBe(20);
    expect((await h.call('defect.list', { openOnly: true })).total).toBe(4);
    expect((await h.call('defect.list', { status: 'closed' })).items.map((d) => d.id)).toEqual([frame.id]);
    expect((await h.call('defect.list', { contractor: '门窗单位' })).total).toBe(2);
    expect((await h.call('defect.list', { query: '反味' })).items.map((d) => d.id)).toEqual([toilet.id]);
    expect((await h.call('defect.list', { buildingId: site.buildingId, pageSize: 10, page: 1 })).total).toBe(5);
    const page2 = await h.call('defect.list', { pageSize: 10, page: 2 });
    expect(page2).toMatchObject({ total: 5, items: [] });
    expect((await h.call('defect.view', { id: old.id })).overdue).toBe(true);
  });
});

describe('defect photos', () => {
  it('are kept content-addressed: once on disk for any number of defects, refused twice for one, pending until uploaded', async () => {
    const { inspectionId } = await openInspection();
    const a = await h.call('defect.create', { inspectionId, area: '客厅', description: '墙面空鼓' });
    const b = await h.call('defect.create', { inspectionId, area: '客厅', description: '地面空鼓' });
    const photo = jpegVariant(7);
    const hash = sha256(photo);
    const added = await h.call('defect.addPhoto', {
      defectId: a.id,
      mime: 'image/jpeg',
      dataBase64: b64(photo),
      takenAt: dayFrom(0),
    });
    expect(added).toMatchObject({
      defectId: a.id,
      stage: 'before',
      hash,
      mime: 'image/jpeg',
      size: photo.length,
      pending: 'upload',
    });
    expect(existsSync(photoPath(hash))).toBe(true);

    const twice = await h.failure('defect.addPhoto', { defectId: a.id, mime: 'image/jpeg', dataBase64: b64(photo) });
    expect(twice.code).toBe('DEFECT_RULE');
    expect(twice.message).toContain('内容相同');
    await h.call('defect.addPhoto', { defectId: b.id, mime: 'image/jpeg', dataBase64: b64(photo) });
    expect(filesOnDisk().filter((n) => n === hash)).toHaveLength(1);
    expect(localBlob(h.host.database.db, hash)).toMatchObject({ present: true, uploadedAt: null, size: photo.length });
    expect(await h.call('sync.status', {})).toMatchObject({ pendingUploads: 1 });

    const mismatch = await h.failure('defect.addPhoto', { defectId: a.id, mime: 'image/png', dataBase64: b64(photo) });
    expect(mismatch.code).toBe('VALIDATION');
    expect(mismatch.message).toContain('文件内容与其类型不符');
    const pdf = await h.failure('defect.addPhoto', {
      defectId: a.id,
      mime: 'application/pdf',
      dataBase64: b64(Buffer.from('%PDF-1.4 test')),
    });
    expect(pdf.message).toBe('照片只能是 JPEG、PNG 或 WebP 图片');

    markBlobUploaded(h.host.database.db, hash);
    const view = await h.call('defect.view', { id: a.id });
    expect(view.photos.map((p) => [p.hash, p.pending])).toEqual([[hash, null]]);

    // Removed from one defect, the file stays for the other.
    await h.call('defect.removePhoto', { id: added.id });
    expect((await h.call('defect.view', { id: a.id })).photos).toEqual([]);
    const content = await h.call('handover.attachment', { hash });
    expect(Buffer.from(content.dataBase64, 'base64').equals(photo)).toBe(true);
    expect(content).toMatchObject({ mime: 'image/jpeg', size: photo.length });
    expect((await h.failure('handover.attachment', { hash: 'a'.repeat(64) })).code).toBe('NOT_FOUND');
  });

  it('survive closing and reopening the database, and a file missing here is pending download', async () => {
    const { inspectionId } = await openInspection();
    const defect = await h.call('defect.create', { inspectionId, area: '阳台', description: '栏杆锈蚀' });
    const photos = [jpegVariant(1), jpegVariant(2), images.png()];
    for (const [i, bytes] of photos.entries()) {
      await h.call('defect.addPhoto', {
        defectId: defect.id,
        mime: i === 2 ? 'image/png' : 'image/jpeg',
        dataBase64: b64(bytes),
        takenAt: null,
      });
    }
    await readyToAccept(h, inspectionId);
    await h.call('inspection.complete', { inspectionId, outcome: 'acceptedWithDefects', outcomeOn: dayFrom(0) });
    const signature = (await h.call('inspection.view', { id: inspectionId })).signatures.owner!;

    h.host.close();
    h = tempHost({}, dir);
    const view = await h.call('inspection.view', { id: inspectionId });
    expect(view.defects[0]!.photos.map((p) => p.hash)).toEqual(photos.map(sha256));
    expect(view.defects[0]!.photos.every((p) => p.pending === 'upload')).toBe(true);
    for (const bytes of photos) {
      const content = await h.call('handover.attachment', { hash: sha256(bytes) });
      expect(Buffer.from(content.dataBase64, 'base64').equals(bytes)).toBe(true);
    }
    expect((await h.call('handover.attachment', { hash: signature.hash })).mime).toBe('image/png');

    // A file gone from this device (or never downloaded) is ATTACHMENT_PENDING and wanted again.
    const gone = sha256(photos[0]!);
    rmSync(photoPath(gone));
    const pending = await h.failure('handover.attachment', { hash: gone });
    expect(pending.code).toBe('ATTACHMENT_PENDING');
    expect(localBlob(h.host.database.db, gone)).toMatchObject({ present: false });
    const again = await h.call('defect.view', { id: defect.id });
    expect(again.photos[0]!.pending).toBe('download');
  });
});
