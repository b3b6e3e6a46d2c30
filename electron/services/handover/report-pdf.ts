import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  DEFECT_SEVERITIES,
  DEFECT_STATUSES,
  HANDED_KINDS,
  INSPECTION_KINDS,
  ITEM_RESULTS,
  METERS,
  OUTCOMES,
  PHOTO_STAGES,
  type HandedKind,
} from '../../../shared/domain/handover.js';
import { reportContentHash, type ReportContent, type ReportDefect } from '../../../shared/domain/handover-report.js';

/**
 * The PDF of a handover report (交付确认书/验房报告): A4, in Chinese, Noto Sans SC embedded
 * (subset to the characters used). A pure function of the content, the image bytes at hand and
 * the stamp of the version (number, time): the footer of every page carries 第 X 页 / 共 Y 页, the
 * version and the content hash. An image not on this device yet (or not drawable) is a
 * "照片待同步" box, never a failure: the content names it by hash either way.
 */

export interface ReportStamp {
  version: number;
  /** ISO instant the version was finalised: printed, and the PDF's creation date (same stamp, same bytes). */
  finalizedAt: string;
}

export interface RenderedReport {
  bytes: Buffer;
  pages: number;
  contentHash: string;
}

// ─── pdfmake, once per process ───

/**
 * The part of pdfmake's document model used here. @types/pdfmake is not imported: it declares
 * `/// <reference lib="dom" />`, which would put the DOM's types (fetch's among them) into the
 * whole main-process program.
 */
type Content = string | Content[] | { [key: string]: unknown };
type TableCell = Content;

interface LaidOutNode {
  headlineLevel?: number;
  startPosition?: { verticalRatio?: number };
}

interface DocDefinition {
  pageSize: 'A4';
  pageMargins: [number, number, number, number];
  info: Record<string, string | Date>;
  images: Record<string, string>;
  defaultStyle: Record<string, unknown>;
  styles: Record<string, Record<string, unknown>>;
  pageBreakBefore: (node: LaidOutNode) => boolean;
  footer: (currentPage: number, pageCount: number) => Content;
  content: Content[];
}

interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
  setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
  createPdf(doc: DocDefinition): { getBuffer(): Promise<Buffer> };
}

const FONT = 'NotoSansSC';
const FONT_FILES = {
  normal: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

let engine: PdfMake | undefined;

/**
 * pdfmake with the fonts read once (resolved through the package, so they load from
 * node_modules and from inside the app's asar alike) and kept in its in-memory file system.
 * Documents may name no URL and no local file: everything they draw is given to them.
 */
function pdfEngine(): PdfMake {
  if (engine) return engine;
  const require = createRequire(import.meta.url);
  const pdfmake = require('pdfmake') as PdfMake;
  pdfmake.virtualfs.writeFileSync(`${FONT}-Regular.ttf`, readFileSync(require.resolve(FONT_FILES.normal)));
  pdfmake.virtualfs.writeFileSync(`${FONT}-Bold.ttf`, readFileSync(require.resolve(FONT_FILES.bold)));
  pdfmake.setFonts({
    [FONT]: {
      normal: `${FONT}-Regular.ttf`,
      bold: `${FONT}-Bold.ttf`,
      italics: `${FONT}-Regular.ttf`,
      bolditalics: `${FONT}-Bold.ttf`,
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  engine = pdfmake;
  return engine;
}

/**
 * Loads pdfmake and the fonts now rather than at the first report (about a second on an office
 * PC): for a host to call when it is idle, e.g. once the inspection screen is open.
 */
export function warmReportEngine(): void {
  pdfEngine();
}

/** The absolute paths of the embedded font files (for the packaging check). */
export function reportFontFiles(): string[] {
  const require = createRequire(import.meta.url);
  return Object.values(FONT_FILES).map((f) => require.resolve(f));
}

// ─── Images ───

interface ImageInfo {
  mime: 'image/jpeg' | 'image/png';
  /** As displayed (EXIF orientation applied). */
  width: number;
  height: number;
}

function jpegOrientation(b: Buffer, start: number, length: number): number {
  // APP1 "Exif\0\0", then a TIFF header and IFD0; tag 0x0112 is the orientation.
  if (b.toString('latin1', start, start + 6) !== 'Exif\0\0') return 1;
  const tiff = start + 6;
  const little = b.toString('latin1', tiff, tiff + 2) === 'II';
  const u16 = (o: number) => (little ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (little ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const end = start + length;
  if (tiff + 8 > end) return 1;
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > end) return 1;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i += 1) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > end) return 1;
    if (u16(at) === 0x0112) {
      const value = u16(at + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** Type and size of a JPEG or PNG, read off its header; null for anything else (WebP, a broken file). */
export function imageInfo(b: Buffer): ImageInfo | null {
  try {
    if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') {
      const width = b.readUInt32BE(16);
      const height = b.readUInt32BE(20);
      return width > 0 && height > 0 ? { mime: 'image/png', width, height } : null;
    }
    if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
      let orientation = 1;
      let pos = 2;
      while (pos + 4 <= b.length) {
        if (b[pos] !== 0xff) return null;
        const marker = b[pos + 1]!;
        if (marker === 0xff) {
          pos += 1;
          continue;
        }
        if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
          pos += 2;
          continue;
        }
        const length = b.readUInt16BE(pos + 2);
        if (marker === 0xe1) orientation = jpegOrientation(b, pos + 4, length - 2);
        // SOF0…SOF15 but DHT (C4), JPG (C8), DAC (CC): height, width after the precision byte.
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
          if (pos + 9 > b.length) return null;
          const height = b.readUInt16BE(pos + 5);
          const width = b.readUInt16BE(pos + 7);
          if (width === 0 || height === 0) return null;
          return orientation > 4 ? { mime: 'image/jpeg', width: height, height: width } : { mime: 'image/jpeg', width, height };
        }
        if (marker === 0xda) return null;
        pos += 2 + length;
      }
    }
  } catch {
    return null;
  }
  return null;
}

/** An image to draw, or why it cannot be: not on this device yet, or not a JPEG/PNG that can be read. */
type Drawable = { key: string; info: ImageInfo } | { missing: 'pending' | 'unprintable' };

class ImageTable {
  readonly dictionary: Record<string, string> = {};
  private readonly byHash = new Map<string, Drawable>();

  constructor(private readonly bytes: ReadonlyMap<string, Buffer>) {}

  get(hash: string): Drawable {
    let drawable = this.byHash.get(hash);
    if (drawable) return drawable;
    const data = this.bytes.get(hash);
    const info = data ? imageInfo(data) : null;
    if (!data) drawable = { missing: 'pending' };
    else if (!info) drawable = { missing: 'unprintable' };
    else {
      const key = `img${this.byHash.size}`;
      this.dictionary[key] = `data:${info.mime};base64,${data.toString('base64')}`;
      drawable = { key, info };
    }
    this.byHash.set(hash, drawable);
    return drawable;
  }
}

// ─── Formatting ───

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A date stays a date; an instant shows as this device's wall-clock time, to the minute. */
function when(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

const dateOf = (value: string | null | undefined) => (value ? when(value).slice(0, 10) : '—');

function label<C extends string>(list: readonly { code: C; zh: string }[], code: C | null | undefined, none = '—'): string {
  if (code === null || code === undefined) return none;
  return list.find((i) => i.code === code)?.zh ?? code;
}

const number = (n: number, digits: number) => (Number.isInteger(n) ? String(n) : n.toFixed(digits).replace(/\.?0+$/, ''));

const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const HANDED_UNITS: Record<HandedKind, string> = { key: '把', card: '张', document: '份', other: '件' };
const ROLE_NAMES = { owner: '业主', coOwner: '共有人', inspector: '验房人' } as const;

const COLORS = {
  text: '#1f1f1f',
  muted: '#666666',
  line: '#c8ced6',
  band: '#eef2f7',
  head: '#dde5ef',
  accent: '#1f3a5f',
  fail: '#c62828',
  pass: '#2e7d32',
  warn: '#b26a00',
  pin: '#d32f2f',
};

const RESULT_COLORS: Record<string, string> = { pass: COLORS.pass, fail: COLORS.fail, na: COLORS.muted };
const OUTCOME_COLORS: Record<string, string> = { accepted: COLORS.pass, acceptedWithDefects: COLORS.warn, refused: COLORS.fail };

/** Thin grid lines, the house style of every table in the report. */
const GRID = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => COLORS.line,
  vLineColor: () => COLORS.line,
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
};

const CONTENT_WIDTH = 595.28 - 2 * 40;

// ─── Building blocks ───

/** A dashed box of exactly this size with a word in its middle, where an image cannot be drawn. */
function placeholder(text: string, width: number, height: number): Content {
  const dashed = { dash: { length: 3, space: 2 } };
  return {
    table: {
      widths: [width - 1],
      heights: [height - 1],
      body: [
        [
          {
            text,
            color: COLORS.muted,
            fontSize: 8,
            alignment: 'center',
            fillColor: '#f5f5f5',
            margin: [0, height / 2 - 8, 0, 0],
          },
        ],
      ],
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => '#9e9e9e',
      vLineColor: () => '#9e9e9e',
      hLineStyle: () => dashed,
      vLineStyle: () => dashed,
      paddingLeft: () => 0,
      paddingRight: () => 0,
      paddingTop: () => 0,
      paddingBottom: () => 0,
    },
  };
}

const missingText = (what: string, why: 'pending' | 'unprintable') => `${what}${why === 'pending' ? '待同步' : '格式无法打印'}`;

/** An image fit into a box (kept in proportion), or the placeholder of the box's size ("照片待同步"). */
function picture(images: ImageTable, hash: string, width: number, height: number, what = '照片'): Content {
  const d = images.get(hash);
  if ('missing' in d) return placeholder(missingText(what, d.missing), width, height);
  return { image: d.key, fit: [width, height] };
}

/**
 * A numbered heading. `flow`: a table that runs on for pages follows it, so the heading must not
 * begin at the foot of a page (pageBreakBefore); other sections are kept together with their heading.
 */
function section(counter: { n: number }, title: string, flow = false): Content {
  const numeral = CN_NUMERALS[counter.n] ?? String(counter.n + 1);
  counter.n += 1;
  return { text: `${numeral}、${title}`, style: 'section', ...(flow ? { headlineLevel: 1 } : {}) };
}

const cell = (text: string, extra: Record<string, unknown> = {}): TableCell => ({ text, ...extra });
const head = (text: string): TableCell => ({ text, style: 'tableHeader' });

function infoTable(c: ReportContent): Content {
  const key = (text: string): TableCell => ({ text, color: COLORS.muted, fillColor: COLORS.band });
  const area =
    c.room.buildArea === null
      ? '—'
      : `${number(c.room.buildArea, 2)} m²${c.room.innerArea !== null ? `（套内 ${number(c.room.innerArea, 2)} m²）` : ''}`;
  const customers =
    c.customers.length === 0
      ? '—'
      : c.customers
          .map((p) => `${p.name}（${ROLE_NAMES[p.role]}${p.idNumberMasked ? `，证件 ${p.idNumberMasked}` : ''}）`)
          .join('、');
  return {
    table: {
      widths: [58, '*', 58, '*'],
      body: [
        [
          key('项目'),
          cell(c.project.code ? `${c.project.name}（${c.project.code}）` : c.project.name),
          key('房号'),
          cell(c.room.place || c.room.name, { bold: true }),
        ],
        [key('户型'), cell(c.room.houseType || c.template.houseType || '—'), key('建筑面积'), cell(area)],
        [key('客户'), cell(customers, { colSpan: 3 }), {}, {}],
        [
          key('验房类型'),
          cell(label(INSPECTION_KINDS, c.inspection.kind)),
          key('验房日期'),
          cell(dateOf(c.inspection.completedAt ?? c.inspection.startedAt)),
        ],
        [
          key('验房人'),
          cell(c.inspection.inspectorName || '—'),
          key('验房模板'),
          cell(`${c.template.name} · 第 ${c.template.version} 版`),
        ],
        [key('开始时间'), cell(when(c.inspection.startedAt)), key('完成时间'), cell(when(c.inspection.completedAt))],
        [key('记录编号'), cell(c.inspectionId, { colSpan: 3, fontSize: 8 }), {}, {}],
        ...(c.inspection.remark ? [[key('备注'), cell(c.inspection.remark, { colSpan: 3 }), {}, {}]] : []),
      ],
    },
    layout: GRID,
    margin: [0, 4, 0, 0],
  };
}

function summary(c: ReportContent): Content {
  const items = c.areas.flatMap((a) => a.items);
  const count = (r: string | null) => items.filter((i) => i.result === r).length;
  const own = c.defects.filter((d) => !d.carried);
  const carried = c.defects.filter((d) => d.carried);
  const open = (list: ReportDefect[]) => list.filter((d) => d.status !== 'closed').length;
  const parts = [
    `检查项 ${items.length} 项：合格 ${count('pass')} 项，不合格 ${count('fail')} 项，不适用 ${count('na')} 项${count(null) > 0 ? `，未检查 ${count(null)} 项` : ''}`,
    `本次登记缺陷 ${own.length} 项（未关闭 ${open(own)} 项）`,
  ];
  if (carried.length > 0) parts.push(`前次验房遗留未关闭缺陷 ${carried.length} 项`);
  return { text: `${parts.join('；')}。`, margin: [0, 6, 0, 0], color: COLORS.accent };
}

function itemsTable(c: ReportContent): Content {
  const body: TableCell[][] = [[head('序号'), head('检查项'), head('结果'), head('备注')]];
  let seq = 0;
  for (const area of c.areas) {
    body.push([cell(`${area.name}（${area.items.length} 项）`, { colSpan: 4, bold: true, fillColor: COLORS.band }), {}, {}, {}]);
    for (const item of area.items) {
      seq += 1;
      body.push([
        cell(String(seq), { alignment: 'center', color: COLORS.muted }),
        cell(item.name),
        cell(label(ITEM_RESULTS, item.result, '未检查'), {
          alignment: 'center',
          bold: item.result === 'fail',
          color: item.result ? RESULT_COLORS[item.result] : COLORS.warn,
        }),
        cell(item.remark),
      ]);
    }
  }
  return {
    table: { headerRows: 1, keepWithHeaderRows: 2, dontBreakRows: true, widths: [28, '*', 52, '*'], body },
    layout: { ...GRID, paddingTop: () => 1.5, paddingBottom: () => 1.5 },
    lineHeight: 1.15,
  };
}

function defectsTable(c: ReportContent): Content {
  const body: TableCell[][] = [
    [
      head('编号'),
      head('部位 / 检查项'),
      head('类别'),
      head('缺陷描述'),
      head('严重程度'),
      head('责任单位'),
      head('整改期限'),
      head('状态'),
    ],
  ];
  for (const d of c.defects) {
    body.push([
      cell(d.carried ? `${d.no}\n遗留` : String(d.no), { alignment: 'center', bold: true }),
      cell(d.itemName ? `${d.area} / ${d.itemName}` : d.area),
      cell(d.category || '—'),
      cell(d.description),
      cell(label(DEFECT_SEVERITIES, d.severity), { color: d.severity === 'minor' ? COLORS.text : COLORS.fail }),
      cell(d.contractor || '—'),
      cell(d.dueDate ?? '—'),
      cell(label(DEFECT_STATUSES, d.status), { color: d.status === 'closed' ? COLORS.pass : COLORS.fail }),
    ]);
  }
  return {
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: [24, 70, 44, '*', 36, 62, 50, 40], body },
    layout: GRID,
    fontSize: 8,
  };
}

const THUMB_W = 120;
const THUMB_H = 90;
const THUMB_GAP = (CONTENT_WIDTH - 4 * THUMB_W) / 3;

function defectPhotos(c: ReportContent, images: ImageTable): Content[] {
  const out: Content[] = [];
  for (const d of c.defects) {
    if (d.photos.length === 0) continue;
    const rows: Content[] = [];
    for (let i = 0; i < d.photos.length; i += 4) {
      rows.push({
        columns: d.photos.slice(i, i + 4).map((p) => ({
          width: THUMB_W,
          stack: [
            picture(images, p.hash, THUMB_W, THUMB_H),
            {
              text: `${label(PHOTO_STAGES, p.stage)} · ${when(p.takenAt)}`,
              fontSize: 7,
              color: COLORS.muted,
              margin: [0, 2, 0, 0],
            },
          ],
        })),
        columnGap: THUMB_GAP,
        margin: [0, 0, 0, 6],
      });
    }
    out.push({
      stack: [
        {
          text: [
            { text: `缺陷 ${d.no}`, bold: true },
            ` · ${d.itemName ? `${d.area} ${d.itemName}` : d.area} — ${d.description}`,
          ],
          margin: [0, 4, 0, 3],
        },
        rows[0]!,
      ],
      unbreakable: true,
    });
    out.push(...rows.slice(1).map((r) => ({ stack: [r], unbreakable: true })));
  }
  return out;
}

function floorPlan(c: ReportContent, images: ImageTable): Content {
  const plan = c.floorPlan!;
  const pinned = c.defects.filter((d) => d.pin !== null);
  const d = images.get(plan.hash);
  const maxW = CONTENT_WIDTH;
  const maxH = 380;
  if ('missing' in d) return placeholder(missingText('户型图', d.missing), maxW, 200);
  const scale = Math.min(maxW / d.info.width, maxH / d.info.height);
  const w = d.info.width * scale;
  const h = d.info.height * scale;
  const left = (maxW - w) / 2;
  const pins: Content[] = pinned.flatMap((defect) => {
    const x = defect.pin!.x * w;
    const y = defect.pin!.y * h;
    return [
      {
        canvas: [{ type: 'ellipse', x: 8, y: 8, r1: 8, r2: 8, color: COLORS.pin, lineColor: '#ffffff', lineWidth: 1 }],
        relativePosition: { x: x - 8, y: y - h - 8 },
      },
      {
        columns: [{ width: 16, text: String(defect.no), color: '#ffffff', bold: true, fontSize: 7.5, alignment: 'center' }],
        relativePosition: { x: x - 8, y: y - h - 5.5 },
      },
    ];
  });
  return {
    stack: [
      {
        stack: [{ image: d.key, width: w, height: h }, ...pins],
        margin: [left, 0, 0, 0],
      },
      {
        text:
          pinned.length > 0
            ? `图中红色圆点为缺陷位置，数字为缺陷编号（共 ${pinned.length} 处）。`
            : '本次验房未在户型图上标注缺陷位置。',
        fontSize: 8,
        color: COLORS.muted,
        margin: [0, 4, 0, 0],
      },
    ],
  };
}

function metersTable(c: ReportContent, images: ImageTable): Content {
  if (c.meters.length === 0) return { text: '未录入三表读数。', color: COLORS.muted };
  const body: TableCell[][] = [[head('表计'), head('读数'), head('抄表时间'), head('表计照片')]];
  for (const m of c.meters) {
    const def = METERS.find((x) => x.code === m.meter);
    body.push([
      cell(def?.zh ?? m.meter, { bold: true }),
      cell(`${number(m.reading, 3)} ${def?.unit ?? ''}`),
      cell(when(m.readAt)),
      m.photo ? picture(images, m.photo.hash, 110, 80) : cell('无照片', { color: COLORS.muted }),
    ]);
  }
  return { table: { headerRows: 1, dontBreakRows: true, widths: [60, 90, 100, '*'], body }, layout: GRID };
}

function handedTable(c: ReportContent): Content {
  if (c.handed.length === 0) return { text: '本次未移交钥匙或物品。', color: COLORS.muted };
  const body: TableCell[][] = [[head('类别'), head('名称'), head('数量'), head('业主签收'), head('备注')]];
  for (const h of c.handed) {
    body.push([
      cell(label(HANDED_KINDS, h.kind)),
      cell(h.name),
      cell(`${h.count} ${HANDED_UNITS[h.kind]}`, { alignment: 'right' }),
      cell(h.signed ? '已签收' : '—', { alignment: 'center' }),
      cell(h.remark),
    ]);
  }
  const totals = HANDED_KINDS.map((k) => ({
    kind: k,
    count: c.handed.filter((h) => h.kind === k.code).reduce((s, h) => s + h.count, 0),
  }))
    .filter((t) => t.count > 0)
    .map((t) => `${t.kind.zh} ${t.count} ${HANDED_UNITS[t.kind.code]}`);
  return {
    stack: [
      { table: { headerRows: 1, dontBreakRows: true, widths: [60, '*', 50, 56, '*'], body }, layout: GRID },
      { text: `合计：${totals.join('，')}`, margin: [0, 4, 0, 0] },
    ],
  };
}

function outcomeBlock(c: ReportContent): Content {
  const o = c.outcome;
  if (c.inspection.kind === 'pre') {
    return { text: '模拟验房（分户验收），不涉及收楼结论。', margin: [0, 0, 0, 0] };
  }
  if (!o.outcome) return { text: '未作验房结论。', color: COLORS.warn };
  const open = c.defects.filter((d) => d.status !== 'closed').length;
  const lines: Content[] = [
    {
      text: [
        { text: '验房结论：', color: COLORS.muted },
        { text: label(OUTCOMES, o.outcome), bold: true, fontSize: 14, color: OUTCOME_COLORS[o.outcome] ?? COLORS.text },
      ],
    },
    { text: `${o.outcome === 'refused' ? '拒收日期' : '收楼日期'}：${o.outcomeOn ?? '—'}`, margin: [0, 3, 0, 0] },
  ];
  if (o.outcome === 'acceptedWithDefects') {
    lines.push({ text: `未关闭缺陷 ${open} 项，由责任单位在整改期限内整改，整改完成后复验。`, margin: [0, 3, 0, 0] });
  }
  if (o.outcome === 'refused') {
    lines.push({ text: `拒收原因：${o.refusalReason || '—'}`, margin: [0, 3, 0, 0], color: COLORS.fail });
    if (open > 0) lines.push({ text: `房间保留未关闭缺陷 ${open} 项，整改后重新预约验房。`, margin: [0, 3, 0, 0] });
  }
  return { stack: lines };
}

function signatureBox(images: ImageTable, title: string, sig: ReportContent['signatures']['owner']): Content {
  const w = 220;
  const h = 80;
  const drawing = sig ? picture(images, sig.hash, w, h, '签字') : placeholder('未签字', w, h);
  return {
    width: '*',
    table: {
      widths: ['*'],
      body: [
        [{ text: title, bold: true, fillColor: COLORS.band }],
        [{ stack: [drawing], alignment: 'center', margin: [0, 4, 0, 4] }],
        [
          {
            stack: [
              { text: `签字人：${sig?.name || '—'}` },
              { text: `签字时间：${when(sig?.signedAt)}`, color: COLORS.muted, fontSize: 8 },
            ],
          },
        ],
      ],
    },
    layout: GRID,
  };
}

function signatures(c: ReportContent, images: ImageTable): Content {
  const boxes: Content[] =
    c.inspection.kind === 'pre'
      ? [signatureBox(images, '工作人员签字', c.signatures.staff), { width: '*', text: '' }]
      : [signatureBox(images, '业主签字', c.signatures.owner), signatureBox(images, '工作人员签字', c.signatures.staff)];
  return {
    stack: [
      ...(c.inspection.kind === 'owner'
        ? [
            {
              text: '业主已会同工作人员按上述内容查验房屋，确认以上检查结果、缺陷记录、三表读数及移交物品属实。',
              margin: [0, 0, 0, 6],
            },
          ]
        : []),
      { columns: boxes, columnGap: 16 },
    ],
  };
}

/**
 * Below this share of a page's height a heading of a flowing section (a table that may run on
 * for pages) is not begun. pdfmake's own "following nodes on the page" cannot tell: a block kept
 * together that moved to the next page still names the page it was first tried on. Sections
 * drawn as one block keep their heading inside the block instead.
 */
const ORPHAN_RATIO = 0.85;

/** A heading and what follows it, never parted by a page break. */
function together(...nodes: Content[]): Content {
  // pdfmake does not nest blocks kept together: an inner one is opened into the outer.
  const flat = nodes.flatMap((n) => {
    const block = n as { stack?: Content[]; unbreakable?: boolean };
    return block.unbreakable && block.stack ? block.stack : [n];
  });
  return { stack: flat, unbreakable: true };
}

function title(c: ReportContent): string {
  return c.inspection.kind === 'owner' ? '交付确认书（入伙验房报告）' : '验房报告（模拟验房）';
}

// ─── The document ───

function reportDocument(
  content: ReportContent,
  images: ImageTable,
  stamp: ReportStamp,
  contentHash: string,
  onPages: (pages: number) => void,
): DocDefinition {
  const counter = { n: 0 };
  const place = content.room.place || content.room.name;
  const body: Content[] = [
    { text: title(content), style: 'title' },
    { text: `${content.project.name} · ${place}`, style: 'subtitle' },
    section(counter, '基本信息'),
    infoTable(content),
    summary(content),
    section(counter, '检查项目', true),
    itemsTable(content),
    section(counter, '缺陷清单', true),
    content.defects.length === 0 ? { text: '本次验房未发现缺陷。', color: COLORS.muted } : defectsTable(content),
  ];
  const photos = defectPhotos(content, images);
  if (photos.length > 0) body.push(together({ text: '缺陷照片', style: 'subsection' }, photos[0]!), ...photos.slice(1));
  if (content.floorPlan) body.push(together(section(counter, '户型图及缺陷位置'), floorPlan(content, images)));
  body.push(
    together(section(counter, '三表读数'), metersTable(content, images)),
    content.handed.length <= 12
      ? together(section(counter, '移交钥匙及物品'), handedTable(content))
      : { stack: [section(counter, '移交钥匙及物品', true), handedTable(content)] },
    together(section(counter, '验房结论'), outcomeBlock(content)),
    together(section(counter, '签字确认'), signatures(content, images), {
      text: '本报告定稿后即锁定，不再修改；内容如有变化，将生成新的版本。页脚的内容校验码由报告内容计算得出，可用于核对报告是否被改动。',
      fontSize: 7.5,
      color: COLORS.muted,
      margin: [0, 14, 0, 0],
    }),
  );

  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 58],
    info: {
      title: `${title(content)} ${content.project.name} ${place} 第${stamp.version}版`,
      author: 'SiteDesk',
      subject: `内容校验码 sha256: ${contentHash}`,
      keywords: contentHash,
      creator: 'SiteDesk',
      producer: 'SiteDesk',
      creationDate: new Date(stamp.finalizedAt),
    },
    images: images.dictionary,
    defaultStyle: { font: FONT, fontSize: 9, lineHeight: 1.25, color: COLORS.text },
    styles: {
      title: { fontSize: 18, bold: true, alignment: 'center', color: COLORS.accent, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 10, alignment: 'center', color: COLORS.muted, margin: [0, 0, 0, 6] },
      section: { fontSize: 11.5, bold: true, color: COLORS.accent, margin: [0, 12, 0, 5] },
      subsection: { fontSize: 10, bold: true, margin: [0, 8, 0, 2] },
      tableHeader: { bold: true, fillColor: COLORS.head, alignment: 'center' },
    },
    // A section heading never ends a page: it moves to the next one with its content.
    // A heading that would start in the last part of a page (its table would begin on the next) moves there too.
    pageBreakBefore: (node) => node.headlineLevel === 1 && (node.startPosition?.verticalRatio ?? 0) > ORPHAN_RATIO,
    footer: (current: number, pageCount: number) => {
      onPages(pageCount);
      return {
        margin: [40, 14, 40, 0],
        fontSize: 7,
        color: COLORS.muted,
        stack: [
          {
            columns: [
              { text: `${title(content)} · ${place} · 第 ${stamp.version} 版 · 定稿于 ${when(stamp.finalizedAt)}`, width: '*' },
              { text: `第 ${current} 页 / 共 ${pageCount} 页`, width: 'auto', fontSize: 8, color: COLORS.text },
            ],
          },
          { text: `内容校验码 sha256: ${contentHash}`, margin: [0, 2, 0, 0] },
        ],
      };
    },
    content: body,
  };
}

/**
 * Renders a report. `images`: the bytes of the attachments the content names that are on this
 * device (reportImageHashes); the others print as "照片待同步".
 */
export async function renderHandoverReport(
  content: ReportContent,
  images: ReadonlyMap<string, Buffer>,
  stamp: ReportStamp,
): Promise<RenderedReport> {
  const contentHash = reportContentHash(content);
  let pages = 0;
  const doc = reportDocument(content, new ImageTable(images), stamp, contentHash, (n) => {
    pages = n;
  });
  const bytes = await pdfEngine().createPdf(doc).getBuffer();
  return { bytes, pages, contentHash };
}
