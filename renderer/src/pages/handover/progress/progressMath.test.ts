import { describe, expect, it } from 'vitest';
import { handedRate, STAGES, stagesOf } from './progressMath.js';

const counts = (c: Partial<Parameters<typeof stagesOf>[0]>) => ({
  rooms: 0,
  appointed: 0,
  inspected: 0,
  accepted: 0,
  acceptedWithDefects: 0,
  refused: 0,
  openDefects: 0,
  ...c,
});
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

describe('交付进度 stages', () => {
  it('counts each room once, at the furthest stage it reached', () => {
    const s = stagesOf(counts({ rooms: 24, appointed: 5, inspected: 4, accepted: 1, acceptedWithDefects: 1, refused: 1 }));
    expect(s).toEqual({ accepted: 1, acceptedWithDefects: 1, refused: 1, inspectedOnly: 1, appointedOnly: 1, notAppointed: 19 });
    expect(sum(s)).toBe(24);
  });

  it('a walk-in inspected without an appointment still adds up to the rooms', () => {
    const s = stagesOf(counts({ rooms: 10, appointed: 1, inspected: 3, accepted: 2 }));
    expect(s.appointedOnly).toBe(0);
    expect(sum(s)).toBe(10);
  });

  it('outcomes never count less than inspected', () => {
    const s = stagesOf(counts({ rooms: 4, inspected: 1, accepted: 2 }));
    expect(s.inspectedOnly).toBe(0);
    expect(sum(s)).toBe(4);
  });

  it('an empty batch has nothing to draw and a zero rate', () => {
    expect(sum(stagesOf(counts({})))).toBe(0);
    expect(handedRate(counts({}))).toBe(0);
    expect(handedRate(counts({ rooms: 8, accepted: 1, acceptedWithDefects: 1 }))).toBe(0.25);
  });

  it('has a distinct colour for every stage', () => {
    expect(new Set(STAGES.map((s) => s.color)).size).toBe(STAGES.length);
  });
});
