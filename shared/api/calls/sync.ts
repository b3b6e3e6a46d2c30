import { z } from '../../validation.js';
import { call } from '../define.js';
import { pagingInput, type Page } from '../../domain/paging.js';
import { idSchema } from '../../domain/dictionaries.js';
import { ENTITY_NAMES } from '../../domain/audit.js';
import {
  conflictEditSchema,
  serverUrlSchema,
  type RecordSyncAnswer,
  type SyncConflict,
  type SyncStatusView,
} from '../../domain/sync.js';

/** 同步: the office device's sync with the group server, and the 冲突 list. */
export const syncCalls = {
  /** Online/offline, last successful sync, pending changes and photos, open conflicts, last error. */
  'sync.status': call<SyncStatusView>()({ input: z.object({}) }),
  /** Syncs now; resolves when the round ended (its failure, if any, is in lastError). */
  'sync.now': call<SyncStatusView>()({
    input: z.object({}),
    errors: ['SYNC_NOT_CONFIGURED', 'SYNC_NOT_REGISTERED', 'SYNC_NOT_SIGNED_IN', 'SYNC_DISABLED'],
  }),
  'sync.configure': call<SyncStatusView>()({ input: z.object({ serverUrl: serverUrlSchema }) }),
  /** Registers this device with an administrator's one-time code (登记码). */
  'sync.register': call<SyncStatusView>()({
    input: z.object({
      code: z.string().trim().min(6, '登记码至少6位').max(64, '登记码过长'),
      deviceName: z.string().trim().min(1, '请填写设备名称').max(100, '设备名称不能超过100个字'),
    }),
    errors: ['SYNC_NOT_CONFIGURED', 'SYNC_CODE_INVALID', 'SYNC_OFFLINE', 'SYNC_FAILED', 'SYNC_DISABLED'],
  }),
  /** Signs an employee in with the group server; the device then works as that employee. */
  'sync.login': call<SyncStatusView>()({
    input: z.object({
      account: z.string().trim().min(1, '请填写账号').max(50, '账号不能超过50个字'),
      password: z.string().min(1, '请填写密码').max(200, '密码过长'),
    }),
    errors: ['SYNC_NOT_CONFIGURED', 'SYNC_NOT_REGISTERED', 'SYNC_LOGIN_FAILED', 'SYNC_OFFLINE', 'SYNC_FAILED', 'SYNC_DISABLED'],
  }),
  /** The 冲突 list, newest first. */
  'sync.conflicts': call<Page<SyncConflict>>()({
    input: z.object({ status: z.enum(['open', 'all']).default('open'), ...pagingInput }),
  }),
  /**
   * retry: the attempt again, as a new local change the server decides anew; edit: the same
   * with the user's values for some fields; discard: the server's state stays.
   */
  'sync.resolveConflict': call<SyncConflict>()({
    input: z
      .object({
        id: idSchema,
        action: z.enum(['retry', 'discard', 'edit']),
        changes: conflictEditSchema.optional(),
      })
      .refine((v) => v.action !== 'edit' || (v.changes !== undefined && v.changes.length > 0), {
        message: '请填写要修改的内容',
        path: ['changes'],
      }),
    errors: ['NOT_FOUND', 'CONFLICT_RESOLVED', 'CONFLICT_RETRY_FAILED'],
  }),
  /** A record's sync state, for a badge beside it, and whether files it names are still on their way. */
  'sync.recordState': call<RecordSyncAnswer>()({
    input: z.object({ entity: z.enum(ENTITY_NAMES), id: idSchema }),
  }),
} as const;
