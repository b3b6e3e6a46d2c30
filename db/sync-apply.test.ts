import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeHlc } from '../shared/sync/hlc.js';
import { GROUP_SCOPE, MAX_PUSH_CHANGES, type PushResponse, type ServerRecord, type SyncChange } from '../shared/sync/protocol.js';
import { getMeta, setMeta } from './meta.js';
import { recordHistory } from './queries/history.js';
import { fieldClocks, listConflicts, outboxBatch, pendingChangeCount, recordSyncState } from './queries/sync.js';
import { SERVER_DEVICE, SyncApplier } from './sync-apply.js';
import { cursorKey, getCursor } from './sync-settings.js';
import { feedEntry, feedPage, stampAt } from './testing/sync.js';
import { tempDatabase, type TempDatabase } from './testing/temp-db.js';
import { SYNC_UNIT_MAX } from './write.js';

let t: TempDatabase;
let applier: SyncApplier;
let contextProject: string | null;
beforeEach(() => {
  contextProject = null;
  t = tempDatabase({ contextProjectId: () => contextProject });
  applier = new SyncApplier(t.db, { clock: t.clock });
});
afterEach(() => t.dispose());

const HOUR = 3_600_000;
const item = { projectId: null, typeCode: 'customerSource', name: '电话来访', remark: '', sortOrder: 1, invalid: false };
const dictRow = (id: string) => t.sqlite.prepare('SELECT * FROM dict_items WHERE id = ?').get(id) as Record<string, unknown> | undefined;
const logRows = (entityId: string) =>
  t.sqlite.prepare('SELECT * FROM change_log WHERE entity_id = ? ORDER BY seq').all(entityId) as Record<string, unknown>[];

/** Pushes the whole outbox and answers every change as applied. */
function pushAllApplied(): SyncChange[] {
  const batch = outboxBatch(t.db, 2000);
  applier.applyPushResponse(batch, {
    outcomes: batch.map((c) => ({ changeId: c.changeId, status: 'applied' })),
    serverHlc: stampAt(0, 'server'),
  });
  return batch;
}

function serverRecord(entity: ServerRecord['entity'], id: string, fields: Record<string, unknown>, clock: string): ServerRecord {
  const at = new Date().toISOString();
  return {
    entity,
    id,
    projectId: null,
    fields,
    clocks: Object.fromEntries(Object.keys(fields).map((f) => [f, clock])),
    createdAt: at,
    createdBy: 'u-server',
    updatedAt: at,
    updatedBy: 'u-server',
  };
}

function reject(batch: SyncChange[], serverRecords: { entity: ServerRecord['entity']; id: string; record: ServerRecord | null }[]): PushResponse {
  return {
    outcomes: batch.map((c) => ({
      changeId: c.changeId,
      status: 'rejected' as const,
      code: 'STALE_STATE' as const,
      message: '该房产已被其他办公室售出',
      serverRecords,
    })),
    serverHlc: stampAt(0, 'server'),
  };
}

describe('applying a feed page', () => {
  it('inserts a record it has not seen, with audit columns from the entry, a pushed log row and the cursor', () => {
    const id = '01900000-0000-7000-8000-000000000001';
    const entry = feedEntry({
      entity: 'dictItem',
      entityId: id,
      op: 'create',
      fields: { typeCode: 'customerSource', name: '网络推广', remark: '', sortOrder: 3, invalid: false },
      record: { createdAt: '2026-01-02T03:04:05.000Z', createdBy: 'u-other', updatedAt: '2026-01-02T03:04:05.000Z', updatedBy: 'u-other' },
    });
    const result = applier.applyPage(feedPage(GROUP_SCOPE, [entry]));
    expect(result).toMatchObject({ applied: 1, skipped: 0, cursor: 1 });
    expect(dictRow(id)).toMatchObject({ name: '网络推广', sort_order: 3, invalid: 0, created_at: '2026-01-02T03:04:05.000Z', created_by: 'u-other' });
    const [log] = logRows(id);
    expect(log).toMatchObject({ change_id: entry.changeId, device_id: 'device-other', actor_name: '另一位同事', op: 'create', rejected: 0 });
    expect(log!.pushed_at).not.toBeNull();
    expect(getCursor(t.db, GROUP_SCOPE)).toBe(1);
    expect(pendingChangeCount(t.db)).toBe(0);
    expect(recordHistory(t.db, 'dictItem', id)[0]!.changes.name).toEqual({ old: null, new: '网络推广' });
  });

  it('merges field by field: a later remote edit wins, an earlier one loses, other fields of both survive', () => {
    const row = t.writer.transaction((tx) => tx.create('dictItem', item));
    t.writer.transaction((tx) => tx.update('dictItem', row.id, { remark: '本地备注' }));
    // Later than the local edits: its name wins. Earlier: its remark loses to the local one.
    const later = feedEntry({ entity: 'dictItem', entityId: row.id, fields: { name: '远程名称' }, hlc: stampAt(HOUR) });
    const earlier = feedEntry({ entity: 'dictItem', entityId: row.id, fields: { remark: '旧的远程备注' }, hlc: stampAt(-HOUR) });
    applier.applyPage(feedPage(GROUP_SCOPE, [later, earlier]));
    expect(dictRow(row.id)).toMatchObject({ name: '远程名称', remark: '本地备注' });
    // The history shows the remote edit and the value it overwrote; the lost one wrote nothing.
    const history = recordHistory(t.db, 'dictItem', row.id);
    expect(history.at(-1)).toMatchObject({ changeId: later.changeId, deviceId: 'device-other', changes: { name: { old: '电话来访', new: '远程名称' } } });
    expect(history.some((h) => h.changeId === earlier.changeId)).toBe(false);
  });

  it('reaches the same record whatever order two remote edits of a field arrive in', () => {
    const results: unknown[] = [];
    for (const order of [0, 1]) {
      const row = t.writer.transaction((tx) => tx.create('dictItem', { ...item, sortOrder: order + 10 }));
      const a = feedEntry({ entity: 'dictItem', entityId: row.id, fields: { name: '甲' }, hlc: stampAt(HOUR, 'device-a') });
      const b = feedEntry({ entity: 'dictItem', entityId: row.id, fields: { name: '乙' }, hlc: stampAt(2 * HOUR, 'device-b') });
      applier.applyPage(feedPage(`scope-${order}`, order === 0 ? [a, b] : [b, a]));
      results.push(dictRow(row.id)!.name);
    }
    expect(results).toEqual(['乙', '乙']);
  });

  it('applies a snapshot against each field’s own clock and logs the per-field stamps', () => {
    const row = t.writer.transaction((tx) => tx.create('dictItem', item));
    const snapshot = feedEntry({
      entity: 'dictItem',
      entityId: row.id,
      op: 'snapshot',
      fields: { name: '快照名称', remark: '快照备注' },
      hlc: stampAt(HOUR),
      clocks: { name: stampAt(-HOUR), remark: stampAt(HOUR) },
    });
    applier.applyPage(feedPage('p1', [snapshot]));
    expect(dictRow(row.id)).toMatchObject({ name: '电话来访', remark: '快照备注' });
    const clocks = fieldClocks(t.sqlite, 'dictItem', row.id);
    expect(clocks.remark).toBe(snapshot.clocks!.remark);
    // A snapshot of a record not here yet is inserted with its fields' own stamps.
    const fresh = '01900000-0000-7000-8000-0000000000f1';
    applier.applyPage(
      feedPage(
        'p1',
        [
          feedEntry({
            entity: 'dictItem',
            entityId: fresh,
            op: 'snapshot',
            fields: { typeCode: 'customerSource', name: '新', sortOrder: 9 },
            hlc: stampAt(HOUR),
            clocks: { name: stampAt(-HOUR) },
          }),
        ],
        1,
      ),
    );
    const freshClocks = fieldClocks(t.sqlite, 'dictItem', fresh);
    expect(decodeHlc(freshClocks.name!).wallMs).toBeLessThan(decodeHlc(freshClocks.sortOrder!).wallMs);
    expect(dictRow(fresh)).toMatchObject({ name: '新', remark: '', invalid: 0 });
  });

  it('skips its own changes echoed back by the feed, and a change reaching two scopes applies once', () => {
    const row = t.writer.transaction((tx) => tx.create('dictItem', item));
    const [own] = pushAllApplied();
    const echo = feedEntry({ entity: 'dictItem', entityId: row.id, changeId: own!.changeId, fields: { name: '回声' }, hlc: stampAt(HOUR) });
    expect(applier.applyPage(feedPage(GROUP_SCOPE, [echo]))).toMatchObject({ applied: 0, skipped: 1, cursor: 1 });
    expect(dictRow(row.id)!.name).toBe('电话来访');

    const shared = feedEntry({ entity: 'dictItem', entityId: row.id, fields: { remark: '两个项目都收到' }, hlc: stampAt(HOUR) });
    expect(applier.applyPage(feedPage('p1', [shared])).applied).toBe(1);
    expect(applier.applyPage(feedPage('p2', [shared])).applied).toBe(0);
    expect(logRows(row.id).filter((r) => r.change_id === shared.changeId)).toHaveLength(1);
  });

  it('applies a page whole or not at all: a failure mid-page leaves the cursor, and the retry resumes exactly', () => {
    const ids = ['01900000-0000-7000-8000-00000000000a', '01900000-0000-7000-8000-00000000000b', '01900000-0000-7000-8000-00000000000c'];
    const entries = ids.map((id, i) =>
      feedEntry({ entity: 'dictItem', entityId: id, op: 'create', fields: { typeCode: 'customerSource', name: `来源${i}`, sortOrder: i } }),
    );
    applier.applyPage(feedPage(GROUP_SCOPE, [entries[0]!]));
    t.sqlite.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON dict_items WHEN new.name = '来源2' BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    const rest = feedPage(GROUP_SCOPE, entries.slice(1), 1);
    expect(() => applier.applyPage(rest)).toThrow('disk full');
    expect(dictRow(ids[1]!)).toBeUndefined();
    expect(getCursor(t.db, GROUP_SCOPE)).toBe(1);
    t.sqlite.exec('DROP TRIGGER refuse');
    expect(applier.applyPage(rest)).toMatchObject({ applied: 2, cursor: 3 });
    expect(dictRow(ids[2]!)!.name).toBe('来源2');
  });

  it('makes the clock receive every applied stamp, so local stamps sort after them (a device 3 hours ahead)', () => {
    const row = t.writer.transaction((tx) => tx.create('dictItem', item));
    const ahead = stampAt(3 * HOUR);
    applier.applyPage(feedPage(GROUP_SCOPE, [feedEntry({ entity: 'dictItem', entityId: row.id, fields: { name: '未来' }, hlc: ahead })]));
    t.writer.transaction((tx) => tx.update('dictItem', row.id, { name: '本地之后' }));
    const last = logRows(row.id).at(-1)!;
    expect(last.hlc as string > ahead).toBe(true);
    expect(getMeta(t.db, 'sync.hlc')! >= ahead).toBe(true);
  });

  it('tombstones a record on a remote delete', () => {
    const row = t.writer.transaction((tx) => tx.create('dictItem', item));
    const at = new Date(Date.now() + HOUR).toISOString();
    applier.applyPage(
      feedPage(GROUP_SCOPE, [feedEntry({ entity: 'dictItem', entityId: row.id, op: 'delete', fields: { deletedAt: at }, hlc: stampAt(HOUR) })]),
    );
    expect(dictRow(row.id)!.deleted_at).toBe(at);
  });
});

describe('a refused transaction', () => {
  it('removes a refused creation, keeps the attempt as an open conflict and never pushes it again', () => {
    contextProject = 'p-1';
    const row = t.writer.transaction((tx) => tx.create('dictItem', item));
    const batch = outboxBatch(t.db, 2000);
    const result = applier.applyPushResponse(batch, reject(batch, [{ entity: 'dictItem', id: row.id, record: null }]));
    expect(result).toMatchObject({ applied: 0, rejected: 1 });
    expect(dictRow(row.id)).toBeUndefined();
    expect(outboxBatch(t.db, 2000)).toEqual([]);
    const logs = logRows(row.id);
    expect(logs[0]).toMatchObject({ rejected: 1, conflict_id: result.conflictIds[0] });
    expect(logs.at(-1)).toMatchObject({ device_id: SERVER_DEVICE, op: 'delete', rejected: 0 });
    const [conflict] = listConflicts(t.db, { status: 'open', page: 1, pageSize: 20 }).items;
    expect(conflict).toMatchObject({ code: 'STALE_STATE', message: '该房产已被其他办公室售出', status: 'open', txId: batch[0]!.txId });
    expect(conflict!.changes).toEqual([
      { entity: 'dictItem', entityId: row.id, projectId: null, op: 'create', changes: expect.objectContaining({ name: { old: null, new: '电话来访' } }) },
    ]);
    expect(recordSyncState(t.db, 'dictItem', row.id)).toBe('conflict');
  });

  it('restores an update to the server’s state; the refused change no longer counts for field clocks', () => {
    const row = t.writer.transaction((tx) => tx.create('dictItem', item));
    pushAllApplied();
    const createClock = fieldClocks(t.sqlite, 'dictItem', row.id).name!;
    t.writer.transaction((tx) => tx.update('dictItem', row.id, { name: '被拒绝的名称' }));
    const batch = outboxBatch(t.db, 2000);
    expect(batch).toHaveLength(1);
    const server = serverRecord('dictItem', row.id, { ...item, name: '服务器名称' }, createClock);
    applier.applyPushResponse(batch, reject(batch, [{ entity: 'dictItem', id: row.id, record: server }]));
    expect(dictRow(row.id)!.name).toBe('服务器名称');
    // The refused stamp is out of the clocks: a remote edit older than it but newer than the server's wins.
    expect(fieldClocks(t.sqlite, 'dictItem', row.id).name).toBe(createClock);
    expect(recordSyncState(t.db, 'dictItem', row.id)).toBe('conflict');
    // Answered twice (the same response applied again): no second conflict.
    applier.applyPushResponse(batch, reject(batch, [{ entity: 'dictItem', id: row.id, record: server }]));
    expect(listConflicts(t.db, { status: 'all', page: 1, pageSize: 20 }).total).toBe(1);
  });

  it('keeps a later local edit the server has not refused while rolling back the refused one', () => {
    const row = t.writer.transaction((tx) => tx.create('dictItem', item));
    pushAllApplied();
    const createClock = fieldClocks(t.sqlite, 'dictItem', row.id).name!;
    t.writer.transaction((tx) => tx.update('dictItem', row.id, { name: '被拒绝' }));
    const batch = outboxBatch(t.db, 2000);
    t.writer.transaction((tx) => tx.update('dictItem', row.id, { remark: '之后的修改' }));
    const server = serverRecord('dictItem', row.id, { ...item }, createClock);
    applier.applyPushResponse(batch, reject(batch, [{ entity: 'dictItem', id: row.id, record: server }]));
    expect(dictRow(row.id)).toMatchObject({ name: '电话来访', remark: '之后的修改' });
    expect(pendingChangeCount(t.db)).toBe(1);
  });

  it('removes rows bound by a foreign key with a refused creation (an option of a refused field)', () => {
    const def = t.writer.transaction((tx) =>
      tx.create('customFieldDef', { projectId: null, target: 'customer', title: '兴趣', fieldType: 'select', sortOrder: 1 }),
    );
    const batch = outboxBatch(t.db, 2000);
    const option = t.writer.transaction((tx) => tx.create('customFieldOption', { projectId: null, defId: def.id, name: '高尔夫', sortOrder: 1 }));
    applier.applyPushResponse(batch, reject(batch, [{ entity: 'customFieldDef', id: def.id, record: null }]));
    expect(t.sqlite.prepare('SELECT count(*) FROM custom_field_defs').pluck().get()).toBe(0);
    expect(t.sqlite.prepare('SELECT count(*) FROM custom_field_options').pluck().get()).toBe(0);
    // The option's own creation is still to be pushed: the server refuses it in turn (MISSING_REFERENCE).
    expect(outboxBatch(t.db, 2000).map((c) => c.entityId)).toEqual([option.id]);
  });

  it('undoes a refused change of a record the server did not describe', () => {
    const row = t.writer.transaction((tx) => tx.create('dictItem', item));
    pushAllApplied();
    t.writer.transaction((tx) => tx.update('dictItem', row.id, { name: '被拒绝', remark: '也被拒绝' }));
    const batch = outboxBatch(t.db, 2000);
    applier.applyPushResponse(batch, reject(batch, []));
    expect(dictRow(row.id)).toMatchObject({ name: '电话来访', remark: '' });
  });

  it('marks an applied transaction pushed, leaves unanswered changes in the outbox', () => {
    t.writer.transaction((tx) => tx.create('dictItem', item));
    t.writer.transaction((tx) => tx.create('dictItem', { ...item, name: '第二', sortOrder: 2 }));
    const batch = outboxBatch(t.db, 2000);
    const result = applier.applyPushResponse(batch, {
      outcomes: [{ changeId: batch[0]!.changeId, status: 'applied' }],
      serverHlc: stampAt(0, 'server'),
    });
    expect(result).toMatchObject({ applied: 1, unanswered: 1 });
    expect(outboxBatch(t.db, 2000).map((c) => c.changeId)).toEqual([batch[1]!.changeId]);
  });
});

describe('the outbox as SyncChanges', () => {
  it('carries the context project and the record’s base HLC (refused changes left out)', () => {
    contextProject = 'p-ctx';
    const row = t.writer.transaction((tx) => tx.create('dictItem', item));
    const [created] = outboxBatch(t.db, 2000);
    expect(created).toMatchObject({ contextProjectId: 'p-ctx', baseHlc: null, op: 'create', entityId: row.id });
    pushAllApplied();
    t.writer.transaction((tx) => tx.update('dictItem', row.id, { name: '被拒绝' }));
    const refused = outboxBatch(t.db, 2000);
    applier.applyPushResponse(
      refused,
      reject(refused, [{ entity: 'dictItem', id: row.id, record: serverRecord('dictItem', row.id, { ...item }, created!.hlc) }]),
    );
    contextProject = null;
    t.writer.transaction((tx) => tx.update('dictItem', row.id, { remark: '再改' }));
    const [next] = outboxBatch(t.db, 2000);
    expect(next!.contextProjectId).toBeNull();
    // The newest stamp before it that the server did not refuse: the creation (the rollback row restored nothing new).
    expect(next!.baseHlc).toBe(created!.hlc);
    expect(next!.changes).toEqual({ remark: { old: '', new: '再改' } });
  });

  it('batches whole transactions only', () => {
    t.writer.transaction((tx) => {
      for (let i = 0; i < 3; i++) tx.create('dictItem', { ...item, name: `甲${i}`, sortOrder: i });
    });
    t.writer.transaction((tx) => {
      for (let i = 0; i < 3; i++) tx.create('dictItem', { ...item, name: `乙${i}`, sortOrder: 10 + i });
    });
    expect(outboxBatch(t.db, 4)).toHaveLength(3);
    expect(outboxBatch(t.db, 6)).toHaveLength(6);
    // A transaction larger than the limit goes alone and whole.
    expect(outboxBatch(t.db, 2)).toHaveLength(3);
  });

  it('logs a transaction larger than one push as several sync units, each pushable whole', () => {
    t.writer.transaction((tx) => {
      for (let i = 0; i < SYNC_UNIT_MAX + 5; i++) tx.create('dictItem', { ...item, name: `导入${i}`, sortOrder: i });
    });
    const units = t.sqlite.prepare('SELECT tx_id, count(*) AS n FROM change_log GROUP BY tx_id ORDER BY min(seq)').all();
    expect(units.map((u) => (u as { n: number }).n)).toEqual([SYNC_UNIT_MAX, 5]);
    const batch = outboxBatch(t.db, MAX_PUSH_CHANGES);
    expect(batch).toHaveLength(SYNC_UNIT_MAX);
    expect(new Set(batch.map((c) => c.txId)).size).toBe(1);
  });
});

describe('purges', () => {
  function resource(projectId: string, code: string) {
    return t.writer.transaction((tx) =>
      tx.create('resource', { projectId, kind: 'building', code, name: `${code}栋`, validFrom: '2026-01-01' }),
    );
  }

  it('removes a project no longer granted (its rows, history and cursor) and leaves the others', () => {
    const region = t.writer.transaction((tx) => tx.create('region', { projectId: null, code: 'E', name: '华东', sortOrder: 1 }));
    const p1 = t.writer.transaction((tx) =>
      tx.create('project', { id: 'project-1', projectId: 'project-1', regionId: region.id, code: 'P1', name: '一期', status: 'selling', sortOrder: 1 }),
    );
    const a = resource('project-1', 'A1');
    const b = resource('project-2', 'B1');
    pushAllApplied();
    applier.applyPage(feedPage('project-1', []));
    const result = applier.purgeProject('project-1');
    expect(result.rows).toBe(1);
    expect(t.sqlite.prepare('SELECT id FROM resources').pluck().all()).toEqual([b.id]);
    expect(logRows(a.id)).toEqual([]);
    expect(logRows(b.id)).toHaveLength(1);
    expect(getMeta(t.db, cursorKey('project-1'))).toBeUndefined();
    // The group's records stay: the project's own row, the region.
    expect(t.sqlite.prepare('SELECT count(*) FROM projects WHERE id = ?').pluck().get(p1.id)).toBe(1);
  });

  it('removes everything on a revoked device but keeps open conflicts, and turns unsent work into conflicts', () => {
    const row = t.writer.transaction((tx) => tx.create('dictItem', item));
    const batch = outboxBatch(t.db, 2000);
    applier.applyPushResponse(batch, reject(batch, [{ entity: 'dictItem', id: row.id, record: null }]));
    resource('project-1', 'A1');
    setMeta(t.db, 'sync.deviceToken', 'secret');
    setMeta(t.db, cursorKey(GROUP_SCOPE), '3');
    const { conflictIds } = applier.purgeAll();
    expect(conflictIds).toHaveLength(1);
    for (const table of ['dict_items', 'resources', 'change_log']) {
      expect(t.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    }
    expect(listConflicts(t.db, { status: 'open', page: 1, pageSize: 20 }).items.map((c) => c.code).sort()).toEqual([
      'DEVICE_REVOKED',
      'STALE_STATE',
    ]);
    expect(getMeta(t.db, 'sync.deviceToken')).toBeUndefined();
    expect(getMeta(t.db, cursorKey(GROUP_SCOPE))).toBeUndefined();
  });
});
