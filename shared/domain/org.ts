import { optionalText, requiredText } from './fields.js';
import { z } from '../validation.js';
import type { AuditFields } from './audit.js';

/** 集团 → 区域 → 项目. A user works inside one project at a time. */
export const PROJECT_STATUSES = [
  { code: 'preparing', zh: '筹备', en: 'Preparing' },
  { code: 'selling', zh: '在售', en: 'Selling' },
  { code: 'delivering', zh: '交付中', en: 'Handing over' },
  { code: 'operating', zh: '运营', en: 'Operating' },
  { code: 'closed', zh: '已关闭', en: 'Closed' },
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number]['code'];

export interface Region extends AuditFields {
  code: string;
  name: string;
  sortOrder: number;
}

export interface Project extends AuditFields {
  regionId: string;
  code: string;
  name: string;
  city: string;
  address: string;
  status: ProjectStatus;
  sortOrder: number;
}

export interface Employee extends AuditFields {
  account: string;
  name: string;
  phone: string;
  department: string;
  allProjects: boolean;
}

/** Codes are what other systems and Excel files refer to: letters, digits, - and _ only. */
export const codeSchema = z
  .string({ error: '请输入编码' })
  .transform((s) => s.normalize('NFKC').trim().toUpperCase())
  .refine((s) => s.length > 0, '编码不能为空')
  .refine((s) => /^[A-Z0-9_-]{1,32}$/.test(s), '编码只能包含字母、数字、“-”和“_”，最多32位');

export const regionInput = z.object({ code: codeSchema, name: requiredText('区域名称', 50) });

export const projectInput = z.object({
  regionId: z.uuid('请选择区域'),
  code: codeSchema,
  name: requiredText('项目名称', 50),
  city: optionalText('城市', 20),
  address: optionalText('地址', 200),
  status: z.enum(['preparing', 'selling', 'delivering', 'operating', 'closed'], { error: '请选择项目状态' }).default('selling'),
});

export const accountSchema = z
  .string({ error: '请输入账号' })
  .transform((s) => s.normalize('NFKC').trim().toLowerCase())
  .refine((s) => /^[a-z0-9._-]{2,32}$/.test(s), '账号只能包含字母、数字、“.”、“-”和“_”，2到32位');

export const employeeInput = z.object({
  account: accountSchema,
  name: requiredText('姓名', 30),
  phone: z
    .string()
    .transform((s) => s.trim())
    .default(''),
  department: optionalText('部门', 50),
  allProjects: z.boolean().default(false),
});
