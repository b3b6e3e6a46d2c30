import type { Page } from '@playwright/test';
import { residentCheckDigit } from '../shared/domain/id-documents.js';
import { test, expect, SCREENSHOT_DIR, type HostFixture, open, settle } from './fixtures.js';

// Whole user flows through animated dialogs; shared CI machines can be slow.
test.describe.configure({ timeout: 120_000 });

const dialog = (page: Page) => page.locator('.ant-modal').filter({ visible: true });
const card = (page: Page) => page.getByTestId('card-title');
/** antd puts a dialog's test id on its root, which has no box of its own; the dialog is inside. */
const modal = (page: Page, testId: string) => page.getByTestId(testId).locator('.ant-modal');

async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const envelope = await result;
  if (!envelope.ok) throw new Error(`dispatch failed: ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

/** A region and a project: the session makes the only project the current one. */
async function seedProject(site: HostFixture): Promise<string> {
  const region = (await ok(site.host.dispatch('org.createRegion', { code: 'EAST', name: '华东区域' }))) as { id: string };
  const project = (await ok(
    site.host.dispatch('org.createProject', { regionId: region.id, code: 'LH01', name: '绿湖花园' }),
  )) as { id: string };
  return project.id;
}

/** A person with a valid 身份证 number (the check digit computed, as the host checks it). */
async function seedCustomer(site: HostFixture, name: string, seq: number): Promise<string> {
  const body = `11010519900307${String(100 + seq)}`;
  const customer = (await ok(
    site.host.dispatch('customer.create', {
      name,
      idType: 'resident',
      idNumber: body + residentCheckDigit(body),
      phones: [{ number: `1380013${String(8000 + seq)}`, isPrimary: true }],
    }),
  )) as { id: string };
  return customer.id;
}

async function openResources(page: Page, site: HostFixture): Promise<string[]> {
  const problems = await open(page, site);
  await expect(page.getByTestId('app-title')).toHaveText('SiteDesk 现场客户与资源管理');
  await page.getByTestId('menu-resources').click();
  await expect(page.getByTestId('tree-root')).toContainText('绿湖花园');
  return problems;
}

/** Types a date into an antd DatePicker and confirms it. */
async function pickDate(page: Page, testId: string, date: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** Chooses a customer in the search select by typing part of the name. */
async function pickCustomer(page: Page, testId: string, name: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(name);
  await page.getByTestId(`customer-option-${name}`).click();
}

test('without a project the screen says where to create one', async ({ page, site }) => {
  await page.goto(site.url);
  await page.getByTestId('menu-resources').click();
  await expect(page.getByTestId('resources-no-project')).toContainText('基础数据 → 组织与员工');
});

test('generate a building through the wizard with a live preview', async ({ page, site }) => {
  await seedProject(site);
  const problems = await openResources(page, site);

  await page.getByTestId('res-generate').click();
  await expect(modal(page, 'wizard')).toBeVisible();
  // Nothing typed yet: the preview says what is missing, in Chinese.
  await expect(page.getByTestId('wiz-errors')).toContainText('请输入楼栋编号');
  await expect(page.getByTestId('wiz-save')).toBeDisabled();

  await page.getByTestId('wiz-code').fill('1');
  await page.getByTestId('wiz-floors').fill('6');
  await page.getByTestId('wiz-skip').click();
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await page.getByTestId('wiz-build-area').fill('98.5');
  await page.getByTestId('wiz-inner-area').fill('80');

  // 2 units × 6 floors × 2 rooms; floor 4 is skipped, so the top floor is labelled 7.
  await expect(page.getByTestId('wiz-count-rooms')).toContainText('24');
  await expect(page.getByTestId('wiz-count-floors')).toContainText('12');
  await expect(page.getByTestId('wiz-count-units')).toContainText('2');
  await expect(page.getByTestId('wiz-warnings')).toContainText('不设4层');
  await expect(page.getByTestId('wiz-errors')).toHaveCount(0);
  const preview = page.getByTestId('wiz-preview-grid');
  await expect(preview.locator('tr').first()).toContainText('1-1-0701');
  await expect(preview).not.toContainText('1-1-0401');
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'resources-wizard.png' });

  // A broken pattern is caught before saving.
  await page.getByTestId('wiz-code-pattern').fill('{b}-{x}');
  await expect(page.getByTestId('wiz-errors')).toContainText('房号规则含未知占位符');
  await expect(page.getByTestId('wiz-save')).toBeDisabled();
  await page.getByTestId('wiz-code-pattern').fill('{b}-{u}-{f2}{r2}');

  await page.getByTestId('wiz-save').click();
  await expect(page.getByTestId('wizard')).toHaveCount(0);
  await expect(page.getByTestId('grid-building')).toHaveText('1号楼');
  await expect(page.locator('.fg-cell')).toHaveCount(24);
  await expect(page.getByTestId('grid-room-1-2-0702')).toBeVisible();
  await expect(page.getByTestId('grid-legend-unsold')).toContainText('24');
  await expect(page.getByTestId('tree-node-1')).toBeVisible();

  // The same building again: the host refuses the codes, and the wizard says so.
  await page.getByTestId('res-generate').click();
  await page.getByTestId('wiz-code').fill('1');
  await page.getByTestId('wiz-save').click();
  await expect(page.getByTestId('wiz-save-error')).toContainText('编码已被使用');
  await page.getByTestId('wiz-cancel').click();
  await expect(dialog(page)).toHaveCount(0);

  expect(problems).toEqual([]);
});

test('房态图 of a 40-floor building with 320 rooms', async ({ page, site }) => {
  const projectId = await seedProject(site);
  await ok(
    site.host.dispatch('resource.generateBuilding', {
      projectId,
      plan: {
        buildingCode: '8',
        units: 2,
        floorsAbove: 40,
        roomsPerFloor: 4,
        defaults: { buildArea: 120, houseType: '三室两厅' },
      },
    }),
  );
  const problems = await openResources(page, site);

  await expect(page.getByTestId('grid-building')).toHaveText('8号楼');
  await expect(page.locator('.fg-cell')).toHaveCount(320);
  await expect(page.getByTestId('grid-total')).toHaveText('共 320 间');
  // Top floor first: scroll down to the ground floor, then back up to the top.
  const top = page.getByTestId('grid-room-8-2-4004');
  await expect(top).toBeInViewport();
  await page.getByTestId('grid-room-8-1-0101').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('grid-room-8-1-0101')).toBeInViewport();
  await expect(top).not.toBeInViewport();
  // The unit headers stay on top while the floors scroll under them.
  await expect(page.locator('.fg-unit-head').first()).toBeInViewport();
  await top.scrollIntoViewIfNeeded();
  await expect(top).toBeInViewport();
  await expect(page.getByTestId('grid-floor-40')).toContainText('40层');
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'resources-grid.png' });

  await top.click();
  await expect(card(page)).toBeVisible();
  await expect(page.getByTestId('card-title')).toContainText('8-2-4004');
  await expect(page.getByTestId('card-path')).toContainText('8号楼');
  await expect(page.getByTestId('card-path')).toContainText('2单元');
  await page.keyboard.press('Escape');
  await expect(card(page)).toBeHidden();

  // English: the screen's own words switch; data (names, 40层) stays as stored.
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('grid-legend-unsold')).toHaveText('Unsold 320');
  await expect(page.getByTestId('grid-total')).toHaveText('320 rooms');
  await top.click();
  await expect(page.getByTestId('card-attributes')).toContainText('Floor area');
  await expect(page.getByTestId('card-attributes')).toContainText('Unsold');
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'resources-card-en.png' });
  expect(problems).toEqual([]);
});

test('register an owner, split the room, follow the lineage and look back in time', async ({ page, site }) => {
  const projectId = await seedProject(site);
  await ok(
    site.host.dispatch('resource.generateBuilding', {
      projectId,
      plan: { buildingCode: '3', units: 1, floorsAbove: 3, roomsPerFloor: 2, defaults: { buildArea: 100, innerArea: 80 } },
    }),
  );
  await seedCustomer(site, '张三', 1);
  await seedCustomer(site, '李四', 2);
  const problems = await openResources(page, site);

  // Open the room's card from the 房态图.
  await page.getByTestId('grid-room-3-1-0201').click();
  await expect(page.getByTestId('card-title')).toContainText('3-1-0201');
  await expect(page.getByTestId('card-attributes')).toContainText('100 m²');

  // 登记关系: 张三 as 业主 since 2024-01-01.
  await page.getByTestId('card-add-relation').click();
  await pickCustomer(page, 'relation-customer', '张三');
  await pickDate(page, 'relation-start', '2024-01-01');
  await page.getByTestId('relation-ok').click();
  await expect(page.getByTestId('relation-form')).toHaveCount(0);
  await expect(page.getByTestId('card-current')).toContainText('张三');
  await expect(page.getByTestId('card-current')).toContainText('业主');
  await expect(page.locator('.ant-message-notice')).toHaveCount(0);
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'resources-card.png' });

  // A second 业主 is refused, and the dialog says who owns it.
  await page.getByTestId('card-add-relation').click();
  await pickCustomer(page, 'relation-customer', '李四');
  await page.getByTestId('relation-ok').click();
  await expect(page.getByTestId('relation-error')).toContainText('该房产已有业主“张三”');
  await page.getByTestId('relation-cancel').click();
  await expect(page.getByTestId('relation-form')).toHaveCount(0);

  // 拆分 into two; 张三 moves to the first part.
  await page.getByTestId('card-split').click();
  await expect(modal(page, 'split-dialog')).toBeVisible();
  await expect(page.getByTestId('split-total')).toContainText('与原面积一致');
  await page.getByTestId('split-part-build-0').fill('60');
  await expect(page.getByTestId('split-total')).toContainText('相差 +10');
  await page.getByTestId('split-part-build-1').fill('40');
  await expect(page.getByTestId('split-total')).toContainText('与原面积一致');
  // Every current relation needs a decision.
  await page.getByTestId('split-ok').click();
  await expect(page.getByTestId('split-dialog')).toContainText('请选择去向');
  await page.getByTestId('split-move-select-张三').click();
  await page.locator('.ant-select-item-option', { hasText: '转到 3-1-0201A' }).click();
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'resources-split.png' });
  await page.getByTestId('split-ok').click();
  await expect(page.getByTestId('split-dialog')).toHaveCount(0);

  // The old room ended; the card shows where it went.
  await expect(page.getByTestId('card-ended')).toBeVisible();
  await expect(page.getByTestId('card-went-to')).toContainText('3-1-0201A');
  await expect(page.getByTestId('card-went-to')).toContainText('3-1-0201B');
  await expect(page.getByTestId('card-past')).toContainText('张三');
  await expect(page.getByTestId('card-add-relation')).toBeDisabled();

  // Follow the lineage to the first part: 张三 is its owner, it came from the old room.
  await page.getByTestId('card-lineage-3-1-0201A').click();
  await expect(page.getByTestId('card-title')).toContainText('3-1-0201A');
  await expect(page.getByTestId('card-current')).toContainText('张三');
  await expect(page.getByTestId('card-came-from')).toContainText('3-1-0201');
  await expect(page.getByTestId('card-attributes')).toContainText('60 m²');
  await page.keyboard.press('Escape');
  await expect(card(page)).toBeHidden();

  // Today's 房态图 has the two parts and no longer the old room.
  await expect(page.getByTestId('grid-room-3-1-0201A')).toContainText('张三');
  await expect(page.getByTestId('grid-room-3-1-0201B')).toBeVisible();
  await expect(page.getByTestId('grid-room-3-1-0201')).toHaveCount(0);

  // On a date before the split the old room is back, with its owner then.
  await pickDate(page, 'res-on-date', '2025-01-01');
  await expect(page.getByTestId('res-history-banner')).toContainText('2025-01-01');
  await expect(page.getByTestId('grid-room-3-1-0201')).toContainText('张三');
  await expect(page.getByTestId('grid-room-3-1-0201A')).toHaveCount(0);
  await expect(page.getByTestId('res-generate')).toBeDisabled();
  await page.getByTestId('res-tab-list').click();
  await expect(page.getByTestId('res-table')).toContainText('3-1-0201');
  await expect(page.getByTestId('res-table')).not.toContainText('3-1-0201A');
  await page.getByTestId('res-back-today').click();
  await expect(page.getByTestId('res-history-banner')).toHaveCount(0);
  await expect(page.getByTestId('res-table')).toContainText('3-1-0201A');

  expect(problems).toEqual([]);
});

test('list: filter, add a parking space, bulk edit, merge two rooms', async ({ page, site }) => {
  const projectId = await seedProject(site);
  await ok(
    site.host.dispatch('resource.generateBuilding', {
      projectId,
      plan: { buildingCode: '5', units: 1, floorsAbove: 2, roomsPerFloor: 2, defaults: { buildArea: 50, innerArea: 40 } },
    }),
  );
  const problems = await openResources(page, site);
  await page.getByTestId('res-tab-list').click();
  const table = page.getByTestId('res-table');
  const row = (code: string) => table.locator('tr.ant-table-row', { has: page.getByText(code, { exact: true }) });

  // Filter to rooms only.
  await page.getByTestId('res-query-kind').click();
  await page.locator('.ant-select-item-option', { hasText: '房间' }).click();
  await expect(table.locator('tr.ant-table-row')).toHaveCount(4);

  // 新增 a parking space; the shared schema checks the form.
  await page.getByTestId('res-add').click();
  await page.getByTestId('res-add-parking').click();
  await expect(modal(page, 'resource-form')).toBeVisible();
  await page.getByTestId('resource-form-ok').click();
  await expect(dialog(page).locator('.ant-form-item-explain-error').first()).toBeVisible();
  await page.getByTestId('resource-form-code').fill('p-001');
  await page.getByTestId('resource-form-name').fill('P001');
  await page.getByTestId('resource-form-zone').fill('B区');
  await page.getByTestId('resource-form-ok').click();
  await expect(page.getByTestId('resource-form')).toHaveCount(0);
  await page.getByTestId('res-query-reset').click();
  await expect(row('P-001')).toBeVisible();

  // 批量修改 the two first-floor rooms.
  await row('5-1-0101').click();
  await row('5-1-0102').locator('.ant-checkbox-input').check();
  await page.getByTestId('res-bulk').click();
  await page.getByTestId('bulk-house').locator('input').fill('两室一厅');
  await page.getByTestId('bulk-ok').click();
  await expect(page.getByTestId('bulk-form')).toHaveCount(0);
  await expect(row('5-1-0101')).toContainText('两室一厅');
  await expect(row('5-1-0102')).toContainText('两室一厅');
  await settle(page);
  await page.screenshot({ path: SCREENSHOT_DIR + 'resources-list.png' });

  // 合并 them: default code is the first room's, areas summed.
  await row('5-1-0101').click();
  await row('5-1-0102').locator('.ant-checkbox-input').check();
  await page.getByTestId('res-merge').click();
  await expect(modal(page, 'merge-dialog')).toBeVisible();
  await expect(page.getByTestId('merge-target-code-0')).toHaveValue('5-1-0101');
  await expect(page.getByTestId('merge-target-build-0')).toHaveValue('100');
  await page.getByTestId('merge-ok').click();
  await expect(page.getByTestId('merge-dialog')).toHaveCount(0);
  await expect(page.getByTestId('card-came-from')).toContainText('5-1-0102');
  await expect(page.getByTestId('card-attributes')).toContainText('100 m²');
  await page.keyboard.press('Escape');
  await expect(row('5-1-0102')).toHaveCount(0);
  expect(problems).toEqual([]);
});
