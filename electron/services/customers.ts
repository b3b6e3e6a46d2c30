import {
  accountsOf,
  briefs,
  customerIdsByPhones,
  customerIdsOfProject,
  familyOf,
  mergesInto,
  findByIdKey,
  findCustomerRow,
  findVehicleByPlate,
  getCustomer,
  listCustomers,
  phonesOf,
  rowsPointingAt,
  vehiclesOf,
} from '../../db/queries/customers.js';
import { historyOfRecords } from '../../db/queries/history.js';
import { matchCustomers } from '../../db/queries/search.js';
import { allRelationsOf, getResource, getResources, today } from '../../db/queries/resources.js';
import { getDictItem } from '../../db/queries/dictionaries.js';
import { listProjects } from '../../db/queries/org.js';
import type { TxWriter } from '../../db/write.js';
import type { Handlers } from '../../shared/api/contract.js';
import type { CustomerRelationView, DuplicateReport, FamilyView } from '../../shared/api/calls/customers.js';
import { maskAccountNumber } from '../../shared/domain/bank-accounts.js';
import { planCustomerMerge, planUndoMerge } from '../../shared/domain/customer-merge.js';
import { maskIdNumber, type BankAccountView, type Customer, type CustomerKind } from '../../shared/domain/customers.js';
import {
  idDocumentKey,
  normalizeIdNumber,
  ID_DOCUMENT_TYPE_CODES,
  type IdDocumentType,
} from '../../shared/domain/id-documents.js';
import { normalizePhone } from '../../shared/domain/phones.js';
import { isCurrentOn } from '../../shared/domain/relations.js';
import { AppError } from '../../shared/errors.js';
import type { ServiceContext } from './context.js';
import { visibleProjectIds } from './org.js';
import { checkedCustomValues } from './custom-values.js';
import { documentViews } from './customer-documents.js';
import { documentsOf } from '../../db/queries/documents.js';

type CustomerHandlers = Pick<
  Handlers,
  | 'customer.list'
  | 'customer.checkDuplicates'
  | 'customer.create'
  | 'customer.update'
  | 'customer.view'
  | 'customer.addFamily'
  | 'customer.removeFamily'
  | 'customer.addVehicle'
  | 'customer.updateVehicle'
  | 'customer.removeVehicle'
  | 'customer.addAccount'
  | 'customer.setPrimaryAccount'
  | 'customer.removeAccount'
  | 'customer.merge'
  | 'customer.undoMerge'
>;

/** The customer fields after the contract's schema: validated, normalised, filled from the 身份证. */
export interface CustomerFields {
  kind: CustomerKind;
  name: string;
  idType: IdDocumentType;
  idNumber: string;
  gender: Customer['gender'];
  birthDate: string | null;
  email?: string;
  address?: string;
  sourceId?: string | null;
  intentionId?: string | null;
  statusId?: string | null;
  tags?: string[];
  remark?: string;
  custom?: Record<string, string>;
  phones: { number: string; isPrimary: boolean }[];
}

export function duplicateReport(
  ctx: ServiceContext,
  probe: {
    idType?: string | undefined;
    idNumber?: string | undefined;
    name?: string | undefined;
    phones: readonly string[];
    exceptId?: string | undefined;
  },
): DuplicateReport {
  let sameDocument = null;
  if (probe.idType && probe.idNumber && (ID_DOCUMENT_TYPE_CODES as readonly string[]).includes(probe.idType)) {
    const type = probe.idType as IdDocumentType;
    const key = idDocumentKey(type, normalizeIdNumber(type, probe.idNumber));
    const found = key ? findByIdKey(ctx.db, key, probe.exceptId) : undefined;
    sameDocument = found ? (briefs(ctx.db, [found.id])[0] ?? null) : null;
  }
  const numbers = probe.phones.flatMap((p) => {
    const n = normalizePhone(p);
    return n.ok ? [n.number] : [];
  });
  const byPhone = briefs(ctx.db, customerIdsByPhones(ctx.db, numbers, probe.exceptId)).filter((b) => b.id !== sameDocument?.id);
  const name = probe.name?.normalize('NFKC').trim();
  return {
    sameDocument,
    sameNameAndPhone: byPhone.filter((b) => b.name === name),
    samePhone: byPhone.filter((b) => b.name !== name),
  };
}

function refuseDuplicates(ctx: ServiceContext, fields: CustomerFields, acknowledged: boolean, exceptId?: string): void {
  const report = duplicateReport(ctx, {
    idType: fields.idType,
    idNumber: fields.idNumber,
    name: fields.name,
    // Same-phone matches only warn: once the user has acknowledged them, don't look them up.
    phones: acknowledged ? [] : fields.phones.map((p) => p.number),
    exceptId,
  });
  if (report.sameDocument) {
    const existing = report.sameDocument;
    throw new AppError(
      'DUPLICATE_ID_DOCUMENT',
      `证件号码已登记为客户“${existing.name}”，请打开该客户，不要重复登记`,
      { idNumber: `已登记为客户“${existing.name}”` },
      { existingId: existing.id, existing },
    );
  }
  const warnings = [...report.sameNameAndPhone, ...report.samePhone];
  if (warnings.length > 0 && !acknowledged) {
    const what = report.sameNameAndPhone.length > 0 ? '同名同电话' : '同电话';
    throw new AppError(
      'DUPLICATE_WARNING',
      `已有${what}的客户：${warnings.map((w) => w.name).join('、')}。确认不是同一人后再保存`,
      undefined,
      { matches: warnings },
    );
  }
}

function withPrimary(phones: readonly { number: string; isPrimary: boolean }[]) {
  const primaryIndex = Math.max(
    0,
    phones.findIndex((p) => p.isPrimary),
  );
  return phones.map((p, i) => ({ number: p.number, isPrimary: i === primaryIndex }));
}

function writePhones(
  ctx: ServiceContext,
  tx: TxWriter,
  customerId: string,
  phones: readonly { number: string; isPrimary: boolean }[],
  // A customer being created has none yet: no need to ask.
  existing = phonesOf(ctx.db, [customerId]),
): void {
  const wanted = withPrimary(phones);
  for (const old of existing) {
    const keep = wanted.find((w) => w.number === old.number);
    if (!keep) tx.remove('customerPhone', old.id);
    else tx.update('customerPhone', old.id, { isPrimary: keep.isPrimary });
  }
  for (const phone of wanted) {
    if (existing.some((e) => e.number === phone.number)) continue;
    // Its kind and search key are derived by the write path.
    tx.create('customerPhone', { projectId: null, customerId, number: phone.number, isPrimary: phone.isPrimary });
  }
}

function assertDictIds(ctx: ServiceContext, fields: CustomerFields): void {
  for (const id of [fields.sourceId, fields.intentionId, fields.statusId, ...(fields.tags ?? [])]) {
    if (id && !getDictItem(ctx.db, id)) throw new AppError('NOT_FOUND', '所选的基础数据不存在或已删除');
  }
}

/** The customer's columns (idKey and the search keys are derived from them by the write path). */
function customerColumns(ctx: ServiceContext, fields: CustomerFields) {
  const { phones: _phones, tags, custom, ...plain } = fields;
  return {
    ...plain,
    ...(tags ? { tags: JSON.stringify(tags) } : {}),
    ...(custom ? { custom: JSON.stringify(checkedCustomValues(ctx, 'customer', custom)) } : {}),
  };
}

/**
 * `documentChecked`: the caller has just checked, in this same transaction, that no customer
 * holds the document (an import's validation pass), so the lookup is not repeated.
 */
export function createCustomer(
  ctx: ServiceContext,
  tx: TxWriter,
  fields: CustomerFields,
  acknowledged: boolean,
  options: { documentChecked?: boolean } = {},
): Customer {
  if (!options.documentChecked) refuseDuplicates(ctx, fields, acknowledged);
  assertDictIds(ctx, fields);
  const customer = tx.create('customer', {
    projectId: null,
    ...customerColumns(ctx, fields),
    mergedInto: null,
  }) as Customer;
  writePhones(ctx, tx, customer.id, fields.phones, []);
  return customer;
}

export function liveCustomer(tx: TxWriter, id: string): Customer {
  const customer = tx.get('customer', id) as Customer;
  if (customer.mergedInto) {
    throw new AppError('CUSTOMER_MERGED', '该客户已合并到其他客户，请打开合并后的客户', undefined, {
      survivorId: customer.mergedInto,
    });
  }
  return customer;
}

function accountView(row: ReturnType<typeof accountsOf>[number]): BankAccountView {
  return {
    id: row.id,
    customerId: row.customerId,
    bank: row.bank,
    accountName: row.accountName,
    accountNumberMasked: maskAccountNumber(row.accountNumber),
    isPrimary: row.isPrimary,
  };
}

function addVehicle(
  ctx: ServiceContext,
  tx: TxWriter,
  customerId: string,
  v: { plate: string; model: string; color: string; parkingId: string | null },
) {
  if (findVehicleByPlate(ctx.db, v.plate))
    throw new AppError('DUPLICATE_CODE', `车牌“${v.plate}”已登记`, { plate: `车牌“${v.plate}”已登记` });
  if (v.parkingId) {
    const space = getResource(ctx.db, v.parkingId);
    if (!space || space.kind !== 'parking') throw new AppError('NOT_FOUND', '所选车位不存在');
  }
  return tx.create('vehicle', { projectId: null, customerId, ...v });
}

function addAccount(
  ctx: ServiceContext,
  tx: TxWriter,
  customerId: string,
  a: { bank: string; accountName: string; accountNumber: string; isPrimary: boolean },
) {
  const existing = accountsOf(ctx.db, customerId);
  // One primary account: the first one is, and a new primary demotes the old.
  const isPrimary = a.isPrimary || existing.length === 0;
  if (isPrimary) for (const other of existing) if (other.isPrimary) tx.update('bankAccount', other.id, { isPrimary: false });
  return tx.create('bankAccount', { projectId: null, customerId, ...a, isPrimary });
}

function addFamily(
  ctx: ServiceContext,
  tx: TxWriter,
  customerId: string,
  family: { relationId: string | null; existingId?: string | undefined; member?: CustomerFields | undefined },
) {
  let memberId = family.existingId;
  if (memberId) liveCustomer(tx, memberId);
  else if (family.member) memberId = createCustomer(ctx, tx, family.member, true).id;
  if (!memberId) throw new AppError('VALIDATION', '请选择已有客户或填写家庭成员信息');
  if (memberId === customerId) throw new AppError('VALIDATION', '不能把客户登记为自己的家庭成员');
  if (familyOf(ctx.db, customerId).some((f) => f.memberId === memberId || f.customerId === memberId)) {
    throw new AppError('VALIDATION', '该家庭成员已登记');
  }
  return tx.create('familyMember', { projectId: null, customerId, memberId, relationId: family.relationId });
}

function familyViews(ctx: ServiceContext, customerId: string): FamilyView[] {
  const rows = familyOf(ctx.db, customerId);
  const others = briefs(
    ctx.db,
    rows.map((r) => (r.customerId === customerId ? r.memberId : r.customerId)),
  );
  return rows.flatMap((r) => {
    const reverse = r.customerId !== customerId;
    const member = others.find((o) => o.id === (reverse ? r.customerId : r.memberId));
    if (!member) return [];
    const relation = r.relationId ? getDictItem(ctx.db, r.relationId) : undefined;
    return [{ id: r.id, relationId: r.relationId, relationName: relation?.name ?? '', member, reverse }];
  });
}

export function customerHandlers(ctx: ServiceContext): CustomerHandlers {
  return {
    'customer.list': ({ query, projectId, page, pageSize }) => {
      let ids: string[] | undefined;
      if (projectId) ids = customerIdsOfProject(ctx.db, projectId);
      if (query?.trim()) {
        const found = new Set(matchCustomers(ctx.db, query, 5000).map((m) => m.id));
        ids = ids ? ids.filter((id) => found.has(id)) : [...found];
      }
      const result = listCustomers(ctx.db, { ids, page, pageSize });
      const rows = briefs(
        ctx.db,
        result.items.map((i) => i.id),
      );
      return { ...result, items: rows.map((b, i) => ({ ...b, updatedAt: result.items[i]?.updatedAt ?? '' })) };
    },

    'customer.checkDuplicates': (probe) => duplicateReport(ctx, probe),

    'customer.create': ({ family, vehicles, accounts, acknowledgeDuplicates, ...fields }) =>
      ctx.writer.transaction((tx) => {
        const customer = createCustomer(ctx, tx, fields, acknowledgeDuplicates);
        for (const f of family) addFamily(ctx, tx, customer.id, f);
        for (const v of vehicles) addVehicle(ctx, tx, customer.id, v);
        for (const a of accounts) addAccount(ctx, tx, customer.id, a);
        return tx.get('customer', customer.id) as Customer;
      }),

    'customer.update': ({ id, fields, acknowledgeDuplicates }) =>
      ctx.writer.transaction((tx) => {
        liveCustomer(tx, id);
        refuseDuplicates(ctx, fields, acknowledgeDuplicates, id);
        assertDictIds(ctx, fields);
        const updated = tx.update('customer', id, customerColumns(ctx, fields)) as Customer;
        writePhones(ctx, tx, id, fields.phones);
        return updated;
      }),

    'customer.view': ({ id }) => {
      const customer = getCustomer(ctx.db, id);
      if (!customer) throw new AppError('NOT_FOUND');
      if (customer.mergedInto) {
        throw new AppError('CUSTOMER_MERGED', '该客户已合并到其他客户', undefined, { survivorId: customer.mergedInto });
      }
      const visible = new Set(visibleProjectIds(ctx));
      const projectNames = new Map(listProjects(ctx.db).map((p) => [p.id, p.name]));
      const relationRows = allRelationsOf(ctx.db, { customerId: id }).filter((r) => visible.has(r.projectId ?? ''));
      const resourcesById = new Map(
        getResources(
          ctx.db,
          relationRows.map((r) => r.resourceId),
        ).map((r) => [r.id, r]),
      );
      const on = today();
      const relations: CustomerRelationView[] = relationRows.flatMap((r) => {
        const resource = resourcesById.get(r.resourceId);
        if (!resource) return [];
        return [
          {
            id: r.id,
            projectId: r.projectId ?? '',
            projectName: projectNames.get(r.projectId ?? '') ?? '',
            resource: {
              id: resource.id,
              kind: resource.kind,
              code: resource.code,
              name: resource.name,
              endedOn: resource.endedOn,
            },
            role: r.role,
            share: r.share,
            startDate: r.startDate,
            endDate: r.endDate,
            current: isCurrentOn(r, on),
            remark: r.remark,
          },
        ];
      });
      const phones = phonesOf(ctx.db, [id]);
      const vehicles = vehiclesOf(ctx.db, id);
      const accounts = accountsOf(ctx.db, id);
      const family = familyViews(ctx, id);
      const merges = mergesInto(ctx.db, id);
      const documents = documentViews(ctx, id);
      const recordIds = [
        id,
        ...phones.map((p) => p.id),
        ...vehicles.map((v) => v.vehicle.id),
        ...accounts.map((a) => a.id),
        ...family.map((f) => f.id),
        ...relationRows.map((r) => r.id),
        ...merges.map((m) => m.id),
        ...documents.map((d) => d.id),
      ];
      return {
        customer: { ...customer, idNumberMasked: maskIdNumber(customer.idNumber) },
        phones: phones.map((p) => ({ id: p.id, number: p.number, kind: p.kind, isPrimary: p.isPrimary })),
        family,
        vehicles: vehicles.map((v) => ({ ...v.vehicle, parkingCode: v.parkingCode })),
        accounts: accounts.map(accountView),
        relations,
        documents,
        history: historyOfRecords(ctx.db, recordIds),
        mergedFrom: merges.map((m) => ({
          mergeId: m.id,
          mergedId: m.mergedId,
          mergedName: findCustomerRow(ctx.db, m.mergedId)?.name ?? '',
          undone: m.undone,
        })),
      };
    },

    'customer.addFamily': ({ customerId, family }) =>
      ctx.writer.transaction((tx) => {
        liveCustomer(tx, customerId);
        const row = addFamily(ctx, tx, customerId, family);
        return familyViews(ctx, customerId).find((f) => f.id === row.id)!;
      }),
    'customer.removeFamily': ({ id }) => ctx.writer.transaction((tx) => (tx.remove('familyMember', id), { removed: true })),

    'customer.addVehicle': ({ customerId, ...vehicle }) =>
      ctx.writer.transaction((tx) => {
        liveCustomer(tx, customerId);
        return addVehicle(ctx, tx, customerId, vehicle);
      }),
    'customer.updateVehicle': ({ id, ...vehicle }) =>
      ctx.writer.transaction((tx) => {
        if (findVehicleByPlate(ctx.db, vehicle.plate, id))
          throw new AppError('DUPLICATE_CODE', `车牌“${vehicle.plate}”已登记`, { plate: `车牌“${vehicle.plate}”已登记` });
        return tx.update('vehicle', id, vehicle);
      }),
    'customer.removeVehicle': ({ id }) => ctx.writer.transaction((tx) => (tx.remove('vehicle', id), { removed: true })),

    'customer.addAccount': ({ customerId, ...account }) =>
      ctx.writer.transaction((tx) => {
        liveCustomer(tx, customerId);
        return accountView(addAccount(ctx, tx, customerId, account));
      }),
    'customer.setPrimaryAccount': ({ id }) =>
      ctx.writer.transaction((tx) => {
        const account = tx.get('bankAccount', id);
        for (const other of accountsOf(ctx.db, account.customerId))
          tx.update('bankAccount', other.id, { isPrimary: other.id === id });
        return { ok: true as const };
      }),
    'customer.removeAccount': ({ id }) =>
      ctx.writer.transaction((tx) => {
        const account = tx.get('bankAccount', id);
        tx.remove('bankAccount', id);
        const rest = accountsOf(ctx.db, account.customerId);
        if (account.isPrimary && rest[0]) tx.update('bankAccount', rest[0].id, { isPrimary: true });
        return { removed: true };
      }),

    'customer.merge': ({ survivorId, mergedId }) =>
      ctx.writer.transaction((tx) => {
        if (survivorId === mergedId) throw new AppError('MERGE_RULE', '不能把客户合并到自己');
        const survivor = liveCustomer(tx, survivorId);
        const merged = liveCustomer(tx, mergedId);
        if (survivor.kind !== merged.kind) throw new AppError('MERGE_RULE', '个人客户与单位客户不能合并');
        const pointing = rowsPointingAt(ctx.db, mergedId);
        const plan = planCustomerMerge({
          survivorId,
          mergedId,
          survivor: {
            phoneNumbers: phonesOf(ctx.db, [survivorId]).map((p) => p.number),
            family: familyOf(ctx.db, survivorId),
            hasPrimaryAccount: accountsOf(ctx.db, survivorId).some((a) => a.isPrimary),
            documentHashes: documentsOf(ctx.db, survivorId).map((d) => d.hash),
          },
          merged: {
            phones: phonesOf(ctx.db, [mergedId]),
            family: [...pointing.familyAsCustomer, ...pointing.familyAsMember].map((id) => tx.get('familyMember', id)),
            vehicleIds: pointing.vehicles,
            accountIds: pointing.accounts,
            relationIds: pointing.relations,
            documents: documentsOf(ctx.db, mergedId),
          },
        });
        for (const step of plan.steps) {
          if (step.op === 'remove') tx.remove(step.entity, step.id);
          else tx.update(step.entity, step.id, step.values as never);
        }
        tx.update('customer', mergedId, plan.mergedCustomer);
        const merge = tx.create('customerMerge', plan.mergeRecord);
        return { mergeId: merge.id };
      }),

    'customer.undoMerge': ({ mergeId }) =>
      ctx.writer.transaction((tx) => {
        const merge = tx.get('customerMerge', mergeId);
        if (merge.undone) throw new AppError('MERGE_RULE', '该合并已撤销');
        const undo = planUndoMerge(merge);
        for (const step of undo.steps) {
          if (step.op === 'undelete') tx.undelete(step.entity, step.id);
          else tx.update(step.entity, step.id, step.values as never);
        }
        tx.update('customer', merge.mergedId, undo.mergedCustomer);
        tx.update('customerMerge', mergeId, undo.mergeRecord);
        return { ok: true as const };
      }),
  };
}
