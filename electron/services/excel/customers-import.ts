import { briefs, customerIdsByPhones, findByIdKey, phonesOf } from '../../../db/queries/customers.js';
import { IMPORT_FIELDS, type ImportCommitResult, type ImportFieldKey, type ImportMode } from '../../../shared/api/calls/excel.js';
import {
  CUSTOMER_KINDS,
  customerFields,
  GENDERS,
  type CustomerBrief,
  type CustomerKind,
  type Gender,
} from '../../../shared/domain/customers.js';
import {
  compareWithTyped,
  idDocumentKey,
  ID_DOCUMENT_TYPES,
  validateIdDocument,
  type IdDocumentType,
} from '../../../shared/domain/id-documents.js';
import type { ServiceContext } from '../context.js';
import { createCustomer, type CustomerFields } from '../customers.js';
import { commitRows, labelsOf, RowLedger, sourceRows, atRow, type Importer, type Validated } from './importer.js';
import type { SourceRow } from './mapping.js';
import { issueReasons, readChoice, readDate, splitPhones, text, type Read } from './values.js';

const LABELS = labelsOf(IMPORT_FIELDS.customers);

/** Names people write for the document types besides their official ones. */
export const ID_TYPE_ALIASES: Record<string, IdDocumentType> = {
  身份证: 'resident',
  二代身份证: 'resident',
  大陆身份证: 'resident',
  港澳居民居住证: 'resident',
  台湾居民居住证: 'resident',
  港澳通行证: 'hkMacau',
  回乡证: 'hkMacau',
  港澳居民来往内地通行证: 'hkMacau',
  台胞证: 'taiwan',
  台湾通行证: 'taiwan',
  永居证: 'foreignPermanent',
  外国人永久居留证: 'foreignPermanent',
  营业执照: 'creditCode',
  信用代码: 'creditCode',
  社会信用代码: 'creditCode',
};

const KIND_ALIASES: Record<string, CustomerKind> = {
  个人客户: 'person',
  自然人: 'person',
  单位客户: 'company',
  公司: 'company',
  企业: 'company',
  机构: 'company',
};

const GENDER_ALIASES: Record<string, Gender> = { 男性: 'male', 女性: 'female', m: 'male', f: 'female', 不详: 'unknown' };

/** Said when an ID number sat in a number cell: Excel kept 15 digits, the rest is gone. */
export const LOSSY_ID_REASON =
  '证件号码：Excel 把它存成了数字，超过15位的部分已丢失（末尾变成0）。请把该列设为“文本”格式，重新填写号码后再导入';

export type CustomerRowValues = Partial<Record<ImportFieldKey<'customers'>, string>>;

function readOrReason<T>(read: Read<T>, reasons: string[], failed: Set<string>, key: string): T | undefined {
  if (read.ok) return read.value;
  reasons.push(read.reason);
  failed.add(key);
  return undefined;
}

/** One row through the registration form's own schema (customerFields). */
function checkRow(r: SourceRow): { fields?: CustomerFields; reasons: string[]; docKey: string | null; warnings: string[] } {
  const v = r.values;
  const reasons: string[] = [];
  const failed = new Set<string>();
  const kind = readOrReason(readChoice(v.kind, '客户类型', CUSTOMER_KINDS, KIND_ALIASES), reasons, failed, 'kind');
  const idTypeRead = readOrReason(
    readChoice(v.idType, '证件类型', ID_DOCUMENT_TYPES, ID_TYPE_ALIASES),
    reasons,
    failed,
    'idType',
  );
  const idType: IdDocumentType = idTypeRead ?? (kind === 'company' ? 'creditCode' : 'resident');
  if (failed.has('idType')) failed.add('idNumber');
  const gender = readOrReason(readChoice(v.gender, '性别', GENDERS, GENDER_ALIASES), reasons, failed, 'gender');
  const birthDate = readOrReason(readDate(v.birthDate, '出生日期'), reasons, failed, 'birthDate');
  if (r.lossy.includes('idNumber')) {
    reasons.push(LOSSY_ID_REASON);
    failed.add('idNumber');
  }
  const input = {
    kind,
    name: v.name ?? '',
    idType,
    idNumber: v.idNumber ?? '',
    gender,
    birthDate,
    email: text(v.email),
    address: text(v.address),
    remark: text(v.remark),
    phones: splitPhones(v.phones).map((number, i) => ({ number, isPrimary: i === 0 })),
  };
  const parsed = customerFields.safeParse(input);
  if (!parsed.success) {
    // The document is checked below with the same function the schema uses, so a row with other
    // errors still says what is wrong with its number (the schema stops before checking it).
    const kept = parsed.error.issues.filter((i) => !failed.has(String(i.path[0] ?? '')) && i.path[0] !== 'idNumber');
    reasons.push(...issueReasons(kept, LABELS));
  }
  let docKey: string | null = null;
  const warnings: string[] = [];
  if (!failed.has('idNumber')) {
    const doc = validateIdDocument(idType, input.idNumber);
    if (doc.ok) {
      docKey = idDocumentKey(idType, doc.number);
      warnings.push(...compareWithTyped(doc.info, { birthDate, sex: gender === 'unknown' ? undefined : gender }));
    } else {
      reasons.push(`证件号码：${doc.message}`);
    }
  }
  return { fields: parsed.success && reasons.length === 0 ? parsed.data : undefined, reasons, docKey, warnings };
}

/** Live customers holding each of these numbers, looked up in batches rather than row by row. */
function holdersOfNumbers(ctx: ServiceContext, numbers: readonly string[]): Map<string, CustomerBrief[]> {
  const ids = new Set<string>();
  for (let i = 0; i < numbers.length; i += 500)
    for (const id of customerIdsByPhones(ctx.db, numbers.slice(i, i + 500))) ids.add(id);
  const idList = [...ids];
  const holders = new Map<string, CustomerBrief[]>();
  for (let i = 0; i < idList.length; i += 500) {
    const part = idList.slice(i, i + 500);
    const byId = new Map(briefs(ctx.db, part).map((b) => [b.id, b]));
    for (const phone of phonesOf(ctx.db, part)) {
      const brief = byId.get(phone.customerId);
      if (brief) holders.set(phone.number, [...(holders.get(phone.number) ?? []), brief]);
    }
  }
  return holders;
}

/**
 * Every row through the registration form's schema and the duplicate rules. With
 * `warnings: false` (the commit) the possible-duplicate look-ups are skipped: they never block.
 */
export function validateCustomerRows(
  ctx: ServiceContext,
  rows: readonly SourceRow[],
  options: { warnings?: boolean } = {},
): Validated<CustomerFields> {
  const ledger = new RowLedger(rows);
  const values = new Map<number, CustomerFields>();
  const docRows = new Map<string, number>();
  for (const r of rows) {
    const checked = checkRow(r);
    if (checked.reasons.length > 0) ledger.reject(r.row, ...checked.reasons);
    for (const w of checked.warnings) ledger.warn(r.row, w);
    if (checked.docKey) {
      // The same document registered already, or earlier in this file: refused, as the form refuses it.
      const existing = findByIdKey(ctx.db, checked.docKey);
      if (existing) ledger.reject(r.row, `证件号码已登记为客户“${existing.name}”`);
      const first = docRows.get(checked.docKey);
      if (first !== undefined) ledger.reject(r.row, `与第${first}行的证件号码重复`);
      else docRows.set(checked.docKey, r.row);
    }
    if (checked.fields && !ledger.isRejected(r.row)) values.set(r.row, checked.fields);
  }
  if (options.warnings !== false) {
    // Same phone: only a warning, as on the form; the import goes ahead (acknowledged).
    const numbers = [...new Set([...values.values()].flatMap((f) => f.phones.map((p) => p.number)))];
    const holders = holdersOfNumbers(ctx, numbers);
    const phoneRows = new Map<string, number>();
    for (const [row, fields] of values) {
      const others = new Map<string, CustomerBrief>();
      for (const p of fields.phones) for (const b of holders.get(p.number) ?? []) others.set(b.id, b);
      if (others.size > 0) {
        const names = [...others.values()].slice(0, 3).map((b) => `“${b.name}”`);
        ledger.warn(row, `电话与已有客户${names.join('、')}${others.size > 3 ? '等' : ''}相同，请确认不是同一人`);
      }
      for (const p of fields.phones) {
        const first = phoneRows.get(p.number);
        if (first !== undefined) ledger.warn(row, `电话${p.number}与第${first}行相同`);
        else phoneRows.set(p.number, row);
      }
    }
  }
  return ledger.result(values);
}

export const customerImporter: Importer<CustomerFields> = {
  validate: (ctx, rows, _projectId, options) => validateCustomerRows(ctx, rows, options),
  write: (ctx, tx, accepted) => {
    // validate() ran in this same transaction and refused documents already held or repeated in the file.
    for (const { row, value } of accepted) atRow(row, () => createCustomer(ctx, tx, value, true, { documentChecked: true }));
  },
};

/**
 * The clean entry point for a benchmark (“import 10,000 customer rows with validation”):
 * validates every row with the form's rules and the duplicate checks, and writes the valid
 * ones in one transaction, exactly as `import.commit` does after parsing the workbook.
 *
 *   const t = tempDatabase();
 *   const ctx = { db: t.db, writer: t.writer, info: () => appInfo };
 *   importCustomerRows(ctx, rows); // rows: { name, idNumber, phones, … } by field key
 */
export function importCustomerRows(
  ctx: ServiceContext,
  rows: readonly CustomerRowValues[] | readonly SourceRow[],
  mode: ImportMode = 'validOnly',
): ImportCommitResult {
  const source =
    rows.length > 0 && 'values' in (rows[0] as object) ? (rows as SourceRow[]) : sourceRows(rows as CustomerRowValues[]);
  const { imported, validated } = commitRows(ctx, customerImporter, source, null, mode);
  return { imported, rejected: validated.rejected.length };
}
