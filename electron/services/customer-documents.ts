import { noteLocalBlob } from '../../db/blobs.js';
import { blobPending } from '../../db/queries/blobs.js';
import { getCustomer } from '../../db/queries/customers.js';
import { documentsOf, documentWithContent, getDocument } from '../../db/queries/documents.js';
import type { Handlers } from '../../shared/api/contract.js';
import {
  ATTACHMENT_MESSAGES,
  sniffAttachmentMime,
  type AttachmentMime,
  type AttachmentPending,
} from '../../shared/domain/attachments.js';
import type { CustomerDocumentKind, CustomerDocumentView } from '../../shared/domain/customer-documents.js';
import { AppError } from '../../shared/errors.js';
import { LocalAttachmentError } from '../sync/attachments.js';
import type { ServiceContext } from './context.js';
import { liveCustomer } from './customers.js';
import { attachmentBytes, attachmentStore, sha256 } from './attachment-files.js';

/**
 * 证件扫描件 of a customer. The file is kept on this device content-addressed (LocalBlobStore:
 * the same content once, whoever adds it, for whichever customer) and noted in local_blobs; the
 * record goes through the write path in the same transaction as that note. The sync sends the
 * record first and the file after it; another office gets the record, then the file.
 */
type DocumentHandlers = Pick<Handlers, 'customer.addDocument' | 'customer.removeDocument' | 'customer.documentContent'>;

type DocumentRow = ReturnType<typeof documentsOf>[number];

function toView(row: DocumentRow, pending: AttachmentPending): CustomerDocumentView {
  return {
    id: row.id,
    customerId: row.customerId,
    kind: row.kind as CustomerDocumentKind,
    fileName: row.fileName,
    mime: row.mime as AttachmentMime,
    size: row.size,
    hash: row.hash,
    takenAt: row.takenAt,
    remark: row.remark,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    pending,
  };
}

/** A customer's documents for the 360 view, each with where its file stands. */
export function documentViews(ctx: ServiceContext, customerId: string): CustomerDocumentView[] {
  const rows = documentsOf(ctx.db, customerId);
  const pending = blobPending(
    ctx.db,
    rows.map((r) => r.hash),
  );
  return rows.map((r) => toView(r, pending.get(r.hash) ?? null));
}

const invalid = (message: string) => new AppError('VALIDATION', message, { dataBase64: message });

export function customerDocumentHandlers(ctx: ServiceContext): DocumentHandlers {
  return {
    'customer.addDocument': async ({ customerId, kind, fileName, mime, dataBase64, takenAt, remark }) => {
      const customer = getCustomer(ctx.db, customerId);
      if (!customer) throw new AppError('NOT_FOUND', '客户不存在或已被删除');
      if (customer.mergedInto) {
        throw new AppError('CUSTOMER_MERGED', '该客户已合并到其他客户，请打开合并后的客户', undefined, {
          survivorId: customer.mergedInto,
        });
      }
      const bytes = Buffer.from(dataBase64, 'base64');
      if (bytes.length === 0) throw invalid(ATTACHMENT_MESSAGES.empty);
      // The declared type must be what the bytes are (a renamed .exe is not a JPEG).
      if (sniffAttachmentMime(bytes.subarray(0, 16)) !== mime) throw invalid(ATTACHMENT_MESSAGES.mismatch);
      const hash = sha256(bytes);
      const twice = documentWithContent(ctx.db, customerId, hash);
      if (twice) throw invalid('该客户已有内容相同的证件文件，无需重复上传');
      try {
        await attachmentStore(ctx).put(bytes, mime);
      } catch (error) {
        if (error instanceof LocalAttachmentError) throw invalid(error.message);
        throw error;
      }
      return ctx.writer.transaction((tx) => {
        liveCustomer(tx, customerId);
        noteLocalBlob(ctx.db, { hash, size: bytes.length, mime });
        const row = tx.create('customerDocument', {
          projectId: null,
          customerId,
          hash,
          mime,
          size: bytes.length,
          kind,
          fileName,
          takenAt,
          remark,
        });
        return toView(row, blobPending(ctx.db, [hash]).get(hash) ?? null);
      });
    },

    'customer.removeDocument': ({ id }) =>
      ctx.writer.transaction((tx) => {
        tx.get('customerDocument', id);
        tx.remove('customerDocument', id);
        return { removed: true };
      }),

    'customer.documentContent': async ({ id }) => {
      const doc = getDocument(ctx.db, id);
      if (!doc) throw new AppError('NOT_FOUND', '证件文件不存在或已被删除');
      const bytes = await attachmentBytes(ctx, doc.hash);
      return {
        mime: doc.mime as AttachmentMime,
        dataBase64: bytes.toString('base64'),
        fileName: doc.fileName,
        size: bytes.length,
      };
    },
  };
}
