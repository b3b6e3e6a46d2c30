import { noteLocalBlob } from '../../../db/blobs.js';
import { getInspection, reportsOfInspection, roomBriefs } from '../../../db/queries/handover.js';
import { getReport, reportContentOf, type ReportRow } from '../../../db/queries/handover-report.js';
import type { Handlers } from '../../../shared/api/contract.js';
import type { HandoverReport } from '../../../shared/domain/handover.js';
import { reportContentHash, reportImageHashes } from '../../../shared/domain/handover-report.js';
import { AppError } from '../../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import { assertProjectVisible } from '../org.js';
import { renderHandoverReport } from './report-pdf.js';
import { attachmentBytes, attachmentStore, readAttachment } from '../attachment-files.js';

/**
 * 交付确认书/验房报告. Finalising reads the report's content from the records, hashes it, and
 * either returns the latest version (same content hash: nothing to render) or renders the PDF,
 * keeps it content-addressed as an attachment and writes the next version's record, file
 * bookkeeping and record in one transaction. A version is never updated (the entity is
 * immutable in sync too): any later change of what the report prints makes the next version.
 */
type ReportHandlers = Pick<Handlers, 'report.finalize' | 'report.content'>;

export const REPORT_NEEDS_COMPLETION = '验房完成后才能生成报告';
const CORRUPT_REPORT = '本机报告文件已损坏，将从集团服务器重新下载';

/** The record as the contract has it (the row's fields, nothing of the device). */
const toReport = (row: ReportRow | HandoverReport): HandoverReport => ({
  id: row.id,
  projectId: row.projectId,
  createdAt: row.createdAt,
  createdBy: row.createdBy,
  updatedAt: row.updatedAt,
  updatedBy: row.updatedBy,
  deletedAt: row.deletedAt,
  inspectionId: row.inspectionId,
  version: row.version,
  hash: row.hash,
  size: row.size,
  contentHash: row.contentHash,
  pages: row.pages,
  finalizedAt: row.finalizedAt,
});

/**
 * The bytes of the attachments a report shows that are here and whole; the others are asked of
 * the sync, like any file a record names that is not here.
 */
async function imagesAt(ctx: ServiceContext, hashes: readonly string[]): Promise<Map<string, Buffer>> {
  const images = new Map<string, Buffer>();
  await Promise.all(
    hashes.map(async (hash) => {
      const found = await readAttachment(ctx, hash);
      if (typeof found !== 'string') images.set(hash, found);
    }),
  );
  return images;
}

function fileNameOf(ctx: ServiceContext, report: ReportRow): string {
  const inspection = getInspection(ctx.db, report.inspectionId);
  const place = inspection ? (roomBriefs(ctx.db, [inspection.resourceId]).get(inspection.resourceId)?.place ?? '') : '';
  const title = inspection?.kind === 'pre' ? '验房报告' : '交付确认书';
  const base = [title, place.replace(/\s+/g, ''), `第${report.version}版`].filter(Boolean).join('_');
  return `${base.replace(/[\\/:*?"<>|]/g, '_')}.pdf`;
}

export function reportHandlers(ctx: ServiceContext): ReportHandlers {
  /** One finalisation per inspection at a time: a double click renders once and returns one version. */
  const running = new Map<string, Promise<HandoverReport>>();

  async function finalize(inspectionId: string): Promise<HandoverReport> {
    const inspection = getInspection(ctx.db, inspectionId);
    if (!inspection) throw new AppError('NOT_FOUND', '验房记录不存在或已被删除');
    if (inspection.projectId) assertProjectVisible(ctx, inspection.projectId);
    if (inspection.status !== 'completed') throw new AppError('HANDOVER_RULE', REPORT_NEEDS_COMPLETION);

    const content = reportContentOf(ctx.db, inspectionId)!;
    const contentHash = reportContentHash(content);
    const latest = reportsOfInspection(ctx.db, inspectionId)[0];
    if (latest && latest.contentHash === contentHash) return toReport(latest);

    const version = (latest?.version ?? 0) + 1;
    const finalizedAt = new Date().toISOString();
    const wanted = reportImageHashes(content);
    const images = await imagesAt(ctx, wanted);
    // A signed, locked report says everything: it is not made with photos still on their way
    // (the sync has been asked for them; finalising again once they are here makes it whole).
    const missing = wanted.filter((hash) => !images.has(hash)).length;
    if (missing > 0) {
      throw new AppError('ATTACHMENT_PENDING', `还有 ${missing} 张照片或签字尚未下载到本机，联网同步后再生成报告`);
    }
    const pdf = await renderHandoverReport(content, images, { version, finalizedAt });
    const hash = await attachmentStore(ctx).put(pdf.bytes, 'application/pdf');

    const made = ctx.writer.transaction((tx): HandoverReport | null => {
      const now = reportsOfInspection(ctx.db, inspectionId)[0];
      // While rendering, the same content was finalised (the sync brought it): that version it is.
      if (now && now.contentHash === contentHash) return toReport(now);
      // Another version arrived meanwhile (its number is taken), or the records changed while the
      // PDF was drawn (it would not say what they say): render again.
      if (now && now.version >= version) return null;
      const current = reportContentOf(ctx.db, inspectionId);
      if (!current) throw new AppError('NOT_FOUND', '验房记录不存在或已被删除');
      if (reportContentHash(current) !== contentHash) return null;
      noteLocalBlob(ctx.db, { hash, size: pdf.bytes.length, mime: 'application/pdf' });
      const row = tx.create('handoverReport', {
        projectId: inspection.projectId,
        inspectionId,
        version,
        hash,
        size: pdf.bytes.length,
        contentHash: pdf.contentHash,
        pages: pdf.pages,
        finalizedAt,
      });
      return toReport(row);
    });
    return made ?? finalize(inspectionId);
  }

  return {
    'report.finalize': ({ inspectionId }) => {
      const pending = running.get(inspectionId);
      if (pending) return pending;
      const job = finalize(inspectionId).finally(() => running.delete(inspectionId));
      running.set(inspectionId, job);
      return job;
    },

    'report.content': async ({ id }) => {
      const report = getReport(ctx.db, id);
      if (!report) throw new AppError('NOT_FOUND', '报告不存在或已被删除');
      if (report.projectId) assertProjectVisible(ctx, report.projectId);
      // Finalised on another device: the record came first, its file follows with the sync.
      const bytes = await attachmentBytes(ctx, report.hash, {
        absent: '报告文件尚未下载到本机，联网同步后即可查看',
        corrupt: CORRUPT_REPORT,
      });
      return { fileName: fileNameOf(ctx, report), dataBase64: bytes.toString('base64'), contentHash: report.contentHash };
    },
  };
}
