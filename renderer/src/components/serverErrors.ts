import type { FormInstance } from 'antd';
import { ApiCallError } from '../api/client.js';
import { fieldErrorText } from '../api/errorText.js';
import type { Lang } from '../i18n/index.js';

/**
 * Puts a failed call's per-field messages (e.g. DUPLICATE_NAME on "name") onto the
 * form's own fields. Returns false when none of them belongs to this form, so the
 * caller shows the error as a message instead.
 */
export function showFieldErrors(form: FormInstance, error: unknown, fields: readonly string[], lang: Lang): boolean {
  if (!(error instanceof ApiCallError)) return false;
  const own = Object.entries(error.fieldErrors).filter(([field]) => fields.includes(field));
  if (own.length === 0) return false;
  form.setFields(own.map(([field, text]) => ({ name: field, errors: [fieldErrorText(lang, text)] })));
  return true;
}
