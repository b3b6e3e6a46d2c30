import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DefectStatus, HandoverStatus } from '../../shared/domain/handover.js';
import {
  REPORT_FORMAT,
  type ReportContent,
  type ReportCustomer,
  type ReportDefect,
} from '../../shared/domain/handover-report.js';
import type { SiteDb } from '../open.js';
import { handoverReports, projects, resources } from '../schema.js';
import { briefs } from './customers.js';
import {
  carriedDefectRows,
  creatorNames,
  defectsOfInspection,
  defectViews,
  getHandover,
  getInspection,
  getTemplate,
  handedOf,
  itemsOf,
  metersOf,
  parseBuyers,
  roomBriefs,
} from './handover.js';

/**
 * Reads of the handover report (交付确认书/验房报告) and of the 交付进度 figures. The report's
 * content is built from the records alone, with the inspection screen's own reads
 * (db/queries/handover.ts: the same items, defects, carried defects, meters and keys), each in
 * a fixed order, so two devices holding the same records build the same content and the same
 * content hash (shared/domain/handover-report.ts). Nothing of this device goes in: not the
 * date (defect age), not where its attachment files stand.
 */

export type ReportRow = typeof handoverReports.$inferSelect;

export function getReport(db: SiteDb, id: string): ReportRow | undefined {
  return db
    .select()
    .from(handoverReports)
    .where(and(eq(handoverReports.id, id), isNull(handoverReports.deletedAt)))
    .get();
}

/** defectViews dates each defect's age; the report does not print it, so any fixed day does. */
const NO_DAY = '2000-01-01';

/**
 * The report's content of an inspection, as its records say it now; undefined when the
 * inspection is not there.
 */
export function reportContentOf(db: SiteDb, inspectionId: string): ReportContent | undefined {
  const inspection = getInspection(db, inspectionId);
  if (!inspection) return undefined;
  const room = roomBriefs(db, [inspection.resourceId]).get(inspection.resourceId);
  const innerArea = db
    .select({ innerArea: resources.innerArea })
    .from(resources)
    .where(eq(resources.id, inspection.resourceId))
    .get();
  const project = inspection.projectId
    ? db.select().from(projects).where(eq(projects.id, inspection.projectId)).get()
    : undefined;
  const template = getTemplate(db, inspection.templateId);

  const areas: ReportContent['areas'] = [];
  for (const item of itemsOf(db, inspectionId)) {
    let area = areas.find((a) => a.name === item.area);
    if (!area) {
      area = { name: item.area, items: [] };
      areas.push(area);
    }
    area.items.push({ name: item.name, result: item.result, remark: item.remark });
  }

  const own = defectsOfInspection(db, inspectionId);
  const carried = carriedDefectRows(db, inspection);
  const defects: ReportDefect[] = defectViews(db, [...own, ...carried], NO_DAY).map((d, i) => ({
    no: i + 1,
    carried: i >= own.length,
    area: d.area,
    itemName: d.itemName,
    category: d.categoryName,
    description: d.description,
    severity: d.severity,
    contractor: d.contractor,
    dueDate: d.dueDate,
    status: d.status,
    foundAt: d.createdAt,
    closedAt: d.closedAt,
    pin: d.pinX !== null && d.pinY !== null ? { x: d.pinX, y: d.pinY } : null,
    photos: d.photos.map((p) => ({ hash: p.hash, stage: p.stage, takenAt: p.takenAt })),
  }));

  const handover = inspection.handoverId ? getHandover(db, inspection.handoverId) : undefined;
  const buyers = handover ? parseBuyers(handover.buyers) : [];
  const customerIds = [
    ...new Set([...buyers.map((b) => b.customerId), ...(inspection.customerId ? [inspection.customerId] : [])]),
  ];
  const people = new Map(briefs(db, customerIds).map((c) => [c.id, c]));
  const customers: ReportCustomer[] = [];
  // The 业主 first, then the 共有人 in the order the handover lists them.
  for (const buyer of [...buyers.filter((b) => b.role === 'owner'), ...buyers.filter((b) => b.role !== 'owner')]) {
    const c = people.get(buyer.customerId);
    if (c) customers.push({ name: c.name, role: buyer.role, idNumberMasked: c.idNumberMasked });
  }
  if (inspection.customerId && !buyers.some((b) => b.customerId === inspection.customerId)) {
    const c = people.get(inspection.customerId);
    if (c) customers.push({ name: c.name, role: 'inspector', idNumberMasked: c.idNumberMasked });
  }

  const signature = (hash: string | null, name: string, signedAt: string | null) => (hash ? { hash, name, signedAt } : null);

  return {
    format: REPORT_FORMAT,
    inspectionId,
    project: { code: project?.code ?? '', name: project?.name ?? '' },
    room: {
      code: room?.code ?? '',
      name: room?.name ?? '',
      place: room?.place ?? '',
      houseType: room?.houseType ?? '',
      buildArea: room?.buildArea ?? null,
      innerArea: innerArea?.innerArea ?? null,
    },
    customers,
    inspection: {
      kind: inspection.kind,
      startedAt: inspection.startedAt,
      completedAt: inspection.completedAt,
      inspectorName: creatorNames(db, 'inspection', [inspectionId]).get(inspectionId) || inspection.staffSignerName,
      remark: inspection.remark,
    },
    template: { name: template?.name ?? '', version: inspection.templateVersion, houseType: template?.houseType ?? '' },
    areas,
    defects,
    floorPlan: template?.floorPlanHash ? { hash: template.floorPlanHash } : null,
    meters: metersOf(db, inspectionId).map((m) => ({
      meter: m.meter,
      reading: m.reading,
      readAt: m.readAt,
      photo: m.photoHash ? { hash: m.photoHash } : null,
    })),
    handed: handedOf(db, inspectionId).map((h) => ({
      kind: h.kind,
      name: h.name,
      count: h.count,
      signed: h.signed,
      remark: h.remark,
    })),
    outcome: { outcome: inspection.outcome, outcomeOn: inspection.outcomeOn, refusalReason: inspection.refusalReason },
    signatures: {
      owner: signature(inspection.ownerSignatureHash, inspection.ownerSignerName, inspection.ownerSignedAt),
      staff: signature(inspection.staffSignatureHash, inspection.staffSignerName, inspection.staffSignedAt),
    },
  };
}

// ─── 交付进度 ───

/** One room of a batch with where its handover stands, for the progress figures. */
export interface ProgressHandoverRow {
  id: string;
  batchId: string;
  resourceId: string;
  status: HandoverStatus;
  path: string;
  appointed: boolean;
  inspected: boolean;
}

/**
 * The live handovers of a project (or of one batch): appointed = a live appointment (已预约 or
 * 已到场); inspected = a completed owner's inspection (入伙验房).
 */
export function progressHandovers(db: SiteDb, projectId: string, batchId?: string): ProgressHandoverRow[] {
  const rows = db.$client
    .prepare(
      `SELECT h.id, h.batch_id, h.resource_id, h.status, coalesce(r.path, '/') AS path,
         EXISTS (SELECT 1 FROM handover_appointments a
                 WHERE a.handover_id = h.id AND a.deleted_at IS NULL AND a.status IN ('booked', 'arrived')) AS appointed,
         EXISTS (SELECT 1 FROM inspections i
                 WHERE i.handover_id = h.id AND i.deleted_at IS NULL AND i.kind = 'owner' AND i.status = 'completed') AS inspected
       FROM handovers h
       JOIN handover_batches b ON b.id = h.batch_id AND b.deleted_at IS NULL
       LEFT JOIN resources r ON r.id = h.resource_id
       WHERE h.project_id = ? AND h.deleted_at IS NULL AND (? IS NULL OR h.batch_id = ?)`,
    )
    .all(projectId, batchId ?? null, batchId ?? null) as {
    id: string;
    batch_id: string;
    resource_id: string;
    status: HandoverStatus;
    path: string;
    appointed: number;
    inspected: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    batchId: r.batch_id,
    resourceId: r.resource_id,
    status: r.status,
    path: r.path,
    appointed: r.appointed === 1,
    inspected: r.inspected === 1,
  }));
}

export function batchesOf(db: SiteDb, projectId: string, batchId?: string): { id: string; name: string; plannedStart: string }[] {
  return db.$client
    .prepare(
      `SELECT id, name, planned_start AS plannedStart FROM handover_batches
       WHERE project_id = ? AND deleted_at IS NULL AND (? IS NULL OR id = ?)
       ORDER BY planned_start, name, id`,
    )
    .all(projectId, batchId ?? null, batchId ?? null) as { id: string; name: string; plannedStart: string }[];
}

/** Buildings by id, with what orders them. */
export function buildingsById(
  db: SiteDb,
  ids: readonly string[],
): Map<string, { name: string; sortOrder: number; code: string }> {
  const out = new Map<string, { name: string; sortOrder: number; code: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of db
      .select({
        id: resources.id,
        kind: resources.kind,
        name: resources.name,
        sortOrder: resources.sortOrder,
        code: resources.code,
      })
      .from(resources)
      .where(inArray(resources.id, ids.slice(i, i + 500)))
      .all()) {
      if (r.kind === 'building') out.set(r.id, r);
    }
  }
  return out;
}

/** A project's live defects (of one batch's rooms, or all) as the progress figures count them. */
export function progressDefects(
  db: SiteDb,
  projectId: string,
  batchId?: string,
): {
  resourceId: string;
  categoryName: string;
  contractor: string;
  status: DefectStatus;
  createdAt: string;
  dueDate: string | null;
  closedAt: string | null;
}[] {
  return db.$client
    .prepare(
      `SELECT d.resource_id AS resourceId, coalesce(c.name, '') AS categoryName, d.contractor, d.status,
         d.created_at AS createdAt, d.due_date AS dueDate, d.closed_at AS closedAt
       FROM defects d
       LEFT JOIN dict_items c ON c.id = d.category_id
       WHERE d.project_id = ? AND d.deleted_at IS NULL
         AND (? IS NULL OR d.resource_id IN (SELECT resource_id FROM handovers WHERE batch_id = ? AND deleted_at IS NULL))`,
    )
    .all(projectId, batchId ?? null, batchId ?? null) as ReturnType<typeof progressDefects>;
}
