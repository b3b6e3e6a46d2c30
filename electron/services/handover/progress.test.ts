import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cellText } from '../excel/workbook.js';
import { readXlsx } from '../excel/testing/xlsx.js';
import { tempHost, type TempHost } from '../../testing/temp-host.js';
import { batchOf, dayFrom, handoverSite, readyToAccept, roomId, type Site } from './testing/site.js';

/**
 * 交付进度 and the defect export through the real dispatcher: two batches over two buildings,
 * rooms appointed, inspected, received with defects, received, refused; defects open, closed
 * and past their due date.
 */
let h: TempHost;
let site: Site;
let ids: { a: string; b: string; r1: string; r2: string; r3: string; r10: string; d1: string; d2: string; d3: string };
beforeEach(async () => {
  h = tempHost();
  site = await handoverSite(h);
  ids = await scenario();
});
afterEach(() => h.dispose());

const ZERO = { rooms: 0, appointed: 0, inspected: 0, accepted: 0, acceptedWithDefects: 0, refused: 0, openDefects: 0 };

async function ownerInspection(resourceId: string, handoverId: string) {
  await h.call('handover.setBuyers', { id: handoverId, buyers: [{ customerId: site.buyer, role: 'owner', share: null }] });
  const view = await h.call('inspection.start', { resourceId, kind: 'owner', handoverId, customerId: site.buyer });
  return view;
}

async function scenario() {
  const { buildingId: tower10 } = await h.call('resource.generateBuilding', {
    projectId: site.projectId,
    plan: { buildingCode: '10', units: 1, floorsAbove: 1, roomsPerFloor: 2 },
  });
  const rooms10 = await h.call('resource.list', { projectId: site.projectId, underId: tower10, kind: 'room', pageSize: 10 });
  const r10 = rooms10.items[0]!.id;
  const r1 = roomId(site, '9-1-0101');
  const r2 = roomId(site, '9-1-0102');
  const r3 = roomId(site, '9-2-0101');
  const crack = await h.call('dict.create', { typeCode: 'defectCategory', name: '墙面开裂' });

  const a = await batchOf(h, [r1, r2, r10], '第一批');
  const b = await batchOf(h, [r3], '第二批');

  // 9-1-0101: booked, inspected, two defects (one past its due date, one closed), 带缺陷收楼.
  const h1 = a.handovers.get(r1)!;
  await h.call('handover.setBuyers', { id: h1, buyers: [{ customerId: site.buyer, role: 'owner', share: null }] });
  await h.call('appointment.book', { handoverId: h1, customerId: site.buyer, date: dayFrom(0), slot: '09:00-10:00', remark: '' });
  const v1 = await h.call('inspection.start', { resourceId: r1, kind: 'owner', handoverId: h1, customerId: site.buyer });
  await h.call('inspection.setItem', { id: v1.items[0]!.id, result: 'fail' });
  const defect = (contractor: string, dueDate: string, categoryId: string | null, inspectionId: string, area: string) =>
    h.call('defect.create', {
      inspectionId,
      area,
      description: `${area}墙面开裂`,
      severity: 'minor',
      contractor,
      dueDate,
      categoryId,
      pin: null,
    });
  const d1 = await defect('总包一标段', dayFrom(-1), crack.id, v1.inspection.id, '入户门');
  const d2 = await defect('总包一标段', dayFrom(10), crack.id, v1.inspection.id, '客厅');
  await readyToAccept(h, v1.inspection.id);
  await h.call('inspection.complete', {
    inspectionId: v1.inspection.id,
    outcome: 'acceptedWithDefects',
    outcomeOn: dayFrom(0),
    refusalReason: '',
  });
  for (const action of ['start', 'submit', 'pass'] as const)
    await h.call('defect.act', { id: d2.id, action, note: '', photos: [] });

  // 9-1-0102: booked, then cancelled: neither appointed nor inspected.
  const h2 = a.handovers.get(r2)!;
  await h.call('handover.setBuyers', { id: h2, buyers: [{ customerId: site.buyer, role: 'owner', share: null }] });
  const booked = await h.call('appointment.book', {
    handoverId: h2,
    customerId: site.buyer,
    date: dayFrom(1),
    slot: '10:00-11:00',
    remark: '',
  });
  await h.call('appointment.setStatus', { id: booked.id, status: 'cancelled' });

  // 10号楼 first room: refused with a defect of no category, due later.
  const v10 = await ownerInspection(r10, a.handovers.get(r10)!);
  const d3 = await defect('精装二标段', dayFrom(20), null, v10.inspection.id, '卫生间');
  await readyToAccept(h, v10.inspection.id, ['staff']);
  await h.call('inspection.complete', {
    inspectionId: v10.inspection.id,
    outcome: 'refused',
    outcomeOn: dayFrom(0),
    refusalReason: '卫生间渗漏',
  });

  // 9-2-0101 in the second batch: received without defects.
  const v3 = await ownerInspection(r3, b.handovers.get(r3)!);
  await readyToAccept(h, v3.inspection.id);
  await h.call('inspection.complete', {
    inspectionId: v3.inspection.id,
    outcome: 'accepted',
    outcomeOn: dayFrom(0),
    refusalReason: '',
  });

  return { a: a.batchId, b: b.batchId, r1, r2, r3, r10, d1: d1.id, d2: d2.id, d3: d3.id };
}

describe('交付进度', () => {
  it('counts the rooms of the current project by batch and by building, and its defects by category and contractor', async () => {
    const view = await h.call('handover.progress', {});
    expect(view.totals).toEqual({
      rooms: 4,
      appointed: 1,
      inspected: 3,
      accepted: 1,
      acceptedWithDefects: 1,
      refused: 1,
      openDefects: 2,
    });
    expect(view.byBatch).toEqual([
      {
        batchId: ids.a,
        name: '第一批',
        rooms: 3,
        appointed: 1,
        inspected: 2,
        accepted: 0,
        acceptedWithDefects: 1,
        refused: 1,
        openDefects: 2,
      },
      {
        batchId: ids.b,
        name: '第二批',
        rooms: 1,
        appointed: 0,
        inspected: 1,
        accepted: 1,
        acceptedWithDefects: 0,
        refused: 0,
        openDefects: 0,
      },
    ]);
    expect(view.byBuilding).toEqual([
      {
        ...ZERO,
        buildingId: site.buildingId,
        name: '9号楼',
        rooms: 3,
        appointed: 1,
        inspected: 2,
        accepted: 1,
        acceptedWithDefects: 1,
        openDefects: 1,
      },
      { ...ZERO, buildingId: expect.any(String), name: '10号楼', rooms: 1, inspected: 1, refused: 1, openDefects: 1 },
    ]);
    expect(view.defectsByCategory).toEqual([
      { name: '墙面开裂', open: 1, closed: 1 },
      { name: '未分类', open: 1, closed: 0 },
    ]);
    // 超期 as defectAge has it: past its due date.
    expect(view.defectsByContractor).toEqual([
      { name: '总包一标段', open: 1, closed: 1, overdue: 1 },
      { name: '精装二标段', open: 1, closed: 0, overdue: 0 },
    ]);

    const second = await h.call('handover.progress', { batchId: ids.b });
    expect(second.totals).toEqual({ ...ZERO, rooms: 1, inspected: 1, accepted: 1 });
    expect(second.byBatch.map((b) => b.name)).toEqual(['第二批']);
    expect(second.defectsByCategory).toEqual([]);
  });

  it('keeps to the current project', async () => {
    const other = await h.call('org.createProject', {
      regionId: (await h.call('org.regions', {}))[0]!.id,
      code: 'P02',
      name: '西溪里',
      city: '杭州',
    });
    await h.call('session.setProject', { projectId: other.id });
    const view = await h.call('handover.progress', {});
    expect(view).toEqual({ totals: ZERO, byBatch: [], byBuilding: [], defectsByCategory: [], defectsByContractor: [] });
    const file = await readXlsx((await h.call('defect.export', { openOnly: false, overdueOnly: false })).dataBase64);
    expect(file.worksheets[0]!.actualRowCount).toBe(1);
  });

  it('exports the figures as a workbook of four sheets: 按批次, 按楼栋, 缺陷分类, 责任单位', async () => {
    const file = await h.call('handover.progressExport', {});
    expect(file.fileName).toMatch(/^交付进度_\d{8}-\d{4}\.xlsx$/);
    const book = await readXlsx(file.dataBase64);
    expect(book.worksheets.map((s) => s.name)).toEqual(['按批次', '按楼栋', '缺陷分类', '责任单位']);
    const rows = (name: string) => {
      const out: string[][] = [];
      book.getWorksheet(name)!.eachRow((row) => {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          cells[col - 1] = cellText(cell).text;
        });
        out.push(cells);
      });
      return out;
    };
    const counts = ['房间数', '已预约', '已验房', '已收楼', '带缺陷收楼', '拒收', '未关闭缺陷', '收楼率(%)'];
    expect(rows('按批次')).toEqual([
      ['交付批次', ...counts],
      ['第一批', '3', '1', '2', '0', '1', '1', '2', '33.3'],
      ['第二批', '1', '0', '1', '1', '0', '0', '0', '100'],
      ['合计', '4', '1', '3', '1', '1', '1', '2', '50'],
    ]);
    expect(rows('按楼栋')).toEqual([
      ['楼栋', ...counts],
      ['9号楼', '3', '1', '2', '1', '1', '0', '1', '66.7'],
      ['10号楼', '1', '0', '1', '0', '0', '1', '1', '0'],
      ['合计', '4', '1', '3', '1', '1', '1', '2', '50'],
    ]);
    expect(rows('缺陷分类')).toEqual([
      ['缺陷类别', '未关闭', '已关闭', '合计'],
      ['墙面开裂', '1', '1', '2'],
      ['未分类', '1', '0', '1'],
    ]);
    expect(rows('责任单位')).toEqual([
      ['责任单位', '未关闭', '已关闭', '超期'],
      ['总包一标段', '1', '1', '1'],
      ['精装二标段', '1', '0', '0'],
    ]);
    // The numbers are numbers, for the office's own charts.
    expect(book.getWorksheet('按批次')!.getCell('B2').value).toBe(3);

    const one = await h.call('handover.progressExport', { batchId: ids.a });
    expect(one.fileName).toMatch(/^交付进度_第一批_\d{8}-\d{4}\.xlsx$/);
  });

  it('exports the defect list under its filters: room, area, category, description, severity, contractor, due date, status, age, 超期', async () => {
    const all = await h.call('defect.export', { openOnly: false, overdueOnly: false });
    expect(all.fileName).toMatch(/^缺陷清单_\d{8}-\d{4}\.xlsx$/);
    const book = await readXlsx(all.dataBase64);
    expect(book.worksheets.map((s) => s.name)).toEqual(['缺陷清单']);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '房号',
      '交付批次',
      '部位',
      '缺陷类别',
      '缺陷描述',
      '严重程度',
      '责任单位',
      '整改期限',
      '状态',
      '发现日期',
      '已开天数',
      '超期',
    ]);
    expect(sheet.actualRowCount).toBe(4);
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(row(2)).toEqual([
      '9号楼 1单元 101',
      '第一批',
      '入户门',
      '墙面开裂',
      '入户门墙面开裂',
      '一般',
      '总包一标段',
      dayFrom(-1),
      '待整改',
      dayFrom(0),
      0,
      '是',
    ]);
    expect(row(3).slice(0, 9)).toEqual([
      '9号楼 1单元 101',
      '第一批',
      '客厅',
      '墙面开裂',
      '客厅墙面开裂',
      '一般',
      '总包一标段',
      dayFrom(10),
      '已关闭',
    ]);
    expect(row(3)[11]).toBe('否');
    expect(row(4).slice(0, 9)).toEqual([
      '10号楼 1单元 101',
      '第一批',
      '卫生间',
      '',
      '卫生间墙面开裂',
      '一般',
      '精装二标段',
      dayFrom(20),
      '待整改',
    ]);

    const count = async (filter: Record<string, unknown>) =>
      (await readXlsx((await h.call('defect.export', { openOnly: false, overdueOnly: false, ...filter })).dataBase64))
        .worksheets[0]!.actualRowCount - 1;
    expect(await count({ openOnly: true })).toBe(2);
    expect(await count({ overdueOnly: true })).toBe(1);
    expect(await count({ contractor: '精装二标段' })).toBe(1);
    expect(await count({ batchId: ids.b })).toBe(0);
    expect(await count({ resourceId: ids.r1 })).toBe(2);
    expect(await count({ buildingId: site.buildingId })).toBe(2);
    expect(await count({ status: 'closed' })).toBe(1);
    expect(await count({ query: '卫生间' })).toBe(1);
  });
});
