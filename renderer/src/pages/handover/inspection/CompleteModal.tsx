import { useState } from 'react';
import { Alert, AutoComplete, DatePicker, Modal, Radio, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { InspectionView } from '../../../../../shared/api/calls/handover.js';
import { completionProblems, OUTCOMES, type Outcome } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { notifySuccess } from '../../../components/feedback.js';
import { localName, useLang, useT } from '../../../i18n/index.js';
import { SaveError } from '../shared/SaveError.js';
import { problemText } from './inspectionText.js';
import { useInspection } from './inspectionStore.js';
import { nameOptions, useDictItems } from './useHandoverDicts.js';

/** What completing would still need, as the host will check it. */
export function problemsOf(view: InspectionView, outcome: Outcome | null, refusalReason: string): string[] {
  const unchecked = view.items.filter((i) => i.result === null).length;
  const openDefects = [...view.defects, ...view.carriedDefects].filter((d) => d.status !== 'closed').length;
  return completionProblems({
    kind: view.inspection.kind,
    status: view.inspection.status,
    outcome,
    refusalReason: refusalReason.trim(),
    unchecked,
    openDefects,
    ownerSigned: view.signatures.owner !== null,
    staffSigned: view.signatures.staff !== null,
    handoverStatus: view.handover?.status ?? null,
  });
}

/** 完成验房: the outcome (收楼 / 带缺陷收楼 / 拒收 with its reason; none for a pre-inspection) and its date. */
export function CompleteModal({ view, onClose }: { view: InspectionView; onClose: () => void }) {
  const t = useT();
  const lang = useLang();
  const pre = view.inspection.kind === 'pre';
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reason, setReason] = useState('');
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reasons = useDictItems('refusalReason');
  const problems = problemsOf(view, pre ? null : outcome, reason);

  const submit = async () => {
    if (problems.length > 0) return;
    setSaving(true);
    setError(null);
    try {
      const done = await api.call('inspection.complete', {
        inspectionId: view.inspection.id,
        outcome: pre ? null : outcome,
        // A pre-inspection has no outcome date: the host keeps its completion time.
        outcomeOn: pre ? dayjs().format('YYYY-MM-DD') : date.format('YYYY-MM-DD'),
        refusalReason: outcome === 'refused' ? reason.trim() : '',
      });
      useInspection.getState().setView(done);
      notifySuccess(t('insp.complete.done'));
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('insp.complete.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('insp.complete.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: problems.length > 0, loading: saving, 'data-testid': 'complete-submit' }}
      width={560}
      destroyOnHidden
      data-testid="complete-modal"
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {pre ? (
          <Typography.Paragraph type="secondary">{t('insp.complete.preNote')}</Typography.Paragraph>
        ) : (
          <div>
            <Typography.Text strong>{t('insp.complete.outcome')}</Typography.Text>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              size="large"
              value={outcome}
              onChange={(e) => setOutcome(e.target.value as Outcome)}
              className="insp-outcomes"
            >
              {OUTCOMES.map((o) => (
                <Radio.Button key={o.code} value={o.code}>
                  <span data-testid={`outcome-${o.code}`}>{localName(lang, o)}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
          </div>
        )}
        {!pre && (outcome === 'accepted' || outcome === 'acceptedWithDefects') && (
          <Typography.Text type="secondary">{t('insp.complete.acceptNote')}</Typography.Text>
        )}
        {outcome === 'refused' && !pre && (
          <label className="insp-field">
            <Typography.Text strong>{t('insp.complete.reason')}</Typography.Text>
            <AutoComplete
              size="large"
              value={reason}
              onChange={setReason}
              options={nameOptions(reasons, reason)}
              placeholder={t('insp.complete.reasonPlaceholder')}
              maxLength={200}
              style={{ width: '100%' }}
              data-testid="refusal-reason"
            />
          </label>
        )}
        {!pre && (
          <label className="insp-field">
            <Typography.Text strong>{t('insp.complete.date')}</Typography.Text>
            <DatePicker
              size="large"
              value={date}
              onChange={(d) => d && setDate(d)}
              allowClear={false}
              format="YYYY-MM-DD"
              // A room is received on the day or before (recorded late), never ahead.
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              data-testid="outcome-date"
            />
          </label>
        )}
        {problems.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t('insp.complete.missing')}
            description={
              <ul className="insp-problems">
                {problems.map((p) => (
                  <li key={p}>{problemText(lang, p)}</li>
                ))}
              </ul>
            }
            data-testid="complete-problems"
          />
        ) : (
          <Alert
            type="success"
            showIcon
            title={t(outcome === 'refused' ? 'insp.complete.readyRefused' : 'insp.complete.ready')}
            data-testid="complete-ready"
          />
        )}
        <SaveError error={error} testId="complete-error" />
      </Space>
    </Modal>
  );
}
