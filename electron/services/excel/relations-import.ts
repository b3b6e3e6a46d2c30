import { findByIdKey } from '../../../db/queries/customers.js';
import { allRelationsOf, type RelationRow } from '../../../db/queries/resources.js';
import { IMPORT_FIELDS } from '../../../shared/api/calls/excel.js';
import type { Customer } from '../../../shared/domain/customers.js';
import { idDocumentKey, ID_DOCUMENT_TYPES, validateIdDocument } from '../../../shared/domain/id-documents.js';
import { RELATION_ROLES, relationInput, type RelationLike, type RelationRole } from '../../../shared/domain/relations.js';
import { HOLDABLE_KINDS } from '../../../shared/domain/resources.js';
import { AppError } from '../../../shared/errors.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import type { ServiceContext } from '../context.js';
import { createRelation, ownerConflict, type RelationCreateFields } from '../relations.js';
import { relationRuleProblems } from '../../../shared/domain/relations.js';
import { ID_TYPE_ALIASES, LOSSY_ID_REASON } from './customers-import.js';
import { atRow, labelsOf, RowLedger, type Importer, type Validated } from './importer.js';
import type { SourceRow } from './mapping.js';
import { normalCode, resourcesByCode } from './resources-import.js';
import { issueReasons, readChoice, readDate, readNumber, text } from './values.js';

const LABELS = labelsOf(IMPORT_FIELDS.relations);

const ROLE_ALIASES: Record<string, RelationRole> = {
  产权人: 'owner',
  房主: 'owner',
  共有产权人: 'coOwner',
  共同业主: 'coOwner',
  租户: 'tenant',
  承租人: 'tenant',
  住客: 'resident',
  居住人: 'resident',
  家庭成员: 'family',
  联系人: 'emergencyContact',
};

/** Stands in for a customer or resource that was not found, so the row's other fields are still checked. */
const PLACEHOLDER_ID = uuidv7();

type RelationValue = RelationCreateFields & { code: string };

/**
 * 客房关系: the customer is found by ID document (already registered), the resource by code
 * in the project. The owner-group rules are checked per resource on everything it will hold,
 * the existing relations and all rows of the file together.
 */
export function validateRelationRows(
  ctx: ServiceContext,
  rows: readonly SourceRow[],
  projectId: string | null,
): Validated<RelationValue> {
  if (!projectId) throw new AppError('VALIDATION', '请选择项目');
  const ledger = new RowLedger(rows);
  const resources = resourcesByCode(
    ctx,
    projectId,
    rows.flatMap((r) => normalCode(r.values.resourceCode) ?? []),
  );
  const customers = new Map<string, Customer | undefined>();
  const values = new Map<number, RelationValue>();
  for (const r of rows) {
    const v = r.values;
    const reject = (...reasons: string[]) => ledger.reject(r.row, ...reasons);
    const idType = readChoice(v.idType, '证件类型', ID_DOCUMENT_TYPES, ID_TYPE_ALIASES);
    if (!idType.ok) reject(idType.reason);
    let customer: Customer | undefined;
    if (r.lossy.includes('idNumber')) reject(LOSSY_ID_REASON);
    else if (idType.ok) {
      const type = idType.value ?? 'resident';
      const doc = validateIdDocument(type, v.idNumber ?? '');
      const key = doc.ok ? idDocumentKey(type, doc.number) : null;
      if (!doc.ok) reject(`证件号码：${doc.message}`);
      else if (!key) reject('证件类型为“其他”的客户无法按证件号码识别，请在客户资料中手工登记关系');
      else {
        if (!customers.has(key)) customers.set(key, findByIdKey(ctx.db, key));
        customer = customers.get(key);
        if (!customer) reject(`证件号码“${doc.number}”未登记为客户，请先登记或导入客户`);
      }
    }
    const code = normalCode(v.resourceCode);
    const resource = code ? resources.get(code) : undefined;
    if (!code) reject('请填写房号');
    else if (!resource) reject(`房号“${code}”不存在`);
    else if (!HOLDABLE_KINDS.includes(resource.kind)) reject(`“${code}”不是房间、车位或商铺，不能登记客户关系`);
    const role = readChoice(v.role, '关系', RELATION_ROLES, ROLE_ALIASES);
    if (!role.ok) reject(role.reason);
    else if (role.value === undefined) reject('请填写关系');
    const share = readNumber(v.share, '份额');
    if (!share.ok) reject(share.reason);
    const start = readDate(v.startDate, '开始日期');
    if (!start.ok) reject(start.reason);
    else if (start.value === undefined) reject('请填写开始日期');
    const end = readDate(v.endDate, '结束日期');
    if (!end.ok) reject(end.reason);
    if (!role.ok || !role.value || !share.ok || !start.ok || !start.value || !end.ok) continue;
    // The relation form's own schema: share range, date order, remark length.
    const parsed = relationInput.safeParse({
      customerId: customer?.id ?? PLACEHOLDER_ID,
      resourceId: resource?.id ?? PLACEHOLDER_ID,
      role: role.value,
      share: share.value ?? null,
      startDate: start.value,
      endDate: end.value ?? null,
      remark: text(v.remark) ?? '',
    });
    if (!parsed.success) reject(...issueReasons(parsed.error.issues, LABELS));
    else if (customer && resource && code) values.set(r.row, { ...parsed.data, code });
  }

  // Owner-group rules per resource, on its existing relations plus every accepted row of the file.
  const byResource = new Map<string, { row: number; value: RelationValue }[]>();
  for (const [row, value] of values) {
    if (ledger.isRejected(row)) continue;
    byResource.set(value.resourceId, [...(byResource.get(value.resourceId) ?? []), { row, value }]);
  }
  for (const [resourceId, group] of byResource) {
    const existing: RelationRow[] = allRelationsOf(ctx.db, { resourceId });
    const passing = group.filter(({ row, value }) => {
      const conflict = ownerConflict(existing, value);
      if (conflict) ledger.reject(row, conflict.message);
      return !conflict;
    });
    const added: RelationLike[] = passing.map((g) => g.value);
    const problems = relationRuleProblems([...existing, ...added], added, { completeGroup: true });
    if (problems.length > 0) {
      const code = passing[0]?.value.code ?? '';
      for (const { row } of passing) ledger.reject(row, `房号“${code}”的关系不符合规则：${problems.join('；')}`);
    }
  }
  return ledger.result(values);
}

export const relationImporter: Importer<RelationValue> = {
  validate: validateRelationRows,
  write: (ctx, tx, accepted) => {
    const added = new Map<string, { code: string; relations: RelationLike[] }>();
    for (const { row, value } of accepted) {
      const { code, ...input } = value;
      atRow(row, () => createRelation(ctx, tx, input, { checkRules: false }));
      const entry = added.get(input.resourceId) ?? { code, relations: [] };
      entry.relations.push(input);
      added.set(input.resourceId, entry);
    }
    // The group rules once every new relation of a resource is in (shares add up only then).
    for (const [resourceId, { code, relations }] of added) {
      const problems = relationRuleProblems(allRelationsOf(ctx.db, { resourceId }), relations, { completeGroup: true });
      if (problems.length > 0) throw new AppError('RELATION_RULE', `房号“${code}”：${problems.join('；')}`);
    }
  },
};
