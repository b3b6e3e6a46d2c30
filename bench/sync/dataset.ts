/**
 * One generated project as an office would have entered it, as sync changes: about 20,000
 * resources (30 buildings of 楼盘表 rooms plus parking spaces), 40,000 customers with a
 * mobile each, 80,000 客房关系 that keep the owner-group rules. Deterministic for a seed;
 * pushed through the real server store to make the group server a realistic project.
 */
import type { EntityName } from '../../shared/domain/audit.js';
import { idDocumentKey } from '../../shared/domain/id-documents.js';
import { phoneSuffixKey } from '../../shared/domain/phones.js';
import { nameSearchKeys } from '../../shared/domain/pinyin.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { HybridLogicalClock } from '../../shared/sync/hlc.js';
import type { SyncChange } from '../../shared/sync/protocol.js';
import { PeopleFactory } from '../seed/people.js';
import { Random } from '../seed/random.js';

export interface DatasetShape {
  buildings: number;
  units: number;
  floors: number;
  roomsPerFloor: number;
  parking: number;
  customers: number;
  relations: number;
  /** Rooms handed over, each with a completed owner's inspection of `itemsPerInspection` items. */
  handovers?: number;
  itemsPerInspection?: number;
}

export const PROJECT_SHAPE: DatasetShape = {
  buildings: 30,
  units: 3,
  floors: 30,
  roomsPerFloor: 6,
  parking: 1000,
  customers: 40_000,
  relations: 80_000,
  handovers: 5_000,
  itemsPerInspection: 60,
};

export interface Dataset {
  /** Transactions of at most `txSize` changes, in the order an office made them. */
  transactions: SyncChange[][];
  counts: Record<string, number>;
}

const reversed = (s: string) => [...s].reverse().join('');

export function projectDataset(options: {
  seed: number;
  projectId: string;
  deviceId: string;
  actor: { id: string; name: string };
  shape?: DatasetShape;
  txSize?: number;
}): Dataset {
  const shape = options.shape ?? PROJECT_SHAPE;
  const txSize = options.txSize ?? 200;
  const random = new Random(options.seed);
  const people = new PeopleFactory(random.fork(7));
  const clock = new HybridLogicalClock(options.deviceId);
  const counts: Record<string, number> = {};
  const transactions: SyncChange[][] = [];
  let current: SyncChange[] = [];
  let txId = uuidv7();
  const at = new Date().toISOString();

  const add = (entity: EntityName, values: Record<string, unknown>, projectId: string | null, id = uuidv7()): string => {
    const changes: SyncChange['changes'] = {};
    for (const [field, value] of Object.entries({ projectId, ...values })) changes[field] = { old: null, new: value };
    current.push({
      changeId: uuidv7(),
      txId,
      entity,
      entityId: id,
      projectId,
      contextProjectId: options.projectId,
      op: 'create',
      changes,
      baseHlc: null,
      actorId: options.actor.id,
      actorName: options.actor.name,
      deviceId: options.deviceId,
      at,
      hlc: clock.now(),
    });
    counts[entity] = (counts[entity] ?? 0) + 1;
    return id;
  };
  /** An update of a record made earlier in the dataset (its create's HLC as the base). */
  const update = (entity: EntityName, id: string, changes: SyncChange['changes'], projectId: string | null, baseHlc: string) => {
    current.push({
      changeId: uuidv7(),
      txId,
      entity,
      entityId: id,
      projectId,
      contextProjectId: options.projectId,
      op: 'update',
      changes,
      baseHlc,
      actorId: options.actor.id,
      actorName: options.actor.name,
      deviceId: options.deviceId,
      at,
      hlc: clock.now(),
    });
  };
  const commit = () => {
    if (current.length > 0) transactions.push(current);
    current = [];
    txId = uuidv7();
  };
  const commitWhenFull = () => {
    if (current.length >= txSize) commit();
  };

  const resource = (values: Record<string, unknown>) =>
    add(
      'resource',
      {
        floorNo: null,
        buildArea: null,
        innerArea: null,
        houseType: '',
        orientation: '',
        use: null,
        status: null,
        zone: '',
        sortOrder: 0,
        custom: '{}',
        validFrom: '2025-01-01',
        endedOn: null,
        searchCode: '',
        shortCode: '',
        ...values,
      },
      options.projectId,
    );

  const rooms: string[] = [];
  for (let b = 1; b <= shape.buildings; b++) {
    const building = resource({ parentId: null, path: '/', kind: 'building', code: String(b), name: `${b}栋`, sortOrder: b });
    for (let u = 1; u <= shape.units; u++) {
      const unit = resource({
        parentId: building,
        path: `/${building}/`,
        kind: 'unit',
        code: `${b}-${u}`,
        name: `${u}单元`,
        sortOrder: u,
      });
      for (let f = 1; f <= shape.floors; f++) {
        const floor = resource({
          parentId: unit,
          path: `/${building}/${unit}/`,
          kind: 'floor',
          code: `${b}-${u}-${f}F`,
          name: `${f}层`,
          floorNo: f,
          sortOrder: f,
        });
        for (let r = 1; r <= shape.roomsPerFloor; r++) {
          const roomNo = `${String(f).padStart(2, '0')}${String(r).padStart(2, '0')}`;
          const area = 78.5 + random.int(0, 6) * 10.1;
          rooms.push(
            resource({
              parentId: floor,
              path: `/${building}/${unit}/${floor}/`,
              kind: 'room',
              code: `${b}-${u}-${roomNo}`,
              name: roomNo,
              floorNo: f,
              buildArea: area,
              innerArea: Math.round(area * 78) / 100,
              houseType: random.pick(['两室两厅', '三室一厅', '三室两厅', '四室两厅']),
              orientation: random.pick(['南', '东南', '西南', '南北']),
              use: 'residential',
              status: 'sold',
              sortOrder: r,
              searchCode: `${b}-${u}-${roomNo}`,
              shortCode: `${b}-${roomNo}`,
            }),
          );
          commitWhenFull();
        }
      }
    }
    commit();
  }
  for (let p = 1; p <= shape.parking; p++) {
    rooms.push(
      resource({
        parentId: null,
        path: '/',
        kind: 'parking',
        code: `P-${p}`,
        name: `B1-${p}`,
        use: 'parking',
        status: 'sold',
        zone: 'B1',
        sortOrder: p,
      }),
    );
    commitWhenFull();
  }
  commit();

  const customers: string[] = [];
  for (let i = 0; i < shape.customers; i++) {
    const person = people.person('沪');
    const keys = nameSearchKeys(person.name);
    const id = add(
      'customer',
      {
        kind: 'person',
        name: person.name,
        idType: 'resident',
        idNumber: person.idNumber,
        idKey: idDocumentKey('resident', person.idNumber) ?? '',
        gender: person.sex,
        birthDate: `${person.idNumber.slice(6, 10)}-${person.idNumber.slice(10, 12)}-${person.idNumber.slice(12, 14)}`,
        email: '',
        address: '',
        sourceId: null,
        intentionId: null,
        statusId: null,
        tags: '[]',
        remark: '',
        custom: '{}',
        nameInitials: keys.initials,
        namePinyin: keys.full,
        nameReversed: reversed(person.name),
        idReversed: reversed(person.idNumber),
        mergedInto: null,
      },
      null,
    );
    const number = `1${random.pick(['38', '39', '58', '86', '77'])}${random.digits(8)}`;
    add('customerPhone', { customerId: id, number, kind: 'mobile', isPrimary: true, reversed: phoneSuffixKey(number) }, null);
    customers.push(id);
    commitWhenFull();
  }
  commit();

  // Every room and space gets its owner; the rest of the relations are co-owners, residents,
  // tenants and emergency contacts, each customer at most once per role and room.
  let made = 0;
  const relation = (customerId: string, resourceId: string, role: string, share: number | null) => {
    add(
      'customerResource',
      { customerId, resourceId, role, share, startDate: '2025-06-01', endDate: null, remark: '' },
      options.projectId,
    );
    made++;
    commitWhenFull();
  };
  const extraRoles = ['resident', 'resident', 'tenant', 'family', 'emergencyContact'];
  for (let i = 0; i < rooms.length && made < shape.relations; i++) {
    const owner = customers[i % customers.length]!;
    const coOwner = random.chance(0.4) ? customers[(i + 7919) % customers.length]! : null;
    relation(owner, rooms[i]!, 'owner', coOwner ? 50 : null);
    if (coOwner && made < shape.relations) relation(coOwner, rooms[i]!, 'coOwner', 50);
  }
  for (let round = 0; made < shape.relations && round < extraRoles.length; round++) {
    for (let i = 0; i < rooms.length && made < shape.relations; i++) {
      relation(customers[(i * 31 + round * 104_729 + 17) % customers.length]!, rooms[i]!, extraRoles[round]!, null);
    }
  }
  commit();

  // 交付: batches of 1,000 rooms; every room inspected with its owner, one in ten failing a
  // few items with a defect each; most accepted, some with defects, a few refused.
  const handovers = Math.min(shape.handovers ?? 0, rooms.length);
  const items = shape.itemsPerInspection ?? 60;
  const areas = ['入户门', '客厅', '餐厅', '主卧', '次卧', '厨房', '卫生间', '阳台', '设备'];
  const checks = ['墙面', '地面', '顶棚', '门窗', '给排水', '电气', '开关插座'];
  let template: string | null = null;
  let batch = '';
  for (let i = 0; i < handovers; i++) {
    if (template === null) {
      const areasJson = JSON.stringify(areas.map((name) => ({ name, items: checks.map((c) => ({ name: c })) })));
      template = add(
        'inspectionTemplate',
        {
          familyId: uuidv7(),
          name: '标准住宅验房模板',
          houseType: '',
          version: 1,
          status: 'published',
          areas: areasJson,
          floorPlanHash: null,
          remark: '',
        },
        options.projectId,
      );
    }
    if (i % 1000 === 0) {
      batch = add(
        'handoverBatch',
        { name: `第${i / 1000 + 1}批交付`, plannedStart: '2026-06-01', plannedEnd: '2026-06-30', status: 'active', remark: '' },
        options.projectId,
      );
    }
    const room = rooms[i]!;
    const owner = customers[i % customers.length]!;
    const failing = random.chance(0.1) ? random.int(1, 4) : 0;
    const outcome = failing === 0 ? 'accepted' : random.chance(0.8) ? 'acceptedWithDefects' : 'refused';
    const inspection = uuidv7();
    // As the app does it: the handover waits, its inspection is made, completion then records the outcome.
    const handover = add(
      'handover',
      {
        batchId: batch,
        resourceId: room,
        buyers: JSON.stringify([{ customerId: owner, role: 'owner', share: null }]),
        status: 'waiting',
        outcomeOn: null,
        outcomeInspectionId: null,
        refusalReason: '',
        remark: '',
      },
      options.projectId,
    );
    const handoverHlc = current[current.length - 1]!.hlc;
    add(
      'inspection',
      {
        resourceId: room,
        handoverId: handover,
        kind: 'owner',
        customerId: owner,
        templateId: template,
        templateVersion: 1,
        status: 'completed',
        startedAt: '2026-06-15T09:00:00.000Z',
        completedAt: '2026-06-15T09:40:00.000Z',
        outcome,
        outcomeOn: '2026-06-15',
        refusalReason: outcome === 'refused' ? '渗漏未整改' : '',
        ownerSignatureHash: null,
        ownerSignedAt: null,
        ownerSignerName: '',
        staffSignatureHash: null,
        staffSignedAt: null,
        staffSignerName: '',
        remark: '',
      },
      options.projectId,
      inspection,
    );
    const failed = new Set<number>();
    while (failed.size < failing) failed.add(random.int(0, items - 1));
    for (let seq = 0; seq < items; seq++) {
      const area = areas[Math.floor(seq / checks.length) % areas.length]!;
      const item = add(
        'inspectionItem',
        {
          inspectionId: inspection,
          area,
          name: checks[seq % checks.length]!,
          seq,
          result: failed.has(seq) ? 'fail' : 'pass',
          remark: '',
        },
        options.projectId,
      );
      if (failed.has(seq)) {
        add(
          'defect',
          {
            resourceId: room,
            inspectionId: inspection,
            itemId: item,
            area,
            pinX: null,
            pinY: null,
            categoryId: null,
            description: `${area}${checks[seq % checks.length]}${random.pick(['空鼓', '开裂', '渗漏', '划痕'])}`,
            severity: random.pick(['minor', 'minor', 'major']),
            contractor: random.pick(['总包一标段', '精装单位', '门窗单位']),
            dueDate: '2026-07-15',
            status: 'open',
            closedAt: null,
          },
          options.projectId,
        );
      }
    }
    update(
      'handover',
      handover,
      {
        status: { old: 'waiting', new: outcome },
        outcomeOn: { old: null, new: '2026-06-15' },
        outcomeInspectionId: { old: null, new: inspection },
        refusalReason: { old: '', new: outcome === 'refused' ? '渗漏未整改' : '' },
      },
      options.projectId,
      handoverHlc,
    );
    commitWhenFull();
  }
  commit();
  return { transactions, counts };
}
