import { describe, expect, it } from 'vitest';
import { isUuidv7, uuidv7, uuidv7Time } from './uuidv7.js';

describe('uuidv7', () => {
  it('is a version-7, variant-10 UUID carrying its creation time', () => {
    const id = uuidv7(1_790_000_000_123);
    expect(isUuidv7(id)).toBe(true);
    expect(uuidv7Time(id)).toBe(1_790_000_000_123);
  });

  it('sorts in mint order, even many within one millisecond and when the clock steps back', () => {
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) ids.push(uuidv7(1_790_000_000_000));
    ids.push(uuidv7(1_789_999_000_000));
    ids.push(uuidv7(1_790_000_500_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
