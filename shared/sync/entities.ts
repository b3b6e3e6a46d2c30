import type { EntityName } from '../domain/audit.js';
import { RESOURCE_STATUSES } from '../domain/resources.js';
import { APPOINTMENT_STATUSES, DEFECT_STATUSES, HANDOVER_STATUSES } from '../domain/handover.js';

const handoverStatusLabel = (value: unknown) => HANDOVER_STATUSES.find((s) => s.code === value)?.zh ?? String(value ?? '空');
const appointmentStatusLabel = (value: unknown) => APPOINTMENT_STATUSES.find((s) => s.code === value)?.zh ?? String(value ?? '空');
const defectStatusLabel = (value: unknown) => DEFECT_STATUSES.find((s) => s.code === value)?.zh ?? String(value ?? '空');
const statusLabel = (value: unknown) => RESOURCE_STATUSES.find((s) => s.code === value)?.zh ?? String(value ?? '空');

/**
 * How each synced entity travels and which rules the server decides for it. Everything the
 * sync mechanism knows of an entity is here, so a new entity (handover records) syncs by
 * adding a line, with no protocol work.
 */
export interface EntitySyncSpec {
  /**
   * Where its changes are published:
   * - project: the record's own project feed;
   * - group: the group feed every device pulls (dictionaries, organisation);
   * - customer: the feeds of the projects the owning customer belongs to.
   */
  scope: 'project' | 'group' | 'customer';
  /** For scope 'customer': the field naming the owning customer (the customer itself: 'id'). */
  ownerField?: string;
  /** Fields that point at other records: the server refuses a change whose target it lacks. */
  references?: Record<string, EntityName>;
  /**
   * State fields moved only from the value the author saw (compare-and-set): a room sold
   * in two offices offline is sold once, and the second sale comes back as a conflict.
   */
  guardedFields?: readonly string[];
  /**
   * Setting one of these fields requires the record unchanged on the server since the
   * author last saw it (a split or merge of a room that changed meanwhile is refused).
   */
  wholeRecordGuard?: readonly string[];
  /** Only administrators may change it (the organisation is the group's, not an office's). */
  adminOnly?: boolean;
  /** The Chinese reason when a guarded field moved on the server meanwhile. */
  staleMessage?: (field: string, serverValue: unknown) => string;
  /**
   * Fields holding the sha256 of an attachment (a photo, a signature, an ID scan). The record
   * travels in the change feed as any other; the bytes travel apart, content-addressed, through
   * the attachment endpoints: uploaded after the record is pushed, downloaded after it is
   * pulled. The server never waits for them, so a record can sync before its photos.
   */
  blobFields?: readonly string[];
  /** Written once, never updated nor deleted (a finalised report): the server refuses any later change. */
  immutable?: boolean;
  /** The Chinese reason when a change of an immutable record is refused. */
  immutableMessage?: string;
}

export const ENTITY_SYNC: Record<EntityName, EntitySyncSpec> = {
  dictItem: { scope: 'group' },
  customFieldDef: { scope: 'group' },
  customFieldOption: { scope: 'group', references: { defId: 'customFieldDef' } },
  region: { scope: 'group', adminOnly: true },
  project: { scope: 'group', adminOnly: true },
  employee: { scope: 'group', adminOnly: true },
  projectGrant: { scope: 'group', adminOnly: true, references: { employeeId: 'employee' } },
  resource: {
    scope: 'project',
    references: { parentId: 'resource' },
    guardedFields: ['status'],
    wholeRecordGuard: ['endedOn'],
    staleMessage: (_field, value) => `该房产的状态已被其他人改为“${statusLabel(value)}”，您的操作未生效`,
  },
  resourceLineage: { scope: 'project', references: { fromId: 'resource', toId: 'resource' } },
  customer: { scope: 'customer', ownerField: 'id', references: { mergedInto: 'customer' } },
  customerPhone: { scope: 'customer', ownerField: 'customerId', references: { customerId: 'customer' } },
  familyMember: {
    scope: 'customer',
    ownerField: 'customerId',
    references: { customerId: 'customer', memberId: 'customer' },
  },
  vehicle: { scope: 'customer', ownerField: 'customerId', references: { customerId: 'customer', parkingId: 'resource' } },
  bankAccount: { scope: 'customer', ownerField: 'customerId', references: { customerId: 'customer' } },
  customerResource: {
    scope: 'project',
    references: { customerId: 'customer', resourceId: 'resource' },
  },
  customerMerge: {
    scope: 'customer',
    ownerField: 'survivorId',
    references: { survivorId: 'customer', mergedId: 'customer' },
  },
  customerDocument: {
    scope: 'customer',
    ownerField: 'customerId',
    references: { customerId: 'customer' },
    blobFields: ['hash'],
  },
  handoverBatch: { scope: 'project' },
  handover: {
    scope: 'project',
    references: { batchId: 'handoverBatch', resourceId: 'resource', outcomeInspectionId: 'inspection' },
    // A room is received once: two offices accepting it offline meet as a conflict.
    guardedFields: ['status'],
    staleMessage: (_field, value) => `该房间的交付状态已被其他人改为“${handoverStatusLabel(value)}”，您的操作未生效`,
  },
  handoverAppointment: {
    scope: 'project',
    references: { handoverId: 'handover', resourceId: 'resource', customerId: 'customer', rescheduledTo: 'handoverAppointment' },
    guardedFields: ['status'],
    staleMessage: (_field, value) => `该预约已被其他人改为“${appointmentStatusLabel(value)}”，您的操作未生效`,
  },
  inspectionTemplate: { scope: 'project', guardedFields: ['status'], blobFields: ['floorPlanHash'] },
  inspection: {
    scope: 'project',
    references: { resourceId: 'resource', handoverId: 'handover', customerId: 'customer', templateId: 'inspectionTemplate' },
    // An inspection completes once; a completed one is locked.
    guardedFields: ['status'],
    blobFields: ['ownerSignatureHash', 'staffSignatureHash'],
    staleMessage: () => '该验房已在其他设备上完成，您的修改未生效',
  },
  inspectionItem: { scope: 'project', references: { inspectionId: 'inspection' } },
  defect: {
    scope: 'project',
    references: { resourceId: 'resource', inspectionId: 'inspection', itemId: 'inspectionItem', categoryId: 'dictItem' },
    guardedFields: ['status'],
    staleMessage: (_field, value) => `该缺陷已被其他人改为“${defectStatusLabel(value)}”，您的操作未生效`,
  },
  defectStep: { scope: 'project', references: { defectId: 'defect' } },
  defectPhoto: { scope: 'project', references: { defectId: 'defect' }, blobFields: ['hash'] },
  meterReading: { scope: 'project', references: { inspectionId: 'inspection' }, blobFields: ['photoHash'] },
  handedItem: { scope: 'project', references: { inspectionId: 'inspection' } },
  handoverReport: {
    scope: 'project',
    references: { inspectionId: 'inspection' },
    blobFields: ['hash'],
    immutable: true,
    immutableMessage: '已定稿的报告不能修改，请生成新版本',
  },
};

/** Entities whose records name attachments, with the fields that do. */
export const BLOB_FIELDS: readonly { entity: EntityName; field: string }[] = Object.entries(ENTITY_SYNC).flatMap(
  ([entity, spec]) => (spec.blobFields ?? []).map((field) => ({ entity: entity as EntityName, field })),
);

/** Fields, per entity, that point at a customer: rewritten to the survivor when customers merge. */
export function customerReferenceFields(entity: EntityName): string[] {
  const refs = ENTITY_SYNC[entity].references ?? {};
  return Object.entries(refs)
    .filter(([field, target]) => target === 'customer' && !(entity === 'customerMerge') && field !== 'mergedInto')
    .map(([field]) => field);
}

/** Audit columns travel as the change's metadata, never as fields. */
export const AUDIT_COLUMNS = ['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'] as const;
