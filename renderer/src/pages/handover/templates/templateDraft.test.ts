import { describe, expect, it } from 'vitest';
import { STANDARD_TEMPLATE_AREAS } from '../../../../../shared/domain/handover-template.js';
import { areasOf, areasProblem, contentKey, countItems, draftFromAreas, draftOf, move } from './templateDraft.js';

describe('template editor draft', () => {
  it('round-trips the standard template and counts its items', () => {
    const draft = { ...draftOf(null), name: '标准', areas: draftFromAreas(STANDARD_TEMPLATE_AREAS) };
    expect(areasOf(draft)).toEqual(STANDARD_TEMPLATE_AREAS);
    expect(countItems(draft)).toBe(STANDARD_TEMPLATE_AREAS.reduce((n, a) => n + a.items.length, 0));
    expect(areasProblem(draft)).toBeNull();
  });

  it('compares content, not row keys, to tell whether there is something to save', () => {
    const a = { ...draftOf(null), areas: draftFromAreas(STANDARD_TEMPLATE_AREAS) };
    const b = { ...draftOf(null), areas: draftFromAreas(STANDARD_TEMPLATE_AREAS) };
    expect(a.areas[0]?.key).not.toBe(b.areas[0]?.key);
    expect(contentKey(a)).toBe(contentKey(b));
    const renamed = { ...b, areas: b.areas.map((x, i) => (i === 0 ? { ...x, name: '户门' } : x)) };
    expect(contentKey(renamed)).not.toBe(contentKey(a));
  });

  it('reports blank and repeated names as the host would', () => {
    const blank = draftOf(null);
    expect(areasProblem(blank)).toBe('区域名称不能为空');
    const twice = { ...draftOf(null), areas: draftFromAreas([{ name: '客厅', items: [{ name: '墙面' }, { name: '墙面' }] }]) };
    expect(areasProblem(twice)).toBe('同一区域内检查项不能重复');
  });

  it('moves an entry within bounds only', () => {
    expect(move(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });
});
