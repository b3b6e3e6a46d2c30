import { customValuesForApi } from '../../components/CustomFieldItems.js';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { Dayjs } from 'dayjs';
import type { CallInput } from '../../../../shared/api/contract.js';
import type { CustomerKind, Gender } from '../../../../shared/domain/customers.js';
import type { IdDocumentType } from '../../../../shared/domain/id-documents.js';

export interface PhoneRow {
  number?: string;
}

export interface FamilyRow {
  relationId?: string | null;
  mode: 'existing' | 'new';
  existingId?: string;
  name?: string;
  idType?: IdDocumentType;
  idNumber?: string;
  phone?: string;
}

export interface VehicleRow {
  plate?: string;
  model?: string;
  color?: string;
}

export interface AccountRow {
  bank?: string;
  accountName?: string;
  accountNumber?: string;
}

export interface CustomerFormValues {
  kind: CustomerKind;
  name?: string;
  idType: IdDocumentType;
  idNumber?: string;
  gender?: Gender | null;
  birthDate?: Dayjs | null;
  phones: PhoneRow[];
  primaryPhone: number;
  email?: string;
  address?: string;
  sourceId?: string | null;
  intentionId?: string | null;
  statusId?: string | null;
  tags?: string[];
  remark?: string;
  /** Custom field values by definition id (自定义信息). */
  custom?: Record<string, unknown>;
  family: FamilyRow[];
  vehicles: VehicleRow[];
  accounts: AccountRow[];
}

export type CreateInput = CallInput<'customer.create'>;
export type FieldsInput = CallInput<'customer.update'>['fields'];
export type FamilyInput = CallInput<'customer.addFamily'>['family'];

export const blank = (s: string | null | undefined) => (s ?? '').trim() === '';

/** Which form row each phone sent came from: blank rows are left out. */
export function phoneRows(values: Pick<CustomerFormValues, 'phones'>): number[] {
  return values.phones.flatMap((row, i) => (blank(row.number) ? [] : [i]));
}

export function familyInput(row: FamilyRow): FamilyInput {
  const relationId = row.relationId ?? null;
  if (row.mode === 'existing') return { relationId, existingId: row.existingId };
  return {
    relationId,
    member: {
      name: row.name ?? '',
      idType: row.idType ?? 'resident',
      idNumber: row.idNumber ?? '',
      phones: blank(row.phone) ? [] : [{ number: row.phone ?? '', isPrimary: true }],
    },
  };
}

export function fieldsInput(values: CustomerFormValues): FieldsInput {
  const rows = phoneRows(values);
  const person = values.kind === 'person';
  return {
    kind: values.kind,
    name: values.name ?? '',
    idType: values.idType,
    idNumber: values.idNumber ?? '',
    // Left empty, the host takes them from the 身份证 number.
    gender: person && values.gender ? values.gender : undefined,
    birthDate: person && values.birthDate ? values.birthDate.format('YYYY-MM-DD') : null,
    email: values.email ?? '',
    address: values.address ?? '',
    sourceId: values.sourceId ?? null,
    intentionId: values.intentionId ?? null,
    statusId: values.statusId ?? null,
    tags: values.tags ?? [],
    remark: values.remark ?? '',
    custom: customValuesForApi(values.custom),
    phones: rows.map((i) => ({ number: values.phones[i]?.number ?? '', isPrimary: i === values.primaryPhone })),
  };
}

export function createInput(values: CustomerFormValues, acknowledgeDuplicates: boolean): CreateInput {
  return {
    ...fieldsInput(values),
    family: values.family.map(familyInput),
    vehicles: values.vehicles.map((v) => ({ plate: v.plate ?? '', model: v.model ?? '', color: v.color ?? '' })),
    accounts: values.accounts.map((a) => ({
      bank: a.bank ?? '',
      accountName: a.accountName ?? '',
      accountNumber: a.accountNumber ?? '',
    })),
    acknowledgeDuplicates,
  };
}

const FAMILY_MEMBER_FIELDS: Record<string, string> = { name: 'name', idType: 'idType', idNumber: 'idNumber', phones: 'phone' };

/**
 * Where a schema issue or a host fieldError (path "phones.1.number", "family.0.member.idNumber",
 * "fields.name" for an update) belongs on the form, or null when no field shows it.
 */
export function formPath(path: readonly (string | number)[], phones: readonly number[]): (string | number)[] | null {
  const parts = path.map((p) => (typeof p === 'number' || !/^\d+$/.test(p) ? p : Number(p)));
  if (parts[0] === 'fields') parts.shift();
  const [head, index, field, sub] = parts;
  switch (head) {
    case undefined:
      return null;
    case 'phones':
      if (typeof index !== 'number') return ['phones'];
      return ['phones', phones[index] ?? index, 'number'];
    case 'family':
      if (typeof index !== 'number') return null;
      if (field === 'member' && typeof sub === 'string') return ['family', index, FAMILY_MEMBER_FIELDS[sub] ?? 'name'];
      if (field === 'relationId') return ['family', index, 'relationId'];
      return ['family', index, 'existingId'];
    case 'vehicles':
    case 'accounts':
      return typeof index === 'number' && typeof field === 'string' ? [head, index, field] : null;
    case 'kind':
    case 'name':
    case 'idType':
    case 'idNumber':
    case 'gender':
    case 'birthDate':
    case 'email':
    case 'address':
    case 'sourceId':
    case 'intentionId':
    case 'statusId':
    case 'tags':
    case 'remark':
      return [head];
    default:
      return null;
  }
}

/** Enter moves on to the next field, as in the old client; selects and text areas keep their own Enter. */
export function enterMovesNext(event: ReactKeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Enter' || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
  const target = event.target as HTMLElement;
  if (target.tagName !== 'INPUT') return;
  const input = target as HTMLInputElement;
  if (input.type === 'radio' || input.type === 'checkbox') return;
  const select = input.closest('.ant-select');
  if (select && select.querySelector('[aria-expanded="true"]')) return;
  if (select?.getAttribute('aria-expanded') === 'true') return;
  const container = event.currentTarget;
  const fields = [...container.querySelectorAll<HTMLElement>('input, textarea')].filter((el) => {
    const field = el as HTMLInputElement;
    return (
      !field.disabled &&
      field.type !== 'hidden' &&
      field.type !== 'radio' &&
      field.type !== 'checkbox' &&
      el.offsetParent !== null
    );
  });
  const at = fields.indexOf(input);
  const next = at >= 0 ? fields[at + 1] : undefined;
  if (!next) return;
  event.preventDefault();
  next.focus();
}
