import { IMPORT_FIELDS, type ImportFieldDef, type ImportKind, type ImportMapping } from '../../../shared/api/calls/excel.js';
import { AppError } from '../../../shared/errors.js';
import type { SheetRow } from './workbook.js';

export function fieldsOf(kind: ImportKind): readonly ImportFieldDef[] {
  return IMPORT_FIELDS[kind];
}

/**
 * A header as compared: NFKC, no spaces, no required-marks (*), no bracketed notes
 * (“证件号码（必填）”, “建筑面积(㎡)”), no trailing colon, lower case.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[([{【][^)\]}】]*[)\]}】]/g, '')
    .replace(/[\s*:：]/g, '')
    .toLowerCase();
}

/**
 * Which column each field most likely comes from: an exact match of a known header first
 * (in the order the field lists them), then a header that contains one. A column serves one field.
 */
export function suggestMapping(kind: ImportKind, headers: readonly string[]): ImportMapping {
  const normalized = headers.map(normalizeHeader);
  const used = new Set<number>();
  const mapping: ImportMapping = {};
  const fields = fieldsOf(kind);
  for (const f of fields) mapping[f.key] = null;
  // Exact matches first, in each field's order of known headers.
  for (const f of fields) {
    for (const known of f.headers.map(normalizeHeader)) {
      const index = normalized.findIndex((h, i) => !used.has(i) && h === known);
      if (index >= 0) {
        mapping[f.key] = index;
        used.add(index);
        break;
      }
    }
  }
  // Then a header containing a known one; the longest known header wins, so 上级编码 is not taken for 编码.
  normalized.forEach((h, i) => {
    if (used.has(i) || h === '') return;
    let best: { key: string; length: number } | undefined;
    for (const f of fields) {
      for (const known of f.headers.map(normalizeHeader)) {
        if (known.length >= 2 && h.includes(known) && (!best || known.length > best.length))
          best = { key: f.key, length: known.length };
      }
    }
    if (best && mapping[best.key] === null) {
      mapping[best.key] = i;
      used.add(i);
    }
  });
  return mapping;
}

/**
 * Refuses a mapping that names unknown fields or columns, uses a column twice, or leaves a
 * required field without a column; in Chinese, as a VALIDATION error.
 */
export function checkMapping(kind: ImportKind, mapping: ImportMapping, headers: readonly string[]): Map<string, number> {
  const fields = fieldsOf(kind);
  const columns = new Map<string, number>();
  const byColumn = new Map<number, string>();
  for (const [key, index] of Object.entries(mapping)) {
    const field = fields.find((f) => f.key === key);
    if (!field) throw new AppError('VALIDATION', `未知的导入字段“${key}”`, { mapping: `未知的导入字段“${key}”` });
    if (index === null) continue;
    if (index >= headers.length)
      throw new AppError('VALIDATION', `“${field.zh}”对应的列不存在`, { [`mapping.${key}`]: '该列不存在' });
    const other = byColumn.get(index);
    if (other !== undefined) {
      const message = `“${headers[index]}”列不能同时对应“${other}”和“${field.zh}”`;
      throw new AppError('VALIDATION', message, { [`mapping.${key}`]: message });
    }
    byColumn.set(index, field.zh);
    columns.set(key, index);
  }
  const missing = fields.filter((f) => f.required && !columns.has(f.key));
  if (missing.length > 0) {
    const message = `请为以下字段选择对应的 Excel 列：${missing.map((f) => f.zh).join('、')}`;
    throw new AppError('VALIDATION', message, Object.fromEntries(missing.map((f) => [`mapping.${f.key}`, '请选择对应的列'])));
  }
  if (kind === 'resourceAreas' && !['buildArea', 'innerArea', 'houseType'].some((k) => columns.has(k))) {
    throw new AppError('VALIDATION', '请至少为建筑面积、套内面积、户型中的一项选择对应的列');
  }
  return columns;
}

/** A sheet row as the importers see it: mapped cells by field key. */
export interface SourceRow {
  row: number;
  values: Record<string, string>;
  /** Field keys whose cell was a number too long for Excel to keep (see SheetRow.lossyColumns). */
  lossy: string[];
}

export function mapRows(rows: readonly SheetRow[], columns: ReadonlyMap<string, number>): SourceRow[] {
  return rows.map((r) => {
    const values: Record<string, string> = {};
    const lossy: string[] = [];
    for (const [key, index] of columns) {
      values[key] = r.cells[index] ?? '';
      if (r.lossyColumns?.includes(index)) lossy.push(key);
    }
    return { row: r.row, values, lossy };
  });
}
