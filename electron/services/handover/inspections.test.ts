import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INSPECTION_LOCKED } from '../../../shared/domain/handover.js';
import { tempHost, type TempHost } from '../../testing/temp-host.js';
import { b64, batchOf, dayFrom, handoverSite, images, readyToAccept, roomId, type Site } from './testing/site.js';

/** 验房 through the real dispatcher on a real encrypted database: the walk, its rules and 收楼. */
let h: TempHost;
let site: Site;
beforeEach(async () => {
  h = tempHost();
  site = await handoverSite(h);
});
afterEach(() => h.dispose());

const today = () => dayFrom(0);

/** A room in a batch, the buyers set, an owner's inspection started by the buyer. */
async function ownerInspection(
  code = '9-1-0101',
  buyers?: { customerId: string; role: 'owner' | 'coOwner'; share: number | null }[],
) {
  const resourceId = roomId(site, code);
  const { handovers } = await batchOf(h, [resourceId], `批次${code}`);
  const handoverId = handovers.get(resourceId)!;
  await h.call('handover.setBuyers', {
    id: handoverId,
    buyers: buyers ?? [{ customerId: site.buyer, role: 'owner', share: null }],
  });
  const view = await h.call('inspection.start', { resourceId, kind: 'owner', handoverId, customerId: site.buyer });
  return { resourceId, handoverId, view, inspectionId: view.inspection.id };
}

describe('an inspection', () => {
  it('starts from the published template, copies its items in order, and is resumed rather than started twice', async () => {
    const { resourceId, handoverId, view } = await ownerInspection();
    expect(view.inspection).toMatchObject({
      kind: 'owner',
      status: 'open',
      resourceId,
      handoverId,
      customerId: site.buyer,
      templateId: site.templateId,
      templateVersion: 1,
    });
    expect(view.items.map((i) => `${i.area}/${i.name}/${i.seq}`)).toEqual([
      '入户门/门框门扇/1',
      '入户门/门锁/2',
      '客厅/墙面/3',
      '客厅/地面/4',
      '客厅/顶棚/5',
      '卫生间/给排水/6',
      '卫生间/地漏/7',
    ]);
    expect(view.unchecked).toBe(7);
    expect(view.room).toMatchObject({ code: '9-1-0101', place: '9号楼 1单元 101', buildingId: site.buildingId });
    expect(view.customer?.name).toBe('张三丰');
    expect(view.handover).toMatchObject({ id: handoverId, status: 'waiting' });
    expect(view.template).toMatchObject({ id: site.templateId, name: '通用模板', version: 1, floorPlan: null });
    expect(view.inspectorName).toBe('系统管理员');

    const again = await h.call('inspection.start', { resourceId, kind: 'owner', handoverId, customerId: site.buyer });
    expect(again.inspection.id).toBe(view.inspection.id);
    expect(await h.call('inspection.listForRoom', { resourceId })).toHaveLength(1);
  });

  it('records taps, 其余合格 per area or all, meters (one per meter, with a photo) and handed items', async () => {
    const { inspectionId, view } = await ownerInspection();
    const [door, lock] = view.items;
    const tapped = await h.call('inspection.setItem', { id: door!.id, result: 'fail', remark: ' 门扇划痕 ' });
    expect(tapped).toMatchObject({ result: 'fail', remark: '门扇划痕' });
    await h.call('inspection.setItem', { id: lock!.id, result: 'na' });
    // Clearing an item is a tap too.
    await h.call('inspection.setItem', { id: lock!.id, result: null });
    expect(await h.call('inspection.passRemaining', { inspectionId, area: '客厅' })).toEqual({ changed: 3 });
    expect(await h.call('inspection.passRemaining', { inspectionId })).toEqual({ changed: 3 });
    const after = await h.call('inspection.view', { id: inspectionId });
    expect(after.items.map((i) => i.result)).toEqual(['fail', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(after.unchecked).toBe(0);

    const water = await h.call('inspection.setMeter', {
      inspectionId,
      meter: 'water',
      reading: 12.3456,
      photo: { mime: 'image/jpeg', dataBase64: b64(images.meter()), takenAt: null },
    });
    expect(water).toMatchObject({ meter: 'water', reading: 12.346, photo: { mime: 'image/jpeg', pending: 'upload' } });
    const again = await h.call('inspection.setMeter', { inspectionId, meter: 'water', reading: 13, photo: null });
    expect(again.id).toBe(water.id);
    expect(again.photo?.hash).toBe(water.photo?.hash);
    await h.call('inspection.setMeter', { inspectionId, meter: 'electricity', reading: 100, photo: null });

    const keys = await h.call('inspection.saveHanded', { inspectionId, kind: 'key', name: '入户门钥匙', count: 3 });
    const card = await h.call('inspection.saveHanded', { inspectionId, kind: 'card', name: '门禁卡', count: 2 });
    await h.call('inspection.saveHanded', { inspectionId, id: keys.id, kind: 'key', name: '入户门钥匙', count: 4, signed: true });
    await h.call('inspection.removeHanded', { id: card.id });
    const view2 = await h.call('inspection.view', { id: inspectionId });
    expect(view2.meters.map((m) => [m.meter, m.reading, m.photo !== null])).toEqual([
      ['water', 13, true],
      ['electricity', 100, false],
    ]);
    expect(view2.handed.map((i) => [i.name, i.count, i.signed])).toEqual([['入户门钥匙', 4, true]]);
  });

  it('keeps signatures as PNG attachments, cleared and drawn again', async () => {
    const { inspectionId } = await ownerInspection();
    const png = images.png();
    const ref = await h.call('inspection.sign', { inspectionId, signer: 'owner', signerName: '张三丰', dataBase64: b64(png) });
    expect(ref).toMatchObject({ mime: 'image/png', size: png.length, pending: 'upload' });
    let view = await h.call('inspection.view', { id: inspectionId });
    expect(view.inspection).toMatchObject({ ownerSignatureHash: ref.hash, ownerSignerName: '张三丰' });
    expect(view.inspection.ownerSignedAt).not.toBeNull();
    expect(view.signatures.owner?.hash).toBe(ref.hash);
    const content = await h.call('handover.attachment', { hash: ref.hash });
    expect(Buffer.from(content.dataBase64, 'base64').equals(png)).toBe(true);
    expect(content.mime).toBe('image/png');

    const notPng = await h.failure('inspection.sign', {
      inspectionId,
      signer: 'staff',
      signerName: '李验房',
      dataBase64: b64(images.jpeg()),
    });
    expect(notPng.code).toBe('VALIDATION');
    expect(notPng.message).toContain('PNG');

    await h.call('inspection.clearSignature', { inspectionId, signer: 'owner' });
    view = await h.call('inspection.view', { id: inspectionId });
    expect(view.inspection).toMatchObject({ ownerSignatureHash: null, ownerSignedAt: null, ownerSignerName: '' });
    expect(view.signatures.owner).toBeNull();
  });

  it('of a pre-inspection (模拟验房) has no customer, no owner signature, no outcome', async () => {
    const resourceId = roomId(site, '9-1-0102');
    const view = await h.call('inspection.start', { resourceId, kind: 'pre' });
    expect(view.inspection).toMatchObject({ kind: 'pre', customerId: null, handoverId: null });
    const id = view.inspection.id;
    expect(
      (await h.failure('inspection.sign', { inspectionId: id, signer: 'owner', signerName: 'x', dataBase64: b64(images.png()) }))
        .message,
    ).toContain('模拟验房不需要业主签字');
    await h.call('inspection.passRemaining', { inspectionId: id });
    const unsigned = await h.failure('inspection.complete', { inspectionId: id, outcomeOn: today() });
    expect(unsigned.code).toBe('HANDOVER_RULE');
    expect(unsigned.message).toContain('请工作人员签字');
    const withOutcome = await h.failure('inspection.complete', { inspectionId: id, outcome: 'accepted', outcomeOn: today() });
    expect(withOutcome.message).toContain('模拟验房没有收楼结论');
    await h.call('inspection.sign', { inspectionId: id, signer: 'staff', signerName: '李验房', dataBase64: b64(images.png()) });
    const done = await h.call('inspection.complete', { inspectionId: id, outcomeOn: today() });
    expect(done.inspection).toMatchObject({ status: 'completed', outcome: null, outcomeOn: null });
    expect(done.inspection.completedAt).not.toBeNull();
    // A pre-inspection does not touch the room's relations or status.
    const card = await h.call('resource.card', { id: resourceId });
    expect(card.resource.status).toBe('unsold');
    // Another walk of the same kind may start once this one is done.
    const next = await h.call('inspection.start', { resourceId, kind: 'pre' });
    expect(next.inspection.id).not.toBe(id);
  });

  it('of a buyer must be made by a buyer or their family, on the handover of that room', async () => {
    const resourceId = roomId(site, '9-1-0101');
    const { handovers } = await batchOf(h, [resourceId, roomId(site, '9-1-0102')]);
    const handoverId = handovers.get(resourceId)!;
    await h.call('handover.setBuyers', { id: handoverId, buyers: [{ customerId: site.buyer, role: 'owner', share: null }] });
    const stranger = await h.failure('inspection.start', { resourceId, kind: 'owner', handoverId, customerId: site.stranger });
    expect(stranger.code).toBe('HANDOVER_RULE');
    expect(stranger.message).toContain('不是该房间的购房人或其家属');
    const wrongRoom = await h.failure('inspection.start', {
      resourceId: roomId(site, '9-1-0102'),
      kind: 'owner',
      handoverId,
      customerId: site.buyer,
    });
    expect(wrongRoom.message).toContain('交付单与所选房间不符');
    const missing = await h.failure('inspection.start', { resourceId, kind: 'owner', customerId: site.buyer });
    expect(missing.code).toBe('VALIDATION');
    const family = await h.call('inspection.start', { resourceId, kind: 'owner', handoverId, customerId: site.family });
    expect(family.customer?.name).toBe('张无忌');
  });
});

describe('completing an owner inspection', () => {
  it('refuses acceptance without both signatures, with unchecked items, or as 收楼 while defects are open', async () => {
    const { inspectionId, view } = await ownerInspection();
    const complete = (outcome: 'accepted' | 'acceptedWithDefects') =>
      h.failure('inspection.complete', { inspectionId, outcome, outcomeOn: today() });

    let error = await complete('accepted');
    expect(error.code).toBe('HANDOVER_RULE');
    expect(error.message).toBe('还有 7 个检查项未检查；收楼需要业主和工作人员双方签字');
    await h.call('inspection.passRemaining', { inspectionId });
    await h.call('inspection.sign', { inspectionId, signer: 'staff', signerName: '李验房', dataBase64: b64(images.png()) });
    error = await complete('accepted');
    expect(error.message).toBe('收楼需要业主和工作人员双方签字');
    await h.call('inspection.sign', { inspectionId, signer: 'owner', signerName: '张三丰', dataBase64: b64(images.png()) });

    await h.call('defect.create', {
      inspectionId,
      itemId: view.items[2]!.id,
      area: '客厅',
      description: '墙面空鼓约20厘米',
    });
    error = await complete('accepted');
    expect(error.message).toBe('还有 1 个未关闭的缺陷，请选择“带缺陷收楼”');
    expect(await h.failure('inspection.complete', { inspectionId, outcome: null, outcomeOn: today() })).toMatchObject({
      code: 'HANDOVER_RULE',
      message: '请选择验房结论：收楼、带缺陷收楼或拒收',
    });
    const future = await h.failure('inspection.complete', {
      inspectionId,
      outcome: 'acceptedWithDefects',
      outcomeOn: dayFrom(3),
    });
    expect(future.message).toContain('收楼日期不能晚于今天');

    const done = await h.call('inspection.complete', { inspectionId, outcome: 'acceptedWithDefects', outcomeOn: today() });
    expect(done.inspection).toMatchObject({ status: 'completed', outcome: 'acceptedWithDefects', outcomeOn: today() });
    expect(done.handover?.status).toBe('acceptedWithDefects');
    // The defect stays open for rectification.
    expect(done.defects.map((d) => d.status)).toEqual(['open']);
  });

  it('makes the buyers 业主/共有人 from the date received and the room 已交付, ending the former owner group', async () => {
    const resourceId = roomId(site, '9-1-0101');
    await h.call('relation.create', {
      customerId: site.stranger,
      resourceId,
      role: 'owner',
      startDate: '2020-05-01',
    });
    const received = dayFrom(-2);
    const { inspectionId, handoverId } = await ownerInspection('9-1-0101', [
      { customerId: site.buyer, role: 'owner', share: 70 },
      { customerId: site.coBuyer, role: 'coOwner', share: 30 },
    ]);
    await readyToAccept(h, inspectionId);
    const done = await h.call('inspection.complete', { inspectionId, outcome: 'accepted', outcomeOn: received });
    expect(done.handover?.status).toBe('accepted');

    const handover = await h.call('handover.view', { id: handoverId });
    expect(handover.handover).toMatchObject({ status: 'accepted', outcomeOn: received, outcomeInspectionId: inspectionId });
    expect(handover.currentOwners.map((c) => c.name)).toEqual(['张三丰', '李秋水']);

    const card = await h.call('resource.card', { id: resourceId });
    expect(card.resource.status).toBe('delivered');
    expect(card.current.map((r) => [r.customerName, r.role, r.share, r.startDate, r.endDate])).toEqual([
      ['张三丰', 'owner', 70, received, null],
      ['李秋水', 'coOwner', 30, received, null],
    ]);
    expect(card.past.map((r) => [r.customerName, r.role, r.startDate, r.endDate])).toEqual([
      ['王五', 'owner', '2020-05-01', received],
    ]);
    // The rows as stored, through the write path (each with its change-log entry).
    const rows = h.host.database.db.$client
      .prepare(
        'SELECT customer_id, role, start_date, end_date FROM customer_resources WHERE resource_id = ? AND deleted_at IS NULL ORDER BY start_date, role',
      )
      .all(resourceId);
    expect(rows).toEqual([
      { customer_id: site.stranger, role: 'owner', start_date: '2020-05-01', end_date: received },
      { customer_id: site.coBuyer, role: 'coOwner', start_date: received, end_date: null },
      { customer_id: site.buyer, role: 'owner', start_date: received, end_date: null },
    ]);
    const logged = h.host.database.db.$client
      .prepare(
        "SELECT count(*) AS n FROM change_log WHERE entity = 'customerResource' AND entity_id IN (SELECT id FROM customer_resources WHERE resource_id = ?)",
      )
      .get(resourceId) as { n: number };
    expect(logged.n).toBe(4);
  });

  it('leaves the relations as they are when the owner group already is the buyers', async () => {
    const resourceId = roomId(site, '9-1-0202');
    const relation = await h.call('relation.create', {
      customerId: site.buyer,
      resourceId,
      role: 'owner',
      startDate: '2024-03-01',
    });
    // The buyers default to the room's owner group.
    const { handovers } = await batchOf(h, [resourceId]);
    const handoverId = handovers.get(resourceId)!;
    expect((await h.call('handover.view', { id: handoverId })).buyers.map((b) => [b.customer.name, b.role])).toEqual([
      ['张三丰', 'owner'],
    ]);
    const view = await h.call('inspection.start', { resourceId, kind: 'owner', handoverId, customerId: site.buyer });
    await readyToAccept(h, view.inspection.id);
    await h.call('inspection.complete', { inspectionId: view.inspection.id, outcome: 'accepted', outcomeOn: today() });
    const card = await h.call('resource.card', { id: resourceId });
    expect(card.current.map((r) => [r.id, r.startDate, r.endDate])).toEqual([[relation.id, '2024-03-01', null]]);
    expect(card.past).toEqual([]);
    expect(card.resource.status).toBe('delivered');
  });

  it('refuses a second acceptance of a room', async () => {
    const { inspectionId, resourceId, handoverId } = await ownerInspection();
    await readyToAccept(h, inspectionId);
    await h.call('inspection.complete', { inspectionId, outcome: 'accepted', outcomeOn: today() });
    const twice = await h.failure('inspection.complete', { inspectionId, outcome: 'accepted', outcomeOn: today() });
    expect(twice.code).toBe('INSPECTION_LOCKED');
    const again = await h.failure('inspection.start', { resourceId, kind: 'owner', handoverId, customerId: site.buyer });
    expect(again.code).toBe('HANDOVER_RULE');
    expect(again.message).toContain('已收楼');
    // Nor may its buyers change: they are the owners now.
    const buyers = await h.failure('handover.setBuyers', {
      id: handoverId,
      buyers: [{ customerId: site.coBuyer, role: 'owner' }],
    });
    expect(buyers.code).toBe('HANDOVER_RULE');
  });

  it('keeps the room and its defects when refused; the next owner inspection carries them, and the room is accepted later', async () => {
    const { inspectionId, resourceId, handoverId, view } = await ownerInspection();
    const defect = await h.call('defect.create', {
      inspectionId,
      itemId: view.items[5]!.id,
      area: '卫生间',
      description: '给水管接口渗漏',
      severity: 'major',
      contractor: '精装单位',
    });
    await h.call('inspection.passRemaining', { inspectionId });
    const noReason = await h.failure('inspection.complete', { inspectionId, outcome: 'refused', outcomeOn: today() });
    expect(noReason.code).toBe('VALIDATION');
    expect(noReason.message).toBe('拒收时请填写拒收原因');
    const unsigned = await h.failure('inspection.complete', {
      inspectionId,
      outcome: 'refused',
      outcomeOn: today(),
      refusalReason: '卫生间渗漏未整改',
    });
    expect(unsigned.message).toBe('请工作人员签字');
    await h.call('inspection.sign', { inspectionId, signer: 'staff', signerName: '李验房', dataBase64: b64(images.png()) });
    const refused = await h.call('inspection.complete', {
      inspectionId,
      outcome: 'refused',
      outcomeOn: today(),
      refusalReason: '卫生间渗漏未整改',
    });
    expect(refused.inspection).toMatchObject({ outcome: 'refused', refusalReason: '卫生间渗漏未整改' });
    expect(refused.handover?.status).toBe('refused');
    const handover = await h.call('handover.view', { id: handoverId });
    expect(handover.handover).toMatchObject({
      status: 'refused',
      refusalReason: '卫生间渗漏未整改',
      outcomeInspectionId: inspectionId,
    });
    expect(handover.openDefects).toBe(1);
    expect((await h.call('resource.card', { id: resourceId })).resource.status).toBe('unsold');

    // The next visit: a new owner inspection that shows the open defect it carries.
    const second = await h.call('inspection.start', { resourceId, kind: 'owner', handoverId, customerId: site.buyer });
    expect(second.inspection.id).not.toBe(inspectionId);
    expect(second.defects).toEqual([]);
    expect(second.carriedDefects.map((d) => [d.id, d.status, d.itemName])).toEqual([[defect.id, 'open', '给排水']]);
    await readyToAccept(h, second.inspection.id);
    const still = await h.failure('inspection.complete', {
      inspectionId: second.inspection.id,
      outcome: 'accepted',
      outcomeOn: today(),
    });
    expect(still.message).toContain('还有 1 个未关闭的缺陷');

    // Rectified and re-inspected meanwhile: then it is a plain 收楼.
    await h.call('defect.act', { id: defect.id, action: 'submit', note: '已更换接头' });
    await h.call('defect.act', { id: defect.id, action: 'pass', note: '' });
    const accepted = await h.call('inspection.complete', {
      inspectionId: second.inspection.id,
      outcome: 'accepted',
      outcomeOn: today(),
    });
    expect(accepted.handover?.status).toBe('accepted');
    expect(accepted.carriedDefects).toEqual([]);
    expect((await h.call('handover.view', { id: handoverId })).inspections.map((i) => [i.kind, i.outcome])).toEqual([
      ['owner', 'refused'],
      ['owner', 'accepted'],
    ]);
  });

  it('locks a completed inspection: everything but the rectification of its defects', async () => {
    const { inspectionId, view } = await ownerInspection();
    const defect = await h.call('defect.create', {
      inspectionId,
      itemId: view.items[0]!.id,
      area: '入户门',
      description: '门扇划痕',
    });
    const handed = await h.call('inspection.saveHanded', { inspectionId, kind: 'key', name: '入户门钥匙', count: 3 });
    await readyToAccept(h, inspectionId);
    await h.call('inspection.complete', { inspectionId, outcome: 'acceptedWithDefects', outcomeOn: today() });

    const png = b64(images.png());
    const attempts: [string, Promise<{ code: string; message: string }>][] = [
      ['setItem', h.failure('inspection.setItem', { id: view.items[1]!.id, result: 'fail' })],
      ['passRemaining', h.failure('inspection.passRemaining', { inspectionId })],
      ['setMeter', h.failure('inspection.setMeter', { inspectionId, meter: 'gas', reading: 1 })],
      ['saveHanded', h.failure('inspection.saveHanded', { inspectionId, kind: 'card', name: '门禁卡', count: 1 })],
      ['removeHanded', h.failure('inspection.removeHanded', { id: handed.id })],
      ['sign', h.failure('inspection.sign', { inspectionId, signer: 'owner', signerName: 'x', dataBase64: png })],
      ['clearSignature', h.failure('inspection.clearSignature', { inspectionId, signer: 'owner' })],
      ['defect.create', h.failure('defect.create', { inspectionId, area: '客厅', description: '补录' })],
      ['defect.remove', h.failure('defect.remove', { id: defect.id })],
    ];
    for (const [name, attempt] of attempts) {
      const error = await attempt;
      expect([name, error.code]).toEqual([name, 'INSPECTION_LOCKED']);
    }
    expect((await h.failure('inspection.setItem', { id: view.items[1]!.id, result: 'fail' })).message).toBe(INSPECTION_LOCKED);

    // Rectification goes on.
    const updated = await h.call('defect.update', {
      id: defect.id,
      area: '入户门',
      description: '门扇划痕两处',
      contractor: '门窗单位',
    });
    expect(updated).toMatchObject({ description: '门扇划痕两处', contractor: '门窗单位' });
    const started = await h.call('defect.act', { id: defect.id, action: 'start', note: '已通知门窗单位' });
    expect(started.status).toBe('rectifying');
    const locked = await h.call('inspection.view', { id: inspectionId });
    expect(locked.items[1]!.result).toBe('pass');
    expect(locked.handed).toHaveLength(1);
  });
});
