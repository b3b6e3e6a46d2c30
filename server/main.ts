import { closeSync, openSync, readFileSync, rmSync, writeSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.js';
import { openServerDb, type OpenedServerDb } from './db/open.js';
import { SyncStore } from './sync/store.js';

/**
 * `npm run server`: the group server. With DATABASE_URL it serves from that PostgreSQL (any
 * number of copies may share it); without, from embedded PGlite in a data folder
 * (SITEDESK_SERVER_DATA, default `.sitedesk-server/`), so it runs on a fresh machine.
 */
export interface ServerConfig {
  databaseUrl?: string;
  /** The PGlite data folder (used only without databaseUrl). */
  dataDir: string;
  host: string;
  port: number;
  trustProxy: boolean;
  logLevel: string;
}

export const DEFAULT_DATA_DIR = '.sitedesk-server';
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 5190;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? DEFAULT_PORT : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not “${env.PORT}”`);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(cwd, env.SITEDESK_SERVER_DATA || DEFAULT_DATA_DIR),
    host: env.HOST || DEFAULT_HOST,
    port,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL || 'info',
  };
}

export interface ConfiguredDb extends OpenedServerDb {
  /** Where it is: the PostgreSQL host/database (no password), or the PGlite folder. */
  where: string;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders this process holds: a second open from within the same process is refused too. */
const heldLocks = new Set<string>();

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt
 * it. A lock file with the owner's pid keeps a second server (or an admin command while the
 * server runs) out; a lock left by a process that died (or by an earlier run under the same
 * pid, as in a restarted container) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = resolve(dataDir, 'server.lock');
  if (heldLocks.has(path)) throw new Error(`数据目录 ${dataDir} 已由本进程打开`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldLocks.add(path);
      return () => {
        if (!heldLocks.delete(path)) return;
        // Only our own lock: never one another process has taken over meanwhile.
        if (readLockOwner(path) === process.pid) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readLockOwner(path);
      if (owner !== null && owner !== process.pid && pidAlive(owner)) {
        throw new Error(
          `数据目录 ${dataDir} 正由另一个集团服务器进程（pid ${owner}）使用：请先停止它，或用 DATABASE_URL 连接 PostgreSQL 以运行多个进程` +
            `（若确认没有这样的进程，可删除 ${path}）`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`cannot lock ${dataDir}`);
}

function readLockOwner(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgresql://${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'postgresql';
  }
}

/** Opens the configured store and applies pending migrations. */
export async function openConfiguredDb(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): Promise<ConfiguredDb> {
  if (config.databaseUrl) {
    const opened = await openServerDb({ databaseUrl: config.databaseUrl });
    return { ...opened, where: describeUrl(config.databaseUrl) };
  }
  const release = lockDataDir(config.dataDir);
  try {
    const opened = await openServerDb({ dataDir: join(config.dataDir, 'pgdata') });
    return {
      ...opened,
      where: config.dataDir,
      close: async () => {
        try {
          await opened.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export interface RunningServer {
  app: FastifyInstance;
  db: ConfiguredDb;
  url: string;
  close(): Promise<void>;
}

/** Opens the database and listens; `close` stops taking requests, finishes those in flight, then closes the database. */
export async function runServer(config: ServerConfig, options: { logger?: boolean | object } = {}): Promise<RunningServer> {
  const db = await openConfiguredDb(config);
  const store = new SyncStore(db.db);
  const app = buildServer({
    db: db.db,
    store,
    logger: options.logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
  });
  try {
    const url = await app.listen({ host: config.host, port: config.port });
    app.log.info({ url, engine: db.engine, database: db.where }, 'group server listening');
    let closed: Promise<void> | undefined;
    return {
      app,
      db,
      url,
      close: () =>
        (closed ??= (async () => {
          try {
            await app.close();
          } finally {
            await db.close();
          }
        })()),
    };
  } catch (error) {
    await app.close().catch(() => undefined);
    await db.close();
    throw error;
  }
}

/** Runs until SIGINT/SIGTERM, then shuts down gracefully (a second signal, or 15 s, forces the exit). */
export async function main(): Promise<void> {
  let server: RunningServer;
  try {
    server = await runServer(configFromEnv());
  } catch (error) {
    console.error(`集团服务器无法启动: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      server.app.log.warn({ signal }, 'forced exit');
      process.exit(1);
    }
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      server.app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) await main();
