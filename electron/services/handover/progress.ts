import { defectList } from '../../../db/queries/handover.js';
import { batchesOf, buildingsById, progressDefects, progressHandovers } from '../../../db/queries/handover-report.js';
import { today } from '../../../db/queries/resources.js';
import type { CallArgs, Handlers } from '../../../shared/api/contract.js';
import type { DefectRow, ProgressCounts, ProgressView } from '../../../shared/api/calls/handover.js';
import { DEFECT_OVERDUE_DAYS, DEFECT_SEVERITIES, DEFECT_STATUSES, defectAge } from '../../../shared/domain/handover.js';
import type { ServiceContext } from '../context.js';
import { allPages } from '../excel/export.js';
import { stampedFileName, writeWorkbookSheets, type CellOut, type SheetColumn, type SheetOut } from '../excel/workbook.js';
import { currentProjectId } from './common.js';

/**
 * 交付进度 of the session's current project (the header's 当前项目), by batch and by building,
 * and its defects by category and by responsible contractor; the same figures as .xlsx, and the
 * defect list under its filters as .xlsx (read through the rectification list's own query, so
 * the file holds what the list shows).
 */
type ProgressHandlers = Pick<Handlers, 'handover.progress' | 'handover.progressExport' | 'defect.export'>;

const NO_CATEGORY = '未分类';
const NO_CONTRACTOR = '未指定';
const NO_BUILDING = '未分楼栋';

const zero = (): ProgressCounts => ({
  rooms: 0,
  appointed: 0,
  inspected: 0,
  accepted: 0,
  acceptedWithDefects: 0,
  refused: 0,
  openDefects: 0,
});

const isOpen = (d: { status: string }) => d.status !== 'closed';

/**
 * The figures of 交付进度 (all batches of the project, or one). Per room of a batch: appointed —
 * a live appointment; inspected — a completed owner's inspection; accepted / acceptedWithDefects /
 * refused — where its handover stands (accepted is 收楼 without open defects only); open
 * defects — the room's, whichever inspection found them.
 */
export function progressView(ctx: ServiceContext, batchId?: string): ProgressView {
  const view: ProgressView = { totals: zero(), byBatch: [], byBuilding: [], defectsByCategory: [], defectsByContractor: [] };
  const projectId = currentProjectId(ctx);
  const batches = batchesOf(ctx.db, projectId, batchId);
  if (batchId && batches.length === 0) return view;

  const rooms = progressHandovers(ctx.db, projectId, batchId);
  const defects = progressDefects(ctx.db, projectId, batchId);
  const openByRoom = new Map<string, number>();
  for (const d of defects) if (isOpen(d)) openByRoom.set(d.resourceId, (openByRoom.get(d.resourceId) ?? 0) + 1);

  const pathIds = [...new Set(rooms.flatMap((r) => r.path.split('/').filter(Boolean)))];
  const buildings = buildingsById(ctx.db, pathIds);
  const buildingOf = (path: string) => path.split('/').find((id) => buildings.has(id)) ?? null;

  const byBatch = new Map(batches.map((b) => [b.id, { batchId: b.id, name: b.name, ...zero() }]));
  const byBuilding = new Map<string | null, ProgressCounts & { buildingId: string | null; name: string }>();
  const add = (c: ProgressCounts, r: (typeof rooms)[number]) => {
    c.rooms += 1;
    if (r.appointed) c.appointed += 1;
    if (r.inspected) c.inspected += 1;
    if (r.status === 'accepted') c.accepted += 1;
    if (r.status === 'acceptedWithDefects') c.acceptedWithDefects += 1;
    if (r.status === 'refused') c.refused += 1;
    c.openDefects += openByRoom.get(r.resourceId) ?? 0;
  };
  for (const r of rooms) {
    const batch = byBatch.get(r.batchId);
    if (batch) add(batch, r);
    const buildingId = buildingOf(r.path);
    let building = byBuilding.get(buildingId);
    if (!building) {
      building = { buildingId, name: buildingId ? buildings.get(buildingId)!.name : NO_BUILDING, ...zero() };
      byBuilding.set(buildingId, building);
    }
    add(building, r);
    add(view.totals, r);
  }
  // Every open defect of the scope once (a room in two batches, a pre-inspected room in none):
  // the totals agree with the figures by category and by contractor.
  view.totals.openDefects = defects.filter(isOpen).length;

  view.byBatch = [...byBatch.values()];
  view.byBuilding = [...byBuilding.values()].sort((a, b) => {
    if (a.buildingId === null || b.buildingId === null) return a.buildingId === null ? 1 : -1;
    const x = buildings.get(a.buildingId)!;
    const y = buildings.get(b.buildingId)!;
    return x.sortOrder - y.sortOrder || x.code.localeCompare(y.code, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN');
  });

  const on = today();
  const categories = new Map<string, { name: string; open: number; closed: number }>();
  const contractors = new Map<string, { name: string; open: number; closed: number; overdue: number }>();
  for (const d of defects) {
    const categoryName = d.categoryName || NO_CATEGORY;
    const category = categories.get(categoryName) ?? { name: categoryName, open: 0, closed: 0 };
    categories.set(categoryName, category);
    const contractorName = d.contractor || NO_CONTRACTOR;
    const contractor = contractors.get(contractorName) ?? { name: contractorName, open: 0, closed: 0, overdue: 0 };
    contractors.set(contractorName, contractor);
    if (isOpen(d)) {
      category.open += 1;
      contractor.open += 1;
      if (defectAge(d, on).overdue) contractor.overdue += 1;
    } else {
      category.closed += 1;
      contractor.closed += 1;
    }
  }
  const byOpen = <T extends { name: string; open: number; closed: number }>(a: T, b: T) =>
    b.open - a.open || b.open + b.closed - (a.open + a.closed) || a.name.localeCompare(b.name, 'zh-CN');
  view.defectsByCategory = [...categories.values()].sort(byOpen);
  view.defectsByContractor = [...contractors.values()].sort(byOpen);
  return view;
}

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

const COUNT_COLUMNS: SheetColumn[] = [
  { header: '房间数', type: 'number' },
  { header: '已预约', type: 'number' },
  { header: '已验房', type: 'number' },
  { header: '已收楼', type: 'number' },
  { header: '带缺陷收楼', type: 'number' },
  { header: '拒收', type: 'number' },
  { header: '未关闭缺陷', type: 'number' },
  { header: '收楼率(%)', type: 'number' },
];

const countCells = (c: ProgressCounts): CellOut[] => [
  c.rooms,
  c.appointed,
  c.inspected,
  c.accepted,
  c.acceptedWithDefects,
  c.refused,
  c.openDefects,
  percent(c.accepted + c.acceptedWithDefects, c.rooms),
];

/** The sheets of the 交付进度 workbook: 按批次, 按楼栋, 缺陷分类, 责任单位. */
export function progressSheets(view: ProgressView): SheetOut[] {
  return [
    {
      name: '按批次',
      columns: [{ header: '交付批次' }, ...COUNT_COLUMNS],
      rows: [...view.byBatch.map((b) => [b.name, ...countCells(b)]), ['合计', ...countCells(view.totals)]],
    },
    {
      name: '按楼栋',
      columns: [{ header: '楼栋' }, ...COUNT_COLUMNS],
      rows: [...view.byBuilding.map((b) => [b.name, ...countCells(b)]), ['合计', ...countCells(view.totals)]],
    },
    {
      name: '缺陷分类',
      columns: [
        { header: '缺陷类别' },
        { header: '未关闭', type: 'number' },
        { header: '已关闭', type: 'number' },
        { header: '合计', type: 'number' },
      ],
      rows: view.defectsByCategory.map((c) => [c.name, c.open, c.closed, c.open + c.closed]),
    },
    {
      name: '责任单位',
      columns: [
        { header: '责任单位' },
        { header: '未关闭', type: 'number' },
        { header: '已关闭', type: 'number' },
        { header: '超期', type: 'number' },
      ],
      rows: view.defectsByContractor.map((c) => [c.name, c.open, c.closed, c.overdue]),
    },
  ];
}

/** The rectification list under its filters, every page of it (up to the export cap). */
export function filteredDefects(ctx: ServiceContext, filter: CallArgs<'defect.export'>, on = today()): DefectRow[] {
  const projectId = currentProjectId(ctx);
  return allPages((page, pageSize) => defectList(ctx.db, { ...filter, projectId, page, pageSize }, on, DEFECT_OVERDUE_DAYS));
}

const nameOf = <C extends string>(list: readonly { code: C; zh: string }[], code: C) =>
  list.find((i) => i.code === code)?.zh ?? code;

export function defectSheet(rows: readonly DefectRow[]): SheetOut {
  return {
    name: '缺陷清单',
    columns: [
      { header: '房号' },
      { header: '交付批次' },
      { header: '部位' },
      { header: '缺陷类别' },
      { header: '缺陷描述' },
      { header: '严重程度' },
      { header: '责任单位' },
      { header: '整改期限' },
      { header: '状态' },
      { header: '发现日期' },
      { header: '已开天数', type: 'number' },
      { header: '超期' },
    ],
    rows: rows.map((d) => [
      d.room.place || d.room.code,
      d.batchName,
      d.area,
      d.categoryName,
      d.description,
      nameOf(DEFECT_SEVERITIES, d.severity),
      d.contractor,
      d.dueDate ?? '',
      nameOf(DEFECT_STATUSES, d.status),
      d.createdAt.slice(0, 10),
      d.ageDays,
      d.overdue ? '是' : '否',
    ]),
  };
}

export function progressHandlers(ctx: ServiceContext): ProgressHandlers {
  return {
    'handover.progress': ({ batchId }) => progressView(ctx, batchId),

    'handover.progressExport': async ({ batchId }) => {
      const view = progressView(ctx, batchId);
      const batchName = batchId ? view.byBatch[0]?.name : undefined;
      const bytes = await writeWorkbookSheets(progressSheets(view));
      return {
        fileName: stampedFileName(batchName ? `交付进度_${batchName}` : '交付进度'),
        dataBase64: bytes.toString('base64'),
      };
    },

    'defect.export': async (filter) => {
      const bytes = await writeWorkbookSheets([defectSheet(filteredDefects(ctx, filter))]);
      return { fileName: stampedFileName('缺陷清单'), dataBase64: bytes.toString('base64') };
    },
  };
}
