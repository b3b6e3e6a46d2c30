import { test, expect, SCREENSHOT_DIR } from './fixtures.js';

test('set up a region and a project, an employee and the projects the employee may see', async ({ page, site }) => {
  await page.goto(site.url);
  await page.getByTestId('menu-organization').click();

  await page.getByTestId('org-add-region').click();
  await page.getByTestId('org-code').fill('east');
  await page.getByTestId('org-name').fill('华东区域');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.getByTestId('org-add-project').click();
  await page.getByTestId('org-code').fill('HZ-01');
  await page.getByTestId('org-name').fill('');
  await page.keyboard.press('Enter');
  await expect(page.getByText('请输入项目名称')).toBeVisible();
  await page.getByTestId('org-name').fill('杭州滨江花园');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('org-projects').getByText('杭州滨江花园')).toBeVisible();
  await expect(page.getByTestId('project-switcher')).toContainText('杭州滨江花园');

  await page.getByRole('tab', { name: '员工' }).click();
  await page.getByTestId('org-add-employee').click();
  await page.getByLabel('账号').fill('zhang.san');
  await page.getByLabel('姓名').fill('张三');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('cell', { name: 'zhang.san' })).toBeVisible();
  await page.getByRole('button', { name: '授权项目' }).click();
  await page.getByLabel('HZ-01 杭州滨江花园').check();
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.screenshot({ path: `${SCREENSHOT_DIR}org-employees.png` });

  const employees = await site.host.dispatch('org.employees', {});
  const employee = employees.ok ? (employees.value as { items: { id: string }[] }).items[0] : undefined;
  const grants = await site.host.dispatch('org.grants', { employeeId: employee?.id });
  expect(grants.ok && (grants.value as string[]).length).toBe(1);
});
