import { IMPORT_FIELDS, type ImportFieldDef, type ImportKind } from '../../../../shared/api/calls/excel.js';
import { importFieldsEn } from '../../i18n/areas/excelImport.js';
import type { Lang } from '../../i18n/index.js';

export interface FieldText {
  key: string;
  label: string;
  hint?: string;
  required: boolean;
}

/** The fields of an import, named in the screen's language (Chinese names come from shared). */
export function fieldTexts(lang: Lang, kind: ImportKind): FieldText[] {
  const english = importFieldsEn[kind] as Record<string, { label: string; hint?: string }>;
  return (IMPORT_FIELDS[kind] as readonly ImportFieldDef[]).map((f) => {
    const en = lang === 'en' ? english[f.key] : undefined;
    return { key: f.key, label: en?.label ?? f.zh, hint: en ? en.hint : f.hint, required: f.required };
  });
}
