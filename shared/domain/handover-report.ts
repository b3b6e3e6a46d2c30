import type {
  DefectSeverity,
  DefectStatus,
  HandedKind,
  InspectionKind,
  ItemResult,
  MeterKind,
  Outcome,
  PhotoStage,
} from './handover.js';

/**
 * 交付确认书/验房报告: what a finalised report says, as one plain serialisable object.
 *
 * The rules that make the printed hash mean something:
 * - the content is exactly what the report prints, apart from the stamp of the version that
 *   prints it (version number, page numbers, the hash itself): nothing from the clock (no
 *   "today", no defect age), nothing of this device;
 * - it is read from the records alone, so anyone holding the records (another office, the
 *   group server, an auditor) builds the same content and the same hash;
 * - attachments (photos, signatures, the floor plan) are in it by their sha256, never by their
 *   bytes: the hash pins the images too, and it can be computed before every photo has come;
 * - the hash is sha256 of the canonical JSON (keys sorted, no whitespace) as UTF-8.
 * Two finalisations of the same content are one version; any printed change makes the next.
 */

/** The shape of ReportContent; a later change of what reports hold bumps it (old versions keep theirs). */
export const REPORT_FORMAT = 1;

/**
 * An image the report shows, by its content hash alone: its type is read off its bytes when it
 * is drawn (not every record keeps one, and this device's file bookkeeping is not a record).
 */
export interface ReportImage {
  hash: string;
}

export interface ReportPhoto extends ReportImage {
  stage: PhotoStage;
  takenAt: string | null;
}

export interface ReportDefect {
  /** 1-based, as the list and the pins on the 户型图 number them. */
  no: number;
  /** Found by an earlier inspection of the room and still open (a refused room keeps its defects). */
  carried: boolean;
  area: string;
  itemName: string | null;
  category: string;
  description: string;
  severity: DefectSeverity;
  contractor: string;
  dueDate: string | null;
  status: DefectStatus;
  foundAt: string;
  closedAt: string | null;
  /** On the 户型图, 0–1 from the left and the top. */
  pin: { x: number; y: number } | null;
  photos: ReportPhoto[];
}

export interface ReportSignature extends ReportImage {
  name: string;
  signedAt: string | null;
}

export interface ReportCustomer {
  name: string;
  /** owner / coOwner: the handover's buyers (购房人); inspector: the customer who inspected, if not a buyer. */
  role: 'owner' | 'coOwner' | 'inspector';
  idNumberMasked: string;
}

export interface ReportContent {
  format: typeof REPORT_FORMAT;
  inspectionId: string;
  project: { code: string; name: string };
  room: {
    code: string;
    name: string;
    /** "1号楼 2单元 301". */
    place: string;
    houseType: string;
    buildArea: number | null;
    innerArea: number | null;
  };
  customers: ReportCustomer[];
  inspection: {
    kind: InspectionKind;
    startedAt: string;
    completedAt: string | null;
    inspectorName: string;
    remark: string;
  };
  template: { name: string; version: number; houseType: string };
  /** In template order. */
  areas: { name: string; items: { name: string; result: ItemResult | null; remark: string }[] }[];
  defects: ReportDefect[];
  /** 户型图 of the template version, where the pins are. */
  floorPlan: ReportImage | null;
  meters: { meter: MeterKind; reading: number; readAt: string; photo: ReportImage | null }[];
  handed: { kind: HandedKind; name: string; count: number; signed: boolean; remark: string }[];
  outcome: { outcome: Outcome | null; outcomeOn: string | null; refusalReason: string };
  signatures: { owner: ReportSignature | null; staff: ReportSignature | null };
}

/** Every attachment the content shows, each once, in the order the report shows them. */
export function reportImageHashes(content: ReportContent): string[] {
  const hashes = [
    ...content.defects.flatMap((d) => d.photos.map((p) => p.hash)),
    ...(content.floorPlan ? [content.floorPlan.hash] : []),
    ...content.meters.flatMap((m) => (m.photo ? [m.photo.hash] : [])),
    ...(content.signatures.owner ? [content.signatures.owner.hash] : []),
    ...(content.signatures.staff ? [content.signatures.staff.hash] : []),
  ];
  return [...new Set(hashes)];
}

/** sha256 (hex) of the report's canonical content: printed on every page, kept on the record. */
export function reportContentHash(content: ReportContent): string {
  return sha256Hex(utf8(canonicalJson(content)));
}

// ─── Canonical JSON ───

/**
 * JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort does) and no
 * whitespace; undefined members are left out as JSON.stringify leaves them. Refuses what JSON
 * cannot say the same way twice (NaN, Infinity, functions, class instances).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(Object.is(value, -0) ? 0 : value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new Error('canonicalJson: only plain objects');
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .sort()
        .filter((k) => record[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new Error(`canonicalJson: a ${typeof value} has no JSON form`);
  }
}

// ─── sha256, in plain TypeScript (shared/ runs in the renderer and the worker too, without node:crypto) ───

/** UTF-8 bytes of a string (lone surrogates as U+FFFD, as TextEncoder does). */
export function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i += 1;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

const K = Uint32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** sha256 of bytes, as lowercase hex (FIPS 180-4). */
export function sha256Hex(bytes: Uint8Array): string {
  const bitLength = bytes.length * 8;
  // Message, 0x80, zeros, 64-bit big-endian length: a multiple of 64 bytes.
  const padded = new Uint8Array((((bytes.length + 8) >> 6) + 1) << 6);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(padded.length - 4, bitLength >>> 0);

  const h = Uint32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let t = 0; t < 16; t += 1) w[t] = view.getUint32(offset + t * 4);
    for (let t = 16; t < 64; t += 1) {
      const a = w[t - 15]!;
      const b = w[t - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) >>> 0;
    }
    let a = h[0]!;
    let b = h[1]!;
    let c = h[2]!;
    let d = h[3]!;
    let e = h[4]!;
    let f = h[5]!;
    let g = h[6]!;
    let hh = h[7]!;
    for (let t = 0; t < 64; t += 1) {
      const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + s1 + ch + K[t]! + w[t]!) >>> 0;
      const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (s0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = (h[0]! + a) >>> 0;
    h[1] = (h[1]! + b) >>> 0;
    h[2] = (h[2]! + c) >>> 0;
    h[3] = (h[3]! + d) >>> 0;
    h[4] = (h[4]! + e) >>> 0;
    h[5] = (h[5]! + f) >>> 0;
    h[6] = (h[6]! + g) >>> 0;
    h[7] = (h[7]! + hh) >>> 0;
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, '0')).join('');
}
