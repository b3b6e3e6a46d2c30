import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHost, withProject, type TempHost } from '../../testing/temp-host.js';
import { idCard, readXlsx, sheetText } from './testing/xlsx.js';

let h: TempHost;
let projectId: string;
const ZHANG = idCard('19850312', '123');
const LI = idCard('19900705', '246');

beforeEach(async () => {
  h = tempHost();
  ({ projectId } = await withProject(h));
});
afterEach(() => h.dispose());

async function exported(input: Parameters<typeof h.call<'export.list'>>[1]) {
  const file = await h.call('export.list', input);
  expect(file.fileName).toMatch(/_\d{8}-\d{4}\.xlsx$/);
  const workbook = await readXlsx(file.base64);
  const sheet = workbook.worksheets[0]!;
  return { file, sheet, rows: sheetText(workbook) };
}

describe('export.list', () => {
  it('exports the customer list with its filter, Chinese values, masked numbers, bold frozen header and widths', async () => {
    await h.call('customer.create', {
      name: '张三',
      idType: 'resident',
      idNumber: ZHANG,
      phones: [{ number: '13800138000' }, { number: '010-12345678' }],
    });
    await h.call('customer.create', { name: '李四', idType: 'resident', idNumber: LI });
    await h.call('customer.create', {
      kind: 'company',
      name: '福州某某科技有限公司',
      idType: 'creditCode',
      idNumber: '91350100M000100Y43',
    });

    const all = await exported({ view: 'customers', filters: {} });
    expect(all.file.fileName).toMatch(/^客户列表_/);
    expect(all.rows[0]).toEqual(['客户名称', '客户类型', '证件类型', '证件号码', '电话', '更新时间']);
    expect(all.rows).toHaveLength(4);
    expect(all.sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(all.sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(all.sheet.getColumn(1).width).toBeGreaterThanOrEqual(8);
    const company = all.rows.find((r) => r[0] === '福州某某科技有限公司');
    expect(company?.slice(1, 3)).toEqual(['单位', '统一社会信用代码']);

    const filtered = await exported({ view: 'customers', filters: { query: '张三' } });
    expect(filtered.rows.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ['张三', '个人', '居民身份证', `330106${'*'.repeat(8)}${ZHANG.slice(-4)}`, '13800138000、01012345678'],
    ]);
    expect(filtered.rows[1]?.[5]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('exports every resource under the list filters, with parent codes and readable kinds and statuses', async () => {
    await h.call('resource.generateBuilding', {
      projectId,
      plan: { buildingCode: '1', units: 2, floorsAbove: 6, roomsPerFloor: 2, skipFloors: [4] },
    });
    const id = (await h.call('resource.list', { projectId, query: '1-1-0101' })).items[0]!.id;
    await h.call('resource.bulkEdit', { ids: [id], buildArea: 89.5, innerArea: 72.13, houseType: '三室两厅', status: 'sold' });

    const rooms = await exported({ view: 'resources', filters: { projectId, kind: 'room' } });
    expect(rooms.rows[0]).toEqual([
      '编码',
      '名称',
      '类型',
      '上级编码',
      '楼层',
      '建筑面积',
      '套内面积',
      '户型',
      '朝向',
      '用途',
      '状态',
      '分区',
    ]);
    expect(rooms.rows).toHaveLength(1 + 2 * 6 * 2);
    const first = rooms.rows.find((r) => r[0] === '1-1-0101');
    expect(first?.slice(2, 8)).toEqual(['房间', '1-1-F01', '1', '89.5', '72.13', '三室两厅']);
    expect(first?.[9]).toBe('住宅');
    expect(first?.[10]).toBe('已售');
    // Areas stay numbers in the file, so Excel can sum them.
    const cell = rooms.sheet.getRow(rooms.rows.indexOf(first!) + 1).getCell(6);
    expect(cell.value).toBe(89.5);

    const sold = await exported({ view: 'resources', filters: { projectId, status: 'sold' } });
    expect(sold.rows.slice(1).map((r) => r[0])).toEqual(['1-1-0101']);
    const hidden = await h.failure('export.list', {
      view: 'resources',
      filters: { projectId: '0190a5f0-0000-7000-8000-000000000000' },
    });
    expect(hidden.code).toBe('PROJECT_NOT_VISIBLE');
  });

  it('exports a dictionary with 是/否 for 失效', async () => {
    const a = await h.call('dict.create', { typeCode: 'customerSource', name: '自然来访', remark: '到访' });
    await h.call('dict.create', { typeCode: 'customerSource', name: '电话咨询' });
    await h.call('dict.setInvalid', { ids: [a.id], invalid: true });
    const all = await exported({ view: 'dictItems', filters: { typeCode: 'customerSource' } });
    expect(all.file.fileName).toMatch(/^基础数据-客户来源_/);
    expect(all.rows).toEqual([
      ['序号', '名称', '备注', '失效', '更新时间'],
      ['1', '自然来访', '到访', '是', expect.any(String)],
      ['2', '电话咨询', '', '否', expect.any(String)],
    ]);
    const valid = await exported({ view: 'dictItems', filters: { typeCode: 'customerSource', invalid: 'no' } });
    expect(valid.rows.slice(1).map((r) => r[1])).toEqual(['电话咨询']);
  });

  it('exports current relations with roles in Chinese, in the columns the relation import reads', async () => {
    await h.call('resource.generateBuilding', {
      projectId,
      plan: { buildingCode: '1', units: 1, floorsAbove: 2, roomsPerFloor: 2 },
    });
    const room = (await h.call('resource.list', { projectId, query: '1-1-0101' })).items[0]!;
    const zhang = await h.call('customer.create', { name: '张三', idType: 'resident', idNumber: ZHANG });
    const li = await h.call('customer.create', { name: '李四', idType: 'resident', idNumber: LI });
    await h.call('relation.create', {
      customerId: zhang.id,
      resourceId: room.id,
      role: 'owner',
      share: 50,
      startDate: '2024-01-01',
    });
    await h.call('relation.create', {
      customerId: li.id,
      resourceId: room.id,
      role: 'coOwner',
      share: 50,
      startDate: '2024-01-01',
    });

    const out = await exported({ view: 'relations', filters: { projectId } });
    expect(out.rows[0]).toEqual([
      '房号',
      '房产名称',
      '客户名称',
      '证件类型',
      '证件号码',
      '关系',
      '份额',
      '开始日期',
      '结束日期',
      '备注',
    ]);
    expect(out.rows.slice(1).map((r) => [r[0], r[2], r[3], r[5], r[6], r[7]])).toEqual([
      ['1-1-0101', '张三', '居民身份证', '业主', '50', '2024-01-01'],
      ['1-1-0101', '李四', '居民身份证', '共有人', '50', '2024-01-01'],
    ]);
    const owners = await exported({ view: 'relations', filters: { projectId, role: 'coOwner' } });
    expect(owners.rows.slice(1).map((r) => r[2])).toEqual(['李四']);
  });
});
