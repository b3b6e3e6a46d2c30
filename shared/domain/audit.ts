/** Columns every synced record carries, as the renderer sees them. */
export interface AuditFields {
  id: string;
  projectId: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  deletedAt: string | null;
}

/** Entities whose rows go through the single write path and carry a history. */
export const ENTITY_NAMES = ['dictItem', 'customFieldDef', 'customFieldOption'] as const;
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
} as const satisfies Record<EntityName, readonly string[]>;
