/**
 * Limits in the manuals are counted in characters as users see them: one Chinese
 * character is one, and so is a character outside the BMP (counted by code point,
 * not by UTF-16 unit).
 */
export function charLength(value: string): number {
  let n = 0;
  for (const _ of value) n += 1;
  return n;
}

/**
 * The form in which names are stored and compared: NFKC folds full-width letters,
 * digits and spaces typed with a Chinese IME to their plain forms, then trims.
 */
export function normalizeName(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, ' ').trim();
}
