import { z } from '../validation.js';
import { ENTITY_NAMES, type EntityName } from '../domain/audit.js';

/**
 * The sync protocol between an office's device and the group server (集团服务器).
 *
 * Push: the device sends its change log (the outbox) in log order, grouped by `txId` (one
 * user action). The server applies each transaction whole or not at all, and answers
 * every change: `applied` (its fields merged field by field, later HLC winning) or
 * `rejected` by a rule the server decides (room sold twice, two owner groups, …). A change
 * id the server has seen answers with the outcome it had the first time, so a batch
 * pushed twice changes nothing.
 *
 * Pull: per scope (a project id, or GROUP_SCOPE for group-wide records such as
 * dictionaries and the organisation), from a cursor, in pages. The server numbers each
 * scope's entries 1, 2, 3 … without gaps in commit order, so a device that stores the
 * last seq it applied, in the same transaction as the entries, can never skip one.
 * Customers are group-global but reach a project's feed once they belong to it (made
 * while working in it, or referenced by one of its records), with a snapshot first.
 */
export const PROTOCOL_VERSION = 1;
/** The oldest client protocol the server still serves. */
export const MIN_PROTOCOL_VERSION = 1;
export const GROUP_SCOPE = 'group';

export const MAX_PUSH_CHANGES = 2000;
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 2000;

const hlcSchema = z.string().regex(/^\d{15}:\d{6}:.+$/, 'HLC stamp expected');
const idSchema = z.string().min(1).max(64);
const entitySchema = z.enum(ENTITY_NAMES);

/** One change of one record, as the device's change log holds it. */
export const syncChangeSchema = z.object({
  changeId: idSchema,
  txId: idSchema,
  entity: entitySchema,
  entityId: idSchema,
  /** The record's project; null for group-global records. */
  projectId: idSchema.nullable(),
  /** The project the user was working in, which a group-global customer then belongs to. */
  contextProjectId: idSchema.nullable(),
  op: z.enum(['create', 'update', 'delete', 'undelete']),
  /** field → { old, new } for every field the change touched (audit columns excluded). */
  changes: z.record(z.string(), z.object({ old: z.unknown(), new: z.unknown() })),
  /**
   * The newest HLC the device knew of this record before the change: guarded operations
   * (a split of a room) are refused when the server's record has changed since.
   */
  baseHlc: hlcSchema.nullable(),
  actorId: idSchema,
  actorName: z.string().max(100),
  deviceId: idSchema,
  at: z.string().max(40),
  hlc: hlcSchema,
});
export type SyncChange = z.infer<typeof syncChangeSchema>;

export const versionsSchema = z.object({
  protocol: z.number().int().positive(),
  schemaVersion: z.number().int().nonnegative(),
  appVersion: z.string().max(40),
});
export type Versions = z.infer<typeof versionsSchema>;

export const pushRequestSchema = z.object({
  versions: versionsSchema,
  changes: z.array(syncChangeSchema).max(MAX_PUSH_CHANGES),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** Why the server refused a transaction, in a code the client keys on and Chinese for the user. */
export const REJECTION_CODES = [
  /** A guarded field moved on the server meanwhile (sold twice, handover completed twice). */
  'STALE_STATE',
  /** The record changed on the server since the device last saw it (split of a changed room). */
  'STALE_RECORD',
  /** 客房关系 rules broken once both offices' relations are in (two owner groups …). */
  'RELATION_RULE',
  /** The record or one it points to does not exist on the server (its creation was refused). */
  'MISSING_REFERENCE',
  /** The employee may not change this project, or organisation records at all. */
  'FORBIDDEN',
  /** The change itself is malformed for the server's schema. */
  'INVALID_CHANGE',
  /** The record is written once and never changed (a finalised handover report): a new version is made instead. */
  'IMMUTABLE',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** A record as the server holds it: its fields, each field's HLC, and audit columns. */
export interface ServerRecord {
  entity: EntityName;
  id: string;
  projectId: string | null;
  fields: Record<string, unknown>;
  clocks: Record<string, string>;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export type ChangeOutcome =
  | { changeId: string; status: 'applied' }
  | {
      changeId: string;
      status: 'rejected';
      code: RejectionCode;
      message: string;
      /**
       * The server's state of every record the refused transaction touched (absent: the server
       * has no such record), so the device rolls back to it.
       */
      serverRecords: { entity: EntityName; id: string; record: ServerRecord | null }[];
    };

export interface PushResponse {
  outcomes: ChangeOutcome[];
  serverHlc: string;
}

export const pullRequestSchema = z.object({
  versions: versionsSchema,
  scope: idSchema,
  after: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

/**
 * One entry of a scope's feed. `op: 'snapshot'` carries a whole record with each field's
 * own HLC (`clocks`), sent when a record enters a scope (a customer now known in a project).
 */
export interface FeedEntry {
  seq: number;
  changeId: string;
  txId: string;
  entity: EntityName;
  entityId: string;
  projectId: string | null;
  op: 'create' | 'update' | 'delete' | 'undelete' | 'snapshot';
  /** field → new value, only the fields this change set and won. */
  fields: Record<string, unknown>;
  /** field → old value, as the author saw it (history). */
  old: Record<string, unknown>;
  /** Per-field HLCs where they differ from `hlc` (snapshots). */
  clocks?: Record<string, string>;
  hlc: string;
  actorId: string;
  actorName: string;
  deviceId: string;
  at: string;
  /** Audit columns of the record after this entry. */
  record: { createdAt: string; createdBy: string; updatedAt: string; updatedBy: string };
}

export interface PullResponse {
  scope: string;
  entries: FeedEntry[];
  /** The cursor to ask from next: the last entry's seq (or `after` when none). */
  next: number;
  hasMore: boolean;
  serverHlc: string;
}

/** What a signed-in device may sync: the scopes it pulls, from the grants the server holds. */
export interface SyncSession {
  employeeId: string;
  employeeName: string;
  account: string;
  isAdmin: boolean;
  /** Projects granted to the employee right now; a project missing here is purged from the device. */
  projectIds: string[];
  versions: Versions;
}

export const registerDeviceSchema = z.object({
  code: z.string().min(6).max(64),
  deviceId: idSchema,
  name: z.string().min(1).max(100),
  versions: versionsSchema,
});
export const loginSchema = z.object({
  account: z.string().min(1).max(50),
  password: z.string().min(1).max(200),
  versions: versionsSchema,
});

/** Errors of the sync endpoints themselves (not of one change). */
export const SYNC_ERROR_MESSAGES = {
  DEVICE_UNKNOWN: '本设备尚未在集团服务器登记，请向管理员索取登记码',
  DEVICE_REVOKED: '本设备已被管理员停用，无法再同步；本地项目数据已清除',
  CODE_INVALID: '登记码无效或已过期',
  LOGIN_FAILED: '账号或密码不正确',
  SESSION_EXPIRED: '登录已过期，请重新登录',
  CLIENT_TOO_OLD: '客户端版本过旧，请升级 SiteDesk 后再同步（数据未受影响）',
  SERVER_TOO_OLD: '集团服务器版本过旧，请联系IT人员升级服务器（数据未受影响）',
  SCOPE_FORBIDDEN: '您没有该项目的权限',
  BAD_REQUEST: '同步请求格式不正确',
  TOO_LARGE: '同步请求过大',
  BLOB_NOT_FOUND: '附件在集团服务器上不存在',
  BLOB_OFFSET: '附件续传位置不正确，请重新获取进度后续传',
  BLOB_HASH_MISMATCH: '附件内容与其校验值不符，已丢弃，请重新上传',
  UNAVAILABLE: '集团服务器暂时不可用，稍后自动重试',
} as const;
export type SyncErrorCode = keyof typeof SYNC_ERROR_MESSAGES;

export interface SyncErrorBody {
  error: { code: SyncErrorCode; message: string };
  versions?: Versions;
}

/**
 * Whether a client announcing `client` may sync with a server announcing `server`.
 * An older client is served while its protocol is still supported; a newer one is told the
 * server must be upgraded. Neither side ever writes data across a version it cannot read.
 */
export function compatibility(
  client: Pick<Versions, 'protocol'>,
  server: { protocol: number; minProtocol: number },
): 'ok' | 'CLIENT_TOO_OLD' | 'SERVER_TOO_OLD' {
  if (client.protocol < server.minProtocol) return 'CLIENT_TOO_OLD';
  if (client.protocol > server.protocol) return 'SERVER_TOO_OLD';
  return 'ok';
}

// ─── Attachments (defect photos, signatures, ID scans) ───

/**
 * Attachments travel apart from records, content-addressed by the sha256 of their bytes:
 * a record syncs first and names its photos by hash; the bytes follow in chunks, resumable
 * from what the server reports it has, and are never sent again once the server has them.
 */
export const BLOB_CHUNK_BYTES = 256 * 1024;
export const MAX_BLOB_BYTES = 50 * 1024 * 1024;

export const blobHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 expected');

export const blobBeginSchema = z.object({
  versions: versionsSchema,
  size: z.number().int().positive().max(MAX_BLOB_BYTES),
  mime: z.string().min(1).max(100),
});

export interface BlobStatus {
  hash: string;
  size: number;
  /** Bytes the server holds, from the start: the next chunk to send begins here. */
  received: number;
  /** The bytes are all there and their sha256 is the hash. */
  complete: boolean;
}
