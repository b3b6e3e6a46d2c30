import {
  attachmentRefs,
  currentOwnerRelations,
  DELIVERABLE_KINDS,
  getInspection,
  getTemplate,
  inspectionsOfRoom,
  inspectionView,
  itemInspectionState,
  meterOf,
  meterView,
  openDefectCount,
  openInspectionOf,
  parseAreas,
  parseBuyers,
  publishedTemplates,
  uncheckedCount,
  uncheckedItems,
  type InspectionRecordRow,
  type TemplateRow,
} from '../../../db/queries/handover.js';
import type { EntityRow } from '../../../db/entities.js';
import type { TxWriter } from '../../../db/write.js';
import type { Handlers } from '../../../shared/api/contract.js';
import type { InspectionView } from '../../../shared/api/calls/handover.js';
import { completionProblems, INSPECTION_LOCKED, type Buyer, type Outcome } from '../../../shared/domain/handover.js';
import type { ResourceStatus } from '../../../shared/domain/resources.js';
import { AppError } from '../../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import { transferOwnership } from '../relations.js';
import { visibleResource } from '../resources.js';
import { assertMayCome } from './appointments.js';
import { assertVisible, invalid, keepImage, noteKept, nowIso, startBatch, todayOn } from './common.js';

type InspectionHandlers = Pick<
  Handlers,
  | 'inspection.start'
  | 'inspection.view'
  | 'inspection.listForRoom'
  | 'inspection.setItem'
  | 'inspection.passRemaining'
  | 'inspection.setMeter'
  | 'inspection.saveHanded'
  | 'inspection.removeHanded'
  | 'inspection.sign'
  | 'inspection.clearSignature'
  | 'inspection.complete'
>;

const RECEIVED = new Set(['accepted', 'acceptedWithDefects']);
/** Room states that come after 已交付: an acceptance recorded late does not move the room back. */
const AFTER_DELIVERY: readonly ResourceStatus[] = ['occupied', 'rented', 'renovating'];

export function viewOf(ctx: ServiceContext, id: string): InspectionView {
  const view = inspectionView(ctx.db, id, todayOn());
  if (!view) throw new AppError('NOT_FOUND', '验房记录不存在或已被删除');
  return view;
}

/** An inspection that may still change: live, visible, not completed. */
export function openInspection(ctx: ServiceContext, tx: TxWriter, id: string): InspectionRecordRow {
  const inspection = tx.get('inspection', id);
  assertVisible(ctx, inspection.projectId);
  if (inspection.status !== 'open') throw new AppError('INSPECTION_LOCKED', INSPECTION_LOCKED);
  return inspection;
}

/**
 * The template an inspection walks: the one asked for (published), else the room type's
 * published template, else the general one (户型 '').
 */
function pickTemplate(ctx: ServiceContext, projectId: string, houseType: string, templateId: string | null): TemplateRow {
  if (templateId) {
    const template = getTemplate(ctx.db, templateId);
    if (!template || template.projectId !== projectId) throw new AppError('NOT_FOUND', '验房模板不存在或不属于该项目');
    if (template.status !== 'published') throw new AppError('TEMPLATE_RULE', '只能使用已发布的验房模板');
    return template;
  }
  const published = publishedTemplates(ctx.db, projectId);
  const chosen =
    (houseType !== '' ? published.find((t) => t.houseType === houseType) : undefined) ??
    published.find((t) => t.houseType === '');
  if (!chosen) {
    throw new AppError(
      'TEMPLATE_RULE',
      houseType !== '' && published.length > 0
        ? `户型“${houseType}”没有已发布的验房模板，也没有通用模板，请先发布验房模板`
        : '请先发布验房模板',
    );
  }
  return chosen;
}

/** The buyers as they stand now: a buyer merged into another customer since is that customer. */
function currentBuyers(tx: TxWriter, buyers: readonly Buyer[]): Buyer[] {
  const out: Buyer[] = [];
  for (const b of buyers) {
    let customer = tx.get('customer', b.customerId);
    for (let hops = 0; customer.mergedInto && hops < 10; hops++) customer = tx.get('customer', customer.mergedInto);
    if (out.some((o) => o.customerId === customer.id)) continue;
    out.push({ ...b, customerId: customer.id });
  }
  return out;
}

/**
 * 收楼: the buyers become the room's owner group from the day they received it (unless they are
 * it already), and the room is 已交付 — in the transaction that completes the inspection.
 */
function accept(
  ctx: ServiceContext,
  tx: TxWriter,
  handover: EntityRow<'handover'>,
  inspection: InspectionRecordRow,
  outcome: Exclude<Outcome, 'refused'>,
  outcomeOn: string,
): void {
  const buyers = currentBuyers(tx, parseBuyers(handover.buyers));
  if (buyers.length === 0) throw new AppError('HANDOVER_RULE', '请先登记购房人：收楼后购房人将成为该房间的业主');
  const key = (r: { customerId: string; role: string }) => `${r.customerId}:${r.role}`;
  const current = new Set(currentOwnerRelations(ctx.db, handover.resourceId, outcomeOn).map(key));
  const wanted = new Set(buyers.map(key));
  const same = current.size === wanted.size && [...wanted].every((k) => current.has(k));
  if (!same) {
    transferOwnership(ctx, tx, {
      resourceId: handover.resourceId,
      effectiveOn: outcomeOn,
      owners: buyers.map((b) => ({ customerId: b.customerId, role: b.role, share: b.share })),
    });
  }
  tx.update('handover', handover.id, { status: outcome, outcomeOn, outcomeInspectionId: inspection.id, refusalReason: '' });
  const room = tx.get('resource', handover.resourceId);
  if (!room.status || !AFTER_DELIVERY.includes(room.status)) tx.update('resource', room.id, { status: 'delivered' });
}

export function inspectionHandlers(ctx: ServiceContext): InspectionHandlers {
  return {
    'inspection.start': ({ resourceId, kind, handoverId, customerId, templateId }) => {
      const id = ctx.writer.transaction((tx) => {
        const room = visibleResource(ctx, resourceId);
        if (room.endedOn !== null && room.endedOn <= todayOn()) {
          throw new AppError('RESOURCE_ENDED', `“${room.name}”已于${room.endedOn}拆分或合并，请在新的房间上验房`);
        }
        if (!(DELIVERABLE_KINDS as readonly string[]).includes(room.kind)) {
          throw new AppError('HANDOVER_RULE', '只能对房间或商铺验房');
        }
        const open = openInspectionOf(ctx.db, resourceId, kind);
        if (open) return open.id;
        const handover = handoverId ? tx.get('handover', handoverId) : null;
        if (handover && handover.resourceId !== resourceId) throw new AppError('HANDOVER_RULE', '交付单与所选房间不符');
        if (kind === 'owner') {
          if (!handover || customerId === null) throw new AppError('HANDOVER_RULE', '入伙验房需要选择交付单和验房客户');
          if (RECEIVED.has(handover.status)) throw new AppError('HANDOVER_RULE', '该房间已收楼，不能再次进行入伙验房');
          assertMayCome(ctx, tx, handover.buyers, customerId);
        }
        if (handover) startBatch(tx, handover.batchId);
        const projectId = room.projectId ?? '';
        const template = pickTemplate(ctx, projectId, room.houseType, templateId);
        const inspection = tx.create('inspection', {
          projectId,
          resourceId,
          handoverId: handover?.id ?? null,
          kind,
          // A pre-inspection (模拟验房) is the company's own: no customer.
          customerId: kind === 'owner' ? customerId : null,
          templateId: template.id,
          templateVersion: template.version,
          status: 'open',
          startedAt: nowIso(),
        });
        let seq = 0;
        for (const area of parseAreas(template.areas)) {
          for (const item of area.items) {
            seq += 1;
            tx.create('inspectionItem', {
              projectId,
              inspectionId: inspection.id,
              area: area.name,
              name: item.name,
              seq,
              result: null,
            });
          }
        }
        return inspection.id;
      });
      return viewOf(ctx, id);
    },

    'inspection.view': ({ id }) => {
      const inspection = getInspection(ctx.db, id);
      if (!inspection) throw new AppError('NOT_FOUND', '验房记录不存在或已被删除');
      assertVisible(ctx, inspection.projectId);
      return viewOf(ctx, id);
    },

    'inspection.listForRoom': ({ resourceId }) => {
      visibleResource(ctx, resourceId);
      return inspectionsOfRoom(ctx.db, resourceId);
    },

    // The tap: one read of the item's inspection, then the write path's update, committed (and
    // synced to disk) before it returns.
    'inspection.setItem': ({ id, result, remark }) =>
      ctx.writer.transaction((tx) => {
        const state = itemInspectionState(ctx.db, id);
        if (!state) throw new AppError('NOT_FOUND', '检查项不存在或已被删除');
        if (state.status !== 'open') throw new AppError('INSPECTION_LOCKED', INSPECTION_LOCKED);
        assertVisible(ctx, state.projectId);
        const patch = remark === undefined ? { result } : { result, remark: remark.trim() };
        return tx.update('inspectionItem', id, patch);
      }),

    'inspection.passRemaining': ({ inspectionId, area }) =>
      ctx.writer.transaction((tx) => {
        openInspection(ctx, tx, inspectionId);
        const items = uncheckedItems(ctx.db, inspectionId, area);
        for (const item of items) tx.update('inspectionItem', item.id, { result: 'pass' });
        return { changed: items.length };
      }),

    'inspection.setMeter': async ({ inspectionId, meter, reading, photo }) => {
      const existing = getInspection(ctx.db, inspectionId);
      if (!existing) throw new AppError('NOT_FOUND', '验房记录不存在或已被删除');
      assertVisible(ctx, existing.projectId);
      if (existing.status !== 'open') throw new AppError('INSPECTION_LOCKED', INSPECTION_LOCKED);
      const file = photo ? await keepImage(ctx, photo.dataBase64, photo.mime, { field: 'photo' }) : null;
      const row = ctx.writer.transaction((tx) => {
        const inspection = openInspection(ctx, tx, inspectionId);
        if (file) noteKept(ctx, file);
        const current = meterOf(ctx.db, inspectionId, meter);
        const readAt = nowIso();
        if (current) {
          // A reading entered again replaces the last one; its photo stays unless a new one comes.
          return tx.update('meterReading', current.id, { reading, readAt, ...(file ? { photoHash: file.hash } : {}) });
        }
        return tx.create('meterReading', {
          projectId: inspection.projectId,
          inspectionId,
          meter,
          reading,
          photoHash: file?.hash ?? null,
          readAt,
        });
      });
      return meterView(ctx.db, row);
    },

    'inspection.saveHanded': ({ inspectionId, id, kind, name, count, signed, remark }) =>
      ctx.writer.transaction((tx) => {
        const inspection = openInspection(ctx, tx, inspectionId);
        if (id) {
          const item = tx.get('handedItem', id);
          if (item.inspectionId !== inspectionId) throw new AppError('NOT_FOUND', '交接物品不属于该验房');
          return tx.update('handedItem', id, { kind, name, count, signed, remark });
        }
        return tx.create('handedItem', { projectId: inspection.projectId, inspectionId, kind, name, count, signed, remark });
      }),

    'inspection.removeHanded': ({ id }) =>
      ctx.writer.transaction((tx) => {
        const item = tx.get('handedItem', id);
        openInspection(ctx, tx, item.inspectionId);
        tx.remove('handedItem', id);
        return { removed: true };
      }),

    'inspection.sign': async ({ inspectionId, signer, signerName, dataBase64 }) => {
      const existing = getInspection(ctx.db, inspectionId);
      if (!existing) throw new AppError('NOT_FOUND', '验房记录不存在或已被删除');
      assertVisible(ctx, existing.projectId);
      if (existing.status !== 'open') throw new AppError('INSPECTION_LOCKED', INSPECTION_LOCKED);
      if (signer === 'owner' && existing.kind === 'pre') throw invalid('模拟验房不需要业主签字', 'signer');
      const file = await keepImage(ctx, dataBase64, 'image/png', { only: ['image/png'], onlyMessage: '签名必须是 PNG 图片' });
      ctx.writer.transaction((tx) => {
        openInspection(ctx, tx, inspectionId);
        noteKept(ctx, file);
        const signedAt = nowIso();
        tx.update(
          'inspection',
          inspectionId,
          signer === 'owner'
            ? { ownerSignatureHash: file.hash, ownerSignedAt: signedAt, ownerSignerName: signerName }
            : { staffSignatureHash: file.hash, staffSignedAt: signedAt, staffSignerName: signerName },
        );
      });
      return attachmentRefs(ctx.db, [file]).get(file.hash)!;
    },

    'inspection.clearSignature': ({ inspectionId, signer }) =>
      ctx.writer.transaction((tx) => {
        openInspection(ctx, tx, inspectionId);
        tx.update(
          'inspection',
          inspectionId,
          signer === 'owner'
            ? { ownerSignatureHash: null, ownerSignedAt: null, ownerSignerName: '' }
            : { staffSignatureHash: null, staffSignedAt: null, staffSignerName: '' },
        );
        return { ok: true as const };
      }),

    'inspection.complete': ({ inspectionId, outcome, outcomeOn, refusalReason }) => {
      ctx.writer.transaction((tx) => {
        const inspection = tx.get('inspection', inspectionId);
        assertVisible(ctx, inspection.projectId);
        if (inspection.status !== 'open') throw new AppError('INSPECTION_LOCKED', '该验房已完成，不能再次提交');
        const handover = inspection.handoverId ? (tx.find('handover', inspection.handoverId) ?? null) : null;
        const live = handover && handover.deletedAt === null ? handover : null;
        const problems = completionProblems({
          kind: inspection.kind,
          status: inspection.status,
          outcome,
          refusalReason,
          unchecked: uncheckedCount(ctx.db, inspectionId),
          openDefects: openDefectCount(ctx.db, inspection.resourceId),
          ownerSigned: inspection.ownerSignatureHash !== null,
          staffSigned: inspection.staffSignatureHash !== null,
          handoverStatus: live?.status ?? null,
        });
        if (inspection.kind === 'owner' && !live) problems.push('该验房的交付单已被移除，不能办理收楼');
        if (inspection.kind === 'owner' && outcomeOn > todayOn()) problems.push('收楼日期不能晚于今天');
        if (problems.length > 0) throw new AppError('HANDOVER_RULE', problems.join('；'));
        tx.update('inspection', inspectionId, {
          status: 'completed',
          completedAt: nowIso(),
          outcome: inspection.kind === 'owner' ? outcome : null,
          outcomeOn: inspection.kind === 'owner' ? outcomeOn : null,
          refusalReason: outcome === 'refused' ? refusalReason : '',
        });
        if (inspection.kind !== 'owner' || !live || outcome === null) return;
        if (outcome === 'refused') {
          // 拒收: the room keeps every defect open, for the next visit.
          tx.update('handover', live.id, { status: 'refused', outcomeOn, outcomeInspectionId: inspectionId, refusalReason });
        } else {
          accept(ctx, tx, live, inspection, outcome, outcomeOn);
        }
      });
      return viewOf(ctx, inspectionId);
    },
  };
}
