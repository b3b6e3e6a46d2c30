import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHost, withProject, type TempHost } from '../../testing/temp-host.js';
import { badCheckDigit, idCard, xlsxBase64, type CellIn } from './testing/xlsx.js';

let h: TempHost;
let projectId: string;
const ZHANG = idCard('19850312', '123');
const LI = idCard('19900705', '246');
const WANG = idCard('19800101', '135');
const ZHAO = idCard('19700202', '159');
const NOBODY = idCard('19990909', '999');

let room: (code: string) => Promise<string>;
let zhaoId: string;

beforeEach(async () => {
  h = tempHost();
  ({ projectId } = await withProject(h));
  await h.call('resource.generateBuilding', {
    projectId,
    plan: { buildingCode: '1', units: 2, floorsAbove: 6, roomsPerFloor: 2, skipFloors: [4] },
  });
  room = async (code) => (await h.call('resource.list', { projectId, query: code })).items.find((r) => r.code === code)!.id;
  for (const [name, idNumber] of [
    ['张三', ZHANG],
    ['李四', LI],
    ['王五', WANG],
  ] as const) {
    await h.call('customer.create', { name, idType: 'resident', idNumber });
  }
  zhaoId = (await h.call('customer.create', { name: '赵六', idType: 'resident', idNumber: ZHAO })).id;
  await h.call('relation.create', {
    customerId: zhaoId,
    resourceId: await room('1-1-0201'),
    role: 'owner',
    startDate: '2020-01-01',
  });
});
afterEach(() => h.dispose());

const HEADERS = ['证件类型', '证件号码', '房号', '关系', '份额', '开始日期', '结束日期', '备注'];
const rows: CellIn[][] = [
  HEADERS,
  // The co-owner comes before the owner: the group's rules are checked on the group.
  ['', LI, '1-1-0101', '共有人', '40%', new Date(Date.UTC(2024, 0, 1))],
  ['居民身份证', ZHANG, '1-1-0101', '业主', 60, '2024-01-01'],
  ['', WANG, '1-1-0102', '租客', '', '2024/3/1', '2099-02-28', '租期一年'],
  ['', WANG, '1-9-0101', '租客', '', '2024-03-01'],
  ['', NOBODY, '1-1-0102', '住户', '', '2024-03-01'],
  ['', ZHANG, '1-1-0201', '业主', '', '2024-05-01'],
  ['', ZHANG, '1-1-0202', '业主', '', '2024-13-01'],
  ['', LI, '1-1-0202', '亲戚', '', '2024-01-01'],
  ['', WANG, '1-1-0301', '业主', 70, '2024-01-01'],
  ['', ZHAO, '1-1-0301', '共有人', 20, '2024-01-01'],
  ['', WANG, '1-1-0302', '租客', '', '2024-03-01', '2024-01-01'],
  ['', badCheckDigit(LI), '1-1-0302', '住户', '', '2024-03-01'],
];

async function open() {
  return h.call('import.open', {
    kind: 'relations',
    projectId,
    fileName: '客房关系.xlsx',
    fileBase64: await xlsxBase64({ 关系: rows }),
  });
}

describe('relation import', () => {
  it('finds customers by document and rooms by code, checks owner groups as a whole, and writes them', async () => {
    const opened = await open();
    expect(opened.suggestedMapping).toEqual({
      idType: 0,
      idNumber: 1,
      resourceCode: 2,
      role: 3,
      share: 4,
      startDate: 5,
      endDate: 6,
      remark: 7,
    });
    expect(opened.sampleRows[0]?.[5]).toBe('2024-01-01');
    const dry = await h.call('import.dryRun', { fileId: opened.fileId, mapping: opened.suggestedMapping });
    expect(dry).toMatchObject({ total: 12, valid: 3 });
    const reasons = Object.fromEntries(dry.rejected.map((r) => [r.row, r.reasons.join(' | ')]));
    expect(reasons).toEqual({
      5: '房号“1-9-0101”不存在',
      6: `证件号码“${NOBODY}”未登记为客户，请先登记或导入客户`,
      7: '该房产已有业主“赵六”（2020-01-01起），请先办理过户或结束现有业主关系',
      8: '开始日期“2024-13-01”不是有效日期，应写成 2024-01-31 这样的格式',
      9: '关系“亲戚”无效，应为业主、共有人、租客、住户、家属、紧急联系人之一',
      10: '房号“1-1-0301”的关系不符合规则：业主与共有人的份额合计应为100%，现为90%',
      11: '房号“1-1-0301”的关系不符合规则：业主与共有人的份额合计应为100%，现为90%',
      12: '结束日期不能早于开始日期',
      13: expect.stringMatching(/^证件号码：身份证号校验位不正确/),
    });

    expect(await h.call('import.commit', { fileId: opened.fileId, mapping: opened.suggestedMapping })).toEqual({
      imported: 3,
      rejected: 9,
    });
    const card = await h.call('resource.card', { id: await room('1-1-0101') });
    expect(card.current.map((r) => [r.customerName, r.role, r.share, r.startDate])).toEqual(
      expect.arrayContaining([
        ['张三', 'owner', 60, '2024-01-01'],
        ['李四', 'coOwner', 40, '2024-01-01'],
      ]),
    );
    const tenant = await h.call('resource.card', { id: await room('1-1-0102') });
    expect(tenant.current).toEqual([
      expect.objectContaining({
        customerName: '王五',
        role: 'tenant',
        startDate: '2024-03-01',
        endDate: '2099-02-28',
        remark: '租期一年',
      }),
    ]);
  });

  it('allOrNothing writes no relation', async () => {
    const opened = await open();
    const error = await h.failure('import.commit', {
      fileId: opened.fileId,
      mapping: opened.suggestedMapping,
      mode: 'allOrNothing',
    });
    expect(error.code).toBe('VALIDATION');
    expect((await h.call('resource.card', { id: await room('1-1-0101') })).current).toEqual([]);
  });
});
