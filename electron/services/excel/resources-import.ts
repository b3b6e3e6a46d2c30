import { liveCodes, today } from '../../../db/queries/resources.js';
import { IMPORT_FIELDS } from '../../../shared/api/calls/excel.js';
import {
  checkAreas,
  HOLDABLE_KINDS,
  RESOURCE_KINDS,
  RESOURCE_STATUSES,
  RESOURCE_USES,
  resourceCodeSchema,
  resourceFields,
  type Resource,
} from '../../../shared/domain/resources.js';
import { AppError } from '../../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import { createResource, patchResource, type ResourceCreateFields } from '../resources.js';
import { atRow, labelsOf, RowLedger, type Importer, type Validated } from './importer.js';
import type { SourceRow } from './mapping.js';
import { issueReasons, readChoice, readInteger, readNumber, text, type Read } from './values.js';

const LABELS = labelsOf(IMPORT_FIELDS.resources);

/** A code as stored (NFKC, trimmed, upper case), or undefined when the cell is blank or unusable. */
export function normalCode(raw: string | undefined): string | undefined {
  const parsed = resourceCodeSchema.safeParse(raw ?? '');
  return parsed.success ? parsed.data : undefined;
}

function projectOf(projectId: string | null): string {
  if (!projectId) throw new AppError('VALIDATION', '请选择项目');
  return projectId;
}

/** Current resources of the project by code, looked up in one batch. */
export function resourcesByCode(ctx: ServiceContext, projectId: string, codes: Iterable<string>): Map<string, Resource> {
  return new Map(liveCodes(ctx.db, projectId, [...new Set(codes)], today()).map((r) => [r.code, r]));
}

type ResourceRowValue = Omit<ResourceCreateFields, 'projectId' | 'parentId'> & {
  parentCode?: string;
  /** The parent is another row of this file. */
  parentRow?: number;
  parentId: string | null;
};

function take<T>(read: Read<T>, reasons: string[], failed: Set<string>, key: string): T | undefined {
  if (read.ok) return read.value;
  reasons.push(read.reason);
  failed.add(key);
  return undefined;
}

function checkRow(r: SourceRow): { value?: Omit<ResourceRowValue, 'parentId'>; reasons: string[] } {
  const v = r.values;
  const reasons: string[] = [];
  const failed = new Set<string>();
  const kind = take(readChoice(v.kind, '类型', RESOURCE_KINDS), reasons, failed, 'kind') ?? 'room';
  const use = take(readChoice(v.use, '用途', RESOURCE_USES), reasons, failed, 'use');
  const status = take(readChoice(v.status, '状态', RESOURCE_STATUSES), reasons, failed, 'status');
  const floorNo = take(readInteger(v.floorNo, '楼层'), reasons, failed, 'floorNo');
  const buildArea = take(readNumber(v.buildArea, '建筑面积'), reasons, failed, 'buildArea');
  const innerArea = take(readNumber(v.innerArea, '套内面积'), reasons, failed, 'innerArea');
  const parsed = resourceFields.safeParse({
    code: v.code ?? '',
    name: v.name ?? '',
    floorNo,
    buildArea,
    innerArea,
    houseType: text(v.houseType),
    orientation: text(v.orientation),
    use,
    status,
    zone: text(v.zone),
  });
  if (!parsed.success) {
    reasons.push(
      ...issueReasons(
        parsed.error.issues.filter((i) => !failed.has(String(i.path[0] ?? ''))),
        LABELS,
      ),
    );
  }
  let parentCode: string | undefined;
  if (text(v.parentCode) !== undefined) {
    parentCode = normalCode(v.parentCode);
    if (!parentCode) reasons.push(`上级编码“${v.parentCode}”无效`);
  }
  if (!parsed.success || reasons.length > 0) return { reasons };
  const areaProblem = checkAreas(parsed.data.buildArea, parsed.data.innerArea);
  if (areaProblem) return { reasons: [areaProblem] };
  return { value: { ...parsed.data, kind, ...(parentCode ? { parentCode } : {}) }, reasons };
}

/**
 * 房产资源: rows may name a parent by code, either a current resource of the project or
 * another row of the file (written first, whatever its place in the file).
 */
export function validateResourceRows(
  ctx: ServiceContext,
  rows: readonly SourceRow[],
  projectId: string | null,
): Validated<ResourceRowValue> {
  const project = projectOf(projectId);
  const ledger = new RowLedger(rows);
  const checked = rows.map((r) => ({ r, ...checkRow(r) }));
  const codes = new Set<string>();
  for (const c of checked) {
    const code = c.value?.code ?? normalCode(c.r.values.code);
    if (code) codes.add(code);
    if (c.value?.parentCode) codes.add(c.value.parentCode);
  }
  const existing = resourcesByCode(ctx, project, codes);
  const fileCodes = new Map<string, number>();
  const values = new Map<number, ResourceRowValue>();
  for (const { r, value, reasons } of checked) {
    if (reasons.length > 0) ledger.reject(r.row, ...reasons);
    const code = value?.code ?? normalCode(r.values.code);
    if (code) {
      if (existing.has(code)) ledger.reject(r.row, `编码“${code}”已被使用`);
      const first = fileCodes.get(code);
      if (first !== undefined) ledger.reject(r.row, `与第${first}行的编码重复`);
      else fileCodes.set(code, r.row);
    }
    if (value) values.set(r.row, { ...value, parentId: null });
  }
  // Parents: a current resource, or a row of this file that is itself accepted.
  for (const [row, value] of values) {
    if (!value.parentCode) continue;
    if (value.parentCode === value.code) ledger.reject(row, '上级编码不能是自己的编码');
    else if (existing.has(value.parentCode)) value.parentId = existing.get(value.parentCode)!.id;
    else if (fileCodes.has(value.parentCode)) value.parentRow = fileCodes.get(value.parentCode)!;
    else ledger.reject(row, `上级编码“${value.parentCode}”不存在`);
  }
  // A row whose parent row is refused is refused too, until nothing changes; loops are refused.
  let changed = true;
  while (changed) {
    changed = false;
    for (const [row, value] of values) {
      if (ledger.isRejected(row) || value.parentRow === undefined) continue;
      if (ledger.isRejected(value.parentRow) || !values.has(value.parentRow)) {
        ledger.reject(row, `上级编码“${value.parentCode}”所在的第${value.parentRow}行有错误`);
        changed = true;
      }
    }
  }
  for (const [row, value] of values) {
    if (ledger.isRejected(row)) continue;
    const seen = new Set([row]);
    let at = value.parentRow;
    while (at !== undefined) {
      if (seen.has(at)) {
        ledger.reject(row, '上级编码形成了循环');
        break;
      }
      seen.add(at);
      at = values.get(at)?.parentRow;
    }
  }
  return ledger.result(values);
}

function depth(row: number, byRow: ReadonlyMap<number, ResourceRowValue>): number {
  let d = 0;
  let at = byRow.get(row)?.parentRow;
  while (at !== undefined && d <= byRow.size) {
    d += 1;
    at = byRow.get(at)?.parentRow;
  }
  return d;
}

export const resourceImporter: Importer<ResourceRowValue> = {
  validate: validateResourceRows,
  write: (ctx, tx, accepted, projectId) => {
    const project = projectOf(projectId);
    const byRow = new Map(accepted.map((a) => [a.row, a.value]));
    const ordered = [...accepted].sort((a, b) => depth(a.row, byRow) - depth(b.row, byRow) || a.row - b.row);
    const created = new Map<number, string>();
    for (const { row, value } of ordered) {
      const { parentCode: _code, parentRow, parentId, ...fields } = value;
      const parent = parentRow !== undefined ? (created.get(parentRow) ?? null) : parentId;
      const resource = atRow(row, () => createResource(ctx, tx, { ...fields, projectId: project, parentId: parent }));
      created.set(row, resource.id);
    }
  },
};

/** 导入面积: build area, inner area and 户型 of existing rooms, by code. Blank cells leave a value as it is. */
interface AreaPatch {
  id: string;
  patch: { buildArea?: number | null; innerArea?: number | null; houseType?: string };
}

const AREA_LABELS = labelsOf(IMPORT_FIELDS.resourceAreas);

export function validateAreaRows(
  ctx: ServiceContext,
  rows: readonly SourceRow[],
  projectId: string | null,
): Validated<AreaPatch> {
  const project = projectOf(projectId);
  const ledger = new RowLedger(rows);
  const existing = resourcesByCode(
    ctx,
    project,
    rows.flatMap((r) => normalCode(r.values.code) ?? []),
  );
  const seen = new Map<string, number>();
  const values = new Map<number, AreaPatch>();
  for (const r of rows) {
    const v = r.values;
    const code = normalCode(v.code);
    const patch: AreaPatch['patch'] = {};
    for (const key of ['buildArea', 'innerArea'] as const) {
      const read = readNumber(v[key], AREA_LABELS[key] ?? key);
      if (!read.ok) ledger.reject(r.row, read.reason);
      else if (read.value !== undefined) {
        const parsed = resourceFields.shape[key].safeParse(read.value);
        if (parsed.success) patch[key] = parsed.data;
        else ledger.reject(r.row, ...issueReasons(parsed.error.issues, AREA_LABELS));
      }
    }
    const houseType = text(v.houseType);
    if (houseType !== undefined) {
      const parsed = resourceFields.shape.houseType.safeParse(houseType);
      if (parsed.success) patch.houseType = parsed.data;
      else ledger.reject(r.row, ...issueReasons(parsed.error.issues, AREA_LABELS));
    }
    if (!code) {
      ledger.reject(r.row, '请填写房号');
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) ledger.reject(r.row, `与第${first}行的房号重复`);
    else seen.set(code, r.row);
    const resource = existing.get(code);
    if (!resource) {
      ledger.reject(r.row, `房号“${code}”不存在`);
      continue;
    }
    if (!HOLDABLE_KINDS.includes(resource.kind)) ledger.reject(r.row, `“${code}”不是房间、车位或商铺，不能导入面积`);
    if (Object.keys(patch).length === 0 && !ledger.isRejected(r.row)) {
      ledger.reject(r.row, '建筑面积、套内面积和户型都是空的，没有可更新的内容');
    }
    const areaProblem = checkAreas(
      patch.buildArea === undefined ? resource.buildArea : patch.buildArea,
      patch.innerArea === undefined ? resource.innerArea : patch.innerArea,
    );
    if (areaProblem) ledger.reject(r.row, areaProblem);
    if (!ledger.isRejected(r.row)) values.set(r.row, { id: resource.id, patch });
  }
  return ledger.result(values);
}

export const areaImporter: Importer<AreaPatch> = {
  validate: validateAreaRows,
  write: (ctx, tx, accepted) => {
    for (const { row, value } of accepted) atRow(row, () => patchResource(ctx, tx, value.id, value.patch));
  },
};
