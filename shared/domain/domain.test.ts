import { describe, expect, it } from 'vitest';
import { charLength, normalizeName } from './text.js';
import { pageCount, resolveJump } from './paging.js';
import { moveInOrder } from './ordering.js';
import { nameSchema, remarkSchema, dictItemInput } from './dictionaries.js';
import { checkCustomFieldValue, titleSchema } from './custom-fields.js';

describe('text rules', () => {
  it('counts characters as users see them', () => {
    expect(charLength('客户来源')).toBe(4);
    expect(charLength('𠮷野家')).toBe(3);
  });
  it('folds full-width input and trims', () => {
    expect(normalizeName('  ＶＩＰ　客户  ')).toBe('VIP 客户');
  });
});

describe('name and remark limits', () => {
  it('accepts 50 characters and refuses 51, empty or blank', () => {
    expect(nameSchema.parse('名'.repeat(50))).toHaveLength(50);
    expect(nameSchema.safeParse('名'.repeat(51)).error?.issues[0]?.message).toBe('名称不能超过50个字');
    expect(nameSchema.safeParse('   ').error?.issues[0]?.message).toBe('名称不能为空');
    expect(nameSchema.safeParse(undefined).success).toBe(false);
  });
  it('limits remarks to 500 characters', () => {
    expect(remarkSchema.safeParse('备'.repeat(500)).success).toBe(true);
    expect(remarkSchema.safeParse('备'.repeat(501)).error?.issues[0]?.message).toBe('备注不能超过500个字');
  });
  it('refuses an unknown dictionary type', () => {
    expect(dictItemInput.safeParse({ typeCode: 'nope', name: 'x' }).success).toBe(false);
  });
  it('limits custom field titles to 16 characters', () => {
    expect(titleSchema.safeParse('标'.repeat(16)).success).toBe(true);
    expect(titleSchema.safeParse('标'.repeat(17)).error?.issues[0]?.message).toBe('标题不能超过16个字');
  });
});

describe('pagination jump', () => {
  it('goes to a page inside the range', () => {
    expect(resolveJump('3', 45, 20)).toBe(3);
    expect(resolveJump(' ２ ', 45, 20)).toBe(2);
  });
  it('does nothing for 0, empty, text or beyond the last page', () => {
    for (const entry of ['0', '', '  ', 'abc', '4', '-1', '1.5']) expect(resolveJump(entry, 45, 20)).toBeNull();
  });
  it('always has at least one page', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
  });
});

describe('ordering', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it('moves up, down, to the ends and to a position', () => {
    expect(moveInOrder(ids, 'c', 'up')).toEqual({ order: ['a', 'c', 'b', 'd'], position: 2 });
    expect(moveInOrder(ids, 'a', 'up')).toEqual({ order: ids, position: 1 });
    expect(moveInOrder(ids, 'b', 'down')?.order).toEqual(['a', 'c', 'b', 'd']);
    expect(moveInOrder(ids, 'd', 'top')?.order).toEqual(['d', 'a', 'b', 'c']);
    expect(moveInOrder(ids, 'a', 'bottom')?.order).toEqual(['b', 'c', 'd', 'a']);
    expect(moveInOrder(ids, 'a', 3)).toEqual({ order: ['b', 'c', 'a', 'd'], position: 3 });
  });
  it('refuses positions outside the list', () => {
    expect(moveInOrder(ids, 'a', 0)).toBeNull();
    expect(moveInOrder(ids, 'a', 5)).toBeNull();
    expect(moveInOrder(ids, 'z', 'up')).toBeNull();
  });
});

describe('custom field values', () => {
  it('checks numbers, decimals, options and text', () => {
    expect(checkCustomFieldValue({ fieldType: 'integer', title: '车位数' }, '３')).toEqual({ ok: true, value: '3' });
    expect(checkCustomFieldValue({ fieldType: 'integer', title: '车位数' }, '3.5')).toEqual({
      ok: false,
      message: '“车位数”必须是整数',
    });
    expect(checkCustomFieldValue({ fieldType: 'decimal', title: '面积' }, '88.25')).toEqual({ ok: true, value: '88.25' });
    expect(checkCustomFieldValue({ fieldType: 'decimal', title: '面积' }, '八十')).toMatchObject({ ok: false });
    expect(checkCustomFieldValue({ fieldType: 'select', title: '爱好' }, '高尔夫', ['高尔夫'])).toEqual({
      ok: true,
      value: '高尔夫',
    });
    expect(checkCustomFieldValue({ fieldType: 'select', title: '爱好' }, '钓鱼', ['高尔夫'])).toMatchObject({ ok: false });
    expect(checkCustomFieldValue({ fieldType: 'text', title: '备注' }, '')).toEqual({ ok: true, value: '' });
  });
});
