import { createDeviceCode } from '../server/accounts/devices.js';
import { createProject, createRegion } from '../server/admin/org.js';
import { residentCheckDigit } from '../shared/domain/id-documents.js';
import { updateRoom } from '../integration/harness/actions.js';
import { SyncWorld, type Office } from '../integration/harness/world.js';
import { test as base, calm, choose, expect, SCREENSHOT_DIR, settle, watchProblems } from './fixtures.js';

/**
 * The browser host against the real group server (Fastify on a real PostgreSQL, on
 * 127.0.0.1): set up through the 数据同步 page, work offline, come back, meet a 冲突.
 */

const HOUR = 3_600_000;
const PROJECT = { code: 'SH01', name: '滨江花园' };
/** The browser's employee (front desk) and the second office's (sales). */
const FRONT = { account: 'qiantai', name: '前台小周', password: 'qiantai-pass' };
const SALES = { account: 'xiaoshou', name: '销售小林' };
const ROOM = '1-1-0201';

interface GroupServer {
  world: SyncWorld;
  projectId: string;
  /** A one-time code for the browser's device. */
  code: string;
}

const test = base.extend<{ group: GroupServer }>({
  group: async ({}, use) => {
    const world = await SyncWorld.start();
    try {
      const regionId = await createRegion(world.ctx, { code: 'EAST', name: '华东区域' });
      const projectId = await createProject(world.ctx, { region: regionId, ...PROJECT, city: '上海', status: 'selling' });
      await world.employee(FRONT.account, FRONT.name, [PROJECT.code]);
      await world.employee(SALES.account, SALES.name, [PROJECT.code]);
      const { code } = await createDeviceCode(world.server.db, { createdBy: 'e2e' });
      await use({ world, projectId, code });
    } finally {
      // The offices, the server, and the database are gone after every run.
      await world.close();
    }
  },
  // The real path: the engine in a worker thread over HTTP. Its own schedule waits an hour, so
  // only 立即同步 (and the round that follows signing in) talks to the server.
  siteOptions: async ({ group }, use) => {
    await use({
      serverUrl: group.world.url,
      sync: { mode: 'worker', intervalMs: HOUR, debounceMs: HOUR, backoffBaseMs: HOUR, backoffMaxMs: HOUR },
    });
  },
  // The worker is stopped (and its connection closed) before the server goes.
  site: async ({ site }, use) => {
    await use(site);
    await site.host.shutdown();
  },
});

// A whole day's work through animated dialogs, with a server round now and then.
test.describe.configure({ timeout: 240_000 });

/** A valid 居民身份证 number from its first 17 digits. */
const resident = (body17: string) => body17 + residentCheckDigit(body17);
const CUSTOMER = { name: '陈美玲', id: resident('31010419880512004'), phone: '13916602288' };

async function roomId(office: Office, projectId: string): Promise<string> {
  const page = await office.call('resource.list', { projectId, query: ROOM, page: 1, pageSize: 20 });
  const room = page.items.find((r) => r.code === ROOM);
  if (!room) throw new Error(`${office.name} has no room ${ROOM}`);
  return room.id;
}

test('offline work is kept, sent when the server is back, and the room sold meanwhile comes back as a 冲突 to resolve', async ({
  page,
  site,
  group,
}) => {
  const { world, projectId } = group;
  const problems = watchProblems(page);

  const indicator = page.getByTestId('sync-indicator');
  const stateText = page.getByTestId('sync-indicator-state');
  const pendingBadge = page.getByTestId('sync-indicator-pending');
  const conflictsBadge = page.getByTestId('sync-indicator-conflicts');
  const syncNow = page.getByTestId('sync-now');
  /** 立即同步 on the 数据同步 page; resolves when the round answered (the button is enabled again). */
  const syncAndWait = async () => {
    await expect(syncNow).toBeEnabled();
    await syncNow.click();
    await expect(page.getByTestId('sync-indicator-spinner')).toHaveCount(0);
    await expect(syncNow).toBeEnabled();
  };

  // ── 1. The device: the server address is preset, so the page asks for the code. ──
  await page.goto(site.url);
  await expect(page.getByTestId('app-operator')).toContainText('系统管理员');
  // Never registered: 未登记, not 离线 (it has never been online to be off).
  await expect(indicator).toHaveAttribute('data-state', 'unregistered');
  await expect(stateText).toHaveText('未登记');
  await expect(page.getByTestId('sync-indicator-ago')).toHaveCount(0);
  await page.getByTestId('menu-sync').click();
  await expect(page.getByTestId('sync-page')).toBeVisible();
  await expect(page.getByTestId('sync-status-server')).toHaveText(world.url);
  await expect(page.getByTestId('sync-status-device')).toHaveText('未登记');

  await page.getByTestId('sync-register-code').fill(group.code);
  await page.getByTestId('sync-register-name').fill('滨江花园前台1号机');
  await page.getByTestId('sync-register-submit').click();
  await expect(page.getByText('设备登记成功').first()).toBeVisible();
  await expect(page.getByTestId('sync-status-device')).toHaveText('已登记');

  // Signing in as the front-desk employee; the first round follows by itself.
  await page.getByTestId('sync-login-account').fill(FRONT.account);
  await page.getByTestId('sync-login-password').fill(FRONT.password);
  await page.getByTestId('sync-login-submit').click();
  await expect(page.getByTestId('sync-signed-in')).toContainText(`${FRONT.name}（${FRONT.account}）`);
  await expect(page.getByTestId('sync-status-employee')).toHaveText(`${FRONT.name}（${FRONT.account}）`);

  await syncAndWait();
  await expect(page.getByText('同步完成').first()).toBeVisible();
  await expect(stateText).toHaveText('在线');
  await expect(indicator).toHaveAttribute('data-state', 'online');
  await expect(page.getByTestId('sync-indicator-ago')).toHaveText('·上次同步 刚刚');
  // Set up and synced: every step of the bar is done.
  await expect(page.getByTestId('sync-setup').locator('.ant-steps-item-finish')).toHaveCount(4);
  await expect(page.getByTestId('sync-setup').locator('.ant-steps-item-process')).toHaveCount(0);
  await expect(page.getByTestId('sync-status-pending')).toHaveText('0 条');
  await expect(pendingBadge).toHaveCount(0);

  // The project the server grants arrived; the header works in it, as the signed-in employee.
  await expect(page.getByTestId('app-operator')).toContainText(FRONT.name);
  await expect(page.getByTestId('project-switcher')).toContainText(PROJECT.name);
  await page.getByTestId('menu-sync').click();
  await calm(page, { toasts: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-server-online.png` });

  // ── 2. The sales office of the same project builds the 楼盘表; both sync. ──
  const sales = await world.office('售楼处2号机', SALES.account);
  await sales.call('session.setProject', { projectId });
  await sales.call('resource.generateBuilding', {
    projectId,
    plan: { buildingCode: '1', units: 1, floorsAbove: 3, roomsPerFloor: 2, defaults: { buildArea: 98.5, innerArea: 80 } },
  });
  expect((await sales.sync()).ok).toBe(true);
  const salesRoomId = await roomId(sales, projectId);

  await syncAndWait();
  await expect(stateText).toHaveText('在线');
  await page.getByTestId('menu-resources').click();
  await expect(page.getByTestId('tree-root')).toContainText(PROJECT.name);
  await expect(page.getByTestId('grid-building')).toHaveText('1号楼');
  await expect(page.locator('.fg-cell')).toHaveCount(6);
  await page.getByTestId(`grid-room-${ROOM}`).click();
  await expect(page.getByTestId('card-title')).toContainText(ROOM);
  await expect(page.getByTestId('card-status')).toHaveText('未售');
  const roomTag = page.getByTestId('resource-card').getByTestId('record-sync-tag');
  await expect(roomTag).toHaveAttribute('data-state', 'synced');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('resource-card')).toBeHidden();

  // ── 3. The server goes away. The front desk sells the room and registers the buyer. ──
  await world.stopServer();

  await page.getByTestId(`grid-room-${ROOM}`).click();
  await expect(page.getByTestId('card-title')).toContainText(ROOM);
  await page.getByTestId('card-edit').click();
  const roomForm = page.getByTestId('resource-form').locator('.ant-modal');
  await expect(roomForm).toBeVisible();
  await choose(page, page.getByTestId('resource-form-status'), '已售');
  await page.getByTestId('resource-form-house').locator('input').fill('三室两厅');
  await page.getByTestId('resource-form-ok').click();
  await expect(page.getByTestId('resource-form')).toHaveCount(0);
  await expect(page.getByTestId('card-status')).toHaveText('已售');
  await expect(page.getByTestId('card-attributes')).toContainText('三室两厅');
  await expect(roomTag).toHaveAttribute('data-state', 'pending');
  await expect(roomTag).toHaveText('待同步');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('resource-card')).toBeHidden();

  await page.getByTestId('menu-customers').click();
  await expect(page.getByTestId('customer-toolbar')).toBeVisible();
  await page.keyboard.press('Insert');
  const customerForm = page.getByTestId('customer-form').locator('.ant-modal');
  await expect(customerForm).toBeVisible();
  await page.getByTestId('customer-name').fill(CUSTOMER.name);
  await page.getByTestId('customer-id-number').fill(CUSTOMER.id);
  await page.getByTestId('customer-id-number').press('Tab');
  await expect(page.getByTestId('customer-birth-date')).toHaveValue('1988-05-12');
  await page.getByTestId('customer-phone-0').fill(CUSTOMER.phone);
  await page.getByTestId('customer-phone-0').press('Tab');
  await page.keyboard.press('Control+s');
  await expect(customerForm).toBeHidden();
  const customerRow = page.getByTestId('customer-table').locator('tr.ant-table-row', { hasText: CUSTOMER.name });
  await expect(customerRow).toBeVisible();

  // 立即同步 finds no server: 离线, and everything waits.
  await page.keyboard.press('F9');
  await expect(stateText).toHaveText('离线');
  await expect(indicator).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('sync-indicator-ago')).toHaveText(/^·上次同步 (刚刚|\d+分钟前)$/);
  await expect(page.getByText('无法连接集团服务器').first()).toBeVisible();
  await expect(pendingBadge).toHaveAttribute('title', /^待同步 \d+ 条$/);
  const waiting = Number(/\d+/.exec((await pendingBadge.getAttribute('title')) ?? '')?.[0]);
  // The room's sale, the customer and her phone.
  expect(waiting).toBeGreaterThanOrEqual(2);
  await calm(page, { toasts: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-server-offline.png` });

  await customerRow.dblclick();
  const customerTag = page.getByTestId('customer-360').getByTestId('record-sync-tag');
  await expect(customerTag).toHaveAttribute('data-state', 'pending');
  await expect(customerTag).toHaveText('待同步');
  await calm(page, { toasts: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-server-offline-record.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('customer-360')).toBeHidden();

  await page.getByTestId('menu-sync').click();
  await expect(page.getByTestId('sync-status-connection')).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('sync-status-pending')).toHaveText(`${waiting} 条`);
  await expect(page.getByTestId('sync-status-error')).toContainText('无法连接集团服务器');
  await calm(page, { toasts: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-server-offline-status.png` });

  // ── 4. The server is back; the sales office sells the same room and syncs first. ──
  await world.startServer();
  await updateRoom(sales, salesRoomId, { status: 'sold' });
  const first = await sales.sync();
  expect(first).toMatchObject({ ok: true, rejected: 0 });

  await syncAndWait();
  await expect(page.getByText('同步完成').first()).toBeVisible();
  await expect(stateText).toHaveText('在线');
  await expect(pendingBadge).toHaveCount(0);
  await expect(page.getByTestId('sync-status-pending')).toHaveText('0 条');
  await expect(conflictsBadge).toContainText('1');
  await expect(page.getByTestId('sync-status-conflicts')).toContainText('1 条');
  await calm(page, { toasts: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-server-conflict-badge.png` });

  // The buyer reached the server: the sales office sees her after its next round.
  expect((await sales.sync()).ok).toBe(true);
  const seen = await sales.call('customer.list', { query: CUSTOMER.name, page: 1, pageSize: 20 });
  expect(seen.items.map((c) => c.name)).toEqual([CUSTOMER.name]);

  // ── 5. The 冲突: the sale refused, with the reason in Chinese. ──
  await conflictsBadge.click();
  const list = page.getByTestId('conflict-table');
  await expect(list.locator('tr.ant-table-row')).toHaveCount(1);
  const row = list.locator('tr.ant-table-row').first();
  await expect(row.getByTestId('conflict-message')).toHaveText('该房产的状态已被其他人改为“已售”，您的操作未生效');
  await expect(row.getByTestId('conflict-entity')).toHaveText('房产资源');
  await expect(row.getByTestId('conflict-status')).toHaveText('未处理');
  await calm(page, { toasts: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-server-conflicts.png` });

  // Meanwhile the room is as the server has it: sold (by the other office), without the 户型.
  await page.getByTestId('omni-input').fill(ROOM);
  await expect(page.getByTestId('omni-item-resource')).toHaveCount(1);
  await page.getByTestId('omni-input').press('Enter');
  await expect(page.getByTestId('card-title')).toContainText(ROOM);
  await expect(page.getByTestId('card-status')).toHaveText('已售');
  await expect(page.getByTestId('card-attributes')).not.toContainText('三室两厅');
  await expect(roomTag).toHaveAttribute('data-state', 'conflict');
  await calm(page, { toasts: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-server-room-conflict.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('resource-card')).toBeHidden();

  // 修改后重试: the room is sold already; only the 户型 is worth sending again.
  await page.getByTestId('menu-sync').click();
  await page.getByTestId('sync-tab-conflicts').click();
  await row.getByTestId('conflict-edit-open').click();
  const editor = page.getByTestId('conflict-edit').locator('.ant-modal');
  await expect(editor).toBeVisible();
  await expect(editor).toContainText('该房产的状态已被其他人改为“已售”');
  await expect(editor.getByTestId('conflict-edit-houseType')).toHaveValue('三室两厅');
  await expect(editor.locator('.ant-form-item', { has: page.getByTestId('conflict-edit-status') })).toContainText('已售');
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-server-conflict-edit.png` });
  await editor.getByTestId('conflict-edit-ok').click();
  await expect(editor).toBeHidden();
  await expect(page.getByText('已重新提交，下次同步时由集团服务器重新判断').first()).toBeVisible();
  await expect(list).toContainText('没有需要处理的冲突');
  await expect(conflictsBadge).toHaveCount(0);

  // Sent again: accepted this time.
  await page.getByTestId('sync-tab-status').click();
  await syncAndWait();
  await expect(stateText).toHaveText('在线');
  await expect(page.getByTestId('sync-status-pending')).toHaveText('0 条');
  await expect(page.getByTestId('sync-status-conflicts')).toContainText('0 条');
  await expect(conflictsBadge).toHaveCount(0);

  await page.getByTestId('sync-tab-conflicts').click();
  await expect(list).toContainText('没有需要处理的冲突');
  await calm(page, { toasts: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-server-conflicts-resolved.png` });
  await page.getByTestId('conflict-filter-all').click();
  await expect(list.locator('tr.ant-table-row')).toHaveCount(1);
  await expect(list.getByTestId('conflict-status')).toHaveText('已重试');

  await page.getByTestId('omni-input').fill(ROOM);
  await expect(page.getByTestId('omni-item-resource')).toHaveCount(1);
  await page.getByTestId('omni-input').press('Enter');
  await expect(page.getByTestId('card-status')).toHaveText('已售');
  await expect(page.getByTestId('card-attributes')).toContainText('三室两厅');
  await expect(roomTag).toHaveAttribute('data-state', 'synced');
  await calm(page, { toasts: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-server-resolved.png` });

  // The server agrees, as the sales office sees it.
  expect((await sales.sync()).ok).toBe(true);
  const { resource } = await sales.call('resource.card', { id: salesRoomId });
  expect(resource).toMatchObject({ status: 'sold', houseType: '三室两厅' });

  expect(problems).toEqual([]);
});
