import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Empty, Result, Spin, Tabs } from 'antd';
import { errorText } from '../../../api/errorText.js';
import { useLang, useT } from '../../../i18n/index.js';
import { useNavigation } from '../../../store/navigation.js';
import { CompleteModal } from './CompleteModal.js';
import { DefectDrawer } from './DefectDrawer.js';
import { DefectList } from './DefectList.js';
import { HandedItems } from './HandedItems.js';
import { InspectionHeader } from './InspectionHeader.js';
import { isLocked, useInspection, type InspectionTab } from './inspectionStore.js';
import { ItemChecklist } from './ItemChecklist.js';
import { MeterReadings } from './MeterReadings.js';
import { ReportList } from './ReportList.js';
import { ReportViewer } from './ReportViewer.js';
import { Signatures } from './Signatures.js';
import { useInspectionKeys } from './useInspectionKeys.js';
import { forgetDictItems } from './useHandoverDicts.js';
import '../shared/handover.css';
import './inspection.css';

/**
 * 验房: one walk through a room on a laptop or tablet, offline. Every tap is kept at once
 * by the local host; a completed inspection is shown read-only, with its report.
 */
export function InspectionPage() {
  const t = useT();
  const lang = useLang();
  const inspectionId = useNavigation((s) => s.focus.inspectionId);
  const view = useInspection((s) => s.view);
  const loading = useInspection((s) => s.loading);
  const loadError = useInspection((s) => s.loadError);
  const tab = useInspection((s) => s.tab);
  const defectOpen = useInspection((s) => s.defectForm !== null);
  const report = useInspection((s) => s.report);
  const [completing, setCompleting] = useState(false);

  useEffect(() => {
    forgetDictItems();
    if (inspectionId) void useInspection.getState().open(inspectionId);
  }, [inspectionId]);

  const shown = view && view.inspection.id === inspectionId ? view : null;
  const locked = isLocked(shown);
  useInspectionKeys(shown !== null && tab === 'items' && !defectOpen && !completing && report === null);

  if (!inspectionId) {
    return (
      <div className="insp-page insp-page-empty" data-testid="inspection-page">
        <Empty description={t('insp.noneChosen')}>
          <Button type="primary" onClick={() => useNavigation.getState().go('handoverDay')} data-testid="inspection-go-day">
            {t('insp.goDay')}
          </Button>
        </Empty>
      </div>
    );
  }
  if (!shown) {
    if (loadError && !loading) {
      return (
        <div className="insp-page" data-testid="inspection-page">
          <Result
            status="warning"
            title={t('insp.loadFailed')}
            subTitle={errorText(lang, loadError)}
            extra={
              <Button
                type="primary"
                onClick={() => void useInspection.getState().open(inspectionId)}
                data-testid="inspection-retry"
              >
                {t('insp.retry')}
              </Button>
            }
          />
        </div>
      );
    }
    return <Spin size="large" className="ho-spin" data-testid="inspection-loading" />;
  }

  const unchecked = shown.items.filter((i) => i.result === null).length;
  const signedNeeded = shown.inspection.kind === 'owner' ? 2 : 1;
  const signed = (shown.signatures.owner && shown.inspection.kind === 'owner' ? 1 : 0) + (shown.signatures.staff ? 1 : 0);
  const tabLabel = (key: InspectionTab, label: string, count?: number, warn?: boolean) => (
    <span data-testid={`inspection-tab-${key}`}>
      {label}
      {count !== undefined && count > 0 && (
        <Badge count={count} size="small" color={warn ? '#faad14' : '#bfbfbf'} className="insp-tab-badge" />
      )}
    </span>
  );

  return (
    <div className="insp-page" data-testid="inspection-page" data-status={shown.inspection.status}>
      <InspectionHeader view={shown} locked={locked} onComplete={() => setCompleting(true)} />
      {locked && (
        <Alert type="info" showIcon title={t('insp.lockedNote')} className="insp-locked" data-testid="inspection-locked" />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => useInspection.getState().setTab(key as InspectionTab)}
        className="insp-tabs"
        items={[
          {
            key: 'items',
            label: tabLabel('items', t('insp.tab.items'), unchecked, true),
            children: <ItemChecklist view={shown} locked={locked} />,
          },
          {
            key: 'defects',
            label: tabLabel('defects', t('insp.tab.defects'), shown.defects.length),
            children: <DefectList view={shown} locked={locked} />,
          },
          {
            key: 'meters',
            label: tabLabel('meters', t('insp.tab.meters'), shown.meters.length),
            children: <MeterReadings view={shown} locked={locked} />,
          },
          {
            key: 'handed',
            label: tabLabel('handed', t('insp.tab.handed'), shown.handed.length),
            children: <HandedItems view={shown} locked={locked} />,
          },
          {
            key: 'signatures',
            label: tabLabel('signatures', t('insp.tab.signatures', { signed, needed: signedNeeded })),
            children: <Signatures view={shown} locked={locked} />,
          },
          {
            key: 'reports',
            label: tabLabel('reports', t('insp.tab.reports'), shown.reports.length),
            children: <ReportList view={shown} />,
          },
        ]}
      />
      <DefectDrawer />
      {completing && <CompleteModal view={shown} onClose={() => setCompleting(false)} />}
      {report && <ReportViewer opened={report} onClose={() => useInspection.getState().closeReport()} />}
    </div>
  );
}
