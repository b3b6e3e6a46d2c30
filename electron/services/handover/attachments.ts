import { localBlob } from '../../../db/queries/blobs.js';
import { projectsNamingAttachment } from '../../../db/queries/handover.js';
import type { Handlers } from '../../../shared/api/contract.js';
import { sniffAttachmentMime, type AttachmentMime } from '../../../shared/domain/attachments.js';
import { AppError } from '../../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import { visibleProjectIds } from '../org.js';
import { attachmentBytes } from '../attachment-files.js';

type AttachmentHandlers = Pick<Handlers, 'handover.attachment'>;

/**
 * A handover file by its hash (defect and meter photos, signatures, floor plans, reports), for a
 * record of a project the operator may see. A file named here before it came (another office
 * took the photo) is ATTACHMENT_PENDING: the sync fetches it.
 */
export function handoverAttachmentHandlers(ctx: ServiceContext): AttachmentHandlers {
  return {
    'handover.attachment': async ({ hash }) => {
      const visible = new Set(visibleProjectIds(ctx));
      const naming = projectsNamingAttachment(ctx.db, hash).filter((n) => n.projectId !== null && visible.has(n.projectId));
      if (naming.length === 0) throw new AppError('NOT_FOUND', '附件不存在或已被删除');
      const bytes = await attachmentBytes(ctx, hash);
      const mime = (sniffAttachmentMime(bytes.subarray(0, 16)) ??
        localBlob(ctx.db, hash)?.mime ??
        naming.find((n) => n.mime)?.mime ??
        'image/jpeg') as AttachmentMime;
      return { mime, dataBase64: bytes.toString('base64'), size: bytes.length };
    },
  };
}
