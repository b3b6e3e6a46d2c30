import type { SiteDb } from '../../db/open.js';
import { blobCounts } from '../../db/queries/blobs.js';
import { openConflictCount, outboxBatch, pendingChangeCount } from '../../db/queries/sync.js';
import { SyncApplier, type HlcSink } from '../../db/sync-apply.js';
import {
  clearDevice,
  clearSession,
  cursors,
  getCursor,
  readSyncSettings,
  resetCursorsForUpgrade,
  saveDevice,
  saveLastSuccess,
  saveServerUrl,
  saveSession,
  saveSessionInfo,
} from '../../db/sync-settings.js';
import {
  GROUP_SCOPE,
  MAX_PULL_LIMIT,
  MAX_PUSH_CHANGES,
  PROTOCOL_VERSION,
  type PullResponse,
  type SyncSession,
  type Versions,
} from '../../shared/sync/protocol.js';
import { AttachmentSync, type AttachmentFailure } from './attachment-sync.js';
import { LocalBlobStore } from './attachments.js';
import { SyncError, toSyncError, type SyncFailureCode } from './errors.js';
import type { SessionAuth, SyncTransport } from './transport.js';

/**
 * The client side of the sync, in plain Node. `syncOnce()` is one round: the session (which
 * projects may be pulled) → the outbox pushed in batches of whole transactions → the
 * server's answers applied (refusals rolled back into 冲突) → every scope pulled page by
 * page → projects no longer granted purged. The engine keeps a schedule around it: every
 * `intervalMs` while online, soon after local changes (debounced), and with exponential
 * backoff and jitter while the server cannot be reached.
 *
 * It never holds a SQLite transaction while waiting on the network: every database step is
 * one synchronous call of the applier on data already received.
 */
export interface EngineStatus {
  online: boolean;
  syncing: boolean;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  /** In Chinese; null after a successful round. */
  lastError: string | null;
  lastErrorCode: SyncFailureCode | null;
  /** Failed rounds in a row (the backoff exponent). */
  failures: number;
  /** Automatic syncing waits for the user (sign-in, registration). */
  paused: boolean;
  /** Local changes not yet answered by the server, when the status was taken. */
  pendingChanges: number;
  /** Open 冲突, when the status was taken. */
  conflicts: number;
  /** Attachment files here that the server lacks, and files records name that are not here. */
  pendingUploads: number;
  pendingDownloads: number;
  /** Why an attachment failed in the last round (Chinese); null when none did. Never fails the round. */
  attachmentError: string | null;
}

export interface SyncRunResult {
  ok: boolean;
  pushed: number;
  rejected: number;
  pulled: number;
  purged: string[];
  conflictIds: string[];
  /** Attachment files sent (or found on the server already) and fetched this round. */
  uploaded: number;
  downloaded: number;
  /** Attachments that failed this round (retried next round; the records synced regardless). */
  attachmentFailures: AttachmentFailure[];
  /** Attachment files left for the next round (the round's time for them was spent); it comes soon. */
  attachmentsDeferred: number;
  /** Attachment files removed from the device after the round (no record needs them any more). */
  attachmentsRemoved: number;
  error: { code: SyncFailureCode; message: string } | null;
}

export type SyncEvent =
  | { type: 'signedIn'; session: SyncSession }
  | { type: 'session'; session: SyncSession }
  | { type: 'purged'; projectIds: string[] }
  | { type: 'revoked' };

export interface SyncEngineOptions {
  db: SiteDb;
  transport: SyncTransport;
  versions: Versions;
  deviceId: string;
  /** Receives every stamp applied (the device's HLC, or a relay to it). */
  clock?: HlcSink;
  /** Between rounds while online. */
  intervalMs?: number;
  /** After a local change, before the round it triggers. */
  debounceMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  pushLimit?: number;
  pullLimit?: number;
  random?: () => number;
  now?: () => Date;
  onStatus?: (status: EngineStatus) => void;
  onEvent?: (event: SyncEvent) => void;
  log?: (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;
  /**
   * Attachments: the device's folder of them (`<dataDir>/attachments`), and optionally the fetch
   * their transfers use. Without it the engine syncs records only.
   */
  attachments?: {
    dir: string;
    fetch?: typeof fetch;
    timeoutMs?: number;
    transferTimeoutMs?: number;
    /** Per phase and round (AttachmentSyncOptions.budgetMs). */
    budgetMs?: number;
    removeGraceMs?: number;
  };
}

export const DEFAULT_INTERVAL_MS = 60_000;
export const DEFAULT_DEBOUNCE_MS = 2_000;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/**
 * The wait before retry number `failures` (1, 2, …): doubling from `baseMs` up to `maxMs`,
 * with "equal jitter" (half fixed, half random) so offices that lost the network together
 * do not all come back in the same second.
 */
export function backoffDelay(
  failures: number,
  random: () => number = Math.random,
  baseMs = BACKOFF_BASE_MS,
  maxMs = BACKOFF_MAX_MS,
): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(exp / 2 + random() * (exp / 2));
}

export class SyncEngine {
  private readonly applier: SyncApplier;
  private readonly attachments: AttachmentSync | undefined;
  /** The wanted files were noted against the records at least once since start. */
  private reconciled = false;
  private readonly state: Omit<EngineStatus, 'pendingChanges' | 'conflicts' | 'pendingUploads' | 'pendingDownloads'>;
  private started = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = 0;
  private current: Promise<SyncRunResult> | null = null;
  private again: Promise<SyncRunResult> | null = null;
  /** A round asked for (debounce delay) while another was running. */
  private wanted: number | undefined;
  /** The last round left attachment files for the next one: it comes after the debounce delay. */
  private deferredFiles = 0;
  /** Unneeded attachment files were removed at least once since start. */
  private removedOnce = false;

  constructor(private readonly options: SyncEngineOptions) {
    this.applier = new SyncApplier(options.db, { ...(options.clock ? { clock: options.clock } : {}), ...(options.now ? { now: options.now } : {}) });
    const a = options.attachments;
    this.attachments = a
      ? new AttachmentSync({
          db: options.db,
          store: new LocalBlobStore(a.dir),
          versions: options.versions,
          ...(a.fetch ? { fetch: a.fetch } : {}),
          ...(a.timeoutMs ? { timeoutMs: a.timeoutMs } : {}),
          ...(a.transferTimeoutMs ? { transferTimeoutMs: a.transferTimeoutMs } : {}),
          ...(a.budgetMs !== undefined ? { budgetMs: a.budgetMs } : {}),
          ...(a.removeGraceMs !== undefined ? { removeGraceMs: a.removeGraceMs } : {}),
          ...(options.now ? { now: options.now } : {}),
        })
      : undefined;
    this.state = {
      online: false,
      syncing: false,
      lastSuccessAt: readSyncSettings(options.db).lastSuccessAt,
      lastAttemptAt: null,
      nextAttemptAt: null,
      lastError: null,
      lastErrorCode: null,
      failures: 0,
      paused: false,
      attachmentError: null,
    };
  }

  status(): EngineStatus {
    let pendingChanges = 0;
    let conflicts = 0;
    let blobs = { uploads: 0, downloads: 0 };
    try {
      pendingChanges = pendingChangeCount(this.options.db);
      conflicts = openConflictCount(this.options.db);
      blobs = blobCounts(this.options.db);
    } catch {
      // A closed or busy connection: the counts are the host's to read anyway.
    }
    return { ...this.state, pendingChanges, conflicts, pendingUploads: blobs.uploads, pendingDownloads: blobs.downloads };
  }

  // ─── Schedule ───

  /** Starts the automatic rounds: the first one right away. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  /** Stops the schedule and waits for a round in progress to end. */
  async stop(): Promise<void> {
    this.started = false;
    this.clearTimer();
    this.emit();
    await this.again?.catch(() => undefined);
    await this.current?.catch(() => undefined);
  }

  /** A local change was committed: sync soon (debounced), unless the server is unreachable now. */
  notifyLocalChange(): void {
    if (!this.started || this.state.paused) return;
    if (this.state.failures > 0) return; // the backoff decides when to try again
    this.schedule(this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS, true);
  }

  /**
   * One round now. A call while a round runs gets one more round after it (shared with every
   * caller meanwhile), so a change made during a round is never left for the next interval.
   */
  syncNow(): Promise<SyncRunResult> {
    if (!this.current) return this.launch();
    this.again ??= this.current.then(() => {
      this.again = null;
      return this.launch();
    });
    return this.again;
  }

  private launch(): Promise<SyncRunResult> {
    this.clearTimer();
    this.current = this.run().finally(() => {
      this.current = null;
      // A round already queued (syncNow during this one) plans the next when it ends.
      if (!this.again) this.planNext();
      this.emit();
    });
    return this.current;
  }

  /** After a round: the interval when it succeeded, the backoff when it failed, nothing when paused. */
  private planNext(): void {
    const wanted = this.wanted;
    this.wanted = undefined;
    if (!this.started || this.state.paused) {
      this.clearTimer();
      return;
    }
    const interval = this.options.intervalMs ?? DEFAULT_INTERVAL_MS;
    const delay =
      this.state.failures === 0
        ? this.deferredFiles > 0
          ? Math.min(interval, this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS)
          : interval
        : backoffDelay(
            this.state.failures,
            this.options.random,
            this.options.backoffBaseMs ?? BACKOFF_BASE_MS,
            this.options.backoffMaxMs ?? BACKOFF_MAX_MS,
          );
    this.schedule(delay);
    if (wanted !== undefined && this.state.failures === 0) this.schedule(wanted, true);
  }

  /** Plans the next round in `delay` ms; `sooner` only ever brings a planned round forward. */
  private schedule(delay: number, sooner = false): void {
    if (!this.started) return;
    const at = Date.now() + delay;
    if (this.timer !== undefined) {
      if (sooner && this.timerAt <= at) return;
      clearTimeout(this.timer);
    }
    if (this.current) {
      // A round is running: it plans the next one when it ends, this soon at the latest.
      this.timer = undefined;
      if (sooner) this.wanted = Math.min(this.wanted ?? delay, delay);
      return;
    }
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.syncNow();
    }, delay);
    this.timer.unref?.();
    this.state.nextAttemptAt = new Date(at).toISOString();
    this.emit();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.state.nextAttemptAt = null;
  }

  private emit(): void {
    this.options.onStatus?.(this.status());
  }

  private async run(): Promise<SyncRunResult> {
    this.state.syncing = true;
    this.state.lastAttemptAt = this.nowIso();
    this.emit();
    let result: SyncRunResult;
    try {
      result = await this.syncOnce();
      this.state.online = true;
      this.state.failures = 0;
      this.state.lastError = null;
      this.state.lastErrorCode = null;
      this.state.lastSuccessAt = this.nowIso();
      this.state.paused = false;
      saveLastSuccess(this.options.db, this.state.lastSuccessAt);
    } catch (thrown) {
      const error = await this.handleFailure(thrown);
      result = {
        ok: false,
        pushed: 0,
        rejected: 0,
        pulled: 0,
        purged: [],
        conflictIds: [],
        uploaded: 0,
        downloaded: 0,
        attachmentFailures: [],
        attachmentsDeferred: 0,
        attachmentsRemoved: 0,
        error: { code: error.code, message: error.message },
      };
    } finally {
      this.state.syncing = false;
    }
    this.deferredFiles = result.attachmentsDeferred;
    // Files no record needs any more leave the device, whatever the round did (a local step):
    // the first time, and after any round that moved records or files.
    const moved = result.pushed + result.rejected + result.pulled + result.uploaded + result.downloaded > 0;
    if (this.attachments && (!this.removedOnce || moved)) {
      try {
        result.attachmentsRemoved = this.attachments.removeUnneeded().length;
        this.removedOnce = true;
      } catch (error) {
        this.options.log?.('warn', 'attachments: removing unneeded files failed', error);
      }
    }
    return result;
  }

  private async handleFailure(thrown: unknown): Promise<SyncError> {
    const error = toSyncError(thrown);
    if (!(thrown instanceof SyncError)) this.options.log?.('error', 'sync round failed', thrown);
    this.state.online = error.reachedServer ?? this.state.online;
    this.state.lastError = error.message;
    this.state.lastErrorCode = error.code;
    try {
      if (error.code === 'DEVICE_REVOKED') {
        this.applier.purgeAll();
        // The records are gone; so are the files they named (ID scans are not to stay behind).
        await this.attachments?.purge();
        this.options.onEvent?.({ type: 'revoked' });
      } else if (error.code === 'DEVICE_UNKNOWN') {
        clearDevice(this.options.db);
      } else if (error.code === 'SESSION_EXPIRED') {
        clearSession(this.options.db);
      }
    } catch (cleanup) {
      this.options.log?.('error', `sync clean-up after ${error.code} failed`, cleanup);
    }
    if (error.retryable) {
      this.state.failures++;
      this.state.paused = false;
    } else {
      this.state.failures = 0;
      this.state.paused = true;
    }
    return error;
  }

  private nowIso(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  // ─── One round ───

  private auth(): SessionAuth {
    const settings = readSyncSettings(this.options.db);
    if (!settings.serverUrl) throw new SyncError('NOT_CONFIGURED');
    if (!settings.deviceToken) throw new SyncError('NOT_REGISTERED');
    if (!settings.sessionToken) throw new SyncError('NOT_SIGNED_IN');
    return { serverUrl: settings.serverUrl, deviceToken: settings.deviceToken, sessionToken: settings.sessionToken };
  }

  /** One round, without the schedule's bookkeeping: throws a SyncError on failure. */
  async syncOnce(): Promise<SyncRunResult> {
    const { db, transport, versions } = this.options;
    const auth = this.auth();
    const result: SyncRunResult = {
      ok: true,
      pushed: 0,
      rejected: 0,
      pulled: 0,
      purged: [],
      conflictIds: [],
      uploaded: 0,
      downloaded: 0,
      attachmentFailures: [],
      attachmentsDeferred: 0,
      attachmentsRemoved: 0,
      error: null,
    };
    this.state.attachmentError = null;

    const session = await transport.session(auth, versions);
    if (session.versions && session.versions.protocol < PROTOCOL_VERSION) throw new SyncError('SERVER_TOO_OLD');
    saveSessionInfo(db, session);
    // An upgraded app knows entities and fields the one that pulled so far skipped: pull again.
    const reset = resetCursorsForUpgrade(db, versions.schemaVersion);
    if (reset.length > 0) this.options.log?.('info', `schema ${versions.schemaVersion}: pulling ${reset.length} scope(s) again`);
    this.options.onEvent?.({ type: 'session', session });

    // Push: whole transactions in log order, until the outbox is empty.
    const pushLimit = this.options.pushLimit ?? MAX_PUSH_CHANGES;
    for (;;) {
      const batch = outboxBatch(db, pushLimit);
      if (batch.length === 0) break;
      const response = await transport.push(auth, { versions, changes: batch });
      const outcome = this.applier.applyPushResponse(batch, response);
      result.pushed += outcome.applied;
      result.rejected += outcome.rejected;
      result.conflictIds.push(...outcome.conflictIds);
      // The server answered none of it: pushing the same batch again would loop.
      if (outcome.applied + outcome.rejected === 0) throw new SyncError('BAD_RESPONSE');
    }

    // The records are on the server: now their files (a failed file never fails the round).
    if (this.attachments) {
      const up = await this.attachments.upload(auth);
      result.uploaded = up.done;
      result.attachmentsDeferred += up.deferred;
      this.noteAttachmentFailures(result, up.failures);
    }

    // Pull every granted scope to its end, in the largest pages the server serves (each page
    // and its cursor are one local transaction). The next page is asked for before this one
    // is applied, so the server and the network work while the database does; pages are still
    // applied one by one in order, and a failure leaves the cursor after the last applied one.
    const pullLimit = this.options.pullLimit ?? MAX_PULL_LIMIT;
    for (const scope of [GROUP_SCOPE, ...session.projectIds]) {
      let after = getCursor(db, scope);
      let next: Promise<PullResponse> | null = transport.pull(auth, { versions, scope, after, limit: pullLimit });
      while (next) {
        const page: PullResponse = await next;
        next = null;
        if (page.hasMore && page.next > after) {
          next = transport.pull(auth, { versions, scope, after: page.next, limit: pullLimit });
          // Not awaited if this page fails to apply: its failure is this page's, not the next one's.
          next.catch(() => undefined);
          // Let the request leave before the (synchronous) apply holds this thread.
          await new Promise((resolve) => setImmediate(resolve));
        }
        const applied = this.applier.applyPage({ ...page, scope });
        result.pulled += applied.applied;
        after = page.next;
      }
    }

    // Files the records now here name, not yet on this device.
    if (this.attachments) {
      if (!this.reconciled || result.pulled > 0 || result.pushed > 0 || result.rejected > 0) {
        this.attachments.reconcile();
        this.reconciled = true;
      }
      const down = await this.attachments.download(auth);
      result.downloaded = down.done;
      result.attachmentsDeferred += down.deferred;
      this.noteAttachmentFailures(result, down.failures);
    }

    // Projects the server no longer grants leave the device.
    const granted = new Set(session.projectIds);
    for (const scope of cursors(db).keys()) {
      if (scope === GROUP_SCOPE || granted.has(scope)) continue;
      this.applier.purgeProject(scope);
      result.purged.push(scope);
    }
    if (result.purged.length > 0) this.options.onEvent?.({ type: 'purged', projectIds: result.purged });
    return result;
  }

  private noteAttachmentFailures(result: SyncRunResult, failures: readonly AttachmentFailure[]): void {
    if (failures.length === 0) return;
    result.attachmentFailures.push(...failures);
    this.state.attachmentError ??= failures[0]!.message;
    for (const f of failures) this.options.log?.('warn', `attachment ${f.direction} of ${f.hash} failed: ${f.code}`);
  }

  // ─── Set-up ───

  /** Sets the server's address (the device's registration stays: the same server may move). */
  configure(serverUrl: string): void {
    saveServerUrl(this.options.db, serverUrl);
    this.resume();
  }

  /** Registers this device with an administrator's one-time code; the device token is kept in meta. */
  async register(code: string, serverUrl: string | null, deviceName: string): Promise<void> {
    const url = serverUrl ?? readSyncSettings(this.options.db).serverUrl;
    if (!url) throw new SyncError('NOT_CONFIGURED');
    const { deviceToken } = await this.options.transport.register(url, {
      code,
      deviceId: this.options.deviceId,
      name: deviceName,
      versions: this.options.versions,
    });
    if (serverUrl) saveServerUrl(this.options.db, serverUrl);
    saveDevice(this.options.db, deviceToken, deviceName);
    clearSession(this.options.db);
    this.state.online = true;
    this.resume();
  }

  /** Signs an employee in on this device; the session token is kept in meta. Starts a round. */
  async login(account: string, password: string): Promise<SyncSession> {
    const settings = readSyncSettings(this.options.db);
    if (!settings.serverUrl) throw new SyncError('NOT_CONFIGURED');
    if (!settings.deviceToken) throw new SyncError('NOT_REGISTERED');
    const device = { serverUrl: settings.serverUrl, deviceToken: settings.deviceToken };
    const { sessionToken, session: given } = await this.options.transport.login(device, {
      account,
      password,
      versions: this.options.versions,
    });
    const session = given ?? (await this.options.transport.session({ ...device, sessionToken }, this.options.versions));
    saveSession(this.options.db, sessionToken, session);
    this.state.online = true;
    this.options.onEvent?.({ type: 'signedIn', session });
    this.resume();
    return session;
  }

  /** After the user fixed what paused the schedule: try again soon. */
  private resume(): void {
    this.state.paused = false;
    this.state.failures = 0;
    this.state.lastError = null;
    this.state.lastErrorCode = null;
    this.schedule(0, true);
    this.emit();
  }
}
