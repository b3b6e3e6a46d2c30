import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHost, withProject, type TempHost } from '../../testing/temp-host.js';
import { readXlsx, sheetText, xlsxBase64, type CellIn } from './testing/xlsx.js';

let h: TempHost;
let projectId: string;
beforeEach(async () => {
  h = tempHost();
  ({ projectId } = await withProject(h));
  await h.call('resource.generateBuilding', {
    projectId,
    plan: { buildingCode: '1', units: 2, floorsAbove: 6, roomsPerFloor: 2, skipFloors: [4] },
  });
});
afterEach(() => h.dispose());

async function open(kind: 'resources' | 'resourceAreas', rows: CellIn[][]) {
  return h.call('import.open', { kind, projectId, fileName: '房产.xlsx', fileBase64: await xlsxBase64({ 房产: rows }) });
}

const find = async (code: string) =>
  (await h.call('resource.list', { projectId, query: code })).items.find((r) => r.code === code);

describe('resource import', () => {
  const HEADERS = [
    '编码',
    '名称',
    '类型',
    '上级编码',
    '楼层',
    '建筑面积(㎡)',
    '套内面积',
    '户型',
    '朝向',
    '用途',
    '状态',
    '分区',
  ];
  const rows: CellIn[][] = [
    HEADERS,
    // A room listed before its floor, unit and building: parents are written first anyway.
    ['2-1-0101', '0101', '房间', '2-1-F01', 1, 89.5, 72.13, '三室两厅', '南', '住宅', '未售', ''],
    ['2', '2号楼', '楼栋'],
    ['2-1', '1单元', '单元', '2'],
    ['2-1-F01', '1层', '楼层', '2-1', 1],
    ['2-1-0102', '0102', '房间', '2-1-F01', 1, 80, 90],
    ['2-1-0103', '0103', '房间', '2-9-F01'],
    ['1-1-0101', '重复', '房间', '1-1-F01'],
    ['2-1-0104', '0104', '别墅', '2-1-F01'],
    ['2-1-0101', '另一个', '房间', '2-1-F01'],
    ['2-1-0105', '0105', '', '2-1-0102'],
    ['b1-001', 'B1-001车位', '车位', '', '', '12.5㎡', '', '', '', '车位', '空置', 'A区'],
    ['2-1-0106', '0106', '房间', '2-1-F01', '三层'],
  ];

  it('suggests 编码 and 上级编码 apart, validates with the form rules and writes the tree parents first', async () => {
    const opened = await open('resources', rows);
    expect(opened.suggestedMapping).toMatchObject({
      code: 0,
      name: 1,
      kind: 2,
      parentCode: 3,
      floorNo: 4,
      buildArea: 5,
      zone: 11,
    });
    const dry = await h.call('import.dryRun', { fileId: opened.fileId, mapping: opened.suggestedMapping });
    expect(dry).toMatchObject({ total: 12, valid: 5 });
    expect(Object.fromEntries(dry.rejected.map((r) => [r.row, r.reasons.join(' | ')]))).toEqual({
      6: '套内面积不能大于建筑面积',
      7: '上级编码“2-9-F01”不存在',
      8: '编码“1-1-0101”已被使用',
      9: '类型“别墅”无效，应为楼栋、单元、楼层、房间、车位、商铺、公区、其他之一',
      10: '与第2行的编码重复',
      11: '上级编码“2-1-0102”所在的第6行有错误',
      13: '楼层“三层”不是数字',
    });

    expect(await h.call('import.commit', { fileId: opened.fileId, mapping: opened.suggestedMapping })).toEqual({
      imported: 5,
      rejected: 7,
    });
    const room = await find('2-1-0101');
    expect(room).toMatchObject({
      kind: 'room',
      buildArea: 89.5,
      innerArea: 72.13,
      houseType: '三室两厅',
      use: 'residential',
      status: 'unsold',
    });
    const card = await h.call('resource.card', { id: room!.id });
    expect(card.path.map((p) => [p.kind, p.code])).toEqual([
      ['building', '2'],
      ['unit', '2-1'],
      ['floor', '2-1-F01'],
    ]);
    expect(await find('B1-001')).toMatchObject({
      kind: 'parking',
      buildArea: 12.5,
      use: 'parking',
      status: 'vacant',
      zone: 'A区',
      path: '/',
    });
  });

  it('allOrNothing leaves the project as it was', async () => {
    const opened = await open('resources', rows);
    const before = (await h.call('resource.list', { projectId })).total;
    const error = await h.failure('import.commit', {
      fileId: opened.fileId,
      mapping: opened.suggestedMapping,
      mode: 'allOrNothing',
    });
    expect(error.code).toBe('VALIDATION');
    expect((await h.call('resource.list', { projectId })).total).toBe(before);
  });

  it('needs a project the operator may see', async () => {
    const error = await h.failure('import.open', {
      kind: 'resources',
      fileName: 'x.xlsx',
      fileBase64: await xlsxBase64({ a: rows }),
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors.projectId).toBe('请选择项目');
  });
});

describe('area import (update existing rooms)', () => {
  const rows: CellIn[][] = [
    ['房号', '建筑面积', '套内面积', '户型'],
    ['1-1-0101', 89.5, 72.13, '三室两厅'],
    ['1-1-0102', '', '', '两室一厅'],
    ['1-2-0901', 100, 80],
    ['1-1-0201', 60, 70],
    ['1-1-0101', 90],
    ['1-1-F01', 100],
    ['1-1-0202', 'abc'],
    ['1-1-0301', '', '', ''],
  ];

  it('updates areas and 户型 by room code, leaving blank cells as they were', async () => {
    await h.call('resource.bulkEdit', { ids: [(await find('1-1-0102'))!.id], buildArea: 70, innerArea: 60 });
    const opened = await open('resourceAreas', rows);
    expect(opened.suggestedMapping).toEqual({ code: 0, buildArea: 1, innerArea: 2, houseType: 3 });
    const dry = await h.call('import.dryRun', { fileId: opened.fileId, mapping: opened.suggestedMapping });
    expect(Object.fromEntries(dry.rejected.map((r) => [r.row, r.reasons.join(' | ')]))).toEqual({
      4: '房号“1-2-0901”不存在',
      5: '套内面积不能大于建筑面积',
      6: '与第2行的房号重复',
      7: '“1-1-F01”不是房间、车位或商铺，不能导入面积',
      8: '建筑面积“abc”不是数字',
      9: '建筑面积、套内面积和户型都是空的，没有可更新的内容',
    });
    expect(await h.call('import.commit', { fileId: opened.fileId, mapping: opened.suggestedMapping })).toEqual({
      imported: 2,
      rejected: 6,
    });
    expect(await find('1-1-0101')).toMatchObject({ buildArea: 89.5, innerArea: 72.13, houseType: '三室两厅' });
    expect(await find('1-1-0102')).toMatchObject({ buildArea: 70, innerArea: 60, houseType: '两室一厅' });
    expect(await find('1-1-0201')).toMatchObject({ buildArea: null, innerArea: null });

    const file = await h.call('import.rejectedWorkbook', { fileId: opened.fileId, mapping: opened.suggestedMapping });
    const back = sheetText(await readXlsx(file.base64));
    expect(back[0]).toEqual(['房号', '建筑面积', '套内面积', '户型', '错误原因']);
    expect(back.slice(1).map((r) => [r[0], r[4]])).toEqual([
      ['1-2-0901', '房号“1-2-0901”不存在'],
      ['1-1-0201', '套内面积不能大于建筑面积'],
      ['1-1-0101', '与第2行的房号重复'],
      ['1-1-F01', '“1-1-F01”不是房间、车位或商铺，不能导入面积'],
      ['1-1-0202', '建筑面积“abc”不是数字'],
      ['1-1-0301', '建筑面积、套内面积和户型都是空的，没有可更新的内容'],
    ]);
  });

  it('asks for at least one column to update', async () => {
    const opened = await open('resourceAreas', rows);
    const error = await h.failure('import.dryRun', { fileId: opened.fileId, mapping: { code: 0 } });
    expect(error.message).toBe('请至少为建筑面积、套内面积、户型中的一项选择对应的列');
  });
});
