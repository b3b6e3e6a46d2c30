import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * Test helpers: a PDF read back with Poppler (pdfinfo, pdftotext, pdftoppm), as a person or
 * another program would read it. Only tests import this file.
 */

export interface ReadPdf {
  pages: number;
  /** pdfinfo's fields (Title, Producer, Page size, …). */
  info: Record<string, string>;
  /** The text of every page, in order (pdftotext -layout). */
  pageTexts: string[];
  /** The first page rendered as PNG at the given resolution (pdftoppm -png). */
  png: (page: number, dpi?: number) => Buffer;
  dispose: () => void;
}

export function readPdf(bytes: Buffer): ReadPdf {
  const dir = mkdtempSync(join(tmpdir(), 'sitedesk-pdf-'));
  const file = join(dir, 'report.pdf');
  writeFileSync(file, bytes);
  const info: Record<string, string> = {};
  for (const line of execFileSync('pdfinfo', [file], { encoding: 'utf8' }).split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) info[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  const pages = Number(info.Pages);
  // Pages are separated by form feeds.
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const pageTexts = text.split('\f').slice(0, pages);
  return {
    pages,
    info,
    pageTexts,
    png: (page, dpi = 60) => {
      const prefix = join(dir, `page-${page}-${dpi}`);
      execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
      return readFileSync(`${prefix}.png`);
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Size of a PNG and the share of its pixels that are not (near) white: 0 for a blank page. */
export function pngInk(png: Buffer): { width: number; height: number; ink: number } {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  let depth = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8]!;
      colorType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + length;
  }
  if (depth !== 8) throw new Error(`PNG of depth ${depth}`);
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!channels) throw new Error(`PNG of colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const prev = Buffer.alloc(stride);
  const line = Buffer.alloc(stride);
  let inked = 0;
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)]!;
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x += 1) {
      const a = x >= channels ? line[x - channels]! : 0;
      const b = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      let v = row[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[x] = v & 0xff;
    }
    for (let x = 0; x < width; x += 1) {
      const colour = Math.min(...Array.from({ length: Math.min(channels, 3) }, (_, k) => line[x * channels + k]!));
      if (colour < 200) inked += 1;
    }
    line.copy(prev);
  }
  return { width, height, ink: inked / (width * height) };
}
