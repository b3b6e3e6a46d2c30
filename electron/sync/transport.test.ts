import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol.js';
import { SyncError } from './errors.js';
import { HttpSyncTransport, SYNC_PATHS } from './transport.js';

/** The HTTP transport's mapping of answers to SyncErrors, against canned HTTP answers on loopback. */
const versions = { protocol: PROTOCOL_VERSION, schemaVersion: 4, appVersion: 'test' };
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

async function serve(answer: (seen: Seen, res: ServerResponse) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const s = { path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : undefined };
      seen.push(s);
      answer(s, res);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`, seen };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function failure(promise: Promise<unknown>): Promise<SyncError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SyncError);
    return error as SyncError;
  }
  throw new Error('expected a SyncError');
}

const auth = (serverUrl: string) => ({ serverUrl, deviceToken: 'dev-tok', sessionToken: 'ses-tok' });

describe('HttpSyncTransport', () => {
  it('sends the device and session tokens and the request as JSON', async () => {
    const { url, seen } = await serve((_s, res) =>
      json(res, 200, { scope: 'group', entries: [], next: 0, hasMore: false, serverHlc: '000000000000001:000000:server' }),
    );
    const page = await new HttpSyncTransport().pull(auth(url), { versions, scope: 'group', after: 0, limit: 100 });
    expect(page.hasMore).toBe(false);
    expect(seen[0]!.path).toBe(SYNC_PATHS.pull);
    expect(seen[0]!.headers.authorization).toBe('Device dev-tok');
    expect(seen[0]!.headers['x-sitedesk-session']).toBe('ses-tok');
    expect(seen[0]!.body).toEqual({ versions, scope: 'group', after: 0, limit: 100 });
  });

  it('maps the server’s error body to its code and Chinese message', async () => {
    const { url } = await serve((_s, res) =>
      json(res, 401, { error: { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' } }),
    );
    const error = await failure(new HttpSyncTransport().session(auth(url), versions));
    expect(error).toMatchObject({ code: 'SESSION_EXPIRED', status: 401, message: '登录已过期，请重新登录', retryable: false });
  });

  it('maps a revoked device and an old client', async () => {
    const { url } = await serve((s, res) =>
      s.path === SYNC_PATHS.push
        ? json(res, 403, { error: { code: 'DEVICE_REVOKED', message: '' } })
        : json(res, 426, { error: { code: 'CLIENT_TOO_OLD', message: '客户端版本过旧' }, versions }),
    );
    const transport = new HttpSyncTransport();
    expect((await failure(transport.push(auth(url), { versions, changes: [] }))).code).toBe('DEVICE_REVOKED');
    const old = await failure(transport.session(auth(url), versions));
    expect(old).toMatchObject({ code: 'CLIENT_TOO_OLD', message: '客户端版本过旧' });
  });

  it('treats a bare 5xx as unavailable and retryable, and a non-JSON success as a bad response', async () => {
    const { url } = await serve((s, res) => {
      if (s.path === SYNC_PATHS.session) {
        res.writeHead(502);
        res.end('Bad Gateway');
      } else {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>');
      }
    });
    const transport = new HttpSyncTransport();
    expect(await failure(transport.session(auth(url), versions))).toMatchObject({ code: 'UNAVAILABLE', retryable: true, reachedServer: false });
    expect((await failure(transport.push(auth(url), { versions, changes: [] }))).code).toBe('BAD_RESPONSE');
  });

  it('is OFFLINE when nothing listens, and TIMEOUT when the server does not answer in time', async () => {
    const { url: silent } = await serve(() => undefined);
    const timeout = await failure(new HttpSyncTransport({ timeoutMs: 100 }).session(auth(silent), versions));
    expect(timeout).toMatchObject({ code: 'TIMEOUT', retryable: true, reachedServer: false });
    server!.closeAllConnections();
    const closed = silent.replace(/:\d+\//, ':1/');
    expect(await failure(new HttpSyncTransport().session(auth(closed), versions))).toMatchObject({ code: 'OFFLINE', retryable: true });
  });

  it('reads the device token of a registration', async () => {
    const { url, seen } = await serve((_s, res) => json(res, 200, { deviceToken: 'new-device-token' }));
    const result = await new HttpSyncTransport().register(url, { code: 'ABC123', deviceId: 'd1', name: '前台1号机', versions });
    expect(result).toEqual({ deviceToken: 'new-device-token' });
    expect(seen[0]!.path).toBe(SYNC_PATHS.register);
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });
});
