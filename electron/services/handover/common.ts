import { getMeta } from '../../../db/meta.js';
import { noteLocalBlob } from '../../../db/blobs.js';
import { today } from '../../../db/queries/resources.js';
import {
  ATTACHMENT_MESSAGES,
  IMAGE_MIMES,
  sniffAttachmentMime,
  type AttachmentMime,
} from '../../../shared/domain/attachments.js';
import type { TxWriter } from '../../../db/write.js';
import { attachmentStore, sha256 } from '../attachment-files.js';
import { AppError } from '../../../shared/errors.js';
import { LocalAttachmentError } from '../../sync/attachments.js';
import type { ServiceContext } from '../context.js';
import { assertProjectVisible, CURRENT_PROJECT, visibleProjects } from '../org.js';

/**
 * What the handover services share: the project they work in (the header's 当前项目), the
 * device's clock, and keeping an attachment (a photo, a signature, a floor plan) on this device.
 */

/**
 * The project the operator works in: the session's (refused when it is not visible to them);
 * without one, as 'session.get' would choose it — the saved one, else the first visible.
 */
export function currentProjectId(ctx: ServiceContext): string {
  const projects = visibleProjects(ctx);
  const chosen = ctx.session?.projectId ?? null;
  if (chosen) {
    if (!projects.some((p) => p.id === chosen)) throw new AppError('PROJECT_NOT_VISIBLE');
    return chosen;
  }
  const saved = getMeta(ctx.db, CURRENT_PROJECT);
  const project = projects.find((p) => p.id === saved) ?? projects[0];
  if (!project) throw new AppError('PROJECT_NOT_VISIBLE', '请先在页头选择当前项目');
  return project.id;
}

/** A record of a project the operator may not see is as good as absent. */
export function assertVisible(ctx: ServiceContext, projectId: string | null): void {
  assertProjectVisible(ctx, projectId ?? '');
}

/** Today on this device's calendar (local time, as users date things). */
export const todayOn = (): string => today();

/** Now, as records stamp it. */
export const nowIso = (): string => new Date().toISOString();

export { attachmentStore, sha256 };

export const invalid = (message: string, field = 'dataBase64') => new AppError('VALIDATION', message, { [field]: message });

/** An image checked and kept on this device, not yet noted (noteKept does that inside the record's transaction). */
export interface KeptFile {
  hash: string;
  mime: AttachmentMime;
  size: number;
}

/**
 * Checks that the bytes are what they claim to be (an image of an accepted type: a renamed file
 * is refused) and keeps them content-addressed: the same content is kept once on disk, whoever
 * adds it and for whichever record.
 */
export async function keepImage(
  ctx: ServiceContext,
  dataBase64: string,
  mime: string,
  options: { only?: readonly AttachmentMime[]; onlyMessage?: string; field?: string } = {},
): Promise<KeptFile> {
  const field = options.field ?? 'dataBase64';
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length === 0) throw invalid(ATTACHMENT_MESSAGES.empty, field);
  const allowed = options.only ?? IMAGE_MIMES;
  if (!allowed.includes(mime as AttachmentMime)) throw invalid(options.onlyMessage ?? '照片只能是 JPEG、PNG 或 WebP 图片', field);
  const sniffed = sniffAttachmentMime(bytes.subarray(0, 16));
  if (sniffed !== mime) {
    // Bytes of a type not taken here at all say so; bytes of another image type are a mismatch.
    const message =
      sniffed && !allowed.includes(sniffed)
        ? (options.onlyMessage ?? ATTACHMENT_MESSAGES.mismatch)
        : ATTACHMENT_MESSAGES.mismatch;
    throw invalid(message, field);
  }
  try {
    const hash = await attachmentStore(ctx).put(bytes, mime);
    return { hash, mime: mime as AttachmentMime, size: bytes.length };
  } catch (error) {
    if (error instanceof LocalAttachmentError) throw invalid(error.message, field);
    throw error;
  }
}

/** Notes a kept file in local_blobs (to upload): run inside the transaction of the record naming it. */
export function noteKept(ctx: ServiceContext, file: KeptFile): void {
  noteLocalBlob(ctx.db, { hash: file.hash, size: file.size, mime: file.mime });
}

/** A batch whose first room is booked or inspected is under way: 未开始 becomes 交付中 by itself. */
export function startBatch(tx: TxWriter, batchId: string): void {
  const batch = tx.get('handoverBatch', batchId);
  if (batch.status === 'planned') tx.update('handoverBatch', batchId, { status: 'active' });
}
