import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHost, type TempHost } from '../testing/temp-host.js';

let h: TempHost;
beforeEach(() => {
  h = tempHost();
});
afterEach(() => h.dispose());

const add = (name: string, typeCode: 'customerSource' | 'relationType' = 'customerSource') =>
  h.call('dict.create', { typeCode, name });

describe('dictionaries (基础数据维护)', () => {
  it('adds entries at the end of their type, trimmed and full-width folded', async () => {
    const a = await add('  电话来访 ');
    const b = await add('ＶＩＰ推荐');
    expect(a).toMatchObject({ name: '电话来访', sortOrder: 1, invalid: false, remark: '' });
    expect(b).toMatchObject({ name: 'VIP推荐', sortOrder: 2 });
  });

  it('refuses a duplicate name within a type, in Chinese, on the name field; other types may reuse it', async () => {
    await add('朋友介绍');
    const error = await h.failure('dict.create', { typeCode: 'customerSource', name: '朋友介绍 ' });
    expect(error.code).toBe('DUPLICATE_NAME');
    expect(error.fieldErrors.name).toBe('名称“朋友介绍”已存在');
    await expect(add('朋友介绍', 'relationType')).resolves.toMatchObject({ typeCode: 'relationType' });
  });

  it('refuses bad input before any service runs: nothing is written', async () => {
    const tooLong = await h.failure('dict.create', { typeCode: 'customerSource', name: '名'.repeat(51) });
    expect(tooLong).toMatchObject({ code: 'VALIDATION', fieldErrors: { name: '名称不能超过50个字' } });
    const wrongType = await h.failure('dict.create', { typeCode: 'customerSource', name: 42 });
    expect(wrongType.code).toBe('VALIDATION');
    expect(wrongType.message).toMatch(/[\u4e00-\u9fff]/);
    const rows = h.host.database.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get();
    expect(rows).toBe(0);
  });

  it('makes invalid entries view-only, hides them from pickers, but keeps them for old records', async () => {
    const keep = await add('上门');
    const gone = await add('展会');
    expect(await h.call('dict.setInvalid', { ids: [gone.id], invalid: true })).toEqual({ changed: 1 });
    const error = await h.failure('dict.update', { id: gone.id, name: '展会2', remark: '' });
    expect(error.code).toBe('ITEM_INVALID');
    expect((await h.call('dict.options', { typeCode: 'customerSource' })).map((i) => i.name)).toEqual(['上门']);
    const forOldRecord = await h.call('dict.options', { typeCode: 'customerSource', keepIds: [gone.id] });
    expect(forOldRecord.map((i) => i.name)).toEqual(['上门', '展会']);
    expect((await h.call('dict.get', { id: keep.id })).invalid).toBe(false);
  });

  it('invalidates and restores in batch, counting only real changes', async () => {
    const ids = [(await add('甲')).id, (await add('乙')).id, (await add('丙')).id];
    expect(await h.call('dict.setInvalid', { ids: ids.slice(0, 2), invalid: true })).toEqual({ changed: 2 });
    expect(await h.call('dict.setInvalid', { ids, invalid: true })).toEqual({ changed: 1 });
    const invalidOnes = await h.call('dict.list', { typeCode: 'customerSource', invalid: 'yes' });
    expect(invalidOnes.total).toBe(3);
    expect(await h.call('dict.setInvalid', { ids, invalid: false })).toEqual({ changed: 3 });
  });

  it('reorders: up, down, to a position; refuses a position past the end', async () => {
    const [a, b, c] = [await add('A'), await add('B'), await add('C')];
    await h.call('dict.move', { id: c.id, to: 'up' });
    await h.call('dict.move', { id: a.id, to: 'down' });
    expect((await h.call('dict.list', { typeCode: 'customerSource' })).items.map((i) => i.name)).toEqual(['C', 'A', 'B']);
    expect(await h.call('dict.move', { id: b.id, to: 1 })).toEqual({ position: 1 });
    expect((await h.call('dict.list', { typeCode: 'customerSource' })).items.map((i) => [i.name, i.sortOrder])).toEqual([
      ['B', 1],
      ['C', 2],
      ['A', 3],
    ]);
    expect((await h.failure('dict.move', { id: a.id, to: 4 })).code).toBe('MOVE_OUT_OF_RANGE');
  });

  it('queries by name fragment and 失效否, and pages with totals', async () => {
    for (let i = 1; i <= 25; i++) await add(`来源${String(i).padStart(2, '0')}`);
    await add('100%_特殊');
    const page2 = await h.call('dict.list', { typeCode: 'customerSource', page: 2, pageSize: 10 });
    expect(page2).toMatchObject({ total: 26, page: 2, pageSize: 10 });
    expect(page2.items[0]!.name).toBe('来源11');
    expect((await h.call('dict.list', { typeCode: 'customerSource', name: '源2' })).total).toBe(6);
    expect((await h.call('dict.list', { typeCode: 'customerSource', name: '%_' })).items.map((i) => i.name)).toEqual([
      '100%_特殊',
    ]);
    expect((await h.failure('dict.list', { typeCode: 'customerSource', pageSize: 30 })).fieldErrors.pageSize).toBe(
      '每页条数只能是10、20、50或100',
    );
  });

  it('shows every change in history with who and when, and restores an earlier name through the same rules', async () => {
    const item = await add('来电');
    await h.call('dict.update', { id: item.id, name: '来电咨询', remark: '前台登记' });
    const history = await h.call('history.list', { entity: 'dictItem', entityId: item.id });
    expect(history.map((e) => e.op)).toEqual(['create', 'update']);
    expect(history[1]).toMatchObject({
      actorName: '系统管理员',
      changes: { name: { old: '来电', new: '来电咨询' }, remark: { old: '', new: '前台登记' } },
    });
    await h.call('history.restore', { changeId: history[1]!.changeId, field: 'name' });
    expect((await h.call('dict.get', { id: item.id })).name).toBe('来电');

    // A restore that would break uniqueness is refused like an edit would be.
    const renamed = await h.call('history.list', { entity: 'dictItem', entityId: item.id });
    await add('来电咨询');
    const refused = await h.failure('history.restore', { changeId: renamed[2]!.changeId, field: 'name' });
    expect(refused.code).toBe('DUPLICATE_NAME');
    expect((await h.failure('history.restore', { changeId: renamed[0]!.changeId, field: 'name' })).code).toBe(
      'NOTHING_TO_RESTORE',
    );
  });
});

describe('list rows name who changed them', () => {
  it("gives the modifier's name, not only the id", async () => {
    const h2 = tempHost();
    try {
      await h2.call('dict.create', { typeCode: 'planType', name: '回访计划' });
      const list = await h2.call('dict.list', { typeCode: 'planType' });
      expect(list.items[0]).toMatchObject({ updatedBy: 'local-admin', updatedByName: '系统管理员' });
    } finally {
      h2.dispose();
    }
  });
});
