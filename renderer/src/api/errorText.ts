import type { ErrorCode } from '../../../shared/errors.js';
import type { Lang } from '../i18n/index.js';
import { localizeValidation } from '../i18n/validationText.js';
import { ApiCallError } from './client.js';

/**
 * The server answers in Chinese; English mode shows these instead, keyed by code.
 * Partial on purpose: a code added to shared/errors.ts shows its Chinese message
 * until it is translated here, rather than breaking the build.
 */
const ENGLISH: Partial<Record<ErrorCode, string>> = {
  VALIDATION: 'Some entries are not valid; check the fields marked in red',
  UNKNOWN_CALL: 'This operation is not supported',
  UNAUTHORIZED: 'The access token is not valid; reopen the application',
  NOT_FOUND: 'The record does not exist or has been deleted',
  DUPLICATE_NAME: 'This name already exists; choose another one',
  ITEM_INVALID: 'This record is invalid: it can be viewed but not edited',
  CUSTOM_FIELD_OPEN: 'This custom field is open: its options are view-only. Close it first',
  CUSTOM_FIELD_NO_OPTIONS: 'A drop-down list needs at least one valid option before it can be opened',
  CUSTOM_FIELD_NOT_SELECT: 'Only drop-down list fields have options',
  MOVE_OUT_OF_RANGE: 'Cannot move to that position',
  DUPLICATE_CODE: 'This code is already in use; choose another one',
  PROJECT_NOT_VISIBLE: 'You have no access to this project',
  RESOURCE_ENDED: 'This property was split or merged; only its history can be viewed',
  RESOURCE_PLAN_INVALID: 'The building plan settings are not valid',
  RESOURCE_HAS_CHILDREN: 'This resource still has resources under it',
  RELATION_RULE: 'This customer–property relation breaks the rules',
  OWNER_EXISTS: 'This property already has an owner; transfer it or end the current ownership first',
  DUPLICATE_ID_DOCUMENT: 'A customer with this ID document number is already registered',
  DUPLICATE_WARNING: 'This may duplicate an existing customer; check before saving',
  CUSTOMER_MERGED: 'This customer has been merged into another customer',
  MERGE_RULE: 'These two customers cannot be merged',
  IMPORT_FILE: 'The Excel file cannot be read',
  IMPORT_EXPIRED: 'The import file has expired; choose the file again',
  NOTHING_TO_RESTORE: 'This history entry has no value to restore',
  SYNC_NOT_CONFIGURED: 'No group server address is set; set the server address first',
  SYNC_DISABLED: 'Sync is not enabled on this computer',
  SYNC_NOT_REGISTERED: 'This device is not registered with the group server; ask your administrator for a registration code',
  SYNC_NOT_SIGNED_IN: 'Not signed in to the group server; sign in first',
  SYNC_OFFLINE: 'Cannot reach the group server; check the network and try again. Your data is saved on this computer and syncs once online',
  SYNC_CODE_INVALID: 'The registration code is invalid or has expired',
  SYNC_LOGIN_FAILED: 'Wrong account or password',
  SYNC_FAILED: 'Sync failed; it is retried automatically',
  CONFLICT_RESOLVED: 'This conflict has already been resolved',
  CONFLICT_RETRY_FAILED: 'The changes of this conflict cannot be submitted again',
  ATTACHMENT_PENDING: 'The file is not on this computer yet; it can be viewed after the next sync',
  HANDOVER_RULE: 'This does not follow the handover rules',
  TEMPLATE_RULE: 'This does not follow the inspection template rules',
  INSPECTION_LOCKED: 'This inspection is completed and locked',
  DEFECT_RULE: 'This does not follow the defect rectification rules',
  DB_WRONG_KEY: 'The database key is wrong; the local database cannot be opened. No data was changed; contact IT',
  DB_NEWER_THAN_APP: 'The local database was created by a newer SiteDesk; upgrade the application. No data was changed',
  DB_CORRUPT: 'The local database file cannot be read. No data was changed; contact IT',
  INTERNAL: 'Internal error; try again later or contact IT',
};

const FALLBACK_EN = 'Internal error; try again later or contact IT';

export function errorText(lang: Lang, error: unknown): string {
  if (error instanceof ApiCallError) {
    if (lang === 'zh') return error.message;
    if (error.code === 'VALIDATION') return localizeValidation(lang, error.message);
    return ENGLISH[error.code] ?? error.message;
  }
  return lang === 'zh' ? '操作失败，请稍后重试' : FALLBACK_EN;
}

export function fieldErrorText(lang: Lang, message: string): string {
  return localizeValidation(lang, message);
}
