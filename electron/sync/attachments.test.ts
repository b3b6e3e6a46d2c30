import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { BLOB_CHUNK_BYTES, PROTOCOL_VERSION } from '../../shared/sync/protocol.js';
import { BlobTransfer, LocalAttachmentError, LocalBlobStore } from './attachments.js';
import { SyncError } from './errors.js';
import { HttpSyncTransport, sessionHeaders, type SessionAuth } from './transport.js';

/**
 * Attachments between devices and a real group server: `npm run server` (server/cli.ts) in a
 * child process on a fresh PostgreSQL database, listening on 127.0.0.1 on a free port, and real
 * files in a temporary folder. (The server is run, not imported: electron/ may not import server/.)
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN_URL = process.env.SITEDESK_TEST_PG ?? 'postgresql://postgres:sitedesk@127.0.0.1:5432/postgres';
const versions = { protocol: PROTOCOL_VERSION, schemaVersion: 3, appVersion: '0.1.0' };

let dbName: string;
let databaseUrl: string;
let server: ChildProcess | undefined;
let serverUrl: string;
let work: string;
let deviceA: SessionAuth;
let deviceB: SessionAuth;

async function adminSql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function serverCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function admin(args: string[]): Promise<string> {
  const child = serverCli(['admin', ...args]);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`admin ${args.join(' ')} failed (${code}): ${err}`);
  return out;
}

async function startServer(): Promise<string> {
  server = serverCli([], { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' });
  return new Promise<string>((resolve, reject) => {
    let buffered = '';
    let err = '';
    server!.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
    server!.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
    server!.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString('utf8');
      for (const line of buffered.split('\n')) {
        try {
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          if (entry.msg === 'group server listening' && entry.url) resolve(entry.url);
        } catch {
          // a partial line
        }
      }
    });
  });
}

async function signIn(transport: HttpSyncTransport, code: string, name: string): Promise<SessionAuth> {
  const { deviceToken } = await transport.register(serverUrl, { code, deviceId: uuidv7(), name, versions });
  const { sessionToken } = await transport.login(
    { serverUrl, deviceToken },
    { account: 'qiantai', password: 'qiantai123', versions },
  );
  return { serverUrl, deviceToken, sessionToken };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sitedesk-attachments-'));
  dbName = `sitedesk_test_${randomBytes(6).toString('hex')}`;
  await adminSql(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
  const seeded = await admin(['seed-demo']);
  const codeA = /设备登记码: (\S+?)（/.exec(seeded)?.[1];
  const [codeOut, url0] = await Promise.all([admin(['device-code']), startServer()]);
  const codeB = codeOut.split('\n')[0]?.trim();
  if (!codeA || !codeB) throw new Error(`no device codes in: ${seeded} / ${codeOut}`);
  serverUrl = url0;
  const transport = new HttpSyncTransport();
  deviceA = await signIn(transport, codeA, '验房平板 A');
  deviceB = await signIn(transport, codeB, '前台电脑 B');
}, 90_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.removeAllListeners('exit');
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  if (dbName) await adminSql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  if (work) await rm(work, { recursive: true, force: true });
}, 30_000);

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Sent {
  method: string;
  path: string;
  offset: number | null;
}

/**
 * The real fetch, noting each request; `cut` decides per request whether the line drops
 * before it is sent ('before'), after its answer came back ('after'), or not at all; `alter`
 * may change a chunk on the way up or an answer on the way down.
 */
function wire(
  options: {
    cut?: (sent: Sent, index: number) => 'before' | 'after' | undefined;
    alterUp?: (sent: Sent, body: Uint8Array) => Uint8Array;
    alterDown?: (sent: Sent, body: Buffer) => Buffer;
  } = {},
) {
  const log: Sent[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const offset = url.searchParams.get('offset');
    const sent: Sent = { method: init?.method ?? 'GET', path: url.pathname, offset: offset === null ? null : Number(offset) };
    const index = log.filter((s) => s.method === sent.method && s.path === sent.path).length;
    const cut = options.cut?.(sent, index);
    if (cut === 'before') throw new TypeError('fetch failed');
    let body = init?.body;
    if (options.alterUp && body instanceof Uint8Array) body = options.alterUp(sent, body);
    log.push(sent);
    const response = await fetch(input, { ...init, body });
    if (cut === 'after') throw new TypeError('fetch failed');
    if (!options.alterDown || response.status !== 200) return response;
    const bytes = options.alterDown(sent, Buffer.from(await response.arrayBuffer()));
    return new Response(bytes, { status: response.status, headers: response.headers });
  };
  return { fetch: fetchFn, log, puts: () => log.filter((s) => s.method === 'PUT').map((s) => s.offset) };
}

function transferFor(auth: SessionAuth, fetchFn?: typeof fetch): BlobTransfer {
  return new BlobTransfer({ serverUrl: auth.serverUrl, headers: () => sessionHeaders(auth), versions, fetch: fetchFn });
}

async function photoFile(name: string, size = 700 * 1024): Promise<{ path: string; bytes: Buffer; hash: string }> {
  const bytes = randomBytes(size);
  const path = join(work, name);
  await writeFile(path, bytes);
  return { path, bytes, hash: sha(bytes) };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

const C = BLOB_CHUNK_BYTES;

describe('BlobTransfer against the group server', () => {
  it('uploads a 700 KB photo in chunks read from the file', async () => {
    const photo = await photoFile('defect-1.jpg');
    const w = wire();
    const status = await transferFor(deviceA, w.fetch).upload(photo.hash, photo.path, 'image/jpeg');
    expect(status).toEqual({ hash: photo.hash, size: photo.bytes.length, received: photo.bytes.length, complete: true });
    expect(w.puts()).toEqual([0, C, 2 * C]);
    expect(await transferFor(deviceB).status(photo.hash)).toMatchObject({ complete: true });
  });

  it('goes on after a cut from what the server holds, never sending a chunk twice', async () => {
    const photo = await photoFile('defect-2.jpg');
    // The line drops before the second chunk leaves.
    const first = wire({ cut: (s, i) => (s.method === 'PUT' && i === 1 ? 'before' : undefined) });
    const cut = await failure(transferFor(deviceA, first.fetch).upload(photo.hash, photo.path, 'image/jpeg'));
    expect(cut).toBeInstanceOf(SyncError);
    expect(cut).toMatchObject({ code: 'OFFLINE' });
    expect(first.puts()).toEqual([0]);
    expect(await transferFor(deviceA).status(photo.hash)).toMatchObject({ received: C, complete: false });

    // Then it drops again after the second chunk arrived, before its answer came back.
    const second = wire({ cut: (s, i) => (s.method === 'PUT' && i === 0 ? 'after' : undefined) });
    expect(await failure(transferFor(deviceA, second.fetch).upload(photo.hash, photo.path, 'image/jpeg'))).toMatchObject({
      code: 'OFFLINE',
    });
    expect(second.puts()).toEqual([C]);

    const third = wire();
    expect(await transferFor(deviceA, third.fetch).upload(photo.hash, photo.path, 'image/jpeg')).toMatchObject({
      complete: true,
    });
    expect(third.puts()).toEqual([2 * C]);
    // Three chunks in all, each sent once.
    expect([...first.puts(), ...second.puts(), ...third.puts()]).toEqual([0, C, 2 * C]);
  });

  it('sends no chunk for a content the server already has, from whichever device', async () => {
    const photo = await photoFile('defect-3.jpg');
    await transferFor(deviceA).upload(photo.hash, photo.path, 'image/jpeg');
    const copy = join(work, 'defect-3-copy.jpg');
    await writeFile(copy, photo.bytes);
    for (const auth of [deviceA, deviceB]) {
      const w = wire();
      expect(await transferFor(auth, w.fetch).upload(photo.hash, copy, 'image/jpeg')).toMatchObject({ complete: true });
      expect(w.puts()).toEqual([]);
      expect(w.log.map((s) => s.method)).toEqual(['POST']);
    }
  });

  it('downloads on a second device resumably, into a .part file, with identical bytes', async () => {
    const photo = await photoFile('defect-4.jpg');
    await transferFor(deviceA).upload(photo.hash, photo.path, 'image/jpeg');
    const target = join(work, 'device-b', photo.hash.slice(0, 2), photo.hash);

    const first = wire({ cut: (s, i) => (s.path.endsWith('/content') && i === 1 ? 'before' : undefined) });
    expect(await failure(transferFor(deviceB, first.fetch).download(photo.hash, target))).toMatchObject({ code: 'OFFLINE' });
    expect(existsSync(target)).toBe(false);
    expect((await stat(`${target}.part`)).size).toBe(C);

    const second = wire();
    await transferFor(deviceB, second.fetch).download(photo.hash, target);
    expect(second.log.map((s) => s.offset)).toEqual([C, 2 * C]);
    expect((await readFile(target)).equals(photo.bytes)).toBe(true);
    expect(existsSync(`${target}.part`)).toBe(false);

    // Already there and right: nothing is fetched.
    const third = wire();
    await transferFor(deviceB, third.fetch).download(photo.hash, target);
    expect(third.log).toEqual([]);
  });

  it('refuses a chunk damaged on the way (422) and does not mark the attachment complete', async () => {
    const photo = await photoFile('signature-1.png', 600 * 1024);
    const damaged = wire({
      alterUp: (s, body) => {
        if (s.offset !== 2 * C) return body;
        const copy = Buffer.from(body);
        copy[100] = copy[100]! ^ 0x01;
        return copy;
      },
    });
    const refused = await failure(transferFor(deviceA, damaged.fetch).upload(photo.hash, photo.path, 'image/png'));
    expect(refused).toBeInstanceOf(SyncError);
    expect(refused).toMatchObject({ code: 'BLOB_HASH_MISMATCH', status: 422, retryable: true });
    expect(await transferFor(deviceB).status(photo.hash)).toEqual({
      hash: photo.hash,
      size: photo.bytes.length,
      received: 0,
      complete: false,
    });
    const target = join(work, 'device-b', 'signature-1.png');
    expect(await failure(transferFor(deviceB).download(photo.hash, target))).toMatchObject({
      code: 'BLOB_NOT_FOUND',
      status: 404,
    });
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.part`)).toBe(false);

    // Sent again cleanly, it is whole.
    const clean = wire();
    expect(await transferFor(deviceA, clean.fetch).upload(photo.hash, photo.path, 'image/png')).toMatchObject({ complete: true });
    expect(clean.puts()).toEqual([0, C, 2 * C]);
  });

  it('never sends a local file that does not match its hash', async () => {
    const photo = await photoFile('defect-5.jpg', 1000);
    const wrongHash = sha(randomBytes(1000));
    const w = wire();
    const error = await failure(transferFor(deviceA, w.fetch).upload(wrongHash, photo.path, 'image/jpeg'));
    expect(error).toBeInstanceOf(LocalAttachmentError);
    expect(error).toMatchObject({ code: 'CORRUPT' });
    expect(w.puts()).toEqual([]);
  });

  it('never leaves a wrong file under the target name', async () => {
    const photo = await photoFile('defect-6.jpg');
    await transferFor(deviceA).upload(photo.hash, photo.path, 'image/jpeg');
    const target = join(work, 'device-b', 'defect-6.jpg');
    const garbled = wire({
      alterDown: (s, body) => {
        if (s.offset !== C) return body;
        body[0] = body[0]! ^ 0xff;
        return body;
      },
    });
    expect(await failure(transferFor(deviceB, garbled.fetch).download(photo.hash, target))).toMatchObject({
      code: 'BLOB_HASH_MISMATCH',
    });
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.part`)).toBe(false);

    // A wrong file already at the target, and a stale part longer than the attachment, are replaced.
    await writeFile(target, 'not the photo');
    await writeFile(`${target}.part`, randomBytes(photo.bytes.length + 10));
    await transferFor(deviceB).download(photo.hash, target);
    expect((await readFile(target)).equals(photo.bytes)).toBe(true);
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it('refuses requests without a device token or a live session', async () => {
    const photo = await photoFile('defect-7.jpg', 2000);
    await transferFor(deviceA).upload(photo.hash, photo.path, 'image/jpeg');
    const target = join(work, 'stranger', 'defect-7.jpg');
    const nobody = new BlobTransfer({ serverUrl, headers: () => ({}), versions });
    const stale = transferFor({ ...deviceB, sessionToken: 'expired-session-token' });
    for (const [transfer, code] of [
      [nobody, 'DEVICE_UNKNOWN'],
      [stale, 'SESSION_EXPIRED'],
    ] as const) {
      expect(await failure(transfer.status(photo.hash))).toMatchObject({ code, status: 401 });
      expect(await failure(transfer.upload(photo.hash, photo.path, 'image/jpeg'))).toMatchObject({ code, status: 401 });
      expect(await failure(transfer.download(photo.hash, target))).toMatchObject({ code, status: 401 });
      expect(existsSync(target)).toBe(false);
    }
  });

  it('reports a server it cannot reach as OFFLINE', async () => {
    const photo = await photoFile('defect-8.jpg', 2000);
    const away = new BlobTransfer({ serverUrl: 'http://127.0.0.1:9', headers: () => sessionHeaders(deviceA), versions });
    expect(await failure(away.upload(photo.hash, photo.path, 'image/jpeg'))).toMatchObject({
      code: 'OFFLINE',
      reachedServer: false,
    });
  });
});

describe('LocalBlobStore', () => {
  it('keeps each content once, under dir/<aa>/<hash>, from bytes or from a file', async () => {
    const store = new LocalBlobStore(join(work, 'store-1'));
    const bytes = randomBytes(300 * 1024);
    const hash = await store.put(bytes, 'image/jpeg');
    expect(hash).toBe(sha(bytes));
    expect(store.path(hash)).toBe(join(work, 'store-1', hash.slice(0, 2), hash));
    expect(await store.has(hash)).toBe(true);
    expect((await readFile(store.path(hash))).equals(bytes)).toBe(true);
    const before = await stat(store.path(hash));

    expect(await store.put(bytes, 'image/jpeg')).toBe(hash);
    const source = join(work, 'scan.png');
    await writeFile(source, bytes);
    expect(await store.put(source, 'image/png')).toBe(hash);
    const after = await stat(store.path(hash));
    // Not written again: the same file, only marked as just kept (a removal running now leaves it).
    expect(after.ino).toBe(before.ino);
    expect(after.size).toBe(before.size);
    expect(after.mtimeMs).toBeGreaterThanOrEqual(before.mtimeMs);
    expect(await readdir(join(work, 'store-1', hash.slice(0, 2)))).toEqual([hash]);
    expect(await readdir(join(work, 'store-1', '.tmp'))).toEqual([]);

    const other = randomBytes(5000);
    const otherPath = join(work, 'other.jpg');
    await writeFile(otherPath, other);
    const otherHash = await store.put(otherPath, 'image/jpeg');
    expect(otherHash).toBe(sha(other));
    expect((await readFile(store.path(otherHash))).equals(other)).toBe(true);
    expect(await store.has(sha(randomBytes(10)))).toBe(false);
  });

  it('refuses what the server would refuse, and hashes that are not sha256', async () => {
    const store = new LocalBlobStore(join(work, 'store-2'));
    await expect(store.put(Buffer.alloc(0), 'image/jpeg')).rejects.toMatchObject({ code: 'EMPTY' });
    await expect(store.put(randomBytes(10), '')).rejects.toMatchObject({ code: 'BAD_MIME' });
    const empty = join(work, 'empty.jpg');
    await writeFile(empty, '');
    await expect(store.put(empty, 'image/jpeg')).rejects.toMatchObject({ code: 'EMPTY' });
    expect(() => store.path('../../etc/passwd')).toThrow(LocalAttachmentError);
    expect(existsSync(join(work, 'store-2', '.tmp')) ? await readdir(join(work, 'store-2', '.tmp')) : []).toEqual([]);
  });

  it('leaves no partial file under the final name when the process dies mid-write', async () => {
    const dir = join(work, 'store-3');
    const fifo = join(work, 'camera.fifo');
    execFileSync('mkfifo', [fifo]);
    const moduleUrl = pathToFileURL(join(ROOT, 'electron/sync/attachments.ts')).href;
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { LocalBlobStore } from ${JSON.stringify(moduleUrl)};
         await new LocalBlobStore(${JSON.stringify(dir)}).put(${JSON.stringify(fifo)}, 'image/jpeg');
         console.log('finished');`,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

    const photo = randomBytes(400 * 1024);
    const writer = await open(fifo, 'w');
    await writer.write(photo.subarray(0, 300 * 1024));
    // Wait until the child has written a good part of it to its temporary file, then kill it.
    const tmp = join(dir, '.tmp');
    const deadline = Date.now() + 20_000;
    for (;;) {
      const names = existsSync(tmp) ? await readdir(tmp) : [];
      const written = names[0] ? (await stat(join(tmp, names[0]))).size : 0;
      if (written >= 200 * 1024) break;
      if (Date.now() > deadline) throw new Error('the child never wrote');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await writer.close().catch(() => undefined);
    expect(out).not.toContain('finished');

    // Nothing but the temporary file: no name of any hash, whole or partial.
    expect((await readdir(dir)).filter((n) => n !== '.tmp')).toEqual([]);
    const store = new LocalBlobStore(dir);
    expect(await store.has(sha(photo))).toBe(false);
    expect(await store.has(sha(photo.subarray(0, 300 * 1024)))).toBe(false);
    expect(await readdir(tmp)).toHaveLength(1);
    // Swept at the next start, and the photo kept whole on the next try.
    expect(await store.sweep(0)).toBe(1);
    expect(await readdir(tmp)).toEqual([]);
    const hash = await store.put(photo, 'image/jpeg');
    expect((await readFile(store.path(hash))).equals(photo)).toBe(true);
  }, 40_000);
});
