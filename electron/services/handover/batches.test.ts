import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHost, withProject, type TempHost } from '../../testing/temp-host.js';
import { batchOf, dayFrom, handoverSite, readyToAccept, roomId, type Site } from './testing/site.js';

/** 交付批次 and 交付单 through the real dispatcher on a real encrypted database. */
let h: TempHost;
let site: Site;
beforeEach(async () => {
  h = tempHost();
  site = await handoverSite(h);
});
afterEach(() => h.dispose());

const batch = (name: string, resourceIds: string[]) =>
  h.call('handover.batchCreate', { name, plannedStart: dayFrom(0), plannedEnd: dayFrom(14), remark: '', resourceIds });

describe('a handover batch', () => {
  it('takes every room under a building, a unit or a floor, one handover each, in the order of the tree', async () => {
    const whole = await batch('一期', [site.buildingId]);
    expect(whole).toMatchObject({
      name: '一期',
      status: 'planned',
      rooms: 12,
      appointed: 0,
      inspected: 0,
      accepted: 0,
      openDefects: 0,
    });
    const list = await h.call('handover.list', { batchId: whole.id, pageSize: 20 });
    expect(list.total).toBe(12);
    expect(list.items.slice(0, 3).map((r) => r.room.code)).toEqual(['9-1-0101', '9-1-0102', '9-1-0201']);
    expect(list.items[0]).toMatchObject({ status: 'waiting', buyers: [], appointment: null, inspections: 0, openDefects: 0 });
    expect(list.items[0]!.room).toMatchObject({ place: '9号楼 1单元 101', buildingId: site.buildingId, kind: 'room' });

    // Closed, its rooms are free for another batch: by unit, by floor.
    await h.call('handover.batchUpdate', {
      id: whole.id,
      name: '一期',
      plannedStart: dayFrom(0),
      plannedEnd: dayFrom(14),
      remark: '',
      status: 'closed',
    });
    const unit = await batch('二期一单元', [site.units[1]!]);
    expect(unit.rooms).toBe(6);
    const floor = await batch('二期二楼', [site.floors.get('9-1-F02')!]);
    expect(floor.rooms).toBe(2);
    const rows = await h.call('handover.list', { batchId: floor.id });
    expect(rows.items.map((r) => r.room.code)).toEqual(['9-1-0201', '9-1-0202']);
    expect((await h.call('handover.batchList', {})).map((b) => [b.name, b.rooms])).toEqual(
      expect.arrayContaining([
        ['一期', 12],
        ['二期一单元', 6],
        ['二期二楼', 2],
      ]),
    );
    expect((await h.call('handover.batchList', { includeClosed: false })).map((b) => b.name).sort()).toEqual([
      '二期一单元',
      '二期二楼',
    ]);
  });

  it('leaves out rooms in another open batch and rooms already received; a batch of nothing is refused', async () => {
    const first = await batch('第一批', [site.floors.get('9-1-F01')!]);
    expect(first.rooms).toBe(2);
    const second = await batch('第二批', [site.units[0]!]);
    // Unit 1 has 6 rooms; its first floor's 2 are in 第一批.
    expect(second.rooms).toBe(4);
    expect(await h.call('handover.batchAddRooms', { batchId: second.id, resourceIds: [site.buildingId] })).toEqual({
      added: 6,
      skipped: 6,
    });
    expect(await h.call('handover.batchAddRooms', { batchId: second.id, resourceIds: [roomId(site, '9-1-0101')] })).toEqual({
      added: 0,
      skipped: 1,
    });
    const none = await h.failure('handover.batchCreate', {
      name: '第三批',
      plannedStart: dayFrom(0),
      plannedEnd: dayFrom(1),
      remark: '',
      resourceIds: [site.floors.get('9-2-F03')!],
    });
    expect(none.code).toBe('HANDOVER_RULE');
    expect(none.message).toContain('没有可加入的房间');

    // A room received in a batch now closed is never handed over again; a refused one may be.
    const list = await h.call('handover.list', { batchId: first.id });
    const [a, b] = list.items;
    for (const [row, outcome] of [
      [a!, 'accepted'],
      [b!, 'refused'],
    ] as const) {
      await h.call('handover.setBuyers', { id: row.id, buyers: [{ customerId: site.buyer, role: 'owner' }] });
      const view = await h.call('inspection.start', {
        resourceId: row.room.id,
        kind: 'owner',
        handoverId: row.id,
        customerId: site.buyer,
      });
      await readyToAccept(h, view.inspection.id);
      await h.call('inspection.complete', {
        inspectionId: view.inspection.id,
        outcome,
        outcomeOn: dayFrom(0),
        refusalReason: '面积有异议',
      });
    }
    await h.call('handover.batchUpdate', {
      id: first.id,
      name: '第一批',
      plannedStart: dayFrom(0),
      plannedEnd: dayFrom(14),
      remark: '',
      status: 'closed',
    });
    const third = await h.call('handover.batchAddRooms', { batchId: second.id, resourceIds: [a!.room.id, b!.room.id] });
    expect(third).toEqual({ added: 1, skipped: 1 });
    // Reopening the closed batch would put 9-1-0102 in two open batches.
    const reopen = await h.failure('handover.batchUpdate', {
      id: first.id,
      name: '第一批',
      plannedStart: dayFrom(0),
      plannedEnd: dayFrom(14),
      remark: '',
      status: 'active',
    });
    expect(reopen.code).toBe('HANDOVER_RULE');
    expect(reopen.message).toContain('第二批');
    // A closed batch takes no rooms.
    expect((await h.failure('handover.batchAddRooms', { batchId: first.id, resourceIds: [site.buildingId] })).code).toBe(
      'HANDOVER_RULE',
    );
  });

  it('has a name unique in the project', async () => {
    await batch('一期', [roomId(site, '9-1-0101')]);
    const dup = await h.failure('handover.batchCreate', {
      name: ' 一期 ',
      plannedStart: dayFrom(0),
      plannedEnd: dayFrom(1),
      remark: '',
      resourceIds: [roomId(site, '9-1-0102')],
    });
    expect(dup.code).toBe('DUPLICATE_NAME');
    expect(dup.fieldErrors.name).toContain('一期');
    const other = await batch('二期', [roomId(site, '9-1-0102')]);
    const rename = await h.failure('handover.batchUpdate', {
      id: other.id,
      name: '一期',
      plannedStart: dayFrom(0),
      plannedEnd: dayFrom(1),
      remark: '',
      status: 'planned',
    });
    expect(rename.code).toBe('DUPLICATE_NAME');
    const bad = await h.failure('handover.batchCreate', {
      name: '三期',
      plannedStart: dayFrom(5),
      plannedEnd: dayFrom(1),
      remark: '',
      resourceIds: [roomId(site, '9-1-0201')],
    });
    expect(bad.fieldErrors.plannedEnd).toBe('计划结束日期不能早于开始日期');

    // Another project has its own batches, and may reuse the name.
    const { projectId } = await withProject(h, 'P02', '西溪里');
    await h.call('session.setProject', { projectId });
    expect(await h.call('handover.batchList', {})).toEqual([]);
    const foreign = await h.failure('handover.batchCreate', {
      name: '一期',
      plannedStart: dayFrom(0),
      plannedEnd: dayFrom(1),
      remark: '',
      resourceIds: [roomId(site, '9-2-0101')],
    });
    expect(foreign.code).toBe('NOT_FOUND');
  });

  it("defaults the buyers to the room's owner group, and checks buyers set by hand", async () => {
    const resourceId = roomId(site, '9-1-0301');
    await h.call('relation.create', { customerId: site.buyer, resourceId, role: 'owner', share: 60, startDate: '2025-01-01' });
    await h.call('relation.create', {
      customerId: site.coBuyer,
      resourceId,
      role: 'coOwner',
      share: 40,
      startDate: '2025-01-01',
    });
    await h.call('relation.create', { customerId: site.stranger, resourceId, role: 'tenant', startDate: '2025-02-01' });
    const { handovers } = await batchOf(h, [resourceId]);
    const id = handovers.get(resourceId)!;
    const view = await h.call('handover.view', { id });
    expect(view.buyers.map((b) => [b.customer.name, b.role, b.share])).toEqual([
      ['张三丰', 'owner', 60],
      ['李秋水', 'coOwner', 40],
    ]);
    expect(view.currentOwners.map((c) => c.name)).toEqual(['张三丰', '李秋水']);
    expect(view.room.code).toBe('9-1-0301');
    expect(view.batch.name).toBe('第一批');

    const list = await h.call('handover.list', { query: '李秋' });
    expect(list.items.map((r) => [r.room.code, r.buyers.map((b) => b.name)])).toEqual([['9-1-0301', ['张三丰', '李秋水']]]);
    expect((await h.call('handover.list', { query: '0301' })).total).toBe(1);
    expect((await h.call('handover.list', { buildingId: site.buildingId })).total).toBe(1);
    expect((await h.call('handover.list', { status: 'accepted' })).total).toBe(0);

    const shares = await h.failure('handover.setBuyers', {
      id,
      buyers: [
        { customerId: site.buyer, role: 'owner', share: 60 },
        { customerId: site.coBuyer, role: 'coOwner', share: 30 },
      ],
    });
    expect(shares.code).toBe('HANDOVER_RULE');
    expect(shares.message).toContain('100%');
    const twoOwners = await h.failure('handover.setBuyers', {
      id,
      buyers: [
        { customerId: site.buyer, role: 'owner' },
        { customerId: site.coBuyer, role: 'owner' },
      ],
    });
    expect(twoOwners.code).toBe('VALIDATION');
    const set = await h.call('handover.setBuyers', {
      id,
      buyers: [
        { customerId: site.coBuyer, role: 'coOwner' },
        { customerId: site.stranger, role: 'owner' },
      ],
    });
    expect(set.handover.buyers.map((b) => b.customerId)).toEqual([site.stranger, site.coBuyer]);
  });

  it('removes a handover only while nothing happened to it', async () => {
    const a = roomId(site, '9-2-0101');
    const b = roomId(site, '9-2-0102');
    const { batchId, handovers } = await batchOf(h, [a, b]);
    for (const id of handovers.values()) {
      await h.call('handover.setBuyers', { id, buyers: [{ customerId: site.buyer, role: 'owner' }] });
    }
    const appointment = await h.call('appointment.book', {
      handoverId: handovers.get(a)!,
      customerId: site.buyer,
      date: dayFrom(1),
      slot: '09:00-10:00',
    });
    const booked = await h.failure('handover.remove', { id: handovers.get(a)! });
    expect(booked.code).toBe('HANDOVER_RULE');
    expect(booked.message).toContain('预约');
    await h.call('appointment.setStatus', { id: appointment.id, status: 'cancelled' });
    expect(await h.call('handover.remove', { id: handovers.get(a)! })).toEqual({ removed: true });
    expect((await h.call('appointment.day', { date: dayFrom(1) })).length).toBe(0);

    await h.call('inspection.start', { resourceId: b, kind: 'owner', handoverId: handovers.get(b)!, customerId: site.buyer });
    const inspected = await h.failure('handover.remove', { id: handovers.get(b)! });
    expect(inspected.code).toBe('HANDOVER_RULE');
    expect(inspected.message).toContain('验房');
    expect((await h.call('handover.batchList', {})).find((x) => x.id === batchId)?.rooms).toBe(1);
    // The room removed may join another batch.
    expect((await batch('补充批次', [a])).rooms).toBe(1);
  });

  it('counts appointed, inspected, accepted, refused and open defects per batch', async () => {
    const rooms = ['9-1-0101', '9-1-0102', '9-1-0201'].map((c) => roomId(site, c));
    const { batchId, handovers } = await batchOf(h, rooms);
    for (const id of handovers.values()) {
      await h.call('handover.setBuyers', { id, buyers: [{ customerId: site.buyer, role: 'owner' }] });
    }
    await h.call('appointment.book', {
      handoverId: handovers.get(rooms[2]!)!,
      customerId: site.buyer,
      date: dayFrom(2),
      slot: '10:00-11:00',
    });
    for (const [room, outcome] of [
      [rooms[0]!, 'acceptedWithDefects'],
      [rooms[1]!, 'refused'],
    ] as const) {
      const view = await h.call('inspection.start', {
        resourceId: room,
        kind: 'owner',
        handoverId: handovers.get(room)!,
        customerId: site.buyer,
      });
      await h.call('defect.create', {
        inspectionId: view.inspection.id,
        itemId: view.items[0]!.id,
        area: '入户门',
        description: '门扇变形',
      });
      await readyToAccept(h, view.inspection.id);
      await h.call('inspection.complete', {
        inspectionId: view.inspection.id,
        outcome,
        outcomeOn: dayFrom(0),
        refusalReason: '门扇变形',
      });
    }
    const summary = (await h.call('handover.batchList', {})).find((b) => b.id === batchId)!;
    expect(summary).toMatchObject({ rooms: 3, appointed: 1, inspected: 2, accepted: 1, refused: 1, openDefects: 2 });
    const row = (await h.call('handover.list', { batchId })).items.find((r) => r.room.id === rooms[2])!;
    expect(row.appointment).toMatchObject({ date: dayFrom(2), slot: '10:00-11:00', status: 'booked' });
  });
});
