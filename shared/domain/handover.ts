import { z } from '../validation.js';
import { attachmentDataSchema, attachmentMimeSchema, type AttachmentMime, type AttachmentPending } from './attachments.js';
import type { AuditFields } from './audit.js';
import { idSchema } from './dictionaries.js';
import { optionalText, requiredText } from './fields.js';
import { dateSchema } from './resources.js';

/**
 * 收楼/交付 and 验房, as the handover inspectors and the reception desk speak of them:
 * - 交付批次 (batch): rooms handed over together, with planned dates;
 * - 交付单 (handover): one room of a batch, its buyers (购房人) and where its handover stands;
 * - 预约 (appointment): a buyer's time slot to come and receive the room;
 * - 验房模板 (template): areas and check items per room type, versioned;
 * - 验房 (inspection): one walk through a room, internal (模拟验房/分户验收) or with the owner
 *   (入伙验房), with its items, defects and photos, 三表 readings, keys and items, signatures
 *   and outcome;
 * - 缺陷 (defect) and its 整改 steps, until 复验 closes it;
 * - 交付确认书/验房报告 (report): the PDF, locked once finalised, a new version for a later change.
 * The state rules live here, as pure functions, so the services and the renderer agree.
 */

// ─── Vocabulary ───

export const BATCH_STATUSES = [
  { code: 'planned', zh: '未开始', en: 'Planned' },
  { code: 'active', zh: '交付中', en: 'In progress' },
  { code: 'closed', zh: '已结束', en: 'Closed' },
] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number]['code'];
const BATCH_STATUS_CODES = BATCH_STATUSES.map((s) => s.code) as [BatchStatus, ...BatchStatus[]];

/** Where one room's handover stands. 'waiting': not yet received (may have appointments, inspections). */
export const HANDOVER_STATUSES = [
  { code: 'waiting', zh: '待交付', en: 'Waiting', color: 'default' },
  { code: 'accepted', zh: '已收楼', en: 'Accepted', color: 'success' },
  { code: 'acceptedWithDefects', zh: '带缺陷收楼', en: 'Accepted with defects', color: 'warning' },
  { code: 'refused', zh: '拒收', en: 'Refused', color: 'error' },
] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number]['code'];
export const HANDOVER_STATUS_CODES = HANDOVER_STATUSES.map((s) => s.code) as [HandoverStatus, ...HandoverStatus[]];

export const APPOINTMENT_STATUSES = [
  { code: 'booked', zh: '已预约', en: 'Booked', color: 'processing' },
  { code: 'arrived', zh: '已到场', en: 'Arrived', color: 'success' },
  { code: 'noShow', zh: '未到场', en: 'No-show', color: 'error' },
  { code: 'rescheduled', zh: '已改约', en: 'Rescheduled', color: 'default' },
  { code: 'cancelled', zh: '已取消', en: 'Cancelled', color: 'default' },
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number]['code'];
export const APPOINTMENT_STATUS_CODES = APPOINTMENT_STATUSES.map((s) => s.code) as [
  AppointmentStatus,
  ...AppointmentStatus[],
];
/** Appointments that still hold their slot. */
export const LIVE_APPOINTMENT_STATUSES: readonly AppointmentStatus[] = ['booked', 'arrived'];

/** Half-day and hourly slots the reception offers: "09:00-10:00". */
export const slotSchema = z
  .string({ error: '请选择时段' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, '时段格式应为 09:00-10:00')
  .refine((s) => s.slice(0, 5) < s.slice(6), '时段的结束时间应晚于开始时间');
export const DEFAULT_SLOTS = ['09:00-10:00', '10:00-11:00', '11:00-12:00', '14:00-15:00', '15:00-16:00', '16:00-17:00'];

export const INSPECTION_KINDS = [
  { code: 'pre', zh: '模拟验房', en: 'Pre-inspection' },
  { code: 'owner', zh: '入伙验房', en: "Owner's inspection" },
] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number]['code'];
const INSPECTION_KIND_CODES = INSPECTION_KINDS.map((k) => k.code) as [InspectionKind, ...InspectionKind[]];

export const INSPECTION_STATUSES = [
  { code: 'open', zh: '验房中', en: 'In progress' },
  { code: 'completed', zh: '已完成', en: 'Completed' },
] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number]['code'];

export const ITEM_RESULTS = [
  { code: 'pass', zh: '合格', en: 'Pass', key: '1' },
  { code: 'fail', zh: '不合格', en: 'Fail', key: '2' },
  { code: 'na', zh: '不适用', en: 'N/A', key: '3' },
] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number]['code'];
const ITEM_RESULT_CODES = ITEM_RESULTS.map((r) => r.code) as [ItemResult, ...ItemResult[]];

/** The outcome of an owner's inspection. */
export const OUTCOMES = [
  { code: 'accepted', zh: '收楼', en: 'Accepted' },
  { code: 'acceptedWithDefects', zh: '带缺陷收楼', en: 'Accepted with open defects' },
  { code: 'refused', zh: '拒收', en: 'Refused' },
] as const;
export type Outcome = (typeof OUTCOMES)[number]['code'];
const OUTCOME_CODES = OUTCOMES.map((o) => o.code) as [Outcome, ...Outcome[]];

export const DEFECT_SEVERITIES = [
  { code: 'minor', zh: '一般', en: 'Minor', color: 'default' },
  { code: 'major', zh: '严重', en: 'Major', color: 'warning' },
  { code: 'critical', zh: '紧急', en: 'Critical', color: 'error' },
] as const;
export type DefectSeverity = (typeof DEFECT_SEVERITIES)[number]['code'];
const SEVERITY_CODES = DEFECT_SEVERITIES.map((s) => s.code) as [DefectSeverity, ...DefectSeverity[]];

/** 整改 states: 待整改 → 整改中 → 待复验 → 已关闭; 复验不通过 sends it back to 待整改. */
export const DEFECT_STATUSES = [
  { code: 'open', zh: '待整改', en: 'To rectify', color: 'error' },
  { code: 'rectifying', zh: '整改中', en: 'Rectifying', color: 'processing' },
  { code: 'awaitingReinspection', zh: '待复验', en: 'Awaiting re-inspection', color: 'warning' },
  { code: 'closed', zh: '已关闭', en: 'Closed', color: 'success' },
] as const;
export type DefectStatus = (typeof DEFECT_STATUSES)[number]['code'];
export const DEFECT_STATUS_CODES = DEFECT_STATUSES.map((s) => s.code) as [DefectStatus, ...DefectStatus[]];

/** The moves of the rectification loop: each is a step with who, when, a note and photos. */
export const DEFECT_ACTIONS = [
  { code: 'start', zh: '开始整改', en: 'Start rectifying', from: ['open'], to: 'rectifying' },
  { code: 'submit', zh: '整改完成，提交复验', en: 'Submit for re-inspection', from: ['open', 'rectifying'], to: 'awaitingReinspection' },
  { code: 'pass', zh: '复验通过', en: 'Re-inspection passed', from: ['awaitingReinspection'], to: 'closed' },
  { code: 'fail', zh: '复验不通过', en: 'Re-inspection failed', from: ['awaitingReinspection'], to: 'open' },
  { code: 'reopen', zh: '重新打开', en: 'Reopen', from: ['closed'], to: 'open' },
] as const satisfies readonly { code: string; zh: string; en: string; from: readonly DefectStatus[]; to: DefectStatus }[];
export type DefectAction = (typeof DEFECT_ACTIONS)[number]['code'];
const DEFECT_ACTION_CODES = DEFECT_ACTIONS.map((a) => a.code) as [DefectAction, ...DefectAction[]];

export const PHOTO_STAGES = [
  { code: 'before', zh: '整改前', en: 'Before' },
  { code: 'after', zh: '整改后', en: 'After' },
] as const;
export type PhotoStage = (typeof PHOTO_STAGES)[number]['code'];
const PHOTO_STAGE_CODES = PHOTO_STAGES.map((s) => s.code) as [PhotoStage, ...PhotoStage[]];

/** 三表. */
export const METERS = [
  { code: 'water', zh: '水表', en: 'Water', unit: 'm³' },
  { code: 'electricity', zh: '电表', en: 'Electricity', unit: 'kWh' },
  { code: 'gas', zh: '燃气表', en: 'Gas', unit: 'm³' },
] as const;
export type MeterKind = (typeof METERS)[number]['code'];
const METER_CODES = METERS.map((m) => m.code) as [MeterKind, ...MeterKind[]];

/** What is handed over with the room: keys, access cards, documents (资料), other items. */
export const HANDED_KINDS = [
  { code: 'key', zh: '钥匙', en: 'Key' },
  { code: 'card', zh: '门禁卡', en: 'Access card' },
  { code: 'document', zh: '资料', en: 'Document' },
  { code: 'other', zh: '其他物品', en: 'Other' },
] as const;
export type HandedKind = (typeof HANDED_KINDS)[number]['code'];
const HANDED_KIND_CODES = HANDED_KINDS.map((k) => k.code) as [HandedKind, ...HandedKind[]];

export const SIGNERS = [
  { code: 'owner', zh: '业主签字', en: 'Owner' },
  { code: 'staff', zh: '工作人员签字', en: 'Staff' },
] as const;
export type Signer = (typeof SIGNERS)[number]['code'];

/** A defect open longer than this many days, or past its due date, is flagged 超期. */
export const DEFECT_OVERDUE_DAYS = 15;

// ─── Records as the renderer sees them ───

export interface HandoverBatch extends AuditFields {
  name: string;
  plannedStart: string;
  plannedEnd: string;
  status: BatchStatus;
  remark: string;
}

export interface Buyer {
  customerId: string;
  role: 'owner' | 'coOwner';
  share: number | null;
}

export interface Handover extends AuditFields {
  batchId: string;
  resourceId: string;
  buyers: Buyer[];
  status: HandoverStatus;
  /** The date the buyers received the room (收楼日期) or refused it. */
  outcomeOn: string | null;
  outcomeInspectionId: string | null;
  refusalReason: string;
  remark: string;
}

export interface Appointment extends AuditFields {
  handoverId: string;
  resourceId: string;
  customerId: string;
  date: string;
  slot: string;
  status: AppointmentStatus;
  /** The appointment that replaced this one, when rescheduled. */
  rescheduledTo: string | null;
  remark: string;
}

export interface TemplateItem {
  name: string;
}
export interface TemplateArea {
  name: string;
  items: TemplateItem[];
}

export interface InspectionTemplate extends AuditFields {
  /** The id of the template's first version: every version of one template shares it. */
  familyId: string;
  name: string;
  /** The room type (户型) it is for; '' for every room without a template of its own. */
  houseType: string;
  version: number;
  status: 'draft' | 'published' | 'retired';
  areas: TemplateArea[];
  /** 户型图: sha256 of the floor plan image, where defects are pinned. */
  floorPlanHash: string | null;
  remark: string;
}

export interface InspectionItem extends AuditFields {
  inspectionId: string;
  area: string;
  name: string;
  seq: number;
  result: ItemResult | null;
  remark: string;
}

export interface Inspection extends AuditFields {
  resourceId: string;
  handoverId: string | null;
  kind: InspectionKind;
  customerId: string | null;
  templateId: string;
  templateVersion: number;
  status: InspectionStatus;
  startedAt: string;
  completedAt: string | null;
  outcome: Outcome | null;
  outcomeOn: string | null;
  refusalReason: string;
  ownerSignatureHash: string | null;
  ownerSignedAt: string | null;
  ownerSignerName: string;
  staffSignatureHash: string | null;
  staffSignedAt: string | null;
  staffSignerName: string;
  remark: string;
}

export interface Defect extends AuditFields {
  resourceId: string;
  inspectionId: string;
  itemId: string | null;
  area: string;
  /** Pin on the 户型图, 0–1 from the left and the top. */
  pinX: number | null;
  pinY: number | null;
  categoryId: string | null;
  description: string;
  severity: DefectSeverity;
  contractor: string;
  dueDate: string | null;
  status: DefectStatus;
  closedAt: string | null;
}

export interface DefectStep extends AuditFields {
  defectId: string;
  action: DefectAction;
  fromStatus: DefectStatus;
  toStatus: DefectStatus;
  note: string;
}

export interface AttachmentRef {
  hash: string;
  mime: AttachmentMime;
  size: number;
  /** The file is still to upload, or not yet downloaded to this device. */
  pending: AttachmentPending;
}

export interface DefectPhoto extends AuditFields, AttachmentRef {
  defectId: string;
  stage: PhotoStage;
  takenAt: string | null;
}

export interface MeterReading extends AuditFields {
  inspectionId: string;
  meter: MeterKind;
  reading: number;
  photoHash: string | null;
  readAt: string;
}

export interface HandedItem extends AuditFields {
  inspectionId: string;
  kind: HandedKind;
  name: string;
  count: number;
  /** For documents: signed by the owner on receipt. */
  signed: boolean;
  remark: string;
}

export interface HandoverReport extends AuditFields {
  inspectionId: string;
  version: number;
  /** sha256 of the PDF file (its attachment). */
  hash: string;
  size: number;
  /** sha256 of the report's canonical content, printed on every page. */
  contentHash: string;
  pages: number;
  finalizedAt: string;
}

// ─── Inputs ───

const remark = optionalText('备注', 200);

export const batchInput = z
  .object({
    name: requiredText('批次名称', 50),
    plannedStart: dateSchema,
    plannedEnd: dateSchema,
    remark,
  })
  .refine((b) => b.plannedEnd >= b.plannedStart, { message: '计划结束日期不能早于开始日期', path: ['plannedEnd'] });

export const batchStatusSchema = z.enum(BATCH_STATUS_CODES, { error: '请选择批次状态' });

export const buyerSchema = z.object({
  customerId: idSchema,
  role: z.enum(['owner', 'coOwner'], { error: '请选择业主或共有人' }),
  share: z.number().gt(0, '份额必须大于0').max(100, '份额不能超过100%').nullable().default(null),
});
export const buyersSchema = z
  .array(buyerSchema)
  .max(10, '购房人最多10位')
  .refine((b) => b.filter((x) => x.role === 'owner').length <= 1, '购房人中只能有一位业主（其余为共有人）')
  .refine((b) => b.length === 0 || b.some((x) => x.role === 'owner'), '请指定一位业主')
  .refine((b) => new Set(b.map((x) => x.customerId)).size === b.length, '同一客户不能重复登记为购房人');

export const appointmentInput = z.object({
  handoverId: idSchema,
  customerId: idSchema,
  date: dateSchema,
  slot: slotSchema,
  remark,
});

export const templateAreasSchema = z
  .array(
    z.object({
      name: requiredText('区域名称', 20),
      items: z
        .array(z.object({ name: requiredText('检查项名称', 30) }))
        .min(1, '每个区域至少要有一个检查项')
        .max(60, '一个区域最多60个检查项'),
    }),
  )
  .min(1, '模板至少要有一个区域')
  .max(30, '模板最多30个区域')
  .refine((areas) => new Set(areas.map((a) => a.name)).size === areas.length, '区域名称不能重复')
  .refine((areas) => areas.every((a) => new Set(a.items.map((i) => i.name)).size === a.items.length), '同一区域内检查项不能重复');

export const templateInput = z.object({
  name: requiredText('模板名称', 50),
  houseType: optionalText('户型', 30),
  areas: templateAreasSchema,
  remark,
});

export const inspectionStartInput = z
  .object({
    resourceId: idSchema,
    kind: z.enum(INSPECTION_KIND_CODES, { error: '请选择验房类型' }),
    /** For an owner's inspection: the room's handover and the customer inspecting. */
    handoverId: idSchema.nullable().default(null),
    customerId: idSchema.nullable().default(null),
    /** Left out: the published template for the room's type (户型), else the general one. */
    templateId: idSchema.nullable().default(null),
  })
  .refine((v) => v.kind === 'pre' || (v.handoverId !== null && v.customerId !== null), {
    message: '入伙验房需要选择交付单和验房客户',
    path: ['customerId'],
  });

export const itemResultSchema = z.enum(ITEM_RESULT_CODES, { error: '请选择检查结果' });

export const pinSchema = z
  .object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) })
  .nullable()
  .default(null);

export const defectFields = z.object({
  area: requiredText('部位', 20),
  pin: pinSchema,
  categoryId: idSchema.nullable().default(null),
  description: requiredText('缺陷描述', 500),
  severity: z.enum(SEVERITY_CODES, { error: '请选择严重程度' }).default('minor'),
  contractor: optionalText('责任单位', 50),
  dueDate: dateSchema.nullable().default(null),
});

export const defectInput = defectFields.extend({
  inspectionId: idSchema,
  itemId: idSchema.nullable().default(null),
});

const takenAtSchema = z
  .union([dateSchema, z.iso.datetime({ offset: true, error: '拍摄时间格式不正确' })])
  .nullable()
  .default(null);

/** A photo as it arrives from a file or the camera. */
export const photoInput = z.object({
  mime: attachmentMimeSchema,
  dataBase64: attachmentDataSchema,
  takenAt: takenAtSchema,
});

export const defectPhotoInput = photoInput.extend({
  defectId: idSchema,
  stage: z.enum(PHOTO_STAGE_CODES).default('before'),
});

export const defectActionInput = z.object({
  id: idSchema,
  action: z.enum(DEFECT_ACTION_CODES, { error: '请选择整改操作' }),
  note: optionalText('说明', 200),
  /** 整改后 photos taken with the step. */
  photos: z.array(photoInput).max(10, '一次最多上传10张照片').default([]),
});

export const meterInput = z.object({
  inspectionId: idSchema,
  meter: z.enum(METER_CODES, { error: '请选择表计' }),
  reading: z
    .number({ error: '读数必须是数字' })
    .min(0, '读数不能为负数')
    .max(99_999_999, '读数过大')
    .transform((n) => Math.round(n * 1000) / 1000),
  photo: photoInput.nullable().default(null),
});

export const handedItemInput = z.object({
  inspectionId: idSchema,
  /** Given: updates that item. */
  id: idSchema.optional(),
  kind: z.enum(HANDED_KIND_CODES, { error: '请选择物品类别' }),
  name: requiredText('物品名称', 30),
  count: z.number({ error: '数量必须是数字' }).int('数量必须是整数').min(0, '数量不能为负数').max(99, '数量不能超过99'),
  signed: z.boolean().default(false),
  remark,
});

export const signatureInput = z.object({
  inspectionId: idSchema,
  signer: z.enum(['owner', 'staff']),
  signerName: requiredText('签字人', 50),
  /** The drawing as PNG. */
  dataBase64: attachmentDataSchema,
});

export const completeInput = z
  .object({
    inspectionId: idSchema,
    /** Owner's inspection: the outcome; a pre-inspection has none. */
    outcome: z.enum(OUTCOME_CODES).nullable().default(null),
    outcomeOn: dateSchema,
    refusalReason: optionalText('拒收原因', 200),
  })
  .refine((v) => v.outcome !== 'refused' || v.refusalReason.length > 0, {
    message: '拒收时请填写拒收原因',
    path: ['refusalReason'],
  });

// ─── State rules ───

/** What a completion needs, in Chinese; empty when the inspection may complete with that outcome. */
export function completionProblems(input: {
  kind: InspectionKind;
  status: InspectionStatus;
  outcome: Outcome | null;
  refusalReason: string;
  unchecked: number;
  openDefects: number;
  ownerSigned: boolean;
  staffSigned: boolean;
  handoverStatus: HandoverStatus | null;
}): string[] {
  const problems: string[] = [];
  if (input.status === 'completed') return ['该验房已完成，不能再次提交'];
  if (input.unchecked > 0) problems.push(`还有 ${input.unchecked} 个检查项未检查`);
  if (input.kind === 'pre') {
    if (input.outcome !== null) problems.push('模拟验房没有收楼结论');
    if (!input.staffSigned) problems.push('请工作人员签字');
    return problems;
  }
  if (input.outcome === null) {
    problems.push('请选择验房结论：收楼、带缺陷收楼或拒收');
    return problems;
  }
  if (input.handoverStatus === 'accepted' || input.handoverStatus === 'acceptedWithDefects') {
    problems.push('该房间已办理收楼，不能再次收楼');
  }
  if (input.outcome === 'refused') {
    if (input.refusalReason.length === 0) problems.push('拒收时请填写拒收原因');
    if (!input.staffSigned) problems.push('请工作人员签字');
    return problems;
  }
  if (!input.ownerSigned || !input.staffSigned) problems.push('收楼需要业主和工作人员双方签字');
  if (input.outcome === 'accepted' && input.openDefects > 0) {
    problems.push(`还有 ${input.openDefects} 个未关闭的缺陷，请选择“带缺陷收楼”`);
  }
  return problems;
}

/** The step a defect action makes from a status, or the Chinese reason it cannot. */
export function defectTransition(from: DefectStatus, action: DefectAction): { to: DefectStatus } | { problem: string } {
  const def = DEFECT_ACTIONS.find((a) => a.code === action);
  if (!def) return { problem: '不支持的整改操作' };
  if (!(def.from as readonly DefectStatus[]).includes(from)) {
    const label = DEFECT_STATUSES.find((s) => s.code === from)?.zh ?? from;
    return { problem: `缺陷当前为“${label}”，不能${def.zh}` };
  }
  return { to: def.to };
}

/** Days a defect has been open on a date, and whether it is 超期 (past due, or open too long). */
export function defectAge(
  defect: { createdAt: string; dueDate: string | null; status: DefectStatus; closedAt: string | null },
  today: string,
): { days: number; overdue: boolean } {
  const end = defect.status === 'closed' && defect.closedAt ? defect.closedAt.slice(0, 10) : today;
  const days = Math.max(0, Math.floor((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${defect.createdAt.slice(0, 10)}T00:00:00Z`)) / 86_400_000));
  if (defect.status === 'closed') return { days, overdue: false };
  const pastDue = defect.dueDate !== null && defect.dueDate < today;
  return { days, overdue: pastDue || days > DEFECT_OVERDUE_DAYS };
}

/** A completed inspection is a record of what was found: its items, readings and keys no longer change. */
export const INSPECTION_LOCKED = '该验房已完成，内容已锁定；如需更正请发起新的验房';
/** A finalised report is never edited: a later change makes a new version. */
export const REPORT_LOCKED = '已定稿的验房报告不能修改，内容变化后请生成新版本';
