import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHost, type TempHost } from '../../testing/temp-host.js';
import { batchOf, dayFrom, handoverSite, readyToAccept, roomId, type Site } from './testing/site.js';

/** 预约 and the reception desk's day list through the real dispatcher. */
let h: TempHost;
let site: Site;
let handovers: Map<string, string>;
beforeEach(async () => {
  h = tempHost();
  site = await handoverSite(h);
  ({ handovers } = await batchOf(
    h,
    ['9-1-0101', '9-1-0102', '9-2-0101'].map((c) => roomId(site, c)),
  ));
  for (const id of handovers.values()) {
    await h.call('handover.setBuyers', {
      id,
      buyers: [
        { customerId: site.buyer, role: 'owner', share: 50 },
        { customerId: site.coBuyer, role: 'coOwner', share: 50 },
      ],
    });
  }
});
afterEach(() => h.dispose());

const handoverOf = (code: string) => handovers.get(roomId(site, code))!;

describe('appointments', () => {
  it('are booked by a buyer or their family, one live appointment per room at a time', async () => {
    const handoverId = handoverOf('9-1-0101');
    const batchStatus = async () => (await h.call('handover.batchList', {})).find((b) => b.rooms > 0)!.status;
    expect(await batchStatus()).toBe('planned');
    const booked = await h.call('appointment.book', {
      handoverId,
      customerId: site.buyer,
      date: dayFrom(1),
      slot: '09:00-10:00',
      remark: '带装修师傅',
    });
    expect(booked).toMatchObject({
      status: 'booked',
      resourceId: roomId(site, '9-1-0101'),
      rescheduledTo: null,
      remark: '带装修师傅',
    });
    // The first booking puts the batch under way.
    expect(await batchStatus()).toBe('active');

    const twice = await h.failure('appointment.book', {
      handoverId,
      customerId: site.coBuyer,
      date: dayFrom(2),
      slot: '10:00-11:00',
    });
    expect(twice.code).toBe('HANDOVER_RULE');
    expect(twice.message).toBe(`该房间已有${dayFrom(1)} 09:00-10:00的预约（已预约），如需更改请改约`);

    const stranger = await h.failure('appointment.book', {
      handoverId: handoverOf('9-1-0102'),
      customerId: site.stranger,
      date: dayFrom(1),
      slot: '09:00-10:00',
    });
    expect(stranger.code).toBe('HANDOVER_RULE');
    expect(stranger.message).toContain('不是该房间的购房人或其家属');
    // 家属 of a buyer may come in their stead.
    const family = await h.call('appointment.book', {
      handoverId: handoverOf('9-1-0102'),
      customerId: site.family,
      date: dayFrom(1),
      slot: '09:00-10:00',
    });
    expect(family.customerId).toBe(site.family);

    const past = await h.failure('appointment.book', {
      handoverId: handoverOf('9-2-0101'),
      customerId: site.buyer,
      date: dayFrom(-1),
      slot: '09:00-10:00',
    });
    expect(past.message).toBe('预约日期不能早于今天');
    const badSlot = await h.failure('appointment.book', {
      handoverId: handoverOf('9-2-0101'),
      customerId: site.buyer,
      date: dayFrom(1),
      slot: '11:00-10:00',
    });
    expect(badSlot.code).toBe('VALIDATION');
    expect(badSlot.message).toBe('时段的结束时间应晚于开始时间');
  });

  it('are rescheduled: the old one becomes 已改约 and points at the new one', async () => {
    const handoverId = handoverOf('9-1-0101');
    const first = await h.call('appointment.book', { handoverId, customerId: site.buyer, date: dayFrom(1), slot: '09:00-10:00' });
    const same = await h.failure('appointment.reschedule', { id: first.id, date: dayFrom(1), slot: '09:00-10:00' });
    expect(same.code).toBe('HANDOVER_RULE');
    const second = await h.call('appointment.reschedule', { id: first.id, date: dayFrom(3), slot: '14:00-15:00' });
    expect(second).toMatchObject({ status: 'booked', date: dayFrom(3), slot: '14:00-15:00', customerId: site.buyer, handoverId });
    const view = await h.call('handover.view', { id: handoverId });
    expect(view.appointments.map((a) => [a.id, a.status, a.rescheduledTo, a.customerName])).toEqual([
      [first.id, 'rescheduled', second.id, '张三丰'],
      [second.id, 'booked', null, '张三丰'],
    ]);
    const again = await h.failure('appointment.reschedule', { id: first.id, date: dayFrom(4), slot: '14:00-15:00' });
    expect(again.message).toBe('该预约为“已改约”，不能改约');
    // The day lists: the old day shows it as 已改约, the new day as booked.
    expect((await h.call('appointment.day', { date: dayFrom(1) })).map((r) => r.status)).toEqual(['rescheduled']);
    expect((await h.call('appointment.day', { date: dayFrom(3) })).map((r) => r.status)).toEqual(['booked']);
  });

  it('move on by the rules: arrived, no-show (not before the day), cancelled; a no-show may come late or book again', async () => {
    const handoverId = handoverOf('9-1-0101');
    const future = await h.call('appointment.book', {
      handoverId,
      customerId: site.buyer,
      date: dayFrom(2),
      slot: '09:00-10:00',
    });
    const early = await h.failure('appointment.setStatus', { id: future.id, status: 'noShow' });
    expect(early.message).toBe('预约日期未到，不能标记为未到场');
    await h.call('appointment.setStatus', { id: future.id, status: 'cancelled' });
    const cancelled = await h.failure('appointment.setStatus', { id: future.id, status: 'arrived' });
    expect(cancelled.message).toBe('该预约为“已取消”，不能改为“已到场”');

    const todays = await h.call('appointment.book', {
      handoverId,
      customerId: site.buyer,
      date: dayFrom(0),
      slot: '16:00-17:00',
    });
    const noShow = await h.call('appointment.setStatus', { id: todays.id, status: 'noShow' });
    expect(noShow.status).toBe('noShow');
    // Not live any more: a new booking is allowed — and then the late arrival of the no-show is not.
    const next = await h.call('appointment.book', {
      handoverId,
      customerId: site.coBuyer,
      date: dayFrom(5),
      slot: '10:00-11:00',
    });
    const late = await h.failure('appointment.setStatus', { id: todays.id, status: 'arrived' });
    expect(late.code).toBe('HANDOVER_RULE');
    await h.call('appointment.setStatus', { id: next.id, status: 'cancelled' });
    expect((await h.call('appointment.setStatus', { id: todays.id, status: 'arrived' })).status).toBe('arrived');
    // Setting the status it has changes nothing.
    expect((await h.call('appointment.setStatus', { id: todays.id, status: 'arrived' })).status).toBe('arrived');
    const back = await h.failure('appointment.setStatus', { id: todays.id, status: 'noShow' });
    expect(back.code).toBe('HANDOVER_RULE');
  });

  it("fill the day's list by slot, then by room, with the inspection under way", async () => {
    const day = dayFrom(0);
    await h.call('appointment.book', {
      handoverId: handoverOf('9-2-0101'),
      customerId: site.buyer,
      date: day,
      slot: '09:00-10:00',
    });
    await h.call('appointment.book', {
      handoverId: handoverOf('9-1-0102'),
      customerId: site.coBuyer,
      date: day,
      slot: '10:00-11:00',
    });
    const first = await h.call('appointment.book', {
      handoverId: handoverOf('9-1-0101'),
      customerId: site.family,
      date: day,
      slot: '09:00-10:00',
    });
    await h.call('appointment.setStatus', { id: first.id, status: 'arrived' });
    const view = await h.call('inspection.start', {
      resourceId: roomId(site, '9-1-0101'),
      kind: 'owner',
      handoverId: handoverOf('9-1-0101'),
      customerId: site.family,
    });

    const list = await h.call('appointment.day', { date: day });
    expect(list.map((r) => [r.slot, r.room.code, r.customer.name, r.status, r.batchName])).toEqual([
      ['09:00-10:00', '9-1-0101', '张无忌', 'arrived', '第一批'],
      ['09:00-10:00', '9-2-0101', '张三丰', 'booked', '第一批'],
      ['10:00-11:00', '9-1-0102', '李秋水', 'booked', '第一批'],
    ]);
    expect(list[0]).toMatchObject({
      inspectionId: view.inspection.id,
      handoverStatus: 'waiting',
      handoverId: handoverOf('9-1-0101'),
    });
    expect(list[0]!.customer.phones).toEqual(['13800138003']);
    expect(list[1]!.inspectionId).toBeNull();
    expect(await h.call('appointment.day', { date: dayFrom(9) })).toEqual([]);

    // Received: no more appointments for the room.
    await readyToAccept(h, view.inspection.id);
    await h.call('inspection.complete', { inspectionId: view.inspection.id, outcome: 'accepted', outcomeOn: day });
    const received = await h.failure('appointment.book', {
      handoverId: handoverOf('9-1-0101'),
      customerId: site.buyer,
      date: dayFrom(3),
      slot: '09:00-10:00',
    });
    expect(received.message).toBe('该房间已收楼，无需再预约');
    expect((await h.call('appointment.day', { date: day }))[0]!.handoverStatus).toBe('accepted');
  });

  it('may be booked again for a refused room, though the buyer came today', async () => {
    const handoverId = handoverOf('9-1-0102');
    const a = await h.call('appointment.book', { handoverId, customerId: site.buyer, date: dayFrom(0), slot: '09:00-10:00' });
    await h.call('appointment.setStatus', { id: a.id, status: 'arrived' });
    const view = await h.call('inspection.start', {
      resourceId: roomId(site, '9-1-0102'),
      kind: 'owner',
      handoverId,
      customerId: site.buyer,
    });
    await readyToAccept(h, view.inspection.id);
    await h.call('inspection.complete', {
      inspectionId: view.inspection.id,
      outcome: 'refused',
      outcomeOn: dayFrom(0),
      refusalReason: '渗漏',
    });
    const next = await h.call('appointment.book', { handoverId, customerId: site.buyer, date: dayFrom(7), slot: '09:00-10:00' });
    expect(next.status).toBe('booked');
  });
});
