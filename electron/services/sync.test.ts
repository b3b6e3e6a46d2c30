import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxBatch } from '../../db/queries/sync.js';
import { SyncApplier } from '../../db/sync-apply.js';
import { feedEntry, feedPage, stampAt } from '../../db/testing/sync.js';
import type { CallInput } from '../../shared/api/contract.js';
import { residentCheckDigit } from '../../shared/domain/id-documents.js';
import type { ServerRecord, SyncChange } from '../../shared/sync/protocol.js';
import { tempHost, withProject, type TempHost } from '../testing/temp-host.js';

let h: TempHost;
let applier: SyncApplier;
beforeEach(() => {
  h = tempHost();
  applier = new SyncApplier(h.host.database.db);
});
afterEach(() => h.dispose());

const logOf = (entityId: string) =>
  h.host.database.sqlite.prepare('SELECT * FROM change_log WHERE entity_id = ? ORDER BY seq').all(entityId) as Record<string, unknown>[];

function refuse(batch: SyncChange[], serverRecords: { entity: ServerRecord['entity']; id: string; record: ServerRecord | null }[]) {
  return applier.applyPushResponse(batch, {
    outcomes: batch.map((c) => ({
      changeId: c.changeId,
      status: 'rejected' as const,
      code: 'RELATION_RULE' as const,
      message: '该房产已有业主',
      serverRecords,
    })),
    serverHlc: stampAt(0, 'server'),
  });
}

function acceptAll() {
  const batch = outboxBatch(h.host.database.db, 2000);
  applier.applyPushResponse(batch, { outcomes: batch.map((c) => ({ changeId: c.changeId, status: 'applied' })), serverHlc: stampAt(0, 'server') });
}

describe('sync status and settings', () => {
  it('reports a device that has never synced, and counts pending changes and open conflicts', async () => {
    await h.call('dict.create', { typeCode: 'customerSource', name: '电话来访' });
    const status = await h.call('sync.status', {});
    expect(status).toMatchObject({
      configured: false,
      registered: false,
      signedIn: false,
      online: false,
      pendingChanges: 1,
      pendingPhotos: 0,
      conflicts: 0,
      lastSuccessAt: null,
      employee: null,
    });
    expect((await h.failure('sync.now', {})).code).toBe('SYNC_NOT_CONFIGURED');
    expect((await h.failure('sync.configure', { serverUrl: 'ftp://x' })).code).toBe('VALIDATION');
  });

  it('stamps every change with the project the user works in', async () => {
    const { projectId } = await withProject(h);
    await h.call('session.setProject', { projectId });
    const item = await h.call('dict.create', { typeCode: 'customerSource', name: '电话来访' });
    expect(logOf(item.id)[0]!.context_project_id).toBe(projectId);
    const [change] = outboxBatch(h.host.database.db, 2000).filter((c) => c.entityId === item.id);
    expect(change!.contextProjectId).toBe(projectId);
  });

  it('tells each record’s sync state: pending, synced, conflict', async () => {
    const item = await h.call('dict.create', { typeCode: 'customerSource', name: '电话来访' });
    expect(await h.call('sync.recordState', { entity: 'dictItem', id: item.id })).toEqual({ state: 'pending' });
    acceptAll();
    expect(await h.call('sync.recordState', { entity: 'dictItem', id: item.id })).toEqual({ state: 'synced' });
  });
});

describe('conflicts', () => {
  async function refusedCreation() {
    const item = await h.call('dict.create', { typeCode: 'customerSource', name: '电话来访', remark: '原备注' });
    const batch = outboxBatch(h.host.database.db, 2000);
    const { conflictIds } = refuse(batch, [{ entity: 'dictItem', id: item.id, record: null }]);
    return { item, conflictId: conflictIds[0]! };
  }

  it('lists open conflicts with the attempt, and retry writes it again as a new pushed-again change', async () => {
    const { item, conflictId } = await refusedCreation();
    expect((await h.failure('dict.get', { id: item.id })).code).toBe('NOT_FOUND');
    const list = await h.call('sync.conflicts', {});
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: conflictId, code: 'RELATION_RULE', message: '该房产已有业主', status: 'open' });
    expect((await h.call('sync.status', {})).conflicts).toBe(1);
    expect(await h.call('sync.recordState', { entity: 'dictItem', id: item.id })).toEqual({ state: 'conflict' });

    const resolved = await h.call('sync.resolveConflict', { id: conflictId, action: 'retry' });
    expect(resolved).toMatchObject({ status: 'retried', resolvedBy: '系统管理员' });
    expect(await h.call('dict.get', { id: item.id })).toMatchObject({ name: '电话来访', remark: '原备注' });
    const outbox = outboxBatch(h.host.database.db, 2000);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ entityId: item.id, op: 'create', txId: resolved.retryTxId });
    expect(await h.call('sync.recordState', { entity: 'dictItem', id: item.id })).toEqual({ state: 'pending' });
    expect((await h.call('sync.conflicts', {})).total).toBe(0);
    expect((await h.call('sync.conflicts', { status: 'all' })).total).toBe(1);
    expect((await h.failure('sync.resolveConflict', { id: conflictId, action: 'discard' })).code).toBe('CONFLICT_RESOLVED');
  });

  it('edit retries with the user’s values; discard keeps the server’s state', async () => {
    const item = await h.call('dict.create', { typeCode: 'customerSource', name: '电话来访' });
    acceptAll();
    await h.call('dict.update', { id: item.id, name: '改名被拒', remark: '' });
    const batch = outboxBatch(h.host.database.db, 2000);
    const clock = logOf(item.id)[0]!.hlc as string;
    const at = new Date().toISOString();
    const server: ServerRecord = {
      entity: 'dictItem',
      id: item.id,
      projectId: null,
      fields: { typeCode: 'customerSource', name: '电话来访', remark: '', sortOrder: item.sortOrder, invalid: false, deletedAt: null },
      clocks: {},
      createdAt: at,
      createdBy: 'u',
      updatedAt: at,
      updatedBy: 'u',
    };
    server.clocks = Object.fromEntries(Object.keys(server.fields).map((f) => [f, clock]));
    const first = refuse(batch, [{ entity: 'dictItem', id: item.id, record: server }]).conflictIds[0]!;
    expect((await h.call('dict.get', { id: item.id })).name).toBe('电话来访');

    const bad = await h.failure('sync.resolveConflict', {
      id: first,
      action: 'edit',
      changes: [{ entity: 'dictItem', entityId: item.id, fields: { sortOrder: 5 } }],
    });
    expect(bad.code).toBe('VALIDATION');
    const edited = await h.call('sync.resolveConflict', {
      id: first,
      action: 'edit',
      changes: [{ entity: 'dictItem', entityId: item.id, fields: { name: '用户改后的名称' } }],
    });
    expect(edited.status).toBe('retried');
    expect((await h.call('dict.get', { id: item.id })).name).toBe('用户改后的名称');

    // Refused again, then discarded: the server's state stays, the conflict is closed.
    const again = outboxBatch(h.host.database.db, 2000);
    const second = refuse(again, [{ entity: 'dictItem', id: item.id, record: server }]).conflictIds[0]!;
    expect((await h.call('dict.get', { id: item.id })).name).toBe('电话来访');
    const discarded = await h.call('sync.resolveConflict', { id: second, action: 'discard' });
    expect(discarded.status).toBe('discarded');
    expect((await h.call('dict.get', { id: item.id })).name).toBe('电话来访');
    expect((await h.call('sync.status', {})).conflicts).toBe(0);
    expect(await h.call('sync.recordState', { entity: 'dictItem', id: item.id })).toEqual({ state: 'synced' });
  });

  it('a customer renamed, refused, edited and retried is found by the new name’s pinyin initials', async () => {
    const body = '11010519900307123';
    const fields = {
      kind: 'person' as const,
      name: '张三',
      idType: 'resident' as const,
      idNumber: body + residentCheckDigit(body),
      phones: [{ number: '13800138000', isPrimary: true }],
    };
    const customer = await h.call('customer.create', fields as CallInput<'customer.create'>);
    acceptAll();
    await h.call('customer.update', { id: customer.id, fields: { ...fields, name: '李四' } } as CallInput<'customer.update'>);
    const batch = outboxBatch(h.host.database.db, 2000);
    // The rename carries its derived search keys with it, as every write does.
    expect(batch[0]!.changes).toMatchObject({ name: { new: '李四' }, nameInitials: { new: 'ls' } });
    const row = h.host.database.sqlite.prepare('SELECT * FROM customers WHERE id = ?').get(customer.id) as Record<string, unknown>;
    const at = new Date().toISOString();
    const server: ServerRecord = {
      entity: 'customer',
      id: customer.id,
      projectId: null,
      fields: { ...customer, name: '张三', nameInitials: 'zs', namePinyin: 'zhangsan', nameReversed: '三张', deletedAt: null },
      clocks: {},
      createdAt: at,
      createdBy: 'u',
      updatedAt: at,
      updatedBy: 'u',
    };
    expect(row.name_initials).toBe('ls');
    const clock = logOf(customer.id)[0]!.hlc as string;
    server.clocks = Object.fromEntries(Object.keys(server.fields).map((f) => [f, clock]));
    const [conflictId] = refuse(batch, [{ entity: 'customer', id: customer.id, record: server }]).conflictIds;
    const search = async (query: string) => (await h.call('search.omni', { query, limit: 10 })).customers.map((c) => c.id);
    expect(await search('zs')).toEqual([customer.id]);
    expect(await search('ls')).toEqual([]);

    // The search keys are the write path's: an edit may not set them itself …
    const bad = await h.failure('sync.resolveConflict', {
      id: conflictId!,
      action: 'edit',
      changes: [{ entity: 'customer', entityId: customer.id, fields: { nameInitials: 'xx' } }],
    });
    expect(bad.code).toBe('VALIDATION');
    // … and follow the name the user settled on.
    await h.call('sync.resolveConflict', {
      id: conflictId!,
      action: 'edit',
      changes: [{ entity: 'customer', entityId: customer.id, fields: { name: '王五' } }],
    });
    expect(await search('ww')).toEqual([customer.id]);
    expect(await search('wangwu')).toEqual([customer.id]);
    expect(await search('zs')).toEqual([]);
    expect(await search('ls')).toEqual([]);
    const [retried] = outboxBatch(h.host.database.db, 2000);
    expect(retried!.changes).toMatchObject({
      name: { old: '张三', new: '王五' },
      nameInitials: { old: 'zs', new: 'ww' },
      namePinyin: { new: 'wangwu' },
      nameReversed: { new: '五王' },
    });

    // 恢复 from history writes the old name back, and its keys with it.
    const rename = logOf(customer.id).findLast((r) => JSON.parse(r.changes as string).name?.new === '王五')!;
    await h.call('history.restore', { changeId: rename.change_id as string, field: 'name' });
    expect(await search('zs')).toEqual([customer.id]);
    expect(await search('ww')).toEqual([]);
  });

  it('refuses to retry an update of a record whose creation was refused too', async () => {
    const item = await h.call('dict.create', { typeCode: 'customerSource', name: '电话来访' });
    await h.call('dict.update', { id: item.id, name: '再改', remark: '' });
    const batch = outboxBatch(h.host.database.db, 2000);
    const create = batch.filter((c) => c.op === 'create');
    const update = batch.filter((c) => c.op === 'update');
    refuse(create, [{ entity: 'dictItem', id: item.id, record: null }]);
    const { conflictIds } = refuse(update, [{ entity: 'dictItem', id: item.id, record: null }]);
    expect((await h.failure('sync.resolveConflict', { id: conflictIds[0]!, action: 'retry' })).code).toBe('CONFLICT_RETRY_FAILED');
  });

  it('shows remote edits in the record history with who made them', async () => {
    const item = await h.call('dict.create', { typeCode: 'customerSource', name: '电话来访' });
    applier.applyPage(
      feedPage('group', [feedEntry({ entity: 'dictItem', entityId: item.id, fields: { name: '远程改名' }, hlc: stampAt(3_600_000) })]),
    );
    const history = await h.call('history.list', { entity: 'dictItem', entityId: item.id });
    expect(history.at(-1)).toMatchObject({ actorName: '另一位同事', deviceId: 'device-other', changes: { name: { old: '电话来访', new: '远程改名' } } });
    // Without a server URL the host runs no sync engine at all.
    expect(h.host.sync?.running).toBe(false);
  });
});
