import { blobPending } from '../../../db/queries/blobs.js';
import { getDictItem } from '../../../db/queries/dictionaries.js';
import {
  defectList,
  defectPhotoWithContent,
  defectView,
  defectViews,
  getDefect,
  photosOfDefect,
  reinspectionRows,
  type DefectRecordRow,
} from '../../../db/queries/handover.js';
import type { TxWriter } from '../../../db/write.js';
import type { Handlers } from '../../../shared/api/contract.js';
import type { DefectView } from '../../../shared/api/calls/handover.js';
import type { AttachmentMime } from '../../../shared/domain/attachments.js';
import { DEFECT_OVERDUE_DAYS, defectTransition, type DefectPhoto } from '../../../shared/domain/handover.js';
import { AppError } from '../../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import { visibleResource } from '../resources.js';
import { assertVisible, currentProjectId, keepImage, noteKept, nowIso, todayOn, type KeptFile } from './common.js';
import { openInspection } from './inspections.js';

type DefectHandlers = Pick<
  Handlers,
  | 'defect.create'
  | 'defect.update'
  | 'defect.remove'
  | 'defect.addPhoto'
  | 'defect.removePhoto'
  | 'defect.act'
  | 'defect.view'
  | 'defect.list'
  | 'defect.reinspectionList'
>;

/** Photos one defect may carry, before and after together. */
export const MAX_DEFECT_PHOTOS = 30;

const CLOSED = '该缺陷已关闭，不能修改；如需继续整改请先重新打开';

function view(ctx: ServiceContext, id: string): DefectView {
  const found = defectView(ctx.db, id, todayOn());
  if (!found) throw new AppError('NOT_FOUND', '缺陷不存在或已被删除');
  return found;
}

function liveDefect(ctx: ServiceContext, tx: TxWriter, id: string): DefectRecordRow {
  const defect = tx.get('defect', id);
  assertVisible(ctx, defect.projectId);
  return defect;
}

/** A 缺陷类别 must be an entry of that dictionary. */
function checkCategory(ctx: ServiceContext, categoryId: string | null): void {
  if (categoryId === null) return;
  const item = getDictItem(ctx.db, categoryId);
  if (!item || item.typeCode !== 'defectCategory') {
    throw new AppError('VALIDATION', '请从缺陷类别中选择', { categoryId: '请从缺陷类别中选择' });
  }
}

const photoCount = (ctx: ServiceContext, defectId: string): number => photosOfDefect(ctx.db, defectId).length;

function photoRecord(ctx: ServiceContext, row: Omit<DefectPhoto, 'pending' | 'mime'> & { mime: string }): DefectPhoto {
  return { ...row, mime: row.mime as AttachmentMime, pending: blobPending(ctx.db, [row.hash]).get(row.hash) ?? null };
}

/** Adds a kept photo to a defect (inside the caller's transaction); the same content twice is one photo. */
function attachPhoto(
  ctx: ServiceContext,
  tx: TxWriter,
  defect: DefectRecordRow,
  file: KeptFile,
  stage: 'before' | 'after',
  takenAt: string | null,
) {
  noteKept(ctx, file);
  return tx.create('defectPhoto', {
    projectId: defect.projectId,
    defectId: defect.id,
    stage,
    hash: file.hash,
    mime: file.mime,
    size: file.size,
    takenAt,
  });
}

export function defectHandlers(ctx: ServiceContext): DefectHandlers {
  return {
    'defect.create': ({ inspectionId, itemId, area, pin, categoryId, description, severity, contractor, dueDate }) => {
      const id = ctx.writer.transaction((tx) => {
        const inspection = openInspection(ctx, tx, inspectionId);
        if (itemId) {
          const item = tx.get('inspectionItem', itemId);
          if (item.inspectionId !== inspectionId) throw new AppError('NOT_FOUND', '检查项不属于该验房');
          // A defect is a failure found: its item fails.
          if (item.result !== 'fail') tx.update('inspectionItem', itemId, { result: 'fail' });
        }
        checkCategory(ctx, categoryId);
        return tx.create('defect', {
          projectId: inspection.projectId,
          resourceId: inspection.resourceId,
          inspectionId,
          itemId,
          area,
          pinX: pin?.x ?? null,
          pinY: pin?.y ?? null,
          categoryId,
          description,
          severity,
          contractor,
          dueDate,
          status: 'open',
          closedAt: null,
        }).id;
      });
      return view(ctx, id);
    },

    'defect.update': ({ id, area, pin, categoryId, description, severity, contractor, dueDate }) => {
      ctx.writer.transaction((tx) => {
        const defect = liveDefect(ctx, tx, id);
        if (defect.status === 'closed') throw new AppError('DEFECT_RULE', CLOSED);
        checkCategory(ctx, categoryId);
        tx.update('defect', id, {
          area,
          pinX: pin?.x ?? null,
          pinY: pin?.y ?? null,
          categoryId,
          description,
          severity,
          contractor,
          dueDate,
        });
      });
      return view(ctx, id);
    },

    'defect.remove': ({ id }) =>
      ctx.writer.transaction((tx) => {
        const defect = liveDefect(ctx, tx, id);
        const inspection = tx.get('inspection', defect.inspectionId);
        if (inspection.status !== 'open') {
          throw new AppError('INSPECTION_LOCKED', '该缺陷所在的验房已完成，缺陷不能删除；如已修好请走整改复验');
        }
        for (const photo of photosOfDefect(ctx.db, id)) tx.remove('defectPhoto', photo.id);
        tx.remove('defect', id);
        return { removed: true };
      }),

    'defect.addPhoto': async ({ defectId, stage, mime, dataBase64, takenAt }) => {
      const existing = getDefect(ctx.db, defectId);
      if (!existing) throw new AppError('NOT_FOUND', '缺陷不存在或已被删除');
      assertVisible(ctx, existing.projectId);
      if (existing.status === 'closed') throw new AppError('DEFECT_RULE', '该缺陷已关闭，不能再添加照片');
      const file = await keepImage(ctx, dataBase64, mime);
      const row = ctx.writer.transaction((tx) => {
        const defect = liveDefect(ctx, tx, defectId);
        if (defect.status === 'closed') throw new AppError('DEFECT_RULE', '该缺陷已关闭，不能再添加照片');
        if (defectPhotoWithContent(ctx.db, defectId, file.hash)) {
          throw new AppError('DEFECT_RULE', '该缺陷已有内容相同的照片，无需重复上传', { dataBase64: '照片重复' });
        }
        if (photoCount(ctx, defectId) >= MAX_DEFECT_PHOTOS) {
          throw new AppError('DEFECT_RULE', `一个缺陷最多${MAX_DEFECT_PHOTOS}张照片`);
        }
        return attachPhoto(ctx, tx, defect, file, stage, takenAt);
      });
      return photoRecord(ctx, row);
    },

    'defect.removePhoto': ({ id }) =>
      ctx.writer.transaction((tx) => {
        const photo = tx.get('defectPhoto', id);
        const defect = liveDefect(ctx, tx, photo.defectId);
        if (defect.status === 'closed') throw new AppError('DEFECT_RULE', '该缺陷已关闭，照片不能删除');
        tx.remove('defectPhoto', id);
        return { removed: true };
      }),

    'defect.act': async ({ id, action, note, photos }) => {
      const existing = getDefect(ctx.db, id);
      if (!existing) throw new AppError('NOT_FOUND', '缺陷不存在或已被删除');
      assertVisible(ctx, existing.projectId);
      const first = defectTransition(existing.status, action);
      if ('problem' in first) throw new AppError('DEFECT_RULE', first.problem);
      if (action === 'fail' && note === '') {
        throw new AppError('DEFECT_RULE', '复验不通过时请说明原因', { note: '请说明复验不通过的原因' });
      }
      const files: { file: KeptFile; takenAt: string | null }[] = [];
      for (const [i, photo] of photos.entries()) {
        files.push({
          file: await keepImage(ctx, photo.dataBase64, photo.mime, { field: `photos.${i}` }),
          takenAt: photo.takenAt,
        });
      }
      ctx.writer.transaction((tx) => {
        const defect = liveDefect(ctx, tx, id);
        // Read again inside the transaction: another tap may have moved it meanwhile.
        const step = defectTransition(defect.status, action);
        if ('problem' in step) throw new AppError('DEFECT_RULE', step.problem);
        tx.update('defect', id, {
          status: step.to,
          closedAt: step.to === 'closed' ? nowIso() : null,
        });
        tx.create('defectStep', {
          projectId: defect.projectId,
          defectId: id,
          action,
          fromStatus: defect.status,
          toStatus: step.to,
          note,
        });
        const seen = new Set<string>();
        let count = photoCount(ctx, id);
        for (const { file, takenAt } of files) {
          // The same picture twice (or one the defect has already) is kept once.
          if (seen.has(file.hash) || defectPhotoWithContent(ctx.db, id, file.hash)) continue;
          seen.add(file.hash);
          if (count >= MAX_DEFECT_PHOTOS) throw new AppError('DEFECT_RULE', `一个缺陷最多${MAX_DEFECT_PHOTOS}张照片`);
          attachPhoto(ctx, tx, defect, file, 'after', takenAt);
          count += 1;
        }
      });
      return view(ctx, id);
    },

    'defect.view': ({ id }) => {
      const defect = getDefect(ctx.db, id);
      if (!defect) throw new AppError('NOT_FOUND', '缺陷不存在或已被删除');
      assertVisible(ctx, defect.projectId);
      return view(ctx, id);
    },

    'defect.list': (filter) =>
      defectList(ctx.db, { ...filter, projectId: currentProjectId(ctx) }, todayOn(), DEFECT_OVERDUE_DAYS),

    'defect.reinspectionList': ({ resourceId }) => {
      visibleResource(ctx, resourceId);
      return defectViews(ctx.db, reinspectionRows(ctx.db, resourceId), todayOn());
    },
  };
}
