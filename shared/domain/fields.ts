import { z } from '../validation.js';
import { charLength, normalizeName } from './text.js';

/**
 * Text as users type it into a form: NFKC-folded (full-width IME input), spaces folded and
 * trimmed, counted in characters. Every labelled text field of the domain is one of these two,
 * so the messages read the same everywhere: 请输入X / X不能为空 / X不能超过N个字.
 */
export function requiredText(label: string, max: number) {
  return z
    .string({ error: `请输入${label}` })
    .transform(normalizeName)
    .refine((s) => s.length > 0, `${label}不能为空`)
    .refine((s) => charLength(s) <= max, `${label}不能超过${max}个字`);
}

/** The same, for a field that may stay empty ('' when left out). */
export function optionalText(label: string, max: number) {
  return z
    .string()
    .transform(normalizeName)
    .refine((s) => charLength(s) <= max, `${label}不能超过${max}个字`)
    .default('');
}
