import { optionalText, requiredText } from './fields.js';
import { z } from '../validation.js';
import type { AuditFields } from './audit.js';
import { accountNumberSchema } from './bank-accounts.js';
import { remarkSchema } from './dictionaries.js';
import { idDocumentTypeSchema, ID_DOCUMENT_TYPES, validateIdDocument, type IdDocumentType } from './id-documents.js';
import type { PhoneKind } from './phones.js';
import { phoneSchema } from './phones.js';
import { plateSchema } from './plates.js';
import { dateSchema } from './resources.js';

export const CUSTOMER_KINDS = [
  { code: 'person', zh: '个人', en: 'Person' },
  { code: 'company', zh: '单位', en: 'Company' },
] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number]['code'];

export const GENDERS = [
  { code: 'male', zh: '男', en: 'Male' },
  { code: 'female', zh: '女', en: 'Female' },
  { code: 'unknown', zh: '未知', en: 'Unknown' },
] as const;
export type Gender = (typeof GENDERS)[number]['code'];

export interface Customer extends AuditFields {
  kind: CustomerKind;
  name: string;
  idType: IdDocumentType;
  idNumber: string;
  idKey: string;
  gender: Gender;
  birthDate: string | null;
  email: string;
  address: string;
  sourceId: string | null;
  intentionId: string | null;
  statusId: string | null;
  tags: string;
  remark: string;
  custom: string;
  mergedInto: string | null;
}

/** What lists, duplicate warnings and search results show of a customer. */
export interface CustomerBrief {
  id: string;
  kind: CustomerKind;
  name: string;
  idType: IdDocumentType;
  idNumberMasked: string;
  phones: string[];
}

export interface CustomerPhone {
  id: string;
  number: string;
  kind: PhoneKind;
  isPrimary: boolean;
}

export interface Vehicle {
  id: string;
  customerId: string;
  plate: string;
  newEnergy: boolean;
  model: string;
  color: string;
  parkingId: string | null;
}

/** The account number never leaves the host whole: the front desk sees it masked. */
export interface BankAccountView {
  id: string;
  customerId: string;
  bank: string;
  accountName: string;
  accountNumberMasked: string;
  isPrimary: boolean;
}

/** The middle of an ID number hidden, as on printed forms: 110101********7777. */
export function maskIdNumber(number: string): string {
  if (number.length <= 4) return '*'.repeat(number.length);
  if (number.length <= 12) return `${number.slice(0, 2)}${'*'.repeat(number.length - 4)}${number.slice(-2)}`;
  return `${number.slice(0, 6)}${'*'.repeat(number.length - 10)}${number.slice(-4)}`;
}

const text = optionalText;
const customerName = requiredText('客户名称', 100);

export const phonesSchema = z
  .array(z.object({ number: phoneSchema, isPrimary: z.boolean().default(false) }))
  .max(5, '最多登记5个电话')
  .default([])
  .refine((phones) => new Set(phones.map((p) => p.number)).size === phones.length, '电话号码重复');

export const vehicleInput = z.object({
  plate: plateSchema,
  model: text('车型', 30),
  color: text('颜色', 10),
  parkingId: z.uuid().nullable().default(null),
});

export const bankAccountInput = z.object({
  bank: requiredText('开户银行', 50),
  accountName: requiredText('户名', 100),
  accountNumber: accountNumberSchema,
  isPrimary: z.boolean().default(false),
});

/** The fields of a customer as the registration form sends them. */
const customerShape = z.object({
  kind: z.enum(['person', 'company'], { error: '请选择客户类型' }).default('person'),
  name: customerName,
  idType: idDocumentTypeSchema,
  idNumber: z.string({ error: '请输入证件号码' }),
  gender: z.enum(['male', 'female', 'unknown']).optional(),
  birthDate: dateSchema.nullable().optional(),
  email: z
    .string()
    .trim()
    .refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), '邮箱格式不正确')
    .default(''),
  address: text('地址', 200),
  sourceId: z.uuid().nullable().default(null),
  intentionId: z.uuid().nullable().default(null),
  statusId: z.uuid().nullable().default(null),
  tags: z.array(z.uuid()).max(20, '最多20个标签').default([]),
  remark: remarkSchema,
  custom: z.record(z.string(), z.string()).default({}),
  phones: phonesSchema,
});

/**
 * The document is checked with the rest, and what the 身份证 says fills birth date and sex
 * when the form left them empty. A company is identified by its 统一社会信用代码.
 */
interface IdentityFields {
  kind: CustomerKind;
  idType: IdDocumentType;
  idNumber: string;
  gender?: Gender | undefined;
  birthDate?: string | null | undefined;
}

function checkedCustomer<T extends IdentityFields>(value: T, ctx: z.RefinementCtx) {
  const party = ID_DOCUMENT_TYPES.find((t) => t.code === value.idType)?.party;
  if (value.kind === 'company' && party !== 'organization' && value.idType !== 'other') {
    ctx.addIssue({ code: 'custom', message: '单位客户请使用统一社会信用代码', path: ['idType'] });
    return z.NEVER;
  }
  if (value.kind === 'person' && party === 'organization') {
    ctx.addIssue({ code: 'custom', message: '个人客户不能使用统一社会信用代码', path: ['idType'] });
    return z.NEVER;
  }
  const checked = validateIdDocument(value.idType, value.idNumber);
  if (!checked.ok) {
    ctx.addIssue({ code: 'custom', message: checked.message, path: ['idNumber'] });
    return z.NEVER;
  }
  return {
    ...value,
    idNumber: checked.number,
    gender: (value.gender ?? checked.info?.sex ?? 'unknown') as Gender,
    birthDate: value.birthDate ?? checked.info?.birthDate ?? null,
  };
}

export const customerFields = customerShape.transform(checkedCustomer);

/** A family member registered with the customer: an existing customer, or a new one. */
export const familyMemberInput = z
  .object({
    relationId: z.uuid().nullable().default(null),
    existingId: z.uuid().optional(),
    member: customerShape
      .pick({ name: true, idType: true, idNumber: true, phones: true, gender: true, birthDate: true })
      .extend({ kind: z.literal('person').default('person') })
      .transform(checkedCustomer)
      .optional(),
  })
  .refine((f) => (f.existingId ? !f.member : !!f.member), '请选择已有客户或填写家庭成员信息');

export const customerCreateInput = customerShape
  .extend({
    family: z.array(familyMemberInput).max(20).default([]),
    vehicles: z.array(vehicleInput).max(10).default([]),
    accounts: z.array(bankAccountInput).max(5).default([]),
    /** The user saw the possible-duplicate warning and saves anyway. */
    acknowledgeDuplicates: z.boolean().default(false),
  })
  .transform(checkedCustomer);
