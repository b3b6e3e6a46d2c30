import { z } from '../validation.js';
import { charLength, normalizeName } from './text.js';
import { RESOURCE_USE_CODES, type ResourceUse } from './resources.js';

/**
 * 楼盘表 generation: a whole building (楼栋 → 单元 → 楼层 → 房间) planned in one step
 * from the way property staff describe it. Planning is pure so the UI can preview
 * exactly what the service will save.
 *
 * Floor numbering: `floorsAbove` counts physical levels; `skipFloors` lists floor
 * NUMBERS that do not exist (4, 13, 14 …), and numbering jumps them, so 33 levels
 * with 4 and 13 skipped are labelled 1–3, 5–12, 14–35. Floor exceptions and the
 * room codes refer to these labels, never to physical levels. Basements are
 * labelled B1, B2 … (B1 directly below ground) and are referred to as -1, -2 … in
 * exceptions; they are never skipped.
 */

/** Placeholders allowed in the room code and name patterns. */
export const ROOM_PATTERN_TOKENS = ['b', 'u', 'u2', 'f', 'f2', 'r', 'r2'] as const;
type PatternToken = (typeof ROOM_PATTERN_TOKENS)[number];

export const MAX_PLANNED_ROOMS = 5000;
const PATTERN_MAX = 40;
/** Same limits as resourceFields, so every planned node could also be saved by hand. */
const CODE_MAX = 40;
const NAME_MAX = 50;
const AREA_MAX = 1_000_000;

function intField(label: string, min: number, max: number) {
  return z
    .number({ error: `请输入${label}` })
    .int(`${label}必须是整数`)
    .min(min, `${label}不能小于${min}`)
    .max(max, `${label}不能大于${max}`);
}

function areaField(label: string) {
  return z
    .number({ error: `${label}必须是数字` })
    .positive(`${label}必须大于0`)
    .max(AREA_MAX, `${label}过大`)
    .transform((n) => Math.round(n * 100) / 100);
}

const useSchema = z.enum(RESOURCE_USE_CODES, { error: '未知的房产用途' });
const shortText = (label: string, max: number) =>
  z
    .string({ error: `${label}必须是文字` })
    .transform(normalizeName)
    .refine((s) => charLength(s) <= max, `${label}不能超过${max}个字`);

/** Attributes given to generated rooms; later layers (unit, floor) override earlier ones. */
const roomAttrs = {
  buildArea: areaField('建筑面积').optional(),
  innerArea: areaField('套内面积').optional(),
  houseType: shortText('户型', 30).optional(),
  use: useSchema.optional(),
};

const patternSchema = (label: string, fallback: string) =>
  z
    .string({ error: `${label}必须是文字` })
    .transform((s) => s.normalize('NFKC').trim())
    .refine((s) => s.length > 0, `${label}不能为空`)
    .refine((s) => charLength(s) <= PATTERN_MAX, `${label}不能超过${PATTERN_MAX}个字`)
    .default(fallback);

export const buildingPlanInput = z.object({
  /** Letters and digits only ('1', 'A', 'T2'): it is the first part of every code and search key. */
  buildingCode: z
    .string({ error: '请输入楼栋编号' })
    .transform((s) => s.normalize('NFKC').trim())
    .refine((s) => s.length > 0, '请输入楼栋编号')
    .refine((s) => /^[A-Za-z0-9]{1,10}$/.test(s) || s.length === 0, '楼栋编号只能是1到10位字母或数字（如 1、A、T2）'),
  /** Defaults to `${buildingCode}号楼`. */
  buildingName: z
    .string({ error: '楼栋名称必须是文字' })
    .transform(normalizeName)
    .refine((s) => charLength(s) <= NAME_MAX, `楼栋名称不能超过${NAME_MAX}个字`)
    .optional(),
  units: intField('单元数', 1, 20),
  floorsAbove: intField('地上层数', 1, 120),
  basementFloors: intField('地下层数', 0, 10).default(0),
  roomsPerFloor: intField('每层户数', 1, 50),
  /** Floor numbers (labels) that do not exist; see the module comment. */
  skipFloors: z
    .array(intField('跳过的楼层', -1000, 1000), { error: '跳过的楼层必须是数字列表' })
    .max(100, '跳过的楼层最多100个')
    .default([]),
  roomCodePattern: patternSchema('房号规则', '{b}-{u}-{f2}{r2}'),
  roomNamePattern: patternSchema('房间名称规则', '{f}{r2}'),
  unitExceptions: z
    .array(
      z.object({
        unit: intField('单元号', 1, 1000),
        roomsPerFloor: intField('每层户数', 0, 50).optional(),
        floorsAbove: intField('地上层数', 1, 120).optional(),
        basementFloors: intField('地下层数', 0, 10).optional(),
        /** Replaces the building's skip list for this unit. */
        skipFloors: z
          .array(intField('跳过的楼层', -1000, 1000))
          .max(100, '跳过的楼层最多100个')
          .optional(),
        ...roomAttrs,
      }),
    )
    .max(20, '单元例外最多20条')
    .default([]),
  floorExceptions: z
    .array(
      z.object({
        /** Floor label: 5 is the floor labelled 5 (not the 5th level), -1 is B1. */
        floor: intField('楼层', -10, 1000).refine((n) => n !== 0, '没有第0层'),
        /** Omitted: every unit that has this floor. */
        unit: intField('单元号', 1, 1000).optional(),
        /** 0 leaves the floor without rooms (架空层, 大堂). Omitted: the unit's count. */
        roomsPerFloor: intField('每层户数', 0, 50).optional(),
        ...roomAttrs,
      }),
    )
    .max(500, '楼层例外最多500条')
    .default([]),
  defaults: z
    .object({
      ...roomAttrs,
      orientation: shortText('朝向', 10).optional(),
    })
    .optional(),
});
export type BuildingPlanInput = z.input<typeof buildingPlanInput>;
type ParsedInput = z.output<typeof buildingPlanInput>;

export type PlannedKind = 'building' | 'unit' | 'floor' | 'room';

export interface PlannedNode {
  /** Stable within the plan: 'b', 'u2', 'u2/f35', 'u2/fB1', 'u2/f35/r1'. */
  key: string;
  kind: PlannedKind;
  parentKey: string | null;
  code: string;
  name: string;
  /** Physical level (1 = ground floor, basements negative); null for building and unit. */
  floorNo: number | null;
  /** '3', '35', 'B1': the number people use, after skipped floors. */
  floorLabel?: string;
  unitNo?: number;
  roomIndex?: number;
  /** 1-based within the parent; the building itself is 0 (its place among buildings is the caller's). */
  sortOrder: number;
  /** Room search keys (see roomSearchKeys); '' on building, unit and floor nodes. */
  searchCode: string;
  shortCode: string;
  buildArea?: number;
  innerArea?: number;
  houseType?: string;
  orientation?: string;
  use?: ResourceUse;
}

export interface BuildingPlan {
  nodes: PlannedNode[];
  counts: { units: number; floors: number; rooms: number };
  warnings: string[];
}

export type BuildingPlanResult = { ok: true; plan: BuildingPlan } | { ok: false; errors: string[] };

// ─── Labels and search keys ───

/** 'B1' for -1, '3' for 3. */
export function floorLabelOf(labelNo: number): string {
  return labelNo < 0 ? `B${-labelNo}` : String(labelNo);
}

function floorName(labelNo: number): string {
  return labelNo < 0 ? `地下${-labelNo}层` : `${labelNo}层`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/** Typed '01' and stored '1' must meet, as must 'a' and 'A'. */
function buildingKey(building: string): string {
  return building
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(^|[A-Z])0+(?=\d)/g, '$1');
}

/** Accepts '3', '03', 'B1', 'b01', '-1'. */
function floorKey(label: string): string {
  const s = label.normalize('NFKC').trim().toUpperCase();
  const below = /^(?:-|B)(\d+)$/.exec(s);
  if (below?.[1] !== undefined) return `B${stripZeros(below[1])}`;
  return /^\d+$/.test(s) ? stripZeros(s) : s;
}

/**
 * Search keys the omni search matches against: `searchCode` is building-unit-room
 * ('1-2-301', '1-2-1203', basements '1-2-B101') and `shortCode` building-room
 * ('1-301'), with leading zeros removed so '0301' and '301' meet. Without a unit
 * both keys are building-room.
 */
export function roomSearchKeys(parts: { building: string; unit?: number; floorLabel: string; roomIndex: number }): {
  searchCode: string;
  shortCode: string;
} {
  const b = buildingKey(parts.building);
  const room = `${floorKey(parts.floorLabel)}${pad2(parts.roomIndex)}`;
  const shortCode = `${b}-${room}`;
  return { searchCode: parts.unit === undefined ? shortCode : `${b}-${parts.unit}-${room}`, shortCode };
}

const BUILDING = '([A-Z]{1,2}\\d{0,3}|\\d{1,4})';
const BUILDING_SEP = '(?:(?:号楼|栋|幢|座|号|#)-?|-)';
const UNIT = '(\\d{1,2})(?:单元-?|-)';
const ROOM = '(B?\\d{3,5})(?:室|号)?';
const FULL_QUERY = new RegExp(`^${BUILDING}${BUILDING_SEP}${UNIT}${ROOM}$`);
const SHORT_QUERY = new RegExp(`^${BUILDING}${BUILDING_SEP}${ROOM}$`);

/** '0301' → '301', 'B0101' → 'B101'; null unless it reads as floor + two-digit room. */
function roomQueryKey(raw: string): string | null {
  const basement = raw.startsWith('B');
  const digits = stripZeros(basement ? raw.slice(1) : raw);
  if (digits.length < 3 || digits.length > 5 || digits.endsWith('00')) return null;
  return basement ? `B${digits}` : digits;
}

/**
 * Reads what staff type for a room — '1-2-0301', '1栋2单元301', '2号楼301', '2-301' —
 * into the key to look up: searchCode when a unit is given, shortCode when not.
 * Null for anything that is not a room code (a bare '301', a date, a phone number),
 * so the caller can fall back to other searches.
 */
export function normalizeRoomQuery(query: string): { searchCode?: string; shortCode?: string } | null {
  const q = query
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, '')
    .toUpperCase();
  if (q.length === 0 || q.length > 30) return null;
  const full = FULL_QUERY.exec(q);
  if (full) {
    const [, b, u, r] = full;
    if (b === undefined || u === undefined || r === undefined) return null;
    const room = roomQueryKey(r);
    const unit = Number(u);
    if (room === null || unit < 1) return null;
    return { searchCode: `${buildingKey(b)}-${unit}-${room}` };
  }
  const short = SHORT_QUERY.exec(q);
  if (short) {
    const [, b, r] = short;
    if (b === undefined || r === undefined) return null;
    const room = roomQueryKey(r);
    if (room === null) return null;
    return { shortCode: `${buildingKey(b)}-${room}` };
  }
  return null;
}

// ─── Patterns ───

type Segment = { text: string } | { token: PatternToken };

function parsePattern(pattern: string, label: string): { ok: true; segments: Segment[] } | { ok: false; error: string } {
  const segments: Segment[] = [];
  const unknown: string[] = [];
  let rest = pattern;
  while (rest.length > 0) {
    const open = rest.indexOf('{');
    const close = rest.indexOf('}');
    if (open < 0 && close < 0) {
      segments.push({ text: rest });
      break;
    }
    if (open < 0 || (close >= 0 && close < open)) return { ok: false, error: `${label}中的花括号不成对：${pattern}` };
    const end = rest.indexOf('}', open);
    const nextOpen = rest.indexOf('{', open + 1);
    if (end < 0 || (nextOpen >= 0 && nextOpen < end)) return { ok: false, error: `${label}中的花括号不成对：${pattern}` };
    if (open > 0) segments.push({ text: rest.slice(0, open) });
    const name = rest.slice(open + 1, end);
    if ((ROOM_PATTERN_TOKENS as readonly string[]).includes(name)) segments.push({ token: name as PatternToken });
    else unknown.push(`{${name}}`);
    rest = rest.slice(end + 1);
  }
  if (unknown.length > 0) {
    const allowed = ROOM_PATTERN_TOKENS.map((t) => `{${t}}`).join(' ');
    return { ok: false, error: `${label}含未知占位符：${unknown.join(' ')}（可用：${allowed}）` };
  }
  return { ok: true, segments };
}

interface TokenValues {
  b: string;
  u: number;
  labelNo: number;
  r: number;
}

function render(segments: readonly Segment[], v: TokenValues): string {
  let out = '';
  for (const s of segments) {
    if ('text' in s) {
      out += s.text;
      continue;
    }
    switch (s.token) {
      case 'b':
        out += v.b;
        break;
      case 'u':
        out += String(v.u);
        break;
      case 'u2':
        out += pad2(v.u);
        break;
      case 'f':
        out += floorLabelOf(v.labelNo);
        break;
      case 'f2':
        // Basements are already two characters ('B1'), and '0B1' would read as nothing.
        out += v.labelNo < 0 ? floorLabelOf(v.labelNo) : pad2(v.labelNo);
        break;
      case 'r':
        out += String(v.r);
        break;
      case 'r2':
        out += pad2(v.r);
        break;
    }
  }
  return out;
}

// ─── Planning ───

interface RoomAttrs {
  buildArea?: number | undefined;
  innerArea?: number | undefined;
  houseType?: string | undefined;
  use?: ResourceUse | undefined;
}

interface FloorPlan {
  level: number;
  labelNo: number;
  rooms: number;
  attrs: RoomAttrs;
}

interface UnitPlan {
  unitNo: number;
  floors: FloorPlan[];
}

/** Labels for `count` physical levels, jumping the skipped numbers; also the skips never reached. */
function labelFloors(count: number, skip: ReadonlySet<number>): { labels: number[]; unreached: number[] } {
  const labels: number[] = [];
  let label = 0;
  for (let level = 1; level <= count; level++) {
    label += 1;
    while (skip.has(label)) label += 1;
    labels.push(label);
  }
  const top = labels[labels.length - 1] ?? 0;
  return { labels, unreached: [...skip].filter((n) => n > top).sort((a, b) => a - b) };
}

function mergeAttrs(...layers: (RoomAttrs | undefined)[]): RoomAttrs {
  const out: RoomAttrs = {};
  for (const l of layers) {
    if (!l) continue;
    if (l.buildArea !== undefined) out.buildArea = l.buildArea;
    if (l.innerArea !== undefined) out.innerArea = l.innerArea;
    if (l.houseType !== undefined && l.houseType !== '') out.houseType = l.houseType;
    if (l.use !== undefined) out.use = l.use;
  }
  return out;
}

function listSample(items: readonly string[], max = 3): string {
  const head = items.slice(0, max).join('、');
  return items.length > max ? `${head} 等${items.length}个` : head;
}

function unitLabel(unit: number | undefined): string {
  return unit === undefined ? '' : `${unit}单元`;
}

/** Builds the unit → floor skeleton with room counts, or the errors that prevent it. */
function layoutUnits(input: ParsedInput, errors: string[], warnings: string[]): UnitPlan[] {
  const unitEx = new Map<number, ParsedInput['unitExceptions'][number]>();
  for (const ex of input.unitExceptions) {
    if (ex.unit > input.units) errors.push(`单元例外中的${ex.unit}单元不存在（共${input.units}个单元）`);
    else if (unitEx.has(ex.unit)) errors.push(`${ex.unit}单元的例外设置重复`);
    else unitEx.set(ex.unit, ex);
  }

  const buildingSkip = new Set(input.skipFloors);
  for (const n of buildingSkip) if (n <= 0) errors.push(`跳过的楼层${n}不是地上楼层（地下楼层不能跳过）`);
  const main = labelFloors(input.floorsAbove, buildingSkip);
  for (const n of main.unreached) {
    errors.push(`跳过的楼层${n}超出楼层范围（地上${input.floorsAbove}层，最高为${main.labels.at(-1) ?? 0}层）`);
  }
  const reachedSkips = [...buildingSkip].filter((n) => n > 0 && !main.unreached.includes(n)).sort((a, b) => a - b);
  if (reachedSkips.length > 0) {
    warnings.push(`不设${reachedSkips.join('、')}层：地上${input.floorsAbove}层，楼层号为1至${main.labels.at(-1) ?? 0}层`);
  }

  const seenFloorEx = new Set<string>();
  for (const ex of input.floorExceptions) {
    const id = `${ex.unit ?? '*'}/${ex.floor}`;
    if (seenFloorEx.has(id)) errors.push(`楼层例外重复：${unitLabel(ex.unit)}${floorName(ex.floor)}`);
    seenFloorEx.add(id);
    if (ex.unit !== undefined && ex.unit > input.units) {
      errors.push(`楼层例外中的${ex.unit}单元不存在（共${input.units}个单元）`);
    }
  }

  const units: UnitPlan[] = [];
  const floorExUsed = new Set<(typeof input.floorExceptions)[number]>();
  for (let u = 1; u <= input.units; u++) {
    const ux = unitEx.get(u);
    const floorsAbove = ux?.floorsAbove ?? input.floorsAbove;
    const basements = ux?.basementFloors ?? input.basementFloors;
    let labels = main.labels;
    if (ux?.skipFloors !== undefined || ux?.floorsAbove !== undefined) {
      const skip = new Set(ux.skipFloors ?? input.skipFloors);
      const own = labelFloors(floorsAbove, skip);
      labels = own.labels;
      if (ux.skipFloors !== undefined) {
        for (const n of skip) if (n <= 0) errors.push(`${u}单元跳过的楼层${n}不是地上楼层（地下楼层不能跳过）`);
        for (const n of own.unreached) {
          errors.push(`${u}单元跳过的楼层${n}超出楼层范围（地上${floorsAbove}层，最高为${own.labels.at(-1) ?? 0}层）`);
        }
      }
    }
    const unitRooms = ux?.roomsPerFloor ?? input.roomsPerFloor;
    const unitAttrs = mergeAttrs(input.defaults, ux);

    const floors: FloorPlan[] = [];
    const levels: { level: number; labelNo: number }[] = [];
    for (let b = basements; b >= 1; b--) levels.push({ level: -b, labelNo: -b });
    labels.forEach((labelNo, i) => levels.push({ level: i + 1, labelNo }));
    for (const { level, labelNo } of levels) {
      // A unit-specific exception wins over one for all units on the same floor.
      const forAll = input.floorExceptions.find((e) => e.floor === labelNo && e.unit === undefined);
      const forUnit = input.floorExceptions.find((e) => e.floor === labelNo && e.unit === u);
      if (forAll) floorExUsed.add(forAll);
      if (forUnit) floorExUsed.add(forUnit);
      const rooms = forUnit?.roomsPerFloor ?? forAll?.roomsPerFloor ?? (labelNo < 0 ? 0 : unitRooms);
      floors.push({ level, labelNo, rooms, attrs: mergeAttrs(unitAttrs, forAll, forUnit) });
    }
    units.push({ unitNo: u, floors });
  }

  for (const ex of input.floorExceptions) {
    if (floorExUsed.has(ex) || (ex.unit !== undefined && ex.unit > input.units)) continue;
    errors.push(`楼层例外中的${unitLabel(ex.unit)}${floorName(ex.floor)}不存在`);
  }
  return units;
}

/**
 * Plans a building from its description. Nothing is saved: the nodes come parents
 * first (building, then each unit followed by its floors bottom → top, each floor
 * followed by its rooms), so the caller can insert them in order, mapping parentKey
 * to the ids it mints. Codes are unique within the plan; uniqueness against what
 * the project already has is checked by findCodeConflicts.
 */
export function planBuilding(raw: BuildingPlanInput): BuildingPlanResult {
  const parsed = buildingPlanInput.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: [...new Set(parsed.error.issues.map((i) => i.message))] };
  const input = parsed.data;
  const errors: string[] = [];
  const warnings: string[] = [];

  const codePattern = parsePattern(input.roomCodePattern, '房号规则');
  const namePattern = parsePattern(input.roomNamePattern, '房间名称规则');
  if (!codePattern.ok) errors.push(codePattern.error);
  if (!namePattern.ok) errors.push(namePattern.error);

  const units = layoutUnits(input, errors, warnings);
  const roomTotal = units.reduce((sum, u) => sum + u.floors.reduce((s, f) => s + f.rooms, 0), 0);
  if (roomTotal > MAX_PLANNED_ROOMS) errors.push(`一次最多生成${MAX_PLANNED_ROOMS}间房（当前为${roomTotal}间）`);
  if (roomTotal === 0) errors.push('没有要生成的房间');
  if (errors.length > 0 || !codePattern.ok || !namePattern.ok) return { ok: false, errors };

  if (!codePattern.segments.some((s) => 'token' in s && s.token === 'b')) {
    warnings.push('房号规则不含楼栋号{b}，可能与其他楼栋的房号重复');
  }

  const b = input.buildingCode;
  const nodes: PlannedNode[] = [
    {
      key: 'b',
      kind: 'building',
      parentKey: null,
      code: b,
      name: input.buildingName || `${b}号楼`,
      floorNo: null,
      sortOrder: 0,
      searchCode: '',
      shortCode: '',
    },
  ];
  const orientation = input.defaults?.orientation;
  let floorCount = 0;
  const badArea: string[] = [];
  // One example is enough to fix a name pattern; listing every floor would bury it.
  let dupName: string | undefined;
  for (const unit of units) {
    const u = unit.unitNo;
    const unitKey = `u${u}`;
    nodes.push({
      key: unitKey,
      kind: 'unit',
      parentKey: 'b',
      code: `${b}-${u}`,
      name: `${u}单元`,
      floorNo: null,
      unitNo: u,
      sortOrder: u,
      searchCode: '',
      shortCode: '',
    });
    unit.floors.forEach((floor, i) => {
      const label = floorLabelOf(floor.labelNo);
      const floorKeyStr = `${unitKey}/f${label}`;
      floorCount += 1;
      nodes.push({
        key: floorKeyStr,
        kind: 'floor',
        parentKey: unitKey,
        code: `${b}-${u}-${floor.labelNo < 0 ? label : `F${pad2(floor.labelNo)}`}`,
        name: floorName(floor.labelNo),
        floorNo: floor.level,
        floorLabel: label,
        unitNo: u,
        sortOrder: i + 1,
        searchCode: '',
        shortCode: '',
      });
      const attrs = floor.attrs;
      const where = `${u}单元${floorName(floor.labelNo)}`;
      if (floor.rooms > 0 && attrs.buildArea !== undefined && attrs.innerArea !== undefined) {
        if (attrs.innerArea > attrs.buildArea) badArea.push(where);
      }
      const names = new Set<string>();
      for (let r = 1; r <= floor.rooms; r++) {
        const values = { b, u, labelNo: floor.labelNo, r };
        const name = render(namePattern.segments, values);
        if (names.has(name)) dupName ??= `${where}的“${name}”`;
        names.add(name);
        nodes.push({
          key: `${floorKeyStr}/r${r}`,
          kind: 'room',
          parentKey: floorKeyStr,
          code: render(codePattern.segments, values),
          name,
          floorNo: floor.level,
          floorLabel: label,
          unitNo: u,
          roomIndex: r,
          sortOrder: r,
          ...roomSearchKeys({ building: b, unit: u, floorLabel: label, roomIndex: r }),
          ...attrs,
          use: attrs.use ?? 'residential',
          ...(orientation ? { orientation } : {}),
        });
      }
    });
  }

  // Unit and floor codes are distinct by construction; only room codes can collide.
  const structural = new Set(nodes.filter((n) => n.kind !== 'room').map((n) => n.code));
  const roomCodes = new Map<string, number>();
  const clashing = new Set<string>();
  for (const n of nodes) {
    if (n.kind !== 'room') continue;
    roomCodes.set(n.code, (roomCodes.get(n.code) ?? 0) + 1);
    if (structural.has(n.code)) clashing.add(n.code);
  }
  const duplicated = [...roomCodes].filter(([, count]) => count > 1).map(([code]) => code);
  if (duplicated.length > 0) errors.push(`房号规则会产生重复房号：${listSample(duplicated)}`);
  const tooLong = [...roomCodes.keys()].filter((c) => charLength(c) > CODE_MAX);
  if (tooLong.length > 0) errors.push(`房号不能超过${CODE_MAX}个字：${listSample(tooLong)}`);
  const longName = nodes.find((n) => n.kind === 'room' && charLength(n.name) > NAME_MAX);
  if (longName) errors.push(`房间名称不能超过${NAME_MAX}个字：${longName.name}`);
  if (clashing.size > 0) errors.push(`房号规则产生的房号与单元或楼层编号相同：${listSample([...clashing])}`);
  if (dupName !== undefined) errors.push(`房间名称规则会在同一楼层产生重复名称：${dupName}`);
  if (badArea.length > 0) errors.push(`套内面积不能大于建筑面积：${listSample(badArea)}`);
  if (errors.length > 0) return { ok: false, errors };

  return {
    ok: true,
    plan: { nodes, counts: { units: units.length, floors: floorCount, rooms: roomTotal }, warnings },
  };
}

/**
 * Codes of the plan that the project already uses (compared ignoring case and
 * full-width forms, as staff would read them), as Chinese messages; empty when
 * the plan can be saved as is.
 */
export function findCodeConflicts(plan: BuildingPlan, existingCodes: Iterable<string>): string[] {
  const fold = (s: string) => s.normalize('NFKC').trim().toUpperCase();
  const existing = new Set<string>();
  for (const c of existingCodes) existing.add(fold(c));
  const building = plan.nodes.find((n) => n.kind === 'building');
  const out: string[] = [];
  if (building && existing.has(fold(building.code))) out.push(`楼栋编号${building.code}已存在`);
  const taken = plan.nodes.filter((n) => n.kind !== 'building' && existing.has(fold(n.code))).map((n) => n.code);
  if (taken.length > 0) out.push(`以下编号已存在：${listSample(taken)}`);
  return out;
}
