import { CUSTOM_FIELD_TARGETS, CUSTOM_FIELD_TYPES } from '../../../shared/domain/custom-fields.js';
import { DICT_TYPES } from '../../../shared/domain/dictionaries.js';
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
};

/** Internal links (project, parent definition) mean nothing to the reader of a history. */
const HIDDEN_FIELDS = new Set(['projectId', 'defId']);

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
    default:
      if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
      return String(value);
  }
}
