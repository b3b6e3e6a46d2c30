import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../shared/ids/uuidv7.js';
import { HybridLogicalClock } from '../shared/sync/hlc.js';
import {
  GROUP_SCOPE,
  PROTOCOL_VERSION,
  SYNC_ERROR_MESSAGES,
  type PullResponse,
  type PushResponse,
  type SyncChange,
  type SyncErrorBody,
  type SyncErrorCode,
  type SyncSession,
} from '../shared/sync/protocol.js';
import { createDeviceCode, revokeDevice } from './accounts/devices.js';
import { createEmployee, grantProject, revokeGrant, setDisabled, type EmployeeContext } from './accounts/employees.js';
import { createProject, createRegion } from './admin/org.js';
import { buildServer, SERVER_VERSIONS } from './app.js';
import { openServerDb, type OpenedServerDb } from './db/open.js';
import { devices } from './db/schema.js';
import { SyncStore } from './sync/store.js';
import { createTestPg, type TestPg } from './testing/pg.js';

const versions = { protocol: PROTOCOL_VERSION, schemaVersion: 3, appVersion: '0.1.0' };
const FAST = { N: 2 ** 10, r: 8, p: 1 };

let pg: TestPg;
let opened: OpenedServerDb;
let store: SyncStore;
let ctx: EmployeeContext;
let app: FastifyInstance;
let p1: string;
let p2: string;
let qiantaiId: string;
const logLines: string[] = [];

beforeAll(async () => {
  pg = await createTestPg();
  opened = await openServerDb({ databaseUrl: pg.url });
  store = new SyncStore(opened.db);
  ctx = { db: opened.db, store, passwordCost: FAST };
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  app = buildServer({ db: opened.db, store, logger: { level: 'debug', stream: logStream } });
  await createRegion(ctx, { code: 'HD', name: '华东区域' });
  p1 = await createProject(ctx, { region: 'HD', code: 'P1', name: '滨江花园' });
  p2 = await createProject(ctx, { region: 'HD', code: 'P2', name: '西溪里' });
  qiantaiId = (await createEmployee(ctx, { account: 'qiantai', name: '前台接待', password: 'qiantai123' })).employeeId;
  await grantProject(ctx, 'qiantai', 'P1');
  await createEmployee(ctx, { account: 'admin', name: '系统管理员', password: 'admin123', isAdmin: true, allProjects: true });
});

afterAll(async () => {
  await app?.close();
  await opened?.close();
  await pg?.drop();
});

interface Answer<T> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

async function post<T = unknown>(
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
  on: FastifyInstance = app,
): Promise<Answer<T>> {
  const res = await on.inject({ method: 'POST', url, payload: payload as object, headers });
  return { status: res.statusCode, body: res.json() as T, headers: res.headers };
}

function expectError(answer: Answer<unknown>, status: number, code: SyncErrorCode) {
  expect(answer.status).toBe(status);
  const body = answer.body as SyncErrorBody;
  expect(body.error).toEqual({ code, message: SYNC_ERROR_MESSAGES[code] });
  expect(body.versions).toEqual(SERVER_VERSIONS);
}

async function newDevice(name = '前台电脑'): Promise<{ deviceId: string; token: string; auth: Record<string, string> }> {
  const { code } = await createDeviceCode(opened.db, { createdBy: 'admin' });
  const deviceId = uuidv7();
  const res = await post<{ deviceToken: string }>('/v1/devices/register', { code, deviceId, name, versions });
  expect(res.status).toBe(200);
  return { deviceId, token: res.body.deviceToken, auth: { authorization: `Device ${res.body.deviceToken}` } };
}

async function signIn(
  account = 'qiantai',
  password = 'qiantai123',
): Promise<{
  deviceId: string;
  deviceToken: string;
  sessionToken: string;
  headers: Record<string, string>;
  session: SyncSession;
}> {
  const device = await newDevice();
  const res = await post<{ sessionToken: string; session: SyncSession }>(
    '/v1/auth/login',
    { account, password, versions },
    device.auth,
  );
  expect(res.status).toBe(200);
  return {
    deviceId: device.deviceId,
    deviceToken: device.token,
    sessionToken: res.body.sessionToken,
    session: res.body.session,
    headers: { ...device.auth, 'x-sitedesk-session': res.body.sessionToken },
  };
}

describe('operations', () => {
  it('answers /health and /ready with the protocol header and a request id', async () => {
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers['x-sitedesk-protocol']).toBe(String(PROTOCOL_VERSION));
    expect(health.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const ready = await app.inject({ method: 'GET', url: '/ready', headers: { 'x-request-id': 'lb-123' } });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok' });
    expect(ready.headers['x-request-id']).toBe('lb-123');
  });

  it('is not ready when the database is gone', async () => {
    const other = await openServerDb({ databaseUrl: pg.url, poolSize: 1 });
    const lonely = buildServer({ db: other.db, store: new SyncStore(other.db) });
    expect((await lonely.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
    await other.close();
    const res = await lonely.inject({ method: 'GET', url: '/ready' });
    expectError({ status: res.statusCode, body: res.json(), headers: res.headers }, 503, 'UNAVAILABLE');
    expect((await lonely.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    await lonely.close();
  });

  it('answers unknown routes, malformed JSON and wrong content types as SyncErrorBody', async () => {
    const missing = await app.inject({ method: 'GET', url: '/v1/nothing' });
    expect(missing.statusCode).toBe(404);
    expect((missing.json() as SyncErrorBody).error.code).toBe('BAD_REQUEST');
    const broken = await app.inject({
      method: 'POST',
      url: '/v1/devices/register',
      payload: '{"code":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect((broken.json() as SyncErrorBody).error.code).toBe('BAD_REQUEST');
    const text = await app.inject({
      method: 'POST',
      url: '/v1/devices/register',
      payload: '<a/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(text.statusCode).toBe(415);
    expect((text.json() as SyncErrorBody).error.code).toBe('BAD_REQUEST');
  });

  it('refuses a body over the limit with 413 TOO_LARGE', async () => {
    const small = buildServer({ db: opened.db, store, bodyLimit: 1024 });
    const body = { versions, changes: [], padding: 'x'.repeat(2000) };
    expectError(await post('/v1/sync/push', body, {}, small), 413, 'TOO_LARGE');
    await small.close();
    // The default limit is 8 MiB.
    const big = { code: 'x', deviceId: 'd', name: 'n', versions, padding: 'x'.repeat(8 * 1024 * 1024) };
    expectError(await post('/v1/devices/register', big), 413, 'TOO_LARGE');
    const justUnder = { code: 'ABCD-EFGH-JKMN', deviceId: 'd', name: 'n', versions, padding: 'x'.repeat(7 * 1024 * 1024) };
    expectError(await post('/v1/devices/register', justUnder), 403, 'CODE_INVALID');
  });
});

describe('device registration', () => {
  it('registers a device with a one-time code and refuses the code the second time', async () => {
    const { code } = await createDeviceCode(opened.db, { createdBy: 'admin' });
    const res = await post<{ deviceToken: string; versions: unknown }>('/v1/devices/register', {
      code,
      deviceId: 'pc-1',
      name: '售楼处1号机',
      versions,
    });
    expect(res.status).toBe(200);
    expect(res.body.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.versions).toEqual(SERVER_VERSIONS);
    expect(res.headers['cache-control']).toBe('no-store');
    expectError(await post('/v1/devices/register', { code, deviceId: 'pc-2', name: '另一台', versions }), 403, 'CODE_INVALID');
  });

  it('refuses an expired code', async () => {
    const { code } = await createDeviceCode(opened.db, { createdBy: 'admin', now: new Date(Date.now() - 8 * 86_400_000) });
    expectError(await post('/v1/devices/register', { code, deviceId: 'pc-3', name: 'x', versions }), 403, 'CODE_INVALID');
  });

  it('validates the body', async () => {
    expectError(await post('/v1/devices/register', { code: 'ABCDEFGHJKMN', versions }), 400, 'BAD_REQUEST');
    expectError(await post('/v1/devices/register', { code: 'ABCDEFGHJKMN', deviceId: 'x', name: 'x' }), 400, 'BAD_REQUEST');
    expectError(
      await post('/v1/devices/register', { code: 'ABCDEFGHJKMN', deviceId: 'x', name: '', versions }),
      400,
      'BAD_REQUEST',
    );
  });
});

describe('versions', () => {
  it('tells a too-old client to upgrade (426) and a too-new one that the server is old (409), with the server versions', async () => {
    const { code } = await createDeviceCode(opened.db, { createdBy: 'admin' });
    expectError(
      await post('/v1/devices/register', { code, deviceId: 'v', name: 'v', versions: { ...versions, protocol: 0 } }),
      400,
      'BAD_REQUEST',
    );
    const newer = await post('/v1/devices/register', {
      code,
      deviceId: 'v',
      name: 'v',
      versions: { ...versions, protocol: PROTOCOL_VERSION + 1 },
    });
    expectError(newer, 409, 'SERVER_TOO_OLD');
    // The code was not spent by the refused request.
    expect((await post('/v1/devices/register', { code, deviceId: 'v', name: 'v', versions })).status).toBe(200);
  });

  it('checks versions before the rest of the body, on the sync routes too', async () => {
    const s = await signIn();
    const newer = { protocol: PROTOCOL_VERSION + 1, schemaVersion: 99, appVersion: '9.0.0' };
    expectError(await post('/v1/sync/pull', { versions: newer, whatever: true }, s.headers), 409, 'SERVER_TOO_OLD');
    expectError(await post('/v1/sync/push', { versions: newer, changes: 'a new shape' }, s.headers), 409, 'SERVER_TOO_OLD');
    expectError(await post('/v1/sync/session', {}, s.headers), 400, 'BAD_REQUEST');
  });

  it('answers CLIENT_TOO_OLD with 426 below the minimum protocol the server serves', async () => {
    const strict = buildServer({ db: opened.db, store, minProtocol: PROTOCOL_VERSION + 1 });
    const { code } = await createDeviceCode(opened.db, { createdBy: 'admin' });
    expectError(
      await post('/v1/devices/register', { code, deviceId: 'old', name: 'old', versions }, {}, strict),
      426,
      'CLIENT_TOO_OLD',
    );
    const s = await signIn();
    expectError(await post('/v1/sync/session', { versions }, s.headers, strict), 426, 'CLIENT_TOO_OLD');
    expectError(
      await post(
        '/v1/auth/login',
        { account: 'qiantai', password: 'qiantai123', versions },
        { authorization: s.headers.authorization! },
        strict,
      ),
      426,
      'CLIENT_TOO_OLD',
    );
    await strict.close();
  });
});

describe('sign-in', () => {
  it('returns a session token and the sync session with the granted projects and the employee name', async () => {
    const s = await signIn();
    expect(s.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.session).toEqual({
      employeeId: qiantaiId,
      employeeName: '前台接待',
      account: 'qiantai',
      isAdmin: false,
      projectIds: [p1],
      versions: SERVER_VERSIONS,
    });
    const admin = await signIn('Admin', 'admin123');
    expect(admin.session).toMatchObject({ account: 'admin', isAdmin: true });
    expect([...admin.session.projectIds].sort()).toEqual([p1, p2].sort());
  });

  it('gives one answer for a wrong password, an unknown account and a disabled one', async () => {
    const device = await newDevice();
    expectError(
      await post('/v1/auth/login', { account: 'qiantai', password: 'wrong', versions }, device.auth),
      401,
      'LOGIN_FAILED',
    );
    expectError(
      await post('/v1/auth/login', { account: 'nobody', password: 'qiantai123', versions }, device.auth),
      401,
      'LOGIN_FAILED',
    );
    expectError(await post('/v1/auth/login', { account: '不是账号', password: 'x', versions }, device.auth), 401, 'LOGIN_FAILED');
    await createEmployee(ctx, { account: 'leaver', name: '离职员工', password: 'leaver123' });
    await setDisabled(ctx, 'leaver', true);
    expectError(
      await post('/v1/auth/login', { account: 'leaver', password: 'leaver123', versions }, device.auth),
      401,
      'LOGIN_FAILED',
    );
    expectError(await post('/v1/auth/login', { account: 'qiantai', versions }, device.auth), 400, 'BAD_REQUEST');
  });

  it('needs a registered, unrevoked device', async () => {
    const body = { account: 'qiantai', password: 'qiantai123', versions };
    expectError(await post('/v1/auth/login', body), 401, 'DEVICE_UNKNOWN');
    expectError(await post('/v1/auth/login', body, { authorization: 'Device not-a-token' }), 401, 'DEVICE_UNKNOWN');
    expectError(await post('/v1/auth/login', body, { authorization: `Device ${'A'.repeat(43)}` }), 401, 'DEVICE_UNKNOWN');
    const device = await newDevice();
    await revokeDevice(opened.db, device.deviceId);
    expectError(await post('/v1/auth/login', body, device.auth), 403, 'DEVICE_REVOKED');
  });
});

describe('sync routes', () => {
  function change(s: { deviceId: string; session: SyncSession }, fields: Partial<SyncChange>): SyncChange {
    const clock = new HybridLogicalClock(s.deviceId);
    return {
      changeId: uuidv7(),
      txId: uuidv7(),
      entity: 'dictItem',
      entityId: uuidv7(),
      projectId: null,
      contextProjectId: p1,
      op: 'create',
      changes: {},
      baseHlc: null,
      actorId: s.session.employeeId,
      actorName: s.session.employeeName,
      deviceId: s.deviceId,
      at: new Date().toISOString(),
      hlc: clock.now(),
      ...fields,
    };
  }

  it('needs both the device token and a live session of that device', async () => {
    const s = await signIn();
    const other = await signIn();
    expect((await post<SyncSession>('/v1/sync/session', { versions }, s.headers)).body.projectIds).toEqual([p1]);
    expectError(
      await post('/v1/sync/session', { versions }, { authorization: s.headers.authorization! }),
      401,
      'SESSION_EXPIRED',
    );
    expectError(
      await post('/v1/sync/session', { versions }, { ...s.headers, 'x-sitedesk-session': 'x'.repeat(43) }),
      401,
      'SESSION_EXPIRED',
    );
    // A session token is good only on the device it was made on.
    expectError(
      await post('/v1/sync/session', { versions }, { ...other.headers, 'x-sitedesk-session': s.sessionToken }),
      401,
      'SESSION_EXPIRED',
    );
    expectError(await post('/v1/sync/session', { versions }, { 'x-sitedesk-session': s.sessionToken }), 401, 'DEVICE_UNKNOWN');
  });

  it('refuses a session after 30 days', async () => {
    const s = await signIn();
    const later = buildServer({ db: opened.db, store, now: () => new Date(Date.now() + 30 * 86_400_000 + 60_000) });
    expectError(await post('/v1/sync/session', { versions }, s.headers, later), 401, 'SESSION_EXPIRED');
    const sooner = buildServer({ db: opened.db, store, now: () => new Date(Date.now() + 29 * 86_400_000) });
    expect((await post('/v1/sync/session', { versions }, s.headers, sooner)).status).toBe(200);
    await later.close();
    await sooner.close();
  });

  it('ends sessions on logout and when the employee is disabled', async () => {
    const s = await signIn();
    expect((await post('/v1/auth/logout', { versions }, s.headers)).status).toBe(200);
    expectError(await post('/v1/sync/session', { versions }, s.headers), 401, 'SESSION_EXPIRED');

    await createEmployee(ctx, { account: 'temp', name: '临时工', password: 'temp1234' });
    const t = await signIn('temp', 'temp1234');
    expect((await post('/v1/sync/session', { versions }, t.headers)).status).toBe(200);
    await setDisabled(ctx, 'temp', true);
    expectError(await post('/v1/sync/session', { versions }, t.headers), 401, 'SESSION_EXPIRED');
  });

  it('refuses a revoked device at its next request', async () => {
    const s = await signIn();
    expect((await post('/v1/sync/session', { versions }, s.headers)).status).toBe(200);
    await revokeDevice(opened.db, s.deviceId);
    expectError(await post('/v1/sync/session', { versions }, s.headers), 403, 'DEVICE_REVOKED');
    expectError(await post('/v1/sync/pull', { versions, scope: GROUP_SCOPE, after: 0 }, s.headers), 403, 'DEVICE_REVOKED');
  });

  it('pulls the group feed and granted projects only, and a revoked grant counts at the next request', async () => {
    await createEmployee(ctx, { account: 'mover', name: '调岗员工', password: 'mover123' });
    await grantProject(ctx, 'mover', 'P2');
    const s = await signIn('mover', 'mover123');
    expect(s.session.projectIds).toEqual([p2]);

    const group = await post<PullResponse>('/v1/sync/pull', { versions, scope: GROUP_SCOPE, after: 0, limit: 1000 }, s.headers);
    expect(group.status).toBe(200);
    expect(group.body.scope).toBe(GROUP_SCOPE);
    const entities = new Set(group.body.entries.map((e) => e.entity));
    expect(entities).toEqual(new Set(['region', 'project', 'employee', 'projectGrant']));
    const project = group.body.entries.find((e) => e.entity === 'project' && e.entityId === p1);
    expect(project?.fields).toMatchObject({
      code: 'P1',
      name: '滨江花园',
      status: 'selling',
      city: '',
      address: '',
      sortOrder: 1,
    });
    expect(group.headers['x-sitedesk-protocol']).toBe(String(PROTOCOL_VERSION));

    expect((await post('/v1/sync/pull', { versions, scope: p2, after: 0 }, s.headers)).status).toBe(200);
    expectError(await post('/v1/sync/pull', { versions, scope: p1, after: 0 }, s.headers), 403, 'SCOPE_FORBIDDEN');
    expectError(await post('/v1/sync/pull', { versions, scope: p2, after: -1 }, s.headers), 400, 'BAD_REQUEST');

    await revokeGrant(ctx, 'mover', 'P2');
    expectError(await post('/v1/sync/pull', { versions, scope: p2, after: 0 }, s.headers), 403, 'SCOPE_FORBIDDEN');
    expect((await post<SyncSession>('/v1/sync/session', { versions }, s.headers)).body.projectIds).toEqual([]);
  });

  it('pushes changes as the signed-in employee, with the projects granted now', async () => {
    const s = await signIn();
    const dict = change(s, {
      changes: { typeCode: { old: null, new: 'source' }, name: { old: null, new: '路过' }, sortOrder: { old: null, new: 1 } },
    });
    const resourceHere = change(s, {
      entity: 'resource',
      projectId: p1,
      changes: { name: { old: null, new: '1栋' }, kind: { old: null, new: 'building' }, status: { old: null, new: 'vacant' } },
    });
    const resourceThere = change(s, { entity: 'resource', projectId: p2, changes: { name: { old: null, new: '2栋' } } });
    const res = await post<PushResponse>('/v1/sync/push', { versions, changes: [dict, resourceHere, resourceThere] }, s.headers);
    expect(res.status).toBe(200);
    const byId = new Map(res.body.outcomes.map((o) => [o.changeId, o]));
    expect(byId.get(dict.changeId)?.status).toBe('applied');
    expect(byId.get(resourceHere.changeId)?.status).toBe('applied');
    expect(byId.get(resourceThere.changeId)).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    expect(res.body.serverHlc).toMatch(/^\d{15}:\d{6}:/);

    const feed = await post<PullResponse>('/v1/sync/pull', { versions, scope: p1, after: 0 }, s.headers);
    expect(feed.body.entries.find((e) => e.entityId === resourceHere.entityId)).toMatchObject({
      actorId: qiantaiId,
      deviceId: s.deviceId,
    });

    expectError(
      await post('/v1/sync/push', { versions, changes: [{ ...dict, entity: 'nonsense' }] }, s.headers),
      400,
      'BAD_REQUEST',
    );
  });

  it('notes when the device was last seen', async () => {
    const s = await signIn();
    const later = new Date(Date.now() + 3_600_000);
    const laterApp = buildServer({ db: opened.db, store, now: () => later });
    expect((await post('/v1/sync/session', { versions }, s.headers, laterApp)).status).toBe(200);
    const [row] = await opened.db.select().from(devices).where(eq(devices.id, s.deviceId));
    expect(row?.lastSeenAt).toBe(later.toISOString());
    await laterApp.close();
  });
});

describe('logs', () => {
  it('are JSON lines with request ids and never carry passwords or tokens', async () => {
    const s = await signIn();
    await post('/v1/sync/session', { versions }, s.headers);
    const { code } = await createDeviceCode(opened.db, { createdBy: 'admin' });
    await post('/v1/devices/register', { code, deviceId: 'log-dev', name: 'x', versions });
    const all = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(5);
    for (const line of logLines) expect(() => JSON.parse(line)).not.toThrow();
    expect(logLines.some((l) => (JSON.parse(l) as { reqId?: string }).reqId)).toBe(true);
    for (const secret of [s.deviceToken, s.sessionToken, 'qiantai123', code, code.replace(/-/g, '')])
      expect(all).not.toContain(secret);
  });
});
