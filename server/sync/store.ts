import { sql } from 'drizzle-orm';
import type { EntityName } from '../../shared/domain/audit.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { HybridLogicalClock } from '../../shared/sync/hlc.js';
import {
  type ChangeOutcome,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type ServerRecord,
  type SyncChange,
} from '../../shared/sync/protocol.js';
import type { ServerDb } from '../db/open.js';
import { PushBatch, Rejection, TxApplication, type Applicant } from './apply.js';
import { loadAuthors } from './authors.js';
import { loadRecord, query } from './records.js';

/** Who is syncing: the signed-in employee on a registered device, with the projects granted now. */
export interface Principal {
  employeeId: string;
  employeeName: string;
  isAdmin: boolean;
  deviceId: string;
  projectIds: readonly string[];
}

/** A change the server itself makes (admin CLI, demo seed). */
export interface ServerWrite {
  entity: EntityName;
  /** Minted when absent (create). */
  id?: string;
  projectId: string | null;
  op: 'create' | 'update' | 'delete';
  fields: Record<string, unknown>;
}

interface OutcomeRow {
  change_id: string;
  tx_id: string;
  entity: string;
  entity_id: string;
  status: 'applied' | 'rejected';
  code: string | null;
  message: string | null;
}

/**
 * A feed row as a FeedEntry's JSON, written by PostgreSQL (`clocks` only where the row has
 * them, as the protocol says).
 */
const FEED_ENTRY_FIELDS = sql.raw(`'seq', seq, 'changeId', change_id, 'txId', tx_id, 'entity', entity, 'entityId', entity_id,
  'projectId', project_id, 'op', op, 'fields', fields, 'old', old, 'hlc', hlc, 'actorId', actor_id,
  'actorName', actor_name, 'deviceId', device_id, 'at', at, 'record', record`);
const FEED_ENTRY_JSON = sql`(CASE WHEN clocks IS NULL THEN json_build_object(${FEED_ENTRY_FIELDS})
  ELSE json_build_object(${FEED_ENTRY_FIELDS}, 'clocks', clocks) END)::text`;

/** PostgreSQL's answers that mean "run the transaction again": deadlock, serialization. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * The server's side of the protocol: applies pushed transactions (each whole or not at
 * all, idempotent by change id) and serves each scope's feed. Holds no state between
 * requests but its clock, so any number of copies can serve one PostgreSQL.
 */
export class SyncStore {
  private clock: HybridLogicalClock | undefined;

  constructor(
    readonly db: ServerDb,
    readonly options: { node?: string; now?: () => number } = {},
  ) {}

  /** Projects the employee may see: live projectGrant records, or all with employee.allProjects. */
  async visibleProjects(employeeId: string): Promise<string[]> {
    const employee = await loadRecord(this.db, 'employee', employeeId);
    if (employee?.fields.allProjects === true) {
      const rows = await query<{ id: string }>(
        this.db,
        sql`SELECT id FROM records WHERE entity = 'project' AND fields->>'deletedAt' IS NULL ORDER BY id`,
      );
      return rows.map((r) => r.id);
    }
    const rows = await query<{ project_id: string }>(
      this.db,
      sql`SELECT DISTINCT project_id FROM records WHERE entity = 'projectGrant' AND fields->>'employeeId' = ${employeeId}
          AND fields->>'deletedAt' IS NULL AND project_id IS NOT NULL ORDER BY project_id`,
    );
    return rows.map((r) => r.project_id);
  }

  async push(principal: Principal, request: PushRequest): Promise<PushResponse> {
    const clock = await this.hlc();
    const txs = groupByTx(request.changes);
    const known = await this.knownOutcomes(request.changes.map((c) => c.changeId));
    // A transaction is decided whole, so one known change means all of it was decided before.
    const pending = txs.filter((tx) => !tx.some((c) => known.has(c.changeId)));
    if (pending.length > 0) for (const row of await this.applyTxs(principal, pending)) known.set(row.change_id, row);
    const outcomes: ChangeOutcome[] = [];
    for (const tx of txs) outcomes.push(...(await this.answer(tx, known)));
    return { outcomes, serverHlc: clock.now() };
  }

  async pull(principal: Principal, request: PullRequest): Promise<PullResponse> {
    return JSON.parse(await this.pullJson(principal, request)) as PullResponse;
  }

  /**
   * A page of the feed as the JSON text of a PullResponse, which the pull endpoint sends as it
   * is: PostgreSQL writes each entry's JSON (its jsonb columns are already JSON), so a page of
   * thousands of entries is never parsed into objects and serialised again on the server.
   */
  async pullJson(_principal: Principal, request: PullRequest): Promise<string> {
    const clock = await this.hlc();
    const rows = await query<{ seq: string | number; entry: string }>(
      this.db,
      sql`SELECT seq, ${FEED_ENTRY_JSON} AS entry FROM feed
          WHERE scope = ${request.scope} AND seq > ${request.after} ORDER BY seq LIMIT ${request.limit + 1}`,
    );
    const hasMore = rows.length > request.limit;
    const page = hasMore ? rows.slice(0, request.limit) : rows;
    const next = page.length > 0 ? Number(page[page.length - 1]!.seq) : request.after;
    return (
      `{"scope":${JSON.stringify(request.scope)},"entries":[${page.map((r) => r.entry).join(',')}],` +
      `"next":${next},"hasMore":${hasMore},"serverHlc":${JSON.stringify(clock.now())}}`
    );
  }

  /** Writes changes as the server on behalf of `actor` (an administrator), published like any other; returns the ids. */
  async writeAsServer(actor: { id: string; name: string }, writes: ServerWrite[]): Promise<string[]> {
    await this.hlc();
    const ids = writes.map((w) => w.id ?? uuidv7());
    await this.retrying(() =>
      this.db.transaction(async (tx) => {
        const application = new TxApplication(tx, this.clock!, null);
        const txId = uuidv7();
        for (const [i, write] of writes.entries()) {
          const fields = write.op === 'create' ? { projectId: write.projectId, ...write.fields } : write.fields;
          await application.applyServerChange(write.entity, ids[i]!, write.projectId, write.op, fields, txId, {
            actorId: actor.id,
            actorName: actor.name,
            deviceId: 'server',
          });
        }
        await application.finish();
      }),
    );
    return ids;
  }

  /** The state of records as the server holds them (null: none). */
  async records(keys: readonly { entity: EntityName; id: string }[]): Promise<(ServerRecord | null)[]> {
    return Promise.all(keys.map((k) => loadRecord(this.db, k.entity, k.id)));
  }

  /**
   * Applies a push's undecided transactions in ONE PostgreSQL transaction, each still whole or
   * not at all (what one writes before it is refused is rolled back to its savepoint), and
   * records every outcome with them: one commit and a few statements per push rather than a
   * dozen statements and a commit per user action. The records the push changes are locked
   * up front in key order, so concurrent pushes do not deadlock on them.
   */
  private async applyTxs(principal: Principal, txs: readonly SyncChange[][]): Promise<OutcomeRow[]> {
    const clock = this.clock!;
    for (const tx of txs) for (const change of tx) clock.receive(change.hlc);
    const authors = await loadAuthors(
      this.db,
      principal.deviceId,
      principal.employeeId,
      txs.flatMap((tx) => tx.map((c) => c.actorId)),
    );
    const applicant: Applicant = {
      isAdmin: principal.isAdmin,
      projectIds: principal.projectIds,
      deviceId: principal.deviceId,
      authors,
    };
    return this.retrying(() =>
      this.db.transaction(async (db) => {
        const batch = new PushBatch();
        await TxApplication.preloadBatch(db, clock, applicant, batch, txs.flat());
        const decided = new Map<string, { change: SyncChange; row: OutcomeRow }>();
        for (const changes of txs) {
          // The same transaction twice in one push: decided by its first copy.
          if (changes.some((c) => decided.has(c.changeId))) continue;
          const application = new TxApplication(db, clock, applicant, batch);
          let rejection: Rejection | null = null;
          try {
            await application.preload(changes);
            for (const change of changes) await application.applyChange(change);
            await application.finishRules();
            await application.commitTo();
          } catch (error) {
            if (!(error instanceof Rejection)) throw error;
            await application.abandon();
            rejection = error;
          }
          for (const change of changes) {
            decided.set(change.changeId, {
              change,
              row: {
                change_id: change.changeId,
                tx_id: change.txId,
                entity: change.entity,
                entity_id: change.entityId,
                status: rejection ? 'rejected' : 'applied',
                code: rejection?.code ?? null,
                message: rejection?.message ?? null,
              },
            });
          }
        }
        await batch.flush(db);
        await this.recordOutcomes(db, principal, [...decided.values()]);
        return [...decided.values()].map((d) => d.row);
      }),
    );
  }

  private async answer(changes: SyncChange[], known: Map<string, OutcomeRow>): Promise<ChangeOutcome[]> {
    const rejected = [...known.values()].some((o) => o.status === 'rejected');
    const touched = uniqueRecords(changes);
    const serverRecords = rejected
      ? (await this.records(touched)).map((record, i) => ({ entity: touched[i]!.entity, id: touched[i]!.id, record }))
      : [];
    return changes.map((change): ChangeOutcome => {
      const outcome = known.get(change.changeId);
      if (!outcome || outcome.status === 'applied') return { changeId: change.changeId, status: 'applied' };
      return {
        changeId: change.changeId,
        status: 'rejected',
        code: outcome.code as Extract<ChangeOutcome, { status: 'rejected' }>['code'],
        message: outcome.message ?? '',
        serverRecords,
      };
    });
  }

  private async knownOutcomes(ids: readonly string[]): Promise<Map<string, OutcomeRow>> {
    if (ids.length === 0) return new Map();
    const rows = await query<OutcomeRow>(
      this.db,
      sql`SELECT change_id, tx_id, entity, entity_id, status, code, message FROM outcomes
          WHERE change_id IN (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
    );
    return new Map(rows.map((r) => [r.change_id, r]));
  }

  private async recordOutcomes(
    db: Pick<ServerDb, 'execute'>,
    principal: Principal,
    decided: readonly { change: SyncChange; row: OutcomeRow }[],
  ): Promise<void> {
    const receivedAt = new Date().toISOString();
    for (let i = 0; i < decided.length; i += 500) {
      const values = decided.slice(i, i + 500).map(
        ({ change: c, row }) => sql`(${c.changeId}, ${c.txId}, ${c.entity}, ${c.entityId}, ${row.status}, ${row.code},
          ${row.message}, ${principal.deviceId}, ${principal.employeeId}, ${receivedAt}, ${JSON.stringify(c)}::jsonb)`,
      );
      await db.execute(sql`INSERT INTO outcomes (change_id, tx_id, entity, entity_id, status, code, message, device_id,
        employee_id, received_at, change) VALUES ${sql.join(values, sql`, `)} ON CONFLICT (change_id) DO NOTHING`);
    }
  }

  private async retrying<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        const code =
          (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
        if (!code || !RETRYABLE.has(code) || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
      }
    }
  }

  /** The server's clock resumes above every stamp it has published, whatever its wall clock says. */
  private async hlc(): Promise<HybridLogicalClock> {
    if (this.clock) return this.clock;
    const rows = await query<{ hlc: string | null }>(this.db, sql`SELECT max(hlc) AS hlc FROM feed`);
    const last = rows[0]?.hlc;
    const clock = new HybridLogicalClock(this.options.node ?? `server-${uuidv7().slice(-12)}`, this.options.now ?? Date.now);
    if (last) clock.receive(last);
    this.clock ??= clock;
    return this.clock;
  }
}

/** Consecutive changes of one transaction, in log order. */
function groupByTx(changes: readonly SyncChange[]): SyncChange[][] {
  const groups: SyncChange[][] = [];
  for (const change of changes) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.txId === change.txId) last.push(change);
    else groups.push([change]);
  }
  return groups;
}

function uniqueRecords(changes: readonly SyncChange[]): { entity: EntityName; id: string }[] {
  const seen = new Set<string>();
  const out: { entity: EntityName; id: string }[] = [];
  for (const c of changes) {
    const k = `${c.entity}:${c.entityId}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ entity: c.entity, id: c.entityId });
  }
  return out;
}
