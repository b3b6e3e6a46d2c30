/**
 * The handover inspector's side of the convergence property, through the real services:
 * rooms join batches, inspections are walked item by item, defects found and moved through
 * their rectification loop, inspections signed and completed (a room accepted or refused).
 * Two offices of one project doing this offline meet on the server's rules: a room received
 * once, an inspection completed once, a defect moved only from the state its mover saw.
 */
import type { Office } from './world.js';
import { DEFECT_ACTIONS, OUTCOMES, type DefectAction, type ItemResult, type Outcome } from '../../shared/domain/handover.js';
import type { TemplateArea } from '../../shared/domain/handover.js';

/** A 1×1 PNG: a signature as the pad would send it (content matters not, only that it is a PNG). */
const SIGNATURE_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** A short template: the property is about sync, not about long walks. */
export const SMALL_TEMPLATE: TemplateArea[] = [
  { name: '客厅', items: [{ name: '墙面' }, { name: '地面' }] },
  { name: '厨房', items: [{ name: '给排水' }, { name: '燃气' }] },
];

export type HandoverAction =
  | { kind: 'handoverRoom'; office: number; pick: number; buyer: number }
  | { kind: 'inspect'; office: number; pick: number; owner: boolean; item: number; result: ItemResult }
  | { kind: 'findDefect'; office: number; pick: number; item: number }
  | { kind: 'actDefect'; office: number; pick: number; action: DefectAction }
  | { kind: 'complete'; office: number; pick: number; outcome: Outcome };

export const DEFECT_ACTION_CODES = DEFECT_ACTIONS.map((a) => a.code);
export const OUTCOME_CODES = OUTCOMES.map((o) => o.code);

/** A published template in the office's project (run before the offices go their own ways). */
export async function publishTemplate(office: Office): Promise<void> {
  const template = await office.call('template.create', { name: '同步测试模板', houseType: '', areas: SMALL_TEMPLATE, remark: '' });
  await office.call('template.publish', { id: template.id });
}

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

async function handoversOf(office: Office) {
  return (await office.call('handover.list', { pageSize: 100 })).items;
}

/**
 * The open inspection of a handover's room, started when there is none: the owner's when asked
 * and the handover has a buyer, else the internal 模拟验房.
 */
async function openInspection(office: Office, handoverId: string, owner: boolean) {
  const view = await office.call('handover.view', { id: handoverId });
  const buyer = view.buyers[0]?.customerId ?? null;
  const asOwner = owner && buyer !== null;
  return office.call('inspection.start', {
    resourceId: view.room.id,
    kind: asOwner ? 'owner' : 'pre',
    handoverId: asOwner ? handoverId : null,
    customerId: asOwner ? buyer : null,
  });
}

export async function performHandover(office: Office, action: HandoverAction): Promise<void> {
  switch (action.kind) {
    case 'handoverRoom': {
      // The rooms and customers this office has (made here or pulled), as its screens offer them.
      const { currentProjectId } = await office.call('session.get', {});
      if (!currentProjectId) return;
      const visible = (await office.call('resource.list', { projectId: currentProjectId, kind: 'room', pageSize: 100 })).items;
      const roomId = pick(visible, action.pick)?.id;
      if (!roomId || (await handoversOf(office)).some((h) => h.room.id === roomId)) return;
      const batch = await office.call('handover.batchCreate', {
        name: `批次${roomId.slice(-6)}`,
        plannedStart: '2026-12-01',
        plannedEnd: '2026-12-31',
        remark: '',
        resourceIds: [roomId],
      });
      const row = (await office.call('handover.list', { batchId: batch.id, pageSize: 10 })).items[0];
      const buyer = pick((await office.call('customer.list', { pageSize: 100 })).items, action.buyer)?.id;
      if (row && buyer && row.buyers.length === 0) {
        await office.call('handover.setBuyers', { id: row.id, buyers: [{ customerId: buyer, role: 'owner', share: null }] });
      }
      return;
    }
    case 'inspect': {
      const handover = pick(await handoversOf(office), action.pick);
      if (!handover) return;
      const view = await openInspection(office, handover.id, action.owner);
      const item = pick(view.items, action.item);
      if (item) await office.call('inspection.setItem', { id: item.id, result: action.result });
      return;
    }
    case 'findDefect': {
      const handover = pick(await handoversOf(office), action.pick);
      if (!handover) return;
      const view = await openInspection(office, handover.id, true);
      const item = pick(view.items, action.item);
      if (!item) return;
      await office.call('inspection.setItem', { id: item.id, result: 'fail' });
      await office.call('defect.create', {
        inspectionId: view.inspection.id,
        itemId: item.id,
        area: item.area,
        description: `${item.area}${item.name}有缺陷`,
        severity: 'minor',
      });
      return;
    }
    case 'actDefect': {
      const defects = (await office.call('defect.list', { pageSize: 100 })).items;
      const defect = pick(defects, action.pick);
      if (defect) await office.call('defect.act', { id: defect.id, action: action.action, note: '同步测试' });
      return;
    }
    case 'complete': {
      const handover = pick(await handoversOf(office), action.pick);
      if (!handover) return;
      const view = await openInspection(office, handover.id, true);
      const pre = view.inspection.kind === 'pre';
      await office.call('inspection.passRemaining', { inspectionId: view.inspection.id });
      for (const signer of pre ? (['staff'] as const) : (['owner', 'staff'] as const)) {
        await office.call('inspection.sign', {
          inspectionId: view.inspection.id,
          signer,
          signerName: signer === 'owner' ? '业主' : '验房员',
          dataBase64: SIGNATURE_PNG,
        });
      }
      await office.call('inspection.complete', {
        inspectionId: view.inspection.id,
        outcome: pre ? null : action.outcome,
        outcomeOn: '2026-12-01',
        refusalReason: !pre && action.outcome === 'refused' ? '渗漏' : '',
      });
      return;
    }
  }
}

/**
 * The handover rules on a set of records (the server's or an office's): a handover received
 * is received by exactly one completed, twice-signed inspection of its own, which says so;
 * no two inspections accepted one handover.
 */
export function handoverRuleViolations(
  records: { entity: string; id: string; fields: Record<string, unknown> }[],
  where: string,
): string[] {
  const problems: string[] = [];
  const live = records.filter((r) => r.fields.deletedAt === null || r.fields.deletedAt === undefined);
  const inspections = new Map(live.filter((r) => r.entity === 'inspection').map((r) => [r.id, r.fields]));
  const acceptedBy = new Map<string, string[]>();
  for (const [id, f] of inspections) {
    if (f.status !== 'completed' || (f.outcome !== 'accepted' && f.outcome !== 'acceptedWithDefects')) continue;
    if (!f.ownerSignatureHash || !f.staffSignatureHash) problems.push(`${where}: inspection ${id} accepted without both signatures`);
    const handoverId = String(f.handoverId);
    acceptedBy.set(handoverId, [...(acceptedBy.get(handoverId) ?? []), id]);
  }
  for (const r of live.filter((x) => x.entity === 'handover')) {
    const f = r.fields;
    const accepting = acceptedBy.get(r.id) ?? [];
    if (accepting.length > 1) problems.push(`${where}: handover ${r.id} accepted by ${accepting.length} inspections`);
    if (f.status === 'accepted' || f.status === 'acceptedWithDefects') {
      const by = inspections.get(String(f.outcomeInspectionId));
      if (!by || by.status !== 'completed' || by.outcome !== f.status)
        problems.push(`${where}: handover ${r.id} is ${String(f.status)} but its inspection says ${String(by?.outcome ?? 'nothing')}`);
    } else if (accepting.length > 0) {
      problems.push(`${where}: handover ${r.id} is ${String(f.status)} though inspection ${accepting[0]} accepted it`);
    }
  }
  return problems;
}
