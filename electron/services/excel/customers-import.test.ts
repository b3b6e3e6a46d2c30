import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REJECT_REASON_HEADER } from '../../../shared/api/calls/excel.js';
import { tempHost, type TempHost } from '../../testing/temp-host.js';
import { badCheckDigit, idCard, readXlsx, sheetText, xlsxBase64, type CellIn } from './testing/xlsx.js';

let h: TempHost;
beforeEach(() => {
  h = tempHost();
});
afterEach(() => {
  vi.useRealTimers();
  h.dispose();
});

const ZHANG = idCard('19850312', '123');
const OLD15 = '330106900705247';
const LI = idCard('19900705', '247');
const WANG = idCard('19800101', '135');
const ZHAO = idCard('19700202', '159');
const LOSSY = idCard('19800101', '234');

const HEADERS = ['序号', '客户名称', '客户类型', '证件类型', '身份证号', '联系电话', '性别', '出生日期', '邮箱', '备注'];

/** Rows by Excel row number: row 1 is the header, row 8 is left blank. */
function customerSheet(): CellIn[][] {
  return [
    HEADERS,
    [1, '张三', '个人', '居民身份证', ZHANG, '138 0013 8000、13900139000', '', '', '', 'VIP'],
    // The name as rich text, the 15-digit old card typed as a number, the birth date as a date cell.
    [
      2,
      { richText: [{ text: '李' }, { font: { bold: true }, text: '四' }] },
      '',
      '',
      Number(OLD15),
      13700137000,
      '男',
      new Date(Date.UTC(1990, 6, 5)),
    ],
    [3, '王错', '', '', badCheckDigit(WANG), '13600136001'],
    [4, '张三丰', '', '身份证', ZHANG, ''],
    [5, '赵六', '', '', ZHAO, ''],
    // An 18-digit number in a number cell: Excel kept 15 digits.
    [6, '孙七', '', '', Number(LOSSY), ''],
    [],
    [7, '福州某某科技有限公司', '单位', '', '91350100M000100Y43', '0591-87654321'],
    [8, '周八', '', '', idCard('19920101', '358'), '13800138000', '', '', 'bad-email'],
    [9, '吴九', '', '护照', 'E12345678', '13600136000; +852 9123 4567', '女', '1988/2/3', 'wu@example.com'],
    [10, '郑十', '', '', idCard('19950505', '111'), '13800138000'],
    [11, '钱十一', '', '', idCard('19870707', '222'), '135-0013-5000'],
  ];
}

async function openCustomers(rows = customerSheet()) {
  return h.call('import.open', { kind: 'customers', fileName: '客户名单.xlsx', fileBase64: await xlsxBase64({ 客户: rows }) });
}

async function registerZhao() {
  return h.call('customer.create', {
    name: '老赵',
    idType: 'resident',
    idNumber: ZHAO,
    phones: [{ number: '13500135000', isPrimary: true }],
  });
}

describe('customer import', () => {
  it('opens a real .xlsx, suggests the mapping from Chinese headers and reads every kind of cell as text', async () => {
    const opened = await openCustomers();
    expect(opened.sheets).toEqual(['客户']);
    expect(opened.headers).toEqual(HEADERS);
    expect(opened.rowCount).toBe(11);
    expect(opened.suggestedMapping).toEqual({
      name: 1,
      kind: 2,
      idType: 3,
      idNumber: 4,
      phones: 5,
      gender: 6,
      birthDate: 7,
      email: 8,
      address: null,
      remark: 9,
    });
    expect(opened.sampleRows).toHaveLength(5);
    expect(opened.sampleRows[1]).toEqual(['2', '李四', '', '', OLD15, '13700137000', '男', '1990-07-05', '', '']);
    expect(opened.sampleRows[0]?.[4]).toBe(ZHANG);
  });

  it('dry-runs every row with the form rules and duplicate checks, writing nothing', async () => {
    await registerZhao();
    const opened = await openCustomers();
    const result = await h.call('import.dryRun', { fileId: opened.fileId, mapping: opened.suggestedMapping });
    expect(result.total).toBe(11);
    expect(result.valid).toBe(6);
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.row, r.reasons.join(' | ')]));
    expect(Object.keys(reasons).map(Number)).toEqual([4, 5, 6, 7, 10]);
    expect(reasons[4]).toMatch(/^证件号码：身份证号校验位不正确，应为/);
    expect(reasons[5]).toBe('与第2行的证件号码重复');
    expect(reasons[6]).toBe('证件号码已登记为客户“老赵”');
    expect(reasons[7]).toMatch(/存成了数字/);
    expect(result.rejected.find((r) => r.row === 7)?.values.idNumber).toBe(`${LOSSY.slice(0, 15)}000`);
    expect(reasons[10]).toBe('邮箱格式不正确');
    expect(result.rejected.find((r) => r.row === 4)?.values).toMatchObject({ name: '王错', idNumber: badCheckDigit(WANG) });
    expect(result.warnings).toEqual([
      { row: 12, messages: ['电话13800138000与第2行相同'] },
      { row: 13, messages: ['电话与已有客户“老赵”相同，请确认不是同一人'] },
    ]);
    expect((await h.call('customer.list', {})).total).toBe(1);
  });

  it('commits the valid rows in one go, and the rejected workbook reads back with 错误原因', async () => {
    await registerZhao();
    const opened = await openCustomers();
    const mapping = opened.suggestedMapping;
    expect(await h.call('import.commit', { fileId: opened.fileId, mapping, mode: 'validOnly' })).toEqual({
      imported: 6,
      rejected: 5,
    });

    const list = await h.call('customer.list', { pageSize: 50 });
    expect(list.items.map((c) => c.name).sort()).toEqual(
      ['老赵', '张三', '李四', '福州某某科技有限公司', '吴九', '郑十', '钱十一'].sort(),
    );
    const byName = (name: string) => list.items.find((c) => c.name === name)!;
    const zhang = await h.call('customer.view', { id: byName('张三').id });
    expect(zhang.customer).toMatchObject({ idNumber: ZHANG, gender: 'male', birthDate: '1985-03-12', remark: 'VIP' });
    expect(zhang.phones.map((p) => [p.number, p.isPrimary])).toEqual([
      ['13800138000', true],
      ['13900139000', false],
    ]);
    const li = await h.call('customer.view', { id: byName('李四').id });
    expect(li.customer).toMatchObject({ idNumber: LI, birthDate: '1990-07-05', gender: 'male' });
    const company = await h.call('customer.view', { id: byName('福州某某科技有限公司').id });
    expect(company.customer).toMatchObject({ kind: 'company', idType: 'creditCode' });
    expect(company.phones.map((p) => p.number)).toEqual(['059187654321']);
    const wu = await h.call('customer.view', { id: byName('吴九').id });
    expect(wu.customer).toMatchObject({ idType: 'passport', gender: 'female', birthDate: '1988-02-03', email: 'wu@example.com' });
    expect(wu.phones.map((p) => p.number)).toEqual(['13600136000', '+85291234567']);

    // After the commit the rejected rows are those of the commit, not "everything is now a duplicate".
    const file = await h.call('import.rejectedWorkbook', { fileId: opened.fileId, mapping });
    expect(file.fileName).toBe('客户名单_错误行.xlsx');
    const workbook = await readXlsx(file.base64);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rows = sheetText(workbook);
    expect(rows[0]).toEqual([...HEADERS, REJECT_REASON_HEADER]);
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r[1])).toEqual(['客户名称', '王错', '张三丰', '赵六', '孙七', '周八']);
    expect(rows[1]?.[4]).toBe(badCheckDigit(WANG));
    expect(rows[1]?.[10]).toMatch(/校验位/);
    expect(rows[3]?.[10]).toBe('证件号码已登记为客户“老赵”');
    expect(rows[5]?.[10]).toBe('邮箱格式不正确');

    const again = await h.failure('import.commit', { fileId: opened.fileId, mapping });
    expect(again.code).toBe('IMPORT_EXPIRED');
  });

  it('joins several reasons of one row with ；', async () => {
    const opened = await openCustomers([HEADERS, [1, '', '', '', badCheckDigit(WANG), '12345', '不男不女']]);
    const { rejected } = await h.call('import.dryRun', { fileId: opened.fileId, mapping: opened.suggestedMapping });
    expect(rejected[0]?.reasons).toEqual([
      '性别“不男不女”无效，应为男、女、未知之一',
      '客户名称不能为空',
      '电话：手机号应为11位，现在是5位',
      expect.stringMatching(/^证件号码：身份证号校验位不正确/),
    ]);
    const file = await h.call('import.rejectedWorkbook', { fileId: opened.fileId, mapping: opened.suggestedMapping });
    const rows = sheetText(await readXlsx(file.base64));
    expect(rows[1]?.at(-1)).toBe(rejected[0]?.reasons.join('；'));
  });

  it('allOrNothing imports nothing when any row is rejected, and the same file can then go validOnly', async () => {
    await registerZhao();
    const opened = await openCustomers();
    const refused = await h.failure('import.commit', {
      fileId: opened.fileId,
      mapping: opened.suggestedMapping,
      mode: 'allOrNothing',
    });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toMatch(/有5行数据有误.*未导入任何数据/);
    expect((await h.call('customer.list', {})).total).toBe(1);
    expect(await h.call('import.commit', { fileId: opened.fileId, mapping: opened.suggestedMapping })).toEqual({
      imported: 6,
      rejected: 5,
    });
  });

  it('allOrNothing imports a clean file completely', async () => {
    const opened = await openCustomers([HEADERS, [1, '张三', '', '', ZHANG, '13800138000'], [2, '李四', '', '', LI, '']]);
    expect(
      await h.call('import.commit', { fileId: opened.fileId, mapping: opened.suggestedMapping, mode: 'allOrNothing' }),
    ).toEqual({ imported: 2, rejected: 0 });
    expect((await h.call('customer.list', {})).total).toBe(2);
  });

  it('refuses a mapping without the required columns or with one column twice', async () => {
    const opened = await openCustomers();
    const missing = await h.failure('import.dryRun', { fileId: opened.fileId, mapping: { name: 1 } });
    expect(missing.code).toBe('VALIDATION');
    expect(missing.message).toBe('请为以下字段选择对应的 Excel 列：证件号码');
    const twice = await h.failure('import.dryRun', { fileId: opened.fileId, mapping: { name: 1, idNumber: 1 } });
    expect(twice.message).toMatch(/不能同时对应/);
    const unknown = await h.failure('import.dryRun', { fileId: opened.fileId, mapping: { name: 1, idNumber: 4, shoeSize: 2 } });
    expect(unknown.message).toMatch(/未知的导入字段/);
  });

  it('forgets a file 30 minutes after its last use', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const opened = await openCustomers();
    vi.setSystemTime(Date.now() + 29 * 60_000);
    await h.call('import.dryRun', { fileId: opened.fileId, mapping: opened.suggestedMapping });
    vi.setSystemTime(Date.now() + 31 * 60_000);
    const expired = await h.failure('import.dryRun', { fileId: opened.fileId, mapping: opened.suggestedMapping });
    expect(expired.code).toBe('IMPORT_EXPIRED');
    expect(expired.message).toMatch(/重新选择文件/);
  });

  it('closes a file on request', async () => {
    const opened = await openCustomers();
    expect(await h.call('import.close', { fileId: opened.fileId })).toEqual({ closed: true });
    expect((await h.failure('import.dryRun', { fileId: opened.fileId, mapping: opened.suggestedMapping })).code).toBe(
      'IMPORT_EXPIRED',
    );
  });
});

describe('files that cannot be imported', () => {
  const open = (fileName: string, fileBase64: string, sheet?: string) =>
    h.failure('import.open', { kind: 'customers', fileName, fileBase64, ...(sheet ? { sheet } : {}) });

  it('refuses other formats, corrupt files and empty ones with IMPORT_FILE in Chinese', async () => {
    const good = await xlsxBase64({ 客户: customerSheet() });
    const xls = await open('名单.xls', good);
    expect(xls.code).toBe('IMPORT_FILE');
    expect(xls.message).toMatch(/旧版 \.xls/);
    expect((await open('名单.csv', good)).message).toMatch(/\.csv/);
    expect((await open('名单.pdf', good)).message).toMatch(/不是 Excel 文件/);
    const notZip = await open('名单.xlsx', Buffer.from('姓名,证件号码\n张三,1').toString('base64'));
    expect(notZip.code).toBe('IMPORT_FILE');
    expect(notZip.message).toMatch(/不是有效的 \.xlsx/);
    const truncated = Buffer.from(good, 'base64').subarray(0, 400).toString('base64');
    const corrupt = await open('名单.xlsx', truncated);
    expect(corrupt.code).toBe('IMPORT_FILE');
    expect(corrupt.message).toMatch(/损坏/);
    expect((await open('空.xlsx', await xlsxBase64({ Sheet1: [] }))).message).toMatch(/没有数据/);
    expect((await open('只有标题.xlsx', await xlsxBase64({ Sheet1: [HEADERS] }))).message).toMatch(/没有数据/);
    expect((await open('名单.xlsx', good, '不存在')).message).toBe('工作表“不存在”不存在');
    const huge = Buffer.alloc(21 * 1024 * 1024);
    huge.writeUInt32LE(0x04034b50, 0);
    const tooBig = await open('大.xlsx', huge.toString('base64'));
    expect(tooBig.code).toBe('IMPORT_FILE');
    expect(tooBig.message).toMatch(/超过20MB/);
  });

  it('refuses more than 20,000 rows', async () => {
    const rows: CellIn[][] = [['客户名称', '证件号码']];
    for (let i = 0; i < 20_001; i++) rows.push([`客户${i}`, String(i)]);
    const error = await open('大.xlsx', await xlsxBase64({ 客户: rows }));
    expect(error.code).toBe('IMPORT_FILE');
    expect(error.message).toMatch(/20001行.*20000行的上限/);
  });

  it('opens the first sheet with data and switches sheets', async () => {
    const base64 = await xlsxBase64({
      说明: [],
      名单: customerSheet(),
      其他: [
        ['姓名', '身份证号码'],
        ['李四', LI],
      ],
    });
    const opened = await h.call('import.open', { kind: 'customers', fileName: 'x.xlsx', fileBase64: base64 });
    expect(opened.sheets).toEqual(['说明', '名单', '其他']);
    expect(opened.sheet).toBe('名单');
    const other = await h.call('import.selectSheet', { fileId: opened.fileId, sheet: '其他' });
    expect(other).toMatchObject({ sheet: '其他', headers: ['姓名', '身份证号码'], rowCount: 1 });
    expect(other.suggestedMapping).toMatchObject({ name: 0, idNumber: 1 });
    expect(await h.call('import.commit', { fileId: opened.fileId, mapping: other.suggestedMapping })).toEqual({
      imported: 1,
      rejected: 0,
    });
  });

  it('gives a template with the recognised headers', async () => {
    const file = await h.call('import.template', { kind: 'relations' });
    const rows = sheetText(await readXlsx(file.base64));
    expect(rows[0]).toEqual(['证件类型', '证件号码', '房号', '关系', '份额', '开始日期', '结束日期', '备注']);
  });
});
