import {
  clearLocalBlobs,
  forgetUnneededBlobs,
  markBlobDownloaded,
  markBlobMissing,
  markBlobUploaded,
  noteBlobFailure,
  reconcileWantedBlobs,
} from '../../db/blobs.js';
import type { SiteDb } from '../../db/open.js';
import { blobsToDownload, blobsToUpload } from '../../db/queries/blobs.js';
import { sniffAttachmentMime } from '../../shared/domain/attachments.js';
import type { Versions } from '../../shared/sync/protocol.js';
import { BlobTransfer, LocalAttachmentError, TransferDeferred, type LocalBlobStore } from './attachments.js';
import { toSyncError, type SyncFailureCode } from './errors.js';
import { sessionHeaders, type SessionAuth } from './transport.js';

/**
 * The attachment phases of a sync round. Records never wait for their files: the engine pushes
 * the records first, then uploads every file here that the server lacks (resumable: a cut upload
 * goes on from what the server holds, and a content it has from anyone costs one request and no
 * bytes); after pulling, it downloads every file a live record names that is not here.
 *
 * One file's failure never fails the round: it is noted on the file (local_blobs.last_error)
 * and in the round's result, and retried next round. Only failures that are the round's own
 * (the session expired, the device was revoked) are thrown; when the server cannot be reached
 * the phase stops (every other file would fail the same way).
 */
export interface AttachmentFailure {
  hash: string;
  direction: 'upload' | 'download';
  code: SyncFailureCode | LocalAttachmentError['code'];
  /** In Chinese. */
  message: string;
}

export interface AttachmentPhaseResult {
  /** Files sent (or found already on the server) / fetched. */
  done: number;
  /** Files whose content the server does not have yet (another device has not sent it): not failures. */
  waiting: number;
  failures: AttachmentFailure[];
  /** The server could not be reached: the remaining files were left for the next round. */
  interrupted: boolean;
  /** Files left for the next round because the phase's time was spent (a slow line). */
  deferred: number;
}

export interface AttachmentSyncOptions {
  db: SiteDb;
  store: LocalBlobStore;
  versions: Versions;
  /** The fetch the transfers use (tests cut the line through it). */
  fetch?: typeof fetch;
  timeoutMs?: number;
  transferTimeoutMs?: number;
  /**
   * The time each phase (upload, download) may take in a round before it leaves the remaining
   * files (and the rest of a file, resumable) for the next round, so a slow line never holds up
   * the records; the round then comes again soon. Default 30 s.
   */
  budgetMs?: number;
  /** How recently kept a file must not be to be removed (a put in progress); default 60 s. */
  removeGraceMs?: number;
  now?: () => Date;
}

export const DEFAULT_ATTACHMENT_BUDGET_MS = 30_000;

/** The server is not there: trying the next file now would fail the same way. */
const UNREACHED: ReadonlySet<SyncFailureCode> = new Set(['OFFLINE', 'TIMEOUT', 'UNAVAILABLE']);

const LOST = '本机附件文件已丢失，将从集团服务器重新下载';
export const NOT_YET_UPLOADED = '附件尚未上传到集团服务器（由添加它的设备上传），稍后自动下载';

export class AttachmentSync {
  constructor(private readonly options: AttachmentSyncOptions) {}

  get store(): LocalBlobStore {
    return this.options.store;
  }

  private at(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private transfer(auth: SessionAuth): BlobTransfer {
    const { versions, fetch, timeoutMs, transferTimeoutMs } = this.options;
    return new BlobTransfer({
      serverUrl: auth.serverUrl,
      headers: () => sessionHeaders(auth),
      versions,
      ...(fetch ? { fetch } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
      ...(transferTimeoutMs ? { transferTimeoutMs } : {}),
    });
  }

  /** Sends every file here that the server does not have whole, oldest first. */
  async upload(auth: SessionAuth): Promise<AttachmentPhaseResult> {
    const { db, store } = this.options;
    const result: AttachmentPhaseResult = { done: 0, waiting: 0, failures: [], interrupted: false, deferred: 0 };
    const transfer = this.transfer(auth);
    const budget = this.budget();
    const queue = blobsToUpload(db);
    for (const [i, blob] of queue.entries()) {
      if (i > 0 && Date.now() >= budget.deadline) {
        result.deferred = queue.length - i;
        break;
      }
      if (!(await store.has(blob.hash))) {
        // Gone from the folder (removed by hand, a restored backup): fetched back while named.
        markBlobMissing(db, blob.hash, LOST, this.at());
        continue;
      }
      try {
        await transfer.upload(blob.hash, store.path(blob.hash), blob.mime ?? 'application/octet-stream', budget);
        markBlobUploaded(db, blob.hash, this.at());
        result.done++;
      } catch (error) {
        if (error instanceof TransferDeferred) {
          result.deferred = queue.length - i;
          break;
        }
        if (error instanceof LocalAttachmentError) {
          // The file does not make its hash (damaged on disk): never sent; fetched again if named.
          if (error.code === 'CORRUPT') markBlobMissing(db, blob.hash, error.message, this.at());
          else noteBlobFailure(db, blob.hash, error.message, this.at());
          result.failures.push({ hash: blob.hash, direction: 'upload', code: error.code, message: error.message });
          continue;
        }
        const e = toSyncError(error);
        if (!e.retryable) throw e;
        noteBlobFailure(db, blob.hash, e.message, this.at());
        result.failures.push({ hash: blob.hash, direction: 'upload', code: e.code, message: e.message });
        if (UNREACHED.has(e.code)) {
          result.interrupted = true;
          break;
        }
      }
    }
    return result;
  }

  /**
   * Notes the files live records name that are not here (after a pull brought records), and
   * drops those no record names any more.
   */
  reconcile(): { wanted: number; dropped: number } {
    return reconcileWantedBlobs(this.options.db, this.at());
  }

  /** Fetches every wanted file, oldest first, into the store (verified before it gets its name). */
  async download(auth: SessionAuth): Promise<AttachmentPhaseResult> {
    const { db, store } = this.options;
    const result: AttachmentPhaseResult = { done: 0, waiting: 0, failures: [], interrupted: false, deferred: 0 };
    const transfer = this.transfer(auth);
    const budget = this.budget();
    const queue = blobsToDownload(db);
    for (const [i, blob] of queue.entries()) {
      if (i > 0 && Date.now() >= budget.deadline) {
        result.deferred = queue.length - i;
        break;
      }
      try {
        const got = await transfer.download(blob.hash, store.path(blob.hash), budget);
        let mime = got.mime ?? blob.mime;
        if (!mime) {
          const bytes = await store.read(blob.hash);
          mime = (bytes && sniffAttachmentMime(bytes.subarray(0, 16))) ?? null;
        }
        markBlobDownloaded(db, { hash: blob.hash, size: got.size, mime }, this.at());
        result.done++;
      } catch (error) {
        if (error instanceof TransferDeferred) {
          result.deferred = queue.length - i;
          break;
        }
        const e = toSyncError(error);
        if (!e.retryable) throw e;
        if (e.code === 'BLOB_NOT_FOUND') {
          // Its author has not sent it yet: it comes in a later round.
          noteBlobFailure(db, blob.hash, NOT_YET_UPLOADED, this.at());
          result.waiting++;
          continue;
        }
        noteBlobFailure(db, blob.hash, e.message, this.at());
        result.failures.push({ hash: blob.hash, direction: 'download', code: e.code, message: e.message });
        if (UNREACHED.has(e.code)) {
          result.interrupted = true;
          break;
        }
      }
    }
    return result;
  }

  /**
   * Removes the files no record needs any more, with their rows (removeUnneededAttachments):
   * after every round, so a deleted ID scan leaves the device once the server has it or once
   * its deletion is pushed.
   */
  removeUnneeded(): string[] {
    return removeUnneededAttachments(this.options.db, this.options.store, this.options.removeGraceMs);
  }

  private budget(): { deadline: number } {
    return { deadline: Date.now() + (this.options.budgetMs ?? DEFAULT_ATTACHMENT_BUDGET_MS) };
  }

  /** The device was revoked: every file and its row leave it. */
  async purge(): Promise<void> {
    clearLocalBlobs(this.options.db);
    await this.options.store.clear();
  }
}

/**
 * Removes from the attachments folder, with their local_blobs rows, the files no live record
 * names any more once nothing can bring them back without the server (db/blobs.ts
 * forgetUnneededBlobs: the server has them, or their record's deletion is pushed). Generic
 * over every entity's blobFields (ID scans, defect photos, signatures, reports). `graceMs`:
 * a file kept this recently stays (a put of it is in progress); 0 at start-up, before any.
 */
export function removeUnneededAttachments(db: SiteDb, store: LocalBlobStore, graceMs?: number): string[] {
  return forgetUnneededBlobs(db, (hash) => store.removeSync(hash, graceMs));
}
