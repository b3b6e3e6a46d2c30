import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { residentCheckDigit } from '../../shared/domain/id-documents.js';
import { tempHost, withProject, type TempHost } from '../testing/temp-host.js';

let h: TempHost;
let projectId: string;
beforeEach(async () => {
  h = tempHost();
  ({ projectId } = await withProject(h));
});
afterEach(() => h.dispose());

/** A valid 身份证 number for a birth date and sequence (odd sequence: male). */
const idCard = (birth: string, seq: string) => `330106${birth}${seq}${residentCheckDigit(`330106${birth}${seq}`)}`;
const ZHANG = idCard('19850312', '123');
const LI = idCard('19900705', '246');

const register = (name: string, idNumber: string, phone: string, extra: Record<string, unknown> = {}) =>
  h.call('customer.create', { name, idType: 'resident', idNumber, phones: [{ number: phone, isPrimary: true }], ...extra });

describe('registering customers', () => {
  it('fills birth date and sex from the 身份证, stores normalised phones, and finds them again', async () => {
    const c = await register('张三', ZHANG, '+86 138 0013 8000');
    expect(c).toMatchObject({ name: '张三', gender: 'male', birthDate: '1985-03-12', idKey: `resident:${ZHANG}` });
    const view = await h.call('customer.view', { id: c.id });
    expect(view.phones).toEqual([expect.objectContaining({ number: '13800138000', kind: 'mobile', isPrimary: true })]);
    expect(view.customer.idNumberMasked).toBe(`330106${'*'.repeat(8)}${ZHANG.slice(-4)}`);
  });

  it('converts a 15-digit card to 18 digits and recognises it as the same person', async () => {
    const old15 = '330106850312123';
    const c = await register('张三', old15, '13800138000');
    expect(c.idNumber).toHaveLength(18);
    const again = await h.failure('customer.create', { name: '张三', idType: 'resident', idNumber: c.idNumber, phones: [] });
    expect(again.code).toBe('DUPLICATE_ID_DOCUMENT');
  });

  it('refuses a bad check digit in Chinese on the number field', async () => {
    const bad = ZHANG.slice(0, 17) + (ZHANG.endsWith('0') ? '1' : '0');
    const error = await h.failure('customer.create', { name: '张三', idType: 'resident', idNumber: bad, phones: [] });
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors.idNumber).toMatch(/校验位/);
  });

  it('blocks the same ID document and offers the existing customer', async () => {
    const first = await register('张三', ZHANG, '13800138000');
    const error = await h.failure('customer.create', { name: '张叁', idType: 'resident', idNumber: ZHANG, phones: [] });
    expect(error.code).toBe('DUPLICATE_ID_DOCUMENT');
    expect(error.details.existingId).toBe(first.id);
    expect(error.fieldErrors.idNumber).toContain('张三');
  });

  it('warns on the same phone or name + phone, and saves once the user confirms', async () => {
    await register('张三', ZHANG, '13800138000');
    const warned = await h.failure('customer.create', {
      name: '张三',
      idType: 'resident',
      idNumber: LI,
      phones: [{ number: '138-0013-8000', isPrimary: true }],
    });
    expect(warned.code).toBe('DUPLICATE_WARNING');
    expect(warned.message).toContain('同名同电话');
    const report = await h.call('customer.checkDuplicates', {
      idType: 'resident',
      idNumber: LI,
      name: '李四',
      phones: ['13800138000'],
    });
    expect(report.sameDocument).toBeNull();
    expect(report.samePhone.map((b) => b.name)).toEqual(['张三']);
    await expect(register('李四', LI, '13800138000', { acknowledgeDuplicates: true })).resolves.toMatchObject({ name: '李四' });
  });

  it('registers a company by its 统一社会信用代码 and refuses a 身份证 for a company', async () => {
    const company = await h.call('customer.create', {
      kind: 'company',
      name: '福州某某科技有限公司',
      idType: 'creditCode',
      idNumber: '91350100M000100Y43',
      phones: [],
    });
    expect(company.kind).toBe('company');
    const wrong = await h.failure('customer.create', {
      kind: 'company',
      name: '某公司',
      idType: 'resident',
      idNumber: LI,
      phones: [],
    });
    expect(wrong.fieldErrors.idType).toBe('单位客户请使用统一社会信用代码');
  });

  it('registers family, vehicles and bank accounts with the customer in one step', async () => {
    const c = await register('张三', ZHANG, '13800138000', {
      family: [{ member: { name: '李四', idType: 'resident', idNumber: LI, phones: [{ number: '13900139000' }] } }],
      vehicles: [{ plate: '浙a·12345', model: '凯美瑞', color: '白' }, { plate: '浙AD12345' }],
      accounts: [{ bank: '中国工商银行', accountName: '张三', accountNumber: '6222 0212 3456 7890 123' }],
    });
    const view = await h.call('customer.view', { id: c.id });
    expect(view.family.map((f) => f.member.name)).toEqual(['李四']);
    expect(view.vehicles.map((v) => [v.plate, v.newEnergy])).toEqual([
      ['浙A12345', false],
      ['浙AD12345', true],
    ]);
    expect(view.accounts).toEqual([
      expect.objectContaining({
        bank: '中国工商银行',
        isPrimary: true,
        accountNumberMasked: expect.stringMatching(/^6222 .*0123$/),
      }),
    ]);
    expect(JSON.stringify(view)).not.toContain('6222021234567890123');
    const member = await h.call('search.omni', { query: '李四' });
    expect(member.customers.map((m) => m.name)).toEqual(['李四']);
    expect((await h.failure('customer.addVehicle', { customerId: c.id, plate: '浙A12345' })).code).toBe('DUPLICATE_CODE');
  });
});

describe('relations (客房关系)', () => {
  async function room(code = '1-1-0101') {
    await h.call('resource.generateBuilding', {
      projectId,
      plan: { buildingCode: '1', units: 1, floorsAbove: 3, roomsPerFloor: 2 },
    });
    const list = await h.call('resource.list', { projectId, kind: 'room', query: code });
    return list.items[0]!;
  }

  it('keeps one current owner group; a transfer ends it and history keeps it', async () => {
    const r = await room();
    const zhang = await register('张三', ZHANG, '13800138000');
    const li = await register('李四', LI, '13900139000');
    await h.call('relation.create', {
      customerId: zhang.id,
      resourceId: r.id,
      role: 'owner',
      share: 50,
      startDate: '2024-01-01',
    });
    await h.call('relation.create', { customerId: li.id, resourceId: r.id, role: 'coOwner', share: 50, startDate: '2024-01-01' });
    const second = await h.failure('relation.create', {
      customerId: li.id,
      resourceId: r.id,
      role: 'owner',
      startDate: '2024-06-01',
    });
    expect(second.code).toBe('OWNER_EXISTS');
    expect(second.message).toContain('张三');
    const tooMuch = await h.failure('relation.create', {
      customerId: li.id,
      resourceId: r.id,
      role: 'tenant',
      startDate: '2024-02-01',
      endDate: '2024-01-01',
    });
    expect(tooMuch.fieldErrors.endDate).toBe('结束日期不能早于开始日期');

    const wang = await register('王五', idCard('19700101', '135'), '13700137000');
    await h.call('relation.transferOwnership', {
      resourceId: r.id,
      effectiveOn: '2025-03-01',
      owners: [{ customerId: wang.id, role: 'owner' }],
    });
    const card = await h.call('resource.card', { id: r.id });
    expect(card.current.map((c) => [c.customerName, c.role])).toEqual([['王五', 'owner']]);
    expect(card.past.map((c) => [c.customerName, c.endDate])).toEqual([
      ['张三', '2025-03-01'],
      ['李四', '2025-03-01'],
    ]);
    const asOf2024 = await h.call('resource.card', { id: r.id, on: '2024-12-31' });
    expect(asOf2024.current.map((c) => c.customerName)).toEqual(['张三', '李四']);
  });

  it('refuses co-owner shares over 100%', async () => {
    const r = await room();
    const zhang = await register('张三', ZHANG, '13800138000');
    const li = await register('李四', LI, '13900139000');
    await h.call('relation.create', {
      customerId: zhang.id,
      resourceId: r.id,
      role: 'owner',
      share: 70,
      startDate: '2024-01-01',
    });
    const error = await h.failure('relation.create', {
      customerId: li.id,
      resourceId: r.id,
      role: 'coOwner',
      share: 50,
      startDate: '2024-01-01',
    });
    expect(error.code).toBe('RELATION_RULE');
    expect(error.message).toContain('100%');
  });

  it("moves current relations by the user's choice when a room is split, and insists on a choice for each", async () => {
    const r = await room();
    const zhang = await register('张三', ZHANG, '13800138000');
    const li = await register('李四', LI, '13900139000');
    const owner = await h.call('relation.create', {
      customerId: zhang.id,
      resourceId: r.id,
      role: 'owner',
      startDate: '2024-01-01',
    });
    const tenant = await h.call('relation.create', {
      customerId: li.id,
      resourceId: r.id,
      role: 'tenant',
      startDate: '2024-01-01',
    });
    const parts = [
      { code: '1-1-0101A', name: '101A' },
      { code: '1-1-0101B', name: '101B' },
    ];
    const undecided = await h.failure('resource.split', {
      id: r.id,
      effectiveOn: '2025-01-01',
      parts,
      relationMoves: [{ relationId: owner.id, toPart: 0 }],
    });
    expect(undecided.message).toContain('李四');
    const { created } = await h.call('resource.split', {
      id: r.id,
      effectiveOn: '2025-01-01',
      parts,
      relationMoves: [
        { relationId: owner.id, toPart: 0 },
        { relationId: tenant.id, toPart: null },
      ],
    });
    const a = await h.call('resource.card', { id: created[0]!.id });
    expect(a.current.map((c) => [c.customerName, c.role, c.startDate])).toEqual([['张三', 'owner', '2025-01-01']]);
    const old = await h.call('resource.card', { id: r.id, on: '2024-06-01' });
    expect(old.current.map((c) => c.customerName)).toEqual(['张三', '李四']);
    const view = await h.call('customer.view', { id: zhang.id });
    expect(view.relations.map((rel) => [rel.resource.code, rel.current])).toEqual([
      ['1-1-0101', false],
      ['1-1-0101A', true],
    ]);
  });
});

describe('merging customers', () => {
  it('carries every relation and record to the survivor, shows in history, and can be undone', async () => {
    await h.call('resource.generateBuilding', {
      projectId,
      plan: { buildingCode: '1', units: 1, floorsAbove: 2, roomsPerFloor: 1 },
    });
    const r = (await h.call('resource.list', { projectId, kind: 'room' })).items[0]!;
    const keep = await register('张三', ZHANG, '13800138000');
    const dup = await h.call('customer.create', {
      name: '张三',
      idType: 'passport',
      idNumber: 'E12345678',
      phones: [{ number: '13800138000' }, { number: '13600136000' }],
      vehicles: [{ plate: '浙A88888' }],
      acknowledgeDuplicates: true,
    });
    await h.call('relation.create', { customerId: dup.id, resourceId: r.id, role: 'owner', startDate: '2024-01-01' });

    const { mergeId } = await h.call('customer.merge', { survivorId: keep.id, mergedId: dup.id });
    const view = await h.call('customer.view', { id: keep.id });
    expect(view.phones.map((p) => p.number).sort()).toEqual(['13600136000', '13800138000']);
    expect(view.vehicles.map((v) => v.plate)).toEqual(['浙A88888']);
    expect(view.relations.map((rel) => rel.resource.id)).toEqual([r.id]);
    expect(view.mergedFrom).toEqual([expect.objectContaining({ mergeId, mergedId: dup.id, undone: false })]);
    expect(view.history.some((e) => e.entity === 'customerMerge')).toBe(true);
    expect((await h.failure('customer.view', { id: dup.id })).details.survivorId).toBe(keep.id);
    expect((await h.call('search.omni', { query: 'E12345678' })).customers).toEqual([]);

    await h.call('customer.undoMerge', { mergeId });
    const back = await h.call('customer.view', { id: dup.id });
    expect(back.phones.map((p) => p.number).sort()).toEqual(['13600136000', '13800138000']);
    expect(back.relations.map((rel) => rel.resource.id)).toEqual([r.id]);
    expect((await h.call('customer.view', { id: keep.id })).phones.map((p) => p.number)).toEqual(['13800138000']);
  });
});

describe('全能搜索', () => {
  beforeEach(async () => {
    await register('张三', ZHANG, '13800138000', { vehicles: [{ plate: '浙A12345' }] });
    await register('单田芳', idCard('19340612', '111'), '13912345678');
    await register('曾国藩', idCard('19111126', '131'), '13812348888');
    await register('欧阳娜娜', idCard('20000615', '242'), '13512340000');
    await h.call('resource.generateBuilding', {
      projectId,
      plan: { buildingCode: '2', units: 1, floorsAbove: 3, roomsPerFloor: 2 },
    });
  });
  const names = async (query: string) => (await h.call('search.omni', { query })).customers.map((c) => c.name);

  it('finds two-character names, parts of names and pinyin initials with surname readings', async () => {
    expect(await names('张三')).toEqual(['张三']);
    expect(await names('阳娜娜')).toEqual(['欧阳娜娜']);
    expect(await names('娜娜')).toEqual(['欧阳娜娜']);
    expect(await names('zs')).toEqual(['张三']);
    expect(await names('stf')).toEqual(['单田芳']);
    expect(await names('zgf')).toEqual(['曾国藩']);
    expect(await names('zhangs')).toEqual(['张三']);
  });

  it('finds by the last 4+ digits of a phone or ID number', async () => {
    expect(await names('8000')).toEqual(['张三']);
    expect((await names('8888'))[0]).toBe('曾国藩');
    expect(await names(ZHANG.slice(-6))).toEqual(['张三']);
  });

  it('finds plates and room codes in the forms staff type them', async () => {
    const byPlate = await h.call('search.omni', { query: '浙a12345' });
    expect(byPlate.vehicles.map((v) => [v.plate, v.customerName])).toEqual([['浙A12345', '张三']]);
    expect((await h.call('search.omni', { query: '12345' })).vehicles.map((v) => v.plate)).toEqual(['浙A12345']);
    for (const q of ['2-1-0301', '2栋301', '2号楼1单元301']) {
      const found = await h.call('search.omni', { query: q });
      expect(
        found.resources.map((r) => r.code),
        q,
      ).toEqual(['2-1-0301']);
    }
  });
});

describe('owner groups registered one relation at a time', () => {
  it('accepts a three-way split as the co-owners arrive, and refuses a total over 100%', async () => {
    await h.call('resource.generateBuilding', {
      projectId,
      plan: { buildingCode: '3', units: 1, floorsAbove: 1, roomsPerFloor: 1 },
    });
    const r = (await h.call('resource.list', { projectId, kind: 'room' })).items[0]!;
    const [a, b, c] = [
      await register('甲', idCard('19800101', '111'), '13000000001'),
      await register('乙', idCard('19800102', '113'), '13000000002'),
      await register('丙', idCard('19800103', '115'), '13000000003'),
    ];
    await h.call('relation.create', { customerId: a.id, resourceId: r.id, role: 'owner', share: 34, startDate: '2024-01-01' });
    await h.call('relation.create', { customerId: b.id, resourceId: r.id, role: 'coOwner', share: 33, startDate: '2024-01-01' });
    await h.call('relation.create', { customerId: c.id, resourceId: r.id, role: 'coOwner', share: 33, startDate: '2024-01-01' });
    expect((await h.call('resource.card', { id: r.id })).current).toHaveLength(3);
    const transfer = await h.failure('relation.transferOwnership', {
      resourceId: r.id,
      effectiveOn: '2025-01-01',
      owners: [
        { customerId: a.id, role: 'owner', share: 50 },
        { customerId: b.id, role: 'coOwner', share: 30 },
      ],
    });
    expect(transfer.message).toContain('应为100%');
  });
});
