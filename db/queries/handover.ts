import { and, asc, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type {
  BatchSummary,
  DayListRow,
  DefectRow,
  DefectView,
  HandoverRow,
  HandoverView,
  InspectionView,
  TemplateSummary,
} from '../../shared/api/calls/handover.js';
import type { AttachmentMime, AttachmentPending } from '../../shared/domain/attachments.js';
import type { CustomerBrief } from '../../shared/domain/customers.js';
import {
  defectAge,
  type AttachmentRef,
  type Buyer,
  type Defect,
  type DefectPhoto,
  type DefectStatus,
  type DefectStep,
  type Handover,
  type HandoverBatch,
  type HandoverReport,
  type HandoverStatus,
  type Inspection,
  type InspectionItem,
  type InspectionKind,
  type InspectionTemplate,
  type MeterReading,
  type TemplateArea,
} from '../../shared/domain/handover.js';
import type { Page } from '../../shared/domain/paging.js';
import { OWNER_ROLES } from '../../shared/domain/relations.js';
import type { SiteDb } from '../open.js';
import {
  defectPhotos,
  defects,
  defectSteps,
  dictItems,
  handedItems,
  handoverAppointments,
  handoverBatches,
  handoverReports,
  handovers,
  inspectionItems,
  inspections,
  inspectionTemplates,
  meterReadings,
  resources,
} from '../schema.js';
import { blobPending } from './blobs.js';
import { briefs } from './customers.js';
import { containsPattern, offsetOf, toPage } from './paging.js';
import { prepared } from './prepared.js';
import { currentRelationsOf, relationsFrom } from './resources.js';

/**
 * Read side of 收楼/交付 and 验房 (shared/domain/handover.ts tells the rules): the records as the
 * API shows them, the lists, the views the inspection screen and the reception desk open, and
 * the small lookups the services' rules need. Nothing here writes.
 */

// ─── Rows and records ───

export type BatchRow = typeof handoverBatches.$inferSelect;
export type HandoverRecordRow = typeof handovers.$inferSelect;
export type AppointmentRow = typeof handoverAppointments.$inferSelect;
export type TemplateRow = typeof inspectionTemplates.$inferSelect;
export type InspectionRecordRow = typeof inspections.$inferSelect;
export type ItemRow = typeof inspectionItems.$inferSelect;
export type DefectRecordRow = typeof defects.$inferSelect;
export type DefectPhotoRow = typeof defectPhotos.$inferSelect;
export type MeterRow = typeof meterReadings.$inferSelect;
export type HandedRow = typeof handedItems.$inferSelect;

/** A room as lists, views and the report show it. */
export type RoomBrief = HandoverRow['room'];

export const toBatch = (row: BatchRow): HandoverBatch => ({ ...row });

export function parseBuyers(json: string): Buyer[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? (parsed as Buyer[]) : [];
  } catch {
    return [];
  }
}

export const toHandover = (row: HandoverRecordRow): Handover => ({ ...row, buyers: parseBuyers(row.buyers) });

export function parseAreas(json: string): TemplateArea[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? (parsed as TemplateArea[]) : [];
  } catch {
    return [];
  }
}

export const toTemplate = (row: TemplateRow): InspectionTemplate => ({ ...row, areas: parseAreas(row.areas) });

/** Caches one raw statement per database (the hot paths run them on every tap). */
function statement(db: SiteDb, sql: string) {
  return prepared(db, `handover:${sql}`, (d) => d.$client.prepare(sql));
}

const chunks = <T>(list: readonly T[], size = 500): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

// ─── Single records (live ones) ───

export function getBatch(db: SiteDb, id: string): BatchRow | undefined {
  return db
    .select()
    .from(handoverBatches)
    .where(and(eq(handoverBatches.id, id), isNull(handoverBatches.deletedAt)))
    .get();
}

export function getHandover(db: SiteDb, id: string): HandoverRecordRow | undefined {
  return db
    .select()
    .from(handovers)
    .where(and(eq(handovers.id, id), isNull(handovers.deletedAt)))
    .get();
}

export function getAppointment(db: SiteDb, id: string): AppointmentRow | undefined {
  return db
    .select()
    .from(handoverAppointments)
    .where(and(eq(handoverAppointments.id, id), isNull(handoverAppointments.deletedAt)))
    .get();
}

export function getTemplate(db: SiteDb, id: string): TemplateRow | undefined {
  return db
    .select()
    .from(inspectionTemplates)
    .where(and(eq(inspectionTemplates.id, id), isNull(inspectionTemplates.deletedAt)))
    .get();
}

export function getInspection(db: SiteDb, id: string): InspectionRecordRow | undefined {
  return db
    .select()
    .from(inspections)
    .where(and(eq(inspections.id, id), isNull(inspections.deletedAt)))
    .get();
}

export function getDefect(db: SiteDb, id: string): DefectRecordRow | undefined {
  return db
    .select()
    .from(defects)
    .where(and(eq(defects.id, id), isNull(defects.deletedAt)))
    .get();
}

export function getDefectPhoto(db: SiteDb, id: string): DefectPhotoRow | undefined {
  return db
    .select()
    .from(defectPhotos)
    .where(and(eq(defectPhotos.id, id), isNull(defectPhotos.deletedAt)))
    .get();
}

export function getHandedItem(db: SiteDb, id: string): HandedRow | undefined {
  return db
    .select()
    .from(handedItems)
    .where(and(eq(handedItems.id, id), isNull(handedItems.deletedAt)))
    .get();
}

/** The inspection an item belongs to and whether it is still open: the one read of a tap. */
export function itemInspectionState(
  db: SiteDb,
  itemId: string,
): { inspectionId: string; status: 'open' | 'completed'; projectId: string | null } | undefined {
  const row = statement(
    db,
    `SELECT i.id AS inspectionId, i.status AS status, i.project_id AS projectId
     FROM inspection_items it JOIN inspections i ON i.id = it.inspection_id AND i.deleted_at IS NULL
     WHERE it.id = ? AND it.deleted_at IS NULL`,
  ).get(itemId) as { inspectionId: string; status: 'open' | 'completed'; projectId: string | null } | undefined;
  return row;
}

// ─── Rooms ───

/** Rooms by id with their place ("1号楼 2单元 301") and building; ended or removed ones too (history). */
export function roomBriefs(db: SiteDb, ids: readonly string[]): Map<string, RoomBrief> {
  const unique = [...new Set(ids)];
  const rooms = chunks(unique).flatMap((part) =>
    db
      .select({
        id: resources.id,
        kind: resources.kind,
        code: resources.code,
        name: resources.name,
        houseType: resources.houseType,
        status: resources.status,
        buildArea: resources.buildArea,
        path: resources.path,
      })
      .from(resources)
      .where(inArray(resources.id, part))
      .all(),
  );
  const ancestorIds = [...new Set(rooms.flatMap((r) => r.path.split('/').filter(Boolean)))];
  const ancestors = new Map<string, { kind: string; name: string }>();
  for (const part of chunks(ancestorIds)) {
    for (const a of db
      .select({ id: resources.id, kind: resources.kind, name: resources.name })
      .from(resources)
      .where(inArray(resources.id, part))
      .all()) {
      ancestors.set(a.id, a);
    }
  }
  const out = new Map<string, RoomBrief>();
  for (const room of rooms) {
    const above = room.path
      .split('/')
      .filter(Boolean)
      .map((id) => ({ id, ...(ancestors.get(id) ?? { kind: '', name: '' }) }));
    const names = above.filter((a) => a.kind === 'building' || a.kind === 'unit').map((a) => a.name);
    const { path: _path, ...brief } = room;
    out.set(room.id, {
      ...brief,
      place: [...names, room.name].join(' '),
      buildingId: above.find((a) => a.kind === 'building')?.id ?? null,
    });
  }
  return out;
}

/** A room brief for one id; a placeholder when the room is not on this device (yet). */
export function roomBrief(db: SiteDb, id: string): RoomBrief {
  return (
    roomBriefs(db, [id]).get(id) ?? {
      id,
      kind: 'room',
      code: '',
      name: '',
      houseType: '',
      status: null,
      buildArea: null,
      place: '',
      buildingId: null,
    }
  );
}

/** Kinds of resource a handover delivers. */
export const DELIVERABLE_KINDS = ['room', 'shop'] as const;

/** Live rooms and shops under a building, unit or floor on a date, in the order of the tree. */
export function deliverableRoomsUnder(db: SiteDb, root: { id: string; path: string }, on: string): { id: string }[] {
  return statement(
    db,
    `SELECT id FROM resources
     WHERE path LIKE ? ESCAPE '\\' AND kind IN ('room', 'shop') AND deleted_at IS NULL
       AND valid_from <= ? AND (ended_on IS NULL OR ended_on > ?)
     ORDER BY path, floor_no, sort_order, code`,
  ).all(`${root.path}${root.id}/%`.replace(/[_]/g, '\\_'), on, on) as { id: string }[];
}

/** The live handovers of some rooms, with their batch's status (the rules of joining a batch). */
export function handoversOfRooms(
  db: SiteDb,
  resourceIds: readonly string[],
): { id: string; resourceId: string; batchId: string; status: HandoverStatus; batchStatus: string; batchName: string }[] {
  return chunks([...new Set(resourceIds)]).flatMap(
    (part) =>
      statement(
        db,
        `SELECT h.id, h.resource_id AS resourceId, h.batch_id AS batchId, h.status, b.status AS batchStatus, b.name AS batchName
         FROM handovers h JOIN handover_batches b ON b.id = h.batch_id AND b.deleted_at IS NULL
         WHERE h.deleted_at IS NULL AND h.resource_id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(part)) as {
        id: string;
        resourceId: string;
        batchId: string;
        status: HandoverStatus;
        batchStatus: string;
        batchName: string;
      }[],
  );
}

/**
 * The owner group (业主 and 共有人) of each room as its buyers: the group current on `on`, else
 * the one that begins next (a sale registered ahead of its date). Owner first.
 */
export function ownerGroups(db: SiteDb, resourceIds: readonly string[], on: string): Map<string, Buyer[]> {
  const out = new Map<string, Buyer[]>();
  const relations = chunks([...new Set(resourceIds)]).flatMap((part) => relationsFrom(db, part, on));
  const byRoom = new Map<string, typeof relations>();
  for (const r of relations) {
    if (!OWNER_ROLES.includes(r.role)) continue;
    byRoom.set(r.resourceId, [...(byRoom.get(r.resourceId) ?? []), r]);
  }
  for (const [roomId, list] of byRoom) {
    const current = list.filter((r) => r.startDate <= on);
    let group = current;
    if (group.length === 0) {
      const first = list.reduce((min, r) => (r.startDate < min ? r.startDate : min), list[0]!.startDate);
      group = list.filter((r) => r.startDate === first);
    }
    const seen = new Set<string>();
    const buyers: Buyer[] = [];
    for (const r of [...group].sort((a, b) => (a.role === b.role ? 0 : a.role === 'owner' ? -1 : 1))) {
      if (seen.has(r.customerId)) continue;
      seen.add(r.customerId);
      buyers.push({ customerId: r.customerId, role: r.role as Buyer['role'], share: r.share });
    }
    out.set(roomId, buyers);
  }
  return out;
}

/** The room's owner group current on a date, as the relations have it. */
export function currentOwnerRelations(db: SiteDb, resourceId: string, on: string) {
  return currentRelationsOf(db, [resourceId], on).filter((r) => OWNER_ROLES.includes(r.role));
}

// ─── Attachments ───

/**
 * Attachment references for files records name. Records that keep no type or size of their file
 * (signatures, meter photos, floor plans) take them from this device's bookkeeping, or `fallback`.
 */
export function attachmentRefs(
  db: SiteDb,
  files: readonly { hash: string; mime?: string | null; size?: number | null }[],
  fallback: AttachmentMime = 'image/png',
): Map<string, AttachmentRef> {
  const hashes = [...new Set(files.map((f) => f.hash))];
  const out = new Map<string, AttachmentRef>();
  if (hashes.length === 0) return out;
  const pending = blobPending(db, hashes);
  const kept = new Map(
    (
      statement(db, 'SELECT hash, mime, size FROM local_blobs WHERE hash IN (SELECT value FROM json_each(?))').all(
        JSON.stringify(hashes),
      ) as { hash: string; mime: string | null; size: number | null }[]
    ).map((r) => [r.hash, r]),
  );
  for (const f of files) {
    if (out.has(f.hash)) continue;
    const local = kept.get(f.hash);
    out.set(f.hash, {
      hash: f.hash,
      mime: (f.mime ?? local?.mime ?? fallback) as AttachmentMime,
      size: f.size ?? local?.size ?? 0,
      pending: pendingOf(pending, f.hash),
    });
  }
  return out;
}

/** A file's state from blobPending's answer (null there means here and on the server). */
const pendingOf = (pending: Map<string, AttachmentPending>, hash: string): AttachmentPending =>
  pending.has(hash) ? pending.get(hash)! : 'download';

const attachmentRef = (db: SiteDb, hash: string | null, fallback: AttachmentMime): AttachmentRef | null =>
  hash ? (attachmentRefs(db, [{ hash }], fallback).get(hash) ?? null) : null;

/**
 * The projects of the live handover records naming a file (defect photos, meter photos,
 * signatures, floor plans, reports); empty when none does.
 */
export function projectsNamingAttachment(db: SiteDb, hash: string): { projectId: string | null; mime: string | null }[] {
  return statement(
    db,
    `SELECT project_id AS projectId, mime FROM defect_photos WHERE hash = @hash AND deleted_at IS NULL
     UNION ALL SELECT project_id, NULL FROM meter_readings WHERE photo_hash = @hash AND deleted_at IS NULL
     UNION ALL SELECT project_id, 'image/png' FROM inspections
       WHERE (owner_signature_hash = @hash OR staff_signature_hash = @hash) AND deleted_at IS NULL
     UNION ALL SELECT project_id, NULL FROM inspection_templates WHERE floor_plan_hash = @hash AND deleted_at IS NULL
     UNION ALL SELECT project_id, 'application/pdf' FROM handover_reports WHERE hash = @hash AND deleted_at IS NULL`,
  ).all({ hash }) as { projectId: string | null; mime: string | null }[];
}

/** A defect's live photos. */
export function photosOfDefect(db: SiteDb, defectId: string): { id: string; hash: string }[] {
  return statement(
    db,
    'SELECT id, hash FROM defect_photos WHERE defect_id = ? AND deleted_at IS NULL ORDER BY created_at, id',
  ).all(defectId) as { id: string; hash: string }[];
}

/** A live photo of a defect with this content (the same picture added twice). */
export function defectPhotoWithContent(db: SiteDb, defectId: string, hash: string): { id: string } | undefined {
  return statement(db, 'SELECT id FROM defect_photos WHERE defect_id = ? AND hash = ? AND deleted_at IS NULL').get(
    defectId,
    hash,
  ) as { id: string } | undefined;
}

/** Who created records, as the change log names them (the device's operator, an employee, another office). */
export function creatorNames(db: SiteDb, entity: string, ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = statement(
      db,
      `SELECT entity_id AS id, actor_name AS name FROM change_log
       WHERE entity_id IN (SELECT value FROM json_each(?)) AND entity = ? AND op = 'create'`,
    ).all(JSON.stringify(part), entity) as { id: string; name: string }[];
    for (const r of rows) if (!out.has(r.id)) out.set(r.id, r.name);
  }
  return out;
}

// ─── Batches ───

const BATCH_COUNTS = `
  (SELECT count(*) FROM handovers h WHERE h.batch_id = b.id AND h.deleted_at IS NULL) AS rooms,
  (SELECT count(*) FROM handovers h WHERE h.batch_id = b.id AND h.deleted_at IS NULL AND EXISTS (
     SELECT 1 FROM handover_appointments a WHERE a.handover_id = h.id AND a.deleted_at IS NULL AND a.status IN ('booked', 'arrived'))) AS appointed,
  (SELECT count(*) FROM handovers h WHERE h.batch_id = b.id AND h.deleted_at IS NULL AND EXISTS (
     SELECT 1 FROM inspections i WHERE i.handover_id = h.id AND i.deleted_at IS NULL AND i.kind = 'owner' AND i.status = 'completed')) AS inspected,
  (SELECT count(*) FROM handovers h WHERE h.batch_id = b.id AND h.deleted_at IS NULL AND h.status IN ('accepted', 'acceptedWithDefects')) AS accepted,
  (SELECT count(*) FROM handovers h WHERE h.batch_id = b.id AND h.deleted_at IS NULL AND h.status = 'refused') AS refused,
  (SELECT count(*) FROM defects d WHERE d.deleted_at IS NULL AND d.status <> 'closed' AND d.resource_id IN (
     SELECT h.resource_id FROM handovers h WHERE h.batch_id = b.id AND h.deleted_at IS NULL)) AS openDefects`;

type CountColumns = Pick<BatchSummary, 'rooms' | 'appointed' | 'inspected' | 'accepted' | 'refused' | 'openDefects'>;

/** The batches of a project with their figures, the latest planned first. */
export function batchSummaries(
  db: SiteDb,
  projectId: string,
  options: { includeClosed?: boolean; id?: string } = {},
): BatchSummary[] {
  const rows = db
    .select()
    .from(handoverBatches)
    .where(
      and(
        eq(handoverBatches.projectId, projectId),
        isNull(handoverBatches.deletedAt),
        options.id ? eq(handoverBatches.id, options.id) : undefined,
        options.includeClosed === false ? ne(handoverBatches.status, 'closed') : undefined,
      ),
    )
    .orderBy(desc(handoverBatches.plannedStart), asc(handoverBatches.name), asc(handoverBatches.id))
    .all();
  if (rows.length === 0) return [];
  const counts = new Map(
    (
      statement(db, `SELECT b.id, ${BATCH_COUNTS} FROM handover_batches b WHERE b.id IN (SELECT value FROM json_each(?))`).all(
        JSON.stringify(rows.map((r) => r.id)),
      ) as (CountColumns & { id: string })[]
    ).map((c) => [c.id, c]),
  );
  return rows.map((row) => {
    const c = counts.get(row.id);
    return {
      ...toBatch(row),
      rooms: c?.rooms ?? 0,
      appointed: c?.appointed ?? 0,
      inspected: c?.inspected ?? 0,
      accepted: c?.accepted ?? 0,
      refused: c?.refused ?? 0,
      openDefects: c?.openDefects ?? 0,
    };
  });
}

export function batchSummary(db: SiteDb, projectId: string, id: string): BatchSummary | undefined {
  return batchSummaries(db, projectId, { id })[0];
}

/** A live batch of the project with this name, other than `exceptId`. */
export function batchNamed(db: SiteDb, projectId: string, name: string, exceptId?: string): { id: string } | undefined {
  return statement(
    db,
    'SELECT id FROM handover_batches WHERE project_id = ? AND name = ? AND deleted_at IS NULL AND id <> ? LIMIT 1',
  ).get(projectId, name, exceptId ?? '') as { id: string } | undefined;
}

// ─── Handovers ───

export interface HandoverFilter {
  projectId: string;
  batchId?: string | undefined;
  buildingId?: string | undefined;
  status?: HandoverStatus | undefined;
  query?: string | undefined;
  page: number;
  pageSize: number;
}

/** Customers' names by id (merged and removed ones too: a record keeps naming them). */
export function customerNames(db: SiteDb, ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = statement(db, 'SELECT id, name FROM customers WHERE id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(part),
    ) as { id: string; name: string }[];
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

/** The 交付单 list: one row per room, in the order of the tree. */
export function handoverRows(db: SiteDb, f: HandoverFilter): Page<HandoverRow> {
  const where = ['h.project_id = ?', 'h.deleted_at IS NULL'];
  const params: unknown[] = [f.projectId];
  if (f.batchId) {
    where.push('h.batch_id = ?');
    params.push(f.batchId);
  }
  if (f.buildingId) {
    where.push("instr(r.path, '/' || ? || '/') > 0");
    params.push(f.buildingId);
  }
  if (f.status) {
    where.push('h.status = ?');
    params.push(f.status);
  }
  const query = f.query?.trim();
  if (query) {
    const pattern = containsPattern(query);
    where.push(
      `(r.code LIKE ? ESCAPE '\\' OR r.name LIKE ? ESCAPE '\\' OR r.search_code LIKE ? ESCAPE '\\' OR EXISTS (
         SELECT 1 FROM json_each(h.buyers) j JOIN customers c ON c.id = json_extract(j.value, '$.customerId')
         WHERE c.name LIKE ? ESCAPE '\\'))`,
    );
    params.push(pattern, pattern, pattern.toUpperCase(), pattern);
  }
  const from = `FROM handovers h
    JOIN handover_batches b ON b.id = h.batch_id AND b.deleted_at IS NULL
    LEFT JOIN resources r ON r.id = h.resource_id
    WHERE ${where.join(' AND ')}`;
  const total = (db.$client.prepare(`SELECT count(*) AS n ${from}`).get(...params) as { n: number }).n;
  const rows = db.$client
    .prepare(
      `SELECT h.id, h.batch_id AS batchId, h.resource_id AS resourceId, h.buyers, h.status, h.outcome_on AS outcomeOn,
         h.updated_at AS updatedAt,
         (SELECT count(*) FROM inspections i WHERE i.deleted_at IS NULL
            AND (i.handover_id = h.id OR (i.handover_id IS NULL AND i.resource_id = h.resource_id))) AS inspections,
         (SELECT count(*) FROM defects d WHERE d.resource_id = h.resource_id AND d.deleted_at IS NULL AND d.status <> 'closed') AS openDefects
       ${from}
       ORDER BY r.path, r.floor_no, r.sort_order, r.code, h.id
       LIMIT ? OFFSET ?`,
    )
    .all(...params, f.pageSize, offsetOf(f.page, f.pageSize)) as {
    id: string;
    batchId: string;
    resourceId: string;
    buyers: string;
    status: HandoverStatus;
    outcomeOn: string | null;
    updatedAt: string;
    inspections: number;
    openDefects: number;
  }[];
  const rooms = roomBriefs(
    db,
    rows.map((r) => r.resourceId),
  );
  const buyers = new Map(rows.map((r) => [r.id, parseBuyers(r.buyers)]));
  const names = customerNames(
    db,
    [...buyers.values()].flatMap((list) => list.map((b) => b.customerId)),
  );
  const appointments = nextAppointments(
    db,
    rows.map((r) => r.id),
  );
  const items: HandoverRow[] = rows.map((r) => ({
    id: r.id,
    batchId: r.batchId,
    room: rooms.get(r.resourceId) ?? roomBrief(db, r.resourceId),
    buyers: (buyers.get(r.id) ?? []).map((b) => ({ ...b, name: names.get(b.customerId) ?? '' })),
    status: r.status,
    outcomeOn: r.outcomeOn,
    appointment: appointments.get(r.id) ?? null,
    inspections: r.inspections,
    openDefects: r.openDefects,
    updatedAt: r.updatedAt,
  }));
  return toPage(items, total, f.page, f.pageSize);
}

/** Each handover's live appointment: the one booked, else the latest the buyer came to. */
function nextAppointments(db: SiteDb, handoverIds: readonly string[]): Map<string, NonNullable<HandoverRow['appointment']>> {
  const out = new Map<string, NonNullable<HandoverRow['appointment']>>();
  for (const part of chunks([...handoverIds])) {
    const rows = statement(
      db,
      `SELECT id, handover_id AS handoverId, date, slot, status FROM handover_appointments
       WHERE handover_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL AND status IN ('booked', 'arrived')
       ORDER BY (status = 'booked') DESC, date DESC, slot DESC, id DESC`,
    ).all(JSON.stringify(part)) as { id: string; handoverId: string; date: string; slot: string; status: 'booked' | 'arrived' }[];
    for (const r of rows) {
      if (!out.has(r.handoverId)) out.set(r.handoverId, { id: r.id, date: r.date, slot: r.slot, status: r.status });
    }
  }
  return out;
}

/** The rooms of a batch (its live handovers). */
export function roomIdsOfBatch(db: SiteDb, batchId: string): string[] {
  return statement(db, 'SELECT resource_id FROM handovers WHERE batch_id = ? AND deleted_at IS NULL')
    .pluck()
    .all(batchId) as string[];
}

/** Live inspections made for a handover. */
export function inspectionCountOfHandover(db: SiteDb, handoverId: string): number {
  return (
    statement(db, 'SELECT count(*) AS n FROM inspections WHERE handover_id = ? AND deleted_at IS NULL').get(handoverId) as {
      n: number;
    }
  ).n;
}

/** A handover's appointments, by date and slot. */
export function appointmentsOf(db: SiteDb, handoverId: string): AppointmentRow[] {
  return db
    .select()
    .from(handoverAppointments)
    .where(and(eq(handoverAppointments.handoverId, handoverId), isNull(handoverAppointments.deletedAt)))
    .orderBy(asc(handoverAppointments.date), asc(handoverAppointments.slot), asc(handoverAppointments.createdAt))
    .all();
}

/** Live inspections of a handover, and the room's pre-inspections that belong to no handover. */
export function inspectionsOfHandover(db: SiteDb, handover: { id: string; resourceId: string }): HandoverView['inspections'] {
  const rows = statement(
    db,
    `SELECT i.id, i.kind, i.status, i.outcome, i.started_at AS startedAt, i.completed_at AS completedAt, i.customer_id AS customerId,
       (SELECT count(*) FROM inspection_items it WHERE it.inspection_id = i.id AND it.deleted_at IS NULL) AS items,
       (SELECT count(*) FROM inspection_items it WHERE it.inspection_id = i.id AND it.deleted_at IS NULL AND it.result = 'fail') AS failed,
       (SELECT count(*) FROM defects d WHERE d.inspection_id = i.id AND d.deleted_at IS NULL) AS defects,
       (SELECT json_object('id', r.id, 'version', r.version, 'contentHash', r.content_hash) FROM handover_reports r
          WHERE r.inspection_id = i.id AND r.deleted_at IS NULL ORDER BY r.version DESC LIMIT 1) AS latestReport
     FROM inspections i
     WHERE i.deleted_at IS NULL AND (i.handover_id = ? OR (i.handover_id IS NULL AND i.resource_id = ?))
     ORDER BY i.started_at, i.id`,
  ).all(handover.id, handover.resourceId) as (Omit<HandoverView['inspections'][number], 'latestReport'> & {
    latestReport: string | null;
  })[];
  return rows.map((r) => ({
    ...r,
    latestReport: r.latestReport ? (JSON.parse(r.latestReport) as HandoverView['inspections'][number]['latestReport']) : null,
  }));
}

/** A room's defects that are not closed, all inspections together. */
export function openDefectCount(db: SiteDb, resourceId: string): number {
  return (
    statement(db, "SELECT count(*) AS n FROM defects WHERE resource_id = ? AND deleted_at IS NULL AND status <> 'closed'").get(
      resourceId,
    ) as { n: number }
  ).n;
}

/** The view of one 交付单. */
export function handoverView(db: SiteDb, id: string, on: string): HandoverView | undefined {
  const row = getHandover(db, id);
  if (!row) return undefined;
  const batch = db.select().from(handoverBatches).where(eq(handoverBatches.id, row.batchId)).get();
  if (!batch) return undefined;
  const handover = toHandover(row);
  const appointments = appointmentsOf(db, id);
  const owners = currentOwnerRelations(db, row.resourceId, on);
  const people = new Map(
    briefs(db, [
      ...new Set([
        ...handover.buyers.map((b) => b.customerId),
        ...owners.map((o) => o.customerId),
        ...appointments.map((a) => a.customerId),
      ]),
    ]).map((c) => [c.id, c]),
  );
  const brief = (customerId: string): CustomerBrief =>
    people.get(customerId) ?? { id: customerId, kind: 'person', name: '', idType: 'resident', idNumberMasked: '', phones: [] };
  const orderedOwners = [...owners].sort((a, b) => (a.role === b.role ? 0 : a.role === 'owner' ? -1 : 1));
  return {
    handover,
    batch: toBatch(batch),
    room: roomBrief(db, row.resourceId),
    buyers: handover.buyers.map((b) => ({ ...b, customer: brief(b.customerId) })),
    currentOwners: [...new Set(orderedOwners.map((o) => o.customerId))].map(brief),
    appointments: appointments.map((a) => ({ ...a, customerName: people.get(a.customerId)?.name ?? '' })),
    inspections: inspectionsOfHandover(db, row),
    openDefects: openDefectCount(db, row.resourceId),
  };
}

/** The buyers' family members (家属) by buyer: who may come in their stead. */
export function familyOfCustomers(db: SiteDb, customerIds: readonly string[]): Set<string> {
  if (customerIds.length === 0) return new Set();
  const rows = statement(
    db,
    `SELECT customer_id AS a, member_id AS b FROM family_members
     WHERE deleted_at IS NULL AND (customer_id IN (SELECT value FROM json_each(@ids)) OR member_id IN (SELECT value FROM json_each(@ids)))`,
  ).all({ ids: JSON.stringify(customerIds) }) as { a: string; b: string }[];
  return new Set(rows.flatMap((r) => [r.a, r.b]));
}

// ─── Appointments ───

/** The reception desk's list of one day: by slot, then by room. */
export function dayList(db: SiteDb, projectId: string, date: string): DayListRow[] {
  const rows = statement(
    db,
    `SELECT a.id AS appointmentId, a.handover_id AS handoverId, a.date, a.slot, a.status, a.customer_id AS customerId,
       a.remark, h.resource_id AS resourceId, h.status AS handoverStatus, b.name AS batchName,
       (SELECT i.id FROM inspections i WHERE i.handover_id = h.id AND i.kind = 'owner' AND i.deleted_at IS NULL
          ORDER BY (i.status = 'open') DESC, i.started_at DESC, i.id DESC LIMIT 1) AS inspectionId
     FROM handover_appointments a
     JOIN handovers h ON h.id = a.handover_id AND h.deleted_at IS NULL
     JOIN handover_batches b ON b.id = h.batch_id AND b.deleted_at IS NULL
     LEFT JOIN resources r ON r.id = h.resource_id
     WHERE a.project_id = ? AND a.date = ? AND a.deleted_at IS NULL
     ORDER BY a.slot, r.path, r.floor_no, r.sort_order, r.code, a.created_at, a.id`,
  ).all(projectId, date) as (Omit<DayListRow, 'customer' | 'room'> & { customerId: string; resourceId: string })[];
  const rooms = roomBriefs(
    db,
    rows.map((r) => r.resourceId),
  );
  const people = new Map(briefs(db, [...new Set(rows.map((r) => r.customerId))]).map((c) => [c.id, c]));
  return rows.map(({ customerId, resourceId, ...r }) => ({
    ...r,
    customer: people.get(customerId) ?? {
      id: customerId,
      kind: 'person',
      name: '',
      idType: 'resident',
      idNumberMasked: '',
      phones: [],
    },
    room: rooms.get(resourceId) ?? roomBrief(db, resourceId),
  }));
}

// ─── Templates ───

/** A project's templates: the latest version of each family, or every version. */
export function templateSummaries(db: SiteDb, projectId: string, includeRetired: boolean): TemplateSummary[] {
  const rows = statement(
    db,
    `SELECT t.*, (SELECT count(*) FROM inspections i WHERE i.template_id = t.id AND i.deleted_at IS NULL) AS used
     FROM inspection_templates t
     WHERE t.project_id = @projectId AND t.deleted_at IS NULL
       AND (@all = 1 OR t.version = (SELECT max(t2.version) FROM inspection_templates t2 WHERE t2.family_id = t.family_id AND t2.deleted_at IS NULL))
     ORDER BY t.house_type, t.name, t.family_id, t.version DESC`,
  ).all({ projectId, all: includeRetired ? 1 : 0 }) as {
    id: string;
    family_id: string;
    name: string;
    house_type: string;
    version: number;
    status: InspectionTemplate['status'];
    areas: string;
    floor_plan_hash: string | null;
    updated_at: string;
    used: number;
  }[];
  return rows.map((r) => {
    const areas = parseAreas(r.areas);
    return {
      id: r.id,
      familyId: r.family_id,
      name: r.name,
      houseType: r.house_type,
      version: r.version,
      status: r.status,
      areas: areas.length,
      items: areas.reduce((n, a) => n + a.items.length, 0),
      hasFloorPlan: r.floor_plan_hash !== null,
      updatedAt: r.updated_at,
      used: r.used,
    };
  });
}

/** Every live version of one template, oldest first. */
export function familyVersions(db: SiteDb, familyId: string): TemplateRow[] {
  return db
    .select()
    .from(inspectionTemplates)
    .where(and(eq(inspectionTemplates.familyId, familyId), isNull(inspectionTemplates.deletedAt)))
    .orderBy(asc(inspectionTemplates.version))
    .all();
}

/** The project's published templates, the latest published first. */
export function publishedTemplates(db: SiteDb, projectId: string): TemplateRow[] {
  return db
    .select()
    .from(inspectionTemplates)
    .where(
      and(
        eq(inspectionTemplates.projectId, projectId),
        eq(inspectionTemplates.status, 'published'),
        isNull(inspectionTemplates.deletedAt),
      ),
    )
    .orderBy(desc(inspectionTemplates.updatedAt), desc(inspectionTemplates.id))
    .all();
}

/** A live template of another family of the project with this name. */
export function templateNamed(db: SiteDb, projectId: string, name: string, exceptFamilyId?: string): { id: string } | undefined {
  return statement(
    db,
    'SELECT id FROM inspection_templates WHERE project_id = ? AND name = ? AND deleted_at IS NULL AND family_id <> ? LIMIT 1',
  ).get(projectId, name, exceptFamilyId ?? '') as { id: string } | undefined;
}

export function templateUseCount(db: SiteDb, templateId: string): number {
  return (
    statement(db, 'SELECT count(*) AS n FROM inspections WHERE template_id = ? AND deleted_at IS NULL').get(templateId) as {
      n: number;
    }
  ).n;
}

// ─── Inspections ───

/** The open inspection of a room of one kind, if any. */
export function openInspectionOf(db: SiteDb, resourceId: string, kind: InspectionKind): InspectionRecordRow | undefined {
  return db
    .select()
    .from(inspections)
    .where(
      and(
        eq(inspections.resourceId, resourceId),
        eq(inspections.kind, kind),
        eq(inspections.status, 'open'),
        isNull(inspections.deletedAt),
      ),
    )
    .orderBy(asc(inspections.startedAt))
    .get();
}

/** A room's inspections, the latest first. */
export function inspectionsOfRoom(db: SiteDb, resourceId: string): Inspection[] {
  return db
    .select()
    .from(inspections)
    .where(and(eq(inspections.resourceId, resourceId), isNull(inspections.deletedAt)))
    .orderBy(desc(inspections.startedAt), desc(inspections.id))
    .all();
}

/** An inspection's items in template order. */
export function itemsOf(db: SiteDb, inspectionId: string): InspectionItem[] {
  return db
    .select()
    .from(inspectionItems)
    .where(and(eq(inspectionItems.inspectionId, inspectionId), isNull(inspectionItems.deletedAt)))
    .orderBy(asc(inspectionItems.seq), asc(inspectionItems.id))
    .all();
}

export function uncheckedCount(db: SiteDb, inspectionId: string, area?: string): number {
  return (
    statement(
      db,
      'SELECT count(*) AS n FROM inspection_items WHERE inspection_id = @id AND deleted_at IS NULL AND result IS NULL AND (@area IS NULL OR area = @area)',
    ).get({ id: inspectionId, area: area ?? null }) as { n: number }
  ).n;
}

/** The unchecked items of an inspection (of one area, or all). */
export function uncheckedItems(db: SiteDb, inspectionId: string, area?: string): { id: string }[] {
  return statement(
    db,
    'SELECT id FROM inspection_items WHERE inspection_id = @id AND deleted_at IS NULL AND result IS NULL AND (@area IS NULL OR area = @area) ORDER BY seq',
  ).all({ id: inspectionId, area: area ?? null }) as { id: string }[];
}

export function metersOf(db: SiteDb, inspectionId: string): MeterRow[] {
  const order = ['water', 'electricity', 'gas'];
  return db
    .select()
    .from(meterReadings)
    .where(and(eq(meterReadings.inspectionId, inspectionId), isNull(meterReadings.deletedAt)))
    .all()
    .sort((a, b) => order.indexOf(a.meter) - order.indexOf(b.meter) || a.readAt.localeCompare(b.readAt));
}

export function meterOf(db: SiteDb, inspectionId: string, meter: MeterReading['meter']): MeterRow | undefined {
  return db
    .select()
    .from(meterReadings)
    .where(and(eq(meterReadings.inspectionId, inspectionId), eq(meterReadings.meter, meter), isNull(meterReadings.deletedAt)))
    .orderBy(desc(meterReadings.readAt))
    .get();
}

export function meterView(db: SiteDb, row: MeterRow): MeterReading & { photo: AttachmentRef | null } {
  return { ...row, photo: attachmentRef(db, row.photoHash, 'image/jpeg') };
}

export function handedOf(db: SiteDb, inspectionId: string): HandedRow[] {
  return db
    .select()
    .from(handedItems)
    .where(and(eq(handedItems.inspectionId, inspectionId), isNull(handedItems.deletedAt)))
    .orderBy(asc(handedItems.createdAt), asc(handedItems.id))
    .all();
}

export function reportsOfInspection(db: SiteDb, inspectionId: string): HandoverReport[] {
  return db
    .select()
    .from(handoverReports)
    .where(and(eq(handoverReports.inspectionId, inspectionId), isNull(handoverReports.deletedAt)))
    .orderBy(desc(handoverReports.version))
    .all();
}

/** The room's defects that are not closed, found by inspections that began before this one. */
export function carriedDefectRows(
  db: SiteDb,
  inspection: { id: string; resourceId: string; startedAt: string },
): DefectRecordRow[] {
  const earlier = db
    .select({ id: inspections.id, startedAt: inspections.startedAt })
    .from(inspections)
    .where(
      and(eq(inspections.resourceId, inspection.resourceId), ne(inspections.id, inspection.id), isNull(inspections.deletedAt)),
    )
    .all()
    .filter((i) => i.startedAt < inspection.startedAt || (i.startedAt === inspection.startedAt && i.id < inspection.id))
    .map((i) => i.id);
  if (earlier.length === 0) return [];
  return db
    .select()
    .from(defects)
    .where(
      and(
        inArray(defects.inspectionId, earlier),
        eq(defects.resourceId, inspection.resourceId),
        ne(defects.status, 'closed'),
        isNull(defects.deletedAt),
      ),
    )
    .orderBy(asc(defects.createdAt), asc(defects.id))
    .all();
}

export function defectsOfInspection(db: SiteDb, inspectionId: string): DefectRecordRow[] {
  return db
    .select()
    .from(defects)
    .where(and(eq(defects.inspectionId, inspectionId), isNull(defects.deletedAt)))
    .orderBy(asc(defects.createdAt), asc(defects.id))
    .all();
}

/** The whole inspection screen in one read; `today` dates the defects' age. */
export function inspectionView(db: SiteDb, id: string, today: string): InspectionView | undefined {
  const inspection = getInspection(db, id);
  if (!inspection) return undefined;
  const template = db.select().from(inspectionTemplates).where(eq(inspectionTemplates.id, inspection.templateId)).get();
  const handover = inspection.handoverId
    ? db.select().from(handovers).where(eq(handovers.id, inspection.handoverId)).get()
    : undefined;
  const items = itemsOf(db, id);
  const own = defectsOfInspection(db, id);
  const carried = carriedDefectRows(db, inspection);
  const views = defectViews(db, [...own, ...carried], today);
  const meters = metersOf(db, id);
  const refs = attachmentRefs(db, [
    ...meters.flatMap((m) => (m.photoHash ? [{ hash: m.photoHash }] : [])),
    ...(inspection.ownerSignatureHash ? [{ hash: inspection.ownerSignatureHash, mime: 'image/png' }] : []),
    ...(inspection.staffSignatureHash ? [{ hash: inspection.staffSignatureHash, mime: 'image/png' }] : []),
    ...(template?.floorPlanHash ? [{ hash: template.floorPlanHash }] : []),
  ]);
  const ref = (hash: string | null | undefined) => (hash ? (refs.get(hash) ?? null) : null);
  return {
    inspection,
    room: roomBrief(db, inspection.resourceId),
    customer: inspection.customerId ? (briefs(db, [inspection.customerId])[0] ?? null) : null,
    handover: handover ? { id: handover.id, status: handover.status, batchId: handover.batchId } : null,
    template: {
      id: inspection.templateId,
      name: template?.name ?? '',
      version: inspection.templateVersion,
      houseType: template?.houseType ?? '',
      floorPlan: ref(template?.floorPlanHash),
    },
    items,
    defects: views.slice(0, own.length),
    carriedDefects: views.slice(own.length),
    meters: meters.map((m) => ({ ...m, photo: ref(m.photoHash) })),
    handed: handedOf(db, id),
    signatures: { owner: ref(inspection.ownerSignatureHash), staff: ref(inspection.staffSignatureHash) },
    reports: reportsOfInspection(db, id),
    unchecked: items.filter((i) => i.result === null).length,
    inspectorName: creatorNames(db, 'inspection', [id]).get(id) || inspection.staffSignerName,
  };
}

// ─── Defects ───

/** Defects as the screens show them (photos, steps with who, category, item, age), in the given order. */
export function defectViews(db: SiteDb, rows: readonly DefectRecordRow[], today: string): DefectView[] {
  if (rows.length === 0) return [];
  const ids = rows.map((d) => d.id);
  const photos = chunks(ids).flatMap((part) =>
    db
      .select()
      .from(defectPhotos)
      .where(and(inArray(defectPhotos.defectId, part), isNull(defectPhotos.deletedAt)))
      .orderBy(asc(defectPhotos.createdAt), asc(defectPhotos.id))
      .all(),
  );
  const pending = blobPending(
    db,
    photos.map((p) => p.hash),
  );
  const steps = chunks(ids).flatMap((part) =>
    db
      .select()
      .from(defectSteps)
      .where(and(inArray(defectSteps.defectId, part), isNull(defectSteps.deletedAt)))
      .orderBy(asc(defectSteps.createdAt), asc(defectSteps.id))
      .all(),
  );
  const actors = creatorNames(
    db,
    'defectStep',
    steps.map((s) => s.id),
  );
  const itemIds = [...new Set(rows.flatMap((d) => (d.itemId ? [d.itemId] : [])))];
  const itemNames = new Map(
    chunks(itemIds).flatMap((part) =>
      db
        .select({ id: inspectionItems.id, name: inspectionItems.name })
        .from(inspectionItems)
        .where(inArray(inspectionItems.id, part))
        .all()
        .map((i) => [i.id, i.name] as const),
    ),
  );
  const categoryIds = [...new Set(rows.flatMap((d) => (d.categoryId ? [d.categoryId] : [])))];
  const categories = new Map(
    chunks(categoryIds).flatMap((part) =>
      db
        .select({ id: dictItems.id, name: dictItems.name })
        .from(dictItems)
        .where(inArray(dictItems.id, part))
        .all()
        .map((c) => [c.id, c.name] as const),
    ),
  );
  const photosOf = new Map<string, DefectPhoto[]>();
  for (const p of photos) {
    const photo: DefectPhoto = { ...p, mime: p.mime as AttachmentMime, pending: pendingOf(pending, p.hash) };
    photosOf.set(p.defectId, [...(photosOf.get(p.defectId) ?? []), photo]);
  }
  const stepsOf = new Map<string, DefectView['steps']>();
  for (const s of steps) {
    const step: DefectStep & { actorName: string } = {
      ...s,
      fromStatus: s.fromStatus as DefectStatus,
      toStatus: s.toStatus as DefectStatus,
      actorName: actors.get(s.id) ?? s.createdBy,
    };
    stepsOf.set(s.defectId, [...(stepsOf.get(s.defectId) ?? []), step]);
  }
  return rows.map((d) => {
    const defect: Defect = d;
    const age = defectAge(d, today);
    return {
      ...defect,
      categoryName: d.categoryId ? (categories.get(d.categoryId) ?? '') : '',
      itemName: d.itemId ? (itemNames.get(d.itemId) ?? null) : null,
      photos: photosOf.get(d.id) ?? [],
      steps: stepsOf.get(d.id) ?? [],
      ageDays: age.days,
      overdue: age.overdue,
    };
  });
}

export function defectView(db: SiteDb, id: string, today: string): DefectView | undefined {
  const row = getDefect(db, id);
  return row ? defectViews(db, [row], today)[0] : undefined;
}

export interface DefectFilter {
  projectId: string;
  batchId?: string | undefined;
  resourceId?: string | undefined;
  buildingId?: string | undefined;
  status?: DefectStatus | undefined;
  openOnly?: boolean | undefined;
  overdueOnly?: boolean | undefined;
  contractor?: string | undefined;
  query?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * The rectification list: a project's live defects under the filters, by room and then as they
 * were found. 超期 is worked out as defectAge does: past its due date, or open more than
 * DEFECT_OVERDUE_DAYS days on `today`.
 */
export function defectList(db: SiteDb, f: DefectFilter, today: string, overdueDays: number): Page<DefectRow> {
  const where = ['d.project_id = ?', 'd.deleted_at IS NULL'];
  const params: unknown[] = [f.projectId];
  if (f.batchId) {
    where.push('d.resource_id IN (SELECT resource_id FROM handovers WHERE batch_id = ? AND deleted_at IS NULL)');
    params.push(f.batchId);
  }
  if (f.resourceId) {
    where.push('d.resource_id = ?');
    params.push(f.resourceId);
  }
  if (f.buildingId) {
    where.push("instr(r.path, '/' || ? || '/') > 0");
    params.push(f.buildingId);
  }
  if (f.status) {
    where.push('d.status = ?');
    params.push(f.status);
  }
  if (f.openOnly) where.push("d.status <> 'closed'");
  if (f.overdueOnly) {
    where.push(
      `d.status <> 'closed' AND ((d.due_date IS NOT NULL AND d.due_date < ?)
        OR CAST(julianday(?) - julianday(substr(d.created_at, 1, 10)) AS INTEGER) > ?)`,
    );
    params.push(today, today, overdueDays);
  }
  if (f.contractor !== undefined && f.contractor.trim() !== '') {
    where.push('d.contractor = ?');
    params.push(f.contractor.trim());
  }
  const query = f.query?.trim();
  if (query) {
    const pattern = containsPattern(query);
    where.push(
      `(d.description LIKE ? ESCAPE '\\' OR d.area LIKE ? ESCAPE '\\' OR d.contractor LIKE ? ESCAPE '\\'
        OR r.code LIKE ? ESCAPE '\\' OR r.name LIKE ? ESCAPE '\\')`,
    );
    params.push(pattern, pattern, pattern, pattern, pattern);
  }
  const from = `FROM defects d LEFT JOIN resources r ON r.id = d.resource_id WHERE ${where.join(' AND ')}`;
  const total = (db.$client.prepare(`SELECT count(*) AS n ${from}`).get(...params) as { n: number }).n;
  const rows = db.$client
    .prepare(
      `SELECT d.*,
         (SELECT count(*) FROM defect_photos p WHERE p.defect_id = d.id AND p.deleted_at IS NULL) AS photoCount,
         coalesce((SELECT c.name FROM dict_items c WHERE c.id = d.category_id), '') AS categoryName,
         coalesce((SELECT b.name FROM handovers h JOIN handover_batches b ON b.id = h.batch_id
                   WHERE h.resource_id = d.resource_id AND h.deleted_at IS NULL AND b.deleted_at IS NULL
                   ORDER BY h.created_at DESC, h.id DESC LIMIT 1), '') AS batchName
       ${from}
       ORDER BY r.path, r.floor_no, r.sort_order, r.code, d.created_at, d.id
       LIMIT ? OFFSET ?`,
    )
    .all(...params, f.pageSize, offsetOf(f.page, f.pageSize)) as {
    id: string;
    resource_id: string;
    inspection_id: string;
    area: string;
    description: string;
    severity: DefectRow['severity'];
    contractor: string;
    due_date: string | null;
    status: DefectStatus;
    created_at: string;
    closed_at: string | null;
    photoCount: number;
    categoryName: string;
    batchName: string;
  }[];
  const rooms = roomBriefs(
    db,
    rows.map((r) => r.resource_id),
  );
  const items = rows.map((r): DefectRow => {
    const age = defectAge({ createdAt: r.created_at, dueDate: r.due_date, status: r.status, closedAt: r.closed_at }, today);
    return {
      id: r.id,
      resourceId: r.resource_id,
      inspectionId: r.inspection_id,
      area: r.area,
      description: r.description,
      severity: r.severity,
      contractor: r.contractor,
      dueDate: r.due_date,
      status: r.status,
      createdAt: r.created_at,
      closedAt: r.closed_at,
      room: rooms.get(r.resource_id) ?? roomBrief(db, r.resource_id),
      categoryName: r.categoryName,
      batchName: r.batchName,
      photos: r.photoCount,
      ageDays: age.days,
      overdue: age.overdue,
    };
  });
  return toPage(items, total, f.page, f.pageSize);
}

/**
 * 复验清单: a room's defects that are not closed, in the order of the walk: by the area's place
 * in its inspection (the first item of that area), then by the item, then as found.
 */
export function reinspectionRows(db: SiteDb, resourceId: string): DefectRecordRow[] {
  const order = statement(
    db,
    `SELECT d.id,
       coalesce((SELECT min(it.seq) FROM inspection_items it WHERE it.inspection_id = d.inspection_id AND it.area = d.area
                   AND it.deleted_at IS NULL), 1000000) AS areaSeq,
       coalesce((SELECT it.seq FROM inspection_items it WHERE it.id = d.item_id), 1000000) AS itemSeq
     FROM defects d
     WHERE d.resource_id = ? AND d.deleted_at IS NULL AND d.status <> 'closed'
     ORDER BY areaSeq, d.area, itemSeq, d.created_at, d.id`,
  ).all(resourceId) as { id: string }[];
  if (order.length === 0) return [];
  const rows = new Map(
    chunks(order.map((o) => o.id)).flatMap((part) =>
      db
        .select()
        .from(defects)
        .where(inArray(defects.id, part))
        .all()
        .map((d) => [d.id, d] as const),
    ),
  );
  return order.flatMap((o) => {
    const row = rows.get(o.id);
    return row ? [row] : [];
  });
}
