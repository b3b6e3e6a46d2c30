/**
 * Handover (issue 5), through the real host and dispatcher as the inspection screen calls it
 * (encrypted SQLite, synchronous=FULL, real services, attachment files on disk):
 * 1. recording one item, from the call to durable (committed and synced to disk);
 * 2. opening a room's inspection with 60 items and 20 photos (the view the screen loads);
 * 3. the PDF report of that room: finalising renders it with its photos, stores and locks it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tempHost, withProject, type TempHost } from '../electron/testing/temp-host.js';
import type { TemplateArea } from '../shared/domain/handover.js';
import { timeAsync, type Measurement } from './harness.js';

const asset = (name: string) => readFileSync(fileURLToPath(new URL(`../e2e/assets/${name}`, import.meta.url)));

/** The same photo made distinct by a JPEG comment segment: other bytes, other hash, same pixels. */
export function photoVariant(jpeg: Buffer, n: number): Buffer {
  const note = Buffer.from(`SiteDesk bench photo ${n}`);
  const segment = Buffer.alloc(4 + note.length);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(note.length + 2, 2);
  note.copy(segment, 4);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

/** 6 areas × 10 items: a 60-item room. */
export const SIXTY_ITEM_AREAS: TemplateArea[] = ['入户门', '客厅', '主卧', '次卧', '厨房', '卫生间'].map((area) => ({
  name: area,
  items: ['墙面', '地面', '顶棚', '门', '窗', '给水', '排水', '电气', '开关插座', '五金'].map((name) => ({ name })),
}));

interface Room {
  h: TempHost;
  inspectionId: string;
  itemIds: string[];
}

async function inspectedRoom(h: TempHost, photos: number): Promise<Room> {
  const { projectId } = await withProject(h);
  await h.call('session.setProject', { projectId });
  const { buildingId } = await h.call('resource.generateBuilding', {
    projectId,
    plan: { buildingCode: '9', units: 1, floorsAbove: 2, roomsPerFloor: 2 },
  });
  const rooms = await h.call('resource.list', { projectId, kind: 'room', underId: buildingId, pageSize: 10 });
  const roomId = rooms.items[0]!.id;
  const template = await h.call('template.create', { name: '六十项模板', houseType: '', areas: SIXTY_ITEM_AREAS, remark: '' });
  await h.call('template.publish', { id: template.id });
  const customer = await h.call('customer.create', {
    kind: 'person',
    name: '张三丰',
    idType: 'resident',
    idNumber: '110101199003074514',
    phones: [{ number: '13800138000' }],
  });
  await h.call('handover.batchCreate', {
    name: '第一批',
    plannedStart: '2026-12-01',
    plannedEnd: '2026-12-31',
    remark: '',
    resourceIds: [buildingId],
  });
  const list = await h.call('handover.list', { pageSize: 10 });
  const handover = list.items.find((row) => row.room.id === roomId)!;
  await h.call('handover.setBuyers', { id: handover.id, buyers: [{ customerId: customer.id, role: 'owner', share: null }] });
  const view = await h.call('inspection.start', {
    resourceId: roomId,
    kind: 'owner',
    handoverId: handover.id,
    customerId: customer.id,
  });
  const inspectionId = view.inspection.id;
  const itemIds = view.items.map((i) => i.id);
  const wall = asset('defect-wall.jpg');
  // Every fifth item fails with a defect; the photos are spread over those defects.
  const defects: string[] = [];
  for (let i = 0; i < itemIds.length; i += 5) {
    await h.call('inspection.setItem', { id: itemIds[i]!, result: 'fail' });
    const defect = await h.call('defect.create', {
      inspectionId,
      itemId: itemIds[i]!,
      area: view.items[i]!.area,
      description: `${view.items[i]!.area}${view.items[i]!.name}开裂，长约30厘米`,
      severity: 'major',
      contractor: '总包一标段',
      dueDate: '2026-12-20',
    });
    defects.push(defect.id);
  }
  for (let p = 0; p < photos; p++) {
    await h.call('defect.addPhoto', {
      defectId: defects[p % defects.length]!,
      stage: 'before',
      mime: 'image/jpeg',
      dataBase64: photoVariant(wall, p).toString('base64'),
      takenAt: '2026-12-01T10:00:00+08:00',
    });
  }
  return { h, inspectionId, itemIds };
}

export async function handoverBench(log: (line: string) => void = () => undefined): Promise<Measurement[]> {
  const results: Measurement[] = [];
  const h = tempHost();
  try {
    const room = await inspectedRoom(h, 20);
    log(`  room ready: ${room.itemIds.length} items, 20 photos`);
    const results3 = ['pass', 'na', 'pass', 'fail'] as const;
    results.push({
      ...(await timeAsync('inspection: record one item (call → durable, synchronous=FULL)', 300, (i) =>
        h.call('inspection.setItem', {
          id: room.itemIds[(Math.abs(i) * 7 + 1) % room.itemIds.length]!,
          result: results3[Math.abs(i) % results3.length]!,
        }),
      )),
      targetBelow: 20,
    });
    results.push({
      ...(await timeAsync('inspection: open a room of 60 items and 20 photos (inspection.view)', 100, () =>
        h.call('inspection.view', { id: room.inspectionId }),
      )),
      targetBelow: 200,
    });
    // Finalising needs a completed inspection: pass what is left, sign twice, accept with defects.
    await h.call('inspection.passRemaining', { inspectionId: room.inspectionId });
    for (const item of (await h.call('inspection.view', { id: room.inspectionId })).items) {
      if (item.result !== 'fail' && room.itemIds.indexOf(item.id) % 5 === 0) {
        await h.call('inspection.setItem', { id: item.id, result: 'fail' });
      }
    }
    const signature = asset('floor-plan.png').toString('base64');
    await h.call('inspection.sign', { inspectionId: room.inspectionId, signer: 'owner', signerName: '张三丰', dataBase64: signature });
    await h.call('inspection.sign', { inspectionId: room.inspectionId, signer: 'staff', signerName: '李验房', dataBase64: signature });
    await h.call('inspection.complete', {
      inspectionId: room.inspectionId,
      outcome: 'acceptedWithDefects',
      outcomeOn: '2026-12-01',
      refusalReason: '',
    });
    // Unchanged content returns the finalised version without rendering: each run changes a
    // defect's contractor first, so each run renders, stores and locks a new version.
    const defects = (await h.call('inspection.view', { id: room.inspectionId })).defects;
    let version = 0;
    const pdf = await timeAsync(
      'report: finalise the PDF of that room (60 items, 20 photos, both signatures)',
      8,
      async (i) => {
        const d = defects[Math.abs(i) % defects.length]!;
        await h.call('defect.update', {
          id: d.id,
          area: d.area,
          pin: null,
          categoryId: d.categoryId,
          description: d.description,
          severity: d.severity,
          contractor: `总包${i + 10}标段`,
          dueDate: d.dueDate,
        });
        const report = await h.call('report.finalize', { inspectionId: room.inspectionId });
        version = report.version;
      },
      2,
    );
    results.push({ ...pdf, targetBelow: 3000, note: `${version} versions rendered; each run includes one defect update` });
  } finally {
    await h.shutdown();
  }
  return results;
}
