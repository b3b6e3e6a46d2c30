import { createHash } from 'node:crypto';
import { markBlobMissing } from '../../db/blobs.js';
import { blobPending } from '../../db/queries/blobs.js';
import { AppError } from '../../shared/errors.js';
import type { LocalBlobStore } from '../sync/attachments.js';
import type { ServiceContext } from './context.js';

/**
 * Reading attachment files (ID scans, defect photos, signatures, floor plans, reports) on this
 * device, for every service that shows one: the bytes only when they are here and whole; else the
 * sync is asked to fetch them (again) and the caller says so to the user.
 */

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function attachmentStore(ctx: ServiceContext): LocalBlobStore {
  if (!ctx.attachments) throw new AppError('INTERNAL', '本机未配置附件存储');
  return ctx.attachments;
}

const CORRUPT_ATTACHMENT = '本机附件文件已损坏，将从集团服务器重新下载';

/**
 * The file's bytes, checked against its hash; 'absent' when a record names it before it came
 * (another office made it), 'corrupt' when the file here is damaged. Either way the file is
 * marked missing, so the sync downloads it.
 */
export async function readAttachment(
  ctx: ServiceContext,
  hash: string,
  corruptNote = CORRUPT_ATTACHMENT,
): Promise<Buffer | 'absent' | 'corrupt'> {
  const bytes = await attachmentStore(ctx).read(hash);
  if (!bytes) {
    if (blobPending(ctx.db, [hash]).get(hash) !== 'download') markBlobMissing(ctx.db, hash);
    return 'absent';
  }
  if (sha256(bytes) !== hash) {
    markBlobMissing(ctx.db, hash, corruptNote);
    return 'corrupt';
  }
  return bytes;
}

/** The same for a file the user opens: ATTACHMENT_PENDING, in Chinese, while it is not here whole. */
export async function attachmentBytes(
  ctx: ServiceContext,
  hash: string,
  messages: { absent?: string; corrupt?: string } = {},
): Promise<Buffer> {
  const corrupt = messages.corrupt ?? CORRUPT_ATTACHMENT;
  const found = await readAttachment(ctx, hash, corrupt);
  if (found === 'absent') throw new AppError('ATTACHMENT_PENDING', messages.absent);
  if (found === 'corrupt') throw new AppError('ATTACHMENT_PENDING', `${corrupt}；联网同步后即可查看`);
  return found;
}
