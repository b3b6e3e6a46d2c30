import { blobCounts, recordAttachmentState } from '../../db/queries/blobs.js';
import {
  getConflict,
  listConflicts,
  openConflictCount,
  pendingChangeCount,
  recordSyncState,
  unsentByOthers,
} from '../../db/queries/sync.js';
import { resolveConflictRow } from '../../db/sync-apply.js';
import { readSyncSettings, saveServerUrl } from '../../db/sync-settings.js';
import type { TxWriter } from '../../db/write.js';
import type { Handlers } from '../../shared/api/contract.js';
import type { EntityName } from '../../shared/domain/audit.js';
import { derivationOf } from '../../shared/domain/derived.js';
import type { ConflictChange, ConflictEdit, SyncConflict, SyncStatusView } from '../../shared/domain/sync.js';
import { AppError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { toAppError } from '../sync/errors.js';
import type { ServiceContext } from './context.js';

type SyncHandlers = Pick<
  Handlers,
  | 'sync.status'
  | 'sync.now'
  | 'sync.configure'
  | 'sync.register'
  | 'sync.login'
  | 'sync.conflicts'
  | 'sync.resolveConflict'
  | 'sync.recordState'
>;

/** Fields a retry never writes itself: the write path sets them. */
const NOT_RETRIED = new Set(['id', 'projectId', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt']);

export function syncStatus(ctx: ServiceContext): SyncStatusView {
  const settings = readSyncSettings(ctx.db);
  const engine = ctx.sync?.status() ?? null;
  const session = settings.session;
  const blobs = blobCounts(ctx.db);
  return {
    configured: settings.serverUrl !== null,
    serverUrl: settings.serverUrl,
    registered: settings.deviceToken !== null,
    signedIn: settings.sessionToken !== null,
    employee: settings.sessionToken && session ? { id: session.employeeId, name: session.employeeName, account: session.account } : null,
    online: engine?.online ?? false,
    syncing: engine?.syncing ?? false,
    lastSuccessAt: engine?.lastSuccessAt ?? settings.lastSuccessAt,
    lastAttemptAt: engine?.lastAttemptAt ?? null,
    nextAttemptAt: engine?.nextAttemptAt ?? null,
    lastError: engine?.lastError ?? null,
    lastErrorCode: engine?.lastErrorCode ?? null,
    pendingChanges: pendingChangeCount(ctx.db),
    othersPending: unsentByOthers(ctx.db, ctx.writer.actor.id),
    pendingPhotos: blobs.uploads + blobs.downloads,
    pendingUploads: blobs.uploads,
    pendingDownloads: blobs.downloads,
    attachmentError: engine?.attachmentError ?? null,
    conflicts: openConflictCount(ctx.db),
  };
}

function requireSync(ctx: ServiceContext) {
  if (!ctx.sync) throw new AppError('SYNC_DISABLED');
  if (!readSyncSettings(ctx.db).serverUrl) throw new AppError('SYNC_NOT_CONFIGURED');
  return ctx.sync;
}

async function viaEngine<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toAppError(error);
  }
}

export function syncHandlers(ctx: ServiceContext): SyncHandlers {
  return {
    'sync.status': () => syncStatus(ctx),
    'sync.now': async () => {
      const sync = requireSync(ctx);
      const settings = readSyncSettings(ctx.db);
      if (!settings.deviceToken) throw new AppError('SYNC_NOT_REGISTERED');
      if (!settings.sessionToken) throw new AppError('SYNC_NOT_SIGNED_IN');
      await viaEngine(() => sync.syncNow());
      return syncStatus(ctx);
    },
    'sync.configure': async ({ serverUrl }) => {
      saveServerUrl(ctx.db, serverUrl);
      if (ctx.sync) await viaEngine(() => ctx.sync!.configure(serverUrl));
      return syncStatus(ctx);
    },
    'sync.register': async ({ code, deviceName }) => {
      const sync = requireSync(ctx);
      await viaEngine(() => sync.register(code, deviceName));
      return syncStatus(ctx);
    },
    'sync.login': async ({ account, password }) => {
      const sync = requireSync(ctx);
      if (!readSyncSettings(ctx.db).deviceToken) throw new AppError('SYNC_NOT_REGISTERED');
      await viaEngine(() => sync.login(account, password));
      return syncStatus(ctx);
    },
    'sync.conflicts': (args) => listConflicts(ctx.db, args),
    'sync.resolveConflict': ({ id, action, changes }) => {
      const conflict = getConflict(ctx.db, id);
      if (!conflict) throw new AppError('NOT_FOUND', '冲突记录不存在');
      if (conflict.status !== 'open') throw new AppError('CONFLICT_RESOLVED');
      const by = ctx.writer.actor.name;
      if (action === 'discard') {
        resolveConflictRow(ctx.db, id, 'discarded', by, null);
      } else {
        retryConflict(ctx, conflict, action === 'edit' ? (changes ?? []) : []);
      }
      return getConflict(ctx.db, id)!;
    },
    'sync.recordState': ({ entity, id }) => {
      const attachments = recordAttachmentState(ctx.db, entity, id);
      return { state: recordSyncState(ctx.db, entity, id), ...(attachments ? { attachments } : {}) };
    },
  };
}

/**
 * Writes a refused attempt again as a NEW local transaction through the write path (so it is
 * pushed and decided by the server anew): creations re-create the record with the same id and
 * fields, updates set the attempted values on the record as it is now, deletions delete.
 * `edits` replace attempted values of some fields first (action 'edit').
 */
export function retryConflict(ctx: ServiceContext, conflict: SyncConflict, edits: ConflictEdit): string {
  const overrides = new Map<string, Record<string, unknown>>();
  for (const edit of edits) {
    const key = `${edit.entity}:${edit.entityId}`;
    const attempts = conflict.changes.filter((c) => c.entity === edit.entity && c.entityId === edit.entityId);
    if (attempts.length === 0) throw new AppError('VALIDATION', '修改的记录不在该冲突中', { changes: '修改的记录不在该冲突中' });
    for (const [field, value] of Object.entries(edit.fields)) {
      const attempted = attempts.map((a) => a.changes[field]).find((c) => c !== undefined);
      const derived = (derivationOf(edit.entity)?.derived ?? []).includes(field);
      if (NOT_RETRIED.has(field) || derived || !attempted) {
        throw new AppError('VALIDATION', `字段“${field}”不在该冲突的修改中`, { changes: `字段“${field}”不能修改` });
      }
      const expected = attempted.new === null ? typeof attempted.old : typeof attempted.new;
      if (value !== null && expected !== 'object' && typeof value !== expected) {
        throw new AppError('VALIDATION', `字段“${field}”的值类型不正确`, { changes: `字段“${field}”的值类型不正确` });
      }
    }
    overrides.set(key, { ...overrides.get(key), ...edit.fields });
  }

  const txId = uuidv7();
  try {
    ctx.writer.transactionWithId(txId, (tx) => {
      for (const change of conflict.changes) {
        const values: Record<string, unknown> = {};
        for (const [field, c] of Object.entries(change.changes)) values[field] = c.new;
        const override = overrides.get(`${change.entity}:${change.entityId}`) ?? {};
        for (const [field, value] of Object.entries(override)) if (field in change.changes) values[field] = value;
        // Derived fields (search keys) are the write path's to compute: once a value they come
        // from was edited, the attempted ones are stale and go, whatever the derivation keeps.
        const derivation = derivationOf(change.entity);
        if (derivation && derivation.sources.some((field) => field in override)) {
          for (const field of derivation.derived) delete values[field];
        }
        replay(tx, change, values);
      }
      if (!resolveConflictRow(ctx.db, conflict.id, 'retried', tx.actor.name, txId)) throw new AppError('CONFLICT_RESOLVED');
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      throw new AppError('CONFLICT_RETRY_FAILED', '该冲突涉及的记录已不存在（可能其创建也被服务器拒绝），请先处理相关的冲突或放弃');
    }
    throw error;
  }
  return txId;
}

function replay(tx: TxWriter, change: ConflictChange, values: Record<string, unknown>): void {
  const entity: EntityName = change.entity;
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) if (!NOT_RETRIED.has(field)) patch[field] = value;
  const existing = tx.find(entity, change.entityId);
  switch (change.op) {
    case 'create':
      if (!existing) {
        tx.create(entity, { ...patch, id: change.entityId, projectId: change.projectId } as never);
        return;
      }
      if (existing.deletedAt !== null) tx.undelete(entity, change.entityId);
      tx.update(entity, change.entityId, patch as never);
      return;
    case 'update':
      if (!existing || existing.deletedAt !== null) throw new AppError('NOT_FOUND');
      tx.update(entity, change.entityId, patch as never);
      return;
    case 'delete':
      if (existing && existing.deletedAt === null) tx.remove(entity, change.entityId);
      return;
    case 'undelete':
      if (existing && existing.deletedAt !== null) tx.undelete(entity, change.entityId);
      return;
  }
}
