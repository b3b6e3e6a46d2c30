import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noteLocalBlob } from '../../db/blobs.js';
import { blobCounts, localBlob } from '../../db/queries/blobs.js';
import { tempDatabase, type TempDatabase } from '../../db/testing/temp-db.js';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol.js';
import { AttachmentSync } from './attachment-sync.js';
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
});
afterEach(() => t.dispose());

async function kept(at: string): Promise<string> {
  const bytes = randomBytes(1000);
  const hash = await store.put(bytes, 'image/jpeg');
  noteLocalBlob(t.db, { hash, size: bytes.length, mime: 'image/jpeg' }, at);
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
    const owner = t.writer.transaction(
      (tx) =>
        tx.create('customer', {
          projectId: null,
          kind: 'person',
          name: '张三',
          idType: 'resident',
          idNumber: '',
          mergedInto: null,
        }).id,
    );
    const hash = createHash('sha256').update(randomBytes(8)).digest('hex');
    t.writer.transaction((tx) =>
      tx.create('customerDocument', {
        projectId: null,
        customerId: owner,
        hash,
        mime: 'image/png',
        size: 8,
        kind: 'other',
        takenAt: null,
      }),
    );
    const notFound: typeof fetch = async () =>
      json(404, { error: { code: 'BLOB_NOT_FOUND', message: '附件在集团服务器上不存在' } });
    const phases = new AttachmentSync({ db: t.db, store, versions, fetch: notFound });
    expect(phases.reconcile()).toEqual({ wanted: 1, dropped: 0 });
    expect(await phases.download(auth)).toMatchObject({ done: 0, waiting: 1, failures: [], interrupted: false });
    expect(localBlob(t.db, hash)).toMatchObject({ present: false });
    expect(localBlob(t.db, hash)?.lastError).toContain('尚未上传');
  });
});
