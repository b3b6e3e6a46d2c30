import type { FormRule } from 'antd';
import type { z } from '../../../shared/validation.js';
import type { Lang } from '../i18n/index.js';
import { localizeValidation } from '../i18n/validationText.js';

/**
 * One antd rule that runs a shared zod schema: the form checks exactly what the host
 * will check, so limits live in one place. The first issue is the message shown.
 */
export function zodRule(schema: z.ZodType, lang: Lang): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value);
      if (!result.success) {
        throw new Error(localizeValidation(lang, result.error.issues[0]?.message ?? ''));
      }
    },
  };
}
