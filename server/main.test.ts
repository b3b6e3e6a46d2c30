import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type SyncSession } from '../shared/sync/protocol.js';
import { createDeviceCode } from './accounts/devices.js';
import { configFromEnv, DEFAULT_PORT, lockDataDir, openConfiguredDb, runServer } from './main.js';
import { createTestPg, type TestPg } from './testing/pg.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const versions = { protocol: PROTOCOL_VERSION, schemaVersion: 1, appVersion: 'test' };
const dirs: string[] = [];
let pg: TestPg;

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitedesk-server-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  pg = await createTestPg();
});

afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await pg?.drop();
});

async function postJson<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Runs the CLI as `npm run server` would (tsx server/cli.ts …). */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('configuration', () => {
  it('defaults to PGlite in .sitedesk-server/ of the working folder on 127.0.0.1:5190', () => {
    expect(configFromEnv({}, '/srv/x')).toEqual({
      databaseUrl: undefined,
      dataDir: '/srv/x/.sitedesk-server',
      host: '127.0.0.1',
      port: DEFAULT_PORT,
      trustProxy: false,
      logLevel: 'info',
    });
    expect(DEFAULT_PORT).toBe(5190);
    const env = {
      DATABASE_URL: 'postgresql://u:p@db/x',
      SITEDESK_SERVER_DATA: 'data',
      HOST: '0.0.0.0',
      PORT: '8080',
      TRUST_PROXY: '1',
    };
    expect(configFromEnv(env, '/srv/x')).toMatchObject({
      databaseUrl: 'postgresql://u:p@db/x',
      dataDir: '/srv/x/data',
      host: '0.0.0.0',
      port: 8080,
      trustProxy: true,
    });
    expect(() => configFromEnv({ PORT: 'http' })).toThrow(/PORT/);
  });
});

/** One PGlite folder for the file: making a fresh one costs seconds (initdb and migrations). */
let pgliteDir: string;

describe('embedded PGlite', () => {
  it('opens in a fresh data folder, keeps its data across a reopen, and admits one process at a time', async () => {
    pgliteDir = join(tempDir(), 'server-data');
    const first = await openConfiguredDb({ dataDir: pgliteDir });
    expect(first.engine).toBe('pglite');
    expect(existsSync(join(pgliteDir, 'server.lock'))).toBe(true);
    await expect(openConfiguredDb({ dataDir: pgliteDir })).rejects.toThrow(/已由本进程打开/);
    const { code } = await createDeviceCode(first.db, { createdBy: 'test' });
    await first.close();
    expect(existsSync(join(pgliteDir, 'server.lock'))).toBe(false);

    const again = await openConfiguredDb({ dataDir: pgliteDir });
    try {
      const rows = await again.db.query.deviceCodes.findMany();
      expect(rows.map((r) => r.createdBy)).toEqual(['test']);
      expect(code).toMatch(/^[A-Z2-9-]{14}$/);
    } finally {
      await again.close();
    }
  }, 60_000);

  it('locks the folder with the owner pid and takes over a lock left by a process that died', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'server.lock'), '999999999');
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'server.lock'), 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(/已由本进程打开/);
    release();
    expect(existsSync(join(dir, 'server.lock'))).toBe(false);
    // A lock left under this very pid by an earlier run (a restarted container) is stale.
    writeFileSync(join(dir, 'server.lock'), String(process.pid));
    lockDataDir(dir)();
    // A live process's lock is respected (the parent stands in for another server).
    writeFileSync(join(dir, 'server.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(`pid ${process.ppid}`);
  });
});

describe('the running server', () => {
  it('listens on a real port with PostgreSQL behind it, and closes gracefully', async () => {
    const server = await runServer({ ...configFromEnv({ DATABASE_URL: pg.url, PORT: '0' }) }, { logger: false });
    try {
      expect(server.db.engine).toBe('postgresql');
      expect(server.db.where).not.toContain('sitedesk@');
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      expect(health.headers.get('x-sitedesk-protocol')).toBe(String(PROTOCOL_VERSION));
      expect(await (await fetch(`${server.url}/ready`)).json()).toEqual({ status: 'ok' });
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it('runs on a fresh machine: seed-demo through the CLI, then register and sign in over HTTP; SIGTERM stops it cleanly', async () => {
    // The folder of the PGlite test above: seeded here by the CLI, then served by another process.
    const dataDir = pgliteDir;
    const seeded = await cli(['admin', 'seed-demo'], { SITEDESK_SERVER_DATA: dataDir });
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    const code = /设备登记码: ([A-Z2-9-]{14})/.exec(seeded.stdout)?.[1];
    expect(code).toBeTruthy();

    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', SITEDESK_SERVER_DATA: dataDir, PORT: '0', LOG_LEVEL: 'info' },
    });
    let out = '';
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
        if (m) done(m[1]!);
      });
      child.on('close', (c) => fail(new Error(`server exited ${c}: ${out}`)));
    });
    const exited = new Promise<number | null>((done) => child.on('close', done));
    try {
      const reg = await postJson<{ deviceToken: string }>(`${url}/v1/devices/register`, {
        code,
        deviceId: 'fresh-pc',
        name: '新电脑',
        versions,
      });
      expect(reg.status).toBe(200);
      const login = await postJson<{ session: SyncSession }>(
        `${url}/v1/auth/login`,
        { account: 'admin', password: 'admin123', versions },
        { authorization: `Device ${reg.body.deviceToken}` },
      );
      expect(login.status).toBe(200);
      expect(login.body.session).toMatchObject({ account: 'admin', isAdmin: true, employeeName: '系统管理员' });
      expect(login.body.session.projectIds).toHaveLength(2);
      // Admin commands are kept out while the server holds the PGlite folder.
      const busy = await cli(['admin', 'list-devices'], { SITEDESK_SERVER_DATA: dataDir });
      expect(busy.code).not.toBe(0);
      expect(busy.stderr).toMatch(/正由另一个集团服务器进程/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toMatch(/"msg":"shutting down"/);
    expect(out).not.toContain('admin123');
    expect(existsSync(join(dataDir, 'server.lock'))).toBe(false);
  }, 60_000);
});
