import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getMeta } from '../../db/meta.js';
import { saveDevice, saveServerUrl, saveSession } from '../../db/sync-settings.js';
import { stampAt } from '../../db/testing/sync.js';
import { tempDatabase, type TempDatabase } from '../../db/testing/temp-db.js';
import { PROTOCOL_VERSION, type SyncSession, type Versions } from '../../shared/sync/protocol.js';
import { backoffDelay, SyncEngine } from './engine.js';
import { SyncError, type SyncFailureCode } from './errors.js';
import type { SyncTransport } from './transport.js';

/**
 * The engine's schedule and backoff, with a fake transport that is either reachable (an empty
 * server) or failing with a given code. What a round does against the real server is the
 * end-to-end tests' business.
 */
const versions: Versions = { protocol: PROTOCOL_VERSION, schemaVersion: 4, appVersion: 'test' };
const session: SyncSession = {
  employeeId: 'e1',
  employeeName: '张三',
  account: 'zhangsan',
  isAdmin: false,
  projectIds: [],
  versions,
};

class FakeTransport implements SyncTransport {
  failWith: SyncFailureCode | null = null;
  rounds: number[] = [];
  private gate(): void {
    this.rounds.push(Date.now());
    if (this.failWith) throw new SyncError(this.failWith, undefined, this.failWith === 'OFFLINE' ? undefined : 500);
  }
  async register() {
    return { deviceToken: 'device-token' };
  }
  async login() {
    return { sessionToken: 'session-token', session };
  }
  async session() {
    this.gate();
    return session;
  }
  async push() {
    return { outcomes: [], serverHlc: stampAt(0, 'server') };
  }
  async pull(_auth: unknown, request: { scope: string; after: number }) {
    return { scope: request.scope, entries: [], next: request.after, hasMore: false, serverHlc: stampAt(0, 'server') };
  }
}

let t: TempDatabase;
let transport: FakeTransport;
let engine: SyncEngine;
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-01T08:00:00Z') });
  t = tempDatabase();
  transport = new FakeTransport();
  saveServerUrl(t.db, 'http://group.example');
  saveDevice(t.db, 'device-token', '前台1号机');
  saveSession(t.db, 'session-token', session);
});
afterEach(async () => {
  await engine?.stop();
  vi.useRealTimers();
  t.dispose();
});

function start(options: Partial<ConstructorParameters<typeof SyncEngine>[0]> = {}) {
  engine = new SyncEngine({
    db: t.db,
    transport,
    versions,
    deviceId: 'device-test',
    intervalMs: 60_000,
    debounceMs: 2_000,
    random: () => 1,
    ...options,
  });
  engine.start();
  return engine;
}

describe('backoff', () => {
  it('doubles from 1 s to a 5 min cap, with half of each wait random', () => {
    const upper = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20].map((n) => backoffDelay(n, () => 1));
    expect(upper).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000]);
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(10, () => 0)).toBe(150_000);
    const jittered = new Set(Array.from({ length: 20 }, () => backoffDelay(5)));
    expect(jittered.size).toBeGreaterThan(1);
    for (const d of jittered) expect(d).toBeGreaterThanOrEqual(8_000);
  });
});

describe('the schedule', () => {
  it('retries with growing waits while the server cannot be reached, then syncs every interval once it can', async () => {
    transport.failWith = 'OFFLINE';
    start();
    await vi.advanceTimersByTimeAsync(0);
    expect(transport.rounds).toHaveLength(1);
    expect(engine.status()).toMatchObject({ online: false, failures: 1, lastErrorCode: 'OFFLINE' });
    expect(engine.status().lastError).toMatch(/离线/);
    await vi.advanceTimersByTimeAsync(1_000); // 1 s
    await vi.advanceTimersByTimeAsync(2_000); // 2 s
    await vi.advanceTimersByTimeAsync(4_000); // 4 s
    expect(transport.rounds).toHaveLength(4);
    const gaps = transport.rounds.slice(1).map((at, i) => at - transport.rounds[i]!);
    expect(gaps).toEqual([1_000, 2_000, 4_000]);
    expect(engine.status().nextAttemptAt).toBe(new Date(Date.now() + 8_000).toISOString());

    transport.failWith = null;
    await vi.advanceTimersByTimeAsync(8_000);
    expect(engine.status()).toMatchObject({ online: true, failures: 0, lastError: null });
    expect(engine.status().lastSuccessAt).not.toBeNull();
    expect(getMeta(t.db, 'sync.lastSuccessAt')).toBe(engine.status().lastSuccessAt);
    const before = transport.rounds.length;
    await vi.advanceTimersByTimeAsync(59_000);
    expect(transport.rounds).toHaveLength(before);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(transport.rounds).toHaveLength(before + 1);
  });

  it('caps the wait at 5 minutes', async () => {
    transport.failWith = 'UNAVAILABLE';
    start();
    for (let i = 0; i < 12; i++) await vi.advanceTimersByTimeAsync(300_000);
    const gaps = transport.rounds.slice(1).map((at, i) => at - transport.rounds[i]!);
    expect(Math.max(...gaps)).toBe(300_000);
    expect(gaps.slice(-3)).toEqual([300_000, 300_000, 300_000]);
  });

  it('syncs soon after local changes while online, once for a burst (debounced)', async () => {
    start();
    await vi.advanceTimersByTimeAsync(0);
    expect(transport.rounds).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    engine.notifyLocalChange();
    await vi.advanceTimersByTimeAsync(500);
    engine.notifyLocalChange();
    await vi.advanceTimersByTimeAsync(500);
    engine.notifyLocalChange();
    expect(transport.rounds).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    // The first notice's debounce decides: 2 s after it.
    expect(transport.rounds).toHaveLength(2);
    expect(transport.rounds[1]! - transport.rounds[0]!).toBe(12_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(transport.rounds).toHaveLength(2);
  });

  it('does not shorten the backoff for local changes while offline', async () => {
    transport.failWith = 'OFFLINE';
    start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(transport.rounds).toHaveLength(2);
    engine.notifyLocalChange();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(transport.rounds).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(transport.rounds).toHaveLength(3);
  });

  it('waits for the user after an expired session: no more rounds until a new sign-in', async () => {
    transport.failWith = 'SESSION_EXPIRED';
    start();
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.status()).toMatchObject({ paused: true, online: true, lastErrorCode: 'SESSION_EXPIRED', nextAttemptAt: null });
    expect(engine.status().lastError).toBe('登录已过期，请重新登录');
    expect(getMeta(t.db, 'sync.sessionToken')).toBeUndefined();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(transport.rounds).toHaveLength(1);

    transport.failWith = null;
    await engine.login('zhangsan', 'secret');
    await vi.advanceTimersByTimeAsync(0);
    expect(transport.rounds).toHaveLength(2);
    expect(engine.status()).toMatchObject({ paused: false, online: true });
  });

  it('runs one more round when asked during a round, shared by every caller meanwhile', async () => {
    start();
    await vi.advanceTimersByTimeAsync(0);
    const first = engine.syncNow();
    const second = engine.syncNow();
    const third = engine.syncNow();
    expect(second).toBe(third);
    await vi.advanceTimersByTimeAsync(0);
    await Promise.all([first, second]);
    expect(transport.rounds).toHaveLength(3);
    expect((await third).ok).toBe(true);
  });

  it('stops: no more rounds after stop()', async () => {
    start();
    await vi.advanceTimersByTimeAsync(0);
    await engine.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(transport.rounds).toHaveLength(1);
  });
});
