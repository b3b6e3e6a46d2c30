/** What an office's user does, through the real services: the same calls the screens make. */
import type { CallInput } from '../../shared/api/contract.js';
import type { Office } from './world.js';

let seq = 0;

/** A valid 身份证 number, different on every call (GB 11643 check digit). */
export function residentId(): string {
  seq++;
  const body = `11010519${String(70 + (seq % 30)).padStart(2, '0')}0${(seq % 9) + 1}${String(10 + (seq % 18)).padStart(2, '0')}${String(100 + (seq % 900)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

export function personInput(name: string, idNumber: string, phone: string): CallInput<'customer.create'> {
  return { kind: 'person', name, idType: 'resident', idNumber, phones: [{ number: phone }], acknowledgeDuplicates: true };
}

export async function updateCustomer(office: Office, id: string, patch: Partial<CallInput<'customer.update'>['fields']>) {
  const { customer, phones } = await office.call('customer.view', { id });
  const fields = {
    kind: customer.kind,
    name: customer.name,
    idType: customer.idType,
    idNumber: customer.idNumber,
    gender: customer.gender,
    birthDate: customer.birthDate,
    email: customer.email,
    address: customer.address,
    sourceId: customer.sourceId,
    intentionId: customer.intentionId,
    statusId: customer.statusId,
    tags: JSON.parse(customer.tags) as string[],
    remark: customer.remark,
    custom: JSON.parse(customer.custom) as Record<string, string>,
    phones: phones.map((p) => ({ number: p.number, isPrimary: p.isPrimary })),
    ...patch,
  };
  return office.call('customer.update', { id, fields, acknowledgeDuplicates: true } as CallInput<'customer.update'>);
}

export async function updateRoom(office: Office, id: string, patch: Partial<CallInput<'resource.update'>>) {
  const { resource: r } = await office.call('resource.card', { id });
  return office.call('resource.update', {
    id,
    code: r.code,
    name: r.name,
    floorNo: r.floorNo,
    buildArea: r.buildArea,
    innerArea: r.innerArea,
    houseType: r.houseType,
    orientation: r.orientation,
    use: r.use,
    status: r.status,
    zone: r.zone,
    custom: JSON.parse(r.custom) as Record<string, string>,
    ...patch,
  } as CallInput<'resource.update'>);
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function room(office: Office, projectId: string, code: string) {
  return office.call('resource.create', {
    projectId,
    parentId: null,
    kind: 'room',
    code,
    name: code,
    status: 'unsold',
  } as CallInput<'resource.create'>);
}
