import type { EntityName } from '../../../../shared/domain/audit.js';
import { maskAccountNumber } from '../../../../shared/domain/bank-accounts.js';
import { maskIdNumber } from '../../../../shared/domain/customers.js';
import type { ConflictChange, SyncStatusView } from '../../../../shared/domain/sync.js';
import type { Lang, MessageKey, Translate } from '../../i18n/index.js';
import { SYNC_LAST_ERROR_EN } from '../../i18n/areas/sync.js';

export type ConnectionState = 'unconfigured' | 'unregistered' | 'online' | 'offline';

/**
 * 未配置 until a server address is set, 未登记 until the device is registered with it (it has
 * never synced: not 离线), then what the last attempt found.
 */
export function connectionState(status: SyncStatusView | null): ConnectionState {
  if (!status?.configured) return 'unconfigured';
  if (!status.registered) return 'unregistered';
  return status.online ? 'online' : 'offline';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "刚刚", "3分钟前", "2小时前", "5天前": how long ago, for people glancing at the header. */
export function agoText(t: Translate, iso: string | null, now: number): string | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const past = Math.max(0, now - at);
  if (past < MINUTE) return t('sync.ago.justNow');
  if (past < HOUR) return t('sync.ago.minutes', { n: Math.floor(past / MINUTE) });
  if (past < DAY) return t('sync.ago.hours', { n: Math.floor(past / HOUR) });
  return t('sync.ago.days', { n: Math.floor(past / DAY) });
}

/** "30秒后", "5分钟后": when the next automatic attempt is due. */
export function inText(t: Translate, iso: string | null, now: number): string | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const ahead = at - now;
  if (ahead < 1000) return t('sync.in.now');
  if (ahead < MINUTE) return t('sync.in.seconds', { n: Math.ceil(ahead / 1000) });
  if (ahead < HOUR) return t('sync.in.minutes', { n: Math.ceil(ahead / MINUTE) });
  return t('sync.in.hours', { n: Math.ceil(ahead / HOUR) });
}

/** The engine's last failure: its Chinese text, or the English one for its code. */
export function lastErrorText(lang: Lang, status: SyncStatusView | null): string | null {
  if (!status?.lastError) return null;
  if (lang === 'zh') return status.lastError;
  return (status.lastErrorCode && SYNC_LAST_ERROR_EN[status.lastErrorCode]) || status.lastError;
}

const ENTITY_KEYS: Record<EntityName, MessageKey> = {
  dictItem: 'sync.entity.dictItem',
  customFieldDef: 'sync.entity.customFieldDef',
  customFieldOption: 'sync.entity.customFieldOption',
  region: 'sync.entity.region',
  project: 'sync.entity.project',
  employee: 'sync.entity.employee',
  projectGrant: 'sync.entity.projectGrant',
  resource: 'sync.entity.resource',
  resourceLineage: 'sync.entity.resourceLineage',
  customer: 'sync.entity.customer',
  customerPhone: 'sync.entity.customerPhone',
  familyMember: 'sync.entity.familyMember',
  vehicle: 'sync.entity.vehicle',
  bankAccount: 'sync.entity.bankAccount',
  customerResource: 'sync.entity.customerResource',
  customerMerge: 'sync.entity.customerMerge',
  customerDocument: 'sync.entity.customerDocument',
  handoverBatch: 'sync.entity.handoverBatch',
  handover: 'sync.entity.handover',
  handoverAppointment: 'sync.entity.handoverAppointment',
  inspectionTemplate: 'sync.entity.inspectionTemplate',
  inspection: 'sync.entity.inspection',
  inspectionItem: 'sync.entity.inspectionItem',
  defect: 'sync.entity.defect',
  defectStep: 'sync.entity.defectStep',
  defectPhoto: 'sync.entity.defectPhoto',
  meterReading: 'sync.entity.meterReading',
  handedItem: 'sync.entity.handedItem',
  handoverReport: 'sync.entity.handoverReport',
};

/** 客户, 房产资源, 客房关系 …: what kind of record a conflict touched. */
export function entityLabel(t: Translate, entity: EntityName): string {
  return t(ENTITY_KEYS[entity]);
}

const CONFLICT_CODE_KEYS: Record<string, MessageKey> = {
  STALE_STATE: 'sync.conflict.code.STALE_STATE',
  STALE_RECORD: 'sync.conflict.code.STALE_RECORD',
  RELATION_RULE: 'sync.conflict.code.RELATION_RULE',
  MISSING_REFERENCE: 'sync.conflict.code.MISSING_REFERENCE',
  FORBIDDEN: 'sync.conflict.code.FORBIDDEN',
  INVALID_CHANGE: 'sync.conflict.code.INVALID_CHANGE',
  IMMUTABLE: 'sync.conflict.code.IMMUTABLE',
  DEVICE_REVOKED: 'sync.conflict.code.DEVICE_REVOKED',
};

/** A short name for the server's rejection code; unknown codes show as they are. */
export function conflictCodeText(t: Translate, code: string): string {
  const key = CONFLICT_CODE_KEYS[code];
  return key ? t(key) : code;
}

/** Fields that name a record, in the order a reader recognises it by. */
const NAMING_FIELDS = ['name', 'code', 'title', 'plate', 'number', 'account', 'accountName', 'bank', 'fileName'];

/**
 * What the attempt itself says the record is called (a customer's name, a room's code, a
 * plate), or null: a conflict keeps only the fields that were changed. After the rollback a
 * changed record carries its earlier values again, so those name it.
 */
export function recordName(change: ConflictChange): { field: string; value: string } | null {
  for (const field of NAMING_FIELDS) {
    const c = change.changes[field];
    if (!c) continue;
    // What it is called now: the attempt's value for a new record, the one before for others.
    const value = change.op === 'create' ? (c.new ?? c.old) : (c.old ?? c.new);
    if (typeof value === 'string' && value.trim() !== '') return { field, value };
  }
  return null;
}

/** Numbers the front desk only ever sees masked (ID documents, collection accounts). */
export function maskedValue(field: string, value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  if (field === 'idNumber') return maskIdNumber(value);
  if (field === 'accountNumber') return maskAccountNumber(value);
  return null;
}
