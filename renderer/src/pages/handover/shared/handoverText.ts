import dayjs from 'dayjs';
import {
  APPOINTMENT_STATUSES,
  BATCH_STATUSES,
  DEFECT_ACTIONS,
  DEFECT_SEVERITIES,
  DEFECT_STATUSES,
  HANDOVER_STATUSES,
  INSPECTION_KINDS,
  INSPECTION_STATUSES,
  OUTCOMES,
  PHOTO_STAGES,
  type DefectAction,
  type DefectStatus,
} from '../../../../../shared/domain/handover.js';
import { localName, type Lang } from '../../../i18n/index.js';

type Entry = { code: string; zh: string; en: string; color?: string };

function entryOf(list: readonly Entry[], code: string | null | undefined): Entry | undefined {
  return list.find((e) => e.code === code);
}

function nameIn(list: readonly Entry[], lang: Lang, code: string | null | undefined): string {
  const entry = entryOf(list, code);
  return entry ? localName(lang, entry) : (code ?? '');
}

export const batchStatusName = (lang: Lang, code: string) => nameIn(BATCH_STATUSES, lang, code);
export const handoverStatusName = (lang: Lang, code: string) => nameIn(HANDOVER_STATUSES, lang, code);
export const appointmentStatusName = (lang: Lang, code: string) => nameIn(APPOINTMENT_STATUSES, lang, code);
export const inspectionKindName = (lang: Lang, code: string) => nameIn(INSPECTION_KINDS, lang, code);
export const inspectionStatusName = (lang: Lang, code: string) => nameIn(INSPECTION_STATUSES, lang, code);
export const outcomeName = (lang: Lang, code: string | null) => nameIn(OUTCOMES, lang, code);
export const severityName = (lang: Lang, code: string) => nameIn(DEFECT_SEVERITIES, lang, code);
export const defectStatusName = (lang: Lang, code: string) => nameIn(DEFECT_STATUSES, lang, code);
export const defectActionName = (lang: Lang, code: string) => nameIn(DEFECT_ACTIONS, lang, code);
export const photoStageName = (lang: Lang, code: string) => nameIn(PHOTO_STAGES, lang, code);

export const BATCH_STATUS_COLORS: Record<string, string> = { planned: 'default', active: 'processing', closed: 'success' };

export function colorIn(list: readonly Entry[], code: string | null | undefined): string {
  return entryOf(list, code)?.color ?? 'default';
}

/** The actions of the rectification loop that a defect in this status can take. */
export function actionsFrom(status: DefectStatus): DefectAction[] {
  return DEFECT_ACTIONS.filter((a) => (a.from as readonly DefectStatus[]).includes(status)).map((a) => a.code);
}

/** Today on this computer, as the host's date fields want it. */
export function todayText(): string {
  return dayjs().format('YYYY-MM-DD');
}

export function shiftDate(date: string, days: number): string {
  return dayjs(date).add(days, 'day').format('YYYY-MM-DD');
}

/** 周一 / Mon for a date, beside the date on the reception list. */
export function weekdayText(lang: Lang, date: string): string {
  const d = dayjs(date);
  if (lang === 'zh') return ['周日', '周一', '周二', '周三', '周四', '周五', '周六'][d.day()] ?? '';
  return d.locale('en').format('ddd');
}

export function percentText(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  return `${Math.round((part / whole) * 1000) / 10}%`;
}
