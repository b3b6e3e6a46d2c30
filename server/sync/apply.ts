import { sql } from 'drizzle-orm';
import { ENTITY_NAMES, type EntityName } from '../../shared/domain/audit.js';
import { planCustomerMerge } from '../../shared/domain/customer-merge.js';
import { relationRuleProblems, type RelationLike } from '../../shared/domain/relations.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { customerReferenceFields, ENTITY_SYNC } from '../../shared/sync/entities.js';
import type { HybridLogicalClock } from '../../shared/sync/hlc.js';
import { mergeFields, newestClock } from '../../shared/sync/merge.js';
import { GROUP_SCOPE, type RejectionCode, type ServerRecord, type SyncChange } from '../../shared/sync/protocol.js';
import { heldGrant, type AuthorAccess } from './authors.js';
import {
  allRecordsWhere,
  isLive,
  loadRecords,
  lockKeys,
  projectKeyOf,
  query,
  recordsWhere,
  recordsWhereIn,
  saveRecords,
  type Sql,
} from './records.js';

/** A rule the server decided against: the whole transaction is refused. */
export class Rejection extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
  }
}

export interface Author {
  actorId: string;
  actorName: string;
  deviceId: string;
}

export const SERVER_AUTHOR: Author = { actorId: 'server', actorName: '集团服务器', deviceId: 'server' };

/**
 * Who the transaction is applied for; null for the server's own writes (no rules, no grants).
 * `isAdmin` and `projectIds` are the pushing employee's, now: the authority of changes whose
 * author is no employee (the device's local operator before anyone signed in). Changes of an
 * employee are decided on that author's rights when they made them (`authors`, authors.ts).
 */
export interface Applicant {
  isAdmin: boolean;
  projectIds: readonly string[];
  deviceId: string;
  authors?: ReadonlyMap<string, AuthorAccess>;
}

interface FeedRow {
  changeId: string;
  txId: string;
  entity: EntityName;
  entityId: string;
  projectId: string | null;
  op: string;
  fields: Record<string, unknown>;
  old: Record<string, unknown>;
  clocks: Record<string, string> | null;
  hlc: string;
  author: Author;
  at: string;
  record: { createdAt: string; createdBy: string; updatedAt: string; updatedBy: string };
}

/**
 * What the transactions of one push applied so far leave for the next ones, all inside one
 * PostgreSQL transaction: records as they left them (written back in batches), where
 * customers are known, and the feed entries in order. A transaction the server refuses never
 * reaches it: its own writes are rolled back to its savepoint and its state is dropped.
 * At the end it is written in a few statements and the feed numbered per scope.
 */
export class PushBatch {
  readonly cache = new Map<string, ServerRecord | null>();
  readonly dirty = new Set<string>();
  readonly members = new Map<string, Set<string>>();
  readonly newMembers: { customerId: string; projectId: string }[] = [];
  readonly feedByScope = new Map<string, FeedRow[]>();
  /** Advisory lock keys this PostgreSQL transaction holds (until it ends). */
  readonly locked = new Set<string>();

  /** Records left by earlier transactions, written before anything reads the table. */
  async flushRecords(db: Sql): Promise<void> {
    if (this.dirty.size === 0) return;
    const records = [...this.dirty].map((key) => this.cache.get(key)!);
    this.dirty.clear();
    await saveRecords(db, records);
  }

  /** Writes everything still pending: records, customers' new projects, the feed. */
  async flush(db: Sql): Promise<void> {
    await this.flushRecords(db);
    for (let i = 0; i < this.newMembers.length; i += 500) {
      const values = this.newMembers.slice(i, i + 500).map((m) => sql`(${m.customerId}, ${m.projectId})`);
      await db.execute(
        sql`INSERT INTO customer_projects (customer_id, project_id) VALUES ${sql.join(values, sql`, `)} ON CONFLICT DO NOTHING`,
      );
    }
    this.newMembers.length = 0;
    await this.flushFeed(db);
  }

  /** Numbers each scope's entries under its row lock (scopes in a fixed order: no deadlock). */
  private async flushFeed(db: Sql): Promise<void> {
    for (const scope of [...this.feedByScope.keys()].sort()) {
      const rows = this.feedByScope.get(scope)!;
      const [{ last_seq }] = (await query<{ last_seq: string | number }>(
        db,
        sql`INSERT INTO scopes (scope, last_seq) VALUES (${scope}, ${rows.length})
            ON CONFLICT (scope) DO UPDATE SET last_seq = scopes.last_seq + ${rows.length}
            RETURNING last_seq`,
      )) as [{ last_seq: string | number }];
      let seq = Number(last_seq) - rows.length;
      const values = rows.map((r) => {
        seq++;
        return sql`(${scope}, ${seq}, ${r.changeId}, ${r.txId}, ${r.entity}, ${r.entityId}, ${r.projectId}, ${r.op},
          ${JSON.stringify(r.fields)}::jsonb, ${JSON.stringify(r.old)}::jsonb,
          ${r.clocks ? JSON.stringify(r.clocks) : null}::jsonb, ${r.hlc}, ${r.author.actorId}, ${r.author.actorName},
          ${r.author.deviceId}, ${r.at}, ${JSON.stringify(r.record)}::jsonb)`;
      });
      for (let i = 0; i < values.length; i += 500) {
        await db.execute(sql`INSERT INTO feed (scope, seq, change_id, tx_id, entity, entity_id, project_id, op, fields, old,
          clocks, hlc, actor_id, actor_name, device_id, at, record) VALUES ${sql.join(values.slice(i, i + 500), sql`, `)}`);
      }
    }
    this.feedByScope.clear();
  }
}

/** Customer fields whose change can make two live customers share an ID document. */
const IDENTITY_FIELDS = ['idKey', 'idType', 'idNumber', 'deletedAt', 'mergedInto'];

/**
 * One transaction being applied on the server: a device's user action, or the server's own
 * follow-up changes (customer identity merges, redirects to a survivor). Records are merged
 * field by field (later HLC wins); rules are checked on the state the transaction leaves;
 * feed entries are collected per scope and numbered at the end, under the scope's row lock,
 * so each scope's numbering has no gaps and follows commit order.
 *
 * Alone (`finish()`), it writes everything itself. Within a push (`batch` given), it reads
 * what the push's earlier transactions left, writes to the database only what its rule
 * checks must read (after a savepoint, so a refusal rolls it back), and hands the rest to
 * the batch (`commitTo()`), which writes the whole push at its end.
 */
export class TxApplication {
  private readonly feedByScope = new Map<string, FeedRow[]>();
  private readonly touchedResources = new Map<string, { projectKey: string; relations: Set<string> }>();
  private readonly touchedCustomers = new Set<string>();
  /** Customers merged meanwhile: id → survivor. */
  private readonly mergedInto = new Map<string, string>();
  private readonly redirects: { entity: EntityName; id: string; projectId: string | null; field: string; to: string }[] = [];
  /** Records as this transaction leaves them (null: none), written back in batches. */
  private readonly cache = new Map<string, ServerRecord | null>();
  private readonly dirty = new Set<string>();
  private readonly createdHere = new Set<string>();
  /** Customers with records of theirs written by this transaction. */
  private readonly childrenWritten = new Set<string>();
  /** customer → the projects it is known in (loaded on first use). */
  private readonly members = new Map<string, Set<string>>();
  private readonly newMembers: { customerId: string; projectId: string }[] = [];
  /** scope:entity:id of the records sent whole to a scope by this transaction. */
  private readonly snapshotted = new Set<string>();
  private readonly batch: PushBatch;
  private readonly inBatch: boolean;
  /** Within a push: this transaction has written and may have to roll back to its savepoint. */
  private savepoint = false;
  /** Advisory locks this transaction took (the batch's count once it stands). */
  private readonly locked = new Set<string>();

  constructor(
    private readonly db: Sql,
    private readonly clock: HybridLogicalClock,
    private readonly applicant: Applicant | null,
    batch?: PushBatch,
  ) {
    this.batch = batch ?? new PushBatch();
    this.inBatch = batch !== undefined;
  }

  /**
   * Loads in a few statements what a batch of changes will read: the records they change
   * (locked, in key order), those they point at, and where their customers are known.
   */
  async preload(changes: readonly SyncChange[]): Promise<void> {
    await this.load(
      changes.map((c) => ({ entity: c.entity, id: c.entityId })),
      true,
    );
    const targets: { entity: EntityName; id: string }[] = [];
    const customers = new Set<string>();
    for (const c of changes) {
      for (const [field, target] of Object.entries(ENTITY_SYNC[c.entity].references ?? {})) {
        const value = c.changes[field]?.new;
        if (typeof value === 'string') targets.push({ entity: target, id: value });
        if (typeof value === 'string' && target === 'customer') customers.add(value);
      }
      if (c.entity === 'customer') customers.add(c.entityId);
    }
    await this.load(targets, false);
    for (const c of changes) {
      const owner = this.ownerOf(c.entity, c.entityId, this.cache.get(`${c.entity}:${c.entityId}`)?.fields ?? {});
      if (owner) customers.add(owner);
    }
    await this.loadMembers([...customers]);
  }

  private async load(keys: readonly { entity: EntityName; id: string }[], forUpdate: boolean): Promise<void> {
    const missing = new Map<string, { entity: EntityName; id: string }>();
    for (const k of keys) {
      const key = `${k.entity}:${k.id}`;
      if (this.cache.has(key)) continue;
      // As the push's earlier transactions left it (records are never changed in place).
      if (this.batch.cache.has(key)) this.cache.set(key, this.batch.cache.get(key)!);
      else missing.set(key, k);
    }
    if (missing.size === 0) return;
    for (const record of await loadRecords(this.db, [...missing.values()], forUpdate)) {
      this.cache.set(`${record.entity}:${record.id}`, record);
      missing.delete(`${record.entity}:${record.id}`);
    }
    for (const key of missing.keys()) this.cache.set(key, null);
  }

  private async get(entity: EntityName, id: string, forUpdate = false): Promise<ServerRecord | null> {
    await this.load([{ entity, id }], forUpdate);
    return this.cache.get(`${entity}:${id}`) ?? null;
  }

  private put(record: ServerRecord): void {
    const key = `${record.entity}:${record.id}`;
    this.cache.set(key, record);
    this.dirty.add(key);
  }

  /** Writes the records changed so far, before anything reads the table itself. */
  private async flushRecords(): Promise<void> {
    // The push's earlier transactions first: this one has not opened its savepoint yet when
    // they have anything pending (they are merged in before it starts, flushed at its first write).
    await this.batch.flushRecords(this.db);
    if (this.dirty.size === 0) return;
    if (this.inBatch && !this.savepoint) {
      await this.db.execute(sql.raw('SAVEPOINT sync_tx'));
      this.savepoint = true;
    }
    const records = [...this.dirty].map((key) => this.cache.get(key)!);
    this.dirty.clear();
    await saveRecords(this.db, records);
  }

  private async loadMembers(customerIds: readonly string[]): Promise<void> {
    const fromDb: string[] = [];
    for (const id of customerIds) {
      if (this.members.has(id)) continue;
      // A copy: joining a project changes it, and a refused transaction must leave the batch's alone.
      const known = this.batch.members.get(id);
      if (known) this.members.set(id, new Set(known));
      else fromDb.push(id);
    }
    const missing = [...new Set(fromDb)];
    if (missing.length === 0) return;
    for (const id of missing) this.members.set(id, new Set());
    for (let i = 0; i < missing.length; i += 500) {
      const rows = await query<{ customer_id: string; project_id: string }>(
        this.db,
        sql`SELECT customer_id, project_id FROM customer_projects WHERE customer_id IN (${sql.join(
          missing.slice(i, i + 500).map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
      for (const row of rows) this.members.get(row.customer_id)!.add(row.project_id);
    }
  }

  private ownerOf(entity: EntityName, id: string, fields: Record<string, unknown>): string | null {
    const spec = ENTITY_SYNC[entity];
    if (spec.scope !== 'customer') return null;
    const owner = spec.ownerField === 'id' ? id : fields[spec.ownerField ?? 'customerId'];
    return typeof owner === 'string' ? owner : null;
  }

  /** A device's change, with every rule of its entity. */
  async applyChange(change: SyncChange): Promise<void> {
    const spec = ENTITY_SYNC[change.entity];
    this.authorize(change);
    const current = await this.get(change.entity, change.entityId, true);
    if (change.op !== 'create' && !current)
      throw new Rejection('MISSING_REFERENCE', '该记录在集团服务器上不存在（它的新增可能已被拒绝）');

    if (current && spec.immutable) {
      // The same creation arriving again (another copy, under another change id) changes nothing;
      // anything else after it — an edit, a delete, an undelete — is refused: a new version is made.
      const sameCreation =
        change.op === 'create' && Object.entries(change.changes).every(([field, c]) => sameValue(current.fields[field], c.new));
      if (sameCreation) return;
      throw new Rejection('IMMUTABLE', spec.immutableMessage ?? '该记录已定稿，不能修改');
    }

    if (current) {
      for (const field of spec.guardedFields ?? []) {
        const c = change.changes[field];
        if (c && !sameValue(current.fields[field], c.old)) {
          throw new Rejection(
            'STALE_STATE',
            spec.staleMessage?.(field, current.fields[field]) ?? '该记录已被其他人修改，您的操作未生效',
          );
        }
      }
      const guarded = (spec.wholeRecordGuard ?? []).some((f) => {
        const c = change.changes[f];
        return c !== undefined && c.new !== null && c.new !== undefined;
      });
      const newest = newestClock(current.clocks);
      if (guarded && newest !== null && (change.baseHlc === null || newest > change.baseHlc)) {
        throw new Rejection('STALE_RECORD', '该记录在您操作之前已被其他人修改，请在最新数据上重新操作');
      }
    }

    const values: Record<string, unknown> = {};
    const old: Record<string, unknown> = {};
    for (const [field, c] of Object.entries(change.changes)) {
      values[field] = c.new;
      old[field] = c.old;
    }
    await this.checkReferences(change.entity, values);
    await this.write(
      change.entity,
      change.entityId,
      current,
      change.projectId,
      { op: change.op, values, old, hlc: change.hlc, at: change.at, changeId: change.changeId, txId: change.txId },
      { actorId: change.actorId, actorName: change.actorName, deviceId: change.deviceId },
      this.contextProject(change),
    );
  }

  /** The server's own change: no rules, published like any other. */
  async applyServerChange(
    entity: EntityName,
    id: string,
    projectId: string | null,
    op: 'create' | 'update' | 'delete',
    values: Record<string, unknown>,
    txId: string,
    author: Author = SERVER_AUTHOR,
  ): Promise<void> {
    const current = await this.get(entity, id, true);
    const old: Record<string, unknown> = {};
    for (const field of Object.keys(values)) old[field] = current?.fields[field] ?? null;
    await this.write(
      entity,
      id,
      current,
      current?.projectId ?? projectId,
      { op, values, old, hlc: this.clock.now(), at: new Date().toISOString(), changeId: uuidv7(), txId },
      author,
      null,
    );
  }

  /** Rules over the state the transaction leaves, then the feed and its numbering. */
  async finish(): Promise<void> {
    await this.finishRules();
    this.mergeInto(this.batch);
    await this.batch.flush(this.db);
  }

  /** Rules over the state the transaction leaves, and the server's follow-up changes. */
  async finishRules(): Promise<void> {
    await this.checkRelations();
    await this.reconcileIdentities();
    await this.applyRedirects();
  }

  /** Within a push, after finishRules(): the transaction stands; the batch carries its state on. */
  async commitTo(): Promise<void> {
    if (this.savepoint) await this.db.execute(sql.raw('RELEASE SAVEPOINT sync_tx'));
    this.savepoint = false;
    this.mergeInto(this.batch);
  }

  /** Within a push, after a Rejection: what the transaction wrote is rolled back, its state dropped. */
  async abandon(): Promise<void> {
    if (this.savepoint) {
      await this.db.execute(sql.raw('ROLLBACK TO SAVEPOINT sync_tx'));
      await this.db.execute(sql.raw('RELEASE SAVEPOINT sync_tx'));
    }
    this.savepoint = false;
  }

  /**
   * Loads what the whole push will read into `batch` (the records it changes locked in key
   * order, those they point at, customers' projects) and takes the advisory locks its rule
   * checks will take, all sorted, so two pushes never wait on each other in a circle.
   */
  static async preloadBatch(
    db: Sql,
    clock: HybridLogicalClock,
    applicant: Applicant | null,
    batch: PushBatch,
    changes: readonly SyncChange[],
  ): Promise<void> {
    const loader = new TxApplication(db, clock, applicant, batch);
    await loader.preload(changes);
    const keys: string[] = [];
    for (const c of changes) {
      const current = loader.cache.get(`${c.entity}:${c.entityId}`)?.fields;
      const value = (field: string) => (field in c.changes ? c.changes[field]!.new : current?.[field]);
      if (c.entity === 'customerResource' && typeof value('resourceId') === 'string')
        keys.push(`resource:${value('resourceId')}`);
      if (c.entity === 'customer' && typeof value('idKey') === 'string' && value('idKey') !== '')
        keys.push(`idKey:${value('idKey')}`);
    }
    await lockKeys(db, keys);
    for (const key of keys) batch.locked.add(key);
    loader.mergeInto(batch);
  }

  /** Advisory locks (lockKeys), but none this PostgreSQL transaction already holds. */
  private async lock(keys: readonly string[]): Promise<void> {
    const wanted = keys.filter((k) => !this.batch.locked.has(k) && !this.locked.has(k));
    if (wanted.length === 0) return;
    await lockKeys(this.db, wanted);
    for (const k of wanted) this.locked.add(k);
  }

  private mergeInto(batch: PushBatch): void {
    if (batch !== this.batch) throw new Error('a transaction merges into its own batch');
    for (const [key, record] of this.cache) batch.cache.set(key, record);
    for (const key of this.dirty) batch.dirty.add(key);
    for (const [id, projects] of this.members) batch.members.set(id, projects);
    batch.newMembers.push(...this.newMembers);
    for (const key of this.locked) batch.locked.add(key);
    for (const [scope, rows] of this.feedByScope) {
      const all = batch.feedByScope.get(scope);
      if (all) all.push(...rows);
      else batch.feedByScope.set(scope, [...rows]);
    }
    this.dirty.clear();
    this.newMembers.length = 0;
    this.feedByScope.clear();
  }

  private authorize(change: SyncChange): void {
    const applicant = this.applicant;
    if (!applicant) return;
    if (change.deviceId !== applicant.deviceId) throw new Rejection('INVALID_CHANGE', '只能上传本设备的修改');
    const spec = ENTITY_SYNC[change.entity];
    const author = applicant.authors?.get(change.actorId);
    if (author && !author.onDevice) {
      throw new Rejection('FORBIDDEN', `修改者“${change.actorName}”未在本设备登录过，修改未被接受`);
    }
    const isAdmin = author ? author.isAdmin : applicant.isAdmin;
    if (spec.adminOnly && !isAdmin) throw new Rejection('FORBIDDEN', '组织架构只能由集团管理员维护');
    if (spec.scope === 'project' && (change.projectId === null || !this.mayWrite(change, change.projectId))) {
      throw new Rejection(
        'FORBIDDEN',
        author && change.actorName
          ? `修改者“${change.actorName}”当时没有该项目的权限，修改未被接受`
          : '您没有该项目的权限，修改未被接受',
      );
    }
  }

  /** The change's author held a grant of the project when they made it (see authors.ts). */
  private mayWrite(change: SyncChange, projectId: string): boolean {
    const applicant = this.applicant!;
    const author = applicant.authors?.get(change.actorId);
    return author ? heldGrant(author, projectId, change.hlc) : applicant.projectIds.includes(projectId);
  }

  private contextProject(change: SyncChange): string | null {
    const project = change.contextProjectId;
    if (!project || !this.applicant) return project;
    return this.mayWrite(change, project) ? project : null;
  }

  private async checkReferences(entity: EntityName, values: Record<string, unknown>): Promise<void> {
    for (const [field, target] of Object.entries(ENTITY_SYNC[entity].references ?? {})) {
      const value = values[field];
      if (typeof value !== 'string') continue;
      const record = await this.get(target, value);
      if (!record) throw new Rejection('MISSING_REFERENCE', '所引用的记录在集团服务器上不存在（它的新增可能已被拒绝）');
    }
  }

  private async write(
    entity: EntityName,
    id: string,
    current: ServerRecord | null,
    projectId: string | null,
    change: {
      op: string;
      values: Record<string, unknown>;
      old: Record<string, unknown>;
      hlc: string;
      at: string;
      changeId: string;
      txId: string;
    },
    author: Author,
    contextProjectId: string | null,
  ): Promise<void> {
    const merged = mergeFields(current ?? undefined, { fields: change.values, hlc: change.hlc });
    const newest = current ? newestClock(current.clocks) : null;
    const latest = newest === null || change.hlc > newest;
    const record: ServerRecord = {
      entity,
      id,
      projectId: current?.projectId ?? projectId,
      fields: merged.fields,
      clocks: merged.clocks,
      createdAt: current?.createdAt ?? change.at,
      createdBy: current?.createdBy ?? author.actorId,
      updatedAt: latest ? change.at : current!.updatedAt,
      updatedBy: latest ? author.actorId : current!.updatedBy,
    };
    this.put(record);
    if (!current) this.createdHere.add(`${entity}:${id}`);
    const owner = this.ownerOf(entity, id, record.fields);
    if (owner && owner !== id) this.childrenWritten.add(owner);
    this.track(record, current === null || IDENTITY_FIELDS.some((f) => f in change.values));
    if (merged.won.length === 0) return;

    const fields: Record<string, unknown> = {};
    const old: Record<string, unknown> = {};
    for (const field of merged.won) {
      fields[field] = merged.fields[field];
      old[field] = change.old[field] ?? null;
    }
    const entry: FeedRow = {
      changeId: change.changeId,
      txId: change.txId,
      entity,
      entityId: id,
      projectId: record.projectId,
      op: current ? change.op : 'create',
      fields,
      old,
      clocks: null,
      hlc: change.hlc,
      author,
      at: change.at,
      record: {
        createdAt: record.createdAt,
        createdBy: record.createdBy,
        updatedAt: record.updatedAt,
        updatedBy: record.updatedBy,
      },
    };
    // A record new to the server is published by its own entry; one that existed goes into a
    // project's first snapshot whole, the entry after it then changes nothing there.
    const fresh = current ? null : record;
    // A customer's record that changes hands (a phone moved to the survivor of a merge) enters
    // the new owner's projects: there it arrives whole, since those devices never had it.
    const previousOwner = current ? this.ownerOf(entity, id, current.fields) : null;
    const before = previousOwner ? new Set(await this.projectsOf(previousOwner)) : null;
    for (const scope of await this.scopesOf(record, contextProjectId, fresh)) {
      if (before && !before.has(scope) && !this.snapshotted.has(`${scope}:${entity}:${id}`)) this.publishSnapshot(scope, record);
      else this.publish(scope, entry);
    }
    await this.noteRedirects(record, merged.won);
  }

  /** `identity`: the change could give the record an ID document another live customer holds. */
  private track(record: ServerRecord, identity: boolean): void {
    if (record.entity === 'customerResource') {
      const resourceId = record.fields.resourceId;
      if (typeof resourceId === 'string') {
        const touched = this.touchedResources.get(resourceId) ?? {
          projectKey: projectKeyOf('customerResource', record.projectId),
          relations: new Set<string>(),
        };
        touched.relations.add(record.id);
        this.touchedResources.set(resourceId, touched);
      }
    }
    if (identity && record.entity === 'customer' && typeof record.fields.idKey === 'string' && record.fields.idKey !== '') {
      this.touchedCustomers.add(record.id);
    }
  }

  /** The feeds a record's entries go to; customers join the projects that use them. */
  private async scopesOf(record: ServerRecord, contextProjectId: string | null, fresh: ServerRecord | null): Promise<string[]> {
    const spec = ENTITY_SYNC[record.entity];
    if (spec.scope === 'group') return [GROUP_SCOPE];
    if (spec.scope === 'project') {
      const project = record.projectId;
      if (!project) return [];
      for (const field of customerReferenceFields(record.entity)) {
        const customerId = record.fields[field];
        if (typeof customerId === 'string') await this.joinProject(customerId, project, fresh);
      }
      return [project];
    }
    const owner = spec.ownerField === 'id' ? record.id : record.fields[spec.ownerField ?? 'customerId'];
    if (typeof owner !== 'string') return [];
    if (contextProjectId) await this.joinProject(owner, contextProjectId, fresh);
    for (const field of customerReferenceFields(record.entity)) {
      const other = record.fields[field];
      if (typeof other === 'string' && other !== owner) await this.shareProjects(owner, other, fresh);
    }
    return this.projectsOf(owner);
  }

  private async projectsOf(customerId: string): Promise<string[]> {
    await this.loadMembers([customerId]);
    return [...this.members.get(customerId)!].sort();
  }

  /** A family link or a merge makes both customers known wherever either is. */
  private async shareProjects(a: string, b: string, publishing: ServerRecord | null): Promise<void> {
    for (const project of await this.projectsOf(a)) await this.joinProject(b, project, publishing);
    for (const project of await this.projectsOf(b)) await this.joinProject(a, project, publishing);
  }

  /**
   * Makes a customer known in a project. The first time, the project's feed gets a snapshot
   * of the customer and everything of theirs (phones, family, vehicles, accounts) before the
   * entry that brought them, so the project's devices never see a change of an unknown record.
   */
  private async joinProject(customerId: string, projectId: string, publishing: ServerRecord | null): Promise<void> {
    await this.loadMembers([customerId]);
    const known = this.members.get(customerId)!;
    if (known.has(projectId)) return;
    known.add(projectId);
    this.newMembers.push({ customerId, projectId });
    // A customer this transaction created, with nothing of theirs written yet, has nothing to send.
    if (this.createdHere.has(`customer:${customerId}`) && !this.childrenWritten.has(customerId)) return;
    const customer = await this.get('customer', customerId);
    if (!customer) return;
    await this.flushRecords();
    // Everything of theirs: every customer-owned entity, by its owner field (phones, vehicles,
    // accounts, documents, family links, merges into them …), so a new one is covered by its spec.
    const own: ServerRecord[] = [customer];
    for (const entity of ENTITY_NAMES) {
      const spec = ENTITY_SYNC[entity];
      if (spec.scope !== 'customer' || spec.ownerField === 'id' || !spec.ownerField) continue;
      own.push(...(await allRecordsWhere(this.db, entity, spec.ownerField, customerId)));
    }
    // Links that name them from the other side: the family member's own link, a merge's duplicate.
    const linked = await allRecordsWhere(this.db, 'familyMember', 'memberId', customerId);
    for (const record of [...own, ...linked]) if (!sameRecord(record, publishing)) this.publishSnapshot(projectId, record);
    for (const record of [...own, ...linked]) {
      const others =
        record.entity === 'familyMember'
          ? [record.fields.customerId, record.fields.memberId]
          : record.entity === 'customerMerge'
            ? [record.fields.mergedId]
            : [];
      for (const other of others)
        if (typeof other === 'string' && other !== customerId) await this.joinProject(other, projectId, publishing);
    }
  }

  private publishSnapshot(scope: string, record: ServerRecord): void {
    this.snapshotted.add(`${scope}:${record.entity}:${record.id}`);
    const hlc = newestClock(record.clocks) ?? this.clock.now();
    this.publish(scope, {
      changeId: uuidv7(),
      txId: 'snapshot',
      entity: record.entity,
      entityId: record.id,
      projectId: record.projectId,
      op: 'snapshot',
      fields: record.fields,
      old: {},
      clocks: record.clocks,
      hlc,
      author: SERVER_AUTHOR,
      at: record.updatedAt,
      record: {
        createdAt: record.createdAt,
        createdBy: record.createdBy,
        updatedAt: record.updatedAt,
        updatedBy: record.updatedBy,
      },
    });
  }

  private publish(scope: string, entry: FeedRow): void {
    const rows = this.feedByScope.get(scope) ?? [];
    rows.push(entry);
    this.feedByScope.set(scope, rows);
  }

  /** A change that points at a customer merged away is followed by one pointing at the survivor. */
  private async noteRedirects(record: ServerRecord, won: readonly string[]): Promise<void> {
    for (const field of customerReferenceFields(record.entity)) {
      if (!won.includes(field)) continue;
      const target = record.fields[field];
      if (typeof target !== 'string') continue;
      const survivor = await this.survivorOf(target);
      if (survivor !== target)
        this.redirects.push({ entity: record.entity, id: record.id, projectId: record.projectId, field, to: survivor });
    }
  }

  private async survivorOf(customerId: string): Promise<string> {
    let id = customerId;
    for (let hops = 0; hops < 20; hops++) {
      const next = this.mergedInto.get(id) ?? (await this.get('customer', id))?.fields.mergedInto;
      if (typeof next !== 'string' || next === '') return id;
      id = next;
    }
    return id;
  }

  private async applyRedirects(): Promise<void> {
    const txId = uuidv7();
    while (this.redirects.length > 0) {
      const r = this.redirects.shift()!;
      await this.applyServerChange(r.entity, r.id, r.projectId, 'update', { [r.field]: r.to }, txId);
    }
  }

  /** 客房关系 rules over each touched room's relations as the transaction leaves them. */
  private async checkRelations(): Promise<void> {
    if (!this.applicant || this.touchedResources.size === 0) return;
    await this.lock([...this.touchedResources.keys()].map((k) => `resource:${k}`));
    await this.flushRecords();
    const byProject = new Map<string, string[]>();
    for (const [resourceId, touched] of this.touchedResources) {
      byProject.set(touched.projectKey, [...(byProject.get(touched.projectKey) ?? []), resourceId]);
    }
    for (const [projectKey, resourceIds] of byProject) {
      const byResource = new Map<string, RelationLike[]>();
      for (const record of await recordsWhereIn(this.db, 'customerResource', 'resourceId', resourceIds, projectKey)) {
        const resourceId = String(record.fields.resourceId);
        byResource.set(resourceId, [...(byResource.get(resourceId) ?? []), asRelation(record)]);
      }
      for (const resourceId of resourceIds) {
        const all = byResource.get(resourceId) ?? [];
        const touched = this.touchedResources.get(resourceId)!.relations;
        const changed = all.filter((r) => r.id !== undefined && touched.has(r.id));
        if (changed.length === 0) continue;
        const problems = relationRuleProblems(all, changed);
        if (problems.length > 0) throw new Rejection('RELATION_RULE', problems.join('；'));
      }
    }
  }

  /**
   * ONE customer per ID document across the group: a customer created offline in two
   * projects arrives twice; the later arrival is merged into the one the server already had,
   * with every record of theirs moved to the survivor and the merge kept for history and undo.
   */
  private async reconcileIdentities(): Promise<void> {
    const touched = [...this.touchedCustomers]
      .map((id) => this.cache.get(`customer:${id}`))
      .filter((c): c is ServerRecord => !!c && isLive(c) && !c.fields.mergedInto);
    if (touched.length === 0) return;
    const idKeys = [...new Set(touched.map((c) => c.fields.idKey as string))];
    await this.lock(idKeys.map((k) => `idKey:${k}`));
    await this.flushRecords();
    const holders = new Map<string, ServerRecord[]>();
    for (const c of await recordsWhereIn(this.db, 'customer', 'idKey', idKeys)) {
      if (c.fields.mergedInto) continue;
      const k = c.fields.idKey as string;
      holders.set(k, [...(holders.get(k) ?? []), c]);
    }
    for (const customer of touched.sort((a, b) => a.id.localeCompare(b.id))) {
      if (this.mergedInto.has(customer.id)) continue;
      const others = (holders.get(customer.fields.idKey as string) ?? []).filter(
        (c) => c.id !== customer.id && !this.mergedInto.has(c.id),
      );
      if (others.length === 0) continue;
      // The customer the group already had survives (the earliest, if several).
      const existing = others.filter((c) => !this.touchedCustomers.has(c.id));
      const pool = existing.length > 0 ? existing : [customer, ...others];
      const survivor = pool.sort((a, b) =>
        a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id.localeCompare(b.id),
      )[0]!;
      if (survivor.id !== customer.id) await this.mergeCustomer(customer.id, survivor.id);
    }
  }

  private async mergeCustomer(mergedId: string, survivorId: string): Promise<void> {
    const txId = uuidv7();
    await this.flushRecords();
    for (const project of await this.projectsOf(mergedId)) await this.joinProject(survivorId, project, null);
    const of = (entity: EntityName, field: string, id: string) => recordsWhere(this.db, entity, field, id);
    const link = (r: ServerRecord) => ({
      id: r.id,
      customerId: String(r.fields.customerId),
      memberId: String(r.fields.memberId),
    });
    const plan = planCustomerMerge({
      survivorId,
      mergedId,
      survivor: {
        phoneNumbers: (await of('customerPhone', 'customerId', survivorId)).map((p) => String(p.fields.number)),
        family: [
          ...(await of('familyMember', 'customerId', survivorId)),
          ...(await of('familyMember', 'memberId', survivorId)),
        ].map(link),
        hasPrimaryAccount: (await of('bankAccount', 'customerId', survivorId)).some((a) => a.fields.isPrimary === true),
        documentHashes: (await of('customerDocument', 'customerId', survivorId)).map((d) => String(d.fields.hash)),
      },
      merged: {
        phones: (await of('customerPhone', 'customerId', mergedId)).map((p) => ({ id: p.id, number: String(p.fields.number) })),
        family: [...(await of('familyMember', 'customerId', mergedId)), ...(await of('familyMember', 'memberId', mergedId))].map(
          link,
        ),
        vehicleIds: (await of('vehicle', 'customerId', mergedId)).map((v) => v.id),
        accountIds: (await of('bankAccount', 'customerId', mergedId)).map((a) => a.id),
        relationIds: (await of('customerResource', 'customerId', mergedId)).map((r) => r.id),
        documents: (await of('customerDocument', 'customerId', mergedId)).map((d) => ({ id: d.id, hash: String(d.fields.hash) })),
      },
    });
    for (const step of plan.steps) {
      if (step.op === 'remove') {
        await this.applyServerChange(step.entity, step.id, null, 'delete', { deletedAt: new Date().toISOString() }, txId);
      } else {
        await this.applyServerChange(step.entity, step.id, null, 'update', step.values, txId);
      }
    }
    this.mergedInto.set(mergedId, survivorId);
    await this.applyServerChange('customer', mergedId, null, 'update', plan.mergedCustomer, txId);
    await this.applyServerChange('customerMerge', uuidv7(), null, 'create', plan.mergeRecord, txId);
  }
}

function asRelation(record: ServerRecord): RelationLike {
  const f = record.fields;
  return {
    id: record.id,
    customerId: String(f.customerId),
    role: f.role as RelationLike['role'],
    share: typeof f.share === 'number' ? f.share : null,
    startDate: String(f.startDate),
    endDate: typeof f.endDate === 'string' ? f.endDate : null,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function sameRecord(a: ServerRecord, b: ServerRecord | null): boolean {
  return b !== null && a.entity === b.entity && a.id === b.id;
}
