import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityName } from '../../shared/domain/audit.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { HybridLogicalClock } from '../../shared/sync/hlc.js';
import { GROUP_SCOPE, PROTOCOL_VERSION, type FeedEntry, type SyncChange } from '../../shared/sync/protocol.js';
import { openServerDb, type OpenedServerDb } from '../db/open.js';
import { createTestPg, type TestPg } from '../testing/pg.js';
import { SyncStore, type Principal } from './store.js';

const versions = { protocol: PROTOCOL_VERSION, schemaVersion: 4, appVersion: 'test' };

let pg: TestPg;
let opened: OpenedServerDb;
let store: SyncStore;
let projectA: string;
let projectB: string;

/** A simulated office: its own clock and a principal granted some projects. */
class Office {
  readonly deviceId = uuidv7();
  readonly clock: HybridLogicalClock;
  constructor(
    readonly name: string,
    readonly projectIds: string[],
    skewMs = 0,
  ) {
    this.clock = new HybridLogicalClock(this.deviceId, () => Date.now() + skewMs);
  }
  get principal(): Principal {
    return {
      employeeId: `emp-${this.name}`,
      employeeName: this.name,
      isAdmin: false,
      deviceId: this.deviceId,
      projectIds: this.projectIds,
    };
  }
  change(
    entity: EntityName,
    entityId: string,
    op: SyncChange['op'],
    values: Record<string, unknown>,
    options: {
      projectId?: string | null;
      old?: Record<string, unknown>;
      txId?: string;
      baseHlc?: string | null;
      context?: string | null;
    } = {},
  ): SyncChange {
    const changes: SyncChange['changes'] = {};
    for (const [field, value] of Object.entries(values)) changes[field] = { old: options.old?.[field] ?? null, new: value };
    return {
      changeId: uuidv7(),
      txId: options.txId ?? uuidv7(),
      entity,
      entityId,
      projectId: options.projectId ?? null,
      contextProjectId: options.context ?? options.projectId ?? this.projectIds[0] ?? null,
      op,
      changes,
      baseHlc: options.baseHlc ?? null,
      actorId: `emp-${this.name}`,
      actorName: this.name,
      deviceId: this.deviceId,
      at: new Date().toISOString(),
      hlc: this.clock.now(),
    };
  }
  push(...changes: SyncChange[]) {
    return store.push(this.principal, { versions, changes });
  }
}

async function pullAll(scope: string, after = 0, limit = 1000): Promise<FeedEntry[]> {
  const all: FeedEntry[] = [];
  let cursor = after;
  for (;;) {
    const page = await store.pull(
      { employeeId: 'x', employeeName: 'x', isAdmin: false, deviceId: 'x', projectIds: [] },
      { versions, scope, after: cursor, limit },
    );
    all.push(...page.entries);
    cursor = page.next;
    if (!page.hasMore) return all;
  }
}

function room(office: Office, projectId: string, values: Record<string, unknown> = {}) {
  const id = uuidv7();
  return {
    id,
    create: office.change(
      'resource',
      id,
      'create',
      {
        projectId,
        parentId: null,
        kind: 'room',
        code: `R-${id.slice(-6)}`,
        name: '0301',
        status: 'unsold',
        validFrom: '2026-01-01',
        endedOn: null,
        buildArea: 89.5,
        ...values,
      },
      { projectId },
    ),
  };
}

function person(office: Office, idKey: string, name: string, context: string) {
  const id = uuidv7();
  return {
    id,
    create: office.change(
      'customer',
      id,
      'create',
      {
        projectId: null,
        kind: 'person',
        name,
        idType: 'resident',
        idNumber: idKey.split(':')[1],
        idKey,
        mergedInto: null,
        remark: '',
      },
      { context },
    ),
  };
}

function relation(
  office: Office,
  projectId: string,
  customerId: string,
  resourceId: string,
  role: string,
  share: number | null = null,
) {
  return office.change(
    'customerResource',
    uuidv7(),
    'create',
    { projectId, customerId, resourceId, role, share, startDate: '2026-03-01', endDate: null, remark: '' },
    { projectId },
  );
}

beforeAll(async () => {
  pg = await createTestPg();
  opened = await openServerDb({ databaseUrl: pg.url });
  store = new SyncStore(opened.db);
  [projectA, projectB] = (await store.writeAsServer({ id: 'admin', name: '管理员' }, [
    {
      entity: 'project',
      id: uuidv7(),
      projectId: null,
      op: 'create',
      fields: { code: 'A', name: '滨江花园', status: 'selling' },
    },
    {
      entity: 'project',
      id: uuidv7(),
      projectId: null,
      op: 'create',
      fields: { code: 'B', name: '湖畔雅苑', status: 'selling' },
    },
  ])) as [string, string];
});

afterAll(async () => {
  await opened?.close();
  await pg?.drop();
});

describe('push and pull', () => {
  it('merges two offices editing different fields of one record, and the same field to the later edit', async () => {
    const a = new Office('a', [projectA]);
    // b's edit is a second older than a's, whatever the order they reach the server in.
    const b = new Office('b', [projectA], -1000);
    const r = room(a, projectA);
    await a.push(r.create);
    const early = b.change('resource', r.id, 'update', { houseType: '三房两厅', name: '0301B' }, { projectId: projectA });
    const late = a.change('resource', r.id, 'update', { orientation: '南', name: '0301A' }, { projectId: projectA });
    // The later edit arrives first: the earlier one must still lose the field they share.
    expect((await a.push(late)).outcomes[0]!.status).toBe('applied');
    expect((await b.push(early)).outcomes[0]!.status).toBe('applied');
    const [record] = await store.records([{ entity: 'resource', id: r.id }]);
    expect(record!.fields).toMatchObject({ houseType: '三房两厅', orientation: '南', name: '0301A' });
    // The losing value is not in the feed as a winner, but the server kept the change as pushed.
    const entries = (await pullAll(projectA)).filter((e) => e.entityId === r.id);
    expect(entries.map((e) => Object.keys(e.fields).sort())).toEqual([
      expect.arrayContaining(['name', 'kind']),
      ['name', 'orientation'],
      ['houseType'],
    ]);
  });

  it('applies a batch pushed twice once, and answers the same outcomes', async () => {
    const a = new Office('a', [projectA]);
    const r = room(a, projectA);
    const update = a.change('resource', r.id, 'update', { name: '0302' }, { projectId: projectA });
    const first = await a.push(r.create, update);
    const before = (await pullAll(projectA)).length;
    const second = await a.push(r.create, update);
    expect(second.outcomes).toEqual(first.outcomes);
    expect((await pullAll(projectA)).length).toBe(before);
  });

  it('numbers a scope without gaps and serves it in resumable pages', async () => {
    const a = new Office('a', [projectB]);
    for (let i = 0; i < 5; i++) await a.push(room(a, projectB).create);
    const all = await pullAll(projectB, 0, 2);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    const resumed = await pullAll(projectB, all[2]!.seq, 2);
    expect(resumed.map((e) => e.seq)).toEqual(all.slice(3).map((e) => e.seq));
  });

  it('refuses changes to a project the employee is not granted, and organisation records from non-admins', async () => {
    const outsider = new Office('o', [projectB]);
    const r = room(outsider, projectA);
    const result = await outsider.push(r.create);
    expect(result.outcomes[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    const org = outsider.change('region', uuidv7(), 'create', { code: 'X', name: '华南', sortOrder: 1 });
    expect((await outsider.push(org)).outcomes[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
  });
});

describe('rules the server decides', () => {
  it('sells a room once when two offices sold it offline; the second gets the server state back', async () => {
    const a = new Office('a', [projectA]);
    const b = new Office('b', [projectA]);
    const r = room(a, projectA);
    await a.push(r.create);
    const saleA = a.change('resource', r.id, 'update', { status: 'sold' }, { projectId: projectA, old: { status: 'unsold' } });
    const saleB = b.change(
      'resource',
      r.id,
      'update',
      { status: 'sold', remark: 'B' },
      { projectId: projectA, old: { status: 'unsold' } },
    );
    expect((await a.push(saleA)).outcomes[0]!.status).toBe('applied');
    const refused = (await b.push(saleB)).outcomes[0]!;
    expect(refused).toMatchObject({ status: 'rejected', code: 'STALE_STATE' });
    if (refused.status !== 'rejected') throw new Error('expected a rejection');
    expect(refused.message).toContain('已售');
    expect(refused.serverRecords[0]!.record!.fields.status).toBe('sold');
  });

  it('refuses a second owner group on a room, the whole transaction with it', async () => {
    const a = new Office('a', [projectA]);
    const b = new Office('b', [projectA]);
    const r = room(a, projectA);
    const buyerA = person(a, `resident:110101199001011${String(Math.floor(Math.random() * 900) + 100)}`, '张三', projectA);
    const buyerB = person(b, `resident:310101198502022${String(Math.floor(Math.random() * 900) + 100)}`, '李四', projectA);
    await a.push(r.create, buyerA.create);
    await b.push(buyerB.create);
    const txA = uuidv7();
    const txB = uuidv7();
    const ownA = { ...relation(a, projectA, buyerA.id, r.id, 'owner'), txId: txA };
    const ownB = { ...relation(b, projectA, buyerB.id, r.id, 'owner'), txId: txB };
    const remarkB = b.change('customer', buyerB.id, 'update', { remark: '已购' }, { txId: txB });
    expect((await a.push(ownA)).outcomes[0]!.status).toBe('applied');
    const refused = await b.push(ownB, remarkB);
    expect(refused.outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(refused.outcomes[0]).toMatchObject({ code: 'RELATION_RULE' });
    const [customer] = await store.records([{ entity: 'customer', id: buyerB.id }]);
    expect(customer!.fields.remark).toBe('');
    const [relationRecord] = await store.records([{ entity: 'customerResource', id: ownB.entityId }]);
    expect(relationRecord).toBeNull();
  });

  it('decides each transaction of one push alone: a refused one between two others leaves nothing, they stand', async () => {
    const a = new Office('a', [projectA]);
    const b = new Office('b', [projectA]);
    const r = room(a, projectA);
    const buyerA = person(a, `resident:110101199203033${String(Math.floor(Math.random() * 900) + 100)}`, '王五', projectA);
    await a.push(r.create, buyerA.create, relation(a, projectA, buyerA.id, r.id, 'owner'));
    const seqBefore = (await pullAll(projectA)).length;
    // One push of three user actions; the middle one registers a new customer as a second owner
    // group: refused after its records were written, so they must be rolled back alone.
    const rename = b.change('resource', r.id, 'update', { name: '0301甲' }, { projectId: projectA });
    const buyerB = person(b, `resident:320101198807077${String(Math.floor(Math.random() * 900) + 100)}`, '赵六', projectA);
    const txB = uuidv7();
    const secondGroup = [
      { ...buyerB.create, txId: txB },
      { ...relation(b, projectA, buyerB.id, r.id, 'owner'), txId: txB },
    ];
    const orient = b.change('resource', r.id, 'update', { orientation: '南北' }, { projectId: projectA });
    const result = await b.push(rename, ...secondGroup, orient);
    expect(result.outcomes.map((o) => o.status)).toEqual(['applied', 'rejected', 'rejected', 'applied']);
    expect(result.outcomes[1]).toMatchObject({ code: 'RELATION_RULE' });
    const [roomRecord, customer, ownerB] = await store.records([
      { entity: 'resource', id: r.id },
      { entity: 'customer', id: buyerB.id },
      { entity: 'customerResource', id: secondGroup[1]!.entityId },
    ]);
    expect(roomRecord!.fields).toMatchObject({ name: '0301甲', orientation: '南北' });
    expect(customer).toBeNull();
    expect(ownerB).toBeNull();
    // The feed took the two that stood, numbered on without a gap, and nothing of the refused one.
    const feed = await pullAll(projectA);
    expect(feed.map((e) => e.seq)).toEqual(feed.map((_, i) => i + 1));
    const added = feed.slice(seqBefore);
    expect(added.map((e) => e.changeId)).toEqual([rename.changeId, orient.changeId]);
    // Pushed again, every answer is the same and nothing is applied twice.
    expect((await b.push(rename, ...secondGroup, orient)).outcomes.map((o) => o.status)).toEqual(
      result.outcomes.map((o) => o.status),
    );
    expect((await pullAll(projectA)).length).toBe(feed.length);
  });

  it('refuses a split of a room that changed on the server since the office saw it', async () => {
    const a = new Office('a', [projectA]);
    const b = new Office('b', [projectA]);
    const r = room(a, projectA);
    await a.push(r.create);
    const seen = r.create.hlc;
    await b.push(b.change('resource', r.id, 'update', { buildArea: 92.1 }, { projectId: projectA }));
    const split = a.change('resource', r.id, 'update', { endedOn: '2026-06-01' }, { projectId: projectA, baseHlc: seen });
    expect((await a.push(split)).outcomes[0]).toMatchObject({ status: 'rejected', code: 'STALE_RECORD' });
    // Seen the change, the split goes through.
    const [current] = await store.records([{ entity: 'resource', id: r.id }]);
    const newest = Object.values(current!.clocks).sort().at(-1)!;
    const again = a.change('resource', r.id, 'update', { endedOn: '2026-06-01' }, { projectId: projectA, baseHlc: newest });
    expect((await a.push(again)).outcomes[0]!.status).toBe('applied');
  });

  it('orders by causality when a device clock is three hours off either way', async () => {
    const fast = new Office('fast', [projectA], 3 * 3600_000);
    const slow = new Office('slow', [projectA], -3 * 3600_000);
    const r = room(fast, projectA);
    await fast.push(r.create, fast.change('resource', r.id, 'update', { houseType: '两房' }, { projectId: projectA }));
    // The slow office pulls the fast one's edit, then edits the same field: its edit came later.
    for (const entry of await pullAll(projectA)) slow.clock.receive(entry.hlc);
    await slow.push(slow.change('resource', r.id, 'update', { houseType: '三房' }, { projectId: projectA }));
    const [record] = await store.records([{ entity: 'resource', id: r.id }]);
    expect(record!.fields.houseType).toBe('三房');
  });
});

describe('group-global customers', () => {
  it('makes one customer of the same ID document created offline in two projects', async () => {
    const a = new Office('a', [projectA]);
    const b = new Office('b', [projectB]);
    const idKey = 'resident:44030519900307121X';
    const inA = person(a, idKey, '王芳', projectA);
    const inB = person(b, idKey, '王芳', projectB);
    const phoneB = b.change(
      'customerPhone',
      uuidv7(),
      'create',
      { projectId: null, customerId: inB.id, number: '13800138000', kind: 'mobile', isPrimary: true, reversed: '00083100831' },
      { txId: inB.create.txId, context: projectB },
    );
    const roomB = room(b, projectB);
    await a.push(inA.create);
    await b.push(inB.create, phoneB, roomB.create);
    const ownerB = relation(b, projectB, inB.id, roomB.id, 'owner');
    await b.push(ownerB);

    const [merged] = await store.records([{ entity: 'customer', id: inB.id }]);
    expect(merged!.fields.mergedInto).toBe(inA.id);
    const [phone] = await store.records([{ entity: 'customerPhone', id: phoneB.entityId }]);
    expect(phone!.fields.customerId).toBe(inA.id);
    const [rel] = await store.records([{ entity: 'customerResource', id: ownerB.entityId }]);
    expect(rel!.fields.customerId).toBe(inA.id);

    // Project B's devices learn the survivor (a snapshot) and see the merge in its history.
    const feedB = await pullAll(projectB);
    expect(feedB.some((e) => e.entityId === inA.id && e.op === 'snapshot')).toBe(true);
    expect(feedB.some((e) => e.entity === 'customerMerge' && e.fields.survivorId === inA.id)).toBe(true);
    const feedA = await pullAll(projectA);
    // Project A never had the phone: it arrives whole, not as a bare change of its owner.
    const phoneInA = feedA.filter((e) => e.entityId === phoneB.entityId);
    expect(phoneInA.map((e) => e.op)).toEqual(['snapshot']);
    expect(phoneInA[0]!.fields).toMatchObject({ customerId: inA.id, number: '13800138000' });
  });

  it('keeps group records in the group feed', async () => {
    const a = new Office('a', [projectA]);
    const dict = a.change('dictItem', uuidv7(), 'create', {
      projectId: null,
      typeCode: 'customerSource',
      name: '自然到访',
      remark: '',
      sortOrder: 1,
      invalid: false,
    });
    await a.push(dict);
    expect((await pullAll(GROUP_SCOPE)).some((e) => e.entityId === dict.entityId)).toBe(true);
  });
});

describe('immutable records', () => {
  /** A room, a template and a completed inspection of it, and the report finalised from it. */
  async function finalisedReport(office: Office) {
    const r = room(office, projectA);
    const templateId = uuidv7();
    const inspectionId = uuidv7();
    const opts = { projectId: projectA };
    const template = office.change(
      'inspectionTemplate',
      templateId,
      'create',
      { projectId: projectA, familyId: templateId, name: '标准户型', version: 1, status: 'published', areas: '[]' },
      opts,
    );
    const inspection = office.change(
      'inspection',
      inspectionId,
      'create',
      {
        projectId: projectA,
        resourceId: r.id,
        kind: 'owner',
        templateId,
        templateVersion: 1,
        status: 'completed',
        startedAt: '2026-05-01T02:00:00.000Z',
        completedAt: '2026-05-01T03:00:00.000Z',
      },
      opts,
    );
    const reportId = uuidv7();
    const report = office.change(
      'handoverReport',
      reportId,
      'create',
      {
        projectId: projectA,
        inspectionId,
        version: 1,
        hash: 'a'.repeat(64),
        size: 120_000,
        contentHash: 'b'.repeat(64),
        pages: 3,
        finalizedAt: '2026-05-01T03:00:00.000Z',
      },
      opts,
    );
    const outcomes = (await office.push(r.create, template, inspection, report)).outcomes;
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    return { reportId, report };
  }

  it('refuses every later change of a finalised report with a reason, and keeps it as it was', async () => {
    const a = new Office('a', [projectA]);
    const b = new Office('b', [projectA]);
    const { reportId } = await finalisedReport(a);
    const feedBefore = (await pullAll(projectA)).length;
    const opts = { projectId: projectA };
    const attempts = [
      b.change('handoverReport', reportId, 'update', { pages: 4 }, { ...opts, old: { pages: 3 } }),
      a.change('handoverReport', reportId, 'delete', { deletedAt: new Date().toISOString() }, opts),
      b.change('handoverReport', reportId, 'undelete', { deletedAt: null }, opts),
    ];
    for (const attempt of attempts) {
      const office = attempt.deviceId === a.deviceId ? a : b;
      const [outcome] = (await office.push(attempt)).outcomes;
      expect(outcome).toMatchObject({ status: 'rejected', code: 'IMMUTABLE', message: '已定稿的报告不能修改，请生成新版本' });
      if (outcome!.status !== 'rejected') throw new Error('expected a rejection');
      // The device rolls back to the report as the server holds it.
      expect(outcome!.serverRecords[0]!.record!.fields).toMatchObject({ pages: 3 });
      expect(outcome!.serverRecords[0]!.record!.fields.deletedAt ?? null).toBeNull();
    }
    const [record] = await store.records([{ entity: 'handoverReport', id: reportId }]);
    expect(record!.fields).toMatchObject({ pages: 3, version: 1 });
    expect(record!.fields.deletedAt ?? null).toBeNull();
    expect((await pullAll(projectA)).length).toBe(feedBefore);
  });

  it('takes the same creation twice, as the same push or as another copy of it, without a second entry', async () => {
    const a = new Office('a', [projectA]);
    const { reportId, report } = await finalisedReport(a);
    const feedBefore = (await pullAll(projectA)).length;
    // The same push again: the outcome recorded the first time.
    expect((await a.push(report)).outcomes[0]!.status).toBe('applied');
    // The same creation under another change id (a device that logged it twice): nothing changes.
    const copy = { ...report, changeId: uuidv7(), txId: uuidv7(), hlc: a.clock.now() };
    expect((await a.push(copy)).outcomes[0]!.status).toBe('applied');
    expect((await pullAll(projectA)).length).toBe(feedBefore);
    // A "creation" with other content is a change: refused.
    const other = {
      ...copy,
      changeId: uuidv7(),
      txId: uuidv7(),
      hlc: a.clock.now(),
      changes: { ...copy.changes, pages: { old: null, new: 9 } },
    };
    expect((await a.push(other)).outcomes[0]).toMatchObject({ status: 'rejected', code: 'IMMUTABLE' });
    const [record] = await store.records([{ entity: 'handoverReport', id: reportId }]);
    expect(record!.fields.pages).toBe(3);
  });
});
