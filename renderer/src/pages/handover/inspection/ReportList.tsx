import { Button, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FilePdfOutlined } from '@ant-design/icons';
import type { InspectionView } from '../../../../../shared/api/calls/handover.js';
import type { HandoverReport } from '../../../../../shared/domain/handover.js';
import { formatTime } from '../../../components/formatTime.js';
import { useT } from '../../../i18n/index.js';
import { fileSizeText } from '../../customers/customerFormat.js';
import { useInspection } from './inspectionStore.js';

/** 生成报告 / 查看报告: one button for both, since an unchanged inspection gives back its latest version. */
export function ReportButton({ view, size = 'middle' }: { view: InspectionView; size?: 'middle' | 'large' }) {
  const t = useT();
  const busy = useInspection((s) => s.reportBusy);
  return (
    <Button
      type="primary"
      size={size}
      icon={<FilePdfOutlined />}
      loading={busy}
      onClick={() => void useInspection.getState().openReport()}
      data-testid="report-open"
    >
      {view.reports.length === 0 ? t('insp.report.make') : t('insp.report.view')}
    </Button>
  );
}

/** The report's versions, newest first, each with its content hash (printed on every page). */
export function ReportList({ view }: { view: InspectionView }) {
  const t = useT();
  const versions = [...view.reports].sort((a, b) => b.version - a.version);
  const columns: ColumnsType<HandoverReport> = [
    { title: t('insp.report.version'), dataIndex: 'version', width: 80, render: (v: number) => `v${v}` },
    { title: t('insp.report.finalizedAt'), dataIndex: 'finalizedAt', width: 170, render: (at: string) => formatTime(at) },
    { title: t('insp.report.pages'), dataIndex: 'pages', width: 70, align: 'right' },
    { title: t('insp.report.size'), dataIndex: 'size', width: 90, align: 'right', render: (n: number) => fileSizeText(n) },
    {
      title: t('insp.report.hashColumn'),
      dataIndex: 'contentHash',
      render: (hash: string) => (
        <Typography.Text code copyable className="insp-hash" data-testid="report-version-hash">
          {hash}
        </Typography.Text>
      ),
    },
    {
      title: t('insp.actions'),
      width: 90,
      render: (_, r) => (
        <Button
          type="link"
          icon={<FilePdfOutlined />}
          onClick={() => void useInspection.getState().openReport(r.id)}
          data-testid={`report-version-${r.version}`}
        >
          {t('insp.report.openVersion')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="report-list">
      <div className="ho-section">
        <span>{t('insp.report.versions')}</span>
        {view.inspection.status === 'completed' && <ReportButton view={view} />}
      </div>
      {view.inspection.status !== 'completed' && (
        <Typography.Paragraph type="secondary">{t('insp.report.afterComplete')}</Typography.Paragraph>
      )}
      <Table<HandoverReport>
        size="small"
        bordered
        rowKey="id"
        pagination={false}
        columns={columns}
        dataSource={versions}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('insp.report.none')} /> }}
      />
    </div>
  );
}
