import { Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PictureOutlined, PlusOutlined } from '@ant-design/icons';
import type { DefectView, InspectionView } from '../../../../../shared/api/calls/handover.js';
import { formatTime } from '../../../components/formatTime.js';
import { useT } from '../../../i18n/index.js';
import { DefectAgeTag, DefectStatusTag, SeverityTag } from '../shared/HandoverTags.js';
import { useInspection } from './inspectionStore.js';

/** 缺陷: the defects found by this inspection, and the room's open defects carried from earlier ones. */
export function DefectList({ view, locked }: { view: InspectionView; locked: boolean }) {
  const t = useT();
  const area = useInspection((s) => s.area);
  const open = (d: DefectView) => useInspection.getState().openDefect({ defectId: d.id, itemId: d.itemId, area: d.area });

  const columns: ColumnsType<DefectView> = [
    { title: t('insp.defect.area'), dataIndex: 'area', width: 90 },
    { title: t('insp.defect.item'), dataIndex: 'itemName', width: 100, render: (name: string | null) => name ?? '—' },
    { title: t('insp.defect.category'), dataIndex: 'categoryName', width: 100 },
    { title: t('insp.defect.description'), dataIndex: 'description', ellipsis: true, width: 220 },
    {
      title: t('insp.defect.severity'),
      dataIndex: 'severity',
      width: 80,
      render: (_, d) => <SeverityTag severity={d.severity} />,
    },
    { title: t('insp.defect.contractor'), dataIndex: 'contractor', width: 120, ellipsis: true },
    { title: t('insp.defect.dueDate'), dataIndex: 'dueDate', width: 104 },
    {
      title: t('insp.defect.photos'),
      width: 64,
      align: 'center',
      render: (_, d) =>
        d.photos.length > 0 ? (
          <span>
            <PictureOutlined /> {d.photos.length}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.status'),
      width: 170,
      render: (_, d) => (
        <>
          <DefectStatusTag status={d.status} />
          <DefectAgeTag ageDays={d.ageDays} overdue={d.overdue} closed={d.status === 'closed'} dueDate={d.dueDate} />
        </>
      ),
    },
  ];
  const carriedColumns: ColumnsType<DefectView> = [
    ...columns.slice(0, 4),
    { title: t('insp.defect.foundAt'), dataIndex: 'createdAt', width: 150, render: (at: string) => formatTime(at).slice(0, 16) },
    ...columns.slice(4),
  ];
  const rowProps = (d: DefectView) => ({
    onClick: () => open(d),
    className: 'insp-click-row',
    'data-testid': `defect-row-${d.id}`,
  });

  return (
    <div className="insp-defects" data-testid="defect-list">
      <div className="ho-section">
        <span>{t('insp.defect.thisInspection', { n: view.defects.length })}</span>
        {!locked && (
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              useInspection.getState().openDefect({ defectId: null, itemId: null, area: area ?? view.items[0]?.area ?? '' })
            }
            data-testid="defect-add"
          >
            {t('insp.defect.add')}
          </Button>
        )}
      </div>
      <Table<DefectView>
        size="small"
        bordered
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={view.defects}
        onRow={rowProps}
        locale={{ emptyText: t('insp.defect.none') }}
        data-testid="defects-this"
      />
      <div className="ho-section">
        <span>{t('insp.defect.carried', { n: view.carriedDefects.length })}</span>
        <Typography.Text type="secondary" className="ho-sub">
          {t('insp.defect.carriedHint')}
        </Typography.Text>
      </div>
      <Table<DefectView>
        size="small"
        bordered
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={carriedColumns}
        dataSource={view.carriedDefects}
        onRow={rowProps}
        locale={{ emptyText: t('insp.defect.noneCarried') }}
        data-testid="defects-carried"
      />
    </div>
  );
}
