import { useEffect, useState, type HTMLAttributes } from 'react';
import { AutoComplete, Button, Card, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EyeOutlined, FileSearchOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { BatchSummary, DefectRow } from '../../../../../shared/api/calls/handover.js';
import type { ResourceNode } from '../../../../../shared/api/calls/resources.js';
import { DEFECT_STATUSES, type DefectSeverity, type DefectStatus } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { notifyError, notifyWarning } from '../../../components/feedback.js';
import { PagerBar } from '../../../components/PagerBar.js';
import { ToolbarButton } from '../../../components/ToolbarButton.js';
import { rowSelectionProps } from '../../../components/useRowSelection.js';
import { useShortcuts } from '../../../components/useShortcuts.js';
import { localName, useLang, useT } from '../../../i18n/index.js';
import { useNavigation } from '../../../store/navigation.js';
import { FileExportButton } from '../shared/FileExportButton.js';
import { DefectAgeTag, DefectStatusTag, SeverityTag } from '../shared/HandoverTags.js';
import { ProjectGate } from '../shared/ProjectGate.js';
import { useDictItems } from '../shared/useDictItems.js';
import { DefectDrawer } from './DefectDrawer.js';
import { defectFilter, EMPTY_DEFECT_QUERY, useDefectList, type DefectQuery } from './defectListStore.js';
import { ReinspectionModal } from './ReinspectionModal.js';
import '../shared/handover.css';

function typingSomewhere(): boolean {
  const el = document.activeElement as HTMLElement | null;
  if (!el) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A'].includes(el.tagName) || el.isContentEditable;
}

export function DefectsPage() {
  return <ProjectGate testId="defects">{(project) => <DefectsWorkspace projectId={project.id} />}</ProjectGate>;
}

function DefectsWorkspace({ projectId }: { projectId: string }) {
  const t = useT();
  const lang = useLang();
  const focus = useNavigation((s) => s.focus);
  const list = useDefectList();
  const { query, items, total, page, pageSize, loading, selectedIds } = list;
  const contractors = useDictItems('contractor');
  const [batches, setBatches] = useState<BatchSummary[]>([]);
  const [buildings, setBuildings] = useState<ResourceNode[]>([]);
  const [draft, setDraft] = useState({ text: query.text, contractor: query.contractor });
  const [drawer, setDrawer] = useState<{ id: string; row: DefectRow | null } | null>(null);
  const [reinspection, setReinspection] = useState<{ id: string; place: string } | null>(null);
  const selected = items.filter((d) => selectedIds.includes(d.id));
  const single = selected.length === 1 ? selected[0] : undefined;

  useEffect(() => {
    let live = true;
    Promise.all([
      api.call('handover.batchList', { includeClosed: true }),
      api.call('resource.children', { projectId, parentId: null }),
    ])
      .then(([b, nodes]) => {
        if (!live) return;
        setBatches(b);
        setBuildings(nodes.filter((n) => n.kind === 'building'));
      })
      .catch((e: unknown) => {
        if (live) notifyError(e);
      });
    return () => {
      live = false;
    };
  }, [projectId]);

  // Another screen may ask for one room's defects (the handover drawer) or one defect.
  useEffect(() => {
    const current = useDefectList.getState().query;
    if (focus.resourceId) {
      void useDefectList.getState().setQuery({ ...EMPTY_DEFECT_QUERY, resource: { id: focus.resourceId, place: '' } });
      setDraft({ text: '', contractor: '' });
    } else if (focus.batchId) {
      void useDefectList.getState().setQuery({ ...EMPTY_DEFECT_QUERY, batchId: focus.batchId });
    } else {
      void useDefectList.getState().setQuery(current);
    }
    if (focus.defectId) setDrawer({ id: focus.defectId, row: null });
  }, [focus]);

  // A room asked for by id gets its name from the first row that shows it.
  const roomPlace =
    query.resource && !query.resource.place ? items.find((d) => d.resourceId === query.resource?.id)?.room.place : undefined;
  useEffect(() => {
    if (roomPlace && query.resource) void list.setQuery({ ...query, resource: { ...query.resource, place: roomPlace } });
  }, [roomPlace, query, list]);

  const runQuery = (next: Partial<DefectQuery>) =>
    void list.setQuery({ ...query, text: draft.text, contractor: draft.contractor, ...next });

  const view = () => {
    if (!single) return notifyWarning(t('common.selectOne'));
    setDrawer({ id: single.id, row: single });
  };

  const openReinspection = () => {
    const room = single ? { id: single.resourceId, place: single.room.place } : query.resource;
    if (!room) return notifyWarning(t('ho.reinsp.pickRoom'));
    setReinspection({ id: room.id, place: room.place || room.id });
  };

  useShortcuts(
    [
      { key: 'Enter', run: () => !typingSomewhere() && view() },
      { key: 'r', alt: true, run: openReinspection },
    ],
    drawer === null && reinspection === null,
  );

  const columns: ColumnsType<DefectRow> = [
    { title: t('ho.col.room'), key: 'room', width: 140, ellipsis: true, render: (_: unknown, d) => d.room.place },
    { title: t('ho.col.batch'), dataIndex: 'batchName', width: 110, ellipsis: true },
    { title: t('ho.defect.area'), dataIndex: 'area', width: 80, ellipsis: true },
    { title: t('ho.defect.category'), dataIndex: 'categoryName', width: 90, ellipsis: true },
    {
      title: t('ho.defect.description'),
      dataIndex: 'description',
      ellipsis: { showTitle: true },
    },
    {
      title: t('ho.defect.severity'),
      dataIndex: 'severity',
      width: 76,
      render: (s: DefectSeverity) => <SeverityTag severity={s} />,
    },
    { title: t('ho.defect.contractor'), dataIndex: 'contractor', width: 110, ellipsis: true },
    { title: t('ho.defect.dueDate'), dataIndex: 'dueDate', width: 100 },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: DefectStatus) => <DefectStatusTag status={s} /> },
    {
      title: t('ho.defect.age'),
      key: 'age',
      width: 96,
      render: (_: unknown, d) => (
        <DefectAgeTag ageDays={d.ageDays} overdue={d.overdue} closed={d.status === 'closed'} dueDate={d.dueDate} />
      ),
    },
    { title: t('ho.defect.photoCount'), dataIndex: 'photos', width: 56, align: 'right' },
  ];

  return (
    <Card size="small" className="full-card" title={t('menu.defects')} data-testid="defects-page">
      <Space wrap className="query-bar" data-testid="defect-query-bar">
        <Space size={4}>
          <label>{t('ho.col.batch')}</label>
          <Select<string>
            allowClear
            style={{ width: 130 }}
            placeholder={t('common.all')}
            value={query.batchId}
            onChange={(v) => runQuery({ batchId: v })}
            options={batches.map((b) => ({ value: b.id, label: b.name }))}
            data-testid="defect-filter-batch"
          />
        </Space>
        <Space size={4}>
          <label>{t('ho.filter.building')}</label>
          <Select<string>
            allowClear
            style={{ width: 100 }}
            placeholder={t('common.all')}
            value={query.buildingId}
            onChange={(v) => runQuery({ buildingId: v })}
            options={buildings.map((b) => ({ value: b.id, label: b.name }))}
            data-testid="defect-filter-building"
          />
        </Space>
        <Space size={4}>
          <label>{t('common.status')}</label>
          <Select<DefectStatus>
            allowClear
            style={{ width: 110 }}
            placeholder={t('common.all')}
            value={query.status}
            onChange={(v) => runQuery({ status: v, openOnly: v === 'closed' ? false : query.openOnly })}
            options={DEFECT_STATUSES.map((s) => ({ value: s.code, label: localName(lang, s) }))}
            data-testid="defect-filter-status"
          />
        </Space>
        <Space size={4}>
          <label>{t('ho.defect.contractor')}</label>
          <AutoComplete
            allowClear
            style={{ width: 110 }}
            placeholder={t('common.all')}
            value={draft.contractor}
            options={contractors.map((c) => ({ value: c.name }))}
            onChange={(v: string | undefined) => {
              setDraft((d) => ({ ...d, contractor: v ?? '' }));
              if (!v && query.contractor) runQuery({ contractor: '' });
            }}
            onSelect={(v: string | undefined) => runQuery({ contractor: v ?? '' })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') runQuery({});
            }}
            data-testid="defect-filter-contractor"
          />
        </Space>
        <Input
          allowClear
          style={{ width: 150 }}
          prefix={<SearchOutlined />}
          placeholder={t('ho.defect.textPlaceholder')}
          value={draft.text}
          maxLength={50}
          onChange={(e) => {
            setDraft((d) => ({ ...d, text: e.target.value }));
            if (e.target.value === '' && query.text !== '') runQuery({ text: '' });
          }}
          onPressEnter={() => runQuery({})}
          data-testid="defect-filter-text"
        />
        <Checkbox
          checked={query.openOnly}
          disabled={query.status === 'closed'}
          onChange={(e) => runQuery({ openOnly: e.target.checked })}
          data-testid="defect-filter-open"
        >
          {t('ho.defect.openOnly')}
        </Checkbox>
        <Checkbox
          checked={query.overdueOnly}
          onChange={(e) => runQuery({ overdueOnly: e.target.checked })}
          data-testid="defect-filter-overdue"
        >
          {t('ho.defect.overdueOnly')}
        </Checkbox>
        <Button type="primary" icon={<SearchOutlined />} onClick={() => runQuery({})} data-testid="defect-query">
          {t('common.query')}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setDraft({ text: '', contractor: '' });
            void list.setQuery(EMPTY_DEFECT_QUERY);
          }}
          data-testid="defect-reset"
        >
          {t('common.reset')}
        </Button>
      </Space>
      {query.resource && (
        <div className="ho-room-filter">
          <Tag
            closable
            color="blue"
            onClose={(e) => {
              e.preventDefault();
              runQuery({ resource: null });
              useNavigation.getState().go('defects', {});
            }}
            data-testid="defect-filter-room"
          >
            {t('ho.defect.roomFilter', { place: query.resource.place || '…' })}
          </Tag>
        </div>
      )}
      <Space wrap size={8} className="toolbar" data-testid="defect-toolbar">
        <ToolbarButton
          label={t('common.view')}
          icon={<EyeOutlined />}
          shortcut="Enter"
          disabled={!single}
          testId="defect-view"
          onClick={view}
        />
        <ToolbarButton
          label={t('ho.defect.reinspection')}
          icon={<FileSearchOutlined />}
          shortcut="Alt+R"
          disabled={!single && !query.resource}
          testId="defect-reinspection"
          onClick={openReinspection}
        />
        <FileExportButton testId="defect-export" run={() => api.call('defect.export', defectFilter(query))} />
        <Typography.Text type="secondary" className="ho-sub">
          {t('ho.defect.overdueRule')}
        </Typography.Text>
      </Space>
      <Table<DefectRow>
        className="main-table"
        rowKey="id"
        size="small"
        bordered
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ y: 'calc(100vh - 330px)' }}
        locale={{ emptyText: t('common.empty') }}
        rowClassName={(d) => (d.overdue ? 'ho-row-overdue' : '')}
        {...rowSelectionProps<DefectRow>(selectedIds, list.select, (d) => setDrawer({ id: d.id, row: d }))}
        onRow={(d) =>
          ({
            'data-testid': 'defect-row',
            'data-status': d.status,
            onClick: (event) => {
              if ((event.target as HTMLElement).closest('.ant-table-selection-column')) return;
              list.select([d.id]);
            },
            onDoubleClick: () => setDrawer({ id: d.id, row: d }),
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="defect-table"
      />
      <PagerBar
        total={total}
        page={page}
        pageSize={pageSize}
        disabled={loading}
        onChange={(p, size) => void list.setPage(p, size)}
      />

      <DefectDrawer
        defectId={drawer?.id ?? null}
        row={drawer?.row ?? null}
        onClose={() => setDrawer(null)}
        onChanged={() => void list.reload()}
        onReinspection={(room) => setReinspection(room)}
      />
      {reinspection && <ReinspectionModal resource={reinspection} onClose={() => setReinspection(null)} />}
    </Card>
  );
}
