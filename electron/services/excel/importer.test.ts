import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listDictItems } from '../../../db/queries/dictionaries.js';
import { tempDatabase, type TempDatabase } from '../../../db/testing/temp-db.js';
import { AppError } from '../../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import { importCustomerRows } from './customers-import.js';
import { allPages, exportList } from './export.js';
import { atRow, commitRows, sourceRows, type Importer } from './importer.js';
import { normalizeHeader, suggestMapping } from './mapping.js';
import { readDate, readNumber, splitPhones } from './values.js';
import { formatExcelNumber, readWorkbook } from './workbook.js';
import { idCard, readXlsx } from './testing/xlsx.js';

let t: TempDatabase;
let ctx: ServiceContext;
beforeEach(() => {
  t = tempDatabase();
  ctx = {
    db: t.db,
    writer: t.writer,
    info: () => ({
      version: 'test',
      schemaVersion: t.schemaVersion,
      deviceId: 'device-test',
      operator: { id: 'u-test', name: '测试员' },
      transport: 'http',
    }),
  };
});
afterEach(() => t.dispose());

describe('commit in one transaction', () => {
  it('leaves nothing behind when a write fails half-way, and names the row', () => {
    const importer: Importer<string> = {
      validate: (_ctx, rows) => ({
        total: rows.length,
        accepted: rows.map((r) => ({ row: r.row, value: r.values.name ?? '' })),
        rejected: [],
        warnings: [],
      }),
      write: (c, tx, accepted) => {
        for (const { row, value } of accepted) {
          atRow(row, () => {
            if (value === '坏') throw new AppError('DUPLICATE_NAME', '名称“坏”已存在');
            tx.create('dictItem', {
              projectId: null,
              typeCode: 'customerSource',
              name: value,
              remark: '',
              sortOrder: row,
              invalid: false,
            });
          });
        }
      },
    };
    const rows = sourceRows([{ name: '好' }, { name: '也好' }, { name: '坏' }]);
    expect(() => commitRows(ctx, importer, rows, null, 'validOnly')).toThrow('第4行：名称“坏”已存在');
    expect(listDictItems(t.db, { typeCode: 'customerSource', invalid: 'all', page: 1, pageSize: 10 }).total).toBe(0);
  });
});

describe('importCustomerRows (the benchmark entry point)', () => {
  it('imports plain rows by field key with full validation, and they export again', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => {
      const day = new Date(Date.UTC(1960, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
      return { name: `客户${i}`, idNumber: idCard(day, '123'), phones: `139${String(i).padStart(8, '0')}` };
    });
    rows.push({ name: '', idNumber: '1', phones: '' });
    expect(importCustomerRows(ctx, rows)).toEqual({ imported: 300, rejected: 1 });
    expect(() => importCustomerRows(ctx, rows.slice(0, 2), 'allOrNothing')).toThrow(/有2行数据有误/);
    const file = await exportList(ctx, { view: 'customers', filters: {} });
    expect((await readXlsx(file.base64)).worksheets[0]!.actualRowCount).toBe(301);
  });
});

describe('export paging', () => {
  it('reads every page up to the cap', () => {
    const data = Array.from({ length: 23 }, (_, i) => i);
    const fetch = (page: number, pageSize: number) => ({
      items: data.slice((page - 1) * pageSize, page * pageSize),
      total: data.length,
      page,
      pageSize,
    });
    expect(allPages(fetch, 5)).toEqual(data);
    expect(allPages(fetch, 5, 12)).toEqual(data.slice(0, 12));
    expect(allPages(fetch, 23)).toEqual(data);
  });
});

describe('reading cells and headers', () => {
  it('reads formulas by their result, hyperlinks by their text, percentages, dates with times and booleans', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('数据');
    sheet.getRow(1).values = ['姓名', '邮箱', '份额', '时间', '是否', '空'];
    sheet.getRow(2).values = [
      { formula: '"张"&"三"', result: '张三' },
      { text: 'zhang@example.com', hyperlink: 'mailto:zhang@example.com' },
      0.4,
      new Date(Date.UTC(2024, 0, 5, 8, 30)),
      true,
    ];
    sheet.getCell('C2').numFmt = '0%';
    const buffer = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const [parsed] = await readWorkbook(buffer);
    expect(parsed?.headers).toEqual(['姓名', '邮箱', '份额', '时间', '是否', '空']);
    expect(parsed?.rows).toEqual([{ row: 2, cells: ['张三', 'zhang@example.com', '40%', '2024-01-05 08:30:00', 'TRUE', ''] }]);
  });

  it('shows numbers as Excel does and reads dates, numbers and phone lists as people write them', () => {
    expect(formatExcelNumber(330106198001011968)).toBe('330106198001012000');
    expect(formatExcelNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatExcelNumber(13800138000)).toBe('13800138000');
    for (const s of ['2024-01-05', '2024/1/5', '2024.1.5', '2024年1月5日', '20240105', '2024-01-05 08:30:00', '45296'])
      expect(readDate(s, '日期')).toEqual({ ok: true, value: '2024-01-05' });
    expect(readDate('2024-02-30', '开始日期')).toEqual({
      ok: false,
      reason: '开始日期“2024-02-30”不是有效日期，应写成 2024-01-31 这样的格式',
    });
    expect(readNumber('1,234.5㎡', '面积')).toEqual({ ok: true, value: 1234.5 });
    expect(readNumber('４０％', '份额')).toEqual({ ok: true, value: 40 });
    expect(splitPhones('138 0013 8000、13900139000；010-12345678,0591 8765 4321 13700137000')).toEqual([
      '138 0013 8000',
      '13900139000',
      '010-12345678',
      '0591 8765 4321',
      '13700137000',
    ]);
    expect(splitPhones('13800138000 13900139000')).toEqual(['13800138000', '13900139000']);
  });

  it('matches headers with notes and marks, and prefers the longest known header', () => {
    expect(normalizeHeader(' 证件号码（必填）* ')).toBe('证件号码');
    expect(suggestMapping('resources', ['上级编码', '房间编码', '房间名称'])).toMatchObject({ parentCode: 0, code: 1, name: 2 });
    expect(suggestMapping('customers', ['业主姓名', '身份证号码(18位)', '手机号码1'])).toMatchObject({
      name: 0,
      idNumber: 1,
      phones: 2,
    });
  });
});
