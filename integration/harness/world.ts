/**
 * A whole sync world for tests and benchmarks: the real group server (Fastify on a real
 * PostgreSQL, listening on 127.0.0.1) and offices, each a real host (encrypted SQLite
 * file, real services, the real sync engine) talking HTTP to it through a `Network` the
 * test controls: cut, restored, or made to deliver requests twice.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createEmployee, grantProject, revokeGrant } from '../../server/accounts/employees.js';
import { createDeviceCode, revokeDevice } from '../../server/accounts/devices.js';
import { createProject, createRegion } from '../../server/admin/org.js';
import { buildServer } from '../../server/app.js';
import { openServerDb, type OpenedServerDb } from '../../server/db/open.js';
import { SyncStore } from '../../server/sync/store.js';
import { createTestPg, type TestPg } from '../../server/testing/pg.js';
import { tempHost, type TempHost } from '../../electron/testing/temp-host.js';
import { HttpSyncTransport, type SyncTransport } from '../../electron/sync/transport.js';
import type { SyncRunResult } from '../../electron/sync/engine.js';
import { SyncError } from '../../electron/sync/errors.js';

/** Cheap password hashing for tests; the real cost is tested in the server's own tests. */
const TEST_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1 };

/**
 * Between one office and the server. `online = false` fails every request the way a cut
 * cable does; `duplicate` sends each push and pull twice (a retry after a lost answer) and
 * `replayOld` re-sends an earlier push after a later one (a late, reordered delivery).
 */
export class Network implements SyncTransport {
  online = true;
  duplicate = false;
  replayOld = false;
  /** Cut the connection after this many more requests (mid-push, mid-pull). */
  cutAfter: number | null = null;
  requests = 0;
  /** Attachment requests as they left (after the gate let them through), in order. */
  readonly blobRequests: { method: string; path: string; offset: number | null }[] = [];
  private readonly pushes: Parameters<SyncTransport['push']>[] = [];

  constructor(private readonly inner: SyncTransport) {}

  private gate(): void {
    this.requests++;
    if (this.cutAfter !== null) {
      if (this.cutAfter <= 0) this.online = false;
      this.cutAfter--;
    }
    if (!this.online) throw new SyncError('OFFLINE');
  }

  register: SyncTransport['register'] = (...args) => {
    this.gate();
    return this.inner.register(...args);
  };
  login: SyncTransport['login'] = (...args) => {
    this.gate();
    return this.inner.login(...args);
  };
  session: SyncTransport['session'] = (...args) => {
    this.gate();
    return this.inner.session(...args);
  };
  push: SyncTransport['push'] = async (...args) => {
    this.gate();
    if (this.replayOld && this.pushes.length > 0) {
      const old = this.pushes[Math.floor(Math.random() * this.pushes.length)]!;
      await this.inner.push(...old);
    }
    this.pushes.push(args);
    if (this.pushes.length > 20) this.pushes.shift();
    if (this.duplicate) await this.inner.push(...args);
    return this.inner.push(...args);
  };
  pull: SyncTransport['pull'] = async (...args) => {
    this.gate();
    if (this.duplicate) await this.inner.pull(...args);
    return this.inner.pull(...args);
  };
  /** The fetch attachments travel on (BlobTransfer): cut and counted like every other request. */
  fetch: typeof fetch = async (input, init) => {
    this.gate();
    const url = new URL(input instanceof Request ? input.url : String(input));
    const offset = url.searchParams.get('offset');
    this.blobRequests.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      offset: offset === null ? null : Number(offset),
    });
    return globalThis.fetch(input, init);
  };
  /** The attachment chunks sent, by offset. */
  chunksSent(): (number | null)[] {
    return this.blobRequests.filter((r) => r.method === 'PUT').map((r) => r.offset);
  }
}

export interface Office extends TempHost {
  name: string;
  network: Network;
  /** One sync round; fails the test when the round failed unexpectedly. */
  sync(): Promise<SyncRunResult>;
}

export class SyncWorld {
  private app: FastifyInstance | undefined;
  private port = 0;
  store!: SyncStore;
  readonly offices: Office[] = [];

  private constructor(
    private readonly pg: TestPg,
    readonly server: OpenedServerDb,
  ) {}

  static async start(): Promise<SyncWorld> {
    const pg = await createTestPg();
    const server = await openServerDb({ databaseUrl: pg.url });
    const world = new SyncWorld(pg, server);
    await world.startServer();
    return world;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get ctx() {
    return { db: this.server.db, store: this.store, passwordCost: TEST_PASSWORD_COST };
  }

  /** Starts (or restarts, on the same port) the server process's state: a new store and app. */
  async startServer(): Promise<void> {
    this.store = new SyncStore(this.server.db);
    this.app = buildServer({ db: this.server.db, store: this.store });
    await this.app.listen({ host: '127.0.0.1', port: this.port });
    this.port = (this.app.server.address() as AddressInfo).port;
  }

  async stopServer(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
  }

  async restartServer(): Promise<void> {
    await this.stopServer();
    await this.startServer();
  }

  /** A region with projects, as the administrator sets them up; returns the project ids by code. */
  async organisation(projectCodes: string[]): Promise<Record<string, string>> {
    const regionId = await createRegion(this.ctx, { code: 'EAST', name: '华东区域' });
    const ids: Record<string, string> = {};
    for (const code of projectCodes) {
      ids[code] = await createProject(this.ctx, { region: regionId, code, name: `项目${code}`, status: 'selling' });
    }
    return ids;
  }

  async employee(account: string, name: string, projectCodes: string[], options: { admin?: boolean } = {}): Promise<string> {
    const { employeeId } = await createEmployee(this.ctx, {
      account,
      name,
      password: `${account}-pass`,
      ...(options.admin ? { isAdmin: true } : {}),
    });
    for (const code of projectCodes) await grantProject(this.ctx, account, code);
    return employeeId;
  }

  revokeGrant(account: string, projectCode: string): Promise<number> {
    return revokeGrant(this.ctx, account, projectCode);
  }

  revokeDevice(deviceId: string) {
    return revokeDevice(this.server.db, deviceId);
  }

  /** A new office PC: registered with a fresh code, signed in as `account`, synced once. */
  async office(
    name: string,
    account: string,
    options: {
      clockSkewMs?: number;
      pushLimit?: number;
      pullLimit?: number;
      /** Attachments: time per phase and round, and how recently kept a file stays (0: none). */
      attachmentBudgetMs?: number;
      attachmentRemoveGraceMs?: number;
    } = {},
  ): Promise<Office> {
    const network = new Network(new HttpSyncTransport({ timeoutMs: 10_000 }));
    const skew = options.clockSkewMs ?? 0;
    const host = tempHost({
      ...(skew ? { wallClock: () => Date.now() + skew } : {}),
      serverUrl: this.url,
      sync: {
        mode: 'inline',
        transport: network,
        blobFetch: network.fetch,
        intervalMs: 3_600_000,
        debounceMs: 3_600_000,
        ...(options.pushLimit ? { pushLimit: options.pushLimit } : {}),
        ...(options.pullLimit ? { pullLimit: options.pullLimit } : {}),
        ...(options.attachmentBudgetMs !== undefined ? { attachmentBudgetMs: options.attachmentBudgetMs } : {}),
        ...(options.attachmentRemoveGraceMs !== undefined ? { attachmentRemoveGraceMs: options.attachmentRemoveGraceMs } : {}),
      },
    });
    const { code } = await createDeviceCode(this.server.db, { createdBy: 'test' });
    await host.call('sync.register', { code, deviceName: name });
    await host.call('sync.login', { account, password: `${account}-pass` });
    const office: Office = Object.assign(host, {
      name,
      network,
      sync: () => host.host.sync!.syncNow(),
    });
    await office.sync();
    this.offices.push(office);
    return office;
  }

  async close(): Promise<void> {
    for (const office of this.offices) await office.shutdown().catch(() => undefined);
    await this.stopServer();
    await this.server.close();
    await this.pg.drop();
  }
}
