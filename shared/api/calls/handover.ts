import { z } from '../../validation.js';
import { call } from '../define.js';
import { pagingInput, type Page } from '../../domain/paging.js';
import { idListSchema, idSchema } from '../../domain/dictionaries.js';
import { dateSchema, type Resource } from '../../domain/resources.js';
import type { CustomerBrief } from '../../domain/customers.js';
import type { AttachmentMime } from '../../domain/attachments.js';
import {
  APPOINTMENT_STATUS_CODES,
  appointmentInput,
  batchInput,
  batchStatusSchema,
  buyersSchema,
  completeInput,
  DEFECT_STATUS_CODES,
  defectActionInput,
  defectFields,
  defectInput,
  defectPhotoInput,
  handedItemInput,
  HANDOVER_STATUS_CODES,
  itemResultSchema,
  meterInput,
  signatureInput,
  slotSchema,
  templateInput,
  inspectionStartInput,
  type Appointment,
  type AppointmentStatus,
  type AttachmentRef,
  type Buyer,
  type Defect,
  type DefectPhoto,
  type DefectStep,
  type HandedItem,
  type Handover,
  type HandoverBatch,
  type HandoverReport,
  type HandoverStatus,
  type Inspection,
  type InspectionItem,
  type InspectionTemplate,
  type MeterReading,
} from '../../domain/handover.js';

type RoomBrief = Pick<Resource, 'id' | 'kind' | 'code' | 'name' | 'houseType' | 'status' | 'buildArea'> & {
  /** "1栋 2单元 301": the room's place, for lists and the report. */
  place: string;
  buildingId: string | null;
};

export interface BatchSummary extends HandoverBatch {
  rooms: number;
  appointed: number;
  inspected: number;
  accepted: number;
  refused: number;
  openDefects: number;
}

/** One room of a batch, as the handover list shows it. */
export interface HandoverRow {
  id: string;
  batchId: string;
  room: RoomBrief;
  buyers: (Buyer & { name: string })[];
  status: HandoverStatus;
  outcomeOn: string | null;
  /** The next live appointment. */
  appointment: Pick<Appointment, 'id' | 'date' | 'slot' | 'status'> | null;
  inspections: number;
  openDefects: number;
  updatedAt: string;
}

export interface HandoverView {
  handover: Handover;
  batch: HandoverBatch;
  room: RoomBrief;
  buyers: (Buyer & { customer: CustomerBrief })[];
  /** The room's current owner group, as the relations have it. */
  currentOwners: CustomerBrief[];
  appointments: (Appointment & { customerName: string })[];
  inspections: (Pick<Inspection, 'id' | 'kind' | 'status' | 'outcome' | 'startedAt' | 'completedAt' | 'customerId'> & {
    items: number;
    failed: number;
    defects: number;
    latestReport: Pick<HandoverReport, 'id' | 'version' | 'contentHash'> | null;
  })[];
  openDefects: number;
}

/** A line of the reception desk's list for one day. */
export interface DayListRow {
  appointmentId: string;
  handoverId: string;
  date: string;
  slot: string;
  status: AppointmentStatus;
  customer: CustomerBrief;
  room: RoomBrief;
  batchName: string;
  handoverStatus: HandoverStatus;
  /** The inspection under way or done for this handover, if any. */
  inspectionId: string | null;
  remark: string;
}

export interface TemplateSummary {
  id: string;
  familyId: string;
  name: string;
  houseType: string;
  version: number;
  status: InspectionTemplate['status'];
  areas: number;
  items: number;
  hasFloorPlan: boolean;
  updatedAt: string;
  /** Inspections made with this version (a used version is never edited in place). */
  used: number;
}

export interface DefectView extends Defect {
  categoryName: string;
  itemName: string | null;
  photos: DefectPhoto[];
  steps: (DefectStep & { actorName: string })[];
  ageDays: number;
  overdue: boolean;
}

export interface InspectionView {
  inspection: Inspection;
  room: RoomBrief;
  customer: CustomerBrief | null;
  handover: Pick<Handover, 'id' | 'status' | 'batchId'> | null;
  template: Pick<InspectionTemplate, 'id' | 'name' | 'version' | 'houseType'> & { floorPlan: AttachmentRef | null };
  /** In template order. */
  items: InspectionItem[];
  defects: DefectView[];
  /** Open defects of the room found by earlier inspections (a refused room keeps them). */
  carriedDefects: DefectView[];
  meters: (MeterReading & { photo: AttachmentRef | null })[];
  handed: HandedItem[];
  signatures: { owner: AttachmentRef | null; staff: AttachmentRef | null };
  reports: HandoverReport[];
  /** What completing with each outcome would still need (shared/domain/handover.ts completionProblems). */
  unchecked: number;
  inspectorName: string;
}

/** A defect as the rectification list shows it. */
export interface DefectRow
  extends Pick<
    Defect,
    'id' | 'resourceId' | 'inspectionId' | 'area' | 'description' | 'severity' | 'contractor' | 'dueDate' | 'status' | 'createdAt' | 'closedAt'
  > {
  room: RoomBrief;
  categoryName: string;
  batchName: string;
  photos: number;
  ageDays: number;
  overdue: boolean;
}

export interface ProgressCounts {
  rooms: number;
  appointed: number;
  inspected: number;
  accepted: number;
  acceptedWithDefects: number;
  refused: number;
  openDefects: number;
}

/** 交付进度. */
export interface ProgressView {
  totals: ProgressCounts;
  byBatch: (ProgressCounts & { batchId: string; name: string })[];
  byBuilding: (ProgressCounts & { buildingId: string | null; name: string })[];
  defectsByCategory: { name: string; open: number; closed: number }[];
  defectsByContractor: { name: string; open: number; closed: number; overdue: number }[];
}

const defectFilter = z.object({
  batchId: idSchema.optional(),
  resourceId: idSchema.optional(),
  buildingId: idSchema.optional(),
  status: z.enum(DEFECT_STATUS_CODES).optional(),
  /** Every status but 已关闭. */
  openOnly: z.boolean().default(false),
  overdueOnly: z.boolean().default(false),
  contractor: z.string().max(50).optional(),
  query: z.string().max(50).optional(),
});

export const handoverCalls = {
  // ─── 交付批次 ───
  'handover.batchList': call<BatchSummary[]>()({
    input: z.object({ includeClosed: z.boolean().default(true) }),
    errors: ['PROJECT_NOT_VISIBLE'],
  }),
  /** A batch of rooms, chosen one by one or as every room under buildings, units or floors. */
  'handover.batchCreate': call<BatchSummary>()({
    input: batchInput.and(z.object({ resourceIds: idListSchema })),
    errors: ['NOT_FOUND', 'DUPLICATE_NAME', 'PROJECT_NOT_VISIBLE', 'HANDOVER_RULE'],
  }),
  'handover.batchUpdate': call<BatchSummary>()({
    input: batchInput.and(z.object({ id: idSchema, status: batchStatusSchema })),
    errors: ['NOT_FOUND', 'DUPLICATE_NAME', 'HANDOVER_RULE'],
  }),
  /** Adds rooms (or every room under the given buildings/units/floors); rooms already in another open batch are left out. */
  'handover.batchAddRooms': call<{ added: number; skipped: number }>()({
    input: z.object({ batchId: idSchema, resourceIds: idListSchema }),
    errors: ['NOT_FOUND', 'HANDOVER_RULE'],
  }),
  'handover.remove': call<{ removed: boolean }>()({ input: z.object({ id: idSchema }), errors: ['NOT_FOUND', 'HANDOVER_RULE'] }),

  // ─── 交付单 ───
  'handover.list': call<Page<HandoverRow>>()({
    input: z.object({
      batchId: idSchema.optional(),
      buildingId: idSchema.optional(),
      status: z.enum(HANDOVER_STATUS_CODES).optional(),
      query: z.string().max(50).optional(),
      ...pagingInput,
    }),
    errors: ['PROJECT_NOT_VISIBLE'],
  }),
  'handover.view': call<HandoverView>()({ input: z.object({ id: idSchema }), errors: ['NOT_FOUND'] }),
  /** 购房人: defaults to the room's current owner group when the room joins a batch. */
  'handover.setBuyers': call<HandoverView>()({
    input: z.object({ id: idSchema, buyers: buyersSchema }),
    errors: ['NOT_FOUND', 'HANDOVER_RULE', 'CUSTOMER_MERGED'],
  }),

  // ─── 预约 ───
  'appointment.book': call<Appointment>()({ input: appointmentInput, errors: ['NOT_FOUND', 'HANDOVER_RULE'] }),
  /** 改约: the old appointment becomes 已改约 and points at the new one. */
  'appointment.reschedule': call<Appointment>()({
    input: z.object({ id: idSchema, date: dateSchema, slot: slotSchema }),
    errors: ['NOT_FOUND', 'HANDOVER_RULE'],
  }),
  'appointment.setStatus': call<Appointment>()({
    input: z.object({ id: idSchema, status: z.enum(APPOINTMENT_STATUS_CODES).exclude(['rescheduled']) }),
    errors: ['NOT_FOUND', 'HANDOVER_RULE'],
  }),
  /** The reception desk's list of a day, by slot. */
  'appointment.day': call<DayListRow[]>()({ input: z.object({ date: dateSchema }), errors: ['PROJECT_NOT_VISIBLE'] }),

  // ─── 验房模板 ───
  'template.list': call<TemplateSummary[]>()({
    input: z.object({ includeRetired: z.boolean().default(false) }),
    errors: ['PROJECT_NOT_VISIBLE'],
  }),
  'template.get': call<InspectionTemplate & { floorPlan: AttachmentRef | null }>()({
    input: z.object({ id: idSchema }),
    errors: ['NOT_FOUND'],
  }),
  /** A new template (version 1, draft). */
  'template.create': call<InspectionTemplate>()({ input: templateInput, errors: ['DUPLICATE_NAME', 'PROJECT_NOT_VISIBLE'] }),
  /**
   * Saves a template's content. A draft is edited in place; a published version is never
   * changed: saving it makes the next version as a draft.
   */
  'template.save': call<InspectionTemplate>()({
    input: templateInput.extend({ id: idSchema }),
    errors: ['NOT_FOUND', 'DUPLICATE_NAME', 'TEMPLATE_RULE'],
  }),
  /** Publishes a draft; the family's earlier published version is retired (inspections keep theirs). */
  'template.publish': call<InspectionTemplate>()({ input: z.object({ id: idSchema }), errors: ['NOT_FOUND', 'TEMPLATE_RULE'] }),
  'template.setFloorPlan': call<InspectionTemplate>()({
    input: z.object({ id: idSchema, mime: z.enum(['image/jpeg', 'image/png', 'image/webp']), dataBase64: z.string().min(1) }),
    errors: ['NOT_FOUND', 'TEMPLATE_RULE'],
  }),

  // ─── 验房 ───
  /** Starts an inspection (or returns the open one of the same room and kind): items copied from the template version. */
  'inspection.start': call<InspectionView>()({
    input: inspectionStartInput,
    errors: ['NOT_FOUND', 'HANDOVER_RULE', 'TEMPLATE_RULE', 'RESOURCE_ENDED'],
  }),
  'inspection.view': call<InspectionView>()({ input: z.object({ id: idSchema }), errors: ['NOT_FOUND'] }),
  'inspection.listForRoom': call<InspectionView['inspection'][]>()({ input: z.object({ resourceId: idSchema }) }),
  /** One tap: durable when it returns. */
  'inspection.setItem': call<InspectionItem>()({
    input: z.object({ id: idSchema, result: itemResultSchema.nullable(), remark: z.string().max(200).optional() }),
    errors: ['NOT_FOUND', 'INSPECTION_LOCKED'],
  }),
  /** 其余合格: every unchecked item (of one area, or all) passes. */
  'inspection.passRemaining': call<{ changed: number }>()({
    input: z.object({ inspectionId: idSchema, area: z.string().max(20).optional() }),
    errors: ['NOT_FOUND', 'INSPECTION_LOCKED'],
  }),
  'inspection.setMeter': call<MeterReading & { photo: AttachmentRef | null }>()({
    input: meterInput,
    errors: ['NOT_FOUND', 'INSPECTION_LOCKED'],
  }),
  'inspection.saveHanded': call<HandedItem>()({ input: handedItemInput, errors: ['NOT_FOUND', 'INSPECTION_LOCKED'] }),
  'inspection.removeHanded': call<{ removed: boolean }>()({
    input: z.object({ id: idSchema }),
    errors: ['NOT_FOUND', 'INSPECTION_LOCKED'],
  }),
  'inspection.sign': call<AttachmentRef>()({ input: signatureInput, errors: ['NOT_FOUND', 'INSPECTION_LOCKED'] }),
  'inspection.clearSignature': call<{ ok: true }>()({
    input: z.object({ inspectionId: idSchema, signer: z.enum(['owner', 'staff']) }),
    errors: ['NOT_FOUND', 'INSPECTION_LOCKED'],
  }),
  /**
   * Completes the inspection with its outcome. Acceptance makes the handover's buyers the
   * room's owner group from outcomeOn and the room 已交付; refusal keeps every defect open.
   */
  'inspection.complete': call<InspectionView>()({
    input: completeInput,
    errors: ['NOT_FOUND', 'INSPECTION_LOCKED', 'HANDOVER_RULE', 'RELATION_RULE'],
  }),

  // ─── 缺陷与整改 ───
  'defect.create': call<DefectView>()({ input: defectInput, errors: ['NOT_FOUND', 'INSPECTION_LOCKED'] }),
  'defect.update': call<DefectView>()({
    input: defectFields.extend({ id: idSchema }),
    errors: ['NOT_FOUND', 'DEFECT_RULE'],
  }),
  'defect.remove': call<{ removed: boolean }>()({
    input: z.object({ id: idSchema }),
    errors: ['NOT_FOUND', 'INSPECTION_LOCKED'],
  }),
  'defect.addPhoto': call<DefectPhoto>()({ input: defectPhotoInput, errors: ['NOT_FOUND', 'DEFECT_RULE'] }),
  'defect.removePhoto': call<{ removed: boolean }>()({ input: z.object({ id: idSchema }), errors: ['NOT_FOUND', 'DEFECT_RULE'] }),
  /** A step of the rectification loop (开始整改, 提交复验, 复验通过, 复验不通过, 重新打开). */
  'defect.act': call<DefectView>()({ input: defectActionInput, errors: ['NOT_FOUND', 'DEFECT_RULE'] }),
  'defect.view': call<DefectView>()({ input: z.object({ id: idSchema }), errors: ['NOT_FOUND'] }),
  'defect.list': call<Page<DefectRow>>()({ input: defectFilter.extend(pagingInput), errors: ['PROJECT_NOT_VISIBLE'] }),
  /** 复验清单: a room's open defects only, in the order of the walk. */
  'defect.reinspectionList': call<DefectView[]>()({ input: z.object({ resourceId: idSchema }) }),
  'defect.export': call<{ fileName: string; dataBase64: string }>()({ input: defectFilter, errors: ['PROJECT_NOT_VISIBLE'] }),

  // ─── 附件 (photos, signatures, floor plans, reports) ───
  /** Any handover attachment by its hash; ATTACHMENT_PENDING while not yet on this device. */
  'handover.attachment': call<{ mime: AttachmentMime; dataBase64: string; size: number }>()({
    input: z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, '附件标识格式不正确') }),
    errors: ['NOT_FOUND', 'ATTACHMENT_PENDING'],
  }),

  // ─── 报告 ───
  /**
   * Finalises the report of a completed inspection: a PDF with its content hash printed on it,
   * locked. Unchanged content returns the latest version; changed content makes the next one.
   */
  'report.finalize': call<HandoverReport>()({
    input: z.object({ inspectionId: idSchema }),
    errors: ['NOT_FOUND', 'HANDOVER_RULE', 'PROJECT_NOT_VISIBLE', 'ATTACHMENT_PENDING'],
  }),
  /** The PDF of a finalised version. */
  'report.content': call<{ fileName: string; dataBase64: string; contentHash: string }>()({
    input: z.object({ id: idSchema }),
    errors: ['NOT_FOUND', 'ATTACHMENT_PENDING', 'PROJECT_NOT_VISIBLE'],
  }),

  // ─── 交付进度 ───
  'handover.progress': call<ProgressView>()({
    input: z.object({ batchId: idSchema.optional() }),
    errors: ['PROJECT_NOT_VISIBLE'],
  }),
  'handover.progressExport': call<{ fileName: string; dataBase64: string }>()({
    input: z.object({ batchId: idSchema.optional() }),
    errors: ['PROJECT_NOT_VISIBLE'],
  }),
} as const;
