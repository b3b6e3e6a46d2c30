import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markBlobUploaded, noteLocalBlob } from '../../db/blobs.js';
import { blobCounts, localBlob } from '../../db/queries/blobs.js';
import { tempDatabase, type TempDatabase } from '../../db/testing/temp-db.js';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol.js';
import { AttachmentSync, removeUnneededAttachments } from './attachment-sync.js';
import { LocalBlobStore } from './attachments.js';
import { SyncError } from './errors.js';

/**
 * One file's failure never stops the others nor fails the round, except what is the round's own
 * (an expired session); an unreachable server ends the phase. A fake server answers by hash;
 * the real transfers against the real server are integration/sync/attachments.test.ts.
 */
let t: TempDatabase;
let store: LocalBlobStore;
const auth = { serverUrl: 'http://group.example', deviceToken: 'd', sessionToken: 's' };
const versions = { protocol: PROTOCOL_VERSION, schemaVersion: 5, appVersion: 'test' };

type Behaviour = 'has' | 'lacks' | 'offline' | 'expired' | 'broken';
let behaviour: Map<string, Behaviour>;
let asked: string[];

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const fakeFetch: typeof fetch = async (input) => {
  const url = new URL(String(input));
  const hash = url.pathname.split('/')[3] ?? '';
  asked.push(hash);
  switch (behaviour.get(hash) ?? 'has') {
    case 'offline':
      throw new TypeError('fetch failed');
    case 'expired':
      return json(401, { error: { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' } });
    case 'broken':
      return json(400, { error: { code: 'BAD_REQUEST', message: '同步请求格式不正确' } });
    case 'has':
      return json(200, { hash, size: 1000, received: 1000, complete: true });
    case 'lacks':
      return json(200, { hash, size: 1000, received: 0, complete: false });
  }
};

beforeEach(() => {
  t = tempDatabase();
  store = new LocalBlobStore(join(t.dir, 'attachments'));
  behaviour = new Map();
  asked = [];
  owner = undefined;
});
afterEach(() => t.dispose());

let owner: string | undefined;

/** A customer of the test, made once. */
function customer(): string {
  owner ??= t.writer.transaction(
    (tx) =>
      tx.create('customer', { projectId: null, kind: 'person', name: '张三', idType: 'resident', idNumber: '', mergedInto: null })
        .id,
  );
  return owner;
}

/** A 证件 record of the customer naming `hash`. */
function document(hash: string, mime = 'image/jpeg'): string {
  return t.writer.transaction(
    (tx) =>
      tx.create('customerDocument', {
        projectId: null,
        customerId: customer(),
        hash,
        mime,
        size: 1000,
        kind: 'idFront',
        takenAt: null,
      }).id,
  );
}

/** A file kept here with its row, and no record naming it yet. */
async function keptFile(at: string): Promise<string> {
  const bytes = randomBytes(1000);
  const hash = await store.put(bytes, 'image/jpeg');
  noteLocalBlob(t.db, { hash, size: bytes.length, mime: 'image/jpeg' }, at);
  return hash;
}

/** A scan kept here and named by a document of the customer's, as customer.addDocument leaves it. */
async function kept(at: string): Promise<string> {
  const hash = await keptFile(at);
  document(hash);
  return hash;
}

const sync = () => new AttachmentSync({ db: t.db, store, versions, fetch: fakeFetch });

describe('the attachment phases', () => {
  it('goes on past a damaged file and a refused one, and notes each on its row', async () => {
    const damaged = await kept('2026-03-01T08:00:00.000Z');
    const refused = await kept('2026-03-01T08:00:01.000Z');
    const fine = await kept('2026-03-01T08:00:02.000Z');
    writeFileSync(store.path(damaged), randomBytes(1000));
    behaviour.set(damaged, 'lacks');
    behaviour.set(refused, 'broken');

    const result = await sync().upload(auth);
    expect(result).toMatchObject({ done: 1, interrupted: false });
    expect(result.failures.map((f) => [f.hash, f.code])).toEqual([
      [damaged, 'CORRUPT'],
      [refused, 'BAD_REQUEST'],
    ]);
    // The damaged file is announced but never sent, and is fetched again while a record names it.
    expect(asked.filter((h) => h === damaged)).toHaveLength(1);
    expect(localBlob(t.db, damaged)).toMatchObject({ present: false });
    expect(localBlob(t.db, refused)).toMatchObject({ uploadedAt: null, lastError: '同步请求格式不正确' });
    expect(localBlob(t.db, fine)?.uploadedAt).not.toBeNull();
    expect(blobCounts(t.db)).toEqual({ uploads: 1, downloads: 1 });
  });

  it('stops at an unreachable server, leaving the rest for the next round', async () => {
    const first = await kept('2026-03-01T08:00:00.000Z');
    const second = await kept('2026-03-01T08:00:01.000Z');
    behaviour.set(first, 'offline');
    const result = await sync().upload(auth);
    expect(result).toMatchObject({ done: 0, interrupted: true, failures: [{ hash: first, code: 'OFFLINE' }] });
    expect(asked).not.toContain(second);
    behaviour.clear();
    expect(await sync().upload(auth)).toMatchObject({ done: 2, failures: [] });
  });

  it('throws what is the round’s own: an expired session', async () => {
    const hash = await kept('2026-03-01T08:00:00.000Z');
    behaviour.set(hash, 'expired');
    await expect(sync().upload(auth)).rejects.toBeInstanceOf(SyncError);
    await expect(sync().upload(auth)).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  it('treats a file the server does not have yet as waiting, not failed', async () => {
    const hash = createHash('sha256').update(randomBytes(8)).digest('hex');
    document(hash, 'image/png');
    const notFound: typeof fetch = async () =>
      json(404, { error: { code: 'BLOB_NOT_FOUND', message: '附件在集团服务器上不存在' } });
    const phases = new AttachmentSync({ db: t.db, store, versions, fetch: notFound });
    expect(phases.reconcile()).toEqual({ wanted: 1, dropped: 0 });
    expect(await phases.download(auth)).toMatchObject({ done: 0, waiting: 1, failures: [], interrupted: false });
    expect(localBlob(t.db, hash)).toMatchObject({ present: false });
    expect(localBlob(t.db, hash)?.lastError).toContain('尚未上传');
  });
});

describe('files no record needs any more', () => {
  const remove = (entity: 'customerDocument' | 'inspectionTemplate', id: string) =>
    t.writer.transaction((tx) => tx.remove(entity, id));
  /** The server answered every change waiting (the deletion is pushed). */
  const pushed = () =>
    t.sqlite.prepare(`UPDATE change_log SET pushed_at = '2026-03-01T09:00:00.000Z' WHERE pushed_at IS NULL`).run();
  const here = (hash: string) => existsSync(store.path(hash));
  const sweep = () => removeUnneededAttachments(t.db, store, 0);

  it('removes a file the server has once no record names it, and keeps it while one does', async () => {
    const hash = await keptFile('2026-03-01T08:00:00.000Z');
    const doc = document(hash);
    markBlobUploaded(t.db, hash);
    expect(sweep()).toEqual([]);
    // The same content named by another entity's blob field (a template's floor plan) keeps it too.
    const template = t.writer.transaction(
      (tx) =>
        tx.create('inspectionTemplate', {
          projectId: 'p1',
          familyId: 'f1',
          name: '标准户型',
          version: 1,
          areas: '[]',
          floorPlanHash: hash,
        }).id,
    );
    remove('customerDocument', doc);
    expect(sweep()).toEqual([]);
    expect(here(hash)).toBe(true);
    remove('inspectionTemplate', template);
    // Uploaded: it may go at once, its deletion pushed or not (a record brought back fetches it again).
    expect(sweep()).toEqual([hash]);
    expect(here(hash)).toBe(false);
    expect(localBlob(t.db, hash)).toBeUndefined();
  });

  it('keeps a file that never reached anyone until the deletion of its record is pushed, or while a 冲突 names it', async () => {
    const first = await keptFile('2026-03-01T08:00:00.000Z');
    const second = await keptFile('2026-03-01T08:00:01.000Z');
    const docs = [document(first), document(second)];
    for (const id of docs) remove('customerDocument', id);
    // Added and removed offline: the deletion could still be refused and the record come back.
    expect(sweep()).toEqual([]);
    pushed();
    // A refused attempt that named the second one is kept as a 冲突: a retry would need the file.
    t.sqlite
      .prepare(
        `INSERT INTO sync_conflicts (id, tx_id, code, message, changes, created_at, status) VALUES ('c1', 'tx1', 'FORBIDDEN', '', ?, ?, 'open')`,
      )
      .run(
        JSON.stringify([
          {
            entity: 'customerDocument',
            entityId: 'd',
            projectId: null,
            op: 'create',
            changes: { hash: { old: null, new: second } },
          },
        ]),
        '2026-03-01T09:00:00.000Z',
      );
    expect(sweep()).toEqual([first]);
    expect([here(first), here(second)]).toEqual([false, true]);
    t.sqlite.prepare(`UPDATE sync_conflicts SET status = 'discarded'`).run();
    expect(sweep()).toEqual([second]);
    expect(blobCounts(t.db)).toEqual({ uploads: 0, downloads: 0 });
  });

  it('leaves a file just kept again by a put (a record naming it is being written)', async () => {
    const hash = await keptFile('2026-03-01T08:00:00.000Z');
    remove('customerDocument', document(hash));
    markBlobUploaded(t.db, hash);
    const old = new Date(Date.now() - 3600_000);
    utimesSync(store.path(hash), old, old);
    // The same scan added again: the put finds the content here and keeps it fresh.
    await store.put(readFileBytes(hash), 'image/jpeg');
    expect(removeUnneededAttachments(t.db, store, 60_000)).toEqual([]);
    expect(here(hash)).toBe(true);
    utimesSync(store.path(hash), old, old);
    expect(removeUnneededAttachments(t.db, store, 60_000)).toEqual([hash]);
  });
});

describe('the time for attachments in a round', () => {
  it('leaves the files the phase had no time for to the next round, and goes on from there', async () => {
    const hashes: string[] = [];
    for (let i = 0; i < 5; i++) hashes.push(await kept(`2026-03-01T08:00:0${i}.000Z`));
    const slow: typeof fetch = async (input, init) => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      return fakeFetch(input, init);
    };
    const phases = new AttachmentSync({ db: t.db, store, versions, fetch: slow, budgetMs: 100 });
    const first = await phases.upload(auth);
    expect(first.done).toBeGreaterThanOrEqual(1);
    expect(first.done).toBeLessThan(5);
    expect(first).toMatchObject({ deferred: 5 - first.done, failures: [], interrupted: false });
    expect(blobCounts(t.db).uploads).toBe(5 - first.done);
    // Oldest first: the ones sent are the first ones.
    expect(hashes.slice(0, first.done).every((h) => localBlob(t.db, h)?.uploadedAt)).toBe(true);
    let rounds = 1;
    while (blobCounts(t.db).uploads > 0 && rounds < 10) {
      await phases.upload(auth);
      rounds++;
    }
    expect(blobCounts(t.db).uploads).toBe(0);
  });
});

function readFileBytes(hash: string): Buffer {
  return readFileSync(store.path(hash));
}
