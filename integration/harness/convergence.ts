/**
 * The convergence property: offices (each a real SQLite client running the real engine)
 * and the real server, random edits, random partitions and reconnects, duplicated and late
 * deliveries, server restarts. Once everyone is back online and has synced, every office
 * equals the server for its projects, every change an office made was either applied or is
 * in its 冲突 list, and the rules hold everywhere. Short in `npm test`, long in `npm run bench`.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { entityTables } from '../../db/entities.js';
import { ENTITY_NAMES, type EntityName } from '../../shared/domain/audit.js';
import { relationRuleViolations, isCurrentOn, type RelationLike } from '../../shared/domain/relations.js';
import { ENTITY_SYNC } from '../../shared/sync/entities.js';
import { query } from '../../server/sync/records.js';
import { personInput, residentId, room, updateCustomer, updateRoom } from './actions.js';
import { SyncWorld, type Office } from './world.js';
import {
  DEFECT_ACTION_CODES,
  handoverRuleViolations,
  OUTCOME_CODES,
  performHandover,
  publishTemplate,
  type HandoverAction,
} from './handover-actions.js';

export type Action =
  | { kind: 'createCustomer'; office: number; person: number }
  | { kind: 'editCustomer'; office: number; pick: number; field: 'remark' | 'address' | 'email'; value: number }
  | { kind: 'createRoom'; office: number }
  | { kind: 'editRoom'; office: number; pick: number; value: number }
  | { kind: 'sellRoom'; office: number; pick: number }
  | { kind: 'registerOwner'; office: number; pick: number; customer: number }
  | { kind: 'offline' | 'online' | 'sync' | 'flaky' | 'steady'; office: number }
  | { kind: 'resolve'; office: number; how: 'retry' | 'discard' }
  | { kind: 'restartServer' }
  | HandoverAction;

const OFFICES = 3;
/** A few people, so the same ID document is registered in several offices. */
const PEOPLE = 5;

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('createCustomer' as const),
      office: fc.nat(OFFICES - 1),
      person: fc.nat(PEOPLE - 1),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('editCustomer' as const),
      office: fc.nat(OFFICES - 1),
      pick: fc.nat(50),
      field: fc.constantFrom('remark' as const, 'address' as const, 'email' as const),
      value: fc.nat(99),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('createRoom' as const), office: fc.nat(OFFICES - 1) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('editRoom' as const),
      office: fc.nat(OFFICES - 1),
      pick: fc.nat(50),
      value: fc.nat(5),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sellRoom' as const), office: fc.nat(OFFICES - 1), pick: fc.nat(50) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('registerOwner' as const),
      office: fc.nat(OFFICES - 1),
      pick: fc.nat(50),
      customer: fc.nat(50),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constantFrom('offline' as const, 'online' as const), office: fc.nat(OFFICES - 1) }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), office: fc.nat(OFFICES - 1) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('flaky' as const, 'steady' as const), office: fc.nat(OFFICES - 1) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('resolve' as const),
      office: fc.nat(OFFICES - 1),
      how: fc.constantFrom('retry' as const, 'discard' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restartServer' as const) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('handoverRoom' as const),
      office: fc.nat(OFFICES - 1),
      pick: fc.nat(50),
      buyer: fc.nat(50),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('inspect' as const),
      office: fc.nat(OFFICES - 1),
      pick: fc.nat(50),
      owner: fc.boolean(),
      item: fc.nat(10),
      result: fc.constantFrom('pass' as const, 'fail' as const, 'na' as const),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('findDefect' as const), office: fc.nat(OFFICES - 1), pick: fc.nat(50), item: fc.nat(10) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('actDefect' as const),
      office: fc.nat(OFFICES - 1),
      pick: fc.nat(50),
      action: fc.constantFrom(...DEFECT_ACTION_CODES),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('complete' as const),
      office: fc.nat(OFFICES - 1),
      pick: fc.nat(50),
      outcome: fc.constantFrom(...OUTCOME_CODES),
    }),
  },
);

export interface Scenario {
  world: SyncWorld;
  offices: Office[];
  /** The project each office works in. */
  projectOf: string[];
  people: { idNumber: string; name: string }[];
  customers: string[];
  rooms: string[];
  roomNo: number;
}

const SURNAMES = ['张', '王', '李', '赵', '陈'];

export async function setUp(): Promise<Scenario> {
  const world = await SyncWorld.start();
  const projects = await world.organisation(['SH01', 'HZ01']);
  await world.employee('office-a', '甲', ['SH01']);
  await world.employee('office-b', '乙', ['SH01']);
  await world.employee('office-c', '丙', ['HZ01']);
  const offices = [await world.office('A', 'office-a'), await world.office('B', 'office-b'), await world.office('C', 'office-c')];
  const projectOf = [projects.SH01!, projects.SH01!, projects.HZ01!];
  for (const [i, office] of offices.entries()) await office.call('session.setProject', { projectId: projectOf[i]! });
  // Each project's template, published before the offices go their own ways (as IT sets it up).
  await publishTemplate(offices[0]!);
  await publishTemplate(offices[2]!);
  for (const office of offices) await office.sync();
  const people = Array.from({ length: PEOPLE }, (_, i) => ({ idNumber: residentId(), name: `${SURNAMES[i]}测试${i}` }));
  return { world, offices, projectOf, people, customers: [], rooms: [], roomNo: 0 };
}

/** Runs one action; a refusal by a local rule is what a user would see and fix: not a failure. */
export async function perform(s: Scenario, action: Action): Promise<void> {
  const office = 'office' in action ? s.offices[action.office]! : undefined;
  const pick = (list: string[], n: number) => (list.length ? list[n % list.length] : undefined);
  try {
    switch (action.kind) {
      case 'createCustomer': {
        const p = s.people[action.person]!;
        const c = await office!.call(
          'customer.create',
          personInput(p.name, p.idNumber, `1390000${String(action.person).padStart(4, '0')}`),
        );
        s.customers.push(c.id);
        break;
      }
      case 'editCustomer': {
        const id = pick(s.customers, action.pick);
        if (!id) break;
        const value = action.field === 'email' ? `u${action.value}@example.com` : `${action.field}-${action.value}`;
        await updateCustomer(office!, id, { [action.field]: value });
        break;
      }
      case 'createRoom': {
        s.roomNo++;
        const r = await room(office!, s.projectOf[action.office]!, `C-${action.office}-${s.roomNo}`);
        s.rooms.push(r.id);
        break;
      }
      case 'editRoom': {
        const id = pick(s.rooms, action.pick);
        if (id) await updateRoom(office!, id, { houseType: ['一室', '两室', '三室', '四室', '五室', '复式'][action.value]! });
        break;
      }
      case 'sellRoom': {
        const id = pick(s.rooms, action.pick);
        if (!id) break;
        const { resource } = await office!.call('resource.card', { id });
        if (resource.status === 'unsold') await updateRoom(office!, id, { status: 'sold' });
        break;
      }
      case 'registerOwner': {
        const id = pick(s.rooms, action.pick);
        const customerId = pick(s.customers, action.customer);
        if (!id || !customerId) break;
        await office!.call('relation.create', {
          customerId,
          resourceId: id,
          role: 'owner',
          share: null,
          startDate: '2026-01-01',
          endDate: null,
          remark: '',
        });
        break;
      }
      case 'offline':
        office!.network.online = false;
        break;
      case 'online':
        office!.network.online = true;
        break;
      case 'flaky':
        office!.network.duplicate = true;
        office!.network.replayOld = true;
        break;
      case 'steady':
        office!.network.duplicate = false;
        office!.network.replayOld = false;
        break;
      case 'sync':
        await office!.sync();
        break;
      case 'resolve': {
        const open = await office!.call('sync.conflicts', { status: 'open', page: 1, pageSize: 5 });
        const first = open.items[0];
        if (first) await office!.call('sync.resolveConflict', { id: first.id, action: action.how });
        break;
      }
      case 'restartServer':
        await s.world.restartServer();
        break;
      default:
        await performHandover(office!, action);
    }
  } catch (error) {
    // Local rules (NOT_FOUND of a record this office has not seen, OWNER_EXISTS, a document
    // already registered …) refuse with a message and save nothing: the user's business.
    if (!(error instanceof Error && error.name === 'ApiCallError')) throw error;
  }
}

/** Everyone online and steady, synced until nothing moves. */
export async function settle(s: Scenario): Promise<void> {
  for (const office of s.offices) {
    office.network.online = true;
    office.network.duplicate = false;
    office.network.replayOld = false;
    office.network.cutAfter = null;
  }
  for (let round = 0; round < 6; round++) {
    let moved = 0;
    for (const office of s.offices) {
      const result = await office.sync();
      if (!result.ok) throw new Error(`${office.name} could not sync: ${result.error?.message}`);
      moved += result.pushed + result.pulled;
    }
    if (moved === 0 && round > 0) return;
  }
  throw new Error('the offices did not settle in 6 rounds');
}

const normal = (v: unknown) => JSON.stringify(v ?? null);

/** Records compared so far (reported, so a run that compared nothing is seen). */
let compared = 0;

/** The differences between an office and the server, for the office's projects (empty: equal). */
async function differences(s: Scenario, index: number): Promise<string[]> {
  const office = s.offices[index]!;
  const projectId = s.projectOf[index]!;
  const problems: string[] = [];
  const db = s.world.server.db;
  const customerIds = new Set(
    (
      await query<{ customer_id: string }>(db, sql`SELECT customer_id FROM customer_projects WHERE project_id = ${projectId}`)
    ).map((r) => r.customer_id),
  );
  const serverRows = await query<{ entity: string; id: string; project_id: string | null; fields: Record<string, unknown> }>(
    db,
    sql`SELECT entity, id, project_id, fields FROM records`,
  );
  const expected = new Map<string, Record<string, unknown>>();
  for (const r of serverRows) {
    const spec = ENTITY_SYNC[r.entity as EntityName];
    const owner =
      spec.scope === 'customer' ? (spec.ownerField === 'id' ? r.id : r.fields[spec.ownerField ?? 'customerId']) : null;
    const visible =
      spec.scope === 'group' ||
      (spec.scope === 'project' && r.project_id === projectId) ||
      (spec.scope === 'customer' && typeof owner === 'string' && customerIds.has(owner));
    if (visible) expected.set(`${r.entity}:${r.id}`, r.fields);
  }
  const local = new Map<string, Record<string, unknown>>();
  for (const entity of ENTITY_NAMES) {
    for (const row of office.host.database.db.select().from(entityTables[entity]).all() as Record<string, unknown>[]) {
      local.set(`${entity}:${String(row.id)}`, row);
    }
  }
  compared += expected.size;
  for (const [key, fields] of expected) {
    const row = local.get(key);
    if (!row) {
      problems.push(`${office.name} lacks ${key}`);
      continue;
    }
    for (const [field, value] of Object.entries(fields)) {
      if (field in row && normal(row[field]) !== normal(value)) {
        problems.push(`${office.name} ${key}.${field}: ${normal(row[field])} ≠ server ${normal(value)}`);
      }
    }
  }
  for (const [key, row] of local) {
    const entity = key.slice(0, key.indexOf(':')) as EntityName;
    const scope = ENTITY_SYNC[entity].scope;
    // Records of other projects may be known (a customer's relations elsewhere are not).
    if (scope === 'project' && row.projectId !== projectId) continue;
    if (!expected.has(key) && !serverRows.some((r) => `${r.entity}:${r.id}` === key))
      problems.push(`${office.name} has ${key}, the server has not`);
  }
  return problems;
}

/** Every change an office made and pushed was applied by the server or is in its 冲突 list. */
async function unaccounted(s: Scenario, index: number): Promise<string[]> {
  const office = s.offices[index]!;
  const sqlite = office.host.database.sqlite;
  const problems: string[] = [];
  const mine = sqlite
    .prepare(`SELECT change_id, rejected, conflict_id, pushed_at FROM change_log WHERE device_id = ?`)
    .all(office.host.info.deviceId) as {
    change_id: string;
    rejected: number;
    conflict_id: string | null;
    pushed_at: string | null;
  }[];
  const outcomes = new Map(
    (await query<{ change_id: string; status: string }>(s.world.server.db, sql`SELECT change_id, status FROM outcomes`)).map(
      (o) => [o.change_id, o.status],
    ),
  );
  for (const change of mine) {
    if (change.pushed_at === null && !change.rejected) {
      problems.push(`${office.name}: change ${change.change_id} never reached the server`);
      continue;
    }
    const outcome = outcomes.get(change.change_id);
    if (change.rejected) {
      const conflict = change.conflict_id && sqlite.prepare('SELECT id FROM sync_conflicts WHERE id = ?').get(change.conflict_id);
      if (!conflict) problems.push(`${office.name}: refused change ${change.change_id} is in no 冲突`);
    } else if (outcome !== 'applied') {
      problems.push(`${office.name}: change ${change.change_id} is marked sent but the server says ${outcome ?? 'nothing'}`);
    }
  }
  return problems;
}

/** The rules, on a set of records: one owner group per room, one live customer per ID document. */
function ruleViolations(records: { entity: string; id: string; fields: Record<string, unknown> }[], where: string): string[] {
  const problems: string[] = [];
  const today = new Date().toISOString().slice(0, 10);
  const byRoom = new Map<string, RelationLike[]>();
  const byDocument = new Map<string, string[]>();
  for (const r of records) {
    const f = r.fields;
    if (f.deletedAt !== null && f.deletedAt !== undefined) continue;
    if (r.entity === 'customerResource') {
      const relation: RelationLike = {
        id: r.id,
        customerId: String(f.customerId),
        role: f.role as RelationLike['role'],
        share: typeof f.share === 'number' ? f.share : null,
        startDate: String(f.startDate),
        endDate: typeof f.endDate === 'string' ? f.endDate : null,
      };
      if (isCurrentOn(relation, today)) byRoom.set(String(f.resourceId), [...(byRoom.get(String(f.resourceId)) ?? []), relation]);
    }
    if (r.entity === 'customer' && !f.mergedInto && f.idKey)
      byDocument.set(String(f.idKey), [...(byDocument.get(String(f.idKey)) ?? []), r.id]);
  }
  for (const [roomId, relations] of byRoom) {
    for (const problem of relationRuleViolations(relations)) problems.push(`${where}: room ${roomId}: ${problem}`);
  }
  for (const [idKey, ids] of byDocument) if (ids.length > 1) problems.push(`${where}: ${ids.length} live customers for ${idKey}`);
  return problems;
}

export async function check(s: Scenario): Promise<string[]> {
  const problems: string[] = [];
  const serverRecords = await query<{ entity: string; id: string; fields: Record<string, unknown> }>(
    s.world.server.db,
    sql`SELECT entity, id, fields FROM records`,
  );
  problems.push(...ruleViolations(serverRecords, 'server'));
  problems.push(...handoverRuleViolations(serverRecords, 'server'));
  for (const [i, office] of s.offices.entries()) {
    problems.push(...(await differences(s, i)));
    problems.push(...(await unaccounted(s, i)));
    const local: { entity: string; id: string; fields: Record<string, unknown> }[] = [];
    for (const entity of ['customer', 'customerResource', 'handover', 'inspection'] as const) {
      for (const row of office.host.database.db.select().from(entityTables[entity]).all() as Record<string, unknown>[]) {
        local.push({ entity, id: String(row.id), fields: row });
      }
    }
    problems.push(...ruleViolations(local, office.name));
    problems.push(...handoverRuleViolations(local, office.name));
  }
  return problems;
}

export interface ConvergenceOptions {
  runs: number;
  minActions: number;
  maxActions: number;
  seed?: number;
  log?: (line: string) => void;
}

/** Runs the property; throws (with fast-check's counterexample and seed) when it fails. */
export async function runConvergence(
  options: ConvergenceOptions,
): Promise<{ runs: number; actions: number; conflicts: number; records: number }> {
  let actions = 0;
  let records = 0;
  let conflicts = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(actionArb, { minLength: options.minActions, maxLength: options.maxActions }), async (plan) => {
      const s = await setUp();
      try {
        for (const action of plan) await perform(s, action);
        await settle(s);
        const problems = await check(s);
        actions += plan.length;
        for (const office of s.offices) conflicts += (await office.call('sync.status', {})).conflicts;
        const handover = await query<{ entity: string; n: number }>(
          s.world.server.db,
          sql`SELECT entity, count(*)::int AS n FROM records WHERE entity IN ('handover', 'inspection', 'defect', 'defectStep') GROUP BY entity`,
        );
        const made = Object.fromEntries(handover.map((r) => [r.entity, r.n]));
        options.log?.(
          `run: ${plan.length} actions, ${s.customers.length} customers, ${s.rooms.length} rooms, ` +
            `${made.handover ?? 0} handovers, ${made.inspection ?? 0} inspections, ${made.defect ?? 0} defects ` +
            `(${made.defectStep ?? 0} steps), ${compared} records compared, ${problems.length} problems`,
        );
        records += compared;
        compared = 0;
        if (problems.length > 0) throw new Error(problems.slice(0, 20).join('\n'));
      } finally {
        await s.world.close();
      }
    }),
    { numRuns: options.runs, endOnFailure: true, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
  );
  return { runs: options.runs, actions, conflicts, records };
}
