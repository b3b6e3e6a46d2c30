import { describe, expect, it } from 'vitest';
import { decodeHlc, encodeHlc, HybridLogicalClock } from './hlc.js';

describe('hybrid logical clock', () => {
  it('encodes to strings whose order is clock order', () => {
    const a = encodeHlc({ wallMs: 9, counter: 5, node: 'a' });
    const b = encodeHlc({ wallMs: 10, counter: 0, node: 'a' });
    expect(a < b).toBe(true);
    expect(decodeHlc(b)).toEqual({ wallMs: 10, counter: 0, node: 'a' });
  });

  it('keeps increasing when the wall clock stands still or goes back', () => {
    let wall = 1000;
    const clock = new HybridLogicalClock('n', () => wall);
    const stamps = [clock.now(), clock.now()];
    wall = 500;
    stamps.push(clock.now());
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(3);
  });

  it('stamps after a received remote stamp even when the local clock is three hours behind', () => {
    const remote = new HybridLogicalClock('office-a', () => 1_790_000_000_000 + 3 * 3600_000);
    const local = new HybridLogicalClock('inspector', () => 1_790_000_000_000);
    const seen = remote.now();
    local.receive(seen);
    expect(local.now() > seen).toBe(true);
  });

  it('resumes above a persisted state after a restart', () => {
    const before = new HybridLogicalClock('n', () => 2000);
    const last = before.now();
    const restarted = new HybridLogicalClock('n', () => 1000, decodeHlc(last));
    expect(restarted.now() > last).toBe(true);
  });
});
