import {
  appointmentsOf,
  batchNamed,
  batchSummaries,
  batchSummary,
  DELIVERABLE_KINDS,
  deliverableRoomsUnder,
  getHandover,
  handoverRows,
  handoversOfRooms,
  handoverView,
  inspectionCountOfHandover,
  ownerGroups,
  roomIdsOfBatch,
} from '../../../db/queries/handover.js';
import { getResources } from '../../../db/queries/resources.js';
import type { TxWriter } from '../../../db/write.js';
import type { Handlers } from '../../../shared/api/contract.js';
import type { BatchSummary, HandoverView } from '../../../shared/api/calls/handover.js';
import { LIVE_APPOINTMENT_STATUSES, type Buyer } from '../../../shared/domain/handover.js';
import { relationRuleViolations } from '../../../shared/domain/relations.js';
import { AppError } from '../../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import { assertVisible, currentProjectId, todayOn } from './common.js';

type BatchHandlers = Pick<
  Handlers,
  | 'handover.batchList'
  | 'handover.batchCreate'
  | 'handover.batchUpdate'
  | 'handover.batchAddRooms'
  | 'handover.remove'
  | 'handover.list'
  | 'handover.view'
  | 'handover.setBuyers'
>;

const duplicateName = (name: string) =>
  new AppError('DUPLICATE_NAME', `交付批次“${name}”已存在，请换一个名称`, { name: `交付批次“${name}”已存在` });

const RECEIVED = new Set(['accepted', 'acceptedWithDefects']);

/**
 * The rooms a choice stands for: rooms and shops chosen one by one, and every live room and shop
 * under a chosen building, unit or floor; in the order chosen, each once. Other kinds (parking
 * spaces, common areas) and ended rooms are not delivered by a handover: they count as skipped.
 */
function chosenRooms(ctx: ServiceContext, projectId: string, resourceIds: readonly string[]): { rooms: string[]; unfit: number } {
  const on = todayOn();
  const resources = new Map(getResources(ctx.db, resourceIds).map((r) => [r.id, r]));
  const rooms: string[] = [];
  const seen = new Set<string>();
  let unfit = 0;
  const add = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    rooms.push(id);
  };
  for (const id of resourceIds) {
    const resource = resources.get(id);
    if (!resource || resource.projectId !== projectId) throw new AppError('NOT_FOUND', '所选房产不存在或不在当前项目中');
    if ((DELIVERABLE_KINDS as readonly string[]).includes(resource.kind)) {
      if (resource.endedOn !== null && resource.endedOn <= on) unfit += 1;
      else add(resource.id);
    } else if (resource.kind === 'building' || resource.kind === 'unit' || resource.kind === 'floor') {
      for (const room of deliverableRoomsUnder(ctx.db, resource, on)) add(room.id);
    } else {
      unfit += 1;
    }
  }
  return { rooms, unfit };
}

/**
 * Puts rooms into a batch, a 交付单 each, its buyers the room's owner group. A room already in
 * a batch that is not closed (this one or another), or already received (收楼), is left out.
 */
function addRooms(
  ctx: ServiceContext,
  tx: TxWriter,
  batch: { id: string; projectId: string | null },
  resourceIds: readonly string[],
) {
  const projectId = batch.projectId ?? '';
  const { rooms, unfit } = chosenRooms(ctx, projectId, resourceIds);
  const taken = new Set<string>();
  for (const h of handoversOfRooms(ctx.db, rooms)) {
    if (h.batchStatus !== 'closed' || RECEIVED.has(h.status)) taken.add(h.resourceId);
  }
  const placed = rooms.filter((id) => !taken.has(id));
  const buyers = ownerGroups(ctx.db, placed, todayOn());
  for (const resourceId of placed) {
    tx.create('handover', {
      projectId,
      batchId: batch.id,
      resourceId,
      buyers: JSON.stringify(buyers.get(resourceId) ?? []),
      status: 'waiting',
    });
  }
  return { added: placed.length, skipped: unfit + (rooms.length - placed.length) };
}

function summary(ctx: ServiceContext, projectId: string, id: string): BatchSummary {
  const found = batchSummary(ctx.db, projectId, id);
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

function view(ctx: ServiceContext, id: string): HandoverView {
  const found = handoverView(ctx.db, id, todayOn());
  if (!found) throw new AppError('NOT_FOUND', '交付单不存在或已被删除');
  return found;
}

/** The buyers' rules beyond their schema: live customers, and shares that make a whole group. */
export function checkBuyers(tx: TxWriter, buyers: readonly Buyer[]): void {
  for (const b of buyers) {
    const customer = tx.get('customer', b.customerId);
    if (customer.mergedInto) {
      throw new AppError('CUSTOMER_MERGED', `客户“${customer.name}”已合并到其他客户，请选择合并后的客户`, undefined, {
        survivorId: customer.mergedInto,
      });
    }
  }
  const problems = relationRuleViolations(
    buyers.map((b) => ({ customerId: b.customerId, role: b.role, share: b.share, startDate: '2000-01-01', endDate: null })),
    { completeGroup: true },
  );
  if (problems.length > 0) throw new AppError('HANDOVER_RULE', problems.join('；'));
}

export function batchHandlers(ctx: ServiceContext): BatchHandlers {
  return {
    'handover.batchList': ({ includeClosed }) => batchSummaries(ctx.db, currentProjectId(ctx), { includeClosed }),

    'handover.batchCreate': ({ name, plannedStart, plannedEnd, remark, resourceIds }) =>
      ctx.writer.transaction((tx) => {
        const projectId = currentProjectId(ctx);
        if (batchNamed(ctx.db, projectId, name)) throw duplicateName(name);
        const batch = tx.create('handoverBatch', { projectId, name, plannedStart, plannedEnd, status: 'planned', remark });
        const { added } = addRooms(ctx, tx, batch, resourceIds);
        if (added === 0) {
          throw new AppError('HANDOVER_RULE', '所选范围内没有可加入的房间：房间均已在未结束的交付批次中或已收楼', {
            resourceIds: '没有可加入的房间',
          });
        }
        return summary(ctx, projectId, batch.id);
      }),

    'handover.batchUpdate': ({ id, name, plannedStart, plannedEnd, remark, status }) =>
      ctx.writer.transaction((tx) => {
        const batch = tx.get('handoverBatch', id);
        assertVisible(ctx, batch.projectId);
        const projectId = batch.projectId ?? '';
        if (batchNamed(ctx.db, projectId, name, id)) throw duplicateName(name);
        if (batch.status === 'closed' && status !== 'closed') {
          // Reopened: its rooms may meanwhile have joined another open batch.
          const mine = new Set(
            handoversOfRooms(ctx.db, roomIdsOfBatch(ctx.db, id))
              .filter((h) => h.batchId !== id && h.batchStatus !== 'closed')
              .map((h) => h.batchName),
          );
          if (mine.size > 0) {
            throw new AppError('HANDOVER_RULE', `该批次的部分房间已加入交付批次“${[...mine].join('、')}”，不能重新开始`);
          }
        }
        tx.update('handoverBatch', id, { name, plannedStart, plannedEnd, remark, status });
        return summary(ctx, projectId, id);
      }),

    'handover.batchAddRooms': ({ batchId, resourceIds }) =>
      ctx.writer.transaction((tx) => {
        const batch = tx.get('handoverBatch', batchId);
        assertVisible(ctx, batch.projectId);
        if (batch.status === 'closed') throw new AppError('HANDOVER_RULE', '该交付批次已结束，不能再添加房间');
        return addRooms(ctx, tx, batch, resourceIds);
      }),

    'handover.remove': ({ id }) =>
      ctx.writer.transaction((tx) => {
        const handover = tx.get('handover', id);
        assertVisible(ctx, handover.projectId);
        if (handover.status !== 'waiting') throw new AppError('HANDOVER_RULE', '该房间已办理收楼或拒收，不能移出批次');
        if (inspectionCountOfHandover(ctx.db, id) > 0) {
          throw new AppError('HANDOVER_RULE', '该房间已有验房记录，不能移出批次');
        }
        const appointments = appointmentsOf(ctx.db, id);
        if (appointments.some((a) => LIVE_APPOINTMENT_STATUSES.includes(a.status))) {
          throw new AppError('HANDOVER_RULE', '该房间还有有效的预约，请先取消预约再移出批次');
        }
        // Its past appointments (cancelled, no-show, rescheduled) go with it.
        for (const a of appointments) tx.remove('handoverAppointment', a.id);
        tx.remove('handover', id);
        return { removed: true };
      }),

    'handover.list': ({ batchId, buildingId, status, query, page, pageSize }) =>
      handoverRows(ctx.db, { projectId: currentProjectId(ctx), batchId, buildingId, status, query, page, pageSize }),

    'handover.view': ({ id }) => {
      const handover = getHandover(ctx.db, id);
      if (!handover) throw new AppError('NOT_FOUND', '交付单不存在或已被删除');
      assertVisible(ctx, handover.projectId);
      return view(ctx, id);
    },

    'handover.setBuyers': ({ id, buyers }) => {
      ctx.writer.transaction((tx) => {
        const handover = tx.get('handover', id);
        assertVisible(ctx, handover.projectId);
        if (RECEIVED.has(handover.status)) {
          throw new AppError('HANDOVER_RULE', '该房间已收楼，购房人已成为业主；如需变更请办理过户');
        }
        checkBuyers(tx, buyers);
        const ordered = [...buyers].sort((a, b) => (a.role === b.role ? 0 : a.role === 'owner' ? -1 : 1));
        tx.update('handover', id, { buyers: JSON.stringify(ordered) });
      });
      return view(ctx, id);
    },
  };
}
