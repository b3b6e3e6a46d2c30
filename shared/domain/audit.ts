/** Columns every synced record carries, as the renderer sees them. */
export interface AuditFields {
  id: string;
  projectId: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** The modifier's name, filled in by list calls (lists show who changed a row last). */
  updatedByName?: string;
  deletedAt: string | null;
}

/** Entities whose rows go through the single write path and carry a history. */
export const ENTITY_NAMES = [
  'dictItem',
  'customFieldDef',
  'customFieldOption',
  'region',
  'project',
  'employee',
  'projectGrant',
  'resource',
  'resourceLineage',
  'customer',
  'customerPhone',
  'familyMember',
  'vehicle',
  'bankAccount',
  'customerResource',
  'customerMerge',
  'customerDocument',
  'handoverBatch',
  'handover',
  'handoverAppointment',
  'inspectionTemplate',
  'inspection',
  'inspectionItem',
  'defect',
  'defectStep',
  'defectPhoto',
  'meterReading',
  'handedItem',
  'handoverReport',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export type ChangeOp = 'create' | 'update' | 'delete' | 'undelete';

export interface FieldChange {
  old: unknown;
  new: unknown;
}

/** One entry of a record's history, as shown in 修改历史. */
export interface HistoryEntry {
  changeId: string;
  entity: EntityName;
  entityId: string;
  op: ChangeOp;
  changes: Record<string, FieldChange>;
  actorId: string;
  actorName: string;
  deviceId: string;
  at: string;
}

/** Fields whose earlier value 恢复 can write back, per entity. */
export const RESTORABLE_FIELDS = {
  dictItem: ['name', 'remark', 'invalid'],
  customFieldDef: ['title', 'remark', 'enabled'],
  customFieldOption: ['name', 'invalid'],
  region: ['name'],
  project: ['name', 'city', 'address', 'status'],
  employee: ['name', 'phone', 'department'],
  projectGrant: [],
  resource: ['name', 'buildArea', 'innerArea', 'houseType', 'orientation', 'status', 'zone'],
  resourceLineage: [],
  customer: ['name', 'gender', 'birthDate', 'email', 'address', 'remark'],
  customerPhone: [],
  familyMember: [],
  vehicle: ['model', 'color'],
  bankAccount: ['bank', 'accountName'],
  customerResource: ['share', 'remark'],
  customerMerge: [],
  // Added and removed, never edited: nothing to write back.
  customerDocument: [],
  handoverBatch: ['name', 'plannedStart', 'plannedEnd', 'status', 'remark'],
  handover: ['remark'],
  handoverAppointment: ['remark'],
  inspectionTemplate: [],
  // A record of what was found: corrected by a new inspection, never by writing an old value back.
  inspection: [],
  inspectionItem: [],
  defect: ['description', 'severity', 'contractor', 'dueDate', 'categoryId'],
  defectStep: [],
  defectPhoto: [],
  meterReading: [],
  handedItem: [],
  handoverReport: [],
} as const satisfies Record<EntityName, readonly string[]>;

/** Who did something: an employee, or the device's local administrator before sign-in. */
export interface Actor {
  id: string;
  name: string;
}

/**
 * Fields kept for search or identity, derived from others: not news to the user, so the
 * history does not list them.
 */
export const DERIVED_FIELDS: Partial<Record<EntityName, readonly string[]>> = {
  customer: ['idKey', 'nameInitials', 'namePinyin', 'nameReversed', 'idReversed'],
  customerPhone: ['reversed'],
  vehicle: ['plateReversed'],
  resource: ['searchCode', 'shortCode', 'path'],
  // The content's identity (sha256), size and type: bookkeeping of the file, not news.
  customerDocument: ['hash', 'size', 'mime'],
};
