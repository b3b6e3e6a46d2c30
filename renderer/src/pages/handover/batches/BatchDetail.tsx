import { useEffect, useState, type HTMLAttributes } from 'react';
import { Button, Card, Input, Progress, Select, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  ArrowLeftOutlined,
  CalendarOutlined,
  DeleteOutlined,
  EditOutlined,
  ExperimentOutlined,
  EyeOutlined,
  PlusOutlined,
  ReloadOutlined,
  SearchOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { BatchSummary, HandoverRow } from '../../../../../shared/api/calls/handover.js';
import type { ResourceNode } from '../../../../../shared/api/calls/resources.js';
import { HANDOVER_STATUSES, type HandoverStatus } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { notifyError, notifySuccess, notifyWarning } from '../../../components/feedback.js';
import { PagerBar } from '../../../components/PagerBar.js';
import { ToolbarButton } from '../../../components/ToolbarButton.js';
import { useConfirm } from '../../../components/useConfirm.js';
import { rowSelectionProps } from '../../../components/useRowSelection.js';
import { useShortcuts } from '../../../components/useShortcuts.js';
import { localName, useLang, useT } from '../../../i18n/index.js';
import { areaText } from '../../resources/resourceText.js';
import { BookModal } from '../shared/AppointmentModals.js';
import { BuyersModal } from '../shared/BuyersModal.js';
import { HandoverDrawer } from '../shared/HandoverDrawer.js';
import { AppointmentStatusTag, BatchStatusTag, HandoverStatusTag } from '../shared/HandoverTags.js';
import { percentText } from '../shared/handoverText.js';
import { startInspection } from '../shared/inspections.js';
import { AddRoomsModal } from './BatchFormModal.js';
import { useHandoverList } from './handoverListStore.js';

type Dialog = { kind: 'book'; row: HandoverRow } | { kind: 'buyers'; row: HandoverRow } | { kind: 'addRooms' } | null;

/** Enter opens the selected room, unless the key belongs to a field or button that has focus. */
function typingSomewhere(): boolean {
  const el = document.activeElement as HTMLElement | null;
  if (!el) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A'].includes(el.tagName) || el.isContentEditable;
}

interface BatchDetailProps {
  project: { id: string; name: string };
  batch: BatchSummary;
  initialHandoverId: string | null;
  onBack: () => void;
  onEdit: () => void;
  /** The batch's counts may have changed. */
  onChanged: () => void;
}

/** One batch: its rooms with buyers, appointment and where each handover stands. */
export function BatchDetail({ project, batch, initialHandoverId, onBack, onEdit, onChanged }: BatchDetailProps) {
  const t = useT();
  const lang = useLang();
  const { confirm, confirming } = useConfirm();
  const list = useHandoverList();
  const { query, items, total, page, pageSize, loading, selectedIds } = list;
  const [buildings, setBuildings] = useState<ResourceNode[]>([]);
  const [draft, setDraft] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [drawerId, setDrawerId] = useState<string | null>(initialHandoverId);
  const [drawerVersion, setDrawerVersion] = useState(0);
  const [starting, setStarting] = useState(false);
  const selected = items.filter((r) => selectedIds.includes(r.id));
  const single = selected.length === 1 ? selected[0] : undefined;
  const singleReceived = single?.status === 'accepted' || single?.status === 'acceptedWithDefects';

  useEffect(() => {
    setDraft('');
    void useHandoverList.getState().setQuery({ batchId: batch.id, buildingId: undefined, status: undefined, text: '' });
  }, [batch.id]);

  useEffect(() => {
    let live = true;
    api
      .call('resource.children', { projectId: project.id, parentId: null })
      .then((nodes) => {
        if (live) setBuildings(nodes.filter((n) => n.kind === 'building'));
      })
      .catch((e: unknown) => {
        if (live) notifyError(e);
      });
    return () => {
      live = false;
    };
  }, [project.id]);

  const changed = () => {
    setDialog(null);
    setDrawerVersion((n) => n + 1);
    void list.reload();
    onChanged();
  };

  const requireSingle = (): HandoverRow | undefined => {
    if (!single) notifyWarning(t('common.selectOne'));
    return single;
  };

  const actions = {
    view: () => {
      const r = requireSingle();
      if (r) setDrawerId(r.id);
    },
    book: () => {
      const r = requireSingle();
      if (!r) return;
      if (r.status === 'accepted' || r.status === 'acceptedWithDefects') notifyWarning(t('ho.book.received'));
      else if (r.buyers.length === 0) notifyWarning(t('ho.book.noBuyers'));
      else setDialog({ kind: 'book', row: r });
    },
    buyers: () => {
      const r = requireSingle();
      if (r) setDialog({ kind: 'buyers', row: r });
    },
    pre: async () => {
      const r = requireSingle();
      if (!r) return;
      setStarting(true);
      try {
        await startInspection({ resourceId: r.room.id, kind: 'pre', handoverId: r.id, customerId: null });
      } catch (e) {
        notifyError(e);
      } finally {
        setStarting(false);
      }
    },
    remove: () => {
      const r = requireSingle();
      if (!r) return;
      confirm({
        title: t('ho.batch.confirmRemove', { place: r.room.place }),
        content: t('ho.batch.confirmRemoveHint'),
        danger: true,
        okText: t('ho.batch.remove'),
        cancelText: t('common.cancel'),
        onOk: async () => {
          try {
            await api.call('handover.remove', { id: r.id });
            notifySuccess(t('ho.batch.removed', { place: r.room.place }));
            changed();
          } catch (e) {
            notifyError(e);
          }
        },
      });
    },
  };

  const runQuery = (next: Partial<typeof query>) => void list.setQuery({ ...query, ...next });

  const dialogsOpen = dialog !== null || drawerId !== null || confirming;
  useShortcuts(
    [
      { key: 'Enter', run: () => !typingSomewhere() && actions.view() },
      { key: 'b', alt: true, run: actions.book },
      { key: 'u', alt: true, run: actions.buyers },
      { key: 'p', alt: true, run: () => void actions.pre() },
      { key: 'Insert', run: () => setDialog({ kind: 'addRooms' }) },
      { key: 'F2', run: onEdit },
      { key: 'Backspace', alt: true, run: onBack },
    ],
    !dialogsOpen,
  );

  const columns: ColumnsType<HandoverRow> = [
    {
      title: t('ho.col.room'),
      key: 'room',
      width: 150,
      ellipsis: true,
      render: (_: unknown, r) => <span data-testid="handover-room">{r.room.place}</span>,
    },
    { title: t('ho.col.houseType'), key: 'houseType', width: 90, ellipsis: true, render: (_: unknown, r) => r.room.houseType },
    {
      title: t('ho.col.buildArea'),
      key: 'area',
      width: 96,
      align: 'right',
      render: (_: unknown, r) => areaText(r.room.buildArea),
    },
    {
      title: t('ho.col.buyers'),
      key: 'buyers',
      ellipsis: true,
      render: (_: unknown, r) =>
        r.buyers.length === 0 ? (
          <Typography.Text type="warning">{t('ho.buyer.noneShort')}</Typography.Text>
        ) : (
          <span data-testid="handover-buyers-names">{r.buyers.map((b) => b.name).join('、')}</span>
        ),
    },
    {
      title: t('ho.col.handoverStatus'),
      dataIndex: 'status',
      width: 110,
      render: (s: HandoverStatus) => <HandoverStatusTag status={s} />,
    },
    {
      title: t('ho.col.appointment'),
      key: 'appointment',
      width: 236,
      render: (_: unknown, r) =>
        r.appointment ? (
          <Space size={4} className="ho-nowrap">
            <span>
              {r.appointment.date} {r.appointment.slot}
            </span>
            <AppointmentStatusTag status={r.appointment.status} />
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('ho.batch.notAppointed')}</Typography.Text>
        ),
    },
    { title: t('ho.col.inspections'), dataIndex: 'inspections', width: 60, align: 'right' },
    {
      title: t('ho.col.openDefects'),
      dataIndex: 'openDefects',
      width: 90,
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    { title: t('ho.col.outcomeOn'), dataIndex: 'outcomeOn', width: 110 },
  ];

  const acceptedAll = batch.accepted;

  return (
    <Card
      size="small"
      className="full-card"
      title={
        <Space size={8}>
          <Tooltip title={`${t('ho.batch.back')}（Alt+Backspace）`}>
            <Button type="text" size="small" icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="batch-back" />
          </Tooltip>
          <span data-testid="batch-detail-title">{batch.name}</span>
          <BatchStatusTag status={batch.status} />
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('ho.batch.plannedRange', { start: batch.plannedStart, end: batch.plannedEnd })}
          </Typography.Text>
        </Space>
      }
      data-testid="batch-detail"
    >
      <div className="ho-stats" data-testid="batch-stats">
        <Statistic title={t('ho.stat.rooms')} value={batch.rooms} />
        <Statistic title={t('ho.stat.appointed')} value={batch.appointed} />
        <Statistic title={t('ho.stat.inspected')} value={batch.inspected} />
        <Statistic title={t('ho.stat.accepted')} value={batch.accepted} styles={{ content: { color: '#389e0d' } }} />
        <Statistic
          title={t('ho.stat.refused')}
          value={batch.refused}
          styles={{ content: { color: batch.refused ? '#cf1322' : undefined } }}
        />
        <Statistic title={t('ho.stat.openDefects')} value={batch.openDefects} />
        <div className="ho-stat-progress">
          <div className="ho-sub">{t('ho.stat.rate')}</div>
          <Progress
            percent={batch.rooms ? Math.round((acceptedAll / batch.rooms) * 100) : 0}
            format={() => percentText(acceptedAll, batch.rooms)}
            size="small"
            style={{ width: 200 }}
          />
        </div>
      </div>
      <Space wrap className="query-bar" data-testid="handover-query-bar">
        <Space size={4}>
          <label>{t('ho.filter.building')}</label>
          <Select<string>
            allowClear
            style={{ width: 140 }}
            placeholder={t('common.all')}
            value={query.buildingId}
            onChange={(v) => runQuery({ buildingId: v })}
            options={buildings.map((b) => ({ value: b.id, label: b.name }))}
            data-testid="handover-filter-building"
          />
        </Space>
        <Space size={4}>
          <label>{t('ho.filter.status')}</label>
          <Select<HandoverStatus>
            allowClear
            style={{ width: 130 }}
            placeholder={t('common.all')}
            value={query.status}
            onChange={(v) => runQuery({ status: v })}
            options={HANDOVER_STATUSES.map((s) => ({ value: s.code, label: localName(lang, s) }))}
            data-testid="handover-filter-status"
          />
        </Space>
        <Space size={4}>
          <label htmlFor="handover-filter-text">{t('ho.filter.text')}</label>
          <Input
            id="handover-filter-text"
            allowClear
            style={{ width: 240 }}
            placeholder={t('ho.filter.textPlaceholder')}
            value={draft}
            maxLength={50}
            onChange={(e) => {
              setDraft(e.target.value);
              if (e.target.value === '' && query.text !== '') runQuery({ text: '' });
            }}
            onPressEnter={() => runQuery({ text: draft })}
            data-testid="handover-filter-text"
          />
        </Space>
        <Button type="primary" icon={<SearchOutlined />} onClick={() => runQuery({ text: draft })} data-testid="handover-query">
          {t('common.query')}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setDraft('');
            runQuery({ buildingId: undefined, status: undefined, text: '' });
          }}
          data-testid="handover-reset"
        >
          {t('common.reset')}
        </Button>
      </Space>
      <Space wrap size={8} className="toolbar" data-testid="handover-toolbar">
        <ToolbarButton
          label={t('common.view')}
          icon={<EyeOutlined />}
          shortcut="Enter"
          disabled={!single}
          testId="handover-view"
          onClick={actions.view}
        />
        <ToolbarButton
          primary
          label={t('ho.batch.book')}
          icon={<CalendarOutlined />}
          shortcut="Alt+B"
          disabled={!single || singleReceived}
          testId="handover-book"
          onClick={actions.book}
        />
        <ToolbarButton
          label={t('ho.batch.buyers')}
          icon={<TeamOutlined />}
          shortcut="Alt+U"
          disabled={!single}
          testId="handover-buyers"
          onClick={actions.buyers}
        />
        <ToolbarButton
          label={t('ho.batch.pre')}
          icon={<ExperimentOutlined />}
          shortcut="Alt+P"
          disabled={!single || starting}
          testId="handover-pre-inspection"
          onClick={() => void actions.pre()}
        />
        <ToolbarButton
          danger
          label={t('ho.batch.remove')}
          icon={<DeleteOutlined />}
          disabled={!single}
          testId="handover-remove"
          onClick={actions.remove}
        />
        <span className="ho-toolbar-gap" />
        <ToolbarButton
          label={t('ho.batch.addRooms')}
          icon={<PlusOutlined />}
          shortcut="Insert"
          disabled={batch.status === 'closed'}
          testId="batch-add-rooms"
          onClick={() => setDialog({ kind: 'addRooms' })}
        />
        <ToolbarButton
          label={t('ho.batch.edit')}
          icon={<EditOutlined />}
          shortcut="F2"
          testId="batch-edit-detail"
          onClick={onEdit}
        />
      </Space>
      <Table<HandoverRow>
        className="main-table"
        rowKey="id"
        size="small"
        bordered
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ y: 'calc(100vh - 420px)' }}
        locale={{ emptyText: t('common.empty') }}
        {...rowSelectionProps<HandoverRow>(selectedIds, list.select, (r) => setDrawerId(r.id))}
        onRow={(r) =>
          ({
            'data-testid': 'handover-row',
            onClick: (event) => {
              if ((event.target as HTMLElement).closest('.ant-table-selection-column')) return;
              list.select([r.id]);
            },
            onDoubleClick: () => setDrawerId(r.id),
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="handover-table"
      />
      <PagerBar
        total={total}
        page={page}
        pageSize={pageSize}
        disabled={loading}
        onChange={(p, size) => void list.setPage(p, size)}
      />

      {dialog?.kind === 'book' && (
        <BookModal
          target={{ handoverId: dialog.row.id, place: dialog.row.room.place, buyers: dialog.row.buyers }}
          onClose={() => setDialog(null)}
          onSaved={changed}
        />
      )}
      {dialog?.kind === 'buyers' && <BuyersModal handoverId={dialog.row.id} onClose={() => setDialog(null)} onSaved={changed} />}
      {dialog?.kind === 'addRooms' && (
        <AddRoomsModal project={project} batch={batch} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      <HandoverDrawer
        handoverId={drawerId}
        onClose={() => setDrawerId(null)}
        onChanged={() => {
          void list.reload();
          onChanged();
        }}
        version={drawerVersion}
      />
    </Card>
  );
}
