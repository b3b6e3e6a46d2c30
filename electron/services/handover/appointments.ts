import { appointmentsOf, dayList, familyOfCustomers, parseBuyers, type AppointmentRow } from '../../../db/queries/handover.js';
import type { TxWriter } from '../../../db/write.js';
import type { Handlers } from '../../../shared/api/contract.js';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from '../../../shared/domain/handover.js';
import { AppError } from '../../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import { assertVisible, currentProjectId, startBatch, todayOn } from './common.js';

type AppointmentHandlers = Pick<
  Handlers,
  'appointment.book' | 'appointment.reschedule' | 'appointment.setStatus' | 'appointment.day'
>;

const label = (status: AppointmentStatus) => APPOINTMENT_STATUSES.find((s) => s.code === status)?.zh ?? status;

/** The moves the reception desk makes of an appointment (改约 is a call of its own). */
const STATUS_MOVES: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  booked: ['arrived', 'noShow', 'cancelled'],
  // Came late after all.
  noShow: ['arrived', 'cancelled'],
  arrived: [],
  rescheduled: [],
  cancelled: [],
};

/** May be rescheduled: the slot is still held, or the buyer did not come. */
const RESCHEDULABLE: readonly AppointmentStatus[] = ['booked', 'noShow'];

/**
 * Whether an appointment still holds the handover's turn: booked; or arrived today or later
 * while the room has not been refused since (a refused room books again for its next visit).
 */
function holdsTurn(a: AppointmentRow, handoverStatus: string, today: string): boolean {
  if (a.status === 'booked') return true;
  return a.status === 'arrived' && a.date >= today && handoverStatus !== 'refused';
}

function bookableHandover(ctx: ServiceContext, tx: TxWriter, handoverId: string) {
  const handover = tx.get('handover', handoverId);
  assertVisible(ctx, handover.projectId);
  if (handover.status === 'accepted' || handover.status === 'acceptedWithDefects') {
    throw new AppError('HANDOVER_RULE', '该房间已收楼，无需再预约');
  }
  const batch = tx.get('handoverBatch', handover.batchId);
  if (batch.status === 'closed') throw new AppError('HANDOVER_RULE', `交付批次“${batch.name}”已结束，不能再预约`);
  startBatch(tx, batch.id);
  return handover;
}

function assertNoOtherTurn(ctx: ServiceContext, handover: { id: string; status: string }, exceptId?: string): void {
  const today = todayOn();
  const live = appointmentsOf(ctx.db, handover.id).find((a) => a.id !== exceptId && holdsTurn(a, handover.status, today));
  if (live) {
    throw new AppError('HANDOVER_RULE', `该房间已有${live.date} ${live.slot}的预约（${label(live.status)}），如需更改请改约`);
  }
}

function assertDate(date: string): void {
  if (date < todayOn()) throw new AppError('HANDOVER_RULE', '预约日期不能早于今天', { date: '预约日期不能早于今天' });
}

/** The customer who comes must be one of the buyers (购房人), or a family member (家属) of one. */
export function assertMayCome(ctx: ServiceContext, tx: TxWriter, buyersJson: string, customerId: string): void {
  const customer = tx.get('customer', customerId);
  if (customer.mergedInto) throw new AppError('HANDOVER_RULE', `客户“${customer.name}”已合并到其他客户，请选择合并后的客户`);
  const buyers = parseBuyers(buyersJson).map((b) => b.customerId);
  if (buyers.length === 0) throw new AppError('HANDOVER_RULE', '请先登记该房间的购房人');
  if (buyers.includes(customerId)) return;
  if (familyOfCustomers(ctx.db, buyers).has(customerId)) return;
  throw new AppError('HANDOVER_RULE', `“${customer.name}”不是该房间的购房人或其家属`, { customerId: '请选择购房人或其家属' });
}

export function appointmentHandlers(ctx: ServiceContext): AppointmentHandlers {
  return {
    'appointment.book': ({ handoverId, customerId, date, slot, remark }) =>
      ctx.writer.transaction((tx) => {
        const handover = bookableHandover(ctx, tx, handoverId);
        assertMayCome(ctx, tx, handover.buyers, customerId);
        assertDate(date);
        assertNoOtherTurn(ctx, handover);
        return tx.create('handoverAppointment', {
          projectId: handover.projectId,
          handoverId,
          resourceId: handover.resourceId,
          customerId,
          date,
          slot,
          status: 'booked',
          rescheduledTo: null,
          remark,
        });
      }),

    'appointment.reschedule': ({ id, date, slot }) =>
      ctx.writer.transaction((tx) => {
        const old = tx.get('handoverAppointment', id);
        if (!RESCHEDULABLE.includes(old.status)) {
          throw new AppError('HANDOVER_RULE', `该预约为“${label(old.status)}”，不能改约`);
        }
        const handover = bookableHandover(ctx, tx, old.handoverId);
        if (old.status === 'booked' && old.date === date && old.slot === slot) {
          throw new AppError('HANDOVER_RULE', '新的预约时间与原预约相同', { slot: '请选择其他时段' });
        }
        assertDate(date);
        assertNoOtherTurn(ctx, handover, old.id);
        const next = tx.create('handoverAppointment', {
          projectId: old.projectId,
          handoverId: old.handoverId,
          resourceId: old.resourceId,
          customerId: old.customerId,
          date,
          slot,
          status: 'booked',
          rescheduledTo: null,
          remark: old.remark,
        });
        tx.update('handoverAppointment', id, { status: 'rescheduled', rescheduledTo: next.id });
        return next;
      }),

    'appointment.setStatus': ({ id, status }) =>
      ctx.writer.transaction((tx) => {
        const appointment = tx.get('handoverAppointment', id);
        assertVisible(ctx, appointment.projectId);
        if (appointment.status === status) return appointment;
        if (!STATUS_MOVES[appointment.status].includes(status)) {
          throw new AppError('HANDOVER_RULE', `该预约为“${label(appointment.status)}”，不能改为“${label(status)}”`);
        }
        if (status === 'noShow' && appointment.date > todayOn()) {
          throw new AppError('HANDOVER_RULE', '预约日期未到，不能标记为未到场');
        }
        if (status === 'arrived' && appointment.status === 'noShow') {
          const handover = tx.get('handover', appointment.handoverId);
          assertNoOtherTurn(ctx, handover, appointment.id);
        }
        return tx.update('handoverAppointment', id, { status });
      }),

    'appointment.day': ({ date }) => dayList(ctx.db, currentProjectId(ctx), date),
  };
}
