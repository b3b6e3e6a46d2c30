import { SYNC_ERROR_MESSAGES, type SyncErrorCode } from '../shared/sync/protocol.js';

/** The HTTP status each sync error is answered with. */
export const SYNC_ERROR_STATUS: Record<SyncErrorCode, number> = {
  DEVICE_UNKNOWN: 401,
  DEVICE_REVOKED: 403,
  CODE_INVALID: 403,
  LOGIN_FAILED: 401,
  SESSION_EXPIRED: 401,
  CLIENT_TOO_OLD: 426,
  SERVER_TOO_OLD: 409,
  SCOPE_FORBIDDEN: 403,
  BAD_REQUEST: 400,
  TOO_LARGE: 413,
  BLOB_NOT_FOUND: 404,
  BLOB_OFFSET: 409,
  BLOB_HASH_MISMATCH: 422,
  UNAVAILABLE: 503,
};

/** A refusal the HTTP API answers as a `SyncErrorBody`. */
export class SyncError extends Error {
  readonly status: number;
  constructor(
    readonly code: SyncErrorCode,
    status?: number,
  ) {
    super(SYNC_ERROR_MESSAGES[code]);
    this.name = 'SyncError';
    this.status = status ?? SYNC_ERROR_STATUS[code];
  }
}

/** A refused administrator command (bad input, unknown account …), with a message for the operator. */
export class AdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminError';
  }
}
