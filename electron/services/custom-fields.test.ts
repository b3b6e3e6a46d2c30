import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHost, withProject, type TempHost } from '../testing/temp-host.js';

let h: TempHost;
beforeEach(() => {
  h = tempHost();
});
afterEach(() => h.dispose());

const selectField = (title = '兴趣爱好') => h.call('customField.create', { target: 'customer', title, fieldType: 'select' });

describe('custom field definitions (自定义信息)', () => {
  it('creates closed definitions with unique titles of at most 16 characters', async () => {
    const def = await selectField();
    expect(def).toMatchObject({ enabled: false, sortOrder: 1, target: 'customer' });
    expect((await h.failure('customField.create', { target: 'customer', title: '兴趣爱好', fieldType: 'text' })).code).toBe(
      'DUPLICATE_NAME',
    );
    await expect(
      h.call('customField.create', { target: 'resource', title: '兴趣爱好', fieldType: 'text' }),
    ).resolves.toBeTruthy();
    const long = await h.failure('customField.create', { target: 'customer', title: '标'.repeat(17), fieldType: 'text' });
    expect(long.fieldErrors.title).toBe('标题不能超过16个字');
  });

  it('will not open a drop-down list without a valid option', async () => {
    const def = await selectField();
    expect((await h.failure('customField.setEnabled', { ids: [def.id], enabled: true })).code).toBe('CUSTOM_FIELD_NO_OPTIONS');
    const golf = await h.call('customField.addOption', { defId: def.id, name: '高尔夫' });
    await h.call('customField.setOptionInvalid', { ids: [golf.id], invalid: true });
    expect((await h.failure('customField.setEnabled', { ids: [def.id], enabled: true })).code).toBe('CUSTOM_FIELD_NO_OPTIONS');
    await h.call('customField.setOptionInvalid', { ids: [golf.id], invalid: false });
    expect(await h.call('customField.setEnabled', { ids: [def.id], enabled: true })).toEqual({ changed: 1 });
  });

  it("makes an open definition's options view-only until it is closed again", async () => {
    const def = await selectField();
    const golf = await h.call('customField.addOption', { defId: def.id, name: '高尔夫' });
    await h.call('customField.addOption', { defId: def.id, name: '钓鱼' });
    await h.call('customField.setEnabled', { ids: [def.id], enabled: true });

    expect((await h.failure('customField.addOption', { defId: def.id, name: '游泳' })).code).toBe('CUSTOM_FIELD_OPEN');
    expect((await h.failure('customField.updateOption', { id: golf.id, name: '网球' })).code).toBe('CUSTOM_FIELD_OPEN');
    expect((await h.failure('customField.setOptionInvalid', { ids: [golf.id], invalid: true })).code).toBe('CUSTOM_FIELD_OPEN');
    expect((await h.failure('customField.moveOption', { id: golf.id, to: 'down' })).code).toBe('CUSTOM_FIELD_OPEN');
    expect((await h.failure('customField.update', { id: def.id, title: '兴趣爱好', fieldType: 'text', remark: '' })).code).toBe(
      'CUSTOM_FIELD_OPEN',
    );
    expect((await h.call('customField.options', { defId: def.id })).map((o) => o.name)).toEqual(['高尔夫', '钓鱼']);

    await h.call('customField.setEnabled', { ids: [def.id], enabled: false });
    await h.call('customField.moveOption', { id: golf.id, to: 'down' });
    expect((await h.call('customField.options', { defId: def.id })).map((o) => o.name)).toEqual(['钓鱼', '高尔夫']);
    expect((await h.failure('customField.addOption', { defId: def.id, name: '钓鱼' })).code).toBe('DUPLICATE_NAME');
  });

  it('offers options only on drop-down lists', async () => {
    const text = await h.call('customField.create', { target: 'customer', title: '车牌备注', fieldType: 'text' });
    expect((await h.failure('customField.addOption', { defId: text.id, name: 'x' })).code).toBe('CUSTOM_FIELD_NOT_SELECT');
    expect(await h.call('customField.setEnabled', { ids: [text.id], enabled: true })).toEqual({ changed: 1 });
  });

  it('lists, reorders and keeps the history of definitions', async () => {
    const a = await selectField('甲');
    await selectField('乙');
    await h.call('customField.move', { id: a.id, to: 'bottom' });
    const list = await h.call('customField.list', { target: 'customer' });
    expect(list.items.map((d) => d.title)).toEqual(['乙', '甲']);
    await h.call('customField.update', { id: a.id, title: '甲方', fieldType: 'select', remark: '' });
    const history = await h.call('history.list', { entity: 'customFieldDef', entityId: a.id });
    expect(history.at(-1)!.changes).toEqual({ title: { old: '甲', new: '甲方' } });
  });
});

describe('custom field values on records', () => {
  it('accepts values of open definitions, checked by type, and refuses closed or malformed ones', async () => {
    const { projectId } = await withProject(h);
    const hobby = await selectField('爱好');
    await h.call('customField.addOption', { defId: hobby.id, name: '高尔夫' });
    await h.call('customField.setEnabled', { ids: [hobby.id], enabled: true });
    const cars = await h.call('customField.create', { target: 'customer', title: '车位数', fieldType: 'integer' });
    const area = await h.call('customField.create', { target: 'resource', title: '花园面积', fieldType: 'decimal' });
    await h.call('customField.setEnabled', { ids: [area.id], enabled: true });

    const base = { name: '王五', idType: 'passport' as const, idNumber: 'E98765432', phones: [] };
    const c = await h.call('customer.create', { ...base, custom: { [hobby.id]: '高尔夫' } });
    expect(JSON.parse(c.custom)).toEqual({ [hobby.id]: '高尔夫' });
    const wrongOption = await h.failure('customer.create', { ...base, idNumber: 'E98765433', custom: { [hobby.id]: '钓鱼' } });
    expect(wrongOption.fieldErrors[`custom.${hobby.id}`]).toBe('“爱好”只能从列表中选择');
    const closed = await h.failure('customer.create', { ...base, idNumber: 'E98765434', custom: { [cars.id]: '2' } });
    expect(closed.code).toBe('VALIDATION');

    const space = await h.call('resource.create', {
      projectId,
      kind: 'other',
      code: 'G-1',
      name: '花园',
      custom: { [area.id]: '12.5' },
    });
    expect(JSON.parse(space.custom)).toEqual({ [area.id]: '12.5' });
    const bad = await h.failure('resource.create', {
      projectId,
      kind: 'other',
      code: 'G-2',
      name: '花园2',
      custom: { [area.id]: '十二' },
    });
    expect(bad.message).toContain('花园面积');
  });
});
