import { CUSTOM_FIELD_TARGETS, CUSTOM_FIELD_TYPES } from '../../../shared/domain/custom-fields.js';
import { CUSTOMER_KINDS, GENDERS } from '../../../shared/domain/customers.js';
import { DICT_TYPES } from '../../../shared/domain/dictionaries.js';
import { ID_DOCUMENT_TYPES } from '../../../shared/domain/id-documents.js';
import { RELATION_ROLES } from '../../../shared/domain/relations.js';
import { RESOURCE_KINDS, RESOURCE_STATUSES, RESOURCE_USES } from '../../../shared/domain/resources.js';
import { localName, type Lang, type MessageKey, type Translate } from '../i18n/index.js';
import { formatTime } from './formatTime.js';

const FIELD_LABELS: Record<string, MessageKey> = {
  name: 'field.name',
  title: 'field.title',
  fieldType: 'field.fieldType',
  remark: 'field.remark',
  invalid: 'field.invalid',
  enabled: 'field.enabled',
  sortOrder: 'field.sortOrder',
  typeCode: 'field.typeCode',
  target: 'field.target',
  deletedAt: 'field.deletedAt',
  code: 'field.code',
  kind: 'field.kind',
  floorNo: 'field.floorNo',
  buildArea: 'field.buildArea',
  innerArea: 'field.innerArea',
  houseType: 'field.houseType',
  orientation: 'field.orientation',
  use: 'field.use',
  status: 'field.status',
  zone: 'field.zone',
  validFrom: 'field.validFrom',
  endedOn: 'field.endedOn',
  role: 'field.role',
  share: 'field.share',
  startDate: 'field.startDate',
  endDate: 'field.endDate',
  gender: 'field.gender',
  birthDate: 'field.birthDate',
  idType: 'field.idType',
  idNumber: 'field.idNumber',
  number: 'field.number',
  isPrimary: 'field.isPrimary',
  plate: 'field.plate',
  model: 'field.model',
  color: 'field.color',
  bank: 'field.bank',
  accountName: 'field.accountName',
  accountNumber: 'field.accountNumber',
  email: 'field.email',
  address: 'field.address',
  mergedInto: 'field.mergedInto',
  undone: 'field.undone',
};

/** Code lists whose values a history shows by their name. */
const NAMED_VALUES: Record<string, readonly { code: string; zh: string; en: string }[]> = {
  kind: [...RESOURCE_KINDS, ...CUSTOMER_KINDS],
  status: RESOURCE_STATUSES,
  use: RESOURCE_USES,
  role: RELATION_ROLES,
  gender: GENDERS,
  idType: ID_DOCUMENT_TYPES,
};

/** Internal links (project, parent, ids of linked records) mean nothing to the reader of a history. */
const HIDDEN_FIELDS = new Set([
  'projectId',
  'defId',
  'parentId',
  'customerId',
  'resourceId',
  'memberId',
  'relationId',
  'parkingId',
  'custom',
  'tags',
  'sourceId',
  'intentionId',
  'statusId',
  'moved',
  'survivorId',
  'mergedId',
  'operationId',
  'fromId',
  'toId',
]);

const FIELD_ORDER = Object.keys(FIELD_LABELS);

export function visibleFields(changes: Record<string, unknown>): string[] {
  const rank = (field: string) => {
    const i = FIELD_ORDER.indexOf(field);
    return i < 0 ? FIELD_ORDER.length : i;
  };
  return Object.keys(changes)
    .filter((f) => !HIDDEN_FIELDS.has(f))
    .sort((a, b) => rank(a) - rank(b));
}

export function fieldLabel(t: Translate, field: string): string {
  const key = FIELD_LABELS[field];
  return key ? t(key) : field;
}

export function fieldValue(t: Translate, lang: Lang, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('history.emptyValue');
  switch (field) {
    case 'invalid':
      return value === true ? t('common.invalid') : t('common.valid');
    case 'enabled':
      return value === true ? t('cf.enabled') : t('cf.disabled');
    case 'fieldType': {
      const type = CUSTOM_FIELD_TYPES.find((x) => x.code === value);
      return type ? localName(lang, type) : String(value);
    }
    case 'typeCode': {
      const type = DICT_TYPES.find((x) => x.code === value);
      return type ? localName(lang, type) : String(value);
    }
    case 'target': {
      const target = CUSTOM_FIELD_TARGETS.find((x) => x.code === value);
      return target ? localName(lang, target) : String(value);
    }
    case 'deletedAt':
      return formatTime(String(value));
    default: {
      const named = NAMED_VALUES[field]?.find((x) => x.code === value);
      if (named) return localName(lang, named);
      if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
      return String(value);
    }
  }
}
