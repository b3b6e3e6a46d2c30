import { Tag, Tooltip } from 'antd';
import {
  APPOINTMENT_STATUSES,
  DEFECT_OVERDUE_DAYS,
  DEFECT_SEVERITIES,
  DEFECT_STATUSES,
  HANDOVER_STATUSES,
  type AppointmentStatus,
  type BatchStatus,
  type DefectSeverity,
  type DefectStatus,
  type HandoverStatus,
} from '../../../../../shared/domain/handover.js';
import { useLang, useT } from '../../../i18n/index.js';
import {
  appointmentStatusName,
  BATCH_STATUS_COLORS,
  batchStatusName,
  colorIn,
  defectStatusName,
  handoverStatusName,
  severityName,
  todayText,
} from './handoverText.js';

export function HandoverStatusTag({ status }: { status: HandoverStatus }) {
  const lang = useLang();
  return (
    <Tag color={colorIn(HANDOVER_STATUSES, status)} data-testid="handover-status" data-status={status}>
      {handoverStatusName(lang, status)}
    </Tag>
  );
}

export function AppointmentStatusTag({ status }: { status: AppointmentStatus }) {
  const lang = useLang();
  return (
    <Tag color={colorIn(APPOINTMENT_STATUSES, status)} data-testid="appointment-status" data-status={status}>
      {appointmentStatusName(lang, status)}
    </Tag>
  );
}

export function BatchStatusTag({ status }: { status: BatchStatus }) {
  const lang = useLang();
  return (
    <Tag color={BATCH_STATUS_COLORS[status] ?? 'default'} data-testid="batch-status" data-status={status}>
      {batchStatusName(lang, status)}
    </Tag>
  );
}

export function DefectStatusTag({ status }: { status: DefectStatus }) {
  const lang = useLang();
  return (
    <Tag color={colorIn(DEFECT_STATUSES, status)} data-testid="defect-status" data-status={status}>
      {defectStatusName(lang, status)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: DefectSeverity }) {
  const lang = useLang();
  return (
    <Tag color={colorIn(DEFECT_SEVERITIES, severity)} variant="outlined" data-testid="defect-severity">
      {severityName(lang, severity)}
    </Tag>
  );
}

/** Days past the due date, or past the 15 days a defect may stay open, whichever is more. */
function overdueDays(ageDays: number, dueDate: string | null): number {
  const pastDue = dueDate
    ? Math.floor((Date.parse(`${todayText()}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000)
    : 0;
  return Math.max(1, pastDue, ageDays - DEFECT_OVERDUE_DAYS);
}

/** 超期 N天 in red, or how long an open defect has been open. */
export function DefectAgeTag({
  ageDays,
  overdue,
  closed,
  dueDate,
}: {
  ageDays: number;
  overdue: boolean;
  closed: boolean;
  dueDate: string | null;
}) {
  const t = useT();
  if (overdue) {
    const tip = [
      t('ho.defect.openDays', { n: ageDays }),
      dueDate ? t('ho.defect.dueOn', { date: dueDate }) : t('ho.defect.overdueTip'),
    ].join('，');
    return (
      <Tooltip title={tip}>
        <Tag color="red" data-testid="defect-overdue">
          {t('ho.defect.overdueDays', { n: overdueDays(ageDays, dueDate) })}
        </Tag>
      </Tooltip>
    );
  }
  return (
    <span className={closed ? 'ho-age ho-muted' : 'ho-age'} data-testid="defect-age">
      {t(closed ? 'ho.defect.tookDays' : 'ho.defect.openDays', { n: ageDays })}
    </span>
  );
}
