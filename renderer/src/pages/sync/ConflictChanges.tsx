import { useState } from 'react';
import { Tag, Typography } from 'antd';
import { DERIVED_FIELDS, type ChangeOp, type EntityName } from '../../../../shared/domain/audit.js';
import type { ConflictChange } from '../../../../shared/domain/sync.js';
import { fieldLabel, fieldValue, visibleFields } from '../../components/historyFormat.js';
import { localName, useLang, useT, type Lang, type MessageKey, type Translate } from '../../i18n/index.js';
import { useNavigation } from '../../store/navigation.js';
import { phoneDisplay } from '../customers/customerFormat.js';
import { codeList } from './conflictEdit.js';
import { entityLabel, maskedValue, recordName } from './syncFormat.js';

export const OP_KEYS: Record<ChangeOp, MessageKey> = {
  create: 'sync.op.create',
  update: 'sync.op.update',
  delete: 'sync.op.delete',
  undelete: 'sync.op.undelete',
};
export const OP_COLORS: Record<ChangeOp, string> = { create: 'green', update: 'blue', delete: 'red', undelete: 'orange' };

/** Fields the history drawer has no label for, named here. */
const EXTRA_LABELS: Record<string, MessageKey> = {
  phone: 'sync.field.phone',
  newEnergy: 'sync.field.newEnergy',
  effectiveOn: 'sync.field.effectiveOn',
  department: 'sync.field.department',
  city: 'sync.field.city',
  allProjects: 'sync.field.allProjects',
  account: 'sync.field.account',
  fileName: 'sync.field.fileName',
  takenAt: 'sync.field.takenAt',
};

/** Links to other records, which mean nothing to a reader (the history hides the others). */
const MORE_HIDDEN = new Set(['regionId', 'employeeId']);

/** Fields shown in a row before "另有 n 项". */
const FOLDED_AT = 6;

export function conflictFieldLabel(t: Translate, field: string): string {
  const extra = EXTRA_LABELS[field];
  return extra ? t(extra) : fieldLabel(t, field);
}

/** A value as the history drawer shows it, with codes named and ID or account numbers masked. */
export function conflictValue(t: Translate, lang: Lang, entity: EntityName, field: string, value: unknown, mask = true): string {
  if (mask) {
    const masked = maskedValue(field, value);
    if (masked !== null) return masked;
  }
  if (typeof value === 'string' && value !== '') {
    const named = codeList(entity, field)?.find((x) => x.code === value);
    if (named) return localName(lang, named);
    if (entity === 'customerPhone' && field === 'number') return phoneDisplay(value);
  }
  return fieldValue(t, lang, field, value);
}

/** The fields of one change a reader is shown, in the history's order. */
export function shownFields(change: ConflictChange): string[] {
  const derived: readonly string[] = DERIVED_FIELDS[change.entity] ?? [];
  return visibleFields(change.changes).filter((f) => {
    if (derived.includes(f) || MORE_HIDDEN.has(f)) return false;
    // A phone's kind (mobile, landline) is read from the number itself.
    if (change.entity === 'customerPhone' && f === 'kind') return false;
    // A new record's empty fields say nothing.
    const value = change.changes[f]?.new;
    return change.op !== 'create' || (value !== null && value !== undefined && value !== '');
  });
}

/** Where a record of a conflict can be opened: customers and properties that still exist. */
function opener(change: ConflictChange): (() => void) | null {
  if (change.op === 'create') return null;
  const { go } = useNavigation.getState();
  if (change.entity === 'customer') return () => go('customers', { customerId: change.entityId });
  if (change.entity === 'resource') return () => go('resources', { resourceId: change.entityId });
  return null;
}

function ChangeBlock({ change }: { change: ConflictChange }) {
  const t = useT();
  const lang = useLang();
  const [unfolded, setUnfolded] = useState(false);
  const fields = shownFields(change);
  const visible = unfolded ? fields : fields.slice(0, FOLDED_AT);
  const name = recordName(change);
  const open = opener(change);
  return (
    <div className="conflict-change" data-testid="conflict-change">
      <div className="conflict-change-head">
        <Tag color={OP_COLORS[change.op]}>{t(OP_KEYS[change.op])}</Tag>
        <Typography.Text strong data-testid="conflict-entity">
          {entityLabel(t, change.entity)}
        </Typography.Text>
        {name &&
          (open ? (
            <Typography.Link
              onClick={(e) => {
                e.stopPropagation();
                open();
              }}
              title={t('sync.conflict.openRecord')}
              data-testid="conflict-record-link"
            >
              {conflictValue(t, lang, change.entity, name.field, name.value)}
            </Typography.Link>
          ) : (
            <span data-testid="conflict-record-name">{conflictValue(t, lang, change.entity, name.field, name.value)}</span>
          ))}
      </div>
      {fields.length > 0 && (
        <ul className="history-changes conflict-fields">
          {visible.map((field) => {
            const c = change.changes[field];
            if (!c) return null;
            const newText = conflictValue(t, lang, change.entity, field, c.new);
            return (
              <li key={field} className="history-change" data-testid={`conflict-field-${field}`}>
                <span className="history-field">{conflictFieldLabel(t, field)}：</span>
                {change.op === 'create' ? (
                  <span className="history-new">{newText}</span>
                ) : (
                  <span>
                    <span className="history-old">{conflictValue(t, lang, change.entity, field, c.old)}</span>
                    <span className="history-arrow"> → </span>
                    <span className="history-new">{newText}</span>
                  </span>
                )}
              </li>
            );
          })}
          {fields.length > FOLDED_AT && !unfolded && (
            <li className="history-change">
              <Typography.Link
                onClick={(e) => {
                  e.stopPropagation();
                  setUnfolded(true);
                }}
                data-testid="conflict-fields-more"
              >
                {t('sync.conflict.fieldsMore', { n: fields.length - FOLDED_AT })}
              </Typography.Link>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

/** The records a refused transaction touched, each with its attempted values (old → new). */
export function ConflictChanges({ changes }: { changes: readonly ConflictChange[] }) {
  return (
    <div className="conflict-changes">
      {changes.map((change, i) => (
        <ChangeBlock key={`${change.entity}:${change.entityId}:${i}`} change={change} />
      ))}
    </div>
  );
}
