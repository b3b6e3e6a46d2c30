import { AppError } from '../../shared/errors.js';
import { SYNC_ERROR_MESSAGES, type SyncErrorCode } from '../../shared/sync/protocol.js';

/** Failures of the client side of the sync, beside the server's own codes. */
const CLIENT_MESSAGES = {
  OFFLINE: '无法连接集团服务器，已离线工作，稍后自动重试',
  TIMEOUT: '集团服务器响应超时，稍后自动重试',
  BAD_RESPONSE: '集团服务器的回应无法识别，稍后自动重试',
  NOT_CONFIGURED: '尚未设置集团服务器地址',
  NOT_REGISTERED: '本设备尚未在集团服务器登记，请向管理员索取登记码',
  NOT_SIGNED_IN: '尚未登录集团服务器，请先登录',
  LOCAL_ERROR: '本机数据写入失败，稍后自动重试；如反复出现请联系IT人员',
  STOPPED: '同步已停止',
} as const;

export type SyncFailureCode = SyncErrorCode | keyof typeof CLIENT_MESSAGES;

export const SYNC_FAILURE_MESSAGES: Record<SyncFailureCode, string> = { ...SYNC_ERROR_MESSAGES, ...CLIENT_MESSAGES };

/** Codes after which automatic syncing waits for the user (a sign-in, a registration, an upgrade …). */
const NEEDS_USER: ReadonlySet<SyncFailureCode> = new Set([
  'DEVICE_UNKNOWN',
  'DEVICE_REVOKED',
  'CODE_INVALID',
  'LOGIN_FAILED',
  'SESSION_EXPIRED',
  'NOT_CONFIGURED',
  'NOT_REGISTERED',
  'NOT_SIGNED_IN',
  'STOPPED',
]);

/** Codes that mean the server was not reached, or could not serve (a 503 from a load balancer). */
const UNREACHED: ReadonlySet<SyncFailureCode> = new Set([
  'OFFLINE',
  'TIMEOUT',
  'UNAVAILABLE',
  'NOT_CONFIGURED',
  'NOT_REGISTERED',
  'NOT_SIGNED_IN',
  'STOPPED',
]);

export function isSyncFailureCode(code: unknown): code is SyncFailureCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(SYNC_FAILURE_MESSAGES, code);
}

/** A typed sync failure with its Chinese message (the server's, when it sent one). */
export class SyncError extends Error {
  readonly code: SyncFailureCode;
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;

  constructor(code: SyncFailureCode, message?: string, status?: number) {
    super(message ?? SYNC_FAILURE_MESSAGES[code]);
    this.name = 'SyncError';
    this.code = code;
    this.status = status;
  }

  /** Retried automatically with backoff (the network, the server's load), or waits for the user. */
  get retryable(): boolean {
    return !NEEDS_USER.has(this.code);
  }

  /** The server answered (even with a refusal): the device is online. Undefined: this says nothing of it. */
  get reachedServer(): boolean | undefined {
    if (this.code === 'LOCAL_ERROR') return undefined;
    return !UNREACHED.has(this.code);
  }
}

/** Anything thrown during a sync, as a SyncError (SQLite failures become LOCAL_ERROR). */
export function toSyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  return new SyncError('LOCAL_ERROR');
}

/** A sync failure as the API reports it (a code the UI keys on, a Chinese message). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = toSyncError(error);
  switch (e.code) {
    case 'CODE_INVALID':
      return new AppError('SYNC_CODE_INVALID', e.message);
    case 'LOGIN_FAILED':
      return new AppError('SYNC_LOGIN_FAILED', e.message);
    case 'NOT_CONFIGURED':
      return new AppError('SYNC_NOT_CONFIGURED');
    case 'NOT_REGISTERED':
    case 'DEVICE_UNKNOWN':
      return new AppError('SYNC_NOT_REGISTERED', e.message);
    case 'NOT_SIGNED_IN':
    case 'SESSION_EXPIRED':
      return new AppError('SYNC_NOT_SIGNED_IN', e.message);
    case 'OFFLINE':
    case 'TIMEOUT':
      return new AppError('SYNC_OFFLINE', e.message);
    default:
      return new AppError('SYNC_FAILED', e.message, undefined, { code: e.code });
  }
}
