/**
 * The scale data set: a realistic group (3 regions, 20 projects, 200,000 rooms and parking
 * spaces, 300,000 customers, 400,000 relations at scale 1) written through the real
 * services, so every row has its change-log entry and every create runs its duplicate
 * and rule checks exactly as in use. Rows are batched many per transaction (each service
 * call becomes a savepoint of the batch) because one transaction per row would measure
 * the disk rather than the app.
 *
 * Content is deterministic for a seed and scale; record ids are UUIDv7 minted at write time.
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getOrCreateMeta } from '../../db/meta.js';
import { openDatabase, type OpenedDatabase } from '../../db/open.js';
import { lastHlc } from '../../db/queries/history.js';
import { ChangeWriter, type Actor } from '../../db/write.js';
import { APP_VERSION, DATABASE_FILE } from '../../electron/host/app.js';
import { fileKeyStore, resolveKey } from '../../electron/host/keys.js';
import type { SessionState } from '../../electron/services/context.js';
import { createHandlers } from '../../electron/services/index.js';
import {
  contract,
  type AppInfo,
  type CallArgs,
  type CallInput,
  type CallName,
  type CallResult,
  type Handlers,
} from '../../shared/api/contract.js';
import type { BuildingPlanInput } from '../../shared/domain/building-plan.js';
import type { DictTypeCode } from '../../shared/domain/dictionaries.js';
import { HANDOVER_DICTIONARY_DEFAULTS, STANDARD_TEMPLATE } from '../../shared/domain/handover-template.js';
import type { RelationRole } from '../../shared/domain/relations.js';
import type { ResourceStatus } from '../../shared/domain/resources.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { decodeHlc, HybridLogicalClock } from '../../shared/sync/hlc.js';
import { CITY_PLATES, PeopleFactory } from './people.js';
import { Random } from './random.js';

export const KEY_FILE = 'sitedesk.key';
/** Written last: a folder without it holds an unfinished seed. */
export const SEED_INFO_FILE = 'seed.json';

export interface SeedOptions {
  dir: string;
  seed: number;
  scale: number;
  /** Replace an existing database in `dir`. */
  force?: boolean;
  /** Rows per transaction. */
  batch?: number;
  log?: (line: string) => void;
}

export interface SeedTotals {
  seed: number;
  scale: number;
  regions: number;
  projects: number;
  buildings: number;
  rooms: number;
  parking: number;
  customers: number;
  companies: number;
  phones: number;
  vehicles: number;
  newEnergyVehicles: number;
  relations: number;
  relationsByRole: Record<string, number>;
  statusUpdates: number;
  changeLog: number;
  seconds: number;
  phaseSeconds: Record<string, number>;
  databaseBytes: number;
}

/** Full-scale targets (scale 1). */
export const FULL_SCALE = {
  regions: 3,
  projects: 20,
  holdables: 200_000,
  parkingShare: 0.15,
  customers: 300_000,
  relations: 400_000,
};

const REGIONS = [
  { code: 'EAST', name: '华东区域' },
  { code: 'SOUTH', name: '华南区域' },
  { code: 'NORTH', name: '华北区域' },
];

const PROJECTS: { region: string; code: string; name: string; city: string; province: string }[] = [
  { region: 'EAST', code: 'SH01', name: '滨江花园', city: '上海', province: '沪' },
  { region: 'EAST', code: 'SH02', name: '翠湖天地', city: '上海', province: '沪' },
  { region: 'EAST', code: 'SH03', name: '浦江壹号', city: '上海', province: '沪' },
  { region: 'EAST', code: 'HZ01', name: '西溪云庐', city: '杭州', province: '浙' },
  { region: 'EAST', code: 'HZ02', name: '钱塘印象', city: '杭州', province: '浙' },
  { region: 'EAST', code: 'HZ03', name: '湖山境', city: '杭州', province: '浙' },
  { region: 'EAST', code: 'SZH01', name: '金鸡湖畔', city: '苏州', province: '苏' },
  { region: 'EAST', code: 'NJ01', name: '紫金府', city: '南京', province: '苏' },
  { region: 'SOUTH', code: 'GZ01', name: '天河御景', city: '广州', province: '粤' },
  { region: 'SOUTH', code: 'GZ02', name: '珠江壹号', city: '广州', province: '粤' },
  { region: 'SOUTH', code: 'SZ01', name: '南山府', city: '深圳', province: '粤' },
  { region: 'SOUTH', code: 'SZ02', name: '前海湾', city: '深圳', province: '粤' },
  { region: 'SOUTH', code: 'SZ03', name: '香蜜湖', city: '深圳', province: '粤' },
  { region: 'SOUTH', code: 'DG01', name: '松湖半岛', city: '东莞', province: '粤' },
  { region: 'SOUTH', code: 'FS01', name: '千灯湖', city: '佛山', province: '粤' },
  { region: 'NORTH', code: 'BJ01', name: '朝阳公园府', city: '北京', province: '京' },
  { region: 'NORTH', code: 'BJ02', name: '西山林语', city: '北京', province: '京' },
  { region: 'NORTH', code: 'TJ01', name: '海河湾', city: '天津', province: '津' },
  { region: 'NORTH', code: 'TJ02', name: '梅江壹号', city: '天津', province: '津' },
  { region: 'NORTH', code: 'SJZ01', name: '御园', city: '石家庄', province: '冀' },
];

const HOUSE_TYPES: [number, string][] = [
  [78.5, '两室两厅'],
  [89.2, '三室一厅'],
  [98.6, '三室两厅'],
  [108.3, '三室两厅'],
  [125.7, '四室两厅'],
  [143.9, '四室两厅'],
];
const CAR_MODELS = [
  '大众朗逸',
  '丰田凯美瑞',
  '本田雅阁',
  '日产轩逸',
  '别克GL8',
  '宝马3系',
  '奔驰C级',
  '奥迪A4L',
  '吉利星瑞',
  '长安CS75',
];
const NEV_MODELS = ['比亚迪汉', '比亚迪秦PLUS', '特斯拉Model 3', '特斯拉Model Y', '理想L7', '蔚来ES6', '小鹏P7', '问界M7'];
const COLORS = ['白色', '黑色', '银色', '灰色', '蓝色', '红色'];

/** A ServiceContext bound to a data folder, made the way openHost makes it. */
export interface SeedContext {
  database: OpenedDatabase;
  handlers: Handlers;
  writer: ChangeWriter;
  /** The current project of the calls that work in one (the handover's templates). */
  session: SessionState;
  close(): void;
}

export function openSeedContext(dir: string): SeedContext {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, DATABASE_FILE);
  const exists = existsSync(file) && statSync(file).size > 0;
  const key = resolveKey(fileKeyStore(join(dir, KEY_FILE)), exists);
  const database = openDatabase({ file, key });
  const { db } = database;
  const deviceId = getOrCreateMeta(db, 'device.id', uuidv7);
  const operator: Actor = {
    id: getOrCreateMeta(db, 'operator.id', () => 'local-admin'),
    name: getOrCreateMeta(db, 'operator.name', () => '系统管理员'),
  };
  const last = lastHlc(db);
  const clock = new HybridLogicalClock(deviceId, Date.now, last ? decodeHlc(last) : undefined);
  const writer = new ChangeWriter(db, { actor: operator, deviceId, clock });
  const info: AppInfo = { version: APP_VERSION, schemaVersion: database.schemaVersion, deviceId, operator, transport: 'http' };
  const session: SessionState = { projectId: null };
  const handlers = createHandlers({ db, writer, info: () => info, session });
  return { database, handlers, writer, session, close: () => database.close() };
}

/** One call as the dispatcher would make it: the contract's schema first, then the handler. */
export function callService<K extends CallName>(handlers: Handlers, name: K, input: CallInput<K>): CallResult<K> {
  const parsed = contract[name].input.safeParse(input);
  if (!parsed.success) throw new Error(`${name}: invalid generated input: ${parsed.error.message}\n${JSON.stringify(input)}`);
  const handler = handlers[name] as (args: CallArgs<K>) => CallResult<K> | Promise<CallResult<K>>;
  const result = handler(parsed.data as CallArgs<K>);
  if (result instanceof Promise) throw new Error(`${name} is asynchronous; the seed calls synchronous services only`);
  return result;
}

export function databaseExists(dir: string): boolean {
  const file = join(dir, DATABASE_FILE);
  return existsSync(file) && statSync(file).size > 0;
}

function removeDatabase(dir: string): void {
  for (const name of [SEED_INFO_FILE, DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, KEY_FILE]) {
    rmSync(join(dir, name), { force: true });
  }
}

function dayString(random: Random, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + random.int(0, Math.round((b - a) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
}

function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`.replace(/-02-29$/, '-02-28');
}

/** Splits `total` into `parts` integers that sum to it exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % out.length, rest--) out[i]! += 1;
  return out;
}

interface Holdable {
  id: string;
  kind: 'room' | 'parking';
}

interface SeedCustomer {
  id: string;
  company: boolean;
}

interface PlannedRelation {
  customerId: string;
  role: RelationRole;
  share: number | null;
  startDate: string;
  endDate: string | null;
}

export function seedDatabase(options: SeedOptions): SeedTotals {
  const log = options.log ?? (() => {});
  const batch = options.batch ?? 5000;
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  if (databaseExists(options.dir)) {
    if (!options.force) throw new Error(`${options.dir} already holds a database; pass --force to replace it`);
    removeDatabase(options.dir);
  }
  const ctx = openSeedContext(options.dir);
  const { handlers, writer } = ctx;
  const call = <K extends CallName>(name: K, input: CallInput<K>) => callService(handlers, name, input);
  const sqlite = ctx.database.sqlite;
  const root = new Random(options.seed);
  const phaseSeconds: Record<string, number> = {};
  let phaseStart = elapsed();
  const phase = (name: string) => {
    const now = elapsed();
    phaseSeconds[name] = now - phaseStart;
    phaseStart = now;
  };
  const totals: SeedTotals = {
    seed: options.seed,
    scale: options.scale,
    regions: 0,
    projects: 0,
    buildings: 0,
    rooms: 0,
    parking: 0,
    customers: 0,
    companies: 0,
    phones: 0,
    vehicles: 0,
    newEnergyVehicles: 0,
    relations: 0,
    relationsByRole: {},
    statusUpdates: 0,
    changeLog: 0,
    seconds: 0,
    phaseSeconds,
    databaseBytes: 0,
  };

  try {
    // ─── Organisation ───
    const projectIds: string[] = [];
    writer.transaction(() => {
      const regionIds = new Map<string, string>();
      for (const r of REGIONS) regionIds.set(r.code, call('org.createRegion', r).id);
      for (const p of PROJECTS) {
        const project = call('org.createProject', {
          regionId: regionIds.get(p.region)!,
          code: p.code,
          name: p.name,
          city: p.city,
          address: `${p.city}${p.name}`,
          status: 'selling',
        });
        projectIds.push(project.id);
      }
    });
    totals.regions = REGIONS.length;
    totals.projects = PROJECTS.length;
    log(`组织: ${totals.regions} 个区域, ${totals.projects} 个项目`);
    phase('org');

    // ─── Handover basics: its dictionaries, and each project's published standard template ───
    writer.transaction(() => {
      for (const [typeCode, names] of Object.entries(HANDOVER_DICTIONARY_DEFAULTS)) {
        for (const name of names) call('dict.create', { typeCode: typeCode as DictTypeCode, name });
      }
      for (const projectId of projectIds) {
        ctx.session.projectId = projectId;
        const template = call('template.create', { ...STANDARD_TEMPLATE, areas: [...STANDARD_TEMPLATE.areas] });
        call('template.publish', { id: template.id });
      }
      ctx.session.projectId = null;
    });
    log(`交付验房: 缺陷类别、责任单位、拒收原因、交接物品, 每个项目一套已发布的${STANDARD_TEMPLATE.name}`);
    phase('handover');

    // ─── Buildings (楼盘表 generation) and parking spaces ───
    const holdables = Math.round(FULL_SCALE.holdables * options.scale);
    const roomsTotal = Math.round(holdables * (1 - FULL_SCALE.parkingShare));
    const roomTargets = apportion(
      roomsTotal,
      PROJECTS.map(() => 1),
    );
    const parkingTargets = apportion(
      holdables - roomsTotal,
      PROJECTS.map(() => 1),
    );
    const buildRandom = root.fork(1);
    PROJECTS.forEach((p, index) => {
      const projectId = projectIds[index]!;
      let remaining = roomTargets[index]!;
      let buildingNo = 0;
      writer.transaction(() => {
        while (remaining > 0) {
          buildingNo += 1;
          const highRise = buildRandom.chance(0.7);
          let units = highRise ? buildRandom.int(2, 4) : buildRandom.int(1, 3);
          let floors = highRise ? buildRandom.int(18, 33) : buildRandom.int(6, 11);
          let perFloor = highRise ? buildRandom.int(2, 4) : 2;
          let skipFloors = highRise && buildRandom.chance(0.5) ? [4, 13, 14] : buildRandom.chance(0.3) ? [4] : [];
          if (units * floors * perFloor > remaining) {
            units = 1;
            skipFloors = [];
            perFloor = [4, 3, 2, 1].find((n) => remaining % n === 0 && remaining / n <= 120) ?? 4;
            floors = Math.min(120, Math.floor(remaining / perFloor));
          }
          const [area, houseType] = buildRandom.pick(HOUSE_TYPES);
          const plan: BuildingPlanInput = {
            buildingCode: String(buildingNo),
            units,
            floorsAbove: floors,
            roomsPerFloor: perFloor,
            skipFloors,
            defaults: {
              buildArea: area,
              innerArea: Math.round(area * 78) / 100,
              houseType,
              orientation: buildRandom.pick(['南', '南', '东南', '西南', '南北']),
              use: 'residential',
            },
          };
          const { rooms } = call('resource.generateBuilding', { projectId, plan });
          remaining -= rooms;
          totals.rooms += rooms;
          totals.buildings += 1;
        }
      });
      writer.transaction(() => {
        const spaces = parkingTargets[index]!;
        for (let i = 0; i < spaces; i++) {
          const level = i < spaces / 2 ? 'B1' : 'B2';
          const code = `${level}-${String(i + 1).padStart(4, '0')}`;
          call('resource.create', {
            projectId,
            kind: 'parking',
            code,
            name: `${code}车位`,
            zone: `${level}${buildRandom.pick(['A', 'B', 'C', 'D'])}区`,
            use: 'parking',
            status: 'unsold',
            buildArea: buildRandom.pick([12.5, 13.2, 15]),
          });
          totals.parking += 1;
        }
      });
      log(
        `资源: ${p.name} ${buildingNo} 栋 / 累计 ${totals.rooms.toLocaleString()} 间房, ${totals.parking.toLocaleString()} 个车位 (${elapsed().toFixed(1)} s)`,
      );
    });
    phase('resources');

    // ─── Customers ───
    const customerTotal = Math.round(FULL_SCALE.customers * options.scale);
    const perProject = apportion(
      customerTotal,
      PROJECTS.map(() => 1),
    );
    const byProject: { persons: SeedCustomer[]; companies: SeedCustomer[] }[] = PROJECTS.map(() => ({
      persons: [],
      companies: [],
    }));
    const peopleRandom = root.fork(2);
    const people = new PeopleFactory(peopleRandom);
    let made = 0;
    let nextLog = customerTotal / 10;
    const homes = PROJECTS.flatMap((_, i) => Array.from({ length: perProject[i]! }, () => i));
    peopleRandom.shuffle(homes);
    for (let start = 0; start < homes.length; start += batch) {
      writer.transaction(() => {
        for (const home of homes.slice(start, start + batch)) {
          const project = PROJECTS[home]!;
          const company = peopleRandom.chance(0.03);
          const draft = company ? people.company(project.city, project.province) : people.person(project.province);
          const phones = Array.from({ length: peopleRandom.chance(0.3) ? 2 : 1 }, (_, i) => ({
            number: people.mobile(),
            isPrimary: i === 0,
          }));
          const vehicles: { plate: string; model: string; color: string }[] = [];
          if (peopleRandom.chance(0.25)) {
            const newEnergy = peopleRandom.chance(0.2);
            vehicles.push({
              plate: people.plate(project.city in CITY_PLATES ? project.city : '上海', newEnergy),
              model: peopleRandom.pick(newEnergy ? NEV_MODELS : CAR_MODELS),
              color: peopleRandom.pick(COLORS),
            });
            totals.vehicles += 1;
            if (newEnergy) totals.newEnergyVehicles += 1;
          }
          const customer = call('customer.create', {
            kind: draft.kind,
            name: draft.name,
            idType: company ? 'creditCode' : 'resident',
            idNumber: draft.idNumber,
            phones,
            vehicles,
          });
          (company ? byProject[home]!.companies : byProject[home]!.persons).push({ id: customer.id, company });
          totals.customers += 1;
          totals.phones += phones.length;
          if (company) totals.companies += 1;
          made += 1;
        }
      });
      if (made >= nextLog || made === customerTotal) {
        log(`客户: ${made.toLocaleString()} / ${customerTotal.toLocaleString()} (${elapsed().toFixed(1)} s)`);
        nextLog += customerTotal / 10;
      }
    }
    phase('customers');

    // ─── Relations (owner groups, transfers, tenants, residents) and room status ───
    const relationTotal = Math.round(FULL_SCALE.relations * options.scale);
    const relRandom = root.fork(3);
    const holdablesOf = sqlite.prepare(
      "SELECT id, kind FROM resources WHERE project_id = ? AND kind IN ('room', 'parking') AND deleted_at IS NULL ORDER BY rowid",
    );
    const perProjectHoldables = projectIds.map((id) => holdablesOf.all(id) as Holdable[]);
    const relationTargets = apportion(
      relationTotal,
      perProjectHoldables.map((h) => h.length),
    );
    const add = (role: string, n = 1) => {
      totals.relationsByRole[role] = (totals.relationsByRole[role] ?? 0) + n;
      totals.relations += n;
    };
    const createRelation = (resourceId: string, r: PlannedRelation) => {
      call('relation.create', { resourceId, ...r, remark: '' });
      add(r.role);
    };
    const today = new Date().toISOString().slice(0, 10);
    const customerIds = byProject.flatMap((p) => p.persons.map((c) => c.id));
    let carry = 0;
    const soldRooms: { id: string; taken: Set<string>; start: string }[] = [];
    projectIds.forEach((projectId, index) => {
      const pool = byProject[index]!;
      const all = [...pool.persons, ...pool.companies];
      let personCursor = 0;
      let companyCursor = 0;
      const owners: string[] = [];
      const person = (taken: Set<string>): string => {
        let id: string | undefined;
        if (personCursor < pool.persons.length) id = pool.persons[personCursor++]!.id;
        while (!id || taken.has(id)) id = relRandom.pick(pool.persons.length ? pool.persons : all).id;
        taken.add(id);
        return id;
      };
      const owner = (taken: Set<string>, allowCompany: boolean): string => {
        if (allowCompany && companyCursor < pool.companies.length && relRandom.chance(0.06)) {
          const id = pool.companies[companyCursor++]!.id;
          taken.add(id);
          return id;
        }
        // Investors: some owners hold several flats of the project.
        if (owners.length > 0 && relRandom.chance(0.06)) {
          const id = relRandom.pick(owners);
          if (!taken.has(id)) {
            taken.add(id);
            return id;
          }
        }
        return person(taken);
      };
      const target = relationTargets[index]! + carry;
      let count = 0;
      const status = new Map<ResourceStatus, string[]>();
      const setStatus = (id: string, s: ResourceStatus) => status.set(s, [...(status.get(s) ?? []), id]);
      const order = relRandom.shuffle([...perProjectHoldables[index]!]);
      let at = 0;
      while (count < target && at < order.length) {
        writer.transaction(() => {
          const until = Math.min(order.length, at + Math.ceil(batch / 2));
          for (; at < until && count < target; at++) {
            const resource = order[at]!;
            const taken = new Set<string>();
            const plan: PlannedRelation[] = [];
            let transfer: { effectiveOn: string; owners: PlannedRelation[] } | undefined;
            let tenant = false;
            if (resource.kind === 'parking') {
              if (!relRandom.chance(0.8)) continue;
              // Most spaces are bought by owners of the project's flats.
              const id = owners.length && relRandom.chance(0.7) ? relRandom.pick(owners) : owner(taken, true);
              taken.add(id);
              plan.push({
                customerId: id,
                role: 'owner',
                share: null,
                startDate: dayString(relRandom, '2014-01-01', '2026-06-30'),
                endDate: null,
              });
            } else {
              if (!relRandom.chance(0.88)) continue;
              const secondHand = relRandom.chance(0.12);
              const first = dayString(relRandom, '2012-01-01', secondHand ? '2019-12-31' : '2026-06-30');
              const size = relRandom.chance(0.64) ? 1 : relRandom.chance(0.83) ? 2 : 3;
              const shares =
                size === 1
                  ? [null]
                  : size === 2
                    ? relRandom.pick([
                        [50, 50],
                        [60, 40],
                        [70, 30],
                      ])
                    : relRandom.pick([
                        [40, 30, 30],
                        [50, 25, 25],
                        [34, 33, 33],
                      ]);
              const group = (start: string): PlannedRelation[] =>
                shares.map((share, i) => ({
                  customerId: i === 0 ? owner(taken, size === 1) : person(taken),
                  role: i === 0 ? 'owner' : 'coOwner',
                  share,
                  startDate: start,
                  endDate: null,
                }));
              let ownedFrom = first;
              if (size === 3) {
                // relation.create refuses 2 of 3 shares (they must total 100% at every step): a group
                // of three is registered in one step, as 过户 does.
                transfer = { effectiveOn: first, owners: group(first) };
              } else if (secondHand) {
                plan.push({ customerId: owner(taken, false), role: 'owner', share: null, startDate: first, endDate: null });
                ownedFrom = dayString(relRandom, '2020-01-01', '2026-06-30');
                transfer = { effectiveOn: ownedFrom, owners: group(ownedFrom) };
              } else {
                plan.push(...group(first));
              }
              if (relRandom.chance(0.22)) {
                tenant = true;
                const tenants = relRandom.chance(0.15) ? 2 : 1;
                const start = dayString(relRandom, ownedFrom > '2023-01-01' ? ownedFrom : '2023-01-01', '2026-10-31');
                const end = relRandom.chance(0.6) ? null : addYears(start, relRandom.pick([1, 2, 3]));
                for (let i = 0; i < tenants; i++)
                  plan.push({ customerId: person(taken), role: 'tenant', share: null, startDate: start, endDate: end });
              } else if (relRandom.chance(0.8)) {
                const residents = relRandom.chance(0.6) ? 1 : relRandom.chance(0.7) ? 2 : 3;
                for (let i = 0; i < residents; i++)
                  plan.push({ customerId: person(taken), role: 'resident', share: null, startDate: ownedFrom, endDate: null });
              }
            }
            const size = plan.length + (transfer?.owners.length ?? 0);
            if (count + size > target) {
              // The last few relations: residents of rooms already sold, so no owner group is left half made.
              for (const room of soldRooms.slice(-(target - count))) {
                createRelation(room.id, {
                  customerId: person(room.taken),
                  role: 'resident',
                  share: null,
                  startDate: room.start,
                  endDate: null,
                });
                count += 1;
              }
              break;
            }
            for (const r of plan) createRelation(resource.id, r);
            if (transfer) {
              call('relation.transferOwnership', {
                resourceId: resource.id,
                effectiveOn: transfer.effectiveOn,
                owners: transfer.owners.map((o) => ({
                  customerId: o.customerId,
                  role: o.role as 'owner' | 'coOwner',
                  share: o.share,
                })),
              });
              for (const o of transfer.owners) add(o.role);
            }
            count += size;
            const current = transfer ? transfer.owners : plan.filter((r) => r.role === 'owner' || r.role === 'coOwner');
            owners.push(current[0]!.customerId);
            if (resource.kind === 'parking') setStatus(resource.id, 'sold');
            else {
              soldRooms.push({ id: resource.id, taken, start: current[0]!.startDate });
              if (soldRooms.length > 50) soldRooms.shift();
              const tenantNow = tenant && plan.some((r) => r.role === 'tenant' && (r.endDate === null || r.endDate > today));
              setStatus(
                resource.id,
                tenantNow ? 'rented' : relRandom.pick(['sold', 'delivered', 'occupied', 'occupied'] as const),
              );
            }
          }
        });
      }
      carry = target - count;
      // 房态: rooms with owners are sold, delivered, occupied or rented (bulk edit, as the screen does it).
      writer.transaction(() => {
        for (const [s, ids] of status) {
          for (let i = 0; i < ids.length; i += 1000) {
            call('resource.bulkEdit', { ids: ids.slice(i, i + 1000), status: s });
            totals.statusUpdates += Math.min(1000, ids.length - i);
          }
        }
      });
      log(
        `关系: ${PROJECTS[index]!.name} ${count.toLocaleString()} 条 / 累计 ${totals.relations.toLocaleString()} (${elapsed().toFixed(1)} s)`,
      );
    });
    if (carry > 0 && soldRooms.length > 0) {
      writer.transaction(() => {
        for (let i = 0; carry > 0; i++, carry--) {
          const room = soldRooms[i % soldRooms.length]!;
          createRelation(room.id, {
            customerId: relRandom.pick(customerIds),
            role: 'resident',
            share: null,
            startDate: room.start,
            endDate: null,
          });
        }
      });
    }
    if (carry > 0) log(`注意: 可登记资源不足, 少生成 ${carry} 条关系`);
    phase('relations');

    totals.changeLog = (sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number) ?? 0;
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    ctx.close();
  }
  totals.databaseBytes = statSync(join(options.dir, DATABASE_FILE)).size;
  totals.seconds = elapsed();
  writeFileSync(join(options.dir, SEED_INFO_FILE), `${JSON.stringify(totals, null, 2)}\n`);
  return totals;
}
