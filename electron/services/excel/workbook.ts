import ExcelJS from 'exceljs';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '../../../shared/api/calls/excel.js';
import { AppError } from '../../../shared/errors.js';

/** One data row of a sheet, every cell as text. */
export interface SheetRow {
  /** The row number as Excel shows it. */
  row: number;
  cells: string[];
  /**
   * Columns whose cell held a number too long for Excel to keep exactly (more than 15
   * digits): an ID number typed into a number cell has already lost its last digits.
   */
  lossyColumns?: number[];
}

export interface ParsedSheet {
  name: string;
  headers: string[];
  rows: SheetRow[];
  /** Set when the sheet cannot be imported (too many rows, no data); said in Chinese. */
  problem?: string;
}

/** Excel keeps 15 significant digits; a longer integer typed into a number cell is already rounded. */
const EXACT_DIGITS = 15;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Excel dates arrive as UTC instants of the wall-clock time written in the cell. */
export function formatExcelDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? date : `${date} ${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

const GENERAL = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: EXACT_DIGITS });

/** A number as Excel would show it in a General cell: 15 significant digits, no float noise, no exponent. */
export function formatExcelNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  return GENERAL.format(n);
}

function isLossy(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) >= 10 ** EXACT_DIGITS;
}

type Value = ExcelJS.CellValue | undefined;

function richText(value: { richText: { text: string }[] }): string {
  return value.richText.map((t) => t.text).join('');
}

/** The text of a cell value of any kind: numbers, dates, rich text, hyperlinks, formulas' results. */
function valueText(value: Value, numFmt: string | undefined): { text: string; lossy: boolean } {
  if (value === null || value === undefined) return { text: '', lossy: false };
  if (typeof value === 'number') {
    if (numFmt && /%/.test(numFmt.replace(/"[^"]*"/g, ''))) return { text: `${formatExcelNumber(value * 100)}%`, lossy: false };
    return { text: formatExcelNumber(value), lossy: isLossy(value) };
  }
  if (typeof value === 'string') return { text: value, lossy: false };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', lossy: false };
  if (value instanceof Date) return { text: formatExcelDate(value), lossy: false };
  if ('richText' in value && Array.isArray(value.richText)) return { text: richText(value), lossy: false };
  if ('hyperlink' in value) {
    const text = (value as { text?: unknown }).text;
    if (typeof text === 'string') return { text, lossy: false };
    if (text && typeof text === 'object' && 'richText' in text)
      return { text: richText(text as { richText: { text: string }[] }), lossy: false };
    return { text: String(value.hyperlink ?? ''), lossy: false };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return valueText((value as { result?: Value }).result ?? null, numFmt);
  }
  if ('error' in value) return { text: String(value.error), lossy: false };
  return { text: '', lossy: false };
}

export function cellText(cell: ExcelJS.Cell): { text: string; lossy: boolean } {
  const { text, lossy } = valueText(cell.value, cell.numFmt);
  // Non-breaking and full-width spaces pasted from web pages count as spaces; ends are trimmed.
  return { text: text.replace(/[\u00a0\u3000]/g, ' ').trim(), lossy };
}

/** Column letters as Excel writes them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function sheetRows(sheet: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const lossy: number[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const t = cellText(cell);
      cells[col - 1] = t.text;
      if (t.lossy) lossy.push(col - 1);
    });
    for (let i = 0; i < cells.length; i += 1) cells[i] ??= '';
    if (cells.every((c) => c === '')) return;
    rows.push(lossy.length > 0 ? { row: rowNumber, cells, lossyColumns: lossy } : { row: rowNumber, cells });
  });
  return rows;
}

function parseSheet(sheet: ExcelJS.Worksheet): ParsedSheet {
  const name = sheet.name;
  // actualRowCount counts rows with values; one is the header.
  if (sheet.actualRowCount - 1 > IMPORT_MAX_ROWS) {
    return {
      name,
      headers: [],
      rows: [],
      problem: `工作表“${name}”有${sheet.actualRowCount - 1}行数据，超过每次导入${IMPORT_MAX_ROWS}行的上限，请分成几个文件导入`,
    };
  }
  const all = sheetRows(sheet);
  const [header, ...rows] = all;
  if (!header) return { name, headers: [], rows: [], problem: `工作表“${name}”是空的` };
  if (rows.length > IMPORT_MAX_ROWS) {
    return {
      name,
      headers: [],
      rows: [],
      problem: `工作表“${name}”有${rows.length}行数据，超过每次导入${IMPORT_MAX_ROWS}行的上限，请分成几个文件导入`,
    };
  }
  let width = header.cells.length;
  for (const r of rows) width = Math.max(width, r.cells.length);
  // Trailing columns without a header or any value do not count.
  while (width > 0 && (header.cells[width - 1] ?? '') === '' && rows.every((r) => (r.cells[width - 1] ?? '') === '')) width -= 1;
  const headers = Array.from({ length: width }, (_, i) => header.cells[i] || `列${columnLetter(i)}`);
  const padded = rows.map((r) => ({ ...r, cells: Array.from({ length: width }, (_, i) => r.cells[i] ?? '') }));
  if (padded.length === 0) return { name, headers, rows: [], problem: `工作表“${name}”只有标题行，没有数据` };
  return { name, headers, rows: padded };
}

function fileError(message: string): AppError {
  return new AppError('IMPORT_FILE', message);
}

/** Decodes base64 (a data: URL prefix is allowed) and refuses what is not an .xlsx before parsing. */
export function decodeUpload(fileName: string, base64: string): Buffer {
  const lower = fileName.toLowerCase().trim();
  if (lower.endsWith('.xls') || lower.endsWith('.et'))
    throw fileError('不支持旧版 .xls 文件，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入');
  if (lower.endsWith('.csv')) throw fileError('不支持 .csv 文件，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入');
  if (!lower.endsWith('.xlsx')) throw fileError(`“${fileName}”不是 Excel 文件，请选择 .xlsx 格式的文件`);
  const body = base64.replace(/^data:[^,]*;base64,/, '');
  const buffer = Buffer.from(body, 'base64');
  if (buffer.length === 0) throw fileError('文件是空的');
  if (buffer.length > IMPORT_MAX_BYTES) throw fileError(`文件超过${IMPORT_MAX_BYTES / 1024 / 1024}MB，请分成几个文件导入`);
  // An .xlsx is a zip archive: PK\x03\x04.
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) {
    throw fileError('文件内容不是有效的 .xlsx 格式（可能已损坏，或是改了扩展名的其他文件），请在 Excel 中重新保存后再导入');
  }
  return buffer;
}

/** Every sheet of a workbook as text; refuses corrupt files and files without any data. */
export async function readWorkbook(buffer: Buffer): Promise<ParsedSheet[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw fileError('Excel 文件已损坏或格式不正确，无法读取。请在 Excel 中打开并另存为 .xlsx 后再导入');
  }
  const sheets = workbook.worksheets.filter((s) => s.state !== 'veryHidden').map(parseSheet);
  if (sheets.length === 0) throw fileError('Excel 文件中没有工作表');
  return sheets;
}

/** What a column holds in a written workbook. */
export interface SheetColumn {
  header: string;
  /** Text columns are written as text so long numbers (ID numbers, codes) keep every digit. */
  type?: 'text' | 'number';
  /** Width in characters; computed from the content when left out. */
  width?: number;
}

export type CellOut = string | number | null | undefined;

/** Display width: a Chinese character takes two columns. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** One sheet of a written workbook. */
export interface SheetOut {
  name: string;
  columns: readonly SheetColumn[];
  rows: readonly CellOut[][];
}

/** One sheet, header row bold and frozen, column widths set; returns the .xlsx bytes. */
export async function writeWorkbook(
  sheetName: string,
  columns: readonly SheetColumn[],
  rows: readonly CellOut[][],
): Promise<Buffer> {
  return writeWorkbookSheets([{ name: sheetName, columns, rows }]);
}

/** Several sheets in the style of writeWorkbook, in order; returns the .xlsx bytes. */
export async function writeWorkbookSheets(sheets: readonly SheetOut[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SiteDesk';
  workbook.created = new Date();
  for (const { name, columns, rows } of sheets) {
    const sheet = workbook.addWorksheet(name.slice(0, 31) || 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c, i) => {
      let width = c.width;
      if (width === undefined) {
        width = displayWidth(c.header);
        for (const row of rows.slice(0, 2000)) {
          const v = row[i];
          if (v !== null && v !== undefined) width = Math.max(width, displayWidth(String(v)));
        }
        width = Math.min(60, Math.max(8, width + 2));
      }
      return { header: c.header, width, style: c.type === 'number' ? {} : { numFmt: '@' } };
    });
    for (const row of rows) sheet.addRow(row.map((v) => (v === undefined ? null : v)));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle' };
  }
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** A file name safe on Windows, with a local time stamp: 客户列表_20250131-0930.xlsx */
export function stampedFileName(base: string, now = new Date()): string {
  const safe = base.replace(/[\\/:*?"<>|]/g, '_').trim() || '导出';
  const stamp = `${now.getFullYear()}${pad2(now.getMonth() + 1)}${pad2(now.getDate())}-${pad2(now.getHours())}${pad2(now.getMinutes())}`;
  return `${safe}_${stamp}.xlsx`;
}
