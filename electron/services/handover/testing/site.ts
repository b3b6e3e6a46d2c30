import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TemplateArea } from '../../../../shared/domain/handover.js';
import { residentCheckDigit } from '../../../../shared/domain/id-documents.js';
import { today } from '../../../../db/queries/resources.js';
import { withProject, type TempHost } from '../../../testing/temp-host.js';

/**
 * A handover site for the tests: a project chosen in the session, a building of 2 units × 3
 * floors × 2 rooms, buyers and a family member, and a published general template.
 */

/** A valid 身份证 number for a birth date and sequence. */
export const idCard = (birth: string, seq: string) => `330106${birth}${seq}${residentCheckDigit(`330106${birth}${seq}`)}`;

/** A date `days` from today on this device's calendar. */
export function dayFrom(days: number): string {
  const [y, m, d] = today().split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}

export const SMALL_AREAS: TemplateArea[] = [
  { name: '入户门', items: [{ name: '门框门扇' }, { name: '门锁' }] },
  { name: '客厅', items: [{ name: '墙面' }, { name: '地面' }, { name: '顶棚' }] },
  { name: '卫生间', items: [{ name: '给排水' }, { name: '地漏' }] },
];

const asset = (name: string) => readFileSync(fileURLToPath(new URL(`../../../../e2e/assets/${name}`, import.meta.url)));

/** Real images of the e2e assets, and distinct variants of them (other bytes, same picture). */
export const images = {
  jpeg: () => asset('defect-wall.jpg'),
  png: () => asset('floor-plan.png'),
  meter: () => asset('meter.jpg'),
};

/** The JPEG with a comment segment: a different file (hash) showing the same picture. */
export function jpegVariant(n: number, jpeg = images.jpeg()): Buffer {
  const note = Buffer.from(`SiteDesk test photo ${n} ${randomBytes(4).toString('hex')}`);
  const segment = Buffer.alloc(4 + note.length);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(note.length + 2, 2);
  note.copy(segment, 4);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
export const b64 = (bytes: Buffer) => bytes.toString('base64');

export interface Site {
  projectId: string;
  buildingId: string;
  /** Unit ids, in order. */
  units: string[];
  /** Rooms by code ("9-1-101" …). */
  rooms: Map<string, string>;
  /** Floors by code ("9-1-F02" …). */
  floors: Map<string, string>;
  templateId: string;
  buyer: string;
  coBuyer: string;
  family: string;
  stranger: string;
}

export async function handoverSite(
  h: TempHost,
  options: { template?: TemplateArea[] | false; houseType?: string } = {},
): Promise<Site> {
  const { projectId } = await withProject(h);
  await h.call('session.setProject', { projectId });
  const { buildingId } = await h.call('resource.generateBuilding', {
    projectId,
    plan: {
      buildingCode: '9',
      units: 2,
      floorsAbove: 3,
      roomsPerFloor: 2,
      ...(options.houseType ? { defaults: { houseType: options.houseType } } : {}),
    },
  });
  const all = await h.call('resource.list', { projectId, underId: buildingId, pageSize: 100 });
  const rooms = new Map(all.items.filter((r) => r.kind === 'room').map((r) => [r.code, r.id]));
  const floors = new Map(all.items.filter((r) => r.kind === 'floor').map((r) => [r.code, r.id]));
  const units = all.items.filter((r) => r.kind === 'unit').map((r) => r.id);
  const register = (name: string, id: string, phone: string) =>
    h.call('customer.create', { name, idType: 'resident', idNumber: id, phones: [{ number: phone, isPrimary: true }] });
  const buyer = await register('张三丰', idCard('19800101', '011'), '13800138001');
  const coBuyer = await register('李秋水', idCard('19820202', '022'), '13800138002');
  const family = await register('张无忌', idCard('20000303', '033'), '13800138003');
  const stranger = await register('王五', idCard('19700404', '044'), '13800138004');
  await h.call('customer.addFamily', { customerId: buyer.id, family: { existingId: family.id, relationId: null } });
  let templateId = '';
  if (options.template !== false) {
    const template = await h.call('template.create', {
      name: '通用模板',
      houseType: '',
      areas: options.template ?? SMALL_AREAS,
      remark: '',
    });
    await h.call('template.publish', { id: template.id });
    templateId = template.id;
  }
  return {
    projectId,
    buildingId,
    units,
    rooms,
    floors,
    templateId,
    buyer: buyer.id,
    coBuyer: coBuyer.id,
    family: family.id,
    stranger: stranger.id,
  };
}

export function roomId(site: Site, code: string): string {
  const id = site.rooms.get(code);
  if (!id) throw new Error(`no room ${code}: ${[...site.rooms.keys()].join(', ')}`);
  return id;
}

/** A batch holding the given rooms; the handover of each by room id. */
export async function batchOf(
  h: TempHost,
  resourceIds: string[],
  name = '第一批',
): Promise<{ batchId: string; handovers: Map<string, string> }> {
  const batch = await h.call('handover.batchCreate', {
    name,
    plannedStart: dayFrom(0),
    plannedEnd: dayFrom(30),
    remark: '',
    resourceIds,
  });
  const list = await h.call('handover.list', { batchId: batch.id, pageSize: 100 });
  return { batchId: batch.id, handovers: new Map(list.items.map((r) => [r.room.id, r.id])) };
}

/** Every item of an inspection passed, both signatures drawn. */
export async function readyToAccept(h: TempHost, inspectionId: string, signers: ('owner' | 'staff')[] = ['owner', 'staff']) {
  await h.call('inspection.passRemaining', { inspectionId });
  for (const signer of signers) {
    await h.call('inspection.sign', {
      inspectionId,
      signer,
      signerName: signer === 'owner' ? '张三丰' : '李验房',
      dataBase64: b64(images.png()),
    });
  }
}
