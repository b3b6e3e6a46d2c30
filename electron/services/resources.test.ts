import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHost, withProject, type TempHost } from '../testing/temp-host.js';

let h: TempHost;
let projectId: string;
beforeEach(async () => {
  h = tempHost();
  ({ projectId } = await withProject(h));
});
afterEach(() => h.dispose());

const plan = { buildingCode: '1', units: 2, floorsAbove: 6, roomsPerFloor: 2, skipFloors: [4] };

async function generated() {
  const { buildingId } = await h.call('resource.generateBuilding', { projectId, plan });
  const grid = await h.call('resource.floorGrid', { buildingId });
  const room = (code: string) => grid.floors.flatMap((f) => f.cells.flatMap((c) => c.rooms)).find((r) => r.code === code)!;
  return { buildingId, grid, room };
}

describe('楼盘表 generation and 房态图', () => {
  it('creates a building with units, floors and rooms in one step, drawn top floor first', async () => {
    const { buildingId, grid } = await generated();
    expect(grid.units.map((u) => u.name)).toEqual(['1单元', '2单元']);
    expect(grid.floors.map((f) => f.label)[0]).toMatch(/7/);
    expect(grid.floors.some((f) => f.label.startsWith('4'))).toBe(false);
    const rooms = grid.floors.flatMap((f) => f.cells.flatMap((c) => c.rooms));
    expect(rooms).toHaveLength(2 * 6 * 2);
    expect(rooms.every((r) => r.status === 'unsold')).toBe(true);
    expect(rooms.map((r) => r.code)).toContain('1-2-0301');
    const top = await h.call('resource.children', { projectId, parentId: null });
    expect(top.map((r) => [r.id, r.kind, r.childCount])).toEqual([[buildingId, 'building', 2]]);
    expect(grid.statusCounts).toEqual({ unsold: 24 });
  });

  it('refuses a second building whose codes collide, writing nothing', async () => {
    await generated();
    const error = await h.failure('resource.generateBuilding', { projectId, plan });
    expect(error.code).toBe('DUPLICATE_CODE');
    expect((await h.call('resource.children', { projectId, parentId: null })).length).toBe(1);
  });

  it('reports an impossible plan in Chinese', async () => {
    const error = await h.failure('resource.generateBuilding', { projectId, plan: { ...plan, roomCodePattern: '{f2}{r2}' } });
    expect(error.code).toBe('RESOURCE_PLAN_INVALID');
    expect(error.message).toMatch(/重复/);
  });

  it('edits areas and 户型 of a selection in bulk, refusing inner area above build area', async () => {
    const { room } = await generated();
    const ids = [room('1-1-0101').id, room('1-1-0102').id];
    expect(await h.call('resource.bulkEdit', { ids, buildArea: 89.5, innerArea: 72.13, houseType: '三室两厅' })).toEqual({
      changed: 2,
    });
    const card = await h.call('resource.card', { id: ids[0]! });
    expect(card.resource).toMatchObject({ buildArea: 89.5, innerArea: 72.13, houseType: '三室两厅' });
    expect(card.path.map((p) => p.kind)).toEqual(['building', 'unit', 'floor']);
    const error = await h.failure('resource.bulkEdit', { ids, innerArea: 100 });
    expect(error.message).toBe('套内面积不能大于建筑面积');
  });

  it('adds parking spaces and shops by hand with unique codes', async () => {
    const space = await h.call('resource.create', {
      projectId,
      kind: 'parking',
      code: 'B1-001',
      name: 'B1-001车位',
      zone: 'A区',
      use: 'parking',
      status: 'unsold',
    });
    expect(space).toMatchObject({ kind: 'parking', zone: 'A区', path: '/' });
    expect((await h.failure('resource.create', { projectId, kind: 'shop', code: 'b1-001', name: '商铺' })).code).toBe(
      'DUPLICATE_CODE',
    );
    expect((await h.failure('resource.create', { projectId, kind: 'shop', code: 'B1-001', name: '商铺' })).code).toBe(
      'DUPLICATE_CODE',
    );
  });

  it('keeps projects apart: an unknown project is refused', async () => {
    const error = await h.failure('resource.children', { projectId: '0190c5a0-0000-7000-8000-000000000000', parentId: null });
    expect(error.code).toBe('PROJECT_NOT_VISIBLE');
  });
});

describe('拆分 and 合并 with lineage', () => {
  it('splits a room: the old one ends, the new ones record where they came from, and the past stays visible', async () => {
    const { room, buildingId } = await generated();
    const old = room('1-1-0301');
    await h.call('resource.bulkEdit', { ids: [old.id], buildArea: 120, innerArea: 100 });
    const { created } = await h.call('resource.split', {
      id: old.id,
      effectiveOn: '2030-01-01',
      parts: [
        { code: '1-1-0301A', name: '301A', buildArea: 60, innerArea: 50 },
        { code: '1-1-0301B', name: '301B', buildArea: 60, innerArea: 50 },
      ],
    });
    expect(created.map((c) => c.code)).toEqual(['1-1-0301A', '1-1-0301B']);
    const oldCard = await h.call('resource.card', { id: old.id });
    expect(oldCard.resource.endedOn).toBe('2030-01-01');
    expect(oldCard.wentTo.map((l) => l.resource.code)).toEqual(['1-1-0301A', '1-1-0301B']);
    const newCard = await h.call('resource.card', { id: created[0]!.id });
    expect(newCard.cameFrom.map((l) => [l.op, l.resource.code])).toEqual([['split', '1-1-0301']]);

    const codesOn = async (on: string) =>
      (await h.call('resource.floorGrid', { buildingId, on })).floors.flatMap((f) =>
        f.cells.flatMap((c) => c.rooms.map((r) => r.code)),
      );
    expect(await codesOn('2029-12-31')).toContain('1-1-0301');
    expect(await codesOn('2029-12-31')).not.toContain('1-1-0301A');
    expect(await codesOn('2030-01-01')).toEqual(expect.arrayContaining(['1-1-0301A', '1-1-0301B']));
    expect(await codesOn('2030-01-01')).not.toContain('1-1-0301');

    expect((await h.failure('resource.update', { id: old.id, code: old.code, name: 'x' })).code).toBe('RESOURCE_ENDED');
  });

  it('merges rooms into one, summing areas, and refuses to merge a room twice', async () => {
    const { room } = await generated();
    const a = room('1-1-0501');
    const b = room('1-1-0502');
    await h.call('resource.bulkEdit', { ids: [a.id, b.id], buildArea: 80, innerArea: 65 });
    const { created } = await h.call('resource.merge', {
      ids: [a.id, b.id],
      effectiveOn: '2030-06-01',
      target: { code: '1-1-0501', name: '501' },
    });
    expect(created).toMatchObject({ code: '1-1-0501', buildArea: 160, innerArea: 130, validFrom: '2030-06-01' });
    const card = await h.call('resource.card', { id: created.id });
    expect(card.cameFrom.map((l) => l.resource.id).sort()).toEqual([a.id, b.id].sort());
    expect(
      (await h.failure('resource.merge', { ids: [a.id, b.id], effectiveOn: '2030-07-01', target: { code: 'X', name: 'X' } }))
        .code,
    ).toBe('RESOURCE_ENDED');
  });
});

describe('relations that begin after a split', () => {
  it("move whole to the chosen part, or are withdrawn, and split parts take the old room's place", async () => {
    const { room, buildingId } = await generated();
    const old = room('1-1-0201');
    const buyer = await h.call('customer.create', { name: '赵六', idType: 'passport', idNumber: 'G12345678', phones: [] });
    const renter = await h.call('customer.create', { name: '钱七', idType: 'passport', idNumber: 'G12345679', phones: [] });
    const later = await h.call('relation.create', {
      customerId: buyer.id,
      resourceId: old.id,
      role: 'owner',
      startDate: '2031-01-01',
    });
    const tenant = await h.call('relation.create', {
      customerId: renter.id,
      resourceId: old.id,
      role: 'tenant',
      startDate: '2031-02-01',
    });
    expect((await h.call('resource.card', { id: old.id, on: '2030-01-01' })).upcoming.map((r) => r.customerName)).toEqual([
      '赵六',
      '钱七',
    ]);
    const { created } = await h.call('resource.split', {
      id: old.id,
      effectiveOn: '2030-06-01',
      parts: [
        { code: '1-1-0201A', name: '201A' },
        { code: '1-1-0201B', name: '201B' },
      ],
      relationMoves: [
        { relationId: later.id, toPart: 1 },
        { relationId: tenant.id, toPart: null },
      ],
    });
    const b = await h.call('resource.card', { id: created[1]!.id, on: '2031-06-01' });
    expect(b.current.map((r) => [r.customerName, r.startDate])).toEqual([['赵六', '2031-01-01']]);
    expect((await h.call('resource.card', { id: old.id })).upcoming).toEqual([]);
    const floor = (await h.call('resource.floorGrid', { buildingId, on: '2030-06-01' })).floors.find((f) =>
      f.label.startsWith('2'),
    )!;
    expect(floor.cells[0]!.rooms.map((r) => r.code)).toEqual(['1-1-0201A', '1-1-0201B', '1-1-0202']);
  });
});
