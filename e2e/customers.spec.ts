import type { Locator, Page } from '@playwright/test';
import type { CallInput, CallName, CallResult } from '../shared/api/contract.js';
import { residentCheckDigit } from '../shared/domain/id-documents.js';
import { test, expect, SCREENSHOT_DIR, type HostFixture, choose, open, settle } from './fixtures.js';

// Whole user flows through animated dialogs; shared CI machines can be slow.
test.describe.configure({ timeout: 120_000 });

/** A valid 居民身份证 number from its first 17 digits. */
const resident = (body17: string) => body17 + residentCheckDigit(body17);
/** 1990-03-07, male (17th digit odd). */
const WANG_ID = resident('11010519900307123');
/** 1992-08-15, female (17th digit even). */
const LI_ID = resident('44030519920815002');
/** The same body with a wrong check character. */
const WANG_ID_BAD = WANG_ID.slice(0, 17) + (WANG_ID.endsWith('0') ? '1' : '0');

async function call<K extends CallName>(site: HostFixture, name: K, input: CallInput<K>): Promise<CallResult<K>> {
  const result = await site.host.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value as CallResult<K>;
}

const form = (page: Page) => page.getByTestId('customer-form').locator('.ant-modal');
const drawer = (page: Page) => page.locator('.ant-drawer-section', { has: page.getByTestId('c360-tabs') });
const table = (page: Page) => page.getByTestId('customer-table');
const row = (page: Page, name: string) => table(page).locator('tr.ant-table-row', { hasText: name });
const fieldError = (page: Page, text: string) => form(page).locator('.ant-form-item-explain-error', { hasText: text });

/** Opens the app on 客户管理 and fails the test on any page error. */
async function openCustomers(page: Page, site: HostFixture): Promise<string[]> {
  const problems = await open(page, site);
  await page.getByTestId('menu-customers').click();
  await expect(page.getByTestId('customer-toolbar')).toBeVisible();
  return problems;
}

async function seedCustomer(
  site: HostFixture,
  name: string,
  idNumber: string,
  phones: string[] = [],
): Promise<CallResult<'customer.create'>> {
  return call(site, 'customer.create', {
    name,
    idType: 'resident',
    idNumber,
    phones: phones.map((number, i) => ({ number, isPrimary: i === 0 })),
  });
}

test('register a customer with a family member and a vehicle; the 360 view shows them', async ({ page, site }) => {
  await call(site, 'dict.create', { typeCode: 'relationType', name: '配偶', remark: '' });
  const problems = await openCustomers(page, site);

  // Insert opens the registration form with the cursor in 姓名; Enter moves on.
  await page.keyboard.press('Insert');
  await expect(form(page)).toBeVisible();
  await expect(page.getByTestId('customer-name')).toBeFocused();
  await page.getByTestId('customer-name').fill('王小明');
  await page.getByTestId('customer-name').press('Enter');
  await expect(page.getByTestId('customer-name')).not.toBeFocused();

  // The 身份证 number fills 出生日期 and 性别 when it is left.
  await page.getByTestId('customer-id-number').fill(WANG_ID);
  await page.getByTestId('customer-id-number').press('Tab');
  await expect(page.getByTestId('customer-birth-date')).toHaveValue('1990-03-07');
  await expect(page.getByTestId('customer-gender')).toContainText('男');

  // A phone is shown in its normal form once typed.
  await page.getByTestId('customer-phone-0').fill('13800138000');
  await page.getByTestId('customer-phone-0').press('Tab');
  await expect(page.getByTestId('customer-phone-0')).toHaveValue('138 0013 8000');
  await expect(page.getByTestId('dup-warning')).toHaveCount(0);

  // A family member who is not a customer yet, and a car.
  await page.getByTestId('family-add').click();
  await choose(page, page.getByTestId('family-0-relation'), '配偶');
  await page.getByTestId('family-0-name').fill('李小红');
  await page.getByTestId('family-0-id-number').fill(LI_ID);
  await page.getByTestId('family-0-phone').fill('13900002222');
  await page.getByTestId('vehicle-add').click();
  await page.getByTestId('vehicle-0-plate').fill('粤b·12345');
  await page.getByTestId('vehicle-0-model').fill('比亚迪 汉');
  await page.getByTestId('vehicle-0-color').fill('白色');
  await page.getByTestId('vehicle-0-color').press('Tab');
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}customer-form.png` });

  // Ctrl+S saves; the new customer heads the list, selected.
  await page.keyboard.press('Control+s');
  await expect(form(page)).toBeHidden();
  await expect(row(page, '王小明')).toBeVisible();
  await expect(row(page, '王小明')).toContainText('138 0013 8000');
  await expect(row(page, '王小明')).toContainText(`${WANG_ID.slice(0, 6)}********${WANG_ID.slice(-4)}`);
  await expect(row(page, '李小红')).toBeVisible();

  // Enter opens the selected customer's 360° view.
  await row(page, '王小明').click();
  await page.keyboard.press('Enter');
  await expect(drawer(page)).toBeVisible();
  await expect(page.getByTestId('c360-name')).toHaveText('王小明');
  await expect(page.getByTestId('c360-birth')).toHaveText('1990-03-07');
  await page.getByTestId('c360-tab-family').click();
  await expect(page.getByTestId('c360-family')).toContainText('李小红');
  await expect(page.getByTestId('c360-family')).toContainText('配偶');
  await page.getByTestId('c360-tab-vehicles').click();
  await expect(page.getByTestId('c360-vehicles')).toContainText('粤B12345');
  await expect(page.getByTestId('c360-vehicles')).toContainText('比亚迪 汉');
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}customer-360.png` });

  await page.getByTestId('c360-tab-history').click();
  await expect(page.getByTestId('c360-history')).toContainText('车辆');
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}customer-360-history.png` });

  // The same view in English (the drawer covers the header: close it, switch, reopen).
  await page.locator('.ant-drawer-close').click();
  await expect(drawer(page)).toBeHidden();
  await page.getByTestId('lang-switch').getByText('English').click();
  await page.getByTestId('customer-view').click();
  await page.getByTestId('c360-tab-family').click();
  await expect(page.getByTestId('c360-tab-family')).toHaveText('Family (1)');
  await expect(page.getByTestId('c360-gender')).toHaveText('Male');
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}customer-360-en.png` });
  expect(problems).toEqual([]);
});

test('a wrong check digit is refused on the ID number field', async ({ page, site }) => {
  const problems = await openCustomers(page, site);
  await page.getByTestId('customer-add').click();
  await page.getByTestId('customer-name').fill('赵六');
  await page.getByTestId('customer-id-number').fill(WANG_ID_BAD);
  await page.getByTestId('customer-id-number').press('Tab');
  await expect(fieldError(page, `身份证号校验位不正确，应为${WANG_ID.slice(-1)}`)).toBeVisible();
  // Nothing is filled from a number that is not valid.
  await expect(page.getByTestId('customer-birth-date')).toHaveValue('');

  // Typed values that disagree with the card are a warning, not an error.
  await choose(page, page.getByTestId('customer-gender'), '女');
  await page.getByTestId('customer-id-number').fill(WANG_ID);
  await page.getByTestId('customer-id-number').press('Tab');
  await expect(fieldError(page, '校验位')).toHaveCount(0);
  await expect(page.getByTestId('id-warnings')).toContainText('性别与身份证号不一致，身份证号显示为男性');
  await expect(page.getByTestId('customer-birth-date')).toHaveValue('1990-03-07');
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}customer-form-id-error.png` });

  // Saving with the bad number is refused on the field, not sent.
  await page.getByTestId('customer-id-number').fill(WANG_ID_BAD);
  await page.getByTestId('customer-form-save').click();
  await expect(fieldError(page, '身份证号校验位不正确')).toBeVisible();
  await expect(form(page)).toBeVisible();
  expect(problems).toEqual([]);
});

test('the same phone warns, and the customer can be saved anyway', async ({ page, site }) => {
  await seedCustomer(site, '张三', resident('31010119800101001'), ['13900001111']);
  const problems = await openCustomers(page, site);
  await expect(row(page, '张三')).toBeVisible();

  await page.getByTestId('customer-add').click();
  await page.getByTestId('customer-name').fill('张叁');
  await page.getByTestId('customer-id-number').fill(LI_ID);
  await page.getByTestId('customer-phone-0').fill('139-0000-1111');
  await page.getByTestId('customer-phone-0').press('Tab');
  await expect(page.getByTestId('dup-warning')).toContainText('张三');
  await expect(page.getByTestId('dup-warning')).toContainText('同电话');

  await page.getByTestId('customer-form-save').click();
  const list = page.getByTestId('dup-confirm-list');
  await expect(list).toContainText('张三');
  await expect(list).toContainText('139 0000 1111');
  await expect(list).toContainText('310101********');
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}customer-duplicate-phone.png` });
  await page.getByTestId('dup-save-anyway').click();
  await expect(form(page)).toBeHidden();
  await expect(row(page, '张叁')).toBeVisible();
  await expect(row(page, '张三')).toBeVisible();
  expect(problems).toEqual([]);
});

test('a registered ID document blocks saving and opens the existing customer', async ({ page, site }) => {
  await seedCustomer(site, '陈大文', WANG_ID, ['13700007777']);
  const problems = await openCustomers(page, site);

  await page.getByTestId('customer-add').click();
  await page.getByTestId('customer-name').fill('陈文');
  // Typed with spaces and a lower-case check letter, it is still the same card.
  await page.getByTestId('customer-id-number').fill(` ${WANG_ID} `);
  await page.getByTestId('customer-id-number').press('Tab');
  await expect(page.getByTestId('dup-same-document')).toContainText('该证件已登记为客户 陈大文');
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}customer-same-document.png` });

  await page.getByTestId('customer-form-save').click();
  await expect(page.locator('.ant-message')).toContainText('该证件已登记为客户 陈大文，不能重复登记');
  await expect(form(page)).toBeVisible();

  await page.getByTestId('dup-open-existing').click();
  await expect(form(page)).toBeHidden();
  await expect(page.getByTestId('c360-name')).toHaveText('陈大文');
  await expect(page.getByTestId('c360-phones')).toContainText('137 0000 7777');
  expect(await table(page).locator('tr.ant-table-row').count()).toBe(1);
  expect(problems).toEqual([]);
});

test('omni search finds a customer by name, pinyin initials and phone tail, and opens the 360 view', async ({ page, site }) => {
  const zhang = await seedCustomer(site, '张伟', resident('11010519850612003'), ['13812345678']);
  await seedCustomer(site, '李娜', LI_ID, ['13600001234']);
  await call(site, 'customer.addVehicle', { customerId: zhang.id, plate: '京A88888' });
  const problems = await openCustomers(page, site);
  const input = page.getByTestId('omni-input');
  const results = page.getByTestId('omni-results');

  // Ctrl+K puts the cursor in the box.
  await page.keyboard.press('Control+k');
  await expect(input).toBeFocused();
  await input.fill('张伟');
  await expect(results.getByTestId('omni-item-customer')).toHaveCount(1);
  await expect(results.getByTestId('omni-item-customer')).toContainText('张伟');
  await expect(results.getByTestId('omni-item-customer')).toContainText('姓名');
  await page.keyboard.press('Escape');
  await expect(results).toBeHidden();

  // / from anywhere but a field.
  await page.getByTestId('customer-table').click();
  await page.keyboard.press('/');
  await expect(input).toBeFocused();
  await input.fill('zw');
  await expect(results.getByTestId('omni-item-customer').first()).toContainText('张伟');
  await expect(results.getByTestId('omni-item-customer').first()).toContainText('拼音首字母');

  await input.fill('5678');
  await expect(results.getByTestId('omni-item-customer').first()).toContainText('张伟');
  await expect(results.getByTestId('omni-item-customer').first()).toContainText('电话');
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}customer-omni-search.png` });
  await page.keyboard.press('Enter');
  await expect(results).toBeHidden();
  await expect(page.getByTestId('c360-name')).toHaveText('张伟');
  await page.getByTestId('c360-tab-vehicles').click();
  await expect(page.getByTestId('c360-vehicles')).toContainText('京A88888');

  // A plate opens its owner; arrow keys move through the groups.
  await page.locator('.ant-drawer-close').click();
  await expect(drawer(page)).toBeHidden();
  await page.keyboard.press('Control+k');
  await input.fill('京A888');
  await expect(results.getByTestId('omni-item-vehicle')).toContainText('京A88888');
  await expect(results.getByTestId('omni-item-vehicle')).toContainText('张伟');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(results.locator('[aria-selected="true"]')).toContainText('京A88888');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('c360-name')).toHaveText('张伟');
  expect(problems).toEqual([]);
});

/** Types into a search select (customers, rooms) and picks the hit showing `text`. */
async function searchPick(page: Page, select: Locator, query: string, text: string): Promise<void> {
  await select.click();
  await page.keyboard.type(query);
  // Wait for the debounced search to answer: clicking while the list is being replaced misses.
  await expect(select.locator('.anticon-loading')).toHaveCount(0);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

test('merge two registrations, register a room from the 360 view, undo the merge', async ({ page, site }) => {
  const region = await call(site, 'org.createRegion', { code: 'HN', name: '华南区域' });
  const project = await call(site, 'org.createProject', { regionId: region.id, code: 'YG', name: '阳光花园' });
  await call(site, 'resource.generateBuilding', {
    projectId: project.id,
    plan: { buildingCode: '1', units: 1, floorsAbove: 2, roomsPerFloor: 2 },
  });
  await seedCustomer(site, '周杰', resident('11010519800101001'), ['13500001111']);
  const dupe = await seedCustomer(site, '周杰', resident('11010519800101002'), ['13500002222']);
  await call(site, 'customer.addVehicle', { customerId: dupe.id, plate: '沪A12345' });
  const problems = await openCustomers(page, site);

  await page.getByTestId('customer-merge').click();
  await searchPick(page, page.getByTestId('merge-survivor'), '周杰', '135 0000 1111');
  await searchPick(page, page.getByTestId('merge-merged'), 'zj', '135 0000 2222');
  const compare = page.getByTestId('merge-compare');
  await expect(compare).toContainText('135 0000 1111');
  await expect(compare).toContainText('135 0000 2222');
  await expect(compare).toContainText('车辆 1');
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}customer-merge.png` });
  await page.getByTestId('merge-ok').click();
  await page.getByTestId('confirm-ok').click();

  // The survivor's 360 view opens with what the other registration had.
  await expect(page.getByTestId('c360-name')).toHaveText('周杰');
  await expect(page.getByTestId('c360-phones')).toContainText('135 0000 2222');
  await page.getByTestId('c360-tab-vehicles').click();
  await expect(page.getByTestId('c360-vehicles')).toContainText('沪A12345');
  await expect(table(page).locator('tr.ant-table-row')).toHaveCount(1);

  // 登记关系: the room is found by the way people say it.
  await page.getByTestId('c360-tab-relations').click();
  await page.getByTestId('relation-add').click();
  await searchPick(page, page.getByTestId('relation-resource'), '1-1-101', '阳光花园');
  await page.getByTestId('relation-modal-ok').click();
  const relations = page.getByTestId('c360-relations');
  await expect(relations).toContainText('阳光花园');
  await expect(relations).toContainText('业主');
  await expect(relations).toContainText('当前');
  await settle(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}customer-360-relations.png` });

  // 撤销合并 gives the vehicle back.
  await page.getByTestId('c360-tab-merges').click();
  await page.getByTestId('merge-undo').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('c360-merges')).toContainText('已撤销');
  await expect(page.getByTestId('c360-tab-vehicles')).toHaveText('车辆');
  await expect(table(page).locator('tr.ant-table-row')).toHaveCount(2);
  expect(problems).toEqual([]);
});

test('custom fields of customers show on the form and are saved, and the list exports', async ({ page, site }) => {
  const hobby = await call(site, 'customField.create', { target: 'customer', title: '兴趣爱好', fieldType: 'select' });
  await call(site, 'customField.addOption', { defId: hobby.id, name: '高尔夫' });
  await call(site, 'customField.setEnabled', { ids: [hobby.id], enabled: true });
  const cars = await call(site, 'customField.create', { target: 'customer', title: '车位数量', fieldType: 'integer' });
  await call(site, 'customField.setEnabled', { ids: [cars.id], enabled: true });
  const problems = await openCustomers(page, site);

  await page.getByTestId('customer-add').click();
  const custom = page.getByTestId('custom-fields-customer');
  await expect(custom).toContainText('兴趣爱好');
  await page.getByTestId('customer-name').fill('孙八');
  await page.getByTestId('customer-id-number').fill(WANG_ID);
  await page.getByTestId('customer-phone-0').fill('13700001234');
  await custom.getByLabel('车位数量').fill('2');
  await custom.getByLabel('兴趣爱好').click();
  await page.locator('.ant-select-item-option', { hasText: '高尔夫' }).click();
  await page.getByTestId('customer-form-save').click();
  await expect(form(page)).toBeHidden();

  const list = await call(site, 'customer.list', { query: '孙八' });
  const saved = await call(site, 'customer.view', { id: list.items[0]!.id });
  expect(JSON.parse(saved.customer.custom)).toEqual({ [hobby.id]: '高尔夫', [cars.id]: '2' });

  const download = page.waitForEvent('download');
  await page.getByTestId('customer-export').click();
  const file = await (await download).path();
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  const names = sheet.getColumn(1).values.map(String);
  expect(names.join(',')).toContain('孙八');
  expect(problems).toEqual([]);
});

test('a vehicle is linked to a parking space of the current project', async ({ page, site }) => {
  const region = await call(site, 'org.createRegion', { code: 'N', name: '华北区域' });
  const project = await call(site, 'org.createProject', { regionId: region.id, code: 'BJ-01', name: '朝阳公园府' });
  await call(site, 'resource.create', {
    projectId: project.id,
    kind: 'parking',
    code: 'B1-018',
    name: 'B1-018',
    zone: 'A区',
    use: 'parking',
  });
  const owner = await call(site, 'customer.create', { name: '周九', idType: 'passport', idNumber: 'E22334455', phones: [] });
  const problems = await openCustomers(page, site);

  await page.goto(site.url);
  await page.getByTestId('menu-customers').click();
  await row(page, '周九').dblclick();
  await page.getByTestId('c360-tab-vehicles').click();
  await page.getByTestId('c360-vehicle-add').click();
  await page.getByTestId('vehicle-modal-plate').fill('京N12345');
  await page.getByTestId('vehicle-parking').click();
  await page.keyboard.type('018');
  await page.locator('.ant-select-item-option', { hasText: 'B1-018' }).click();
  await page.getByTestId('vehicle-modal-ok').click();
  await expect(page.getByTestId('c360-vehicles')).toContainText('B1-018');

  const view = await call(site, 'customer.view', { id: owner.id });
  expect(view.vehicles.map((v) => [v.plate, v.parkingCode])).toEqual([['京N12345', 'B1-018']]);
  expect(problems).toEqual([]);
});
