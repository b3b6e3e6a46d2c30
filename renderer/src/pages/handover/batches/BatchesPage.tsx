import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { Card, Checkbox, Progress, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, FolderOpenOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { BatchSummary } from '../../../../../shared/api/calls/handover.js';
import type { BatchStatus } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { notifyError, notifyWarning } from '../../../components/feedback.js';
import { ToolbarButton } from '../../../components/ToolbarButton.js';
import { useShortcuts } from '../../../components/useShortcuts.js';
import { useT } from '../../../i18n/index.js';
import { useNavigation } from '../../../store/navigation.js';
import { BatchStatusTag } from '../shared/HandoverTags.js';
import { percentText } from '../shared/handoverText.js';
import { ProjectGate } from '../shared/ProjectGate.js';
import { BatchDetail } from './BatchDetail.js';
import { BatchFormModal } from './BatchFormModal.js';
import '../shared/handover.css';

function typingSomewhere(): boolean {
  const el = document.activeElement as HTMLElement | null;
  if (!el) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A'].includes(el.tagName) || el.isContentEditable;
}

export function BatchesPage() {
  return <ProjectGate testId="batches">{(project) => <BatchesWorkspace project={project} />}</ProjectGate>;
}

type Form = { batch: BatchSummary | null } | null;

function BatchesWorkspace({ project }: { project: { id: string; name: string } }) {
  const t = useT();
  const focus = useNavigation((s) => s.focus);
  const [batches, setBatches] = useState<BatchSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [includeClosed, setIncludeClosed] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(focus.batchId ?? null);
  const [initialHandoverId, setInitialHandoverId] = useState<string | null>(focus.handoverId ?? null);
  const [form, setForm] = useState<Form>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setBatches(await api.call('handover.batchList', { includeClosed: true }));
    } catch (error) {
      notifyError(error);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // A link elsewhere (the handover drawer's batch, the omni search) may ask for a batch.
  useEffect(() => {
    if (focus.batchId) {
      setOpenId(focus.batchId);
      setInitialHandoverId(focus.handoverId ?? null);
    }
  }, [focus]);

  const shown = batches.filter((b) => includeClosed || b.status !== 'closed' || b.id === openId);
  const selected = shown.find((b) => b.id === selectedId);
  const opened = batches.find((b) => b.id === openId);

  const open = (batch: BatchSummary) => {
    setInitialHandoverId(null);
    setOpenId(batch.id);
  };

  const requireSelected = (): BatchSummary | undefined => {
    if (!selected) notifyWarning(t('common.selectOne'));
    return selected;
  };

  useShortcuts(
    [
      { key: 'Insert', run: () => setForm({ batch: null }) },
      { key: 'n', alt: true, run: () => setForm({ batch: null }) },
      {
        key: 'F2',
        run: () => {
          const b = requireSelected();
          if (b) setForm({ batch: b });
        },
      },
      {
        key: 'Enter',
        run: () => {
          if (typingSomewhere()) return;
          const b = requireSelected();
          if (b) open(b);
        },
      },
    ],
    form === null && !opened,
  );

  const formModal = form && (
    <BatchFormModal
      project={project}
      batch={form.batch}
      onClose={() => setForm(null)}
      onSaved={(saved) => {
        setForm(null);
        void load();
        setSelectedId(saved.id);
        if (!form.batch) open(saved);
      }}
    />
  );

  if (opened) {
    return (
      <>
        <BatchDetail
          project={project}
          batch={opened}
          initialHandoverId={initialHandoverId}
          onBack={() => {
            setSelectedId(opened.id);
            setOpenId(null);
            useNavigation.getState().go('handoverBatches', {});
          }}
          onEdit={() => setForm({ batch: opened })}
          onChanged={() => void load()}
        />
        {formModal}
      </>
    );
  }

  const columns: ColumnsType<BatchSummary> = [
    {
      title: t('ho.batch.name'),
      dataIndex: 'name',
      ellipsis: true,
      render: (name: string, b) => (
        <Typography.Link
          title={b.remark ? `${name}（${b.remark}）` : name}
          onClick={(e) => {
            e.stopPropagation();
            open(b);
          }}
          data-testid="batch-open"
        >
          {name}
        </Typography.Link>
      ),
    },
    {
      title: t('ho.batch.planned'),
      key: 'planned',
      width: 190,
      render: (_: unknown, b) => `${b.plannedStart} ~ ${b.plannedEnd}`,
    },
    { title: t('ho.batch.status'), dataIndex: 'status', width: 84, render: (s: BatchStatus) => <BatchStatusTag status={s} /> },
    { title: t('ho.stat.rooms'), dataIndex: 'rooms', width: 88, align: 'right' },
    { title: t('ho.stat.appointed'), dataIndex: 'appointed', width: 88, align: 'right' },
    { title: t('ho.stat.inspected'), dataIndex: 'inspected', width: 88, align: 'right' },
    { title: t('ho.stat.accepted'), dataIndex: 'accepted', width: 88, align: 'right' },
    {
      title: t('ho.stat.refused'),
      dataIndex: 'refused',
      width: 88,
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    { title: t('ho.stat.openDefects'), dataIndex: 'openDefects', width: 100, align: 'right' },
    {
      title: t('ho.stat.rate'),
      key: 'rate',
      width: 160,
      render: (_: unknown, b) => (
        <Tooltip title={t('ho.batch.rateTip', { accepted: b.accepted, rooms: b.rooms })}>
          <Progress
            size="small"
            percent={b.rooms ? Math.round((b.accepted / b.rooms) * 100) : 0}
            success={{ percent: 0 }}
            format={() => percentText(b.accepted, b.rooms)}
          />
        </Tooltip>
      ),
    },
  ];

  return (
    <Card size="small" className="full-card" title={t('menu.handoverBatches')} data-testid="batches-page">
      <div className="ho-toolbar-row">
        <Space wrap size={8} className="toolbar" data-testid="batch-toolbar">
          <ToolbarButton
            primary
            label={t('ho.batch.create')}
            icon={<PlusOutlined />}
            shortcut="Insert / Alt+N"
            testId="batch-create"
            onClick={() => setForm({ batch: null })}
          />
          <ToolbarButton
            label={t('ho.batch.openDetail')}
            icon={<FolderOpenOutlined />}
            shortcut="Enter"
            disabled={!selected}
            testId="batch-open-detail"
            onClick={() => selected && open(selected)}
          />
          <ToolbarButton
            label={t('ho.batch.edit')}
            icon={<EditOutlined />}
            shortcut="F2"
            disabled={!selected}
            testId="batch-edit"
            onClick={() => selected && setForm({ batch: selected })}
          />
          <ToolbarButton label={t('ho.refresh')} icon={<ReloadOutlined />} testId="batch-refresh" onClick={() => void load()} />
        </Space>
        <Checkbox checked={includeClosed} onChange={(e) => setIncludeClosed(e.target.checked)} data-testid="batch-include-closed">
          {t('ho.batch.includeClosed')}
        </Checkbox>
      </div>
      <Table<BatchSummary>
        className="main-table ho-table"
        rowKey="id"
        size="small"
        bordered
        loading={loading}
        columns={columns}
        dataSource={shown}
        pagination={false}
        scroll={{ y: 'calc(100vh - 250px)' }}
        locale={{ emptyText: t('ho.batch.empty') }}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: selected ? [selected.id] : [],
          onChange: (keys) => setSelectedId(keys[0] === undefined ? null : String(keys[0])),
        }}
        onRow={(b) =>
          ({
            'data-testid': 'batch-row',
            'data-name': b.name,
            onClick: () => setSelectedId(b.id),
            onDoubleClick: () => open(b),
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="batch-table"
      />
      {formModal}
    </Card>
  );
}
