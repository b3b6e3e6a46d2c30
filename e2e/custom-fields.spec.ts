import type { Page } from '@playwright/test';
import { test, expect, SCREENSHOT_DIR, settle } from './fixtures.js';

// Whole user flows through animated dialogs; shared CI machines can be slow.
test.describe.configure({ timeout: 120_000 });

const table = (page: Page) => page.getByTestId('cf-table');
const row = (page: Page, title: string) => table(page).locator('tr.ant-table-row', { hasText: title });
const dialog = (page: Page) => page.locator('.ant-modal').filter({ visible: true });
const drawer = (page: Page) => page.locator('.ant-drawer').filter({ visible: true });
const optionRow = (page: Page, name: string) => page.getByTestId('options-table').locator('tr.ant-table-row', { hasText: name });
const fieldError = (page: Page, text: string) => dialog(page).locator('.ant-form-item-explain-error', { hasText: text });

async function optionNames(page: Page): Promise<string[]> {
  return page.getByTestId('options-table').locator('tr.ant-table-row td:nth-child(3)').allTextContents();
}

async function addOption(page: Page, name: string): Promise<void> {
  await page.getByTestId('option-add').click();
  await page.getByTestId('option-form-name').fill(name);
  await page.getByTestId('option-form-name').press('Enter');
  await expect(dialog(page)).toHaveCount(0);
  await expect(optionRow(page, name)).toBeVisible();
}

test('自定义信息: a 下拉列表 needs options to open, and once open its options are view-only', async ({ page, site }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  await page.goto(site.url);
  await page.getByTestId('menu-custom-fields').click();
  await expect(page.getByTestId('cf-target-customer')).toBeVisible();
  await expect(page.getByTestId('pager-total')).toHaveText('共 0 条记录');

  // 标题 is checked by the shared titleSchema (≤16).
  await page.getByTestId('cf-add').click();
  await page.getByTestId('cf-form-title').fill('一二三四五六七八九十一二三四五六七');
  await page.getByTestId('cf-form-ok').click();
  await expect(fieldError(page, '标题不能超过16个字')).toBeVisible();
  await page.getByTestId('cf-form-title').fill('客户职业');
  await page.getByTestId('cf-form-type').click();
  await page.locator('.ant-select-item-option', { hasText: '下拉列表' }).click();
  await page.getByTestId('cf-form-ok').click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(row(page, '客户职业')).toContainText('下拉列表');
  await expect(row(page, '客户职业')).toContainText('关闭');

  // Without a valid option it cannot be opened.
  await row(page, '客户职业').click();
  await page.getByTestId('cf-open').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.locator('.ant-message')).toContainText('至少需要一个有效选项才能开启');
  await expect(row(page, '客户职业')).toContainText('关闭');

  // 选项维护 while closed: add, refuse a duplicate, reorder, invalidate.
  await page.getByTestId('cf-options').click();
  await expect(drawer(page)).toContainText('“客户职业”的选项');
  await addOption(page, '教师');
  await addOption(page, '医生');
  await addOption(page, '工程师');
  await page.getByTestId('option-add').click();
  await page.getByTestId('option-form-name').fill('医生');
  await page.getByTestId('option-form-name').press('Enter');
  await expect(fieldError(page, '选项“医生”已存在')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await optionRow(page, '工程师').click();
  await page.getByTestId('option-move-up').click();
  await expect.poll(() => optionNames(page)).toEqual(['教师', '工程师', '医生']);
  await optionRow(page, '教师').click();
  await page.getByTestId('option-invalidate').click();
  await page.getByTestId('confirm-ok').click();
  await expect(optionRow(page, '教师')).toContainText('失效');
  await expect(page.getByTestId('option-edit')).toBeDisabled();
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'cf-options.png' });
  await drawer(page).locator('.ant-drawer-close').click();
  await expect(drawer(page)).toHaveCount(0);

  // Now it opens; its options become view-only.
  await row(page, '客户职业').click();
  await page.getByTestId('cf-open').click();
  await page.getByTestId('confirm-ok').click();
  await expect(row(page, '客户职业')).toContainText('开启');
  await page.getByTestId('cf-options').click();
  await expect(page.getByTestId('options-view-only')).toHaveText('已开启的自定义信息，选项只能查看');
  await expect.poll(() => optionNames(page)).toEqual(['教师', '工程师', '医生']);
  for (const id of ['option-add', 'option-edit', 'option-invalidate', 'option-restore', 'option-move-up', 'option-move-down']) {
    await optionRow(page, '医生').click();
    await expect(page.getByTestId(id)).toBeDisabled();
  }
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'cf-options-view-only.png' });
  await drawer(page).locator('.ant-drawer-close').click();
  await expect(drawer(page)).toHaveCount(0);

  // An open definition keeps its type.
  await page.keyboard.press('F2');
  await expect(page.getByTestId('cf-form-title')).toHaveValue('客户职业');
  await expect(dialog(page)).toContainText('已开启的自定义信息不能修改类型');
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);

  // The other target keeps its own list.
  await page.getByTestId('cf-target-resource').click();
  await expect(page.getByTestId('pager-total')).toHaveText('共 0 条记录');
  await page.getByTestId('cf-target-customer').click();
  await expect(row(page, '客户职业')).toBeVisible();
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'cf-list.png' });

  expect(problems).toEqual([]);
});
