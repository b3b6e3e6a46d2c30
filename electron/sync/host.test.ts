import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tempHost, type TempHost } from '../testing/temp-host.js';

/** The sync host: off until a server URL is set, then a worker thread on its own connection. */
let h: TempHost | undefined;
afterEach(async () => {
  await h?.shutdown();
  h = undefined;
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the sync host', () => {
  it('starts no worker while no server URL is configured', async () => {
    h = tempHost();
    expect(h.host.sync?.running).toBe(false);
    const status = await h.call('sync.status', {});
    expect(status).toMatchObject({ configured: false, online: false, lastError: null });
  });

  it('starts the worker once configured; the worker opens the encrypted database and reports in Chinese', async () => {
    h = tempHost({ sync: { mode: 'worker' } });
    const port = await closedPort();
    const configured = await h.call('sync.configure', { serverUrl: `http://127.0.0.1:${port}/` });
    expect(configured).toMatchObject({ configured: true, serverUrl: `http://127.0.0.1:${port}`, registered: false });
    expect(h.host.sync?.running).toBe(true);
    // Not registered yet: the worker's round says so and waits for the user.
    const waiting = await until(
      () => h!.call('sync.status', {}),
      (s) => s.lastErrorCode === 'NOT_REGISTERED',
    );
    expect(waiting).toMatchObject({ online: false, lastError: '本设备尚未在集团服务器登记，请向管理员索取登记码' });
    // Registering goes over HTTP from the worker: nothing listens, so the device is offline.
    const offline = await h.failure('sync.register', { code: 'ABCDEF12', deviceName: '前台1号机' });
    expect(offline.code).toBe('SYNC_OFFLINE');
    expect(offline.message).toMatch(/无法连接集团服务器/);
    // Writes on the host go on while the worker holds its own connection.
    await h.call('dict.create', { typeCode: 'customerSource', name: '电话来访' });
    expect((await h.call('sync.status', {})).pendingChanges).toBe(1);
  });

  it('starts on its own at start-up when a server URL was configured before', async () => {
    h = tempHost({ serverUrl: `http://127.0.0.1:${await closedPort()}`, sync: { mode: 'worker' } });
    expect(h.host.sync?.running).toBe(true);
    expect((await h.call('sync.status', {})).configured).toBe(true);
  });

  it('can be switched off for a host', async () => {
    h = tempHost({ sync: false, serverUrl: 'http://127.0.0.1:1' });
    expect(h.host.sync).toBeUndefined();
    expect((await h.failure('sync.now', {})).code).toBe('SYNC_DISABLED');
  });
});
