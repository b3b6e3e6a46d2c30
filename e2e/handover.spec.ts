import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { CallInput, CallName, CallResult } from '../shared/api/contract.js';
import { residentCheckDigit } from '../shared/domain/id-documents.js';
import { test, expect, SCREENSHOT_DIR, type HostFixture, calm, choose, open } from './fixtures.js';

// A whole room walked through animated drawers, photos and signatures; CI machines are slow.
test.describe.configure({ timeout: 240_000 });

const asset = (name: string) => fileURLToPath(new URL(`./assets/${name}`, import.meta.url));

async function call<K extends CallName>(site: HostFixture, name: K, input: CallInput<K>): Promise<CallResult<K>> {
  const result = await site.host.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value as CallResult<K>;
}

const AREAS: [string, string[]][] = [
  ['入户门', ['门体', '门锁', '猫眼']],
  ['客厅', ['墙面', '地面', '顶棚', '窗户']],
  ['厨房', ['墙面', '给排水', '燃气管道']],
  ['卫生间', ['防水', '地漏']],
];

/** A project as the office has it on the day of handover: rooms, a published template, a batch, a booked buyer. */
async function handoverDay(site: HostFixture) {
  const region = await call(site, 'org.createRegion', { code: 'EAST', name: '华东区域' });
  const project = await call(site, 'org.createProject', { regionId: region.id, code: 'LH01', name: '绿湖花园', city: '杭州' });
  await call(site, 'session.setProject', { projectId: project.id });
  await call(site, 'resource.generateBuilding', {
    projectId: project.id,
    plan: { buildingCode: '1', units: 1, floorsAbove: 3, roomsPerFloor: 2, defaults: { buildArea: 98.5, houseType: '三室两厅' } },
  });
  for (const [typeCode, names] of [
    ['defectCategory', ['墙面开裂', '渗漏水']],
    ['contractor', ['中建三局', '恒通门窗']],
    ['handoverItem', ['入户门钥匙', '门禁卡', '住宅质量保证书']],
  ] as const) {
    for (const name of names) await call(site, 'dict.create', { typeCode, name, remark: '' });
  }
  const body = '11010519900307123';
  const buyer = await call(site, 'customer.create', {
    name: '王晓明',
    idType: 'resident',
    idNumber: body + residentCheckDigit(body),
    phones: [{ number: '13800138000', isPrimary: true }],
  });
  const template = await call(site, 'template.create', {
    name: '三室两厅标准验房',
    houseType: '三室两厅',
    areas: AREAS.map(([name, items]) => ({ name, items: items.map((n) => ({ name: n })) })),
    remark: '',
  });
  await call(site, 'template.setFloorPlan', {
    id: template.id,
    mime: 'image/png',
    dataBase64: readFileSync(asset('floor-plan.png')).toString('base64'),
  });
  await call(site, 'template.publish', { id: template.id });
  const rooms = await call(site, 'resource.list', { projectId: project.id, kind: 'room', pageSize: 50 });
  const today = new Date().toLocaleDateString('sv-SE');
  const batch = await call(site, 'handover.batchCreate', {
    name: '一期交付',
    plannedStart: today,
    plannedEnd: today,
    remark: '',
    resourceIds: rooms.items.map((r) => r.id),
  });
  const handover = (await call(site, 'handover.list', { batchId: batch.id, pageSize: 50 })).items[0]!;
  await call(site, 'handover.setBuyers', { id: handover.id, buyers: [{ customerId: buyer.id, role: 'owner', share: null }] });
  await call(site, 'appointment.book', { handoverId: handover.id, customerId: buyer.id, date: today, slot: '09:00-10:00', remark: '' });
  return { project, buyer, handover, roomId: handover.room.id, items: AREAS.reduce((n, [, items]) => n + items.length, 0) };
}

/** A signature drawn with the mouse on the pad of one signer. */
async function sign(page: Page, signer: 'owner' | 'staff', name: string) {
  const card = page.getByTestId(`sign-${signer}`);
  await card.getByTestId(`sign-${signer}-name`).fill(name);
  const canvas = card.getByTestId('signature-pad-canvas');
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + box.width * (0.15 + i * 0.055), box.y + box.height * (0.6 - Math.sin(i / 2) * 0.25), { steps: 3 });
  }
  await page.mouse.up();
  await card.getByTestId(`sign-${signer}-save`).click();
  await expect(card.getByTestId(`sign-${signer}-signed`)).toBeVisible();
}

test('a whole handover: the day list, a room inspected with defects and photos, meters, keys, two signatures, accepted, the PDF read back', async ({
  page,
  site,
}) => {
  const day = await handoverDay(site);
  const problems = await open(page, site);

  // 今日接待: the buyer booked for today arrives; the inspection starts from the list.
  if (!(await page.getByTestId('menu-handoverDay').isVisible())) await page.getByTestId('menu-handover').click();
  await page.getByTestId('menu-handoverDay').click();
  const dayRow = page.getByTestId('day-table').locator('tr.ant-table-row', { hasText: '王晓明' });
  await expect(dayRow).toBeVisible();
  await dayRow.getByTestId('day-arrived').click();
  await expect(dayRow).toContainText('已到场');
  await calm(page, { toasts: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'handover-day-list.png') });
  await dayRow.getByTestId('day-start-inspection').click();
  await expect(page.getByTestId('inspection-page')).toBeVisible();
  await expect(page.getByTestId('inspection-customer')).toContainText('王晓明');
  const progress = page.getByTestId('inspection-progress');
  await expect(progress).toHaveAttribute('data-total', String(day.items));

  // Keyboard-first: 1 passes the item under the cursor and moves on.
  await page.keyboard.press('1');
  await page.keyboard.press('1');
  await expect(progress).toHaveAttribute('data-checked', '2');

  // A failed item opens the defect form: category, description, contractor, a pin, two photos.
  await page.getByTestId('item-row-2').getByTestId('result-fail').click();
  const description = page.getByTestId('defect-description');
  await expect(description).toBeVisible();
  await description.fill('门锁锁芯卡滞，开关不顺');
  await choose(page, page.getByTestId('defect-category'), '墙面开裂');
  await page.getByTestId('defect-contractor').locator('input').fill('恒通门窗');
  await page.getByTestId('severity-major').click();
  const plan = page.getByTestId('floor-plan');
  if (await plan.isVisible()) {
    const box = (await plan.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.4);
    await expect(page.getByTestId('floor-plan-pin')).toBeVisible();
  }
  await page.getByTestId('photo-input').setInputFiles([asset('defect-wall.jpg'), asset('meter.jpg')]);
  await expect(page.getByTestId('photo-thumb')).toHaveCount(2);
  await calm(page);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'handover-defect-form.png') });
  await page.getByTestId('defect-save').click();
  await expect(description).toBeHidden();
  await expect(page.getByTestId('item-row-2')).toHaveAttribute('data-result', 'fail');

  // 其余合格 for every area: the room is checked through.
  for (const [area] of AREAS) {
    await page.getByTestId(`area-${area}`).click();
    await page.getByTestId('pass-remaining').click();
  }
  await expect(progress).toHaveAttribute('data-checked', String(day.items));
  await expect(progress).toHaveAttribute('data-failed', '1');
  await calm(page, { toasts: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'handover-items.png') });

  // 三表 with a photo of each meter.
  await page.getByTestId('inspection-tab-meters').click();
  for (const [meter, reading] of [
    ['water', '12.5'],
    ['electricity', '1024'],
    ['gas', '3.2'],
  ] as const) {
    await page.getByTestId(`meter-${meter}-reading`).fill(reading);
    await page.getByTestId(`meter-${meter}-save`).click();
    await expect(page.getByTestId(`meter-${meter}-saved`)).toBeVisible();
    // The photo is kept with the reading as soon as it is chosen.
    await page.getByTestId(`meter-${meter}-photo`).setInputFiles(asset('meter.jpg'));
    await expect(page.getByTestId(`meter-${meter}-thumb`)).toBeVisible();
  }

  // Keys and documents handed over.
  await page.getByTestId('inspection-tab-handed').click();
  await page.getByTestId('handed-add').click();
  await page.getByTestId('handed-name').locator('input').fill('入户门钥匙');
  await page.getByTestId('handed-form-count-inc').click();
  await page.getByTestId('handed-save').click();
  await expect(page.getByTestId('handed-row-0')).toContainText('入户门钥匙');
  await page.getByTestId('handed-add-document').click();
  await page.getByTestId('handed-name').locator('input').fill('住宅质量保证书');
  await page.getByTestId('handed-form-signed').check();
  await page.getByTestId('handed-save').click();
  await expect(page.getByTestId('handed-row-1')).toContainText('住宅质量保证书');

  // Both signatures, drawn on screen.
  await page.getByTestId('inspection-tab-signatures').click();
  await sign(page, 'owner', '王晓明');
  await sign(page, 'staff', '李验房');
  await calm(page, { toasts: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'handover-signatures.png') });

  // 带缺陷收楼: the defect stays open; the screen locks.
  await page.getByTestId('complete-button').click();
  await expect(page.getByTestId('complete-modal').locator('.ant-modal')).toBeVisible();
  await page.getByTestId('outcome-accepted').click();
  await expect(page.getByTestId('complete-problems')).toContainText('带缺陷收楼');
  await page.getByTestId('outcome-acceptedWithDefects').click();
  await expect(page.getByTestId('complete-ready')).toBeVisible();
  await page.getByTestId('complete-submit').click();
  await expect(page.getByTestId('inspection-locked')).toBeVisible();

  // The buyer is the room's 业主 from today, the room 已交付.
  const card = await call(site, 'resource.card', { id: day.roomId });
  expect(card.resource.status).toBe('delivered');
  const owners = (await call(site, 'customer.view', { id: day.buyer.id })).relations.filter((r) => r.current && r.role === 'owner');
  expect(owners.map((r) => r.resource.id)).toContain(day.roomId);

  // The report: finalised, shown, downloaded; read back as text, counted, a page rendered.
  await page.getByTestId('report-open').click();
  await expect(page.getByTestId('report-viewer').locator('.ant-modal')).toBeVisible();
  const hash = (await page.getByTestId('report-hash').innerText()).match(/[0-9a-f]{64}/)?.[0];
  expect(hash).toBeTruthy();
  await calm(page);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'handover-report-viewer.png') });
  const downloading = page.waitForEvent('download');
  await page.getByTestId('report-download').click();
  const pdfPath = join(site.dataDir, 'report.pdf');
  await (await downloading).saveAs(pdfPath);

  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  const pages = Number(info.match(/Pages:\s+(\d+)/)?.[1]);
  expect(pages).toBeGreaterThanOrEqual(1);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  for (const expected of ['绿湖花园', '王晓明', '李验房', '门锁锁芯卡滞', '恒通门窗', '入户门钥匙', '住宅质量保证书', '带缺陷收楼', `共${pages}页`]) {
    expect(text).toContain(expected);
  }
  for (const [, items] of AREAS) for (const item of items) expect(text).toContain(item);
  // The content hash printed on it is the one the record keeps (the text may wrap it).
  expect(text.replace(/\s+/g, '')).toContain(hash!);
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdfPath, join(SCREENSHOT_DIR, 'handover-report-page')]);
  const rendered = readFileSync(join(SCREENSHOT_DIR, 'handover-report-page-1.png'));
  expect(rendered.length).toBeGreaterThan(20_000);

  expect(problems).toEqual([]);
});
