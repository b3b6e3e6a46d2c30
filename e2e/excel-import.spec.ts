import ExcelJS from 'exceljs';
import type { Download, Page } from '@playwright/test';
import { residentCheckDigit } from '../shared/domain/id-documents.js';
import { test, expect, SCREENSHOT_DIR, type HostFixture, open, settle } from './fixtures.js';

// Whole user flows through real workbooks and animated dialogs; shared CI machines can be slow.
test.describe.configure({ timeout: 120_000 });

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A valid 身份证 number for a birth date and sequence. */
const idCard = (birth: string, seq: string, area = '330106') =>
  `${area}${birth}${seq}${residentCheckDigit(`${area}${birth}${seq}`)}`;
/** The same number with a wrong check digit. */
const badCheckDigit = (id: string) => id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');

const ZHANG = idCard('19850312', '123');
const LI = idCard('19900705', '247');
const WANG = idCard('19800101', '135');
const ZHAO = idCard('19700202', '159');
const QIAN = idCard('19870707', '222');
const SUN = idCard('19920101', '358');

/** A customers workbook as front-desk staff make them: Chinese headers, ID numbers as text. */
const CUSTOMER_ROWS: (string | number)[][] = [
  ['序号', '姓名', '身份证号码', '手机号', '性别', '备注'],
  [1, '张三', ZHANG, '13800138000', '男', 'VIP'],
  [2, '李四', LI, '13900139000', '男', ''],
  [3, '王五', badCheckDigit(WANG), '13700137000', '', ''],
  [4, '张三丰', ZHANG, '13600136000', '', '与第一行证件相同'],
  [5, '赵六', ZHAO, '13500135001', '', ''],
  [6, '钱七', QIAN, '13800138000', '', ''],
  [7, '孙八', SUN, '', '', ''],
];

async function workbook(sheets: Record<string, (string | number)[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Every row of a downloaded workbook's first sheet as text (row 1 first). */
async function readDownload(download: Download): Promise<{ sheetName: string; rows: string[][] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const sheet = book.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.value === null || cell.value === undefined ? '' : String(cell.value);
    });
    rows.push(Array.from(cells, (c) => c ?? ''));
  });
  return { sheetName: sheet?.name ?? '', rows };
}

async function ok<T>(site: HostFixture, name: string, input: unknown): Promise<T> {
  const answer = await site.host.dispatch(name as never, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  return answer.value as T;
}

/** Opens Excel导入 and collects page errors, which fail the test at its end. */
async function openImport(page: Page, site: HostFixture): Promise<string[]> {
  const problems = await open(page, site);
  await page.getByTestId('menu-excel-import').click();
  await expect(page.getByTestId('import-page')).toBeVisible();
  return problems;
}

async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByTestId('import-file').locator('input[type=file]').setInputFiles({ name, mimeType: XLSX_MIME, buffer });
}

const option = (page: Page, text: string) =>
  page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text });

test('customers: map the columns, see the rejected rows, download them, import the valid ones', async ({ page, site }) => {
  await ok(site, 'customer.create', {
    name: '老赵',
    idType: 'resident',
    idNumber: ZHAO,
    phones: [{ number: '13500135000', isPrimary: true }],
  });
  const problems = await openImport(page, site);

  // Step 1: customers need no project; the file is read here and opened by the local host.
  await expect(page.getByTestId('import-project-not-needed')).toBeVisible();
  await expect(page.getByTestId('import-required-columns')).toHaveText('必须有的列：客户名称、证件号码');
  await chooseFile(page, '客户名单.xlsx', await workbook({ 客户: CUSTOMER_ROWS }));

  // Step 2: the mapping is suggested from the Chinese headers; 序号 feeds nothing.
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await expect(page.getByTestId('import-file-summary')).toHaveText('文件“客户名单.xlsx”，共 7 行数据');
  await expect(page.getByTestId('import-sheet')).toContainText('客户');
  await expect(page.getByTestId('import-map-name')).toContainText('姓名');
  await expect(page.getByTestId('import-map-idNumber')).toContainText('身份证号码');
  await expect(page.getByTestId('import-map-phones')).toContainText('手机号');
  await expect(page.getByTestId('import-sample-idNumber')).toHaveText(ZHANG);
  await expect(page.getByTestId('import-preview').locator('tbody tr.ant-table-row')).toHaveCount(5);
  await expect(page.getByTestId('import-preview').locator('thead')).toContainText('导入为“证件号码”');

  // A required field without a column blocks the check, and says which.
  await page.getByTestId('import-map-idNumber').hover();
  await page.getByTestId('import-map-idNumber').locator('.ant-select-clear').click();
  await expect(page.getByTestId('import-missing')).toHaveText('请为必填字段选择对应的列：证件号码');
  await expect(page.getByTestId('import-check')).toBeDisabled();
  await page.getByTestId('import-map-idNumber').click();
  await option(page, '身份证号码').click();
  await expect(page.getByTestId('import-missing')).toHaveCount(0);
  await expect(page.getByTestId('import-check')).toBeEnabled();
  // The screen scrolls inside the shell: a taller window shows the whole step.
  await page.setViewportSize({ width: 1440, height: 1200 });
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'import-mapping.png' });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Step 3: every row checked, nothing written yet.
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-summary')).toHaveText('共 7 行，有效 4 行，有问题 3 行');
  const rejected = page.getByTestId('import-rejected').locator('tbody tr.ant-table-row');
  await expect(rejected).toHaveCount(3);
  await expect(rejected.nth(0)).toContainText('4');
  await expect(rejected.nth(0)).toContainText('王五');
  await expect(rejected.nth(0)).toContainText('证件号码：身份证号校验位不正确');
  await expect(rejected.nth(1)).toContainText('张三丰');
  await expect(rejected.nth(1)).toContainText('与第2行的证件号码重复');
  await expect(rejected.nth(2)).toContainText('赵六');
  await expect(rejected.nth(2)).toContainText('证件号码已登记为客户“老赵”');
  // Reasons are red.
  await expect(rejected.nth(0).locator('.import-reasons li')).toHaveCSS('color', 'rgb(207, 19, 34)');
  // 全部导入 would import nothing while a row is rejected: off, and said why.
  await expect(page.getByTestId('import-commit-all')).toBeDisabled();
  await expect(page.getByTestId('import-all-blocked')).toContainText('有 3 行有问题');
  expect((await ok<{ total: number }>(site, 'customer.list', {})).total).toBe(1);
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'import-dry-run.png' });

  // The same phone twice is a note in amber, not a refusal.
  await page.getByTestId('import-tab-warnings').click();
  const warnings = page.getByTestId('import-warnings').locator('tbody tr.ant-table-row');
  await expect(warnings).toHaveCount(1);
  await expect(warnings.first()).toContainText('电话13800138000与第2行相同');
  await expect(warnings.first().locator('.import-warnings li')).toHaveCSS('color', 'rgb(173, 104, 0)');
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'import-dry-run-warnings.png' });
  await page.getByTestId('import-tab-rejected').click();

  // The problem rows as a workbook: the original columns plus 错误原因.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-download-rejected').click()]);
  expect(download.suggestedFilename()).toBe('客户导入-问题行.xlsx');
  const { rows } = await readDownload(download);
  expect(rows[0]).toEqual(['序号', '姓名', '身份证号码', '手机号', '性别', '备注', '错误原因']);
  expect(rows.slice(1).map((r) => r[1])).toEqual(['王五', '张三丰', '赵六']);
  expect(rows[1]?.[2]).toBe(badCheckDigit(WANG));
  expect(rows[1]?.[6]).toMatch(/^证件号码：身份证号校验位不正确/);
  expect(rows[2]?.[6]).toBe('与第2行的证件号码重复');
  expect(rows[3]?.[6]).toBe('证件号码已登记为客户“老赵”');

  // Import the valid rows, after a confirm that says what is left out.
  await page.getByTestId('import-commit-valid').click();
  await expect(page.locator('.ant-modal-confirm')).toContainText('确定导入 4 行有效数据吗？');
  await expect(page.locator('.ant-modal-confirm')).toContainText('有 3 行有问题，不会导入。');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('import-done-title')).toHaveText('已导入 4 行');
  await expect(page.getByTestId('import-done-subtitle')).toHaveText('3 行有问题未导入：下载问题行，修改后重新导入');
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'import-done.png' });

  // Exactly the valid rows exist, next to the customer registered before.
  const list = await ok<{ total: number; items: { name: string }[] }>(site, 'customer.list', { pageSize: 50 });
  expect(list.items.map((c) => c.name).sort()).toEqual(['孙八', '张三', '李四', '老赵', '钱七'].sort());

  // The problem rows are still there to download after the import.
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-done-download-rejected').click()]);
  expect(again.suggestedFilename()).toBe('客户导入-问题行.xlsx');
  expect((await readDownload(again)).rows).toHaveLength(4);

  // 再导入一个文件 starts over.
  await page.getByTestId('import-again').click();
  await expect(page.getByTestId('import-file')).toBeVisible();
  expect(problems).toEqual([]);
});

test('a file that is not an .xlsx is refused in Chinese, and an expired file starts over', async ({ page, site }) => {
  const problems = await openImport(page, site);

  // The template has the fields' own headers, so its columns map themselves.
  const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
  expect(template.suggestedFilename()).toMatch(/^客户导入模板_\d{8}-\d{4}\.xlsx$/);
  expect((await readDownload(template)).rows).toEqual([
    ['客户名称', '客户类型', '证件类型', '证件号码', '电话', '性别', '出生日期', '邮箱', '地址', '备注'],
  ]);

  await chooseFile(page, '名单.xlsx', Buffer.from('姓名,身份证号\n张三,1\n'));
  await expect(page.getByTestId('import-problem')).toContainText('“名单.xlsx”无法导入');
  await expect(page.getByTestId('import-problem')).toContainText('文件内容不是有效的 .xlsx 格式');
  await expect(page.getByTestId('import-file')).toBeVisible();
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'import-bad-file.png' });

  // The host forgets a file after 30 minutes; here it is closed behind the screen's back.
  const opened = page.waitForResponse((r) => r.url().includes('/api/import.open'));
  await chooseFile(page, '客户名单.xlsx', await workbook({ 客户: CUSTOMER_ROWS }));
  const answer = (await (await opened).json()) as { ok: boolean; value: { fileId: string } };
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await expect(page.getByTestId('import-problem')).toHaveCount(0);
  await ok(site, 'import.close', { fileId: answer.value.fileId });
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-problem')).toContainText('导入文件已过期或已关闭，请重新选择文件');
  await expect(page.getByTestId('import-file')).toBeVisible();

  // In English the fields are named in English; the file's own headers stay as they are.
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('import-required-columns')).toHaveText('Required columns: Customer name, ID number');
  await chooseFile(page, '客户名单.xlsx', await workbook({ 客户: CUSTOMER_ROWS }));
  await expect(page.getByTestId('import-field-idNumber')).toHaveText('*ID number');
  await expect(page.getByTestId('import-map-idNumber')).toContainText('身份证号码');
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-summary')).toHaveText('7 rows: 5 valid, 2 with problems');
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'import-dry-run-en.png' });
  expect(problems).toEqual([]);
});

test('the dictionary list exports what its filters show', async ({ page, site }) => {
  const names = [
    ['电话来访', '客户主动来电'],
    ['朋友介绍', ''],
    ['网络广告', ''],
  ];
  const ids: string[] = [];
  for (const [name, remark] of names)
    ids.push((await ok<{ id: string }>(site, 'dict.create', { typeCode: 'customerSource', name, remark })).id);
  await ok(site, 'dict.setInvalid', { ids: [ids[1]], invalid: true });

  await page.goto(site.url);
  await page.getByTestId('menu-dictionaries').click();
  await page.getByTestId('dict-type-customerSource').click();
  await expect(page.getByTestId('dict-table').locator('tr.ant-table-row')).toHaveCount(3);
  await page.getByTestId('dict-query-invalid').click();
  await page.locator('.ant-select-item-option', { hasText: '否' }).click();
  await page.getByTestId('dict-query-submit').click();
  await expect(page.getByTestId('dict-table').locator('tr.ant-table-row')).toHaveCount(2);

  await expect(page.getByTestId('dict-export')).toHaveText('导出Excel');
  await page.screenshot({ path: SCREENSHOT_DIR + 'export-dict-toolbar.png' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dict-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^基础数据-客户来源_\d{8}-\d{4}\.xlsx$/);
  await expect(page.locator('.ant-message')).toContainText('已导出');
  const { sheetName, rows } = await readDownload(download);
  expect(sheetName).toBe('基础数据-客户来源');
  expect(rows[0]).toEqual(['序号', '名称', '备注', '失效', '更新时间']);
  expect(rows).toHaveLength(3);
  expect(rows[1]?.slice(0, 4)).toEqual(['1', '电话来访', '客户主动来电', '否']);
  expect(rows[2]?.slice(0, 4)).toEqual(['3', '网络广告', '', '否']);
  expect(rows[1]?.[4]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
});

test('resources go into the current project, all at once when every row is valid', async ({ page, site }) => {
  const region = await ok<{ id: string }>(site, 'org.createRegion', { code: 'EAST', name: '华东区域' });
  const project = await ok<{ id: string }>(site, 'org.createProject', { regionId: region.id, code: 'LH01', name: '绿湖花园' });
  const problems = await openImport(page, site);

  await page.getByTestId('import-kind-resources').click();
  await expect(page.getByTestId('import-project')).toContainText('绿湖花园');
  await chooseFile(
    page,
    '9号楼.xlsx',
    await workbook({
      房产: [
        ['编码', '名称', '类型', '上级编码', '楼层', '建筑面积(㎡)'],
        ['9', '9号楼', '楼栋', '', '', ''],
        ['9-1', '1单元', '单元', '9', '', ''],
        ['9-1-F01', '1层', '楼层', '9-1', 1, ''],
        ['9-1-0101', '0101', '房间', '9-1-F01', 1, 89.5],
      ],
    }),
  );
  await expect(page.getByTestId('import-map-parentCode')).toContainText('上级编码');
  await expect(page.getByTestId('import-map-code')).toContainText('编码');
  await page.getByTestId('import-check').click();
  await expect(page.getByTestId('import-summary')).toHaveText('共 4 行，有效 4 行，有问题 0 行');
  await expect(page.getByTestId('import-download-rejected')).toBeDisabled();
  await page.getByTestId('import-commit-all').click();
  await expect(page.locator('.ant-modal-confirm')).toContainText('确定导入全部 4 行数据吗？');
  await expect(page.locator('.ant-modal-confirm')).toContainText('导入到项目“绿湖花园”。');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('import-done-title')).toHaveText('已导入 4 行');
  await expect(page.getByTestId('import-done-subtitle')).toHaveText('文件中的数据已全部导入');

  const rooms = await ok<{ items: { code: string; buildArea: number | null }[] }>(site, 'resource.list', {
    projectId: project.id,
    query: '9-1-0101',
  });
  expect(rooms.items.map((r) => r.code)).toContain('9-1-0101');
  expect(problems).toEqual([]);
});
