/**
 * Sync (issue 4): the real group server (Fastify on the local PostgreSQL, listening on
 * 127.0.0.1) and real office hosts (encrypted SQLite, real services, the real sync engine in
 * its worker thread, as the app runs it, over HTTP): the pieces SyncWorld
 * (integration/harness/world.ts) puts together, on a generated project of realistic size.
 *
 * 1. Initial sync of one generated project by a fresh office (register, sign in, full pull
 *    and apply), against the raw insert rate of the same rows into the same tables.
 * 2. Incremental sync: office A changes 100 records through the real services and syncs,
 *    office B syncs; end to end from A's sync start to B having them.
 * 3. Server throughput: 50 registered, signed-in devices pushing batches of 20 changes
 *    concurrently over HTTP.
 *
 * The server's data is cached in PostgreSQL (bench/sync/server.ts); every run works on a copy.
 * Figures are printed, never asserted.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getTableName, sql } from 'drizzle-orm';
import { entityTables } from '../db/entities.js';
import { openDatabase } from '../db/open.js';
import { tempDir } from '../db/testing/temp-db.js';
import { openHost, type SiteDeskHost } from '../electron/host/app.js';
import { fileKeyStore } from '../electron/host/keys.js';
import { HttpSyncTransport } from '../electron/sync/transport.js';
import { createDeviceCode } from '../server/accounts/devices.js';
import { buildServer } from '../server/app.js';
import { query } from '../server/sync/records.js';
import type { CallInput, CallName, CallResult, Envelope } from '../shared/api/contract.js';
import { ENTITY_NAMES } from '../shared/domain/audit.js';
import { idDocumentKey } from '../shared/domain/id-documents.js';
import { phoneSuffixKey } from '../shared/domain/phones.js';
import { nameSearchKeys } from '../shared/domain/pinyin.js';
import { uuidv7 } from '../shared/ids/uuidv7.js';
import { HybridLogicalClock } from '../shared/sync/hlc.js';
import { PROTOCOL_VERSION, type SyncChange } from '../shared/sync/protocol.js';
import { percentile, type Measurement } from './harness.js';
import { PeopleFactory } from './seed/people.js';
import { Random } from './seed/random.js';
import { PROJECT_SHAPE } from './sync/dataset.js';
import { benchServerDb, loadAccount, OFFICE_ACCOUNTS, PASSWORD, type BenchServerDb, type ServerShape } from './sync/server.js';

export interface SyncBenchOptions {
  seed: number;
  quick: boolean;
  /** Populate the cached server database again (its push rate is then measured). */
  rebuild?: boolean;
  log?: (line: string) => void;
}

/** The full project (~20,000 resources, 40,000 customers + phones, 80,000 relations), or a tenth of it. */
export function syncShape(quick: boolean): ServerShape {
  const load = { projects: 10, offices: 50, roomsPerProject: { floors: 20, roomsPerFloor: 10 } };
  if (!quick) return { project: PROJECT_SHAPE, load };
  return {
    project: { buildings: 3, units: 3, floors: 30, roomsPerFloor: 6, parking: 100, customers: 4000, relations: 8000, handovers: 500, itemsPerInspection: 60 },
    load,
  };
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Time the server spent answering each kind of sync request (fastify's own measure). */
class ServerTimes {
  readonly ms = { pull: 0, push: 0, other: 0 };
  readonly count = { pull: 0, push: 0, other: 0 };
  note(url: string, ms: number): void {
    const kind = url.startsWith('/v1/sync/pull') ? 'pull' : url.startsWith('/v1/sync/push') ? 'push' : 'other';
    this.ms[kind] += ms;
    this.count[kind]++;
  }
  snapshot() {
    return { ms: { ...this.ms }, count: { ...this.count } };
  }
}

interface Office {
  name: string;
  host: SiteDeskHost;
  dir: string;
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallResult<K>>;
  close(): Promise<void>;
}

/** An office PC as the app runs it: the sync engine in its worker thread on its own connection, over HTTP. */
async function openOffice(name: string, serverUrl: string): Promise<Office> {
  const dir = tempDir('sitedesk-bench-office-');
  const host = openHost({
    dataDir: dir,
    keyStore: fileKeyStore(join(dir, 'sitedesk.key')),
    transport: 'http',
    serverUrl,
    // Rounds only when asked for (sync.now), never on a timer during the measurements.
    sync: { mode: 'worker', intervalMs: 3_600_000, debounceMs: 3_600_000, timeoutMs: 30_000 },
    log: (level, message, detail) => {
      if (level === 'error') console.error(message, detail);
    },
  });
  const call = async <K extends CallName>(callName: K, input: CallInput<K>): Promise<CallResult<K>> => {
    const envelope = (await host.dispatch(callName, input)) as Envelope<CallResult<K>>;
    if (!envelope.ok) throw new Error(`${name}: ${callName} failed: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.value;
  };
  // The worker is up (it reports its first status) before anything is timed.
  for (let i = 0; i < 600 && !host.sync?.status(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!host.sync?.status()) throw new Error(`${name}: the sync worker did not start`);
  return {
    name,
    host,
    dir,
    call,
    close: async () => {
      await host.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Synced rows on the device: every entity table. */
function entityRows(host: SiteDeskHost): number {
  const sqlite = host.database.sqlite;
  let rows = 0;
  for (const entity of ENTITY_NAMES) {
    rows += sqlite
      .prepare(`SELECT count(*) FROM "${getTableName(entityTables[entity])}"`)
      .pluck()
      .get() as number;
  }
  return rows;
}

async function syncNow(office: Office): Promise<void> {
  const status = await office.call('sync.now', {});
  if (status.lastError) throw new Error(`${office.name}: sync failed: ${status.lastError}`);
}

/**
 * Waits (bounded, polling the worker's status reports every 10 ms) for the round that signing
 * in started to end: the first success at or after `since` (ms). A round refused for not being
 * signed in yet (the one registering started) is not it.
 */
async function firstRound(office: Office, since: number): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const status = office.host.sync?.status();
    if (status && !status.syncing && status.lastSuccessAt && Date.parse(status.lastSuccessAt) >= since) return;
    const attempted = status?.lastAttemptAt ? Date.parse(status.lastAttemptAt) >= since : false;
    if (status && !status.syncing && attempted && status.lastErrorCode && status.lastErrorCode !== 'NOT_SIGNED_IN') {
      throw new Error(`${office.name}: the first sync failed: ${status.lastError}`);
    }
    if (Date.now() > deadline) throw new Error(`${office.name}: the first sync did not end in 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface InitialSync {
  seconds: number;
  rows: number;
  entries: number;
  /** Server time answering pulls (s), pages, and the other requests (register, login, session). */
  server: { pull: number; pulls: number; other: number };
  /** Seconds from the start until registered, and until signed in. */
  registered: number;
  signedIn: number;
}

/** A fresh office: registered with a new code, signed in, synced to the end (the real calls). */
async function initialSync(server: BenchServerDb, times: ServerTimes, office: Office, account: string): Promise<InitialSync> {
  const { code } = await createDeviceCode(server.server.db, { createdBy: 'bench' });
  // The engine's first attempt (not registered yet) has ended before the clock starts.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const before = times.snapshot();
  const start = process.hrtime.bigint();
  await office.call('sync.register', { code, deviceName: office.name });
  const registered = seconds(start);
  const loginAt = Date.now();
  await office.call('sync.login', { account, password: PASSWORD });
  const signedIn = seconds(start);
  // Signing in starts the first round (as in the app): done at the first success reported after it.
  await firstRound(office, loginAt);
  const elapsed = seconds(start);
  const after = times.snapshot();
  const entries = office.host.database.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
  return {
    seconds: elapsed,
    rows: entityRows(office.host),
    entries,
    registered,
    signedIn,
    server: {
      pull: (after.ms.pull - before.ms.pull) / 1000,
      pulls: after.count.pull - before.count.pull,
      other: (after.ms.other - before.ms.other) / 1000,
    },
  };
}

/**
 * The physical reference: the rows the office now holds, inserted by plain prepared INSERTs
 * (every column, the values as stored) into the same tables of a fresh database opened with
 * the same settings (db/open.ts: SQLCipher, WAL, synchronous=NORMAL, 128 MiB cache,
 * deferred foreign keys as the applier has them), in one transaction, no change log.
 */
function rawInsertRate(source: SiteDeskHost): { rows: number; seconds: number } {
  const tables = ENTITY_NAMES.map((e) => getTableName(entityTables[e]));
  const data = tables.map((table) => ({
    table,
    rows: source.database.sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).raw().all() as unknown[][],
    columns: source.database.sqlite
      .prepare(`SELECT * FROM "${table}" LIMIT 1`)
      .columns()
      .map((c) => c.name),
  }));
  const dir = tempDir('sitedesk-bench-raw-');
  const target = openDatabase({ file: join(dir, 'raw.db'), key: randomBytes(32) });
  try {
    let rows = 0;
    const start = process.hrtime.bigint();
    target.sqlite
      .transaction(() => {
        target.sqlite.pragma('defer_foreign_keys = ON');
        for (const { table, rows: values, columns } of data) {
          if (values.length === 0) continue;
          const insert = target.sqlite.prepare(
            `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          );
          for (const row of values) insert.run(row);
          rows += values.length;
        }
      })
      .immediate();
    return { rows, seconds: seconds(start) };
  } finally {
    target.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Office A changes 100 records through the dispatcher (customer.update, resource.update),
 * then syncs (push, pull); office B syncs (pull, apply). Timed from A's sync start to the
 * end of B's round, which has applied all of them.
 */
async function incrementalSync(
  a: Office,
  b: Office,
  times: ServerTimes,
  projectId: string,
  runs: number,
  log: (line: string) => void,
): Promise<Measurement> {
  for (const office of [a, b]) await office.call('session.setProject', { projectId });
  const sqlite = a.host.database.sqlite;
  const customerIds = sqlite
    .prepare('SELECT id FROM customers WHERE merged_into IS NULL ORDER BY rowid LIMIT ?')
    .pluck()
    .all(50 * (runs + 3)) as string[];
  const roomIds = sqlite
    .prepare("SELECT id FROM resources WHERE kind = 'room' ORDER BY rowid LIMIT ?")
    .pluck()
    .all(50 * (runs + 3)) as string[];
  const samples: number[] = [];
  const parts = { a: [] as number[], b: [] as number[], push: [] as number[] };
  let changes = 0;
  let applied = 0;
  for (let run = -2; run < runs; run++) {
    const offset = (run + 2) * 50;
    for (let i = 0; i < 50; i++) {
      const id = customerIds[(offset + i) % customerIds.length]!;
      const { customer, phones } = await a.call('customer.view', { id });
      await a.call('customer.update', {
        id,
        fields: {
          kind: customer.kind,
          name: customer.name,
          idType: customer.idType,
          idNumber: customer.idNumber,
          gender: customer.gender,
          birthDate: customer.birthDate,
          email: customer.email,
          address: `上海市浦东新区滨江路${run + 3}号${i}室`,
          sourceId: customer.sourceId,
          intentionId: customer.intentionId,
          statusId: customer.statusId,
          tags: JSON.parse(customer.tags) as string[],
          remark: customer.remark,
          custom: JSON.parse(customer.custom) as Record<string, string>,
          phones: phones.map((p) => ({ number: p.number, isPrimary: p.isPrimary })),
        },
        acknowledgeDuplicates: true,
      } as CallInput<'customer.update'>);
      const roomId = roomIds[(offset + i) % roomIds.length]!;
      const { resource: r } = await a.call('resource.card', { id: roomId });
      await a.call('resource.update', {
        id: roomId,
        code: r.code,
        name: r.name,
        floorNo: r.floorNo,
        buildArea: r.buildArea,
        innerArea: r.innerArea,
        houseType: ['两室两厅', '三室一厅', '三室两厅', '四室两厅'][(run + 3 + i) % 4]!,
        orientation: `${run + 3}-${i}`,
        use: r.use,
        status: r.status,
        zone: r.zone,
        custom: JSON.parse(r.custom) as Record<string, string>,
      } as CallInput<'resource.update'>);
    }
    const pending = sqlite.prepare('SELECT count(*) FROM change_log WHERE pushed_at IS NULL').pluck().get() as number;
    const before = b.host.database.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
    const server = times.snapshot();
    const start = process.hrtime.bigint();
    await syncNow(a);
    const aMs = seconds(start) * 1000;
    await syncNow(b);
    const ms = seconds(start) * 1000;
    const got = (b.host.database.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number) - before;
    if (got < pending) throw new Error(`office B received ${got} of ${pending} changes`);
    if (run >= 0) {
      samples.push(ms);
      parts.a.push(aMs);
      parts.b.push(ms - aMs);
      parts.push.push(times.snapshot().ms.push - server.ms.push);
      changes += pending;
      applied += got;
    }
  }
  samples.sort((x, y) => x - y);
  const median = (xs: number[]) =>
    percentile(
      [...xs].sort((x, y) => x - y),
      50,
    );
  log(
    `  incremental: ${runs} runs, ${changes / runs} changes each; p50 A round ${median(parts.a).toFixed(0)} ms ` +
      `(server push ${median(parts.push).toFixed(0)} ms), B round ${median(parts.b).toFixed(0)} ms`,
  );
  return {
    name: 'incremental: 100 changes, A sync → B has them',
    unit: 'ms',
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    targetBelow: 500,
    note:
      `${runs} runs of ${changes / runs} changes (customer.update + resource.update via dispatch), B applied ${applied / runs} each; ` +
      `p50 A round ${median(parts.a).toFixed(0)} ms (server push ${median(parts.push).toFixed(0)} ms), B round ${median(parts.b).toFixed(0)} ms`,
  };
}

/** A lightweight device: registered and signed in over HTTP, pushing SyncChanges it builds itself. */
interface LoadDevice {
  transport: HttpSyncTransport;
  auth: { serverUrl: string; deviceToken: string; sessionToken: string };
  deviceId: string;
  employeeId: string;
  projectId: string;
  rooms: string[];
  clock: HybridLogicalClock;
  people: PeopleFactory;
  random: Random;
}

const VERSIONS = { protocol: PROTOCOL_VERSION, schemaVersion: 4, appVersion: 'bench' };

/** One push: 5 front-desk registrations of 4 changes each (customer, phone, 住户 relation, room edit). */
function loadBatch(d: LoadDevice): SyncChange[] {
  const changes: SyncChange[] = [];
  const at = new Date().toISOString();
  for (let t = 0; t < 5; t++) {
    const txId = uuidv7();
    const change = (
      entity: SyncChange['entity'],
      entityId: string,
      projectId: string | null,
      op: SyncChange['op'],
      fields: Record<string, unknown>,
    ) => {
      const c: SyncChange['changes'] = {};
      for (const [k, v] of Object.entries(fields)) c[k] = { old: null, new: v };
      changes.push({
        changeId: uuidv7(),
        txId,
        entity,
        entityId,
        projectId,
        contextProjectId: d.projectId,
        op,
        changes: c,
        baseHlc: null,
        actorId: d.employeeId,
        actorName: '负载',
        deviceId: d.deviceId,
        at,
        hlc: d.clock.now(),
      });
    };
    const person = d.people.person('粤');
    const keys = nameSearchKeys(person.name);
    const customerId = uuidv7();
    change('customer', customerId, null, 'create', {
      projectId: null,
      kind: 'person',
      name: person.name,
      idType: 'resident',
      idNumber: person.idNumber,
      idKey: idDocumentKey('resident', person.idNumber) ?? '',
      gender: person.sex,
      birthDate: null,
      email: '',
      address: '',
      sourceId: null,
      intentionId: null,
      statusId: null,
      tags: '[]',
      remark: '',
      custom: '{}',
      nameInitials: keys.initials,
      namePinyin: keys.full,
      nameReversed: [...person.name].reverse().join(''),
      idReversed: [...person.idNumber].reverse().join(''),
      mergedInto: null,
    });
    const number = d.people.mobile();
    change('customerPhone', uuidv7(), null, 'create', {
      projectId: null,
      customerId,
      number,
      kind: 'mobile',
      isPrimary: true,
      reversed: phoneSuffixKey(number),
    });
    const room = d.random.pick(d.rooms);
    change('customerResource', uuidv7(), d.projectId, 'create', {
      projectId: d.projectId,
      customerId,
      resourceId: room,
      role: 'resident',
      share: null,
      startDate: '2026-01-01',
      endDate: null,
      remark: '',
    });
    change('resource', room, d.projectId, 'update', { zone: `Z${d.random.int(1, 9)}` });
  }
  return changes;
}

async function serverThroughput(
  server: BenchServerDb,
  url: string,
  options: { pushesPerOffice: number; maxSeconds: number },
  log: (line: string) => void,
): Promise<Measurement[]> {
  const db = server.server.db;
  const devices: LoadDevice[] = [];
  const offices = server.info.shape.load.offices;
  for (let i = 0; i < offices; i++) {
    const transport = new HttpSyncTransport({ timeoutMs: 30_000, transferTimeoutMs: 60_000 });
    const deviceId = uuidv7();
    const { code } = await createDeviceCode(db, { createdBy: 'bench' });
    const { deviceToken } = await transport.register(url, { code, deviceId, name: `负载${i + 1}`, versions: VERSIONS });
    const login = await transport.login(
      { serverUrl: url, deviceToken },
      { account: loadAccount(i), password: PASSWORD, versions: VERSIONS },
    );
    const session = login.session!;
    const projectId = session.projectIds[0]!;
    const rooms = (
      await query<{ id: string }>(
        db,
        sql`SELECT id FROM records WHERE project_key = ${projectId} AND entity = 'resource' AND fields->>'kind' = 'room'`,
      )
    ).map((r) => r.id);
    const random = new Random(9000 + i);
    devices.push({
      transport,
      auth: { serverUrl: url, deviceToken, sessionToken: login.sessionToken },
      deviceId,
      employeeId: session.employeeId,
      projectId,
      rooms,
      clock: new HybridLogicalClock(deviceId),
      people: new PeopleFactory(random.fork(3)),
      random,
    });
  }
  log(`  throughput: ${devices.length} devices registered and signed in`);
  const latencies: number[] = [];
  let applied = 0;
  let refused = 0;
  const push = async (d: LoadDevice, record: boolean) => {
    const changes = loadBatch(d);
    const start = process.hrtime.bigint();
    const response = await d.transport.push(d.auth, { versions: VERSIONS, changes });
    const ms = seconds(start) * 1000;
    if (!record) return;
    latencies.push(ms);
    for (const o of response.outcomes) {
      if (o.status === 'applied') applied++;
      else refused++;
    }
  };
  // One untimed push each (connections, first statements), all at once.
  await Promise.all(devices.map((d) => push(d, false)));
  const deadline = Date.now() + options.maxSeconds * 1000;
  const start = process.hrtime.bigint();
  await Promise.all(
    devices.map(async (d) => {
      for (let n = 0; n < options.pushesPerOffice && Date.now() < deadline; n++) await push(d, true);
    }),
  );
  const elapsed = seconds(start);
  latencies.sort((x, y) => x - y);
  const note = `${devices.length} offices in ${server.info.shape.load.projects} projects, ${latencies.length} pushes of 20 changes in ${elapsed.toFixed(1)} s${refused ? `, ${refused} refused` : ''}`;
  return [
    {
      name: `server throughput: ${devices.length} offices pushing concurrently`,
      unit: 'changes/s',
      value: applied / elapsed,
      note,
    },
    {
      name: 'server push latency under that load (20 changes)',
      unit: 'ms',
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
    },
  ];
}

export async function syncBench(options: SyncBenchOptions): Promise<{ header: string; results: Measurement[] }> {
  const log = options.log ?? (() => {});
  const shape = syncShape(options.quick);
  const server = await benchServerDb({ seed: options.seed, shape, rebuild: options.rebuild ?? false, log });
  const results: Measurement[] = [];
  const counts = server.info.counts;
  const header =
    `server: PostgreSQL ${server.cacheName} (${server.built ? 'built by this run' : 'cached'}) — project of ` +
    `${(counts.resource ?? 0).toLocaleString()} resources, ${(counts.customer ?? 0).toLocaleString()} customers + ` +
    `${(counts.customerPhone ?? 0).toLocaleString()} phones, ${(counts.customerResource ?? 0).toLocaleString()} relations, ` +
    `${(counts.handover ?? 0).toLocaleString()} handovers with ${(counts.inspectionItem ?? 0).toLocaleString()} inspection items ` +
    `and ${(counts.defect ?? 0).toLocaleString()} defects`;
  if (server.built) {
    results.push({
      name: 'server population: dataset pushed through the store',
      unit: 'changes/s',
      value: server.info.pushedChanges / server.info.pushSeconds,
      note: `${server.info.pushedChanges.toLocaleString()} changes in ${server.info.pushSeconds.toFixed(0)} s`,
    });
  }
  const app = buildServer({ db: server.server.db, store: server.store });
  const times = new ServerTimes();
  app.addHook('onResponse', async (request, reply) => times.note(request.url, reply.elapsedTime));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const offices: Office[] = [];
  try {
    const a = await openOffice('A', url);
    offices.push(a);
    log('  initial sync of office A …');
    const first = await initialSync(server, times, a, OFFICE_ACCOUNTS[0]);
    log(
      `  office A: ${first.rows} rows, ${first.entries} log entries in ${first.seconds.toFixed(1)} s ` +
        `(registered after ${first.registered.toFixed(2)} s, signed in after ${first.signedIn.toFixed(2)} s) ` +
        `(server answering pulls ${first.server.pull.toFixed(1)} s over ${first.server.pulls} pages, register/login/session ${first.server.other.toFixed(1)} s)`,
    );
    const raw = rawInsertRate(a.host);
    const rawRate = raw.rows / raw.seconds;
    const syncRate = first.rows / first.seconds;
    results.push({
      name: 'raw SQLCipher insert of the same rows (physical reference)',
      unit: 'rows/s',
      value: rawRate,
      note: `${raw.rows.toLocaleString()} rows in ${raw.seconds.toFixed(2)} s`,
    });
    results.push({
      name: 'initial sync, fresh office: time',
      unit: 's',
      value: first.seconds,
      note: `register + login + ${first.server.pulls} pages; server answering pulls ${first.server.pull.toFixed(1)} s (overlapped with applying)`,
    });
    results.push({
      name: 'initial sync, fresh office: rate',
      unit: 'rows/s',
      value: syncRate,
      targetAtLeast: Math.round(rawRate / 5),
      note: `${first.rows.toLocaleString()} rows; ${(rawRate / syncRate).toFixed(2)}× the raw cost (target ≤ 5×)`,
    });

    const b = await openOffice('B', url);
    offices.push(b);
    log('  initial sync of office B …');
    const second = await initialSync(server, times, b, OFFICE_ACCOUNTS[1]);
    log(
      `  office B: ${second.rows} rows in ${second.seconds.toFixed(1)} s (${(second.rows / second.seconds).toFixed(0)} rows/s)`,
    );
    results.push({
      name: 'initial sync, second office: rate',
      unit: 'rows/s',
      value: second.rows / second.seconds,
      note: `${second.seconds.toFixed(1)} s; ${(rawRate / (second.rows / second.seconds)).toFixed(2)}× the raw cost`,
    });

    results.push(await incrementalSync(a, b, times, server.info.bigProjectId, 20, log));
    results.push(
      ...(await serverThroughput(
        server,
        url,
        options.quick ? { pushesPerOffice: 5, maxSeconds: 30 } : { pushesPerOffice: 20, maxSeconds: 120 },
        log,
      )),
    );
  } finally {
    for (const office of offices) await office.close().catch(() => undefined);
    await app.close();
    await server.dispose();
  }
  return { header, results };
}
