import { outboxBatch } from '../db/queries/sync.js';
import { SyncApplier } from '../db/sync-apply.js';
import type { CallInput, CallName, CallResult } from '../shared/api/contract.js';
import { residentCheckDigit } from '../shared/domain/id-documents.js';
import type { RejectionCode } from '../shared/sync/protocol.js';
import { test, expect, SCREENSHOT_DIR, type HostFixture, calm, open, settle } from './fixtures.js';

// Whole flows through animated dialogs; shared CI machines can be slow.
test.describe.configure({ timeout: 120_000 });

/** Nothing listens on the discard port: every request to it fails at once. */
const UNREACHABLE_SERVER = 'http://127.0.0.1:9/';

async function call<K extends CallName>(site: HostFixture, name: K, input: CallInput<K>): Promise<CallResult<K>> {
  const result = await site.host.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value as CallResult<K>;
}

const idNumber = (seq: number) => {
  const body = `11010519900307${String(100 + seq)}`;
  return body + residentCheckDigit(body);
};

async function seedCustomer(site: HostFixture, name: string, seq: number): Promise<string> {
  const customer = await call(site, 'customer.create', {
    name,
    idType: 'resident',
    idNumber: idNumber(seq),
    phones: [{ number: `1380013${String(8000 + seq)}`, isPrimary: true }],
  } as CallInput<'customer.create'>);
  return customer.id;
}

/** The server's stamp for a fake push answer: later than anything the device wrote. */
function serverHlc(): string {
  return `${String(Date.now() + 1000).padStart(15, '0')}:000000:server`;
}

/**
 * Plays the group server's answer to everything waiting in the outbox, without a server: the
 * transactions whose ids are listed are refused (each with its code and message), the others
 * applied. The device rolls the refused ones back and keeps them as 冲突, as after a real push.
 */
function answerOutbox(site: HostFixture, refuse: Map<string, { code: RejectionCode; message: string }> = new Map()): void {
  const db = site.host.database.db;
  const batch = outboxBatch(db, 1000);
  const outcomes = batch.map((change) => {
    const refusal = refuse.get(change.txId);
    return refusal
      ? { changeId: change.changeId, status: 'rejected' as const, ...refusal, serverRecords: [] }
      : { changeId: change.changeId, status: 'applied' as const };
  });
  new SyncApplier(db).applyPushResponse(batch, { outcomes, serverHlc: serverHlc() });
}

/** The transaction of the latest change of a record. */
function lastTxOf(site: HostFixture, entityId: string): string {
  return site.host.database.sqlite
    .prepare('SELECT tx_id FROM change_log WHERE entity_id = ? ORDER BY seq DESC LIMIT 1')
    .pluck()
    .get(entityId) as string;
}

test('数据同步 without a group server: 未配置, a bad address, an unreachable server, and nothing lost', async ({
  page,
  site,
}) => {
  // Work done before any server is set up waits in the outbox.
  await seedCustomer(site, '王小明', 1);
  const before = await call(site, 'sync.status', {});
  expect(before.configured).toBe(false);
  expect(before.pendingChanges).toBeGreaterThan(0);

  const problems = await open(page, site);
  const indicator = page.getByTestId('sync-indicator');
  await expect(indicator).toHaveAttribute('data-state', 'unconfigured');
  await expect(page.getByTestId('sync-indicator-state')).toHaveText('未配置');
  await expect(page.getByTestId('sync-indicator-pending')).toContainText(String(before.pendingChanges));

  // F9 anywhere: 立即同步, which needs a server first and says so in Chinese.
  await page.keyboard.press('F9');
  await expect(page.getByText('尚未设置集团服务器地址，请先设置服务器地址')).toBeVisible();
  await expect(page.getByTestId('sync-page')).toBeVisible();

  await indicator.click();
  await expect(page.getByTestId('sync-page')).toBeVisible();
  await expect(page.getByTestId('sync-status-server')).toHaveText('未设置');
  await expect(page.getByTestId('sync-status-connection')).toHaveAttribute('data-state', 'unconfigured');
  await expect(page.getByTestId('sync-status-pending')).toHaveText(`${before.pendingChanges} 条`);
  await expect(page.getByTestId('sync-now')).toBeDisabled();
  await expect(page.getByTestId('sync-register-card')).toContainText('请先设置集团服务器地址');
  await expect(page.getByTestId('sync-register-code')).toBeDisabled();
  await calm(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-unconfigured.png` });

  // A bad address: the field says why, in Chinese, and nothing is saved.
  await page.getByTestId('sync-server-url').fill('ftp://192.168.1.10');
  await page.getByTestId('sync-server-url').press('Enter');
  const serverCard = page.getByTestId('sync-server-card');
  await expect(serverCard.locator('.ant-form-item-explain-error')).toHaveText('请输入以 http:// 或 https:// 开头的服务器地址');
  expect((await call(site, 'sync.status', {})).configured).toBe(false);
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-bad-address.png` });

  // A valid address where nothing listens.
  await page.getByTestId('sync-server-url').fill(UNREACHABLE_SERVER);
  await page.getByTestId('sync-server-save').click();
  await expect(page.getByText('服务器地址已保存')).toBeVisible();
  await expect(page.getByTestId('sync-status-server')).toHaveText('http://127.0.0.1:9');
  // An address but no registration yet: 未登记, not 离线.
  await expect(indicator).toHaveAttribute('data-state', 'unregistered');
  await expect(page.getByTestId('sync-indicator-state')).toHaveText('未登记');
  await expect(page.getByTestId('sync-register-code')).toBeEnabled();

  // The registration form checks its fields first (Chinese messages from the shared schema).
  await page.getByTestId('sync-register-code').fill('123');
  await page.getByTestId('sync-register-submit').click();
  const registerCard = page.getByTestId('sync-register-card');
  await expect(registerCard.getByText('登记码至少6位')).toBeVisible();
  await expect(registerCard.getByText('请填写设备名称')).toBeVisible();

  // Then the server is unreachable: a Chinese error, the entries kept, the local data untouched.
  await page.getByTestId('sync-register-code').fill('K7Q2-9XD4');
  await page.getByTestId('sync-register-name').fill('滨江花园前台1号机');
  await page.getByTestId('sync-register-name').press('Enter');
  const registerError = page.getByTestId('sync-register-error');
  await expect(registerError).toContainText('无法连接集团服务器');
  await expect(registerError).toContainText('已填写的内容仍保留在表单中');
  await expect(page.getByTestId('sync-register-code')).toHaveValue('K7Q2-9XD4');
  await expect(page.getByTestId('sync-register-name')).toHaveValue('滨江花园前台1号机');
  await expect(page.getByTestId('sync-status-device')).toHaveText('未登记');
  await expect(page.getByTestId('sync-login-account')).toBeDisabled();

  const after = await call(site, 'sync.status', {});
  expect(after.configured).toBe(true);
  expect(after.registered).toBe(false);
  expect(after.pendingChanges).toBe(before.pendingChanges);
  const customers = await call(site, 'customer.list', { query: '王小明', page: 1, pageSize: 20 });
  expect(customers.total).toBe(1);
  await expect(page.getByTestId('sync-status-pending')).toHaveText(`${before.pendingChanges} 条`);
  await calm(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-offline-error.png` });

  // 立即同步 before registering points at what is missing, in Chinese.
  await page.keyboard.press('F9');
  await expect(page.getByText('本设备尚未在集团服务器登记，请向管理员索取登记码').first()).toBeVisible();

  // The header's tooltip: state, last sync, what waits, the last error.
  await indicator.hover();
  const tip = page.getByTestId('sync-indicator-tip');
  await expect(tip).toContainText(`待同步修改 ${before.pendingChanges} 条`);
  await expect(tip).toContainText('登记本设备后即可同步');
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-header-tooltip.png`, clip: { x: 560, y: 0, width: 880, height: 260 } });

  // English, for the record: the same page, translated.
  await page.mouse.move(0, 0);
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('sync-tab-status')).toHaveText('Status and setup');
  await expect(page.getByTestId('sync-register-error')).toContainText('Cannot reach the group server');
  await expect(page.getByTestId('sync-indicator-state')).toHaveText('Not registered');
  await expect(page.locator('.ant-message-notice')).toHaveCount(0);
  await calm(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-status-en.png` });

  expect(problems).toEqual([]);
});

test('冲突: the refused changes are listed, retried, edited and retried, or discarded; records show their sync state', async ({
  page,
  site,
}) => {
  // A device set up with a server (unreachable here); the server's answers are played in.
  await call(site, 'sync.configure', { serverUrl: UNREACHABLE_SERVER });
  const region = await call(site, 'org.createRegion', { code: 'EAST', name: '华东区域' });
  const project = await call(site, 'org.createProject', {
    regionId: region.id,
    code: 'BJ01',
    name: '滨江花园',
  } as CallInput<'org.createProject'>);
  const room = await call(site, 'resource.create', {
    projectId: project.id,
    kind: 'room',
    code: 'A-0101',
    name: '101',
    buildArea: 98.5,
  } as CallInput<'resource.create'>);
  const wangId = await seedCustomer(site, '王小明', 1);
  await seedCustomer(site, '李小红', 2);
  const dict = await call(site, 'dict.create', { typeCode: 'customerSource', name: '朋友介绍', remark: '' });
  answerOutbox(site);
  expect((await call(site, 'sync.status', {})).pendingChanges).toBe(0);

  // Three transactions the server refuses: a rename, a new customer, a dictionary rename.
  await call(site, 'customer.update', {
    id: wangId,
    fields: { name: '王晓明', idType: 'resident', idNumber: idNumber(1), phones: [{ number: '13800138001', isPrimary: true }] },
  } as CallInput<'customer.update'>);
  const renameTx = lastTxOf(site, wangId);
  const zhaoId = await seedCustomer(site, '赵大海', 3);
  const createTx = lastTxOf(site, zhaoId);
  await call(site, 'dict.update', { id: dict.id, name: '老客户介绍', remark: '' });
  const dictTx = lastTxOf(site, dict.id);
  answerOutbox(
    site,
    new Map([
      [renameTx, { code: 'STALE_RECORD', message: '该客户已在其他设备上修改，请按集团服务器的最新信息核对后重试' }],
      [createTx, { code: 'INVALID_CHANGE', message: '集团服务器上已有相同证件号码的客户' }],
      [dictTx, { code: 'FORBIDDEN', message: '您没有修改集团基础数据的权限' }],
    ]),
  );
  // A room changed after the last sync: it waits, nothing refused it.
  await call(site, 'resource.update', {
    id: room.id,
    code: 'A-0101',
    name: '101',
    buildArea: 99,
  } as CallInput<'resource.update'>);
  const seeded = await call(site, 'sync.status', {});
  expect(seeded.conflicts).toBe(3);
  // Rolled back to the server's state; the attempt is only in the 冲突 list.
  expect((await call(site, 'customer.view', { id: wangId })).customer.name).toBe('王小明');

  const problems = await open(page, site);
  const conflictsBadge = page.getByTestId('sync-indicator-conflicts');
  await expect(conflictsBadge).toContainText('3');
  await expect(page.getByTestId('sync-indicator-state')).toHaveText('未登记');

  // The customer's 360° view says its change is in a conflict.
  await page.getByTestId('menu-customers').click();
  await page.getByTestId('customer-table').locator('tr.ant-table-row', { hasText: '王小明' }).dblclick();
  const tag = page.getByTestId('customer-360').getByTestId('record-sync-tag');
  await expect(tag).toHaveAttribute('data-state', 'conflict');
  await expect(tag).toHaveText('冲突');
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-record-conflict.png` });
  // 李小红 was never refused: 已同步.
  await page.keyboard.press('Escape');
  await page.getByTestId('customer-table').locator('tr.ant-table-row', { hasText: '李小红' }).dblclick();
  await expect(page.getByTestId('customer-360').getByTestId('record-sync-tag')).toHaveAttribute('data-state', 'synced');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('customer-360')).toBeHidden();

  // The room's card: 待同步.
  await page.getByTestId('omni-input').fill('A-0101');
  await expect(page.getByTestId('omni-item-resource')).toHaveCount(1);
  await page.getByTestId('omni-input').press('Enter');
  await expect(page.getByTestId('card-title')).toContainText('A-0101');
  const roomTag = page.getByTestId('resource-card').getByTestId('record-sync-tag');
  await expect(roomTag).toHaveAttribute('data-state', 'pending');
  await expect(roomTag).toHaveText('待同步');
  await calm(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-record-pending.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('resource-card')).toBeHidden();

  // The red badge opens the 冲突 list.
  await page.getByTestId('sync-indicator').click();
  const list = page.getByTestId('conflict-table');
  await expect(list.locator('tr.ant-table-row')).toHaveCount(3);
  const renameRow = list.locator('tr.ant-table-row', { hasText: '该客户已在其他设备上修改' });
  await expect(renameRow.getByTestId('conflict-entity')).toHaveText('客户');
  await expect(renameRow.getByTestId('conflict-field-name')).toContainText('王小明');
  await expect(renameRow.getByTestId('conflict-field-name')).toContainText('王晓明');
  await expect(renameRow.getByTestId('conflict-status')).toHaveText('未处理');
  const dictRow = list.locator('tr.ant-table-row', { hasText: '您没有修改集团基础数据的权限' });
  await expect(dictRow.getByTestId('conflict-entity')).toHaveText('基础数据');
  await calm(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-conflicts.png` });

  // 修改后重试: the attempted values, editable; the new value goes to the server as a new change.
  await renameRow.click();
  await page.keyboard.press('F2');
  const editor = page.getByTestId('conflict-edit').locator('.ant-modal');
  await expect(editor).toBeVisible();
  await expect(editor).toContainText('该客户已在其他设备上修改');
  const nameInput = editor.getByTestId('conflict-edit-name');
  await expect(nameInput).toHaveValue('王晓明');
  await expect(editor).toContainText('修改前：王小明');
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-conflict-edit.png` });
  await nameInput.fill('王晓明（核对后）');
  await editor.getByTestId('conflict-edit-ok').click();
  await expect(page.getByText('已重新提交，下次同步时由集团服务器重新判断')).toBeVisible();
  await expect(list.locator('tr.ant-table-row')).toHaveCount(2);
  expect((await call(site, 'customer.view', { id: wangId })).customer.name).toBe('王晓明（核对后）');

  // The refused new customer and its phone, both listed; its editor offers every attempted value.
  const createRow = list.locator('tr.ant-table-row', { hasText: '已有相同证件号码' });
  await expect(createRow.getByTestId('conflict-record-name')).toHaveText(['赵大海', '138 0013 8003']);
  await expect(createRow.getByTestId('conflict-entity')).toHaveText(['客户', '客户电话']);
  await createRow.getByTestId('conflict-time').dblclick();
  await expect(editor).toBeVisible();
  await expect(editor.getByTestId('conflict-edit-record')).toHaveCount(2);
  await expect(editor.getByTestId('conflict-edit-name')).toHaveValue('赵大海');
  await expect(editor.locator('.ant-form-item', { has: page.getByTestId('conflict-edit-gender') })).toContainText('男');
  await expect(editor.getByTestId('conflict-edit-isPrimary')).toHaveAttribute('aria-checked', 'true');
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-conflict-edit-create.png` });
  await editor.getByTestId('conflict-edit-cancel').click();
  await expect(editor).toBeHidden();

  // 重试 (Alt+R on the chosen row): written again as it was.
  await createRow.getByTestId('conflict-time').click();
  await page.keyboard.press('Alt+r');
  await expect(list.locator('tr.ant-table-row')).toHaveCount(1);
  expect((await call(site, 'customer.view', { id: zhaoId })).customer.name).toBe('赵大海');

  // 放弃, after a confirm: the server's state stays.
  await dictRow.getByTestId('conflict-discard').click();
  await expect(page.locator('.ant-modal-confirm-title', { hasText: '确定放弃这次修改吗？' })).toBeVisible();
  await page.getByTestId('confirm-ok').click();
  await expect(list).toContainText('没有需要处理的冲突');
  await expect(conflictsBadge).toBeHidden();

  // Nothing is dropped unseen: 全部 still lists all three with how each ended.
  await page.getByTestId('conflict-filter-all').click();
  await expect(list.locator('tr.ant-table-row')).toHaveCount(3);
  await expect(list.getByTestId('conflict-status')).toHaveCount(3);
  expect((await list.getByTestId('conflict-status').allInnerTexts()).sort()).toEqual(['已放弃', '已重试', '已重试'].sort());
  const status = await call(site, 'sync.status', {});
  expect(status.conflicts).toBe(0);
  expect(status.pendingChanges).toBeGreaterThan(0);
  await calm(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}sync-conflicts-all.png` });

  // The edited customer now waits to sync.
  await page.getByTestId('menu-customers').click();
  await page.getByTestId('customer-table').locator('tr.ant-table-row', { hasText: '王晓明（核对后）' }).dblclick();
  await expect(page.getByTestId('customer-360').getByTestId('record-sync-tag')).toHaveAttribute('data-state', 'pending');
  await expect(page.getByTestId('customer-360').getByTestId('record-sync-tag')).toHaveText('待同步');

  expect(problems).toEqual([]);
});
