import { briefs } from '../../../db/queries/customers.js';
import { currentRelationsOf, getResources, today } from '../../../db/queries/resources.js';
import type { CallArgs } from '../../../shared/api/contract.js';
import { EXPORT_MAX_ROWS, type ExcelFile } from '../../../shared/api/calls/excel.js';
import { CUSTOMER_KINDS, type CustomerBrief } from '../../../shared/domain/customers.js';
import { DICT_TYPES, type DictItem } from '../../../shared/domain/dictionaries.js';
import { ID_DOCUMENT_TYPES } from '../../../shared/domain/id-documents.js';
import type { Page } from '../../../shared/domain/paging.js';
import { RELATION_ROLES } from '../../../shared/domain/relations.js';
import {
  HOLDABLE_KINDS,
  RESOURCE_KINDS,
  RESOURCE_STATUSES,
  RESOURCE_USES,
  type Resource,
} from '../../../shared/domain/resources.js';
import type { ServiceContext } from '../context.js';
import { customerHandlers } from '../customers.js';
import { dictionaryHandlers } from '../dictionaries.js';
import { resourceHandlers, visibleResource } from '../resources.js';
import { stampedFileName, writeWorkbook, type CellOut, type SheetColumn } from './workbook.js';

/** Rows fetched per page from a list call; well under SQLite's limit on bound parameters. */
const CHUNK = 5000;

function nameOf<C extends string>(list: readonly { code: C; zh: string }[], code: C | null | undefined): string {
  if (code === null || code === undefined) return '';
  return list.find((i) => i.code === code)?.zh ?? code;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as local wall-clock time, as the screens show it. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

const yesNo = (b: boolean) => (b ? '是' : '否');

/** Every page of a list call, up to the export cap. */
export function allPages<T>(fetch: (page: number, pageSize: number) => Page<T>, chunk = CHUNK, cap = EXPORT_MAX_ROWS): T[] {
  const out: T[] = [];
  for (let page = 1; out.length < cap; page += 1) {
    const result = fetch(page, chunk);
    out.push(...result.items);
    if (result.items.length < chunk || out.length >= result.total) break;
  }
  return out.slice(0, cap);
}

function chunked<T, R>(items: readonly T[], size: number, work: (part: T[]) => R[]): R[] {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...work(items.slice(i, i + size)));
  return out;
}

interface Sheet {
  title: string;
  columns: SheetColumn[];
  rows: CellOut[][];
}

function customersSheet(ctx: ServiceContext, filters: { query?: string | undefined; projectId?: string | undefined }): Sheet {
  const list = customerHandlers(ctx)['customer.list'];
  const rows = allPages((page, pageSize) => list({ ...filters, page, pageSize }) as Page<CustomerBrief & { updatedAt: string }>);
  return {
    title: '客户列表',
    columns: [
      { header: '客户名称' },
      { header: '客户类型' },
      { header: '证件类型' },
      { header: '证件号码' },
      { header: '电话' },
      { header: '更新时间' },
    ],
    rows: rows.map((c) => [
      c.name,
      nameOf(CUSTOMER_KINDS, c.kind),
      nameOf(ID_DOCUMENT_TYPES, c.idType),
      c.idNumberMasked,
      c.phones.join('、'),
      localTime(c.updatedAt),
    ]),
  };
}

type ResourceFilters = Extract<CallArgs<'export.list'>, { view: 'resources' }>['filters'];

function listAllResources(
  ctx: ServiceContext,
  filters: Omit<ResourceFilters, 'query'> & { query?: string | undefined },
): Resource[] {
  const list = resourceHandlers(ctx)['resource.list'];
  return allPages((page, pageSize) => list({ ...filters, page, pageSize }) as Page<Resource>);
}

function parentCodes(ctx: ServiceContext, resources: readonly Resource[]): Map<string, string> {
  const ids = [...new Set(resources.flatMap((r) => r.parentId ?? []))];
  return new Map(chunked(ids, 500, (part) => getResources(ctx.db, part)).map((r) => [r.id, r.code]));
}

function resourcesSheet(ctx: ServiceContext, filters: ResourceFilters): Sheet {
  const resources = listAllResources(ctx, filters);
  const parents = parentCodes(ctx, resources);
  return {
    title: '房产资源',
    columns: [
      { header: '编码' },
      { header: '名称' },
      { header: '类型' },
      { header: '上级编码' },
      { header: '楼层', type: 'number' },
      { header: '建筑面积', type: 'number' },
      { header: '套内面积', type: 'number' },
      { header: '户型' },
      { header: '朝向' },
      { header: '用途' },
      { header: '状态' },
      { header: '分区' },
    ],
    rows: resources.map((r) => [
      r.code,
      r.name,
      nameOf(RESOURCE_KINDS, r.kind),
      r.parentId ? (parents.get(r.parentId) ?? '') : '',
      r.floorNo,
      r.buildArea,
      r.innerArea,
      r.houseType,
      r.orientation,
      nameOf(RESOURCE_USES, r.use),
      nameOf(RESOURCE_STATUSES, r.status),
      r.zone,
    ]),
  };
}

function dictSheet(ctx: ServiceContext, filters: Extract<CallArgs<'export.list'>, { view: 'dictItems' }>['filters']): Sheet {
  const list = dictionaryHandlers(ctx)['dict.list'];
  const items = allPages((page, pageSize) => list({ ...filters, page, pageSize }) as Page<DictItem>);
  const type = DICT_TYPES.find((t) => t.code === filters.typeCode);
  return {
    title: type ? `基础数据-${type.zh}` : '基础数据',
    columns: [
      { header: '序号', type: 'number' },
      { header: '名称' },
      { header: '备注' },
      { header: '失效' },
      { header: '更新时间' },
    ],
    rows: items.map((d) => [d.sortOrder, d.name, d.remark, yesNo(d.invalid), localTime(d.updatedAt)]),
  };
}

function relationsSheet(ctx: ServiceContext, filters: Extract<CallArgs<'export.list'>, { view: 'relations' }>['filters']): Sheet {
  const on = filters.on ?? today();
  if (filters.underId) visibleResource(ctx, filters.underId);
  const resources = listAllResources(ctx, { projectId: filters.projectId, underId: filters.underId, on }).filter((r) =>
    HOLDABLE_KINDS.includes(r.kind),
  );
  const byId = new Map(resources.map((r) => [r.id, r]));
  const relations = currentRelationsOf(ctx.db, [...byId.keys()], on)
    .filter((r) => !filters.role || r.role === filters.role)
    .sort((a, b) => {
      const ra = byId.get(a.resourceId);
      const rb = byId.get(b.resourceId);
      return (
        (ra?.path ?? '').localeCompare(rb?.path ?? '') ||
        (ra?.code ?? '').localeCompare(rb?.code ?? '') ||
        a.startDate.localeCompare(b.startDate)
      );
    })
    .slice(0, EXPORT_MAX_ROWS);
  const customers = new Map(
    chunked([...new Set(relations.map((r) => r.customerId))], CHUNK, (part) => briefs(ctx.db, part)).map((c) => [c.id, c]),
  );
  return {
    title: '客房关系',
    columns: [
      { header: '房号' },
      { header: '房产名称' },
      { header: '客户名称' },
      { header: '证件类型' },
      { header: '证件号码' },
      { header: '关系' },
      { header: '份额', type: 'number' },
      { header: '开始日期' },
      { header: '结束日期' },
      { header: '备注' },
    ],
    rows: relations.map((r) => {
      const resource = byId.get(r.resourceId);
      const customer = customers.get(r.customerId);
      return [
        resource?.code ?? '',
        resource?.name ?? '',
        r.customerName,
        customer ? nameOf(ID_DOCUMENT_TYPES, customer.idType) : '',
        customer?.idNumberMasked ?? '',
        nameOf(RELATION_ROLES, r.role),
        r.share,
        r.startDate,
        r.endDate ?? '',
        r.remark,
      ];
    }),
  };
}

/**
 * `export.list`: all rows of a list view under its filters, read through the list calls'
 * own handlers (so the file holds what the screen lists), with readable values.
 */
export async function exportList(ctx: ServiceContext, input: CallArgs<'export.list'>): Promise<ExcelFile> {
  let sheet: Sheet;
  switch (input.view) {
    case 'customers':
      sheet = customersSheet(ctx, input.filters);
      break;
    case 'resources':
      sheet = resourcesSheet(ctx, input.filters);
      break;
    case 'dictItems':
      sheet = dictSheet(ctx, input.filters);
      break;
    case 'relations':
      sheet = relationsSheet(ctx, input.filters);
      break;
  }
  const buffer = await writeWorkbook(sheet.title, sheet.columns, sheet.rows);
  return { fileName: stampedFileName(sheet.title), base64: buffer.toString('base64') };
}
