import { DERIVED_FIELDS, type ChangeOp, type EntityName } from '../../../../shared/domain/audit.js';
import { CUSTOMER_DOCUMENT_KINDS } from '../../../../shared/domain/customer-documents.js';
import { CUSTOMER_KINDS, GENDERS } from '../../../../shared/domain/customers.js';
import { ID_DOCUMENT_TYPES } from '../../../../shared/domain/id-documents.js';
import { PROJECT_STATUSES } from '../../../../shared/domain/org.js';
import { RELATION_ROLES } from '../../../../shared/domain/relations.js';
import { RESOURCE_KINDS, RESOURCE_STATUSES, RESOURCE_USES } from '../../../../shared/domain/resources.js';
import type { ConflictEdit, SyncConflict } from '../../../../shared/domain/sync.js';
import { visibleFields } from '../../components/historyFormat.js';

/**
 * 修改后重试: which attempted values of a 冲突 the user may change, and the 'edit' input their
 * answers make. The host replays the attempt with these values as a new local change.
 */

export type NamedCode = { code: string; zh: string; en: string };
export type EditorKind = 'text' | 'number' | 'boolean' | 'select';

export interface EditField {
  field: string;
  /** The value before the attempt (shown beside the input). */
  old: unknown;
  /** The attempted value: the input starts with it. */
  value: unknown;
  kind: EditorKind;
  options?: readonly NamedCode[];
}

export interface EditRecord {
  /** The form's name for this record's group of fields. */
  key: string;
  entity: EntityName;
  entityId: string;
  op: ChangeOp;
  fields: EditField[];
}

/** Fields the write path sets itself: the host refuses them in an edit. */
const NOT_RETRIED = new Set(['id', 'projectId', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt']);
/** Bookkeeping of merges and values read from others (a phone's kind): never typed by hand. */
const NOT_EDITED = new Set(['mergedInto', 'undone']);

function editable(entity: EntityName, field: string): boolean {
  if (NOT_RETRIED.has(field) || NOT_EDITED.has(field)) return false;
  if (entity === 'customerPhone' && field === 'kind') return false;
  const derived: readonly string[] = DERIVED_FIELDS[entity] ?? [];
  return !derived.includes(field);
}

/** Code lists whose values are chosen, not typed: by entity where two entities share a field name. */
export function codeList(entity: EntityName, field: string): readonly NamedCode[] | undefined {
  switch (field) {
    case 'status':
      return entity === 'project' ? PROJECT_STATUSES : entity === 'resource' ? RESOURCE_STATUSES : undefined;
    case 'kind':
      if (entity === 'customerDocument') return CUSTOMER_DOCUMENT_KINDS;
      return entity === 'customer' ? CUSTOMER_KINDS : entity === 'resource' ? RESOURCE_KINDS : undefined;
    case 'use':
      return entity === 'resource' ? RESOURCE_USES : undefined;
    case 'role':
      return entity === 'customerResource' ? RELATION_ROLES : undefined;
    case 'gender':
      return GENDERS;
    case 'idType':
      return ID_DOCUMENT_TYPES;
    default:
      return undefined;
  }
}

function editorKind(entity: EntityName, field: string, old: unknown, value: unknown): EditorKind | null {
  const sample = value ?? old;
  if (sample === null || sample === undefined) return 'text';
  switch (typeof sample) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return codeList(entity, field) ? 'select' : 'text';
    default:
      // Lists and objects (custom values) are not edited as text.
      return null;
  }
}

/**
 * Each record of the attempt with the fields the user may change, prefilled with the last
 * value the attempt gave each one. Deletions and restorations carry no values to edit.
 */
export function editableRecords(conflict: SyncConflict): EditRecord[] {
  const records = new Map<string, EditRecord>();
  for (const change of conflict.changes) {
    if (change.op !== 'create' && change.op !== 'update') continue;
    const id = `${change.entity}:${change.entityId}`;
    let record = records.get(id);
    if (!record) {
      record = { key: `r${records.size}`, entity: change.entity, entityId: change.entityId, op: change.op, fields: [] };
      records.set(id, record);
    }
    for (const field of visibleFields(change.changes)) {
      const c = change.changes[field];
      if (!c || !editable(change.entity, field)) continue;
      const kind = editorKind(change.entity, field, c.old, c.new);
      if (!kind) continue;
      const options = kind === 'select' ? codeList(change.entity, field) : undefined;
      const existing = record.fields.find((f) => f.field === field);
      if (existing) existing.value = c.new;
      else record.fields.push({ field, old: c.old, value: c.new, kind, ...(options ? { options } : {}) });
    }
  }
  return [...records.values()].filter((r) => r.fields.length > 0);
}

/** What an input shows for a value (antd inputs take undefined for "empty"). */
export function initialInput(field: EditField): unknown {
  if (field.value === null || field.value === undefined) return field.kind === 'boolean' ? false : undefined;
  return field.value;
}

/** The typed answer as the value to send: empty text is null when the attempt had none. */
export function answerValue(field: EditField, input: unknown): unknown {
  switch (field.kind) {
    case 'boolean':
      return input === true;
    case 'number':
      return typeof input === 'number' && Number.isFinite(input) ? input : null;
    case 'select':
      return typeof input === 'string' && input !== '' ? input : null;
    case 'text': {
      const text = typeof input === 'string' ? input : input === undefined || input === null ? '' : String(input);
      if (text === '' && (field.value === null || field.value === undefined)) return null;
      return text;
    }
  }
}

/** The form's answers, record by record, as the 'edit' action's changes. */
export function toConflictEdit(records: readonly EditRecord[], values: Record<string, Record<string, unknown> | undefined>): ConflictEdit {
  return records.map((record) => {
    const answers = values[record.key] ?? {};
    const fields: Record<string, unknown> = {};
    for (const field of record.fields) fields[field.field] = answerValue(field, answers[field.field]);
    return { entity: record.entity, entityId: record.entityId, fields };
  });
}
