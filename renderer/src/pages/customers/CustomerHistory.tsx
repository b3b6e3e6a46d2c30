import { Empty, Tag, Typography } from 'antd';
import type { ChangeOp, EntityName, HistoryEntry } from '../../../../shared/domain/audit.js';
import { maskIdNumber } from '../../../../shared/domain/customers.js';
import { formatTime } from '../../components/formatTime.js';
import { useLang, useT, type Lang, type MessageKey, type Translate } from '../../i18n/index.js';
import { documentKindName, genderName, idTypeName, kindName, parseIdList, phoneDisplay, roleName } from './customerFormat.js';

const OP_KEYS: Record<ChangeOp, MessageKey> = {
  create: 'history.op.create',
  update: 'history.op.update',
  delete: 'history.op.delete',
  undelete: 'history.op.undelete',
};
const OP_COLORS: Record<ChangeOp, string> = { create: 'green', update: 'blue', delete: 'red', undelete: 'orange' };

const ENTITY_KEYS: Partial<Record<EntityName, MessageKey>> = {
  customer: 'cust.hist.entity.customer',
  customerPhone: 'cust.hist.entity.customerPhone',
  familyMember: 'cust.hist.entity.familyMember',
  vehicle: 'cust.hist.entity.vehicle',
  bankAccount: 'cust.hist.entity.bankAccount',
  customerResource: 'cust.hist.entity.customerResource',
  customerMerge: 'cust.hist.entity.customerMerge',
  customerDocument: 'cust.hist.entity.customerDocument',
};

const FIELD_KEYS: Record<string, MessageKey> = {
  kind: 'cust.hist.field.kind',
  name: 'cust.field.name',
  idType: 'cust.field.idType',
  idNumber: 'cust.field.idNumber',
  gender: 'cust.field.gender',
  birthDate: 'cust.field.birthDate',
  email: 'cust.field.email',
  address: 'cust.field.address',
  sourceId: 'cust.field.source',
  intentionId: 'cust.field.intention',
  statusId: 'cust.field.status',
  tags: 'cust.field.tags',
  remark: 'cust.field.remark',
  number: 'cust.hist.field.number',
  isPrimary: 'cust.hist.field.isPrimary',
  plate: 'cust.hist.field.plate',
  model: 'cust.hist.field.model',
  color: 'cust.hist.field.color',
  newEnergy: 'cust.hist.field.newEnergy',
  bank: 'cust.hist.field.bank',
  accountName: 'cust.hist.field.accountName',
  accountNumber: 'cust.hist.field.accountNumber',
  role: 'cust.hist.field.role',
  share: 'cust.hist.field.share',
  startDate: 'cust.hist.field.startDate',
  endDate: 'cust.hist.field.endDate',
  relationId: 'cust.hist.field.relationId',
  mergedInto: 'cust.hist.field.mergedInto',
  undone: 'cust.hist.field.undone',
  fileName: 'cust.doc.fileName',
};
const FIELD_ORDER = Object.keys(FIELD_KEYS);

/** Links between records and bookkeeping mean nothing to the reader; only the fields above are listed. */
function shownFields(entity: EntityName, changes: Record<string, unknown>): string[] {
  return (
    Object.keys(changes)
      // A phone's kind (mobile, landline) is read from the number itself.
      .filter((f) => f in FIELD_KEYS && !(entity === 'customerPhone' && f === 'kind'))
      .sort((a, b) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b))
  );
}

function valueText(
  t: Translate,
  lang: Lang,
  dictNames: ReadonlyMap<string, string>,
  field: string,
  value: unknown,
  entity: EntityName,
): string {
  if (value === null || value === undefined || value === '') return t('history.emptyValue');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  const text = String(value);
  switch (field) {
    case 'kind':
      return entity === 'customerDocument' ? documentKindName(lang, text) : kindName(lang, text);
    case 'idType':
      return idTypeName(lang, text);
    case 'idNumber':
      // The change log keeps the whole number; the front desk sees it masked, as everywhere else.
      return maskIdNumber(text);
    case 'gender':
      return genderName(lang, text);
    case 'role':
      return roleName(lang, text);
    case 'number':
      return phoneDisplay(text);
    case 'sourceId':
    case 'intentionId':
    case 'statusId':
    case 'relationId':
      return dictNames.get(text) ?? text;
    case 'tags': {
      const ids = parseIdList(text);
      return ids.length === 0 ? t('history.emptyValue') : ids.map((id) => dictNames.get(id) ?? id).join('、');
    }
    default:
      return text;
  }
}

/** 修改历史 of a customer and everything registered with it, newest first. */
export function CustomerHistory({
  entries,
  dictNames,
}: {
  entries: readonly HistoryEntry[];
  dictNames: ReadonlyMap<string, string>;
}) {
  const t = useT();
  const lang = useLang();
  const list = [...entries].reverse();
  if (list.length === 0) return <Empty description={t('history.empty')} />;
  return (
    <ol className="history-list" data-testid="c360-history">
      {list.map((entry) => {
        const entityKey = ENTITY_KEYS[entry.entity];
        return (
          <li key={entry.changeId} className="history-entry" data-testid="history-entry">
            <div className="history-entry-head">
              <Tag color={OP_COLORS[entry.op]}>{t(OP_KEYS[entry.op])}</Tag>
              {entityKey && <Tag>{t(entityKey)}</Tag>}
              <Typography.Text strong>{formatTime(entry.at)}</Typography.Text>
              <Typography.Text type="secondary">
                {t('history.by')}：{entry.actorName}
              </Typography.Text>
            </div>
            <ul className="history-changes">
              {shownFields(entry.entity, entry.changes).map((field) => {
                const change = entry.changes[field];
                const key = FIELD_KEYS[field];
                if (!change || !key) return null;
                const oldText = valueText(t, lang, dictNames, field, change.old, entry.entity);
                const newText = valueText(t, lang, dictNames, field, change.new, entry.entity);
                return (
                  <li key={field} className="history-change">
                    <span className="history-field">{t(key)}：</span>
                    {entry.op === 'update' ? (
                      <span>
                        <span className="history-old">{oldText}</span>
                        <span className="history-arrow"> → </span>
                        <span className="history-new">{newText}</span>
                      </span>
                    ) : (
                      <span>{entry.op === 'delete' ? oldText : newText}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}
