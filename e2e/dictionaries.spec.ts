import type { Page } from '@playwright/test';
import { test, expect, SCREENSHOT_DIR, type HostFixture, open, settle } from './fixtures.js';

// Whole user flows through animated dialogs; shared CI machines can be slow.
test.describe.configure({ timeout: 120_000 });

const table = (page: Page) => page.getByTestId('dict-table');
const row = (page: Page, name: string) => table(page).locator('tr.ant-table-row', { hasText: name });
const dialog = (page: Page) => page.locator('.ant-modal').filter({ visible: true });
const fieldError = (page: Page, text: string) => dialog(page).locator('.ant-form-item-explain-error', { hasText: text });

/** Names in table order (column 3: after the checkbox and 序号). */
async function names(page: Page): Promise<string[]> {
  return table(page).locator('tr.ant-table-row td:nth-child(3)').allTextContents();
}

async function seed(site: HostFixture, entries: readonly string[]): Promise<void> {
  for (const name of entries) {
    const created = await site.host.dispatch('dict.create', { typeCode: 'customerSource', name, remark: '' });
    expect(created.ok).toBe(true);
  }
}

/** Opens 基础数据维护 → 客户来源 and fails the test on any page error. */
async function openCustomerSource(page: Page, site: HostFixture): Promise<string[]> {
  const problems = await open(page, site);
  await expect(page.getByTestId('app-title')).toHaveText('SiteDesk 现场客户与资源管理');
  await page.getByTestId('menu-dictionaries').click();
  await page.getByTestId('dict-type-customerSource').click();
  await expect(page.getByTestId('dict-current-type')).toHaveText('客户来源');
  return problems;
}

async function addEntry(page: Page, open: () => Promise<void>, name: string, remark = ''): Promise<void> {
  await open();
  await expect(page.getByTestId('dict-form-name')).toBeFocused();
  await page.getByTestId('dict-form-name').fill(name);
  if (remark) await page.getByTestId('dict-form-remark').fill(remark);
  await page.getByTestId('dict-form-name').press('Enter');
  await expect(dialog(page)).toHaveCount(0);
  await expect(row(page, name)).toBeVisible();
}

async function expectPage(page: Page, n: number): Promise<void> {
  await expect(page.getByTestId('pager-current')).toHaveText(`第 ${n} 页`);
}

async function jump(page: Page, entry: string): Promise<void> {
  await page.getByTestId('pager-jump-input').fill(entry);
  await page.getByTestId('pager-jump').click();
}

test('add entries, see a duplicate refused on the field, invalidate one', async ({ page, site }) => {
  const problems = await openCustomerSource(page, site);

  // Three ways in: the button, Insert, Alt+N; Enter in the name box saves.
  await addEntry(page, () => page.getByTestId('dict-add').click(), '电话来访', '客户主动来电');
  await addEntry(page, () => page.keyboard.press('Insert'), '朋友介绍');
  await addEntry(page, () => page.keyboard.press('Alt+N'), '网络广告');
  expect(await names(page)).toEqual(['电话来访', '朋友介绍', '网络广告']);

  // The shared schema checks the form; the host's duplicate check lands on the field, in Chinese.
  await page.getByTestId('dict-add').click();
  await page.getByTestId('dict-form-ok').click();
  await expect(fieldError(page, '名称不能为空')).toBeVisible();
  await page.getByTestId('dict-form-name').fill('电话来访');
  await page.getByTestId('dict-form-name').press('Enter');
  await expect(fieldError(page, '名称“电话来访”已存在')).toBeVisible();
  await expect(fieldError(page, '名称不能为空')).toHaveCount(0);
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'dict-form-error.png' });
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  expect(await names(page)).toEqual(['电话来访', '朋友介绍', '网络广告']);

  // 失效: confirmed, shown as 失效, then view-only.
  await row(page, '朋友介绍').click();
  await page.getByTestId('dict-invalidate').click();
  await page.getByTestId('confirm-ok').click();
  await expect(row(page, '朋友介绍')).toContainText('失效');
  await expect(page.getByTestId('dict-edit')).toBeDisabled();
  await expect(page.getByTestId('dict-restore')).toBeEnabled();
  await page.keyboard.press('F2');
  await expect(page.locator('.ant-message')).toContainText('该记录已失效，只能查看，不能修改');
  await expect(dialog(page)).toHaveCount(0);
  await row(page, '朋友介绍').dblclick();
  await expect(page.getByTestId('dict-form-invalid-hint')).toBeVisible();
  await expect(page.getByTestId('dict-form-name')).toBeDisabled();
  await expect(page.getByTestId('dict-form-ok')).toHaveCount(0);
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'dict-view-invalid.png' });
  await page.getByTestId('dict-form-close').click();
  await expect(dialog(page)).toHaveCount(0);

  // Batch 失效 of the two left, from the header checkbox.
  await table(page).locator('thead .ant-checkbox-input').check();
  await page.getByTestId('dict-invalidate').click();
  await expect(page.locator('.ant-modal-confirm')).toContainText('2 条');
  await page.getByTestId('confirm-ok').click();
  await expect(table(page).locator('tr.ant-table-row', { hasText: '有效' })).toHaveCount(0);

  // 失效否 = 否 now finds nothing; 重置 brings all back.
  await page.getByTestId('dict-query-invalid').click();
  await page.locator('.ant-select-item-option', { hasText: '否' }).click();
  await page.getByTestId('dict-query-submit').click();
  await expect(table(page).locator('tr.ant-table-row')).toHaveCount(0);
  await page.getByTestId('dict-query-reset').click();
  await expect(table(page).locator('tr.ant-table-row')).toHaveCount(3);
  await page.getByTestId('dict-query-name').fill('介绍');
  await page.getByTestId('dict-query-name').press('Enter');
  await expect.poll(() => names(page)).toEqual(['朋友介绍']);

  expect(problems).toEqual([]);
});

test('reorder with 上移, 下移 and 移至, rename, restore the old name from 修改历史', async ({ page, site }) => {
  await seed(site, ['电话来访', '朋友介绍', '网络广告']);
  const problems = await openCustomerSource(page, site);
  await expect.poll(() => names(page)).toEqual(['电话来访', '朋友介绍', '网络广告']);

  await row(page, '网络广告').click();
  await page.getByTestId('dict-move-up').click();
  await expect.poll(() => names(page)).toEqual(['电话来访', '网络广告', '朋友介绍']);
  await page.getByTestId('dict-move-down').click();
  await expect.poll(() => names(page)).toEqual(['电话来访', '朋友介绍', '网络广告']);
  await page.getByTestId('dict-move-to').click();
  await page.getByTestId('move-to-input').fill('1');
  await page.getByTestId('move-to-input').press('Enter');
  await expect.poll(() => names(page)).toEqual(['网络广告', '电话来访', '朋友介绍']);
  await expect(row(page, '网络广告').locator('td').nth(1)).toHaveText('1');
  // A position past the end is refused and the order stays.
  await page.getByTestId('dict-move-to').click();
  await page.getByTestId('move-to-input').fill('9');
  await page.getByTestId('move-to-input').press('Enter');
  await expect(page.locator('.ant-message')).toContainText('无法移动到该位置');
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  expect(await names(page)).toEqual(['网络广告', '电话来访', '朋友介绍']);

  // Rename with F2.
  await row(page, '电话来访').click();
  await page.keyboard.press('F2');
  await expect(page.getByTestId('dict-form-name')).toHaveValue('电话来访');
  await page.getByTestId('dict-form-name').fill('电话咨询');
  await page.getByTestId('dict-form-ok').click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(row(page, '电话咨询')).toBeVisible();

  // 修改历史 (Alt+H): newest first, who and when, old → new; 恢复 writes the old name back.
  await page.keyboard.press('Alt+H');
  const drawer = page.locator('.ant-drawer').filter({ visible: true });
  await expect(drawer).toContainText('“电话咨询”的修改历史');
  const newest = drawer.getByTestId('history-entry').first();
  await expect(newest).toContainText('修改');
  await expect(newest.getByTestId('history-actor')).toHaveText('操作人：系统管理员');
  await expect(newest.getByTestId('history-time')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  await expect(newest.getByTestId('history-change-name')).toHaveText(/^名称：电话来访 → 电话咨询/);
  await expect(drawer.getByTestId('history-change-sortOrder').first()).toContainText('序号：1 → 2');
  const oldest = drawer.getByTestId('history-entry').last();
  await expect(oldest).toContainText('新增');
  await expect(oldest.getByTestId('history-change-name')).toHaveText('名称：电话来访');
  await expect(oldest.getByTestId('history-change-invalid')).toHaveText('状态：有效');
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'dict-history.png' });
  await newest.getByTestId('history-restore-name').click();
  await expect(drawer.getByTestId('history-entry').first().getByTestId('history-change-name')).toHaveText(
    /^名称：电话咨询 → 电话来访/,
  );
  await expect(row(page, '电话来访')).toBeVisible();
  await expect(row(page, '电话咨询')).toHaveCount(0);
  await drawer.locator('.ant-drawer-close').click();
  await expect(drawer).toHaveCount(0);

  expect(problems).toEqual([]);
});

test('paging bar: 首页, 末页, 上一页, 下一页, page size and a jump box that ignores unusable pages', async ({ page, site }) => {
  await seed(
    site,
    Array.from({ length: 25 }, (_, i) => `批量来源${String(i + 1).padStart(2, '0')}`),
  );
  const problems = await openCustomerSource(page, site);

  await expect(page.getByTestId('pager-total')).toHaveText('共 25 条记录');
  await expect(page.getByTestId('pager-pages')).toHaveText('共 2 页');
  await expectPage(page, 1);
  await expect(page.getByTestId('pager-first')).toBeDisabled();
  await expect(page.getByTestId('pager-prev')).toBeDisabled();
  await expect(table(page).locator('tr.ant-table-row')).toHaveCount(20);
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'dict-list.png' });

  await page.getByTestId('pager-next').click();
  await expectPage(page, 2);
  await expect(table(page).locator('tr.ant-table-row')).toHaveCount(5);
  await expect(row(page, '批量来源21')).toBeVisible();
  await expect(page.getByTestId('pager-next')).toBeDisabled();
  await expect(page.getByTestId('pager-last')).toBeDisabled();
  await page.getByTestId('pager-first').click();
  await expectPage(page, 1);
  await page.getByTestId('pager-last').click();
  await expectPage(page, 2);
  await page.getByTestId('pager-prev').click();
  await expectPage(page, 1);

  // 0, empty, text, negative, fractions and past the end leave the page where it is.
  for (const entry of ['0', '', 'abc', '3', '-1', '1.5']) {
    await jump(page, entry);
    await expectPage(page, 1);
  }
  await jump(page, '2');
  await expectPage(page, 2);
  await page.getByTestId('pager-jump-input').fill('0');
  await page.getByTestId('pager-jump-input').press('Enter');
  await expectPage(page, 2);
  await page.getByTestId('pager-jump-input').fill('１');
  await page.getByTestId('pager-jump-input').press('Enter');
  await expectPage(page, 1);

  // 每页 10 条: three pages, starting again at page 1.
  await page.getByTestId('pager-size').click();
  await page.locator('.ant-select-item-option', { hasText: /^10$/ }).click();
  await expect(page.getByTestId('pager-pages')).toHaveText('共 3 页');
  await expectPage(page, 1);
  await expect(table(page).locator('tr.ant-table-row')).toHaveCount(10);
  await page.getByTestId('pager-last').click();
  await expectPage(page, 3);
  await expect(table(page).locator('tr.ant-table-row')).toHaveCount(5);
  await jump(page, '4');
  await expectPage(page, 3);
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'dict-pagination.png' });

  // English: the same screen, every label switched.
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('app-title')).toHaveText('SiteDesk Site Customer & Resource Management');
  await expect(page.getByTestId('dict-current-type')).toHaveText('Customer source');
  await expect(page.getByTestId('pager-total')).toHaveText('25 records');
  await expect(page.getByTestId('pager-current')).toHaveText('Page 3');
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'dict-list-en.png' });

  expect(problems).toEqual([]);
});
