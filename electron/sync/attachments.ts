import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink, utimes, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  BLOB_CHUNK_BYTES,
  blobBeginSchema,
  blobHashSchema,
  MAX_BLOB_BYTES,
  type BlobStatus,
  type Versions,
} from '../../shared/sync/protocol.js';
import { SyncError } from './errors.js';
import { errorFromResponse } from './transport.js';

/**
 * Attachments (defect photos, signatures, ID scans) between the device and the group server.
 *
 * They are content-addressed by the sha256 of their bytes and travel apart from the records
 * that name them: a record syncs first, its photos follow. An upload asks the server what it
 * holds and sends the rest in chunks read from the file (never the whole file in memory); a
 * cut upload goes on from what the server reports, and a content the server already has,
 * from anyone, is never sent. A download goes into `<target>.part`, goes on from that file's
 * size, and is renamed to the target only once its sha256 is right.
 */

/** The group server's attachment endpoints. */
export const BLOB_PATHS = {
  /** POST {versions, size, mime} → BlobStatus */
  begin: (hash: string) => `/v1/blobs/${hash}/begin`,
  /** GET → BlobStatus (404 BLOB_NOT_FOUND) */
  status: (hash: string) => `/v1/blobs/${hash}`,
  /** PUT ?offset=N, application/octet-stream → BlobStatus (409 BLOB_OFFSET with `blob`, 422 BLOB_HASH_MISMATCH) */
  chunk: (hash: string, offset: number) => `/v1/blobs/${hash}/chunks?offset=${offset}`,
  /** GET ?offset=N&length=M → the bytes, with x-blob-size and x-blob-mime */
  content: (hash: string, offset: number, length: number) => `/v1/blobs/${hash}/content?offset=${offset}&length=${length}`,
} as const;

/** Requests without a JSON body announce the protocol in this header instead. */
export const PROTOCOL_HEADER = 'x-sitedesk-protocol';
export const BLOB_SIZE_HEADER = 'x-blob-size';
export const BLOB_MIME_HEADER = 'x-blob-mime';

export interface BlobTransferOptions {
  serverUrl: string;
  /** The device token and session headers of each request (`sessionHeaders(auth)` from transport.ts). */
  headers: () => Record<string, string> | Promise<Record<string, string>>;
  versions: Versions;
  /** For the small calls (begin, status). */
  timeoutMs?: number;
  /** For each chunk, up or down. */
  transferTimeoutMs?: number;
  fetch?: typeof fetch;
}

/** What a download brought: the content's size, and its type as the server holds it. */
export interface DownloadedBlob {
  size: number;
  mime: string | null;
}

/**
 * A transfer stopped between two chunks because the round's time for attachments was spent
 * (`deadline`): what was sent or fetched stays, and the next round goes on from there.
 */
export class TransferDeferred extends Error {
  constructor() {
    super('attachment transfer deferred to the next round');
    this.name = 'TransferDeferred';
  }
}

/** When a transfer should stop starting chunks (epoch ms); at least one chunk is always moved. */
export interface TransferBudget {
  deadline?: number;
}

/** A refusal on this device's side: the file at hand cannot be (or is not) the attachment. */
export class LocalAttachmentError extends Error {
  constructor(
    readonly code: 'EMPTY' | 'TOO_LARGE' | 'BAD_MIME' | 'CORRUPT' | 'BAD_HASH',
    message: string,
  ) {
    super(message);
    this.name = 'LocalAttachmentError';
  }
}

const LOCAL_MESSAGES: Record<LocalAttachmentError['code'], string> = {
  EMPTY: '附件为空文件，无法保存',
  TOO_LARGE: `附件超过 ${MAX_BLOB_BYTES / 1024 / 1024} MB，无法保存`,
  BAD_MIME: '附件类型不正确',
  CORRUPT: '本机附件文件已损坏（内容与其校验值不符），无法上传',
  BAD_HASH: '附件校验值格式不正确',
};
const localError = (code: LocalAttachmentError['code']) => new LocalAttachmentError(code, LOCAL_MESSAGES[code]);

function checkHash(hash: string): string {
  if (!blobHashSchema.safeParse(hash).success) throw localError('BAD_HASH');
  return hash;
}

const DOWNLOAD_MISMATCH = '下载的附件内容与其校验值不符，已丢弃，稍后自动重新下载';

/** How many answers in a row may leave an upload where it was before it gives up (a confused server). */
const MAX_STALLS = 3;
/** Bytes read per step when hashing or copying a file. */
const IO_BYTES = 1024 * 1024;

interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

function errorCode(answer: Answer): unknown {
  return (parseJson(answer.bytes) as { error?: { code?: unknown } } | undefined)?.error?.code;
}

function isStatus(value: unknown, hash: string): value is BlobStatus {
  const s = value as Partial<BlobStatus> | null | undefined;
  return (
    typeof s === 'object' &&
    s !== null &&
    s.hash === hash &&
    Number.isSafeInteger(s.size) &&
    Number.isSafeInteger(s.received) &&
    (s.received ?? -1) >= 0 &&
    (s.received ?? 0) <= (s.size ?? -1) &&
    typeof s.complete === 'boolean'
  );
}

const spent = (budget: TransferBudget) => budget.deadline !== undefined && Date.now() >= budget.deadline;

/** The sha256 of a file, read a step at a time; null when there is no such file. */
export async function hashFile(path: string): Promise<string | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const digest = createHash('sha256');
    const buffer = Buffer.allocUnsafe(IO_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      digest.update(buffer.subarray(0, bytesRead));
    }
    return digest.digest('hex');
  } finally {
    await handle.close();
  }
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Makes a rename in `dir` durable (where the platform lets a folder be synced). */
async function syncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a folder; its renames are durable enough through NTFS's journal.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function readFully(handle: FileHandle, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw localError('CORRUPT'); // the file shrank under us
    done += bytesRead;
  }
  return buffer;
}

/**
 * Uploads and downloads attachments over HTTP, resumably. Failures are SyncErrors, as from
 * the sync transport: the server's code and Chinese message, or OFFLINE / TIMEOUT; a file
 * that does not match its hash is a LocalAttachmentError and is never sent.
 */
export class BlobTransfer {
  private readonly timeoutMs: number;
  private readonly transferTimeoutMs: number;
  private readonly fetch: typeof fetch;
  /** One transfer per hash (upload) or target (download) at a time within this process. */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly options: BlobTransferOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.transferTimeoutMs = options.transferTimeoutMs ?? 120_000;
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** What the server holds of `hash`; null when it has never heard of it. */
  async status(hash: string): Promise<BlobStatus | null> {
    checkHash(hash);
    const answer = await this.request('GET', BLOB_PATHS.status(hash), {});
    if (answer.status === 404 && errorCode(answer) === 'BLOB_NOT_FOUND') return null;
    return this.statusFrom(answer, hash);
  }

  /**
   * Sends the file `filePath` whose sha256 is `hash`, from what the server already holds, in
   * chunks; returns once the server has it whole. A failure mid-way leaves what was sent on
   * the server: the next call goes on from there.
   */
  upload(hash: string, filePath: string, mime: string, budget: TransferBudget = {}): Promise<BlobStatus> {
    return this.once(`up:${checkHash(hash)}`, () => this.doUpload(hash, filePath, mime, budget));
  }

  /**
   * Fetches `hash` into `targetPath`, by way of `targetPath.part` (kept across failures, so the
   * next call goes on from its size). The target is only ever the verified content. Returns its
   * size and the type the server gave it (null when nothing had to be fetched).
   */
  download(hash: string, targetPath: string, budget: TransferBudget = {}): Promise<DownloadedBlob> {
    return this.once(`down:${targetPath}`, () => this.doDownload(checkHash(hash), targetPath, budget));
  }

  private once<T>(key: string, run: () => Promise<T>): Promise<T> {
    const current = this.running.get(key);
    if (current) return current as Promise<T>;
    const started = run().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }

  private async doUpload(hash: string, filePath: string, mime: string, budget: TransferBudget): Promise<BlobStatus> {
    const size = (await stat(filePath)).size;
    if (size === 0) throw localError('EMPTY');
    if (size > MAX_BLOB_BYTES) throw localError('TOO_LARGE');
    if (!blobBeginSchema.shape.mime.safeParse(mime).success) throw localError('BAD_MIME');

    const began = await this.request('POST', BLOB_PATHS.begin(hash), {
      json: { versions: this.options.versions, size, mime },
    });
    let status = this.statusFrom(began, hash);
    if (status.complete) return status;
    if (status.size !== size) throw new SyncError('BAD_RESPONSE', undefined, began.status);
    // Never send bytes that cannot make this hash (a damaged file would be refused at the end).
    if ((await hashFile(filePath)) !== hash) throw localError('CORRUPT');

    const handle = await open(filePath, 'r');
    try {
      let stalls = 0;
      let moved = 0;
      while (!status.complete) {
        if (moved > 0 && spent(budget)) throw new TransferDeferred();
        moved++;
        const offset = status.received;
        const length = Math.min(BLOB_CHUNK_BYTES, size - offset);
        if (length <= 0) throw new SyncError('BAD_RESPONSE');
        const chunk = await readFully(handle, length, offset);
        const answer = await this.request('PUT', BLOB_PATHS.chunk(hash, offset), { bytes: chunk });
        let next: BlobStatus;
        if (answer.status === 409) {
          // Not where the server stands (another device sent some meanwhile …): go on from there.
          const blob = (parseJson(answer.bytes) as { blob?: unknown } | undefined)?.blob;
          if (errorCode(answer) !== 'BLOB_OFFSET' || !isStatus(blob, hash)) throw this.failure(answer);
          next = blob;
        } else {
          next = this.statusFrom(answer, hash);
        }
        stalls = next.complete || next.received > offset ? 0 : stalls + 1;
        if (stalls >= MAX_STALLS) throw new SyncError('BLOB_OFFSET', undefined, answer.status);
        status = next;
      }
    } finally {
      await handle.close();
    }
    return status;
  }

  private async doDownload(hash: string, targetPath: string, budget: TransferBudget): Promise<DownloadedBlob> {
    // Already here and right: nothing to fetch.
    if ((await hashFile(targetPath)) === hash) return { size: (await sizeOf(targetPath)) ?? 0, mime: null };
    const part = `${targetPath}.part`;
    await mkdir(dirname(targetPath), { recursive: true });
    let restarted = false;
    let have = (await sizeOf(part)) ?? 0;
    let mime: string | null = null;
    const handle = await open(part, 'a');
    let failed: { error: unknown } | undefined;
    let moved = 0;
    try {
      for (;;) {
        if (moved > 0 && spent(budget)) throw new TransferDeferred();
        moved++;
        const answer = await this.request('GET', BLOB_PATHS.content(hash, have, BLOB_CHUNK_BYTES), {
          accept: 'application/octet-stream',
          timeoutMs: this.transferTimeoutMs,
        });
        if (answer.status === 409 && !restarted && errorCode(answer) === 'BLOB_OFFSET') {
          // The part file is longer than the attachment: it is not of it, start over.
          restarted = true;
          await handle.truncate(0);
          have = 0;
          continue;
        }
        if (answer.status !== 200) throw this.failure(answer);
        const size = Number(answer.headers.get(BLOB_SIZE_HEADER));
        if (!Number.isSafeInteger(size) || size <= 0 || have + answer.bytes.length > size)
          throw new SyncError('BAD_RESPONSE', undefined, 200);
        mime = answer.headers.get(BLOB_MIME_HEADER) ?? mime;
        if (answer.bytes.length === 0) {
          if (have === size) break;
          throw new SyncError('BAD_RESPONSE', undefined, 200);
        }
        await handle.appendFile(answer.bytes);
        have += answer.bytes.length;
        if (have === size) break;
      }
      await handle.sync();
    } catch (error) {
      failed = { error };
    } finally {
      await handle.close();
    }
    if (failed) {
      // Nothing came: no empty part file is left behind.
      if (have === 0) await rm(part, { force: true }).catch(() => undefined);
      throw failed.error;
    }
    if ((await hashFile(part)) !== hash) {
      // Never a wrong file under the target's name; the next try starts clean.
      await rm(part, { force: true });
      throw new SyncError('BLOB_HASH_MISMATCH', DOWNLOAD_MISMATCH);
    }
    await rename(part, targetPath);
    await syncDir(dirname(targetPath));
    return { size: have, mime };
  }

  private statusFrom(answer: Answer, hash: string): BlobStatus {
    if (answer.status < 200 || answer.status >= 300) throw this.failure(answer);
    const body = parseJson(answer.bytes);
    if (!isStatus(body, hash)) throw new SyncError('BAD_RESPONSE', undefined, answer.status);
    return { hash: body.hash, size: body.size, received: body.received, complete: body.complete };
  }

  private failure(answer: Answer): SyncError {
    return errorFromResponse(answer.status, parseJson(answer.bytes));
  }

  private async request(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body: { json?: unknown; bytes?: Buffer; accept?: string; timeoutMs?: number },
  ): Promise<Answer> {
    const headers: Record<string, string> = {
      accept: body.accept ?? 'application/json',
      ...(await this.options.headers()),
    };
    // ArrayBuffer-backed (Buffer.alloc), as fetch's body types want under the DOM's lib too.
    let payload: string | Uint8Array<ArrayBuffer> | undefined;
    if (body.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else {
      headers[PROTOCOL_HEADER] = String(this.options.versions.protocol);
      if (body.bytes) {
        headers['content-type'] = 'application/octet-stream';
        payload = body.bytes as Uint8Array<ArrayBuffer>;
      }
    }
    const timeoutMs = body.timeoutMs ?? (body.bytes ? this.transferTimeoutMs : this.timeoutMs);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await this.fetch(`${this.options.serverUrl.replace(/\/+$/, '')}${path}`, {
        method,
        headers,
        body: payload,
        signal: controller.signal,
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, bytes };
    } catch {
      throw new SyncError(controller.signal.aborted ? 'TIMEOUT' : 'OFFLINE');
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * The device's own attachments, content-addressed: `dir/<first two hex digits>/<sha256>`.
 * A file appears under its final name only whole (written to `dir/.tmp/`, synced, renamed),
 * so a crash leaves at most a temporary file, which `sweep` clears; a content already there
 * is not written again.
 */
export class LocalBlobStore {
  private readonly tmpDir: string;

  constructor(readonly dir: string) {
    this.tmpDir = join(dir, '.tmp');
  }

  path(hash: string): string {
    checkHash(hash);
    return join(this.dir, hash.slice(0, 2), hash);
  }

  async has(hash: string): Promise<boolean> {
    try {
      return (await stat(this.path(hash))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /** The bytes of `hash`, or null when they are not here. */
  async read(hash: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(hash));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Removes every file (the device was revoked: its attachments leave with its records). */
  async clear(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  /**
   * Keeps `source` (the bytes, or a file to copy, read a step at a time) and returns its
   * sha256. `mime` is checked as the server will check it, so a kept attachment can be sent.
   */
  async put(source: Uint8Array | string, mime: string): Promise<string> {
    if (!blobBeginSchema.shape.mime.safeParse(mime).success) throw localError('BAD_MIME');
    if (typeof source !== 'string') {
      if (source.length === 0) throw localError('EMPTY');
      if (source.length > MAX_BLOB_BYTES) throw localError('TOO_LARGE');
      const hash = createHash('sha256').update(source).digest('hex');
      if (await this.touch(hash)) return hash;
      await this.keep(hash, async (out) => {
        await out.writeFile(source);
      });
      return hash;
    }
    let hash = '';
    await this.keep(null, async (out) => {
      const digest = createHash('sha256');
      const input = await open(source, 'r');
      try {
        const buffer = Buffer.allocUnsafe(IO_BYTES);
        let total = 0;
        for (;;) {
          // Sequential reads (position null): a pipe or a growing file reads the same way.
          const { bytesRead } = await input.read(buffer, 0, buffer.length, null);
          if (bytesRead === 0) break;
          total += bytesRead;
          if (total > MAX_BLOB_BYTES) throw localError('TOO_LARGE');
          const piece = buffer.subarray(0, bytesRead);
          digest.update(piece);
          await out.write(piece);
        }
        if (total === 0) throw localError('EMPTY');
      } finally {
        await input.close();
      }
      hash = digest.digest('hex');
      return hash;
    });
    return hash;
  }

  /**
   * Marks the file of `hash` as just kept (its time set to now), so a removal running meanwhile
   * leaves it; false when it is not here (a put then writes it anew).
   */
  private async touch(hash: string): Promise<boolean> {
    const now = new Date();
    try {
      await utimes(this.path(hash), now, now);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /**
   * Removes the file of `hash` (no record needs it any more), synchronously, so the caller can
   * do it inside the database transaction that decided it. A file kept or touched by a put in
   * the last `graceMs` stays (a record naming it is being written): it is first moved aside, so
   * a put from then on writes it anew, then put back if it turns out fresh. True when the file
   * is not here any more.
   */
  removeSync(hash: string, graceMs = 60_000): boolean {
    const path = this.path(hash);
    mkdirSync(this.tmpDir, { recursive: true });
    const aside = join(this.tmpDir, `${hash}.${randomUUID()}.removed`);
    try {
      renameSync(path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw error;
    }
    if (graceMs > 0 && Date.now() - statSync(aside).mtimeMs < graceMs) {
      // Just kept again: back under its name (a put that wrote it meanwhile has the same bytes).
      renameSync(aside, path);
      return false;
    }
    rmSync(aside, { force: true });
    return true;
  }

  /**
   * Removes temporary files left by puts that never finished (a crash, a power cut) and older
   * than `maxAgeMs`; at start-up, before any put, 0 clears them all.
   */
  async sweep(maxAgeMs = 60 * 60 * 1000): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tmpDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let removed = 0;
    const cutoff = Date.now() - maxAgeMs;
    for (const name of names) {
      const path = join(this.tmpDir, name);
      const info = await stat(path).catch(() => null);
      if (info && info.mtimeMs <= cutoff) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /**
   * Writes a temporary file with `write`, syncs it and renames it to its hash's name (known
   * before, or returned by `write`); dropped when that content is there already or on failure.
   */
  private async keep(known: string | null, write: (out: FileHandle) => Promise<string | void>): Promise<void> {
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = join(this.tmpDir, `${randomUUID()}.tmp`);
    const out = await open(tmp, 'wx', 0o600);
    let hash: string;
    try {
      try {
        hash = (await write(out)) ?? known ?? '';
        await out.sync();
      } finally {
        await out.close();
      }
    } catch (error) {
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    try {
      if (await this.touch(hash)) return;
      const final = this.path(hash);
      await mkdir(dirname(final), { recursive: true });
      await rename(tmp, final);
      await syncDir(dirname(final));
    } finally {
      await rm(tmp, { force: true });
    }
  }
}
