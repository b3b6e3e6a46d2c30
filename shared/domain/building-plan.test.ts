import { describe, expect, it } from 'vitest';
import {
  buildingPlanInput,
  findCodeConflicts,
  normalizeRoomQuery,
  planBuilding,
  roomSearchKeys,
  type BuildingPlan,
  type BuildingPlanInput,
  type PlannedNode,
} from './building-plan.js';

function plan(input: BuildingPlanInput): BuildingPlan {
  const result = planBuilding(input);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.plan;
}

function errorsOf(input: BuildingPlanInput): string[] {
  const result = planBuilding(input);
  if (result.ok) throw new Error('expected the plan to be refused');
  return result.errors;
}

const rooms = (p: BuildingPlan) => p.nodes.filter((n) => n.kind === 'room');
const floorsOf = (p: BuildingPlan, unit: number) => p.nodes.filter((n) => n.kind === 'floor' && n.unitNo === unit);
const node = (p: BuildingPlan, key: string): PlannedNode => {
  const n = p.nodes.find((x) => x.key === key);
  if (!n) throw new Error(`no node ${key}`);
  return n;
};

/** "1号楼, 2个单元, 地上1–33层, 地下2层, 每层每单元4户, 不要4层和13层, 房号 1-2-0301" */
const example: BuildingPlanInput = {
  buildingCode: '1',
  units: 2,
  floorsAbove: 33,
  basementFloors: 2,
  roomsPerFloor: 4,
  skipFloors: [4, 13],
};

describe('the standard example', () => {
  const p = plan(example);
  const codes = rooms(p).map((r) => r.code);

  it('counts units, floors and rooms exactly', () => {
    expect(p.counts).toEqual({ units: 2, floors: 2 * (33 + 2), rooms: 2 * 33 * 4 });
    expect(rooms(p)).toHaveLength(264);
    expect(p.nodes).toHaveLength(1 + 2 + 70 + 264);
  });

  it('names the building, units and floors as staff do', () => {
    expect(node(p, 'b')).toMatchObject({ kind: 'building', code: '1', name: '1号楼', parentKey: null });
    expect(node(p, 'u2')).toMatchObject({ code: '1-2', name: '2单元', parentKey: 'b', unitNo: 2 });
    expect(node(p, 'u2/f3')).toMatchObject({ code: '1-2-F03', name: '3层', floorNo: 3, floorLabel: '3' });
    expect(node(p, 'u2/fB1')).toMatchObject({ code: '1-2-B1', name: '地下1层', floorNo: -1, floorLabel: 'B1' });
  });

  it('numbers rooms with the default pattern and jumps the skipped floors', () => {
    expect(codes[0]).toBe('1-1-0101');
    expect(codes.at(-1)).toBe('1-2-3504');
    expect(codes).toContain('1-2-0301');
    expect(codes).toContain('1-2-0501');
    expect(codes.filter((c) => /^1-\d-(04|13)\d\d$/.test(c))).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('keeps physical levels apart from labels', () => {
    // The floor after 3 is labelled 5 but stands on the 4th level; the top is level 33, labelled 35.
    expect(node(p, 'u1/f5')).toMatchObject({ floorNo: 4, floorLabel: '5' });
    expect(node(p, 'u1/f35')).toMatchObject({ floorNo: 33, name: '35层' });
    expect(p.nodes.some((n) => n.key === 'u1/f4' || n.key === 'u1/f13')).toBe(false);
    expect(p.warnings.join()).toContain('不设4、13层');
  });

  it('fills room fields for saving and searching', () => {
    expect(node(p, 'u2/f12/r3')).toMatchObject({
      kind: 'room',
      parentKey: 'u2/f12',
      code: '1-2-1203',
      name: '1203',
      floorNo: 11,
      floorLabel: '12',
      unitNo: 2,
      roomIndex: 3,
      sortOrder: 3,
      searchCode: '1-2-1203',
      shortCode: '1-1203',
      use: 'residential',
    });
    expect(node(p, 'u1/f3/r1').name).toBe('301');
  });

  it('gives basements no rooms by default', () => {
    expect(rooms(p).some((r) => (r.floorNo ?? 0) < 0)).toBe(false);
  });
});

describe('ordering', () => {
  const p = plan(example);

  it('lists parents before children', () => {
    const seen = new Set<string>();
    for (const n of p.nodes) {
      if (n.parentKey !== null) expect(seen.has(n.parentKey)).toBe(true);
      seen.add(n.key);
    }
  });

  it('orders floors bottom to top and sortOrder ascends within each parent', () => {
    const floors = floorsOf(p, 1);
    expect(floors.map((f) => f.floorLabel).slice(0, 6)).toEqual(['B2', 'B1', '1', '2', '3', '5']);
    expect(floors.map((f) => f.floorNo)).toEqual([...floors.map((f) => f.floorNo)].sort((a, b) => (a ?? 0) - (b ?? 0)));
    const byParent = new Map<string, number[]>();
    for (const n of p.nodes) {
      if (n.parentKey === null) continue;
      byParent.set(n.parentKey, [...(byParent.get(n.parentKey) ?? []), n.sortOrder]);
    }
    for (const orders of byParent.values()) {
      expect(orders).toEqual(orders.map((_, i) => i + 1));
    }
  });
});

describe('a tall single-unit building', () => {
  it('plans 40 floors × 8 rooms as 320 rooms', () => {
    const p = plan({ buildingCode: '8', units: 1, floorsAbove: 40, roomsPerFloor: 8 });
    expect(p.counts).toEqual({ units: 1, floors: 40, rooms: 320 });
    const codes = rooms(p).map((r) => r.code);
    expect(codes[0]).toBe('8-1-0101');
    expect(codes.at(-1)).toBe('8-1-4008');
    expect(p.warnings).toEqual([]);
  });
});

describe('basement floors', () => {
  it('creates basement floors per unit and rooms only where an exception asks', () => {
    const p = plan({
      buildingCode: '3',
      units: 2,
      floorsAbove: 6,
      basementFloors: 2,
      roomsPerFloor: 2,
      floorExceptions: [{ floor: -1, unit: 1, roomsPerFloor: 3, use: 'other', houseType: '储藏室' }],
    });
    expect(floorsOf(p, 2).filter((f) => (f.floorNo ?? 0) < 0)).toHaveLength(2);
    const basement = rooms(p).filter((r) => r.floorLabel === 'B1');
    expect(basement.map((r) => r.code)).toEqual(['3-1-B101', '3-1-B102', '3-1-B103']);
    expect(basement[0]).toMatchObject({ name: 'B101', floorNo: -1, use: 'other', houseType: '储藏室' });
    expect(basement[0]?.searchCode).toBe('3-1-B101');
    expect(p.counts.rooms).toBe(2 * 6 * 2 + 3);
  });
});

describe('unit exceptions', () => {
  it('lets a unit have fewer rooms per floor, fewer floors, or its own skips', () => {
    const p = plan({
      ...example,
      units: 3,
      unitExceptions: [
        { unit: 3, roomsPerFloor: 2, floorsAbove: 18, skipFloors: [4, 13, 14] },
        { unit: 2, houseType: '三室两厅', buildArea: 120.5, innerArea: 98 },
      ],
    });
    const u3 = rooms(p).filter((r) => r.unitNo === 3);
    expect(u3).toHaveLength(18 * 2);
    expect(u3.at(-1)?.code).toBe('1-3-2102');
    expect(u3.some((r) => r.floorLabel === '14')).toBe(false);
    expect(node(p, 'u2/f7/r1')).toMatchObject({ houseType: '三室两厅', buildArea: 120.5, innerArea: 98 });
    expect(node(p, 'u1/f7/r1').houseType).toBeUndefined();
    expect(p.counts.rooms).toBe(2 * 33 * 4 + 18 * 2);
  });

  it('refuses an exception for a unit that does not exist', () => {
    expect(errorsOf({ ...example, unitExceptions: [{ unit: 5, roomsPerFloor: 2 }] })).toContain(
      '单元例外中的5单元不存在（共2个单元）',
    );
  });
});

describe('floor exceptions', () => {
  it('changes the room count of one floor, for all units or one unit', () => {
    const p = plan({
      ...example,
      defaults: { use: 'residential', houseType: '两室一厅' },
      floorExceptions: [
        { floor: 1, roomsPerFloor: 2, use: 'commercial', houseType: '商铺' },
        { floor: 35, unit: 2, roomsPerFloor: 2 },
        { floor: 2, roomsPerFloor: 0 },
      ],
    });
    const ground = rooms(p).filter((r) => r.floorLabel === '1');
    expect(ground.map((r) => r.code)).toEqual(['1-1-0101', '1-1-0102', '1-2-0101', '1-2-0102']);
    expect(ground[0]).toMatchObject({ use: 'commercial', houseType: '商铺' });
    expect(node(p, 'u1/f3/r1')).toMatchObject({ use: 'residential', houseType: '两室一厅' });
    expect(
      rooms(p)
        .filter((r) => r.floorLabel === '35')
        .map((r) => r.code),
    ).toEqual(['1-1-3501', '1-1-3502', '1-1-3503', '1-1-3504', '1-2-3501', '1-2-3502']);
    expect(node(p, 'u1/f2').kind).toBe('floor');
    expect(rooms(p).some((r) => r.floorLabel === '2')).toBe(false);
    expect(p.counts.rooms).toBe(264 - 2 * 2 - 2 - 2 * 4);
  });

  it('uses a unit-specific exception over an all-units one', () => {
    const p = plan({
      ...example,
      floorExceptions: [
        { floor: 1, roomsPerFloor: 2 },
        { floor: 1, unit: 2, roomsPerFloor: 1 },
      ],
    });
    expect(rooms(p).filter((r) => r.floorLabel === '1')).toHaveLength(3);
  });

  it('refuses floors that do not exist, skipped ones included', () => {
    const errors = errorsOf({
      ...example,
      floorExceptions: [
        { floor: 13, roomsPerFloor: 2 },
        { floor: 40, unit: 1, roomsPerFloor: 2 },
        { floor: -3, roomsPerFloor: 2 },
        { floor: 1, unit: 9, roomsPerFloor: 2 },
      ],
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        '楼层例外中的13层不存在',
        '楼层例外中的1单元40层不存在',
        '楼层例外中的地下3层不存在',
        '楼层例外中的9单元不存在（共2个单元）',
      ]),
    );
  });
});

describe('validation', () => {
  it('refuses a pattern that would repeat codes', () => {
    const errors = errorsOf({ ...example, roomCodePattern: '{b}-{f2}{r2}' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^房号规则会产生重复房号：1-0101、1-0102、1-0103 等\d+个$/);
  });

  it('accepts a pattern without {u} for a single unit, but warns without {b}', () => {
    const p = plan({ buildingCode: '2', units: 1, floorsAbove: 3, roomsPerFloor: 2, roomCodePattern: '{f}{r2}' });
    expect(rooms(p).map((r) => r.code)).toEqual(['101', '102', '201', '202', '301', '302']);
    expect(p.warnings).toEqual(['房号规则不含楼栋号{b}，可能与其他楼栋的房号重复']);
  });

  it('refuses room codes equal to a unit or floor code', () => {
    expect(errorsOf({ buildingCode: '2', units: 1, floorsAbove: 3, roomsPerFloor: 2, roomCodePattern: '{f}-{r}' })).toEqual([
      '房号规则产生的房号与单元或楼层编号相同：2-1',
    ]);
  });

  it('refuses unknown tokens and unbalanced braces', () => {
    expect(errorsOf({ ...example, roomCodePattern: '{b}-{unit}-{f2}{room}' })[0]).toBe(
      '房号规则含未知占位符：{unit} {room}（可用：{b} {u} {u2} {f} {f2} {r} {r2}）',
    );
    expect(errorsOf({ ...example, roomNamePattern: '{f{r2}' })[0]).toBe('房间名称规则中的花括号不成对：{f{r2}');
    expect(errorsOf({ ...example, roomNamePattern: '{f}' })).toEqual(['房间名称规则会在同一楼层产生重复名称：1单元1层的“1”']);
  });

  it('refuses skip floors out of range', () => {
    expect(errorsOf({ ...example, skipFloors: [4, 40] })).toEqual(['跳过的楼层40超出楼层范围（地上33层，最高为34层）']);
    expect(errorsOf({ ...example, skipFloors: [0] })).toEqual(['跳过的楼层0不是地上楼层（地下楼层不能跳过）']);
    expect(errorsOf({ ...example, unitExceptions: [{ unit: 2, floorsAbove: 10, skipFloors: [30] }] })).toEqual([
      '2单元跳过的楼层30超出楼层范围（地上10层，最高为10层）',
    ]);
  });

  it('counts a skip reached only because of other skips as in range', () => {
    // 33 levels skipping 4, 13 and 34 reach label 36.
    const p = plan({ ...example, skipFloors: [4, 13, 34] });
    expect(floorsOf(p, 1).at(-1)?.floorLabel).toBe('36');
  });

  it('limits one plan to 5,000 rooms', () => {
    expect(errorsOf({ buildingCode: '1', units: 20, floorsAbove: 120, roomsPerFloor: 50 })).toEqual([
      '一次最多生成5000间房（当前为120000间）',
    ]);
    expect(plan({ buildingCode: '1', units: 10, floorsAbove: 50, roomsPerFloor: 10 }).counts.rooms).toBe(5000);
  });

  it('refuses bad numbers and codes with Chinese messages', () => {
    expect(errorsOf({ ...example, units: 0 })).toEqual(['单元数不能小于1']);
    expect(errorsOf({ ...example, floorsAbove: 2.5 })).toEqual(['地上层数必须是整数']);
    expect(errorsOf({ ...example, buildingCode: '1-2' })).toEqual(['楼栋编号只能是1到10位字母或数字（如 1、A、T2）']);
    expect(errorsOf({ ...example, buildingCode: ' ' })).toEqual(['请输入楼栋编号']);
    expect(errorsOf({ ...example, defaults: { use: 'residential', buildArea: 80, innerArea: 90 } })[0]).toMatch(
      /^套内面积不能大于建筑面积：1单元1层、1单元2层、1单元3层 等66个$/,
    );
  });

  it('folds a full-width building code and keeps a given name', () => {
    const p = plan({ buildingCode: 'Ａ２', buildingName: ' Ａ２座 ', units: 1, floorsAbove: 1, roomsPerFloor: 1 });
    expect(node(p, 'b')).toMatchObject({ code: 'A2', name: 'A2座' });
    expect(rooms(p)[0]).toMatchObject({ code: 'A2-1-0101', searchCode: 'A2-1-101', shortCode: 'A2-101' });
  });
});

describe('input as the API contract delivers it', () => {
  it('plans the same from input already parsed by the contract', () => {
    const parsed = buildingPlanInput.parse({
      ...example,
      buildingCode: ' １ ',
      defaults: { use: 'residential', buildArea: 89.456 },
    });
    const again = plan(parsed);
    expect(again.nodes).toEqual(plan({ ...example, defaults: { use: 'residential', buildArea: 89.456 } }).nodes);
    expect(node(again, 'u1/f3/r1').buildArea).toBe(89.46);
  });

  it('refuses codes longer than a resource code may be', () => {
    const long = { ...example, buildingCode: 'ABCDEFGHIJ', roomCodePattern: '{b}{b}{b}{b}-{u}-{f2}{r2}' };
    expect(errorsOf(long)[0]).toMatch(/^房号不能超过40个字：ABCDEFGHIJ/);
  });
});

describe('code conflicts with the project', () => {
  it('reports the building and room codes already in use', () => {
    const p = plan({ buildingCode: '1', units: 1, floorsAbove: 2, roomsPerFloor: 2 });
    expect(findCodeConflicts(p, ['2', '9-1-0101'])).toEqual([]);
    expect(findCodeConflicts(p, ['1', '1-1-0102', '1-1-0201'])).toEqual([
      '楼栋编号1已存在',
      '以下编号已存在：1-1-0102、1-1-0201',
    ]);
  });
});

describe('room search keys', () => {
  it('removes leading zeros and builds both keys', () => {
    expect(roomSearchKeys({ building: '1', unit: 2, floorLabel: '3', roomIndex: 1 })).toEqual({
      searchCode: '1-2-301',
      shortCode: '1-301',
    });
    expect(roomSearchKeys({ building: '01', unit: 2, floorLabel: '12', roomIndex: 3 })).toEqual({
      searchCode: '1-2-1203',
      shortCode: '1-1203',
    });
    expect(roomSearchKeys({ building: '1', unit: 1, floorLabel: '-1', roomIndex: 2 }).searchCode).toBe('1-1-B102');
    expect(roomSearchKeys({ building: '1', floorLabel: 'b01', roomIndex: 2 })).toEqual({
      searchCode: '1-B102',
      shortCode: '1-B102',
    });
  });

  it('reads what staff type', () => {
    expect(normalizeRoomQuery('1-2-0301')).toEqual({ searchCode: '1-2-301' });
    expect(normalizeRoomQuery('1-2-301')).toEqual({ searchCode: '1-2-301' });
    expect(normalizeRoomQuery('1栋2单元301')).toEqual({ searchCode: '1-2-301' });
    expect(normalizeRoomQuery('1号楼2单元0301室')).toEqual({ searchCode: '1-2-301' });
    expect(normalizeRoomQuery(' １－２－１２０３ ')).toEqual({ searchCode: '1-2-1203' });
    expect(normalizeRoomQuery('1-1-b101')).toEqual({ searchCode: '1-1-B101' });
    expect(normalizeRoomQuery('2栋301')).toEqual({ shortCode: '2-301' });
    expect(normalizeRoomQuery('2号楼301')).toEqual({ shortCode: '2-301' });
    expect(normalizeRoomQuery('2-301')).toEqual({ shortCode: '2-301' });
    expect(normalizeRoomQuery('０２栋３０１')).toEqual({ shortCode: '2-301' });
    expect(normalizeRoomQuery('A座1203')).toEqual({ shortCode: 'A-1203' });
  });

  it('meets the keys the plan stores', () => {
    const room = node(plan(example), 'u2/f3/r1');
    expect(normalizeRoomQuery(room.code)?.searchCode).toBe(room.searchCode);
    expect(normalizeRoomQuery('1栋301')?.shortCode).toBe(room.shortCode);
  });

  it('returns null for things that are not room codes', () => {
    for (const q of ['', '301', '张三', '2024-01-15', '1-2-300', '1-2-05', '138-1234-5678', '1-2-3-01', '1栋']) {
      expect(normalizeRoomQuery(q), q).toBeNull();
    }
  });
});
