import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../shared/ids/uuidv7.js';
import {
  BLOB_CHUNK_BYTES,
  PROTOCOL_VERSION,
  SYNC_ERROR_MESSAGES,
  type BlobStatus,
  type SyncErrorBody,
  type SyncErrorCode,
} from '../shared/sync/protocol.js';
import { createDeviceCode } from './accounts/devices.js';
import { createEmployee, type EmployeeContext } from './accounts/employees.js';
import { buildServer, SERVER_VERSIONS, type BlobErrorBody } from './app.js';
import { openServerDb, type OpenedServerDb } from './db/open.js';
import { SyncStore } from './sync/store.js';
import { createTestPg, type TestPg } from './testing/pg.js';

/** The attachment routes of the HTTP API (the client's side is in electron/sync/attachments.test.ts). */
const versions = { protocol: PROTOCOL_VERSION, schemaVersion: 3, appVersion: '0.1.0' };
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const PROTO = { 'x-sitedesk-protocol': String(PROTOCOL_VERSION) };

let pg: TestPg;
let opened: OpenedServerDb;
let app: FastifyInstance;
let auth: Record<string, string>;

beforeAll(async () => {
  pg = await createTestPg();
  opened = await openServerDb({ databaseUrl: pg.url });
  const store = new SyncStore(opened.db);
  const ctx: EmployeeContext = { db: opened.db, store, passwordCost: FAST };
  app = buildServer({ db: opened.db, store });
  await createEmployee(ctx, { account: 'yanshou', name: '验房员', password: 'yanshou123' });
  const { code } = await createDeviceCode(opened.db, { createdBy: 'admin' });
  const reg = await app.inject({
    method: 'POST',
    url: '/v1/devices/register',
    payload: { code, deviceId: uuidv7(), name: '验房平板', versions },
  });
  const device = { authorization: `Device ${(reg.json() as { deviceToken: string }).deviceToken}` };
  const login = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { account: 'yanshou', password: 'yanshou123', versions },
    headers: device,
  });
  auth = { ...device, 'x-sitedesk-session': (login.json() as { sessionToken: string }).sessionToken };
});

afterAll(async () => {
  await app?.close();
  await opened?.close();
  await pg?.drop();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function call<T = unknown>(options: InjectOptions) {
  const res = await app.inject(options);
  const isJson = String(res.headers['content-type'] ?? '').startsWith('application/json');
  return { status: res.statusCode, body: (isJson ? res.json() : undefined) as T, raw: res.rawPayload, headers: res.headers };
}

const begin = (hash: string, size: number, mime = 'image/jpeg', headers = auth) =>
  call<BlobStatus>({ method: 'POST', url: `/v1/blobs/${hash}/begin`, payload: { versions, size, mime }, headers });

const put = (hash: string, offset: number | string, data: Buffer, headers: Record<string, string> = { ...auth, ...PROTO }) =>
  call<BlobStatus>({
    method: 'PUT',
    url: `/v1/blobs/${hash}/chunks?offset=${offset}`,
    payload: data,
    headers: { 'content-type': 'application/octet-stream', ...headers },
  });

const status = (hash: string, headers: Record<string, string> = { ...auth, ...PROTO }) =>
  call<BlobStatus>({ method: 'GET', url: `/v1/blobs/${hash}`, headers });

const content = (hash: string, query = '', headers: Record<string, string> = { ...auth, ...PROTO }) =>
  call({ method: 'GET', url: `/v1/blobs/${hash}/content${query}`, headers });

function expectError(answer: { status: number; body: unknown }, httpStatus: number, code: SyncErrorCode) {
  expect(answer.status).toBe(httpStatus);
  const body = answer.body as SyncErrorBody;
  expect(body.error).toEqual({ code, message: SYNC_ERROR_MESSAGES[code] });
  expect(body.versions).toEqual(SERVER_VERSIONS);
}

describe('attachment routes', () => {
  it('take a photo in chunks and serve it back with its size and type', async () => {
    const photo = randomBytes(BLOB_CHUNK_BYTES + 5000);
    const hash = sha(photo);
    expectError(await status(hash), 404, 'BLOB_NOT_FOUND');
    expect((await begin(hash, photo.length)).body).toEqual({ hash, size: photo.length, received: 0, complete: false });
    expect((await put(hash, 0, photo.subarray(0, BLOB_CHUNK_BYTES))).body).toMatchObject({ received: BLOB_CHUNK_BYTES });
    expect((await status(hash)).body).toEqual({ hash, size: photo.length, received: BLOB_CHUNK_BYTES, complete: false });
    // Not complete yet: nothing to download.
    expectError(await content(hash), 404, 'BLOB_NOT_FOUND');
    expect((await put(hash, BLOB_CHUNK_BYTES, photo.subarray(BLOB_CHUNK_BYTES))).body).toMatchObject({ complete: true });

    const whole = await content(hash, `?offset=0&length=${photo.length}`);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('application/octet-stream');
    expect(whole.headers['x-blob-size']).toBe(String(photo.length));
    expect(whole.headers['x-blob-mime']).toBe('image/jpeg');
    expect(whole.raw.equals(photo)).toBe(true);
    const middle = await content(hash, `?offset=${BLOB_CHUNK_BYTES - 10}&length=20`);
    expect(middle.raw.equals(photo.subarray(BLOB_CHUNK_BYTES - 10, BLOB_CHUNK_BYTES + 10))).toBe(true);
    // Default length is one chunk; the end is an empty answer, beyond it a wrong offset.
    expect((await content(hash)).raw.length).toBe(BLOB_CHUNK_BYTES);
    expect((await content(hash, `?offset=${photo.length}`)).raw.length).toBe(0);
    expectError(await content(hash, `?offset=${photo.length + 1}`), 409, 'BLOB_OFFSET');
    // Someone else with the same photo sends nothing.
    expect((await begin(hash, photo.length)).body).toMatchObject({ complete: true, received: photo.length });
  });

  it('answers a wrong offset with 409 and where the server stands', async () => {
    const scan = randomBytes(3000);
    const hash = sha(scan);
    await begin(hash, scan.length, 'image/png');
    await put(hash, 0, scan.subarray(0, 1000));
    const wrong = await put(hash, 2000, scan.subarray(2000));
    expectError(wrong, 409, 'BLOB_OFFSET');
    expect((wrong.body as unknown as BlobErrorBody).blob).toEqual({ hash, size: 3000, received: 1000, complete: false });
    // A chunk the server already has (its answer was lost) is acknowledged.
    expect((await put(hash, 0, scan.subarray(0, 1000))).body).toMatchObject({ received: 1000 });
    expect((await put(hash, 1000, scan.subarray(1000))).body).toMatchObject({ complete: true });
  });

  it('refuses bytes that do not match the hash with 422 and leaves the blob incomplete', async () => {
    const signature = randomBytes(BLOB_CHUNK_BYTES + 100);
    const hash = sha(signature);
    await begin(hash, signature.length, 'image/png');
    await put(hash, 0, signature.subarray(0, BLOB_CHUNK_BYTES));
    const bad = Buffer.from(signature.subarray(BLOB_CHUNK_BYTES));
    bad[0] = bad[0]! ^ 0xff;
    const refused = await put(hash, BLOB_CHUNK_BYTES, bad);
    expectError(refused, 422, 'BLOB_HASH_MISMATCH');
    expect((refused.body as unknown as BlobErrorBody).blob).toEqual({
      hash,
      size: signature.length,
      received: 0,
      complete: false,
    });
    expect((await status(hash)).body).toMatchObject({ complete: false, received: 0 });
    expectError(await content(hash), 404, 'BLOB_NOT_FOUND');
  });

  it('refuses a chunk for an upload never begun, an empty or oversized chunk, and a wrong content type', async () => {
    const hash = sha(randomBytes(10));
    expectError(await put(hash, 0, Buffer.from('x')), 404, 'BLOB_NOT_FOUND');
    const big = randomBytes(BLOB_CHUNK_BYTES + 1);
    await begin(sha(big), big.length);
    expectError(await put(sha(big), 0, big), 400, 'BAD_REQUEST');
    expectError(await put(sha(big), 0, randomBytes(BLOB_CHUNK_BYTES + 200 * 1024)), 413, 'TOO_LARGE');
    expectError(await put(sha(big), 0, Buffer.alloc(0)), 400, 'BAD_REQUEST');
    const asJson = await call({
      method: 'PUT',
      url: `/v1/blobs/${sha(big)}/chunks?offset=0`,
      payload: { data: 'x' },
      headers: { ...auth, ...PROTO },
    });
    expectError(asJson, 400, 'BAD_REQUEST');
    // Raw bodies are taken on the chunk route only.
    const elsewhere = await call({
      method: 'POST',
      url: '/v1/sync/push',
      payload: Buffer.from('{}'),
      headers: { ...auth, 'content-type': 'application/octet-stream' },
    });
    expectError(elsewhere, 415, 'BAD_REQUEST');
  });

  it('validates the hash, the offset and the begin body', async () => {
    expectError(await begin('ABC', 10), 400, 'BAD_REQUEST');
    expectError(await begin('a'.repeat(63), 10), 400, 'BAD_REQUEST');
    expectError(await status('..%2F..%2Fetc%2Fpasswd'), 400, 'BAD_REQUEST');
    expectError(await status(`${'a'.repeat(64)}%00`), 400, 'BAD_REQUEST');
    const hash = sha(Buffer.from('x'));
    expectError(await begin(hash, 0), 400, 'BAD_REQUEST');
    expectError(await begin(hash, 51 * 1024 * 1024), 400, 'BAD_REQUEST');
    expectError(await begin(hash, 1, ''), 400, 'BAD_REQUEST');
    await begin(hash, 1, 'text/plain');
    for (const offset of ['', '-1', '1e3', 'abc']) expectError(await put(hash, offset, Buffer.from('x')), 400, 'BAD_REQUEST');
    expectError(await content(hash, '?offset=-1'), 400, 'BAD_REQUEST');
    expectError(await content(hash, '?length=0'), 400, 'BAD_REQUEST');
  });

  it('needs a device token and a live session on every route', async () => {
    const photo = randomBytes(100);
    const hash = sha(photo);
    await begin(hash, photo.length);
    await put(hash, 0, photo);
    const noSession = { authorization: auth.authorization!, ...PROTO };
    const bogus = { authorization: 'Device nope', 'x-sitedesk-session': 'nope', ...PROTO };
    for (const headers of [{}, bogus, noSession]) {
      const code: SyncErrorCode = headers === noSession ? 'SESSION_EXPIRED' : 'DEVICE_UNKNOWN';
      expectError(await begin(hash, photo.length, 'image/jpeg', headers), 401, code);
      expectError(await status(hash, headers), 401, code);
      expectError(await put(hash, 0, photo, headers), 401, code);
      const denied = await content(hash, '', headers);
      expectError(denied, 401, code);
      expect(denied.raw.equals(photo)).toBe(false);
    }
  });

  it('checks the protocol of binary and GET requests in the x-sitedesk-protocol header', async () => {
    const photo = randomBytes(100);
    const hash = sha(photo);
    await begin(hash, photo.length);
    expectError(await status(hash, auth), 400, 'BAD_REQUEST');
    expectError(await put(hash, 0, photo, auth), 400, 'BAD_REQUEST');
    const newer = { ...auth, 'x-sitedesk-protocol': String(PROTOCOL_VERSION + 1) };
    expectError(await put(hash, 0, photo, newer), 409, 'SERVER_TOO_OLD');
    expectError(await content(hash, '', newer), 409, 'SERVER_TOO_OLD');
    expectError(await status(hash, { ...auth, 'x-sitedesk-protocol': '0' }), 400, 'BAD_REQUEST');
    const strict = buildServer({ db: opened.db, store: new SyncStore(opened.db), minProtocol: PROTOCOL_VERSION + 1 });
    const old = await strict.inject({ method: 'GET', url: `/v1/blobs/${hash}`, headers: { ...auth, ...PROTO } });
    expect(old.statusCode).toBe(426);
    expect((old.json() as SyncErrorBody).error.code).toBe('CLIENT_TOO_OLD');
    await strict.close();
    expect((await status(hash)).body).toMatchObject({ received: 0 });
  });
});
