import { optionalText, requiredText } from './fields.js';
import { z } from '../validation.js';
import type { AuditFields } from './audit.js';
import { charLength } from './text.js';

export const RESOURCE_KINDS = [
  { code: 'building', zh: '楼栋', en: 'Building' },
  { code: 'unit', zh: '单元', en: 'Unit' },
  { code: 'floor', zh: '楼层', en: 'Floor' },
  { code: 'room', zh: '房间', en: 'Room' },
  { code: 'parking', zh: '车位', en: 'Parking space' },
  { code: 'shop', zh: '商铺', en: 'Shop' },
  { code: 'common', zh: '公区', en: 'Common area' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number]['code'];
export const RESOURCE_KIND_CODES = RESOURCE_KINDS.map((k) => k.code) as [ResourceKind, ...ResourceKind[]];

/** Kinds a customer can hold (own, rent, live in); the structural ones only group them. */
export const HOLDABLE_KINDS: readonly ResourceKind[] = ['room', 'parking', 'shop', 'other'];

export const RESOURCE_STATUSES = [
  { code: 'unsold', zh: '未售', en: 'Unsold', color: '#bfbfbf' },
  { code: 'sold', zh: '已售', en: 'Sold', color: '#1677ff' },
  { code: 'delivered', zh: '已交付', en: 'Handed over', color: '#13c2c2' },
  { code: 'occupied', zh: '已入住', en: 'Occupied', color: '#52c41a' },
  { code: 'rented', zh: '出租', en: 'Rented', color: '#722ed1' },
  { code: 'renovating', zh: '装修中', en: 'Renovating', color: '#fa8c16' },
  { code: 'vacant', zh: '空置', en: 'Vacant', color: '#faad14' },
] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number]['code'];
export const RESOURCE_STATUS_CODES = RESOURCE_STATUSES.map((s) => s.code) as [ResourceStatus, ...ResourceStatus[]];

export const RESOURCE_USES = [
  { code: 'residential', zh: '住宅', en: 'Residential' },
  { code: 'commercial', zh: '商业', en: 'Commercial' },
  { code: 'office', zh: '办公', en: 'Office' },
  { code: 'parking', zh: '车位', en: 'Parking' },
  { code: 'public', zh: '公共', en: 'Public' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const;
export type ResourceUse = (typeof RESOURCE_USES)[number]['code'];
export const RESOURCE_USE_CODES = RESOURCE_USES.map((u) => u.code) as [ResourceUse, ...ResourceUse[]];

export interface Resource extends AuditFields {
  parentId: string | null;
  path: string;
  kind: ResourceKind;
  code: string;
  name: string;
  floorNo: number | null;
  buildArea: number | null;
  innerArea: number | null;
  houseType: string;
  orientation: string;
  use: ResourceUse | null;
  status: ResourceStatus | null;
  zone: string;
  sortOrder: number;
  custom: string;
  validFrom: string;
  endedOn: string | null;
  searchCode: string;
  shortCode: string;
}

/**
 * When a resource typed in or generated began: unknown, so "always". Split and merge give
 * the new resources their real effective date.
 */
export const SINCE_ALWAYS = '1900-01-01';

/** A date as users enter it (YYYY-MM-DD), checked to be a real calendar date. */
export const dateSchema = z
  .string({ error: '请输入日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '日期无效');

const area = (label: string) =>
  z
    .number({ error: `${label}必须是数字` })
    .min(0, `${label}不能为负数`)
    .max(1_000_000, `${label}过大`)
    .transform((n) => Math.round(n * 100) / 100)
    .nullable()
    .optional();

/** Codes compare without regard to letter case: b1-001 and B1-001 are one space. */
export const resourceCodeSchema = z
  .string({ error: '请输入编码' })
  .transform((s) => s.normalize('NFKC').trim().toUpperCase())
  .refine((s) => s.length > 0, '编码不能为空')
  .refine((s) => charLength(s) <= 40, '编码不能超过40个字');

const resourceName = requiredText('名称', 50);
const shortText = optionalText;

/** Fields a user edits on one resource; structure (parent, kind) is set on creation only. */
export const resourceFields = z.object({
  code: resourceCodeSchema,
  name: resourceName,
  floorNo: z.number().int().min(-10).max(200).nullable().optional(),
  buildArea: area('建筑面积'),
  innerArea: area('套内面积'),
  houseType: shortText('户型', 30),
  orientation: shortText('朝向', 10),
  use: z.enum(RESOURCE_USE_CODES).nullable().optional(),
  status: z.enum(RESOURCE_STATUS_CODES).nullable().optional(),
  zone: shortText('分区', 30),
  custom: z.record(z.string(), z.string()).default({}),
});

export const resourceCreateInput = resourceFields.extend({
  projectId: z.uuid('请选择项目'),
  parentId: z.uuid().nullable().default(null),
  kind: z.enum(RESOURCE_KIND_CODES, { error: '请选择资源类型' }),
});

export function checkAreas(buildArea: number | null | undefined, innerArea: number | null | undefined): string | null {
  if (typeof buildArea === 'number' && typeof innerArea === 'number' && innerArea > buildArea) return '套内面积不能大于建筑面积';
  return null;
}
