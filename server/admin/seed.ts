import { createDeviceCode } from '../accounts/devices.js';
import { createEmployee, findAccount, grantProject, type EmployeeContext } from '../accounts/employees.js';
import { actorOf, createProject, createRegion, findProject, findRegion } from './org.js';

/**
 * A demo group to try the client against: one region, two projects, an administrator who
 * sees every project and a front-desk employee granted the first. Running it again adds
 * nothing twice; it always prints a fresh device code.
 */
export const DEMO = {
  region: { code: 'HD', name: '华东区域' },
  projects: [
    { code: 'SH-BJHY', name: '滨江花园', city: '上海', address: '浦东新区滨江大道 1888 号', status: 'selling' },
    { code: 'HZ-XXL', name: '西溪里', city: '杭州', address: '西湖区文二西路 666 号', status: 'delivering' },
  ],
  admin: {
    account: 'admin',
    password: 'admin123',
    name: '系统管理员',
    department: '集团信息部',
    isAdmin: true,
    allProjects: true,
  },
  frontDesk: { account: 'qiantai', password: 'qiantai123', name: '前台接待', department: '客服中心', phone: '13800000001' },
} as const;

export async function seedDemo(ctx: EmployeeContext): Promise<{ lines: string[]; code: string; expiresAt: string }> {
  const lines: string[] = [];
  const region = await findRegion(ctx.db, DEMO.region.code);
  if (region) lines.push(`区域 ${DEMO.region.code} 已存在`);
  else lines.push(`区域 ${DEMO.region.code} ${DEMO.region.name}: ${await createRegion(ctx, DEMO.region)}`);

  for (const project of DEMO.projects) {
    if (await findProject(ctx.db, project.code)) lines.push(`项目 ${project.code} 已存在`);
    else
      lines.push(`项目 ${project.code} ${project.name}: ${await createProject(ctx, { ...project, region: DEMO.region.code })}`);
  }

  for (const employee of [DEMO.admin, DEMO.frontDesk]) {
    if (await findAccount(ctx.db, employee.account)) lines.push(`账号 ${employee.account} 已存在`);
    else {
      const { employeeId } = await createEmployee(ctx, employee);
      lines.push(`账号 ${employee.account} / ${employee.password} (${employee.name}): ${employeeId}`);
    }
  }

  const granted = await grantProject(ctx, DEMO.frontDesk.account, DEMO.projects[0].code);
  if (granted) lines.push(`授权 ${DEMO.frontDesk.account} → ${DEMO.projects[0].code}`);

  const { code, expiresAt } = await createDeviceCode(ctx.db, { createdBy: actorOf(ctx).id, now: ctx.now?.() });
  lines.push(`设备登记码: ${code}（有效期至 ${expiresAt}）`);
  return { lines, code, expiresAt };
}
