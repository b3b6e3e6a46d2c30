/**
 * Offices and the group server, end to end: real hosts (encrypted SQLite, real services,
 * the real sync engine over HTTP) against the real server on a real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { CallInput } from '../../shared/api/contract.js';
import { SyncWorld, type Office } from '../harness/world.js';
import { pause, personInput, residentId, room, updateCustomer, updateRoom } from '../harness/actions.js';
import { SyncError } from '../../electron/sync/errors.js';

let world: SyncWorld;
let projects: Record<string, string>;
async function inProject(office: Office, code: string): Promise<string> {
  const projectId = projects[code]!;
  await office.call('session.setProject', { projectId });
  return projectId;
}

beforeAll(async () => {
  world = await SyncWorld.start();
  projects = await world.organisation(['SH01', 'HZ01']);
  await world.employee('front-a', '前台甲', ['SH01']);
  await world.employee('front-b', '前台乙', ['SH01']);
  await world.employee('front-c', '前台丙', ['HZ01']);
  await world.employee('front-d', '前台丁', ['SH01', 'HZ01']);
}, 60_000);

afterAll(async () => {
  await world?.close();
});

describe('two offices of one project', () => {
  it('both receive what the other entered, and the organisation from the server', async () => {
    const a = await world.office('A', 'front-a');
    const b = await world.office('B', 'front-b');
    const projectId = await inProject(a, 'SH01');
    await inProject(b, 'SH01');
    const customer = await a.call('customer.create', personInput('张建国', residentId(), '13800138001'));
    const r = await room(a, projectId, '1-1-0101');
    await a.sync();
    await b.sync();
    const seen = await b.call('customer.view', { id: customer.id });
    expect(seen.customer.name).toBe('张建国');
    const card = await b.call('resource.card', { id: r.id });
    expect(card.resource.code).toBe('1-1-0101');
    expect((await b.call('sync.status', {})).pendingChanges).toBe(0);
  });
});

describe('offline edits meet', () => {
  it("keeps both offices' edits of different fields, the later edit of the same field, and the overwritten value in history", async () => {
    const a = await world.office('A2', 'front-a');
    const b = await world.office('B2', 'front-b');
    await inProject(a, 'SH01');
    await inProject(b, 'SH01');
    const customer = await a.call('customer.create', personInput('李秀英', residentId(), '13900139001'));
    await a.sync();
    await b.sync();
    a.network.online = false;
    b.network.online = false;
    await updateCustomer(a, customer.id, { remark: 'A 的备注', address: 'A 写的地址' });
    await pause(5);
    await updateCustomer(b, customer.id, { email: 'b@example.com', address: 'B 写的地址' });
    expect((await a.sync()).ok).toBe(false);
    expect((await a.call('sync.status', {})).pendingChanges).toBeGreaterThan(0);
    a.network.online = true;
    b.network.online = true;
    await a.sync();
    await b.sync();
    await a.sync();
    for (const office of [a, b]) {
      const { customer: seen } = await office.call('customer.view', { id: customer.id });
      expect(seen).toMatchObject({ remark: 'A 的备注', email: 'b@example.com', address: 'B 写的地址' });
    }
    const { history } = await a.call('customer.view', { id: customer.id });
    const addressEdits = history.filter((h) => h.entity === 'customer' && 'address' in h.changes);
    expect(addressEdits.map((h) => [h.actorName, h.changes.address!.new])).toEqual(
      expect.arrayContaining([
        ['前台甲', 'A 写的地址'],
        ['前台乙', 'B 写的地址'],
      ]),
    );
    expect((await a.call('sync.status', {})).pendingChanges).toBe(0);
  });

  it('sells a room once when two offices sold it offline; the other gets the room back and a 冲突 to resolve', async () => {
    const a = await world.office('A3', 'front-a');
    const b = await world.office('B3', 'front-b');
    const projectId = await inProject(a, 'SH01');
    await inProject(b, 'SH01');
    const r = await room(a, projectId, '2-1-0301');
    await a.sync();
    await b.sync();
    a.network.online = false;
    b.network.online = false;
    await updateRoom(a, r.id, { status: 'sold' });
    await updateRoom(b, r.id, { status: 'sold', houseType: '三室两厅' });
    a.network.online = true;
    b.network.online = true;
    expect((await a.sync()).rejected).toBe(0);
    const result = await b.sync();
    expect(result.rejected).toBeGreaterThan(0);
    // b's attempt is not applied, b's room is the server's again, and the attempt is kept.
    const { resource } = await b.call('resource.card', { id: r.id });
    expect(resource.houseType).toBe('');
    expect(resource.status).toBe('sold');
    const conflicts = await b.call('sync.conflicts', { status: 'open', page: 1, pageSize: 20 });
    expect(conflicts.total).toBe(1);
    const conflict = conflicts.items[0]!;
    expect(conflict.code).toBe('STALE_STATE');
    expect(conflict.message).toContain('已售');
    expect(conflict.changes[0]!.changes.houseType!.new).toBe('三室两厅');
    expect((await b.call('sync.recordState', { entity: 'resource', id: r.id })).state).toBe('conflict');
    // Resolved by editing the attempt: the 户型 alone, without the sale, goes through.
    await b.call('sync.resolveConflict', {
      id: conflict.id,
      action: 'edit',
      changes: [{ entity: 'resource', entityId: r.id, fields: { houseType: '三室两厅' } }],
    });
    await b.sync();
    await a.sync();
    expect((await a.call('resource.card', { id: r.id })).resource.houseType).toBe('三室两厅');
    expect((await b.call('sync.conflicts', { status: 'open', page: 1, pageSize: 20 })).total).toBe(0);
    expect((await b.call('sync.recordState', { entity: 'resource', id: r.id })).state).toBe('synced');
  });

  it('refuses a second owner group registered offline in another office, and the user discards it', async () => {
    const a = await world.office('A4', 'front-a');
    const b = await world.office('B4', 'front-b');
    const projectId = await inProject(a, 'SH01');
    await inProject(b, 'SH01');
    const r = await room(a, projectId, '3-1-0502');
    await a.sync();
    await b.sync();
    a.network.online = false;
    b.network.online = false;
    const buyerA = await a.call('customer.create', personInput('王强', residentId(), '13700137001'));
    const buyerB = await b.call('customer.create', personInput('赵敏', residentId(), '13700137002'));
    const rel = { resourceId: r.id, role: 'owner' as const, share: null, startDate: '2026-10-01', endDate: null, remark: '' };
    await a.call('relation.create', { ...rel, customerId: buyerA.id });
    await b.call('relation.create', { ...rel, customerId: buyerB.id });
    a.network.online = true;
    b.network.online = true;
    await a.sync();
    await b.sync();
    const open = await b.call('sync.conflicts', { status: 'open', page: 1, pageSize: 20 });
    expect(open.items.map((c) => c.code)).toEqual(['RELATION_RULE']);
    const card = await b.call('resource.card', { id: r.id });
    expect(card.current.map((c) => c.customerId)).toEqual([buyerA.id]);
    // b's customer itself was accepted: only the refused relation came back.
    await a.sync();
    expect((await a.call('customer.view', { id: buyerB.id })).customer.name).toBe('赵敏');
    await b.call('sync.resolveConflict', { id: open.items[0]!.id, action: 'discard' });
    expect((await b.call('sync.status', {})).conflicts).toBe(0);
  });
  it('refuses a split of a room another office changed meanwhile, and gives the split back as a 冲突', async () => {
    const a = await world.office('A10', 'front-a');
    const b = await world.office('B10', 'front-b');
    const projectId = await inProject(a, 'SH01');
    await inProject(b, 'SH01');
    const r = await room(a, projectId, '6-1-0801');
    await a.sync();
    await b.sync();
    a.network.online = false;
    b.network.online = false;
    await updateRoom(b, r.id, { buildArea: 120.5 });
    const split = await a.call('resource.split', {
      id: r.id,
      effectiveOn: '2026-11-01',
      parts: [
        { code: '6-1-0801A', name: '0801A', buildArea: 60, innerArea: null, houseType: '' },
        { code: '6-1-0801B', name: '0801B', buildArea: 60, innerArea: null, houseType: '' },
      ],
    });
    b.network.online = true;
    a.network.online = true;
    await b.sync();
    await a.sync();
    const conflicts = await a.call('sync.conflicts', { status: 'open', page: 1, pageSize: 20 });
    expect(conflicts.items.map((c) => c.code)).toEqual(['STALE_RECORD']);
    // The room is whole again on a, with b's area; the split parts are gone, the attempt kept.
    const { resource } = await a.call('resource.card', { id: r.id });
    expect(resource).toMatchObject({ endedOn: null, buildArea: 120.5 });
    for (const part of split.created) expect((await a.failure('resource.card', { id: part.id })).code).toBe('NOT_FOUND');
    expect(conflicts.items[0]!.changes.some((c) => c.entity === 'resource' && c.op === 'create')).toBe(true);
  });
});

describe('one customer per ID document across the group', () => {
  it('merges the same person registered offline in two projects, on every device', async () => {
    const a = await world.office('A5', 'front-a');
    const c = await world.office('C5', 'front-c');
    await inProject(a, 'SH01');
    const hz = await inProject(c, 'HZ01');
    const idNumber = residentId();
    a.network.online = false;
    c.network.online = false;
    const inA = await a.call('customer.create', personInput('陈静', idNumber, '13600136001'));
    const inC = await c.call('customer.create', personInput('陈静', idNumber, '13600136002'));
    const r = await room(c, hz, '5-2-1101');
    await c.call('relation.create', {
      customerId: inC.id,
      resourceId: r.id,
      role: 'owner',
      share: null,
      startDate: '2026-09-01',
      endDate: null,
      remark: '',
    });
    a.network.online = true;
    c.network.online = true;
    await a.sync();
    await c.sync();
    await a.sync();
    await c.sync();
    // On c: the duplicate points at the survivor, which holds the room and both phones.
    const merged = await c.failure('customer.view', { id: inC.id });
    expect(merged.code).toBe('CUSTOMER_MERGED');
    expect(merged.details).toMatchObject({ survivorId: inA.id });
    const survivorOnC = await c.call('customer.view', { id: inA.id });
    expect(survivorOnC.phones.map((p) => p.number).sort()).toEqual(['13600136001', '13600136002']);
    expect(survivorOnC.relations.map((x) => x.resource.id)).toEqual([r.id]);
    expect(survivorOnC.mergedFrom.map((m) => m.mergedId)).toEqual([inC.id]);
    // On a: the survivor has c's phone too, and the merge shows in its history.
    const survivorOnA = await a.call('customer.view', { id: inA.id });
    expect(survivorOnA.phones.map((p) => p.number).sort()).toEqual(['13600136001', '13600136002']);
    expect(survivorOnA.mergedFrom.map((m) => m.mergedId)).toEqual([inC.id]);
  });
});

describe('unreliable networks and servers', () => {
  it('changes nothing when pushes and pulls arrive twice or late', async () => {
    const a = await world.office('A6', 'front-a');
    const b = await world.office('B6', 'front-b');
    await inProject(a, 'SH01');
    await inProject(b, 'SH01');
    a.network.duplicate = true;
    a.network.replayOld = true;
    b.network.duplicate = true;
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      made.push((await a.call('customer.create', personInput(`重复${i}号`, residentId(), `1350013500${i}`))).id);
      await a.sync();
    }
    await updateCustomer(a, made[0]!, { remark: '最后的修改' });
    await a.sync();
    await b.sync();
    for (const id of made) expect((await b.call('customer.view', { id })).customer.id).toBe(id);
    expect((await b.call('customer.view', { id: made[0]! })).customer.remark).toBe('最后的修改');
    const list = await b.call('customer.list', { query: '重复', page: 1, pageSize: 50 });
    expect(list.total).toBe(5);
    expect((await a.call('sync.status', {})).pendingChanges).toBe(0);
  });

  it('resumes after the connection is cut in the middle of a push and of a pull', async () => {
    // Small batches and pages, so the cuts fall between them.
    const a = await world.office('A7', 'front-a', { pushLimit: 5, pullLimit: 5 });
    const b = await world.office('B7', 'front-b', { pushLimit: 5, pullLimit: 5 });
    const projectId = await inProject(a, 'SH01');
    await inProject(b, 'SH01');
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await room(a, projectId, `9-1-${String(i).padStart(4, '0')}`)).id);
    a.network.cutAfter = 3;
    expect((await a.sync()).ok).toBe(false);
    const pending = (await a.call('sync.status', {})).pendingChanges;
    expect(pending).toBeGreaterThan(0);
    expect(pending).toBeLessThan(30);
    a.network.online = true;
    a.network.cutAfter = null;
    await a.sync();
    expect((await a.call('sync.status', {})).pendingChanges).toBe(0);
    b.network.cutAfter = 3;
    expect((await b.sync()).ok).toBe(false);
    b.network.online = true;
    b.network.cutAfter = null;
    await b.sync();
    for (const id of ids) expect((await b.call('resource.card', { id })).resource.id).toBe(id);
  });

  it('loses nothing when the server restarts in the middle of a sync', async () => {
    const a = await world.office('A8', 'front-a');
    const projectId = await inProject(a, 'SH01');
    for (let i = 0; i < 40; i++) await room(a, projectId, `8-1-${String(i).padStart(4, '0')}`);
    const round = a.sync();
    await world.restartServer();
    await round;
    await a.sync();
    expect((await a.call('sync.status', {})).pendingChanges).toBe(0);
    const fresh = await world.office('B8', 'front-b');
    const list = await fresh.call('resource.list', {
      projectId,
      query: '8-1-',
      page: 1,
      pageSize: 100,
    } as CallInput<'resource.list'>);
    expect(list.total).toBe(40);
  });

  it('orders by causality when an office PC clock is three hours off either way', async () => {
    const fast = await world.office('FAST', 'front-a', { clockSkewMs: 3 * 3600_000 });
    const slow = await world.office('SLOW', 'front-b', { clockSkewMs: -3 * 3600_000 });
    await inProject(fast, 'SH01');
    await inProject(slow, 'SH01');
    const customer = await fast.call('customer.create', personInput('周杰', residentId(), '13300133001'));
    await updateCustomer(fast, customer.id, { remark: '快钟的备注' });
    await fast.sync();
    await slow.sync();
    // The slow PC saw the fast one's edit and then edited: its edit is the later one.
    await updateCustomer(slow, customer.id, { remark: '慢钟看过之后的备注' });
    await slow.sync();
    await fast.sync();
    for (const office of [fast, slow]) {
      expect((await office.call('customer.view', { id: customer.id })).customer.remark).toBe('慢钟看过之后的备注');
    }
  });
});

describe('access taken away', () => {
  it('removes a project from the device at the next sync after its grant is revoked, and everything after the device is revoked', async () => {
    const d = await world.office('D9', 'front-d');
    const sh = await inProject(d, 'SH01');
    const inSh = await room(d, sh, '7-1-0101');
    const hz = await inProject(d, 'HZ01');
    const inHz = await room(d, hz, '7-1-0102');
    await d.sync();
    await world.revokeGrant('front-d', 'SH01');
    await d.sync();
    expect((await d.failure('resource.card', { id: inSh.id })).code).toBe('NOT_FOUND');
    expect((await d.call('resource.card', { id: inHz.id })).resource.id).toBe(inHz.id);
    await world.revokeDevice(d.host.info.deviceId);
    const result = await d.sync();
    expect(result.error?.code).toBe('DEVICE_REVOKED');
    expect((await d.failure('resource.card', { id: inHz.id })).code).toBe('NOT_FOUND');
    const status = await d.call('sync.status', {});
    expect(status.lastErrorCode).toBe('DEVICE_REVOKED');
    expect(status.lastError).toContain('停用');
  });
});

describe('after an app upgrade', () => {
  it('pulls again what the older app skipped, merging without logging twice or overwriting newer local edits', async () => {
    const a = await world.office('U-A', 'front-a');
    const b = await world.office('U-B', 'front-b');
    const sh = await inProject(a, 'SH01');
    await inProject(b, 'SH01');
    const r = await a.call('resource.create', {
      projectId: sh,
      parentId: null,
      kind: 'room',
      code: '8-1-0101',
      name: '0101',
      status: 'unsold',
      houseType: '三房两厅',
      orientation: '南',
    } as CallInput<'resource.create'>);
    const r2 = await a.call('resource.create', {
      projectId: sh,
      parentId: null,
      kind: 'room',
      code: '8-1-0102',
      name: '0102',
      status: 'unsold',
      houseType: '两房一厅',
    } as CallInput<'resource.create'>);
    const customer = await a.call('customer.create', personInput('林晓峰', residentId(), '13800138801'));
    const vehicle = await a.call('customer.addVehicle', {
      customerId: customer.id,
      plate: '沪A8K801',
      model: '比亚迪 汉',
      color: '白',
      parkingId: null,
    } as CallInput<'customer.addVehicle'>);
    await a.sync();
    await b.sync();
    expect((await b.call('resource.card', { id: r.id })).resource.houseType).toBe('三房两厅');

    // B as the older app left it: vehicles were an entity it did not know (skipped whole) and
    // 户型 a field it did not know (its column at the default, its log row without it).
    const sqlite = b.host.database.sqlite;
    const createId = sqlite
      .prepare(`SELECT change_id FROM change_log WHERE entity_id = ? AND op = 'create'`)
      .pluck()
      .get(r.id) as string;
    sqlite.prepare(`DELETE FROM vehicles`).run();
    sqlite.prepare(`DELETE FROM change_log WHERE entity = 'vehicle'`).run();
    for (const id of [r.id, r2.id]) {
      sqlite.prepare(`UPDATE resources SET house_type = '' WHERE id = ?`).run(id);
      sqlite
        .prepare(`UPDATE change_log SET changes = json_remove(changes, '$.houseType') WHERE entity_id = ? AND op = 'create'`)
        .run(id);
    }
    const schema = b.host.info.schemaVersion;
    sqlite.prepare(`UPDATE meta SET value = ? WHERE key = 'sync.pulledWithSchema'`).run(String(schema - 1));
    expect((await b.call('customer.view', { id: customer.id })).vehicles).toEqual([]);

    // After the upgrade, before the next round, B's user turns the room north: a newer edit.
    await b.call('resource.bulkEdit', { ids: [r.id], orientation: '北' });
    // … and sets the 户型 of the other room, a field the older app never had: newer too.
    await b.call('resource.bulkEdit', { ids: [r2.id], houseType: '一房一厅' });
    const logBefore = sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number;

    const round = await b.sync();
    expect(round.ok).toBe(true);
    const card = (await b.call('resource.card', { id: r.id })).resource;
    expect(card).toMatchObject({ houseType: '三房两厅', orientation: '北' });
    expect((await b.call('resource.card', { id: r2.id })).resource.houseType).toBe('一房一厅');
    expect((await b.call('customer.view', { id: customer.id })).vehicles.map((v) => v.id)).toEqual([vehicle.id]);
    // The vehicle's entries are new to B's log; the room's creation is there once, with 户型 now.
    expect(sqlite.prepare('SELECT count(*) FROM change_log WHERE change_id = ?').pluck().get(createId)).toBe(1);
    const created = JSON.parse(
      sqlite.prepare('SELECT changes FROM change_log WHERE change_id = ?').pluck().get(createId) as string,
    ) as Record<string, { new: unknown }>;
    expect(created.houseType?.new).toBe('三房两厅');
    expect(sqlite.prepare('SELECT change_id FROM change_log GROUP BY change_id HAVING count(*) > 1').all()).toEqual([]);
    const vehicleRows = sqlite.prepare(`SELECT count(*) FROM change_log WHERE entity = 'vehicle'`).pluck().get() as number;
    expect(sqlite.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(logBefore + vehicleRows);
    // The history shows 户型 once, as the creation set it.
    const history = await b.call('history.list', { entity: 'resource', entityId: r.id });
    expect(history.filter((h) => 'houseType' in h.changes)).toHaveLength(1);
    // B's own edit reached the server and A; the re-pull is done and not repeated.
    await a.sync();
    expect((await a.call('resource.card', { id: r.id })).resource.orientation).toBe('北');
    expect((await a.call('resource.card', { id: r2.id })).resource.houseType).toBe('一房一厅');
    expect(sqlite.prepare(`SELECT count(*) FROM meta WHERE key LIKE 'sync.replay.%'`).pluck().get()).toBe(0);
    expect(sqlite.prepare(`SELECT value FROM meta WHERE key = 'sync.pulledWithSchema'`).pluck().get()).toBe(String(schema));
    const again = await b.sync();
    expect(again).toMatchObject({ ok: true, pulled: 0 });
  });
});

describe('another employee signs in on a device with unsent changes', () => {
  // A world of its own: whose rights held "then" is decided by the changes' stamps, and the
  // other tests' ±3 h clocks move the shared server's clock.
  let own: SyncWorld;
  let outer: { world: SyncWorld; projects: Record<string, string> };
  /** Employee ids by account. */
  const employees: Record<string, string> = {};
  beforeAll(async () => {
    outer = { world, projects };
    own = await SyncWorld.start();
    world = own;
    projects = await own.organisation(['SH01', 'HZ01']);
    employees['front-a'] = await own.employee('front-a', '前台甲', ['SH01']);
    employees['front-b'] = await own.employee('front-b', '前台乙', ['SH01']);
    employees['front-c'] = await own.employee('front-c', '前台丙', ['HZ01']);
    employees['front-e'] = await own.employee('front-e', '前台戊', ['SH01', 'HZ01']);
    employees['front-f'] = await own.employee('front-f', '前台己', ['SH01']);
  }, 60_000);
  afterAll(async () => {
    world = outer.world;
    projects = outer.projects;
    await own?.close();
  });

  /** Who pushed each change, as the server recorded it with the outcome. */
  async function pushedBy(entityId: string): Promise<{ employee_id: string; status: string; actor: string }[]> {
    const result = (await world.server.db.execute(
      sql`SELECT employee_id, status, change->>'actorId' AS actor FROM outcomes WHERE entity_id = ${entityId} ORDER BY received_at`,
    )) as unknown as { rows: { employee_id: string; status: string; actor: string }[] };
    return result.rows;
  }

  it('sends the previous employee’s changes on their name and rights, shows them waiting, and never re-attributes them', async () => {
    const d = await world.office('E1', 'front-a');
    const sh = await inProject(d, 'SH01');
    d.network.online = false;
    const r = await room(d, sh, '9-1-0101');
    const customer = await d.call('customer.create', personInput('韩梅梅', residentId(), '13800138901'));
    const waiting = (await d.call('sync.status', {})).pendingChanges;
    expect(waiting).toBeGreaterThanOrEqual(3);
    expect((await d.call('sync.status', {})).othersPending).toEqual([]);

    // 前台丙 (HZ01 only) signs in on the same PC before 前台甲's work went out; the line drops
    // again before anything is pushed.
    d.network.online = true;
    const push = d.network.push;
    d.network.push = async () => {
      throw new SyncError('OFFLINE');
    };
    const signedIn = await d.call('sync.login', { account: 'front-c', password: 'front-c-pass' });
    expect(signedIn.employee?.name).toBe('前台丙');
    expect(signedIn.othersPending).toEqual([{ actorId: employees['front-a'], name: '前台甲', count: waiting }]);
    await pause(50);
    expect((await d.call('sync.status', {})).othersPending).toEqual([
      { actorId: employees['front-a'], name: '前台甲', count: waiting },
    ]);

    // 前台丙's own work in HZ01 goes in the same outbox.
    const hz = await inProject(d, 'HZ01');
    const own = await room(d, hz, '9-2-0101');
    d.network.push = push;
    const round = await d.sync();
    expect(round).toMatchObject({ ok: true, rejected: 0, conflictIds: [] });
    expect(round.pushed).toBe(waiting + 1);
    expect((await d.call('sync.status', {})).othersPending).toEqual([]);

    // On the server, 前台甲's room in SH01 (a project 前台丙 may not see) is 前台甲's, pushed by 前台丙.
    const [roomRecord, customerRecord, ownRecord] = await world.store.records([
      { entity: 'resource', id: r.id },
      { entity: 'customer', id: customer.id },
      { entity: 'resource', id: own.id },
    ]);
    expect(roomRecord).toMatchObject({ createdBy: employees['front-a'], updatedBy: employees['front-a'] });
    expect(customerRecord).toMatchObject({ createdBy: employees['front-a'] });
    expect(ownRecord).toMatchObject({ createdBy: employees['front-c'] });
    expect(await pushedBy(r.id)).toEqual([{ employee_id: employees['front-c'], status: 'applied', actor: employees['front-a'] }]);
    // The customer made in SH01 belongs to SH01 (前台甲's project), as if 前台甲 had sent it.
    const b = await world.office('E1-B', 'front-b');
    expect((await b.call('customer.view', { id: customer.id })).customer.name).toBe('韩梅梅');
    const history = await b.call('history.list', { entity: 'resource', entityId: r.id });
    expect(history[0]).toMatchObject({ actorName: '前台甲', op: 'create' });
    // 前台丙's device no longer holds SH01.
    expect((await d.failure('resource.card', { id: r.id })).code).toBe('NOT_FOUND');
  });

  it('refuses a change whose author held no grant of its project then, or never signed in on the device', async () => {
    const d = await world.office('E2', 'front-e');
    const sh = await inProject(d, 'SH01');
    d.network.online = false;
    const before = await room(d, sh, '9-3-0101');
    // The grant is taken away while the PC is offline: what was done before it still counts …
    await world.revokeGrant('front-e', 'SH01');
    d.network.online = true;
    expect(await d.sync()).toMatchObject({ ok: true, rejected: 0 });
    expect((await world.store.records([{ entity: 'resource', id: before.id }]))[0]).toMatchObject({
      createdBy: employees['front-e'],
    });

    // … and a change naming as its author an employee who never signed in here is refused
    // (a device cannot lend its changes another employee's rights).
    const hz = await inProject(d, 'HZ01');
    const forged = await room(d, hz, '9-3-0201');
    d.host.database.sqlite
      .prepare(`UPDATE change_log SET actor_id = ?, actor_name = '前台乙' WHERE entity_id = ? AND pushed_at IS NULL`)
      .run(employees['front-b'], forged.id);
    const round = await d.sync();
    expect(round).toMatchObject({ ok: true, rejected: 1 });
    const conflicts = await d.call('sync.conflicts', { status: 'open', page: 1, pageSize: 10 });
    expect(conflicts.items).toMatchObject([{ code: 'FORBIDDEN', message: '修改者“前台乙”未在本设备登录过，修改未被接受' }]);
    expect((await world.store.records([{ entity: 'resource', id: forged.id }]))[0]).toBeNull();
  });

  it('decides "then" by the change’s stamp: one stamped after the revocation is refused', async () => {
    // A PC whose clock runs two hours ahead stamps its offline work after the revocation.
    const d = await world.office('E3', 'front-f', { clockSkewMs: 2 * 3_600_000 });
    const sh = await inProject(d, 'SH01');
    d.network.online = false;
    const late = await room(d, sh, '9-4-0101');
    await world.revokeGrant('front-f', 'SH01');
    d.network.online = true;
    expect(await d.sync()).toMatchObject({ ok: true, rejected: 1 });
    const conflicts = await d.call('sync.conflicts', { status: 'open', page: 1, pageSize: 10 });
    expect(conflicts.items).toMatchObject([{ code: 'FORBIDDEN', message: '修改者“前台己”当时没有该项目的权限，修改未被接受' }]);
    expect((await world.store.records([{ entity: 'resource', id: late.id }]))[0]).toBeNull();
  });
});
