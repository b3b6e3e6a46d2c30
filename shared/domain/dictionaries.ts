import { requiredText } from './fields.js';
import { z } from '../validation.js';
import { charLength } from './text.js';
import type { AuditFields } from './audit.js';

/**
 * Dictionary types (基础数据) the application knows. They are fixed by the app:
 * features refer to them by code; users maintain their entries. (ID document types are
 * not a dictionary: validation and customer identity depend on each one, see id-documents.ts.)
 */
export const DICT_GROUPS = [
  { code: 'customer', zh: '客户资料', en: 'Customers' },
  { code: 'service', zh: '客户服务', en: 'Customer service' },
  { code: 'handover', zh: '交付验房', en: 'Handover' },
  { code: 'resource', zh: '房产资源', en: 'Resources' },
] as const;
export type DictGroupCode = (typeof DICT_GROUPS)[number]['code'];

export const DICT_TYPES = [
  { code: 'customerSource', group: 'customer', zh: '客户来源', en: 'Customer source' },
  { code: 'customerIntention', group: 'customer', zh: '客户意向', en: 'Customer intention' },
  { code: 'customerStatus', group: 'customer', zh: '客户状态', en: 'Customer status' },
  { code: 'relationType', group: 'customer', zh: '关系类型', en: 'Relation type' },
  { code: 'customerTag', group: 'customer', zh: '客户标签', en: 'Customer tag' },
  { code: 'communicationType', group: 'service', zh: '交流类型', en: 'Communication type' },
  { code: 'planType', group: 'service', zh: '计划类型', en: 'Plan type' },
  { code: 'hotspotCategory', group: 'service', zh: '热点分类', en: 'Hotspot category' },
  { code: 'defectCategory', group: 'handover', zh: '缺陷类别', en: 'Defect category' },
  { code: 'refusalReason', group: 'handover', zh: '拒收原因', en: 'Refusal reason' },
  { code: 'handoverItem', group: 'handover', zh: '交接物品', en: 'Handover items' },
  { code: 'contractor', group: 'handover', zh: '责任单位', en: 'Contractors' },
  { code: 'houseType', group: 'resource', zh: '户型', en: 'Layout' },
  { code: 'orientation', group: 'resource', zh: '朝向', en: 'Orientation' },
  { code: 'resourceUse', group: 'resource', zh: '房产用途', en: 'Resource use' },
] as const satisfies readonly { code: string; group: DictGroupCode; zh: string; en: string }[];

export type DictTypeCode = (typeof DICT_TYPES)[number]['code'];
export const DICT_TYPE_CODES = DICT_TYPES.map((t) => t.code) as [DictTypeCode, ...DictTypeCode[]];

export const NAME_MAX = 50;
export const REMARK_MAX = 500;

/** A required display name: trimmed, NFKC-folded, 1–50 characters. */
export const nameSchema = requiredText('名称', NAME_MAX);

export const remarkSchema = z
  .string()
  .transform((s) => s.trim())
  .refine((s) => charLength(s) <= REMARK_MAX, `备注不能超过${REMARK_MAX}个字`)
  .default('');

export const dictTypeSchema = z.enum(DICT_TYPE_CODES, { error: '未知的基础数据类型' });

export const idSchema = z.string({ error: '缺少记录标识' }).uuid('记录标识格式不正确');
export const idListSchema = z.array(idSchema).min(1, '请至少选择一条记录').max(1000, '一次最多选择1000条记录');

/** 失效否 filter: all entries, only invalid ones, only valid ones. */
export const invalidFilterSchema = z.enum(['all', 'yes', 'no']).default('all');

/** Where to move an entry: one step, the ends, or a 1-based position in the full list. */
export const moveTargetSchema = z.union([
  z.enum(['up', 'down', 'top', 'bottom']),
  z.number({ error: '请输入位置' }).int('位置必须是整数').min(1, '位置从1开始'),
]);

export interface DictItem extends AuditFields {
  typeCode: DictTypeCode;
  name: string;
  remark: string;
  sortOrder: number;
  invalid: boolean;
}

export const dictItemInput = z.object({
  typeCode: dictTypeSchema,
  name: nameSchema,
  remark: remarkSchema,
});
