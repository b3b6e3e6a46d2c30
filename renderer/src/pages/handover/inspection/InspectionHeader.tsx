import { Button, Progress, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, LockOutlined } from '@ant-design/icons';
import type { InspectionView } from '../../../../../shared/api/calls/handover.js';
import { OUTCOMES } from '../../../../../shared/domain/handover.js';
import { formatTime } from '../../../components/formatTime.js';
import { RecordSyncTag } from '../../../components/RecordSyncTag.js';
import { useLang, useT } from '../../../i18n/index.js';
import { useNavigation } from '../../../store/navigation.js';
import { inspectionKindName, outcomeName } from '../shared/handoverText.js';
import { ReportButton } from './ReportList.js';

const OUTCOME_COLORS: Record<string, string> = { accepted: 'success', acceptedWithDefects: 'warning', refused: 'error' };

interface InspectionHeaderProps {
  view: InspectionView;
  locked: boolean;
  onComplete: () => void;
}

/** Which room, who, which template, how far, and whether it has synced. */
export function InspectionHeader({ view, locked, onComplete }: InspectionHeaderProps) {
  const t = useT();
  const lang = useLang();
  const { inspection, room, customer, template } = view;
  const total = view.items.length;
  const checked = view.items.filter((i) => i.result !== null).length;
  const failed = view.items.filter((i) => i.result === 'fail').length;
  const outcome = OUTCOMES.find((o) => o.code === inspection.outcome);

  return (
    <header className="insp-header" data-testid="inspection-header">
      <div className="insp-header-main">
        <div className="insp-header-title">
          <Tooltip title={t('insp.back')}>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => useNavigation.getState().go('handoverDay')}
              aria-label={t('insp.back')}
              data-testid="inspection-back"
            />
          </Tooltip>
          <Typography.Title level={4} className="insp-place" data-testid="inspection-place">
            {room.place || room.name}
          </Typography.Title>
          <Tag color={inspection.kind === 'owner' ? 'blue' : 'purple'} data-testid="inspection-kind">
            {inspectionKindName(lang, inspection.kind)}
          </Tag>
          {locked ? (
            <Tag icon={<LockOutlined />} color="default" data-testid="inspection-status" data-status="completed">
              {t('insp.status.completed')}
            </Tag>
          ) : (
            <Tag color="processing" data-testid="inspection-status" data-status="open">
              {t('insp.status.open')}
            </Tag>
          )}
          {outcome && (
            <Tag color={OUTCOME_COLORS[outcome.code]} data-testid="inspection-outcome" data-outcome={outcome.code}>
              {outcomeName(lang, outcome.code)}
              {inspection.outcomeOn ? ` · ${inspection.outcomeOn}` : ''}
            </Tag>
          )}
          <RecordSyncTag entity="inspection" id={inspection.id} refreshKey={inspection.updatedAt} />
        </div>
        <div className="insp-header-facts">
          <span>
            {t('insp.customer')}
            <b data-testid="inspection-customer">{customer?.name ?? t('insp.noCustomer')}</b>
          </span>
          <span>
            {t('insp.template')}
            <b data-testid="inspection-template">
              {template.name} v{template.version}
            </b>
          </span>
          {room.houseType && (
            <span>
              {t('insp.houseType')}
              <b>{room.houseType}</b>
            </span>
          )}
          <span>
            {t('insp.inspector')}
            <b>{view.inspectorName}</b>
          </span>
          <span>
            {t('insp.startedAt')}
            <b>{formatTime(inspection.startedAt).slice(0, 16)}</b>
          </span>
          {inspection.refusalReason && (
            <span>
              {t('insp.refusalReason')}
              <b>{inspection.refusalReason}</b>
            </span>
          )}
        </div>
      </div>
      <div className="insp-header-side">
        <div
          className="insp-progress"
          data-testid="inspection-progress"
          data-checked={checked}
          data-total={total}
          data-failed={failed}
        >
          <Progress
            percent={total === 0 ? 0 : Math.round((checked / total) * 100)}
            success={{ percent: total === 0 ? 0 : Math.round(((checked - failed) / total) * 100) }}
            size="small"
            showInfo={false}
          />
          <span>
            {t('insp.progress', { checked, total })}
            {failed > 0 && <b className="insp-failed">{t('insp.failedCount', { n: failed })}</b>}
          </span>
        </div>
        {locked ? (
          <ReportButton view={view} size="large" />
        ) : (
          <Button type="primary" size="large" icon={<CheckCircleOutlined />} onClick={onComplete} data-testid="complete-button">
            {t('insp.complete.button')}
          </Button>
        )}
      </div>
    </header>
  );
}
