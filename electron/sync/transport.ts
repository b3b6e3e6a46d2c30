import type { z } from 'zod';
import type {
  loginSchema,
  PullResponse,
  PushRequest,
  PushResponse,
  registerDeviceSchema,
  SyncErrorBody,
  SyncSession,
  Versions,
} from '../../shared/sync/protocol.js';
import { isSyncFailureCode, SyncError, type SyncFailureCode } from './errors.js';

/** How the device talks to the group server. The engine depends on this, never on HTTP itself. */
export type RegisterRequest = z.input<typeof registerDeviceSchema>;
export type LoginRequest = z.input<typeof loginSchema>;
export interface PullCall {
  versions: Versions;
  scope: string;
  after: number;
  limit: number;
}

export interface DeviceAuth {
  serverUrl: string;
  deviceToken: string;
}
export interface SessionAuth extends DeviceAuth {
  sessionToken: string;
}

export interface RegisterResult {
  deviceToken: string;
}
export interface LoginResult {
  sessionToken: string;
  /** The session, when the server sends it with the token (else the engine asks for it). */
  session: SyncSession | null;
}

export interface SyncTransport {
  register(serverUrl: string, request: RegisterRequest): Promise<RegisterResult>;
  login(auth: DeviceAuth, request: LoginRequest): Promise<LoginResult>;
  session(auth: SessionAuth, versions: Versions): Promise<SyncSession>;
  push(auth: SessionAuth, request: PushRequest): Promise<PushResponse>;
  pull(auth: SessionAuth, request: PullCall): Promise<PullResponse>;
}

/** The group server's endpoints (all POST, JSON). */
export const SYNC_PATHS = {
  register: '/v1/devices/register',
  login: '/v1/auth/login',
  session: '/v1/sync/session',
  push: '/v1/sync/push',
  pull: '/v1/sync/pull',
} as const;

export const SESSION_HEADER = 'X-SiteDesk-Session';

export interface HttpTransportOptions {
  /** For small calls (register, login, session). */
  timeoutMs?: number;
  /** For push and pull, whose pages are large. */
  transferTimeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The HTTP transport on the global fetch. Every call has a timeout (AbortController); a
 * failure becomes a typed SyncError: the server's own code and Chinese message when it sent
 * a SyncErrorBody, OFFLINE / TIMEOUT when it could not be reached in time.
 */
export class HttpSyncTransport implements SyncTransport {
  private readonly timeoutMs: number;
  private readonly transferTimeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(options: HttpTransportOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.transferTimeoutMs = options.transferTimeoutMs ?? 120_000;
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async register(serverUrl: string, request: RegisterRequest): Promise<RegisterResult> {
    // Not repeated on a failure: a code spent by a request whose answer was lost is gone.
    const body = await this.post<{ deviceToken?: string; token?: string }>(
      serverUrl,
      SYNC_PATHS.register,
      request,
      {},
      this.timeoutMs,
      false,
    );
    const deviceToken = body.deviceToken ?? body.token;
    if (typeof deviceToken !== 'string' || deviceToken.length === 0) throw new SyncError('BAD_RESPONSE');
    return { deviceToken };
  }

  async login(auth: DeviceAuth, request: LoginRequest): Promise<LoginResult> {
    const body = await this.post<{ sessionToken?: string; token?: string; session?: SyncSession }>(
      auth.serverUrl,
      SYNC_PATHS.login,
      request,
      deviceHeaders(auth),
    );
    const sessionToken = body.sessionToken ?? body.token;
    if (typeof sessionToken !== 'string' || sessionToken.length === 0) throw new SyncError('BAD_RESPONSE');
    return { sessionToken, session: body.session ?? null };
  }

  session(auth: SessionAuth, versions: Versions): Promise<SyncSession> {
    return this.post<SyncSession>(auth.serverUrl, SYNC_PATHS.session, { versions }, sessionHeaders(auth));
  }

  push(auth: SessionAuth, request: PushRequest): Promise<PushResponse> {
    return this.post<PushResponse>(auth.serverUrl, SYNC_PATHS.push, request, sessionHeaders(auth), this.transferTimeoutMs);
  }

  pull(auth: SessionAuth, request: PullCall): Promise<PullResponse> {
    return this.post<PullResponse>(auth.serverUrl, SYNC_PATHS.pull, request, sessionHeaders(auth), this.transferTimeoutMs);
  }

  private async post<T>(
    serverUrl: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
    timeoutMs = this.timeoutMs,
    repeatable = true,
  ): Promise<T> {
    try {
      return await this.postOnce<T>(serverUrl, path, body, headers, timeoutMs);
    } catch (error) {
      // A kept-alive connection the server closed (it restarted) fails at once; these calls are
      // safe to repeat (a push twice changes nothing), so one immediate retry spares a backoff.
      if (!repeatable || !(error instanceof SyncError) || error.code !== 'OFFLINE') throw error;
      return this.postOnce<T>(serverUrl, path, body, headers, timeoutMs);
    }
  }

  private async postOnce<T>(
    serverUrl: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(`${serverUrl.replace(/\/+$/, '')}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      text = await response.text();
    } catch {
      throw new SyncError(controller.signal.aborted ? 'TIMEOUT' : 'OFFLINE');
    } finally {
      clearTimeout(timer);
    }
    let parsed: unknown;
    try {
      parsed = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) throw errorFromResponse(response.status, parsed);
    if (parsed === undefined || parsed === null || typeof parsed !== 'object')
      throw new SyncError('BAD_RESPONSE', undefined, response.status);
    return parsed as T;
  }
}

/** The device's token, as every call after registration sends it. */
export function deviceHeaders(auth: DeviceAuth): Record<string, string> {
  return { authorization: `Device ${auth.deviceToken}` };
}

/** The device's token and the session, as the sync (and attachment) calls send them. */
export function sessionHeaders(auth: SessionAuth): Record<string, string> {
  return { ...deviceHeaders(auth), [SESSION_HEADER.toLowerCase()]: auth.sessionToken };
}

/** The server's SyncErrorBody as a SyncError; a bare status when it sent none. */
export function errorFromResponse(status: number, body: unknown): SyncError {
  const error = (body as Partial<SyncErrorBody> | undefined)?.error;
  if (error && isSyncFailureCode(error.code)) {
    const message = typeof error.message === 'string' && error.message.length > 0 ? error.message : undefined;
    return new SyncError(error.code, message, status);
  }
  const byStatus: Record<number, SyncFailureCode> = {
    400: 'BAD_REQUEST',
    401: 'SESSION_EXPIRED',
    403: 'SCOPE_FORBIDDEN',
    413: 'TOO_LARGE',
    426: 'CLIENT_TOO_OLD',
  };
  return new SyncError(byStatus[status] ?? 'UNAVAILABLE', undefined, status);
}
