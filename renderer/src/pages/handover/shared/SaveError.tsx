import { Alert, type FormInstance } from 'antd';
import { ApiCallError } from '../../../api/client.js';
import { errorText, fieldErrorText } from '../../../api/errorText.js';
import { useLang, type Lang } from '../../../i18n/index.js';

/** A failed save shown in the dialog itself, so the reason (不符合交付规则…) stays readable. */
export function SaveError({ error, testId }: { error: unknown; testId: string }) {
  const lang = useLang();
  if (error === null || error === undefined) return null;
  return <Alert type="error" showIcon title={errorText(lang, error)} style={{ marginBottom: 12 }} data-testid={testId} />;
}

/** The host's per-field messages onto the form's fields of the same name. */
export function applyFieldErrors(form: FormInstance, error: unknown, lang: Lang, known: readonly string[]): void {
  if (!(error instanceof ApiCallError)) return;
  const fields = Object.entries(error.fieldErrors)
    .filter(([name]) => known.includes(name))
    .map(([name, message]) => ({ name, errors: [fieldErrorText(lang, message)] }));
  if (fields.length > 0) form.setFields(fields);
}
