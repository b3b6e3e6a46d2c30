import { describe, expect, it } from 'vitest';
import {
  afterArea,
  areaProgress,
  areasOf,
  firstOfArea,
  isTypingTarget,
  keyCommand,
  moveCursor,
  stepArea,
  type CursorItem,
} from './keyboard.js';

const items: CursorItem[] = [
  { id: 'a1', area: '入户门', result: 'pass' },
  { id: 'a2', area: '入户门', result: null },
  { id: 'b1', area: '客厅', result: null },
  { id: 'b2', area: '客厅', result: 'fail' },
  { id: 'c1', area: '厨房', result: 'pass' },
  { id: 'c2', area: '厨房', result: 'na' },
];

describe('inspection keys', () => {
  it('maps the inspector’s keys to commands', () => {
    expect(keyCommand({ key: 'ArrowDown' })).toEqual({ kind: 'move', delta: 1 });
    expect(keyCommand({ key: 'j' })).toEqual({ kind: 'move', delta: 1 });
    expect(keyCommand({ key: 'ArrowUp' })).toEqual({ kind: 'move', delta: -1 });
    expect(keyCommand({ key: 'k' })).toEqual({ kind: 'move', delta: -1 });
    expect(keyCommand({ key: 'ArrowRight' })).toEqual({ kind: 'area', delta: 1 });
    expect(keyCommand({ key: 'ArrowLeft' })).toEqual({ kind: 'area', delta: -1 });
    expect(keyCommand({ key: '1' })).toEqual({ kind: 'result', result: 'pass' });
    expect(keyCommand({ key: '2' })).toEqual({ kind: 'result', result: 'fail' });
    expect(keyCommand({ key: '3' })).toEqual({ kind: 'result', result: 'na' });
    expect(keyCommand({ key: 'Enter' })).toEqual({ kind: 'defect' });
    expect(keyCommand({ key: 'a' })).toEqual({ kind: 'passRemaining' });
    expect(keyCommand({ key: 'A' })).toEqual({ kind: 'passRemaining' });
  });

  it('leaves other keys and modified keys alone (Ctrl+A, Alt+1 are the browser’s)', () => {
    expect(keyCommand({ key: 'x' })).toBeNull();
    expect(keyCommand({ key: '4' })).toBeNull();
    expect(keyCommand({ key: 'a', ctrlKey: true })).toBeNull();
    expect(keyCommand({ key: '1', altKey: true })).toBeNull();
    expect(keyCommand({ key: 'Enter', metaKey: true })).toBeNull();
  });

  it('does not take keys typed into fields', () => {
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'textarea' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', getAttribute: (n: string) => (n === 'role' ? 'combobox' : null) })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', getAttribute: (n: string) => (n === 'role' ? 'tab' : null) })).toBe(true);
    expect(isTypingTarget({ tagName: 'BUTTON', getAttribute: () => null })).toBe(false);
    expect(isTypingTarget({ tagName: 'BODY' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('cursor', () => {
  it('moves across areas and stops at either end', () => {
    expect(moveCursor(items, 'a2', 1)).toBe('b1');
    expect(moveCursor(items, 'b1', -1)).toBe('a2');
    expect(moveCursor(items, 'a1', -1)).toBe('a1');
    expect(moveCursor(items, 'c2', 1)).toBe('c2');
    expect(moveCursor(items, null, 1)).toBe('a1');
    expect(moveCursor([], null, 1)).toBeNull();
  });

  it('opens an area at its first unchecked item, else its first', () => {
    expect(firstOfArea(items, '入户门')).toBe('a2');
    expect(firstOfArea(items, '厨房')).toBe('c1');
    expect(firstOfArea(items, '阳台')).toBeNull();
  });

  it('steps between areas in template order without wrapping', () => {
    expect(areasOf(items)).toEqual(['入户门', '客厅', '厨房']);
    expect(stepArea(items, '入户门', 1)).toEqual({ area: '客厅', cursor: 'b1' });
    expect(stepArea(items, '入户门', -1)).toEqual({ area: '入户门', cursor: 'a2' });
    expect(stepArea(items, '厨房', 1)).toEqual({ area: '厨房', cursor: 'c1' });
    expect(stepArea(items, null, 1)).toEqual({ area: '入户门', cursor: 'a2' });
  });

  it('after 其余合格 goes on to the next area that still has unchecked items', () => {
    // 入户门 done: 客厅 still has b1 open.
    expect(afterArea(items, '入户门')).toEqual({ area: '客厅', cursor: 'b1' });
    // 客厅 done, nothing open later: the next area anyway.
    const done = items.map((i) => ({ ...i, result: i.result ?? 'pass' }));
    expect(afterArea(done, '客厅')).toEqual({ area: '厨房', cursor: 'c1' });
    // The last area stays.
    expect(afterArea(done, '厨房')).toEqual({ area: '厨房', cursor: 'c1' });
  });

  it('counts each area: checked, total, failed', () => {
    expect(areaProgress(items)).toEqual([
      { area: '入户门', total: 2, checked: 1, failed: 0 },
      { area: '客厅', total: 2, checked: 1, failed: 1 },
      { area: '厨房', total: 2, checked: 2, failed: 0 },
    ]);
  });
});
