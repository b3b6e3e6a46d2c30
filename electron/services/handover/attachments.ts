import { markBlobMissing } from '../../../db/blobs.js';
import { blobPending, localBlob } from '../../../db/queries/blobs.js';
import { projectsNamingAttachment } from '../../../db/queries/handover.js';
import type { Handlers } from '../../../shared/api/contract.js';
import { sniffAttachmentMime, type AttachmentMime } from '../../../shared/domain/attachments.js';
import { AppError } from '../../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import { visibleProjectIds } from '../org.js';
import { attachmentStore, sha256 } from './common.js';

type AttachmentHandlers = Pick<Handlers, 'handover.attachment'>;

const CORRUPT_HERE = '本机附件文件已损坏，将从集团服务器重新下载';

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
      const bytes = await attachmentStore(ctx).read(hash);
      if (!bytes) {
        if (blobPending(ctx.db, [hash]).get(hash) !== 'download') markBlobMissing(ctx.db, hash);
        throw new AppError('ATTACHMENT_PENDING');
      }
      if (sha256(bytes) !== hash) {
        markBlobMissing(ctx.db, hash, CORRUPT_HERE);
        throw new AppError('ATTACHMENT_PENDING', `${CORRUPT_HERE}；联网同步后即可查看`);
      }
      const mime = (sniffAttachmentMime(bytes.subarray(0, 16)) ??
        localBlob(ctx.db, hash)?.mime ??
        naming.find((n) => n.mime)?.mime ??
        'image/jpeg') as AttachmentMime;
      return { mime, dataBase64: bytes.toString('base64'), size: bytes.length };
    },
  };
}
