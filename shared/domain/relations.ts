import { z } from '../validation.js';
import { dateSchema } from './resources.js';

/** 客房关系 roles. 业主 and 共有人 together are a room's owner group. */
export const RELATION_ROLES = [
  { code: 'owner', zh: '业主', en: 'Owner' },
  { code: 'coOwner', zh: '共有人', en: 'Co-owner' },
  { code: 'tenant', zh: '租客', en: 'Tenant' },
  { code: 'resident', zh: '住户', en: 'Resident' },
  { code: 'family', zh: '家属', en: 'Family' },
  { code: 'emergencyContact', zh: '紧急联系人', en: 'Emergency contact' },
] as const;
export type RelationRole = (typeof RELATION_ROLES)[number]['code'];
export const RELATION_ROLE_CODES = RELATION_ROLES.map((r) => r.code) as [RelationRole, ...RelationRole[]];
export const OWNER_ROLES: readonly RelationRole[] = ['owner', 'coOwner'];

export interface RelationLike {
  id?: string;
  customerId: string;
  role: RelationRole;
  share: number | null;
  startDate: string;
  endDate: string | null;
}

export const shareSchema = z
  .number({ error: '份额必须是数字' })
  .gt(0, '份额必须大于0')
  .max(100, '份额不能超过100%')
  .transform((n) => Math.round(n * 100) / 100)
  .nullable()
  .default(null);

export const relationInput = z
  .object({
    customerId: z.uuid('请选择客户'),
    resourceId: z.uuid('请选择房产'),
    role: z.enum(RELATION_ROLE_CODES, { error: '请选择关系类型' }),
    share: shareSchema,
    startDate: dateSchema,
    endDate: dateSchema.nullable().default(null),
    remark: z.string().max(200, '备注不能超过200个字').default(''),
  })
  .refine((r) => r.endDate === null || r.endDate >= r.startDate, { message: '结束日期不能早于开始日期', path: ['endDate'] });

/**
 * The rules of one resource's current relations (as they would stand after a change),
 * in Chinese; empty when they hold:
 * - at most one 业主, and 共有人 only beside a 业主 (one owner group);
 * - co-owners' shares total at most 100%, and exactly 100% when every owner has one and
 *   the group is given whole;
 * - one customer holds one role once.
 */
export function relationRuleViolations(current: readonly RelationLike[], options: { completeGroup?: boolean } = {}): string[] {
  const problems: string[] = [];
  const owners = current.filter((r) => r.role === 'owner');
  const coOwners = current.filter((r) => r.role === 'coOwner');
  if (owners.length > 1) problems.push('一个房产同一时间只能有一位业主（其余为共有人）');
  if (coOwners.length > 0 && owners.length === 0) problems.push('共有人必须与业主同时登记');
  const group = [...owners, ...coOwners];
  const shares = group.map((r) => r.share);
  const total = shares.reduce<number>((sum, s) => sum + (s ?? 0), 0);
  if (total > 100.001) problems.push(`业主与共有人的份额合计为${total}%，不能超过100%`);
  // Relations registered one at a time pass through partial groups (业主 34% before the
  // 共有人 arrive), so "exactly 100%" is required only of a group given whole (过户, import).
  if (options.completeGroup && group.length > 1 && shares.every((s) => s !== null) && Math.abs(total - 100) > 0.001) {
    problems.push(`业主与共有人的份额合计应为100%，现为${total}%`);
  }
  const seen = new Set<string>();
  for (const r of current) {
    const key = `${r.customerId}:${r.role}`;
    if (seen.has(key)) problems.push('同一客户不能重复登记相同的关系');
    seen.add(key);
  }
  return problems;
}

/** Current on a date: started by then, not ended by then (the end date is the first day without it). */
export function isCurrentOn(r: Pick<RelationLike, 'startDate' | 'endDate'>, on: string): boolean {
  return r.startDate <= on && (r.endDate === null || r.endDate > on);
}

/** Two periods [start, end) overlap; an open end runs for ever. */
export function overlaps(a: Pick<RelationLike, 'startDate' | 'endDate'>, b: Pick<RelationLike, 'startDate' | 'endDate'>): boolean {
  return (a.endDate === null || b.startDate < a.endDate) && (b.endDate === null || a.startDate < b.endDate);
}

/**
 * The rules broken on any date one of the changed relations is current (each start date
 * within it), in Chinese; empty when they hold. `all` includes the changed ones.
 */
export function relationRuleProblems(
  all: readonly RelationLike[],
  changed: readonly RelationLike[],
  options: { completeGroup?: boolean } = {},
): string[] {
  const dates = new Set<string>();
  for (const c of changed) {
    dates.add(c.startDate);
    for (const r of all) if (isCurrentOn(c, r.startDate)) dates.add(r.startDate);
  }
  for (const date of dates) {
    const problems = relationRuleViolations(
      all.filter((r) => isCurrentOn(r, date)),
      options,
    );
    if (problems.length > 0) return problems;
  }
  return [];
}
