import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, reportContentHash, reportImageHashes, sha256Hex, utf8, type ReportContent } from './handover-report.js';

const nodeSha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('the report content hash', () => {
  it('is sha256 as node:crypto computes it, at every padding boundary and beyond', () => {
    for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 1000, 100_000]) {
      const bytes = randomBytes(n);
      expect(sha256Hex(bytes)).toBe(nodeSha(bytes));
    }
    expect(sha256Hex(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('encodes text as UTF-8 the way Buffer does (Chinese, emoji, a lone surrogate)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(Buffer.from(utf8(s)).equals(Buffer.from(s, 'utf8'))).toBe(true);
      }),
    );
    for (const s of ['交付确认书', '🏠 301', '\ud800x', 'x\udc00'])
      expect(Buffer.from(utf8(s)).equals(Buffer.from(s, 'utf8'))).toBe(true);
  });

  it('writes JSON canonically: keys sorted at every depth, no whitespace, undefined members left out', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: '室' }], e: undefined })).toBe('{"a":[{"c":"室","d":null}],"b":1}');
    expect(canonicalJson({ x: -0, y: 1.5 })).toBe('{"x":0,"y":1.5}');
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
    expect(() => canonicalJson({ d: new Date() })).toThrow();
  });

  it('does not depend on the order the content was built in', () => {
    const content = {
      format: 1,
      inspectionId: 'i',
      project: { code: 'P01', name: '滨江花园' },
      room: { code: '1-1-101', name: '101', place: '1号楼 1单元 101', houseType: '', buildArea: 90, innerArea: null },
      customers: [],
      inspection: { kind: 'pre', startedAt: 's', completedAt: null, inspectorName: '', remark: '' },
      template: { name: 't', version: 1, houseType: '' },
      areas: [],
      defects: [
        {
          no: 1,
          carried: false,
          area: '客厅',
          itemName: null,
          category: '',
          description: 'd',
          severity: 'minor',
          contractor: '',
          dueDate: null,
          status: 'open',
          foundAt: 'f',
          closedAt: null,
          pin: null,
          photos: [{ hash: 'a'.repeat(64), stage: 'before', takenAt: null }],
        },
      ],
      floorPlan: { hash: 'b'.repeat(64) },
      meters: [{ meter: 'water', reading: 1, readAt: 'r', photo: { hash: 'a'.repeat(64) } }],
      handed: [],
      outcome: { outcome: null, outcomeOn: null, refusalReason: '' },
      signatures: { owner: null, staff: { hash: 'c'.repeat(64), name: '李', signedAt: null } },
    } satisfies ReportContent;
    const reversed = JSON.parse(
      JSON.stringify(content, (_k, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
      ),
    ) as ReportContent;
    expect(Object.keys(reversed)[0]).toBe('signatures');
    expect(reportContentHash(reversed)).toBe(reportContentHash(content));
    expect(reportContentHash(content)).toBe(nodeSha(Buffer.from(canonicalJson(content))));
    expect(reportContentHash({ ...content, room: { ...content.room, buildArea: 90.5 } })).not.toBe(reportContentHash(content));
    // Each attachment once, in the order the report shows them.
    expect(reportImageHashes(content)).toEqual(['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)]);
  });
});
