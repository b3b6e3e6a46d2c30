import dayjs from 'dayjs';
import { RELATION_ROLES, type RelationRole } from '../../../../shared/domain/relations.js';
import {
  HOLDABLE_KINDS,
  RESOURCE_KINDS,
  RESOURCE_STATUSES,
  RESOURCE_USES,
  SINCE_ALWAYS,
  type ResourceKind,
  type ResourceStatus,
  type ResourceUse,
} from '../../../../shared/domain/resources.js';
import { localName, type Lang } from '../../i18n/index.js';

export function kindName(lang: Lang, kind: ResourceKind): string {
  const entry = RESOURCE_KINDS.find((k) => k.code === kind);
  return entry ? localName(lang, entry) : kind;
}

export function statusName(lang: Lang, status: ResourceStatus | null | undefined): string {
  const entry = RESOURCE_STATUSES.find((s) => s.code === status);
  return entry ? localName(lang, entry) : '';
}

export function statusColor(status: ResourceStatus | null | undefined): string {
  return RESOURCE_STATUSES.find((s) => s.code === status)?.color ?? '#d9d9d9';
}

export function resourceUseName(lang: Lang, use: ResourceUse | null | undefined): string {
  const entry = RESOURCE_USES.find((u) => u.code === use);
  return entry ? localName(lang, entry) : '';
}

export function roleName(lang: Lang, role: RelationRole): string {
  const entry = RELATION_ROLES.find((r) => r.code === role);
  return entry ? localName(lang, entry) : role;
}

export function isHoldable(kind: ResourceKind): boolean {
  return HOLDABLE_KINDS.includes(kind);
}

/** Today on this computer, as the date pickers and the host's date fields want it. */
export function todayText(): string {
  return dayjs().format('YYYY-MM-DD');
}

/** Areas with two decimals at most, as 89.5 m². */
export function areaText(area: number | null | undefined): string {
  return typeof area === 'number' ? `${Math.round(area * 100) / 100} m²` : '';
}

/** Generated and typed-in resources start "always"; that date means nothing to a reader. */
export function sinceText(date: string, always: string): string {
  return date === SINCE_ALWAYS ? always : date;
}

export function roundArea(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Form.Item props for a DatePicker whose form value is the text date (YYYY-MM-DD), so
 * the shared dateSchema checks it and the value goes to the host as is.
 */
export const dateItemProps = {
  getValueProps: (value: string | null | undefined) => ({ value: value ? dayjs(value) : null }),
  normalize: (value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null),
};
