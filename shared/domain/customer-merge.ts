/**
 * What merging one customer (the duplicate) into another (the survivor) does to the records
 * of theirs: ONE plan, used by the device's 合并客户 (customer.merge) and by the group server's
 * identity merge (one customer per ID document), so both sides move the same records by the
 * same rules and record the same `moved` list, which 撤销合并 walks back on any device.
 *
 * Rules:
 * - 电话: moved to the survivor, never as its primary; a number the survivor has already goes.
 * - 家庭成员: each link moves its end to the survivor; a link that would point from the survivor
 *   to itself, or a second time to the same person, goes.
 * - 车辆, 客房关系: moved.
 * - 银行账户: moved; not primary when the survivor has a primary account already.
 * - 证件扫描件: moved; a scan whose content (hash) the survivor has already goes.
 */

export type MergeMovedEntity =
  'customerPhone' | 'familyMember' | 'vehicle' | 'bankAccount' | 'customerResource' | 'customerDocument';

/** One record the merge moved or removed, as the customerMerge record keeps it (for undo). */
export interface MovedRecord {
  entity: MergeMovedEntity;
  id: string;
  /** The field that pointed at the duplicate (customerId, or a family link's memberId). */
  field: string;
  op: 'move' | 'remove';
}

/** What to write for one record: a move sets `values`, a removal tombstones the record. */
export type MergeStep = MovedRecord & { values: Record<string, unknown> };

export interface FamilyLinkLike {
  id: string;
  customerId: string;
  memberId: string;
}

/** The live records of both customers the plan needs (read by each side from its own store). */
export interface CustomerMergeInput {
  survivorId: string;
  mergedId: string;
  survivor: {
    phoneNumbers: readonly string[];
    /** Every live family link naming the survivor, at either end. */
    family: readonly FamilyLinkLike[];
    hasPrimaryAccount: boolean;
    documentHashes: readonly string[];
  };
  merged: {
    phones: readonly { id: string; number: string }[];
    /** Every live family link naming the duplicate, at either end. */
    family: readonly FamilyLinkLike[];
    vehicleIds: readonly string[];
    accountIds: readonly string[];
    relationIds: readonly string[];
    documents: readonly { id: string; hash: string }[];
  };
}

export interface CustomerMergePlan {
  /** In order: phones, family links, vehicles, accounts, relations, documents. */
  steps: MergeStep[];
  /** What the customerMerge record keeps: the steps without their values. */
  moved: MovedRecord[];
  /** The duplicate's own change. */
  mergedCustomer: { mergedInto: string };
  /** The customerMerge record's fields. */
  mergeRecord: { projectId: null; survivorId: string; mergedId: string; moved: string; undone: false };
}

export function planCustomerMerge(input: CustomerMergeInput): CustomerMergePlan {
  const { survivorId, mergedId, survivor, merged } = input;
  const steps: MergeStep[] = [];
  const move = (entity: MergeMovedEntity, id: string, field: string, values: Record<string, unknown>) =>
    steps.push({ entity, id, field, op: 'move', values });
  const remove = (entity: MergeMovedEntity, id: string, field: string) =>
    steps.push({ entity, id, field, op: 'remove', values: {} });

  const survivorNumbers = new Set(survivor.phoneNumbers);
  for (const phone of merged.phones) {
    if (survivorNumbers.has(phone.number)) remove('customerPhone', phone.id, 'customerId');
    else move('customerPhone', phone.id, 'customerId', { customerId: survivorId, isPrimary: false });
  }
  for (const link of merged.family) {
    const field = link.customerId === mergedId ? 'customerId' : 'memberId';
    const other = field === 'customerId' ? link.memberId : link.customerId;
    const twice = survivor.family.some((f) => f.memberId === other || f.customerId === other);
    if (other === survivorId || twice) remove('familyMember', link.id, field);
    else move('familyMember', link.id, field, { [field]: survivorId });
  }
  for (const id of merged.vehicleIds) move('vehicle', id, 'customerId', { customerId: survivorId });
  for (const id of merged.accountIds) {
    move(
      'bankAccount',
      id,
      'customerId',
      survivor.hasPrimaryAccount ? { customerId: survivorId, isPrimary: false } : { customerId: survivorId },
    );
  }
  for (const id of merged.relationIds) move('customerResource', id, 'customerId', { customerId: survivorId });
  const survivorScans = new Set(survivor.documentHashes);
  for (const doc of merged.documents) {
    if (survivorScans.has(doc.hash)) remove('customerDocument', doc.id, 'customerId');
    else move('customerDocument', doc.id, 'customerId', { customerId: survivorId });
  }

  const moved = steps.map(({ entity, id, field, op }) => ({ entity, id, field, op }));
  return {
    steps,
    moved,
    mergedCustomer: { mergedInto: survivorId },
    mergeRecord: { projectId: null, survivorId, mergedId, moved: JSON.stringify(moved), undone: false },
  };
}

/**
 * 撤销合并: every record the merge moved points at the duplicate again, every one it removed
 * comes back, the duplicate is no longer merged and the merge is marked undone.
 */
export function planUndoMerge(merge: { mergedId: string; moved: string }): {
  steps: ({ entity: MergeMovedEntity; id: string } & ({ op: 'undelete' } | { op: 'update'; values: Record<string, unknown> }))[];
  mergedCustomer: { mergedInto: null };
  mergeRecord: { undone: true };
} {
  const moved = JSON.parse(merge.moved) as MovedRecord[];
  return {
    steps: moved.map((m) =>
      m.op === 'remove'
        ? { entity: m.entity, id: m.id, op: 'undelete' as const }
        : { entity: m.entity, id: m.id, op: 'update' as const, values: { [m.field]: merge.mergedId } },
    ),
    mergedCustomer: { mergedInto: null },
    mergeRecord: { undone: true },
  };
}
