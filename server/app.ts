import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { z } from '../shared/validation.js';
import {
  BLOB_CHUNK_BYTES,
  blobBeginSchema,
  blobHashSchema,
  compatibility,
  GROUP_SCOPE,
  loginSchema,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  pullRequestSchema,
  pushRequestSchema,
  registerDeviceSchema,
  SYNC_ERROR_MESSAGES,
  versionsSchema,
  type BlobStatus,
  type SyncErrorBody,
  type SyncErrorCode,
  type SyncSession,
  type Versions,
} from '../shared/sync/protocol.js';
import { authenticateDevice, registerDevice, touchDevice, type Device } from './accounts/devices.js';
import { findAccount, loadEmployee } from './accounts/employees.js';
import { verifyAgainstDummy, verifyPassword } from './accounts/passwords.js';
import { createSession, endSession, findSession } from './accounts/sessions.js';
import { SERVER_MIGRATIONS_DIR, type ServerDb } from './db/open.js';
import { SyncError } from './errors.js';
import { BlobError, BlobStore } from './sync/blobs.js';
import type { Principal, SyncStore } from './sync/store.js';

/**
 * The group server's HTTP API. Stateless: devices, codes and sessions live in PostgreSQL,
 * so any number of copies can serve behind a load balancer. Every body is JSON, checked
 * with the protocol's zod schemas; every refusal is a `SyncErrorBody` with a Chinese message.
 */
export interface BuildServerOptions {
  db: ServerDb;
  store: SyncStore;
  /** The attachments (default: a BlobStore on `db`). */
  blobs?: BlobStore;
  /** false (default): silent; true: JSON logs at info (LOG_LEVEL); an object: pino options. */
  logger?: boolean | object;
  /** Largest request body accepted, in bytes (default 8 MiB); larger ones answer 413 TOO_LARGE. */
  bodyLimit?: number;
  /** Behind a load balancer: which proxies to trust for client addresses (fastify's trustProxy). */
  trustProxy?: boolean | string | string[];
  /** The clock (tests). */
  now?: () => Date;
  /**
   * The oldest client protocol served (default MIN_PROTOCOL_VERSION): raised once the
   * clients still speaking an older protocol have been upgraded.
   */
  minProtocol?: number;
  /** How long /ready waits for the database. */
  readyTimeoutMs?: number;
}

export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;
export const PROTOCOL_HEADER = 'x-sitedesk-protocol';
export const SESSION_HEADER = 'x-sitedesk-session';
/** Headers of an attachment's bytes (GET /v1/blobs/:hash/content): its whole size and its own type. */
export const BLOB_SIZE_HEADER = 'x-blob-size';
export const BLOB_MIME_HEADER = 'x-blob-mime';
/** Largest chunk body accepted: a chunk of the protocol's size, with room to spare. */
export const BLOB_CHUNK_BODY_LIMIT = BLOB_CHUNK_BYTES + 64 * 1024;
/** Most bytes one content request answers with (a larger `length` is cut to this; the client asks on). */
export const MAX_BLOB_READ_BYTES = 4 * BLOB_CHUNK_BYTES;

function readJson(path: string | URL): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** What this server speaks: the protocol, its schema (migrations applied) and its release. */
export const SERVER_VERSIONS: Versions = {
  protocol: PROTOCOL_VERSION,
  schemaVersion:
    (readJson(join(SERVER_MIGRATIONS_DIR, 'meta', '_journal.json')) as { entries?: unknown[] } | undefined)?.entries?.length ?? 0,
  appVersion: (readJson(new URL('../package.json', import.meta.url)) as { version?: string } | undefined)?.version ?? '0.0.0',
};

/** Secrets that must never reach a log line, wherever a serializer might put them. */
const REDACT_PATHS = [
  'req.headers.authorization',
  `req.headers["${SESSION_HEADER}"]`,
  'headers.authorization',
  `headers["${SESSION_HEADER}"]`,
  'body.password',
  'body.code',
  'password',
  'deviceToken',
  'sessionToken',
];

function loggerOptions(logger: boolean | object | undefined): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = { level: process.env.LOG_LEVEL ?? 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return logger === true ? base : { ...base, ...(logger as Record<string, unknown>), redact: base.redact };
}

function errorBody(code: SyncErrorCode): SyncErrorBody {
  return { error: { code, message: SYNC_ERROR_MESSAGES[code] }, versions: SERVER_VERSIONS };
}

function sendError(reply: FastifyReply, error: SyncError): FastifyReply {
  return reply.code(error.status).send(errorBody(error.code));
}

/** Versions first, on their own: a newer client's body may not fit this server's schemas at all. */
function checkVersions(body: unknown, minProtocol: number): Versions {
  const versions = versionsSchema.safeParse((body as { versions?: unknown } | null | undefined)?.versions);
  if (!versions.success) throw new SyncError('BAD_REQUEST');
  const verdict = compatibility(versions.data, { protocol: PROTOCOL_VERSION, minProtocol });
  if (verdict !== 'ok') throw new SyncError(verdict);
  return versions.data;
}

/**
 * Binary bodies (attachment chunks) and GETs carry no JSON: the client's protocol comes in
 * the `x-sitedesk-protocol` header instead, checked the same way.
 */
function checkProtocolHeader(request: FastifyRequest, minProtocol: number): void {
  const raw = header(request, PROTOCOL_HEADER)?.trim();
  if (raw === undefined || !/^\d{1,6}$/.test(raw) || Number(raw) < 1) throw new SyncError('BAD_REQUEST');
  const verdict = compatibility({ protocol: Number(raw) }, { protocol: PROTOCOL_VERSION, minProtocol });
  if (verdict !== 'ok') throw new SyncError(verdict);
}

function parse<S extends z.ZodType>(request: FastifyRequest, schema: S): z.output<S> {
  const parsed = schema.safeParse(request.body);
  if (!parsed.success) {
    // Paths and messages only: zod does not copy the input (passwords) into its issues.
    request.log.info(
      { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
      'invalid body',
    );
    throw new SyncError('BAD_REQUEST');
  }
  return parsed.data;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const sessionBodySchema = z.object({ versions: versionsSchema });

const blobParamsSchema = z.object({ hash: blobHashSchema });
/** A byte position or count in a query string: digits only (no '', no '1e3', no '-1'). */
const byteCount = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number);
const chunkQuerySchema = z.object({ offset: byteCount });
const contentQuerySchema = z.object({
  offset: byteCount.optional().default(0),
  length: byteCount
    .optional()
    .default(BLOB_CHUNK_BYTES)
    .refine((n) => n > 0),
});

function parsePart<S extends z.ZodType>(value: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new SyncError('BAD_REQUEST');
  return parsed.data;
}

/** A refused chunk, with where the server stands, so the client resumes from there. */
export interface BlobErrorBody extends SyncErrorBody {
  blob: BlobStatus | null;
}

export function buildServer(options: BuildServerOptions): FastifyInstance {
  const { db, store } = options;
  const blobs = options.blobs ?? new BlobStore(db);
  const now = options.now ?? (() => new Date());
  const minProtocol = options.minProtocol ?? MIN_PROTOCOL_VERSION;
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    requestIdHeader: false,
    // A caller's (or load balancer's) request id is kept when it looks like one, so logs join up.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
    },
    return503OnClosing: false,
  });

  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    reply.header('x-request-id', request.id);
    reply.header('cache-control', 'no-store');
    if (closing) {
      reply.header('connection', 'close');
      return sendError(reply, new SyncError('UNAVAILABLE'));
    }
  });

  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof SyncError) {
      request.log.info({ code: error.code }, 'refused');
      return sendError(reply, error);
    }
    const status = (error as { statusCode?: unknown } | null)?.statusCode;
    if (status === 413) return sendError(reply, new SyncError('TOO_LARGE'));
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Malformed JSON, a wrong content type, an empty body …
      request.log.info({ code: (error as { code?: unknown }).code }, 'refused request');
      return sendError(reply, new SyncError('BAD_REQUEST', status));
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, new SyncError('UNAVAILABLE', 500));
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, new SyncError('BAD_REQUEST', 404)));

  // ─── Operations ───

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/ready', async (request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        db.execute(sql`SELECT 1`),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('database did not answer in time')), options.readyTimeoutMs ?? 2000);
        }),
      ]);
      return { status: 'ok' };
    } catch (error) {
      request.log.warn({ err: error }, 'not ready');
      return sendError(reply, new SyncError('UNAVAILABLE'));
    } finally {
      clearTimeout(timer);
    }
  });

  // ─── Devices and sign-in ───

  app.post('/v1/devices/register', async (request) => {
    checkVersions(request.body, minProtocol);
    const body = parse(request, registerDeviceSchema);
    const { deviceToken } = await registerDevice(db, { code: body.code, deviceId: body.deviceId, name: body.name, now: now() });
    request.log.info({ deviceId: body.deviceId }, 'device registered');
    return { deviceToken, versions: SERVER_VERSIONS };
  });

  /** The registered, unrevoked device of the request, noted as seen. */
  async function device(request: FastifyRequest): Promise<Device> {
    const found = await authenticateDevice(db, header(request, 'authorization'));
    await touchDevice(db, found, now());
    return found;
  }

  function syncSession(employee: NonNullable<Awaited<ReturnType<typeof loadEmployee>>>, projectIds: string[]): SyncSession {
    return {
      employeeId: employee.employeeId,
      employeeName: employee.name,
      account: employee.account,
      isAdmin: employee.isAdmin,
      projectIds,
      versions: SERVER_VERSIONS,
    };
  }

  app.post('/v1/auth/login', async (request) => {
    const dev = await device(request);
    checkVersions(request.body, minProtocol);
    const body = parse(request, loginSchema);
    const account = await findAccount(db, body.account);
    // Unknown account, wrong password, disabled: one answer, in the same time.
    if (!account) {
      await verifyAgainstDummy(body.password);
      throw new SyncError('LOGIN_FAILED');
    }
    const passwordOk = await verifyPassword(body.password, account.passwordHash);
    const employee = await loadEmployee(db, account.employeeId);
    if (!passwordOk || !employee || employee.disabled) {
      request.log.info({ deviceId: dev.id }, 'login failed');
      throw new SyncError('LOGIN_FAILED');
    }
    const projectIds = await store.visibleProjects(employee.employeeId);
    const session = await createSession(db, { employeeId: employee.employeeId, deviceId: dev.id, now: now() });
    request.log.info({ deviceId: dev.id, employeeId: employee.employeeId }, 'signed in');
    return { sessionToken: session.token, session: syncSession(employee, projectIds) };
  });

  /**
   * Who is syncing, from the device token and session of this very request, with the
   * projects granted right now: a grant revoked a minute ago no longer counts.
   */
  async function signedIn(request: FastifyRequest, versionsIn: 'body' | 'header' = 'body') {
    const dev = await device(request);
    if (versionsIn === 'body') checkVersions(request.body, minProtocol);
    else checkProtocolHeader(request, minProtocol);
    const session = await findSession(db, header(request, SESSION_HEADER), dev.id, now());
    if (!session) throw new SyncError('SESSION_EXPIRED');
    const employee = await loadEmployee(db, session.employeeId);
    if (!employee || employee.disabled) throw new SyncError('SESSION_EXPIRED');
    return { dev, session, employee };
  }

  async function principal(request: FastifyRequest): Promise<{ principal: Principal; session: SyncSession }> {
    const { dev, employee } = await signedIn(request);
    const projectIds = await store.visibleProjects(employee.employeeId);
    return {
      principal: {
        employeeId: employee.employeeId,
        employeeName: employee.name,
        isAdmin: employee.isAdmin,
        deviceId: dev.id,
        projectIds,
      },
      session: syncSession(employee, projectIds),
    };
  }

  app.post('/v1/auth/logout', async (request) => {
    const { session } = await signedIn(request);
    await endSession(db, session);
    return { ok: true, versions: SERVER_VERSIONS };
  });

  // ─── Sync ───

  app.post('/v1/sync/session', async (request) => {
    const { session } = await principal(request);
    parse(request, sessionBodySchema);
    return session;
  });

  app.post('/v1/sync/push', async (request) => {
    const { principal: who } = await principal(request);
    const body = parse(request, pushRequestSchema);
    return store.push(who, body);
  });

  app.post('/v1/sync/pull', async (request, reply) => {
    const { principal: who } = await principal(request);
    const body = parse(request, pullRequestSchema);
    if (body.scope !== GROUP_SCOPE && !who.projectIds.includes(body.scope)) throw new SyncError('SCOPE_FORBIDDEN');
    // The page's JSON as the store wrote it (a JSON content type with a string: sent unchanged).
    return reply.type('application/json; charset=utf-8').send(await store.pullJson(who, body));
  });

  // ─── Attachments ───
  // Content-addressed by sha256 (the hash in the path); any signed-in device may send or
  // fetch one. Chunks go up at the offset the server reports and come down from any offset.

  app.post('/v1/blobs/:hash/begin', async (request) => {
    await signedIn(request);
    const { hash } = parsePart(request.params, blobParamsSchema);
    const body = parse(request, blobBeginSchema);
    return blobs.begin(hash, body.size, body.mime);
  });

  app.get('/v1/blobs/:hash', async (request) => {
    await signedIn(request, 'header');
    const { hash } = parsePart(request.params, blobParamsSchema);
    const status = await blobs.status(hash);
    if (!status) throw new SyncError('BLOB_NOT_FOUND');
    return status;
  });

  app.get('/v1/blobs/:hash/content', async (request, reply) => {
    await signedIn(request, 'header');
    const { hash } = parsePart(request.params, blobParamsSchema);
    const { offset, length } = parsePart(request.query, contentQuerySchema);
    const status = await blobs.status(hash);
    if (!status || !status.complete) throw new SyncError('BLOB_NOT_FOUND');
    if (offset > status.size) throw new SyncError('BLOB_OFFSET');
    let read: Awaited<ReturnType<BlobStore['read']>>;
    try {
      read = await blobs.read(hash, offset, Math.min(length, MAX_BLOB_READ_BYTES));
    } catch (error) {
      if (error instanceof BlobError) throw new SyncError(error.code);
      throw error;
    }
    return reply
      .header('content-type', 'application/octet-stream')
      .header(BLOB_SIZE_HEADER, String(read.size))
      .header(BLOB_MIME_HEADER, read.mime)
      .send(read.data);
  });

  // Raw chunk bodies only here: an encapsulated scope with its own parser and limit.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: BLOB_CHUNK_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scope.put('/v1/blobs/:hash/chunks', { bodyLimit: BLOB_CHUNK_BODY_LIMIT }, async (request, reply) => {
      await signedIn(request, 'header');
      const { hash } = parsePart(request.params, blobParamsSchema);
      const { offset } = parsePart(request.query, chunkQuerySchema);
      const data = request.body;
      if (!Buffer.isBuffer(data) || data.length === 0 || data.length > BLOB_CHUNK_BYTES) throw new SyncError('BAD_REQUEST');
      try {
        return await blobs.append(hash, offset, data);
      } catch (error) {
        if (!(error instanceof BlobError)) throw error;
        const refusal = new SyncError(error.code);
        request.log.info({ code: error.code, offset }, 'chunk refused');
        const body: BlobErrorBody = { ...errorBody(error.code), blob: await blobs.status(hash) };
        return reply.code(refusal.status).send(body);
      }
    });
  });

  return app;
}
