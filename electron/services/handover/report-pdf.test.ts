import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { reportContentHash, reportImageHashes, type ReportContent } from '../../../shared/domain/handover-report.js';
import { pngInk, readPdf } from '../../testing/pdf.js';
import { imageInfo, renderHandoverReport, reportFontFiles } from './report-pdf.js';

/** The report's PDF from a content object, read back with Poppler as a person would read it. */

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const asset = (name: string) => readFileSync(resolve(root, 'e2e/assets', name));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Where the rendered pages are left to be looked at (git-ignored). */
const OUT = resolve(root, '.test-output/handover-report');

function jpegVariant(jpeg: Buffer, n: number): Buffer {
  const note = Buffer.from(`report test photo ${n}`);
  const segment = Buffer.alloc(4 + note.length);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(note.length + 2, 2);
  note.copy(segment, 4);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

const AREAS = ['入户门', '客厅', '主卧', '次卧', '厨房', '卫生间'];
const ITEMS = ['墙面', '地面', '顶棚', '门', '窗', '给水', '排水', '电气', '开关插座', '五金'];
const MISSING = 'f'.repeat(64);

/** A 60-item room: 12 failed items with a defect each, 20 photos over them (one more not on this device), a 户型图 with pins. */
function sixtyItemRoom(): { content: ReportContent; images: Map<string, Buffer> } {
  const images = new Map<string, Buffer>();
  const keep = (b: Buffer) => {
    images.set(sha256(b), b);
    return sha256(b);
  };
  const wall = asset('defect-wall.jpg');
  const photos = Array.from({ length: 20 }, (_, i) => keep(jpegVariant(wall, i)));
  const plan = keep(asset('floor-plan.png'));
  const meter = keep(asset('meter.jpg'));
  const areas = AREAS.map((area) => ({
    name: area,
    items: ITEMS.map((name, j) => ({
      name,
      result: j % 5 === 0 ? ('fail' as const) : j === 7 ? ('na' as const) : ('pass' as const),
      remark: j % 5 === 0 ? '见缺陷' : '',
    })),
  }));
  const failed = areas.flatMap((a) => a.items.filter((i) => i.result === 'fail').map((i) => ({ area: a.name, item: i.name })));
  const defects = failed.map((f, k) => ({
    no: k + 1,
    carried: false,
    area: f.area,
    itemName: f.item,
    category: k % 2 ? '墙面开裂' : '渗漏',
    description: `${f.area}${f.item}缺陷${k + 1}号，长约30厘米`,
    severity: k % 3 === 0 ? ('major' as const) : ('minor' as const),
    contractor: k % 2 ? '总包一标段' : '精装二标段',
    dueDate: '2026-12-20',
    status: k === 3 ? ('closed' as const) : ('open' as const),
    foundAt: '2026-12-01T02:00:00.000Z',
    closedAt: k === 3 ? '2026-12-03T02:00:00.000Z' : null,
    pin: k < 6 ? { x: 0.1 + k * 0.14, y: 0.2 + (k % 3) * 0.25 } : null,
    photos: [
      ...photos
        .filter((_, p) => p % failed.length === k)
        .map((hash) => ({ hash, stage: 'before' as const, takenAt: '2026-12-01T10:00:00+08:00' })),
      ...(k === 2 ? [{ hash: MISSING, stage: 'after' as const, takenAt: null }] : []),
    ],
  }));
  const content: ReportContent = {
    format: 1,
    inspectionId: '0193a8f0-0000-7000-8000-000000000001',
    project: { code: 'P01', name: '滨江花园' },
    room: { code: '9-1-0101', name: '101', place: '9号楼 1单元 101', houseType: '三室两厅', buildArea: 89.5, innerArea: 75.2 },
    customers: [
      { name: '张三丰', role: 'owner', idNumberMasked: '3301**********0118' },
      { name: '李秋水', role: 'coOwner', idNumberMasked: '3301**********0226' },
    ],
    inspection: {
      kind: 'owner',
      startedAt: '2026-12-01T01:30:00.000Z',
      completedAt: '2026-12-01T03:10:00.000Z',
      inspectorName: '李验房',
      remark: '',
    },
    template: { name: '六十项模板', version: 2, houseType: '三室两厅' },
    areas,
    defects,
    floorPlan: { hash: plan },
    meters: [
      { meter: 'water', reading: 12.345, readAt: '2026-12-01T02:30:00.000Z', photo: { hash: meter } },
      { meter: 'electricity', reading: 100.5, readAt: '2026-12-01T02:31:00.000Z', photo: null },
      { meter: 'gas', reading: 3, readAt: '2026-12-01T02:32:00.000Z', photo: null },
    ],
    handed: [
      { kind: 'key', name: '入户门钥匙', count: 3, signed: true, remark: '' },
      { kind: 'card', name: '门禁卡', count: 2, signed: true, remark: '' },
      { kind: 'document', name: '住宅使用说明书', count: 1, signed: true, remark: '' },
      { kind: 'document', name: '住宅质量保证书', count: 1, signed: false, remark: '待补' },
    ],
    outcome: { outcome: 'acceptedWithDefects', outcomeOn: '2026-12-01', refusalReason: '' },
    signatures: {
      owner: { hash: plan, name: '张三丰', signedAt: '2026-12-01T03:05:00.000Z' },
      staff: { hash: plan, name: '李验房', signedAt: '2026-12-01T03:06:00.000Z' },
    },
  };
  return { content, images };
}

const STAMP = { version: 1, finalizedAt: '2026-12-01T03:20:00.000Z' };

/** Every item's line as pdftotext lays the table out: number, name, result. */
function itemLines(content: ReportContent): RegExp[] {
  let seq = 0;
  return content.areas.flatMap((a) =>
    a.items.map((i) => {
      seq += 1;
      const result = { pass: '合格', fail: '不合格', na: '不适用' }[i.result!];
      return new RegExp(`(^|\\s)${seq}\\s+${i.name}\\s+${result}(\\s|$)`, 'm');
    }),
  );
}

describe('the handover report PDF', () => {
  it('prints every part of the report in Chinese on A4, with page numbers, version and content hash on every page', async () => {
    const { content, images } = sixtyItemRoom();
    const report = await renderHandoverReport(content, images, STAMP);
    expect(report.contentHash).toBe(reportContentHash(content));
    expect(report.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const pdf = readPdf(report.bytes);
    try {
      expect(pdf.pages).toBe(report.pages);
      expect(pdf.pages).toBeGreaterThanOrEqual(4);
      expect(pdf.info['Page size']).toContain('A4');
      expect(pdf.info.Title).toContain('交付确认书');
      expect(pdf.info.Subject).toBe(`内容校验码 sha256: ${report.contentHash}`);
      pdf.pageTexts.forEach((text, i) => {
        // pdftotext's layout mode closes up the spaces of "第 1 页 / 共 7 页".
        expect(text).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*/\\s*共\\s*${pdf.pages}\\s*页`));
        expect(text).toContain(`内容校验码 sha256: ${report.contentHash}`);
        expect(text).toContain('第 1 版');
      });
      const all = pdf.pageTexts.join('\n');
      for (const part of [
        '交付确认书（入伙验房报告）',
        '滨江花园（P01）',
        '9号楼 1单元 101',
        '三室两厅',
        '89.5 m',
        '套内 75.2 m',
      ]) {
        expect(all).toContain(part);
      }
      expect(all).toMatch(/张三丰（业主，证件 3301\*+0118）/);
      expect(all).toContain('李秋水（共有人');
      expect(all).toContain('入伙验房');
      expect(all).toContain('李验房');
      expect(all).toContain('六十项模板 · 第 2 版');
      expect(all).toContain('检查项 60 项：合格 42 项，不合格 12 项，不适用 6 项');
      for (const area of AREAS) expect(all).toContain(`${area}（10 项）`);
      for (const line of itemLines(content)) expect(all).toMatch(line);
      for (const d of content.defects) expect(all.replace(/\s+/g, '')).toContain(d.description);
      expect(all).toContain('已关闭');
      expect(all).toContain('总包一标段');
      expect(all).toContain('2026-12-20');
      expect(all).toContain('缺陷照片');
      expect(all).toContain('照片待同步');
      expect(all).toContain('户型图及缺陷位置');
      expect(all).toContain('共 6 处');
      expect(all).toContain('12.345 m³');
      expect(all).toContain('100.5 kWh');
      expect(all).toContain('入户门钥匙');
      expect(all).toContain('合计：钥匙 3 把，门禁卡 2 张，资料 2 份');
      expect(all).toContain('带缺陷收楼');
      expect(all).toContain('收楼日期：2026-12-01');
      expect(all).toContain('签字人：张三丰');
      expect(all).toContain('签字人：李验房');

      // The fonts travel in the file (subset), so any machine shows the same glyphs.
      const fonts = execFileSync('pdffonts', ['-'], { input: report.bytes, encoding: 'utf8' });
      expect(fonts).toMatch(/NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
      expect(fonts).toMatch(/NotoSansSC-Bold/);

      // Rendered pages are not blank (and are left in .test-output/ to be looked at).
      mkdirSync(OUT, { recursive: true });
      for (const page of [1, pdf.pages]) {
        const png = pdf.png(page, 60);
        writeFileSync(resolve(OUT, `sixty-items-page-${page}.png`), png);
        const { width, height, ink } = pngInk(png);
        // A4 at 60 dpi.
        expect(Math.abs(width - 496)).toBeLessThanOrEqual(1);
        expect(Math.abs(height - 702)).toBeLessThanOrEqual(1);
        expect(ink).toBeGreaterThan(0.01);
      }
      writeFileSync(resolve(OUT, 'sixty-items.pdf'), report.bytes);
    } finally {
      pdf.dispose();
    }
  });

  it('renders a 60-item room with 20 photos in well under 3 s, and the same content and stamp into the same bytes', async () => {
    const { content, images } = sixtyItemRoom();
    expect(reportImageHashes(content).filter((h) => images.has(h))).toHaveLength(22);
    const first = performance.now();
    const a = await renderHandoverReport(content, images, STAMP);
    const firstMs = performance.now() - first;
    // The best of three (the machine is shared): the benchmark (npm run bench -- --only handover) measures it properly.
    const runs: number[] = [];
    let b = a;
    for (let i = 0; i < 3; i += 1) {
      const start = performance.now();
      b = await renderHandoverReport(content, images, STAMP);
      runs.push(performance.now() - start);
    }
    const ms = Math.min(...runs);
    console.log(
      `report PDF, 60 items / 20 photos: first ${firstMs.toFixed(0)} ms (fonts loaded), then ${runs.map((r) => r.toFixed(0)).join(' / ')} ms; ${a.pages} pages, ${(a.bytes.length / 1e6).toFixed(2)} MB`,
    );
    expect(ms).toBeLessThan(3000);
    // The photos are embedded as they are (JPEG), not re-encoded.
    expect(a.bytes.length).toBeGreaterThan(20 * asset('defect-wall.jpg').length);
    expect(b.bytes.equals(a.bytes)).toBe(true);

    const v2 = await renderHandoverReport(content, images, { version: 2, finalizedAt: '2026-12-05T08:00:00.000Z' });
    expect(v2.contentHash).toBe(a.contentHash);
    expect(v2.bytes.equals(a.bytes)).toBe(false);
    const pdf = readPdf(v2.bytes);
    try {
      expect(pdf.pageTexts[0]).toContain('第 2 版');
    } finally {
      pdf.dispose();
    }
  });

  it('draws an image it cannot have or cannot print as a box that says so, never failing', async () => {
    const { content } = sixtyItemRoom();
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), Buffer.alloc(40)]);
    const broken = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]);
    const images = new Map([
      [content.defects[0]!.photos[0]!.hash, webp],
      [content.defects[1]!.photos[0]!.hash, broken],
    ]);
    // Nothing at all on this device: the floor plan and the signatures wait for the sync too.
    const report = await renderHandoverReport(content, images, STAMP);
    const pdf = readPdf(report.bytes);
    try {
      const all = pdf.pageTexts.join('\n');
      expect(all).toContain('照片格式无法打印');
      expect(all).toContain('照片待同步');
      expect(all).toContain('户型图待同步');
      expect(all).toContain('签字待同步');
      expect(all).toContain('签字人：张三丰');
      expect(report.contentHash).toBe(reportContentHash(content));
    } finally {
      pdf.dispose();
    }
  });

  it('prints a pre-inspection as 验房报告 with the staff signature and no outcome', async () => {
    const { content, images } = sixtyItemRoom();
    const pre: ReportContent = {
      ...content,
      customers: [],
      inspection: { ...content.inspection, kind: 'pre' },
      outcome: { outcome: null, outcomeOn: null, refusalReason: '' },
      signatures: { owner: null, staff: content.signatures.staff },
      defects: content.defects.map((d) => ({ ...d, pin: null })),
      floorPlan: null,
      handed: [],
      meters: [],
    };
    const report = await renderHandoverReport(pre, images, STAMP);
    const pdf = readPdf(report.bytes);
    try {
      const all = pdf.pageTexts.join('\n');
      expect(all).toContain('验房报告（模拟验房）');
      expect(all).toContain('不涉及收楼结论');
      expect(all).toContain('工作人员签字');
      expect(all).not.toContain('业主签字');
      expect(all).not.toContain('户型图及缺陷位置');
      expect(all).toContain('未录入三表读数');
      expect(all).toContain('本次未移交钥匙或物品');
    } finally {
      pdf.dispose();
    }
  });

  it('reads the size of JPEG and PNG images off their headers (EXIF orientation applied) and nothing else', () => {
    expect(imageInfo(asset('defect-wall.jpg'))).toEqual({ mime: 'image/jpeg', width: 1600, height: 1200 });
    expect(imageInfo(asset('floor-plan.png'))).toEqual({ mime: 'image/png', width: 1200, height: 900 });
    // An APP1 Exif segment (big-endian TIFF) with orientation 6: turned a quarter, width and height swap.
    const tiff = Buffer.from([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0]);
    const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
    const jpeg = asset('defect-wall.jpg');
    expect(imageInfo(Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]))).toEqual({
      mime: 'image/jpeg',
      width: 1200,
      height: 1600,
    });
    expect(imageInfo(Buffer.from('RIFF0000WEBPVP8 0000000000000000'))).toBeNull();
    expect(imageInfo(Buffer.from([0xff, 0xd8, 0xff]))).toBeNull();
    expect(imageInfo(Buffer.alloc(0))).toBeNull();
  });

  it('embeds Noto Sans SC from its package, and the packaged app ships those two files', () => {
    const files = reportFontFiles();
    expect(files).toHaveLength(2);
    for (const f of files) expect(existsSync(f)).toBe(true);
    const config = yaml.load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as {
      files: string[];
      asarUnpack: string[];
    };
    // electron-builder's own matcher (minimatch, dot: true) over the app-relative paths.
    const builderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib'));
    type Match = (path: string, pattern: string, options: object) => boolean;
    const loaded = builderRequire('minimatch') as Match | { minimatch: Match };
    const minimatch = typeof loaded === 'function' ? loaded : loaded.minimatch;
    const excluded = (path: string) =>
      config.files.filter((p) => p.startsWith('!')).some((p) => minimatch(path, p.slice(1), { dot: true }));
    for (const f of files) expect(excluded(relative(root, f))).toBe(false);
    expect(excluded('node_modules/@expo-google-fonts/noto-sans-sc/LICENSE_FONT')).toBe(false);
    expect(excluded('node_modules/@expo-google-fonts/noto-sans-sc/100Thin/NotoSansSC_100Thin.ttf')).toBe(true);
    expect(excluded('node_modules/@expo-google-fonts/noto-sans-sc/900Black/NotoSansSC_900Black.ttf')).toBe(true);
    expect(excluded('node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf.png')).toBe(true);
    expect(excluded('node_modules/pdfmake/js/index.js')).toBe(false);
    expect(excluded('node_modules/pdfmake/build/pdfmake.js')).toBe(true);
  });
});
