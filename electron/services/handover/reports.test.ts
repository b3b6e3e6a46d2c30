import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localBlob } from '../../../db/queries/blobs.js';
import { reportContentOf } from '../../../db/queries/handover-report.js';
import type { TemplateArea } from '../../../shared/domain/handover.js';
import { reportContentHash, sha256Hex } from '../../../shared/domain/handover-report.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { pngInk, readPdf } from '../../testing/pdf.js';
import { tempHost, type TempHost } from '../../testing/temp-host.js';
import { REPORT_NEEDS_COMPLETION } from './reports.js';
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

/**
 * 交付确认书/验房报告 through the real dispatcher on a real encrypted database and attachments
 * folder: a 60-item room walked with the real calls, its report finalised, read back with
 * Poppler, finalised again unchanged and after a change.
 */
let h: TempHost;
let site: Site;
beforeEach(async () => {
  h = tempHost();
  site = await handoverSite(h);
});
afterEach(() => h.dispose());

const OUT = resolve(fileURLToPath(new URL('../../..', import.meta.url)), '.test-output/handover-report');
const AREAS = ['入户门', '客厅', '主卧', '次卧', '厨房', '卫生间'];
const SIXTY: TemplateArea[] = AREAS.map((name) => ({
  name,
  items: ['墙面', '地面', '顶棚', '门', '窗', '给水', '排水', '电气', '开关插座', '五金'].map((item) => ({ name: item })),
}));

const photoPath = (hash: string) => resolve(h.dir, 'attachments', hash.slice(0, 2), hash);

/**
 * A 60-item owner's inspection of 9-1-0101: every fifth item failed with a defect (pinned on the
 * 户型图 for the first six), `photos` photos over the defects, 三表, keys, both signatures,
 * completed 带缺陷收楼.
 */
async function inspectedRoom(photos = 20) {
  const resourceId = roomId(site, '9-1-0101');
  await h.call('resource.bulkEdit', { ids: [resourceId], houseType: '三室两厅', buildArea: 89.5, innerArea: 75.2 });
  const crack = await h.call('dict.create', { typeCode: 'defectCategory', name: '墙面开裂' });
  const template = await h.call('template.create', { name: '六十项模板', houseType: '三室两厅', areas: SIXTY, remark: '' });
  await h.call('template.setFloorPlan', { id: template.id, mime: 'image/png', dataBase64: b64(images.png()) });
  await h.call('template.publish', { id: template.id });
  const { handovers } = await batchOf(h, [resourceId]);
  const handoverId = handovers.get(resourceId)!;
  await h.call('handover.setBuyers', {
    id: handoverId,
    buyers: [
      { customerId: site.buyer, role: 'owner', share: 60 },
      { customerId: site.coBuyer, role: 'coOwner', share: 40 },
    ],
  });
  const view = await h.call('inspection.start', {
    resourceId,
    kind: 'owner',
    handoverId,
    customerId: site.buyer,
    templateId: template.id,
  });
  const inspectionId = view.inspection.id;
  const defectIds: string[] = [];
  for (let i = 0; i < view.items.length; i += 5) {
    const item = view.items[i]!;
    await h.call('inspection.setItem', { id: item.id, result: 'fail' });
    const n = defectIds.length;
    const defect = await h.call('defect.create', {
      inspectionId,
      itemId: item.id,
      area: item.area,
      pin: n < 6 ? { x: 0.12 + n * 0.14, y: 0.25 + (n % 3) * 0.25 } : null,
      categoryId: n % 2 === 0 ? crack.id : null,
      description: `${item.area}${item.name}第${n + 1}处缺陷，长约30厘米`,
      severity: n % 3 === 0 ? 'major' : 'minor',
      contractor: n % 2 === 0 ? '总包一标段' : '精装二标段',
      dueDate: dayFrom(14),
    });
    defectIds.push(defect.id);
  }
  const photoHashes: string[] = [];
  for (let p = 0; p < photos; p++) {
    const photo = await h.call('defect.addPhoto', {
      defectId: defectIds[p % defectIds.length]!,
      stage: 'before',
      mime: 'image/jpeg',
      dataBase64: b64(jpegVariant(p)),
      takenAt: '2026-12-01T10:00:00+08:00',
    });
    photoHashes.push(photo.hash);
  }
  await h.call('inspection.setMeter', {
    inspectionId,
    meter: 'water',
    reading: 12.345,
    photo: { mime: 'image/jpeg', dataBase64: b64(images.meter()), takenAt: null },
  });
  await h.call('inspection.setMeter', { inspectionId, meter: 'electricity', reading: 100.5, photo: null });
  await h.call('inspection.saveHanded', { inspectionId, kind: 'key', name: '入户门钥匙', count: 3, signed: true });
  await h.call('inspection.saveHanded', { inspectionId, kind: 'card', name: '门禁卡', count: 2, signed: true });
  await h.call('inspection.saveHanded', { inspectionId, kind: 'document', name: '住宅质量保证书', count: 1, signed: true });
  return { resourceId, handoverId, inspectionId, defectIds, photoHashes, items: view.items };
}

async function completedRoom(photos = 20) {
  const room = await inspectedRoom(photos);
  await readyToAccept(h, room.inspectionId);
  await h.call('inspection.complete', {
    inspectionId: room.inspectionId,
    outcome: 'acceptedWithDefects',
    outcomeOn: dayFrom(0),
    refusalReason: '',
  });
  return room;
}

const db = () => h.host.database.db;
const reportLog = () =>
  db().$client.prepare("SELECT count(*) AS n FROM change_log WHERE entity = 'handoverReport'").get() as { n: number };

async function pdfOf(id: string): Promise<Buffer> {
  const content = await h.call('report.content', { id });
  return Buffer.from(content.dataBase64, 'base64');
}

describe('the handover report', () => {
  it('is finalised only for a completed inspection', async () => {
    const room = await inspectedRoom(0);
    const open = await h.failure('report.finalize', { inspectionId: room.inspectionId });
    expect(open).toMatchObject({ code: 'HANDOVER_RULE', message: REPORT_NEEDS_COMPLETION });
    expect(REPORT_NEEDS_COMPLETION).toBe('验房完成后才能生成报告');
    expect(await h.failure('report.finalize', { inspectionId: uuidv7() })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.failure('report.content', { id: uuidv7() })).toMatchObject({ code: 'NOT_FOUND' });
    expect(reportLog().n).toBe(0);
  });

  it('finalises a 60-item room with 20 photos: a locked PDF with its content hash printed, the same version while nothing changes, the next one after a change', async () => {
    const room = await completedRoom(20);

    const started = performance.now();
    const v1 = await h.call('report.finalize', { inspectionId: room.inspectionId });
    const ms = performance.now() - started;
    console.log(
      `report.finalize of a 60-item room with 20 photos: ${ms.toFixed(0)} ms (${v1.pages} pages, ${(v1.size / 1e6).toFixed(2)} MB)`,
    );
    expect(v1).toMatchObject({ inspectionId: room.inspectionId, version: 1, projectId: site.projectId });
    // The hash is a function of the records alone: anyone holding them computes it again.
    const content = reportContentOf(db(), room.inspectionId)!;
    expect(v1.contentHash).toBe(reportContentHash(content));
    expect(content.defects).toHaveLength(12);
    expect(content.defects.flatMap((d) => d.photos.map((p) => p.hash)).sort()).toEqual([...room.photoHashes].sort());

    const bytes1 = await pdfOf(v1.id);
    expect(sha256(bytes1)).toBe(v1.hash);
    expect(sha256Hex(bytes1)).toBe(v1.hash);
    expect(bytes1.length).toBe(v1.size);
    // Kept content-addressed like any attachment, waiting to upload.
    expect(localBlob(db(), v1.hash)).toMatchObject({ present: true, uploadedAt: null, size: v1.size, mime: 'application/pdf' });
    const content1 = await h.call('report.content', { id: v1.id });
    expect(content1.contentHash).toBe(v1.contentHash);
    expect(content1.fileName).toBe('交付确认书_9号楼1单元101_第1版.pdf');

    const pdf = readPdf(bytes1);
    try {
      expect(pdf.pages).toBe(v1.pages);
      expect(pdf.info['Page size']).toContain('A4');
      pdf.pageTexts.forEach((text, i) => {
        expect(text).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*/\\s*共\\s*${v1.pages}\\s*页`));
        expect(text).toContain(`内容校验码 sha256: ${v1.contentHash}`);
      });
      const all = pdf.pageTexts.join('\n');
      for (const part of [
        '交付确认书（入伙验房报告）',
        '滨江花园',
        '9号楼 1单元 101',
        '三室两厅',
        '89.5 m',
        '张三丰（业主',
        '李秋水（共有人',
      ]) {
        expect(all).toContain(part);
      }
      expect(all).toContain('六十项模板 · 第 1 版');
      expect(all).toContain('检查项 60 项：合格 48 项，不合格 12 项，不适用 0 项');
      room.items.forEach((item, i) => {
        const result = i % 5 === 0 ? '不合格' : '合格';
        expect(all).toMatch(new RegExp(`(^|\\s)${i + 1}\\s+${item.name}\\s+${result}(\\s|$)`, 'm'));
      });
      const flat = all.replace(/\s+/g, '');
      for (let n = 1; n <= 12; n++) expect(flat).toContain(`第${n}处缺陷`);
      expect(all).toContain('墙面开裂');
      expect(all).toContain('共 6 处');
      expect(all).toContain('12.345 m³');
      expect(all).toContain('合计：钥匙 3 把，门禁卡 2 张，资料 1 份');
      expect(all).toContain('带缺陷收楼');
      expect(all).toContain('签字人：张三丰');
      expect(all).toContain('签字人：李验房');
      expect(all).not.toContain('待同步');

      mkdirSync(OUT, { recursive: true });
      for (const page of [1, 4, v1.pages]) {
        const png = pdf.png(page, 60);
        writeFileSync(resolve(OUT, `finalized-v1-page-${page}.png`), png);
        expect(pngInk(png).ink).toBeGreaterThan(0.01);
      }
    } finally {
      pdf.dispose();
    }

    // Unchanged: the same version, nothing rendered, nothing written.
    const logged = reportLog().n;
    expect(await h.call('report.finalize', { inspectionId: room.inspectionId })).toEqual(v1);
    expect(reportLog().n).toBe(logged);
    expect((await h.call('inspection.view', { id: room.inspectionId })).reports).toEqual([v1]);

    // A defect closed after the handover: the report's content changed, so the next version.
    for (const action of ['start', 'submit', 'pass'] as const) {
      await h.call('defect.act', { id: room.defectIds[0]!, action, note: '', photos: [] });
    }
    const v2 = await h.call('report.finalize', { inspectionId: room.inspectionId });
    expect(v2).toMatchObject({ inspectionId: room.inspectionId, version: 2 });
    expect(v2.id).not.toBe(v1.id);
    expect(v2.contentHash).not.toBe(v1.contentHash);
    expect(v2.contentHash).toBe(reportContentHash(reportContentOf(db(), room.inspectionId)!));
    expect(await h.call('report.finalize', { inspectionId: room.inspectionId })).toEqual(v2);

    // Version 1 is as it was: its record, its file, byte for byte.
    const reports = (await h.call('inspection.view', { id: room.inspectionId })).reports;
    expect(reports.map((r) => r.version)).toEqual([2, 1]);
    expect(reports[1]).toEqual(v1);
    expect((await pdfOf(v1.id)).equals(bytes1)).toBe(true);
    expect(
      db().$client.prepare("SELECT count(*) AS n FROM change_log WHERE entity = 'handoverReport' AND entity_id = ?").get(v1.id),
    ).toEqual({
      n: 1,
    });

    const bytes2 = await pdfOf(v2.id);
    const pdf2 = readPdf(bytes2);
    try {
      expect(pdf2.pageTexts[0]).toContain('第 2 版');
      expect(pdf2.pageTexts[0]).toContain(`内容校验码 sha256: ${v2.contentHash}`);
      expect(pdf2.pageTexts.join('\n')).toContain('已关闭');
      expect(pdf2.pageTexts.join('\n')).toContain('本次登记缺陷 12 项（未关闭 11 项）');
    } finally {
      pdf2.dispose();
    }
    expect((await h.call('report.content', { id: v2.id })).fileName).toBe('交付确认书_9号楼1单元101_第2版.pdf');
  });

  it('is not finalised while a photo is not yet on this device (the sync is asked for it); a report whose file has not come is ATTACHMENT_PENDING', async () => {
    const room = await completedRoom(3);
    const gone = room.photoHashes[1]!;
    const bytes = readFileSync(photoPath(gone));
    rmSync(photoPath(gone));
    const refused = await h.failure('report.finalize', { inspectionId: room.inspectionId });
    expect(refused.code).toBe('ATTACHMENT_PENDING');
    expect(refused.message).toContain('1 张照片或签字尚未下载到本机');
    expect(localBlob(db(), gone)).toMatchObject({ present: false });
    expect(reportLog().n).toBe(0);

    // The photo arrives (as the sync would put it back): the report is made, whole.
    writeFileSync(photoPath(gone), bytes);
    const report = await h.call('report.finalize', { inspectionId: room.inspectionId });
    const pdf = readPdf(await pdfOf(report.id));
    try {
      expect(pdf.pageTexts.join('\n')).not.toContain('照片待同步');
    } finally {
      pdf.dispose();
    }
    expect(report.contentHash).toBe(reportContentHash(reportContentOf(db(), room.inspectionId)!));

    rmSync(photoPath(report.hash));
    const pending = await h.failure('report.content', { id: report.id });
    expect(pending.code).toBe('ATTACHMENT_PENDING');
    expect(localBlob(db(), report.hash)).toMatchObject({ present: false });
  });

  it('renders once for a double click', async () => {
    const room = await completedRoom(2);
    const [a, b] = await Promise.all([
      h.call('report.finalize', { inspectionId: room.inspectionId }),
      h.call('report.finalize', { inspectionId: room.inspectionId }),
    ]);
    expect(a).toEqual(b);
    expect(reportLog().n).toBe(1);
  });

  it('reports a pre-inspection (模拟验房) as 验房报告 with the staff signature only', async () => {
    const resourceId = roomId(site, '9-1-0102');
    const view = await h.call('inspection.start', { resourceId, kind: 'pre' });
    await readyToAccept(h, view.inspection.id, ['staff']);
    await h.call('inspection.complete', { inspectionId: view.inspection.id, outcomeOn: dayFrom(0) });
    const report = await h.call('report.finalize', { inspectionId: view.inspection.id });
    expect(report.version).toBe(1);
    const content = await h.call('report.content', { id: report.id });
    expect(content.fileName).toBe('验房报告_9号楼1单元102_第1版.pdf');
    const pdf = readPdf(Buffer.from(content.dataBase64, 'base64'));
    try {
      const all = pdf.pageTexts.join('\n');
      expect(all).toContain('验房报告（模拟验房）');
      expect(all).toContain('不涉及收楼结论');
      expect(all).not.toContain('业主签字');
      expect(all).toContain(`内容校验码 sha256: ${report.contentHash}`);
    } finally {
      pdf.dispose();
    }
  });
});
