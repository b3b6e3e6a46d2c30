/**
 * The group server the sync benchmarks run against: a real PostgreSQL database holding one
 * generated project (bench/sync/dataset.ts) pushed through the real store, plus small
 * projects and accounts for the concurrent-offices benchmark.
 *
 * Populating takes minutes, so it is done once per seed and shape into a cached database
 * `sitedesk_bench_sync_<seed>_<hash>`; a marker row written last tells a finished cache from
 * one a crashed run left half-built (which is dropped and built again). Every run works on a
 * fresh copy (`CREATE DATABASE … TEMPLATE`), so what the benchmarks push never changes the
 * cache; the copy is dropped at the end.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createEmployee, grantProject } from '../../server/accounts/employees.js';
import { createProject, createRegion } from '../../server/admin/org.js';
import { openServerDb, SERVER_MIGRATIONS_DIR, type OpenedServerDb } from '../../server/db/open.js';
import { SyncStore, type Principal } from '../../server/sync/store.js';
import { TEST_PG_ADMIN_URL } from '../../server/testing/pg.js';
import { MAX_PUSH_CHANGES, PROTOCOL_VERSION, type SyncChange } from '../../shared/sync/protocol.js';
import { projectDataset, type DatasetShape } from './dataset.js';

/** Bump when what the cache holds changes in a way the shape does not say. */
const CACHE_FORMAT = 3;
const MARKER_TABLE = 'bench_cache';

export interface LoadShape {
  /** Small projects the concurrent offices work in. */
  projects: number;
  /** Offices (one employee each), spread evenly over the projects. */
  offices: number;
  /** Rooms of each small project (relations of the pushed changes point at them). */
  roomsPerProject: { floors: number; roomsPerFloor: number };
}

export interface ServerShape {
  project: DatasetShape;
  load: LoadShape;
}

export const PASSWORD = 'bench-pass-2026';
export const BIG_PROJECT_CODE = 'SH01';
/** The employees whose offices sync the big project (initial and incremental sync). */
export const OFFICE_ACCOUNTS = ['office-a', 'office-b'] as const;

export function loadAccount(i: number): string {
  return `load-${String(i + 1).padStart(2, '0')}`;
}

export interface CacheInfo {
  seed: number;
  shape: ServerShape;
  bigProjectId: string;
  loadProjectIds: string[];
  /** entity → rows pushed for the big project. */
  counts: Record<string, number>;
  pushedChanges: number;
  pushSeconds: number;
  builtAt: string;
}

export interface BenchServerDb {
  /** The run's own copy, opened (migrations applied). */
  server: OpenedServerDb;
  store: SyncStore;
  info: CacheInfo;
  cacheName: string;
  /** True when this run built the cache (then `info.pushSeconds` was measured now). */
  built: boolean;
  dispose(): Promise<void>;
}

function urlOf(database: string): string {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function readMarker(database: string): Promise<CacheInfo | null> {
  const client = new pg.Client({ connectionString: urlOf(database) });
  await client.connect();
  try {
    const result = await client.query<{ info: CacheInfo }>(`SELECT info FROM ${MARKER_TABLE} WHERE key = 'complete'`);
    return result.rows[0]?.info ?? null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

function cacheName(seed: number, shape: ServerShape): string {
  const migrations = readFileSync(join(SERVER_MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8');
  const hash = createHash('sha256')
    .update(JSON.stringify({ format: CACHE_FORMAT, shape, migrations }))
    .digest('hex')
    .slice(0, 12);
  return `sitedesk_bench_sync_${seed}_${hash}`;
}

/** Run copies left by runs that died (their process is gone). */
async function dropStaleRuns(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'sitedesk_bench_run_%'`,
  );
  for (const { datname } of rows) {
    const pid = Number(/^sitedesk_bench_run_(\d+)_/.exec(datname)?.[1]);
    let alive = false;
    try {
      if (pid > 0) {
        process.kill(pid, 0);
        alive = true;
      }
    } catch {
      alive = false;
    }
    if (!alive) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

/**
 * The run's server database: a copy of the cache for `seed` and `shape`, building the cache
 * first when it is missing or unfinished.
 */
export async function benchServerDb(options: {
  seed: number;
  shape: ServerShape;
  /** Build it again even when a finished one is cached. */
  rebuild?: boolean;
  log: (line: string) => void;
}): Promise<BenchServerDb> {
  const name = cacheName(options.seed, options.shape);
  let info = (await withAdmin(async (client) => {
    await dropStaleRuns(client);
    const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    return exists.rowCount && !options.rebuild ? readMarker(name) : null;
  })) as CacheInfo | null;
  let built = false;
  if (!info) {
    options.log(`building the sync benchmark server ${name} (once; later runs reuse it)`);
    await withAdmin(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${name}`);
    });
    info = await populate(urlOf(name), options.seed, options.shape, options.log);
    await writeMarker(name, info);
    built = true;
  }
  const run = `sitedesk_bench_run_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${run} TEMPLATE ${name}`));
  const server = await openServerDb({ databaseUrl: urlOf(run), poolSize: 10 });
  const store = new SyncStore(server.db);
  return {
    server,
    store,
    info,
    cacheName: name,
    built,
    dispose: async () => {
      await server.close();
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${run} WITH (FORCE)`));
    },
  };
}

const VERSIONS = { protocol: PROTOCOL_VERSION, schemaVersion: 0, appVersion: 'bench' };

/** Pushes transactions in batches of whole transactions, as a device's outbox would. */
async function pushAll(store: SyncStore, principal: Principal, transactions: SyncChange[][]): Promise<number> {
  let batch: SyncChange[] = [];
  let pushed = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const response = await store.push(principal, { versions: VERSIONS, changes: batch });
    const refused = response.outcomes.find((o) => o.status !== 'applied');
    if (refused) throw new Error(`benchmark data refused by the store: ${JSON.stringify(refused).slice(0, 400)}`);
    pushed += batch.length;
    batch = [];
  };
  for (const tx of transactions) {
    if (batch.length + tx.length > MAX_PUSH_CHANGES) await flush();
    batch.push(...tx);
  }
  await flush();
  return pushed;
}

async function populate(url: string, seed: number, shape: ServerShape, log: (line: string) => void): Promise<CacheInfo> {
  const server = await openServerDb({ databaseUrl: url });
  try {
    const store = new SyncStore(server.db);
    const ctx = { db: server.db, store };
    const region = await createRegion(ctx, { code: 'EAST', name: '华东区域' });
    const bigProjectId = await createProject(ctx, { region, code: BIG_PROJECT_CODE, name: '滨江花园', status: 'delivering' });
    const loadProjectIds: string[] = [];
    for (let p = 0; p < shape.load.projects; p++) {
      const code = `LD${String(p + 1).padStart(2, '0')}`;
      loadProjectIds.push(await createProject(ctx, { region, code, name: `负载项目${p + 1}`, status: 'selling' }));
    }
    const generator = await createEmployee(ctx, { account: 'bench-gen', name: '数据生成', password: PASSWORD });
    // The generator writes the load projects' rooms too: the server decides on its author's grants.
    for (const code of [BIG_PROJECT_CODE, ...loadProjectIds.map((_, p) => `LD${String(p + 1).padStart(2, '0')}`)]) {
      await grantProject(ctx, 'bench-gen', code);
    }
    for (const account of OFFICE_ACCOUNTS) {
      await createEmployee(ctx, { account, name: `前台${account.slice(-1).toUpperCase()}`, password: PASSWORD });
      await grantProject(ctx, account, BIG_PROJECT_CODE);
    }
    for (let i = 0; i < shape.load.offices; i++) {
      const account = loadAccount(i);
      await createEmployee(ctx, { account, name: `负载${i + 1}`, password: PASSWORD });
      await grantProject(ctx, account, `LD${String((i % shape.load.projects) + 1).padStart(2, '0')}`);
    }

    const deviceId = 'bench-generator';
    const actor = { id: generator.employeeId, name: '数据生成' };
    const principal: Principal = {
      employeeId: generator.employeeId,
      employeeName: actor.name,
      isAdmin: false,
      deviceId,
      projectIds: [bigProjectId, ...loadProjectIds],
    };
    const started = Date.now();
    const dataset = projectDataset({ seed, projectId: bigProjectId, deviceId, actor, shape: shape.project });
    log(`  dataset generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(dataset.counts)}`);
    const pushStart = process.hrtime.bigint();
    let pushed = 0;
    const total = dataset.transactions.reduce((n, tx) => n + tx.length, 0);
    const chunk = 20;
    for (let i = 0; i < dataset.transactions.length; i += chunk) {
      pushed += await pushAll(store, principal, dataset.transactions.slice(i, i + chunk));
      const seconds = Number(process.hrtime.bigint() - pushStart) / 1e9;
      if ((i / chunk) % 10 === 9)
        log(`  pushed ${pushed.toLocaleString()} / ${total.toLocaleString()} (${(pushed / seconds).toFixed(0)} changes/s)`);
    }
    const pushSeconds = Number(process.hrtime.bigint() - pushStart) / 1e9;

    // The small projects' rooms, for the relations the concurrent offices push.
    const rooms = { buildings: 1, units: 1, ...shape.load.roomsPerProject, parking: 0, customers: 0, relations: 0 };
    for (const [p, projectId] of loadProjectIds.entries()) {
      const small = projectDataset({ seed: seed * 1000 + p, projectId, deviceId, actor, shape: rooms });
      await pushAll(store, principal, small.transactions);
    }

    const info: CacheInfo = {
      seed,
      shape,
      bigProjectId,
      loadProjectIds,
      counts: dataset.counts,
      pushedChanges: pushed,
      pushSeconds,
      builtAt: new Date().toISOString(),
    };
    return info;
  } finally {
    await server.close();
  }
}

/** Written last: a cache without it was not finished. */
async function writeMarker(database: string, info: CacheInfo): Promise<void> {
  const client = new pg.Client({ connectionString: urlOf(database) });
  await client.connect();
  try {
    await client.query(`CREATE TABLE ${MARKER_TABLE} (key text PRIMARY KEY, info jsonb NOT NULL)`);
    await client.query(`INSERT INTO ${MARKER_TABLE} (key, info) VALUES ('complete', $1)`, [JSON.stringify(info)]);
  } finally {
    await client.end();
  }
}
