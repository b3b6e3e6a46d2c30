import { z } from '../validation.js';
import { ENTITY_NAMES, type ChangeOp, type EntityName, type FieldChange } from './audit.js';

/**
 * What the office device shows of its sync with the group server (同步状态), and the 冲突
 * list: transactions the server refused, kept with the user's attempt until resolved.
 */

/** One change of a refused transaction, as the user attempted it. */
export interface ConflictChange {
  entity: EntityName;
  entityId: string;
  projectId: string | null;
  op: ChangeOp;
  changes: Record<string, FieldChange>;
}

export type ConflictStatus = 'open' | 'retried' | 'discarded';

export interface SyncConflict {
  id: string;
  txId: string;
  /** The server's rejection code (STALE_STATE, RELATION_RULE, MISSING_REFERENCE …). */
  code: string;
  /** Why, in Chinese, as the server said it. */
  message: string;
  changes: ConflictChange[];
  createdAt: string;
  status: ConflictStatus;
  resolvedAt: string | null;
  resolvedBy: string | null;
  /** The transaction a retry or edit wrote. */
  retryTxId: string | null;
}

/** Per-record sync state, for a badge beside a record. */
export type RecordSyncState = 'synced' | 'pending' | 'conflict';

/**
 * A record's sync state as 'sync.recordState' answers it. `state` is the record's own
 * (its fields and the server); `attachments` is present when a file it names (an entity's
 * blobFields) is still on its way: 'upload' (here, not yet on the server) or 'download'
 * (not yet on this device). A record is 'synced' before its photos are.
 */
export interface RecordSyncAnswer {
  state: RecordSyncState;
  attachments?: 'upload' | 'download';
}

export interface SyncStatusView {
  /** A server URL is set. */
  configured: boolean;
  serverUrl: string | null;
  /** The device holds a device token from the server. */
  registered: boolean;
  signedIn: boolean;
  employee: { id: string; name: string; account: string } | null;
  /** The last attempt reached the server. */
  online: boolean;
  syncing: boolean;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** The next automatic attempt (after a backoff when offline), or null when none is planned. */
  nextAttemptAt: string | null;
  /** The last failure, in Chinese; null after a successful sync. */
  lastError: string | null;
  lastErrorCode: string | null;
  /** Local changes not yet answered by the server. */
  pendingChanges: number;
  /**
   * Of those, the ones someone other than the current operator made (the employee who worked on
   * this device before, or its local operator before anyone signed in), by author: they are sent
   * as they are, on their author's name and rights, never as the current employee's.
   */
  othersPending: { actorId: string; name: string; count: number }[];
  /**
   * Attachments (ID scans, photos, signatures) still on their way: pendingUploads +
   * pendingDownloads. Records never wait for them: a record syncs first, its files follow.
   */
  pendingPhotos: number;
  /** Files kept on this device that the group server does not have whole yet (待上传). */
  pendingUploads: number;
  /** Files named by records on this device that are not on it yet (待下载). */
  pendingDownloads: number;
  /**
   * Why an attachment could not be sent or fetched in the last round, in Chinese; null when
   * none failed. A failed attachment never fails the sync of records: it is retried next round.
   */
  attachmentError: string | null;
  /** Open 冲突. */
  conflicts: number;
}

export const serverUrlSchema = z
  .string()
  .trim()
  .max(500, '服务器地址过长')
  .regex(/^https?:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/i, '请输入以 http:// 或 https:// 开头的服务器地址')
  .transform((value) => value.replace(/\/+$/, ''));

/** User-edited values for a conflict's records (action 'edit'): field → new value. */
export const conflictEditSchema = z
  .array(
    z.object({
      entity: z.enum(ENTITY_NAMES),
      entityId: z.string().min(1).max(64),
      fields: z.record(z.string().min(1).max(64), z.unknown()),
    }),
  )
  .max(500);
export type ConflictEdit = z.infer<typeof conflictEditSchema>;
