import { requiredText } from './fields.js';
import { z } from '../validation.js';
import { charLength } from './text.js';
import { nameSchema, remarkSchema } from './dictionaries.js';
import type { AuditFields } from './audit.js';

/** Which records a custom field (自定义信息) extends. */
export const CUSTOM_FIELD_TARGETS = [
  { code: 'customer', zh: '客户自定义信息', en: 'Customer fields' },
  { code: 'resource', zh: '房产自定义信息', en: 'Resource fields' },
] as const;
export type CustomFieldTarget = (typeof CUSTOM_FIELD_TARGETS)[number]['code'];

export const CUSTOM_FIELD_TYPES = [
  { code: 'select', zh: '下拉列表', en: 'Drop-down list' },
  { code: 'integer', zh: '数字', en: 'Whole number' },
  { code: 'decimal', zh: '小数', en: 'Decimal' },
  { code: 'text', zh: '文本', en: 'Text' },
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number]['code'];

export const TITLE_MAX = 16;

export const customFieldTargetSchema = z.enum(['customer', 'resource'], { error: '未知的自定义信息对象' });
export const customFieldTypeSchema = z.enum(['select', 'integer', 'decimal', 'text'], { error: '请选择类型' });

export const titleSchema = requiredText('标题', TITLE_MAX);

export interface CustomFieldDef extends AuditFields {
  target: CustomFieldTarget;
  title: string;
  fieldType: CustomFieldType;
  enabled: boolean;
  sortOrder: number;
  remark: string;
}

export interface CustomFieldOption extends AuditFields {
  defId: string;
  name: string;
  sortOrder: number;
  invalid: boolean;
}

export const customFieldDefInput = z.object({
  target: customFieldTargetSchema,
  title: titleSchema,
  fieldType: customFieldTypeSchema,
  remark: remarkSchema,
});

export const customFieldOptionInput = z.object({
  name: nameSchema,
});

/**
 * Checks a value typed into a custom field against its definition.
 * Returns the stored form, or an error message in Chinese.
 */
export function checkCustomFieldValue(
  def: Pick<CustomFieldDef, 'fieldType' | 'title'>,
  raw: string,
  validOptionNames: readonly string[] = [],
): { ok: true; value: string } | { ok: false; message: string } {
  const text = raw.normalize('NFKC').trim();
  if (text === '') return { ok: true, value: '' };
  switch (def.fieldType) {
    case 'integer':
      return /^[-+]?\d{1,15}$/.test(text)
        ? { ok: true, value: String(Number(text)) }
        : { ok: false, message: `“${def.title}”必须是整数` };
    case 'decimal':
      return /^[-+]?(\d{1,15})(\.\d{1,6})?$/.test(text)
        ? { ok: true, value: text.replace(/^\+/, '') }
        : { ok: false, message: `“${def.title}”必须是数字（最多6位小数）` };
    case 'select':
      return validOptionNames.includes(text)
        ? { ok: true, value: text }
        : { ok: false, message: `“${def.title}”只能从列表中选择` };
    case 'text':
      return charLength(text) <= 200 ? { ok: true, value: text } : { ok: false, message: `“${def.title}”不能超过200个字` };
  }
}
