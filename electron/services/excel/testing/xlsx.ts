import ExcelJS from 'exceljs';
import { residentCheckDigit } from '../../../../shared/domain/id-documents.js';

/** Test helpers: real .xlsx files made and read with exceljs. Only tests import this file. */
export type CellIn = ExcelJS.CellValue;

/**
 * A workbook with one sheet (or several) as base64, the way the renderer uploads it. Row i of
 * the array is Excel row i + 1; an empty array leaves that row blank.
 */
export async function xlsxBase64(sheets: Record<string, CellIn[][]>): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((row, i) => {
      if (row.length > 0) sheet.getRow(i + 1).values = row;
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer).toString('base64');
}

export async function readXlsx(base64: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Every row of the first sheet as text (row 1 first). */
export function sheetText(workbook: ExcelJS.Workbook): string[][] {
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.value === null || cell.value === undefined ? '' : String(cell.value);
    });
    rows.push(Array.from(cells, (c) => c ?? ''));
  });
  return rows;
}

/** A valid 身份证 number for a birth date and sequence (odd sequence: male). */
export const idCard = (birth: string, seq: string, area = '330106') =>
  `${area}${birth}${seq}${residentCheckDigit(`${area}${birth}${seq}`)}`;

/** The same number with a wrong check digit. */
export const badCheckDigit = (id: string) => id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
