import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_SCOPE } from '../shared/sync/protocol.js';
import { authenticateDevice, registerDevice } from './accounts/devices.js';
import { findAccount } from './accounts/employees.js';
import { verifyPassword } from './accounts/passwords.js';
import { findProject, findRegion } from './admin/org.js';
import { DEMO } from './admin/seed.js';
import { cli, runAdminCommand, type CliIo } from './cli.js';
import { openServerDb, type OpenedServerDb } from './db/open.js';
import { SyncStore } from './sync/store.js';
import { createTestPg, type TestPg } from './testing/pg.js';

let pg: TestPg;
let opened: OpenedServerDb;
let store: SyncStore;

beforeAll(async () => {
  pg = await createTestPg();
  opened = await openServerDb({ databaseUrl: pg.url });
  store = new SyncStore(opened.db);
});

afterAll(async () => {
  await opened?.close();
  await pg?.drop();
});

async function admin(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), readSecret: async () => 'from-stdin-1' };
  const code = await runAdminCommand(argv, { db: opened.db, store, passwordCost: { N: 1024, r: 8, p: 1 } }, io);
  return { code, out, err };
}

describe('admin commands', () => {
  it('create regions and projects with the client schema fields', async () => {
    expect((await admin('create-region', '--code', 'hb', '--name', '华北区域')).code).toBe(0);
    const region = await findRegion(opened.db, 'HB');
    expect(region?.fields).toMatchObject({ code: 'HB', name: '华北区域', sortOrder: 1 });
    expect(region?.projectId).toBeNull();
    expect((await admin('create-region', '--code', 'HB', '--name', '重复')).err.join()).toMatch(/已被使用/);

    const made = await admin(
      'create-project',
      '--region',
      'hb',
      '--code',
      'BJ01',
      '--name',
      '京西府',
      '--city',
      '北京',
      '--status',
      'preparing',
    );
    expect(made.code).toBe(0);
    const project = await findProject(opened.db, 'bj01');
    expect(made.out[0]).toContain(project!.id);
    expect(project?.projectId).toBe(project?.id);
    expect(project?.fields).toEqual(
      expect.objectContaining({
        regionId: region!.id,
        code: 'BJ01',
        name: '京西府',
        city: '北京',
        address: '',
        status: 'preparing',
        sortOrder: 1,
      }),
    );
    expect((await admin('create-project', '--region', region!.id, '--code', 'BJ02', '--name', '二期')).code).toBe(0);
    expect((await findProject(opened.db, 'BJ02'))?.fields).toMatchObject({ status: 'selling', sortOrder: 2 });

    expect((await admin('create-project', '--region', 'NONE', '--code', 'X', '--name', 'x')).err.join()).toMatch(
      /没有编码或编号为“NONE”的区域/,
    );
    const badStatus = await admin('create-project', '--region', 'HB', '--code', 'X1', '--name', 'x', '--status', 'sold');
    expect(badStatus.code).toBe(1);
    expect(badStatus.err.join()).toMatch(/status/);
    expect((await admin('create-project', '--region', 'HB', '--code', 'a b', '--name', 'x')).err.join()).toMatch(/编码只能包含/);
  });

  it('create employees, set passwords, grant and revoke projects', async () => {
    const made = await admin(
      'create-employee',
      '--account',
      'LiSi',
      '--name',
      '李四',
      '--department',
      '物业',
      '--password',
      'lisi1234',
    );
    expect(made.code).toBe(0);
    const account = await findAccount(opened.db, 'lisi');
    expect(account?.isAdmin).toBe(false);
    expect(await verifyPassword('lisi1234', account!.passwordHash)).toBe(true);
    const [record] = await store.records([{ entity: 'employee', id: account!.employeeId }]);
    expect(record?.fields).toMatchObject({ account: 'lisi', name: '李四', phone: '', department: '物业', allProjects: false });

    // Without --password the password is read from stdin, out of the shell history.
    expect((await admin('create-employee', '--account', 'zhou', '--name', '周', '--admin', '--all-projects')).code).toBe(0);
    const zhou = await findAccount(opened.db, 'zhou');
    expect(zhou?.isAdmin).toBe(true);
    expect(await verifyPassword('from-stdin-1', zhou!.passwordHash)).toBe(true);

    expect((await admin('set-password', '--account', 'lisi', '--password', 'changed99')).code).toBe(0);
    expect(await verifyPassword('changed99', (await findAccount(opened.db, 'lisi'))!.passwordHash)).toBe(true);

    expect((await admin('grant', '--account', 'lisi', '--project', 'BJ01')).out.join()).toMatch(/已授权/);
    expect((await admin('grant', '--account', 'lisi', '--project', 'BJ01')).out.join()).toMatch(/已有/);
    expect(await store.visibleProjects(account!.employeeId)).toEqual([(await findProject(opened.db, 'BJ01'))!.id]);
    expect((await admin('revoke-grant', '--account', 'lisi', '--project', 'BJ01')).out.join()).toMatch(/已收回/);
    expect((await admin('revoke-grant', '--account', 'lisi', '--project', 'BJ01')).out.join()).toMatch(/本无/);
    expect(await store.visibleProjects(account!.employeeId)).toEqual([]);

    expect((await admin('disable-employee', '--account', 'lisi')).code).toBe(0);
    expect((await findAccount(opened.db, 'lisi'))?.disabledAt).toBeTruthy();
    expect((await admin('enable-employee', '--account', 'lisi')).code).toBe(0);
    expect((await findAccount(opened.db, 'lisi'))?.disabledAt).toBeNull();
    expect((await admin('list-employees')).out.join('\n')).toMatch(/lisi\t李四/);
    expect((await admin('grant', '--account', 'ghost', '--project', 'BJ01')).err.join()).toMatch(/没有账号“ghost”/);
  });

  it('make device codes, list and revoke devices', async () => {
    const made = await admin('device-code', '--days', '2');
    expect(made.code).toBe(0);
    const code = made.out[0]!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const expires = Date.parse(/有效期至 (\S+)/.exec(made.out[1]!)![1]!);
    expect(Math.abs(expires - (Date.now() + 2 * 86_400_000))).toBeLessThan(60_000);
    expect((await admin('device-code', '--days', 'soon')).code).toBe(1);
    expect((await admin('device-code', '--days', '365')).code).toBe(1);

    expect((await admin('list-devices')).out).toEqual(['（尚无登记的设备）']);
    const { deviceToken } = await registerDevice(opened.db, { code, deviceId: 'pc-office', name: '物业前台' });
    expect((await admin('list-devices')).out[0]).toMatch(/^pc-office\t物业前台\t登记 .*\t在用$/);
    expect((await admin('revoke-device', '--id', 'pc-office')).out).toEqual(['设备已停用: pc-office']);
    expect((await admin('revoke-device', '--id', 'pc-office')).out).toEqual(['设备早已停用: pc-office']);
    await expect(authenticateDevice(opened.db, `Device ${deviceToken}`)).rejects.toMatchObject({ code: 'DEVICE_REVOKED' });
    expect((await admin('list-devices')).out[0]).toMatch(/已停用 /);
    expect((await admin('revoke-device', '--id', 'nope')).code).toBe(1);
  });

  it('seed a demo group once, and print a fresh device code each time', async () => {
    const first = await admin('seed-demo');
    expect(first.code).toBe(0);
    const code = /设备登记码: (\S{14})/.exec(first.out.join('\n'))?.[1];
    expect(code).toBeTruthy();
    const again = await admin('seed-demo');
    expect(again.out.join('\n')).toMatch(/已存在/);
    expect(/设备登记码: (\S{14})/.exec(again.out.join('\n'))?.[1]).not.toBe(code);

    const adminAccount = await findAccount(opened.db, DEMO.admin.account);
    const front = await findAccount(opened.db, DEMO.frontDesk.account);
    expect(adminAccount?.isAdmin).toBe(true);
    expect(front?.isAdmin).toBe(false);
    expect(await verifyPassword('admin123', adminAccount!.passwordHash)).toBe(true);
    expect(await verifyPassword('qiantai123', front!.passwordHash)).toBe(true);
    const first_project = await findProject(opened.db, DEMO.projects[0].code);
    expect(await store.visibleProjects(front!.employeeId)).toEqual([first_project!.id]);
    const all = await store.visibleProjects(adminAccount!.employeeId);
    expect(all).toEqual(expect.arrayContaining([first_project!.id, (await findProject(opened.db, DEMO.projects[1].code))!.id]));

    const feed = await store.pull(
      { employeeId: front!.employeeId, employeeName: '前台接待', isAdmin: false, deviceId: 'x', projectIds: [] },
      { versions: { protocol: 1, schemaVersion: 1, appVersion: 't' }, scope: GROUP_SCOPE, after: 0, limit: 1000 },
    );
    const demoProjects = feed.entries.filter(
      (e) => e.entity === 'project' && DEMO.projects.some((p) => p.code === e.fields.code),
    );
    expect(demoProjects).toHaveLength(2);
  });

  it('explain their usage', async () => {
    const missing = await admin('create-region', '--code', 'X');
    expect(missing.code).toBe(2);
    expect(missing.err.join()).toMatch(/缺少 --name/);
    const unknownOption = await admin('grant', '--account', 'a', '--project', 'b', '--force');
    expect(unknownOption.code).toBe(2);
    expect((await admin('frobnicate')).code).toBe(2);
    const out: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: (l) => out.push(l), readSecret: async () => '' };
    expect(await cli(['admin', 'help'], io)).toBe(0);
    expect(out.join('\n')).toContain('create-project --region');
    expect(await cli(['admin', 'frobnicate'], io)).toBe(2);
    expect(await cli(['nonsense'], io)).toBe(2);
  });
});
