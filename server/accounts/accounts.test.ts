import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, createRegion } from '../admin/org.js';
import { openServerDb, type OpenedServerDb } from '../db/open.js';
import { accounts, deviceCodes, devices, sessions } from '../db/schema.js';
import { AdminError, SyncError } from '../errors.js';
import { SyncStore } from '../sync/store.js';
import { createTestPg, type TestPg } from '../testing/pg.js';
import {
  authenticateDevice,
  CODE_ALPHABET,
  createDeviceCode,
  listDevices,
  normalizeCode,
  registerDevice,
  revokeDevice,
  touchDevice,
} from './devices.js';
import {
  createEmployee,
  findAccount,
  grantProject,
  liveGrants,
  loadEmployee,
  revokeGrant,
  setDisabled,
  setPassword,
  type EmployeeContext,
} from './employees.js';
import { verifyPassword } from './passwords.js';
import { createSession, findSession } from './sessions.js';
import { sha256Hex } from './tokens.js';

let pg: TestPg;
let opened: OpenedServerDb;
let ctx: EmployeeContext;
const FAST = { N: 2 ** 10, r: 8, p: 1 };

beforeAll(async () => {
  pg = await createTestPg();
  opened = await openServerDb({ databaseUrl: pg.url });
  ctx = { db: opened.db, store: new SyncStore(opened.db), passwordCost: FAST };
});

afterAll(async () => {
  await opened?.close();
  await pg?.drop();
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SyncError) return `${error.status} ${error.code}`;
    if (error instanceof AdminError) return `admin: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('device codes', () => {
  it('are 12 characters of an unambiguous alphabet, stored only as sha256, valid 7 days by default', async () => {
    const now = new Date('2026-03-01T08:00:00.000Z');
    const { code, expiresAt } = await createDeviceCode(opened.db, { createdBy: 'admin', now });
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    for (const ch of code.replace(/-/g, '')) expect(CODE_ALPHABET).toContain(ch);
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(expiresAt).toBe('2026-03-08T08:00:00.000Z');
    const raw = code.replace(/-/g, '');
    const rows = await opened.db
      .select()
      .from(deviceCodes)
      .where(eq(deviceCodes.codeHash, sha256Hex(raw)));
    expect(rows).toHaveLength(1);
    const dump = JSON.stringify(await opened.db.select().from(deviceCodes));
    expect(dump).not.toContain(raw);
  });

  it('are accepted as typed: any case, spaces or dashes', () => {
    expect(normalizeCode('abcd efgh-jkmn')).toBe('ABCDEFGHJKMN');
    expect(normalizeCode('ABCD-EFGH-JKM0')).toBeNull();
    expect(normalizeCode('ABCD')).toBeNull();
  });

  it('refuse a validity outside 0 to 90 days', async () => {
    expect(await refusal(createDeviceCode(opened.db, { createdBy: 'admin', days: 0 }))).toMatch(/^admin:/);
    expect(await refusal(createDeviceCode(opened.db, { createdBy: 'admin', days: 91 }))).toMatch(/^admin:/);
  });
});

describe('device registration', () => {
  it('spends the code once and gives a 32-byte token stored as sha256', async () => {
    const { code } = await createDeviceCode(opened.db, { createdBy: 'admin' });
    const { deviceToken } = await registerDevice(opened.db, { code, deviceId: 'dev-1', name: '售楼处前台1号机' });
    expect(Buffer.from(deviceToken, 'base64url')).toHaveLength(32);
    const [row] = await opened.db.select().from(devices).where(eq(devices.id, 'dev-1'));
    expect(row).toMatchObject({
      name: '售楼处前台1号机',
      tokenHash: sha256Hex(deviceToken),
      registeredBy: 'admin',
      revokedAt: null,
    });
    expect(JSON.stringify(row)).not.toContain(deviceToken);
    expect((await authenticateDevice(opened.db, `Device ${deviceToken}`)).id).toBe('dev-1');

    expect(await refusal(registerDevice(opened.db, { code, deviceId: 'dev-2', name: 'x' }))).toBe('403 CODE_INVALID');
    expect(await opened.db.select().from(devices).where(eq(devices.id, 'dev-2'))).toHaveLength(0);
  });

  it('refuses an expired, unknown or malformed code', async () => {
    const past = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    const { code } = await createDeviceCode(opened.db, { createdBy: 'admin', now: past });
    expect(await refusal(registerDevice(opened.db, { code, deviceId: 'dev-x', name: 'x' }))).toBe('403 CODE_INVALID');
    expect(await refusal(registerDevice(opened.db, { code: 'ABCD-EFGH-JKMN', deviceId: 'dev-x', name: 'x' }))).toBe(
      '403 CODE_INVALID',
    );
    expect(await refusal(registerDevice(opened.db, { code: 'not a code!', deviceId: 'dev-x', name: 'x' }))).toBe(
      '403 CODE_INVALID',
    );
    // A short-lived code is good until its time, not after.
    const { code: brief } = await createDeviceCode(opened.db, { createdBy: 'admin', days: 1 });
    const later = new Date(Date.now() + 25 * 3600 * 1000);
    expect(await refusal(registerDevice(opened.db, { code: brief, deviceId: 'dev-x', name: 'x', now: later }))).toBe(
      '403 CODE_INVALID',
    );
    expect(await refusal(registerDevice(opened.db, { code: brief, deviceId: 'dev-x', name: 'x' }))).toBe('accepted');
  });

  it('lets only one of two devices racing with the same code in', async () => {
    const { code } = await createDeviceCode(opened.db, { createdBy: 'admin' });
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) => refusal(registerDevice(opened.db, { code, deviceId: `race-${i}`, name: `race ${i}` }))),
    );
    expect(results.filter((r) => r === 'accepted')).toHaveLength(1);
    expect(results.filter((r) => r === '403 CODE_INVALID')).toHaveLength(3);
  });

  it('gives a device registered again a new token and ends the old one', async () => {
    const first = await registerDevice(opened.db, {
      code: (await createDeviceCode(opened.db, { createdBy: 'admin' })).code,
      deviceId: 'dev-re',
      name: 'a',
    });
    const session = await createSession(opened.db, { employeeId: 'e', deviceId: 'dev-re' });
    const second = await registerDevice(opened.db, {
      code: (await createDeviceCode(opened.db, { createdBy: 'admin' })).code,
      deviceId: 'dev-re',
      name: 'b',
    });
    expect(await refusal(authenticateDevice(opened.db, `Device ${first.deviceToken}`))).toBe('401 DEVICE_UNKNOWN');
    expect((await authenticateDevice(opened.db, `Device ${second.deviceToken}`)).name).toBe('b');
    expect(await findSession(opened.db, session.token, 'dev-re')).toBeNull();
  });
});

describe('device tokens', () => {
  it('refuse missing, malformed and unknown tokens as DEVICE_UNKNOWN, revoked ones as DEVICE_REVOKED', async () => {
    const { code } = await createDeviceCode(opened.db, { createdBy: 'admin' });
    const { deviceToken } = await registerDevice(opened.db, { code, deviceId: 'dev-rv', name: 'x' });
    expect(await refusal(authenticateDevice(opened.db, undefined))).toBe('401 DEVICE_UNKNOWN');
    expect(await refusal(authenticateDevice(opened.db, deviceToken))).toBe('401 DEVICE_UNKNOWN');
    expect(await refusal(authenticateDevice(opened.db, 'Bearer ' + deviceToken))).toBe('401 DEVICE_UNKNOWN');
    expect(await refusal(authenticateDevice(opened.db, 'Device ' + 'A'.repeat(43)))).toBe('401 DEVICE_UNKNOWN');
    expect(await refusal(authenticateDevice(opened.db, 'device ' + deviceToken))).toBe('accepted');

    const session = await createSession(opened.db, { employeeId: 'e', deviceId: 'dev-rv' });
    expect(await revokeDevice(opened.db, 'dev-rv')).toBe('revoked');
    expect(await refusal(authenticateDevice(opened.db, `Device ${deviceToken}`))).toBe('403 DEVICE_REVOKED');
    expect(await findSession(opened.db, session.token, 'dev-rv')).toBeNull();
    expect(await revokeDevice(opened.db, 'dev-rv')).toBe('already-revoked');
    expect(await refusal(revokeDevice(opened.db, 'no-such-device'))).toMatch(/^admin:/);
    const listed = await listDevices(opened.db);
    expect(listed.find((d) => d.id === 'dev-rv')?.revokedAt).toBeTruthy();
    expect(JSON.stringify(listed)).not.toContain('tokenHash');
  });

  it('note when the device was last seen, at most once a minute', async () => {
    const { code } = await createDeviceCode(opened.db, { createdBy: 'admin' });
    const t0 = new Date('2026-05-01T10:00:00.000Z');
    const { deviceToken } = await registerDevice(opened.db, { code, deviceId: 'dev-seen', name: 'x', now: t0 });
    const seen = async () => (await opened.db.select().from(devices).where(eq(devices.id, 'dev-seen')))[0]!.lastSeenAt;
    expect(await seen()).toBe(t0.toISOString());
    let device = await authenticateDevice(opened.db, `Device ${deviceToken}`);
    await touchDevice(opened.db, device, new Date('2026-05-01T10:00:30.000Z'));
    expect(await seen()).toBe(t0.toISOString());
    await touchDevice(opened.db, device, new Date('2026-05-01T10:01:30.000Z'));
    expect(await seen()).toBe('2026-05-01T10:01:30.000Z');
    device = await authenticateDevice(opened.db, `Device ${deviceToken}`);
    await touchDevice(opened.db, device, new Date('2026-05-01T10:02:00.000Z'));
    expect(await seen()).toBe('2026-05-01T10:01:30.000Z');
  });
});

describe('sessions', () => {
  it('are bound to their device, stored hashed and end after 30 days', async () => {
    const now = new Date('2026-06-01T00:00:00.000Z');
    const { token, expiresAt } = await createSession(opened.db, { employeeId: 'emp-s', deviceId: 'dev-s', now });
    expect(expiresAt).toBe('2026-07-01T00:00:00.000Z');
    const [row] = await opened.db.select().from(sessions).where(eq(sessions.employeeId, 'emp-s'));
    expect(row?.tokenHash).toBe(sha256Hex(token));
    expect(await findSession(opened.db, token, 'dev-s', new Date('2026-06-30T23:59:59.000Z'))).not.toBeNull();
    expect(await findSession(opened.db, token, 'dev-s', new Date('2026-07-01T00:00:00.000Z'))).toBeNull();
    expect(await findSession(opened.db, token, 'dev-other', now)).toBeNull();
    expect(await findSession(opened.db, undefined, 'dev-s', now)).toBeNull();
    expect(await findSession(opened.db, 'x'.repeat(43), 'dev-s', now)).toBeNull();
  });

  it("drop the device's expired sessions when a new one starts", async () => {
    await createSession(opened.db, { employeeId: 'emp-old', deviceId: 'dev-prune', now: new Date('2020-01-01T00:00:00.000Z') });
    await createSession(opened.db, { employeeId: 'emp-new', deviceId: 'dev-prune' });
    const left = await opened.db.select().from(sessions).where(eq(sessions.deviceId, 'dev-prune'));
    expect(left.map((s) => s.employeeId)).toEqual(['emp-new']);
  });
});

describe('employees', () => {
  it('are an employee record for every device and an account row with a scrypt hash', async () => {
    const { employeeId, account } = await createEmployee(ctx, {
      account: ' ZhangSan ',
      name: '张三',
      phone: '13900000000',
      department: '销售部',
      password: 'zhangsan1',
    });
    expect(account).toBe('zhangsan');
    const row = await findAccount(opened.db, 'ZHANGSAN');
    expect(row).toMatchObject({ employeeId, account: 'zhangsan', isAdmin: false, disabledAt: null });
    expect(row!.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('zhangsan1', row!.passwordHash)).toBe(true);
    const [record] = await ctx.store.records([{ entity: 'employee', id: employeeId }]);
    expect(record).toMatchObject({ projectId: null });
    expect(record!.fields).toMatchObject({
      account: 'zhangsan',
      name: '张三',
      phone: '13900000000',
      department: '销售部',
      allProjects: false,
    });
    expect(await loadEmployee(opened.db, employeeId)).toMatchObject({
      name: '张三',
      account: 'zhangsan',
      isAdmin: false,
      disabled: false,
    });
  });

  it('refuse a taken account, a bad account, a short password and an empty name', async () => {
    expect(await refusal(createEmployee(ctx, { account: 'zhangsan', name: '另一个', password: 'whatever1' }))).toMatch(/已存在/);
    expect(await refusal(createEmployee(ctx, { account: '张', name: '张', password: 'whatever1' }))).toMatch(/账号/);
    expect(await refusal(createEmployee(ctx, { account: 'lisi', name: '李四', password: '123' }))).toMatch(/密码至少6位/);
    expect(await refusal(createEmployee(ctx, { account: 'lisi', name: ' ', password: 'whatever1' }))).toMatch(/姓名/);
    expect(await findAccount(opened.db, 'lisi')).toBeNull();
  });

  it('have their sessions ended by a new password or being disabled', async () => {
    const { employeeId } = await createEmployee(ctx, { account: 'wangwu', name: '王五', password: 'wangwu123' });
    const s1 = await createSession(opened.db, { employeeId, deviceId: 'dev-w' });
    await setPassword(ctx, 'wangwu', 'newpass123');
    expect(await findSession(opened.db, s1.token, 'dev-w')).toBeNull();
    const row = await findAccount(opened.db, 'wangwu');
    expect(await verifyPassword('newpass123', row!.passwordHash)).toBe(true);
    expect(await verifyPassword('wangwu123', row!.passwordHash)).toBe(false);

    const s2 = await createSession(opened.db, { employeeId, deviceId: 'dev-w' });
    await setDisabled(ctx, 'wangwu', true);
    expect(await findSession(opened.db, s2.token, 'dev-w')).toBeNull();
    expect((await loadEmployee(opened.db, employeeId))?.disabled).toBe(true);
    await setDisabled(ctx, 'wangwu', false);
    expect((await loadEmployee(opened.db, employeeId))?.disabled).toBe(false);
    expect(await refusal(setPassword(ctx, 'nobody', 'whatever1'))).toMatch(/没有账号/);
  });

  it('are granted and refused projects as projectGrant records the store counts', async () => {
    const region = await createRegion(ctx, { code: 'hd', name: '华东区域' });
    const p1 = await createProject(ctx, { region: 'HD', code: 'P1', name: '一号项目', status: 'selling' });
    const p2 = await createProject(ctx, { region: region, code: 'P2', name: '二号项目' });
    const { employeeId } = await createEmployee(ctx, { account: 'zhaoliu', name: '赵六', password: 'zhaoliu1' });
    expect(await ctx.store.visibleProjects(employeeId)).toEqual([]);

    const grant = await grantProject(ctx, 'zhaoliu', 'p1');
    expect(grant).toBeTruthy();
    expect(await grantProject(ctx, 'zhaoliu', p1)).toBeNull();
    await grantProject(ctx, 'zhaoliu', 'P2');
    expect((await ctx.store.visibleProjects(employeeId)).sort()).toEqual([p1, p2].sort());
    const [record] = await ctx.store.records([{ entity: 'projectGrant', id: grant! }]);
    expect(record).toMatchObject({ projectId: p1, fields: expect.objectContaining({ employeeId }) });

    expect(await revokeGrant(ctx, 'zhaoliu', 'P1')).toBe(1);
    expect(await revokeGrant(ctx, 'zhaoliu', 'P1')).toBe(0);
    expect(await ctx.store.visibleProjects(employeeId)).toEqual([p2]);
    expect((await liveGrants(opened.db, employeeId)).map((g) => g.projectId)).toEqual([p2]);
    const [revoked] = await ctx.store.records([{ entity: 'projectGrant', id: grant! }]);
    expect(revoked!.fields.deletedAt).toEqual(expect.any(String));

    expect(await refusal(grantProject(ctx, 'zhaoliu', 'NOPE'))).toMatch(/没有编码或编号为“NOPE”的项目/);
  });

  it('with allProjects see every project', async () => {
    const { employeeId } = await createEmployee(ctx, {
      account: 'boss',
      name: '老板',
      password: 'boss1234',
      isAdmin: true,
      allProjects: true,
    });
    const all = await opened.db.execute(sql`SELECT id FROM records WHERE entity = 'project'`);
    expect((await ctx.store.visibleProjects(employeeId)).length).toBe((all as unknown as { rows: unknown[] }).rows.length);
    expect((await findAccount(opened.db, 'boss'))?.isAdmin).toBe(true);
  });

  it('leave no account behind when the employee record cannot be written', async () => {
    class FailingStore extends SyncStore {
      override async writeAsServer(): Promise<string[]> {
        throw new Error('store down');
      }
    }
    await expect(
      createEmployee({ ...ctx, store: new FailingStore(opened.db) }, { account: 'ghost', name: '鬼', password: 'ghost123' }),
    ).rejects.toThrow('store down');
    expect(await findAccount(opened.db, 'ghost')).toBeNull();
    expect(await opened.db.select().from(accounts).where(eq(accounts.account, 'ghost'))).toHaveLength(0);
  });
});
