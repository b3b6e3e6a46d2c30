import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, EditOutlined, RedoOutlined, ReloadOutlined } from '@ant-design/icons';
import { pageCount, type Page } from '../../../../shared/domain/paging.js';
import type { ConflictStatus, SyncConflict } from '../../../../shared/domain/sync.js';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess, notifyWarning } from '../../components/feedback.js';
import { formatTime } from '../../components/formatTime.js';
import { PagerBar } from '../../components/PagerBar.js';
import { ToolbarButton } from '../../components/ToolbarButton.js';
import { useConfirm } from '../../components/useConfirm.js';
import { useShortcuts } from '../../components/useShortcuts.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { useSync } from '../../store/sync.js';
import { ConflictChanges } from './ConflictChanges.js';
import { ConflictEditModal } from './ConflictEditModal.js';
import { editableRecords } from './conflictEdit.js';
import { conflictCodeText } from './syncFormat.js';

type Filter = 'open' | 'all';

const STATUS_KEYS: Record<ConflictStatus, MessageKey> = {
  open: 'sync.conflict.status.open',
  retried: 'sync.conflict.status.retried',
  discarded: 'sync.conflict.status.discarded',
};
const STATUS_COLORS: Record<ConflictStatus, string> = { open: 'orange', retried: 'blue', discarded: 'default' };

function typing(): boolean {
  const el = document.activeElement as HTMLElement | null;
  if (!el) return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

const EMPTY: Page<SyncConflict> = { items: [], total: 0, page: 1, pageSize: 20 };

/**
 * 冲突: transactions the group server refused, kept with the user's attempt until the user
 * retries it, edits and retries it, or discards it. Nothing leaves this list unseen.
 */
export function ConflictsTab({ active }: { active: boolean }) {
  const t = useT();
  const { confirming, confirm } = useConfirm();
  const version = useSync((s) => s.version);
  const [filter, setFilter] = useState<Filter>('open');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<SyncConflict>>(EMPTY);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<SyncConflict | null>(null);
  const ticket = useRef(0);

  const load = useCallback(async () => {
    const mine = ++ticket.current;
    setLoading(true);
    try {
      const page = await api.call('sync.conflicts', { status: filter, ...paging });
      if (mine !== ticket.current) return;
      const last = pageCount(page.total, paging.pageSize);
      if (page.items.length === 0 && paging.page > last) {
        // Resolved rows left this page empty: show the new last one.
        setPaging((p) => ({ ...p, page: last }));
        return;
      }
      setData(page);
    } catch (error) {
      if (mine === ticket.current) notifyError(error);
    } finally {
      if (mine === ticket.current) setLoading(false);
    }
  }, [filter, paging]);

  useEffect(() => {
    void load();
  }, [load, version]);

  const items = data.items;
  const selected = items.find((c) => c.id === selectedId) ?? null;

  const pick = (conflict: SyncConflict | null): SyncConflict | null => {
    const target = conflict ?? selected;
    if (!target) {
      notifyWarning(t('common.selectOne'));
      return null;
    }
    if (target.status !== 'open') {
      notifyWarning(t('sync.conflict.notOpen'));
      return null;
    }
    return target;
  };

  const resolve = async (conflict: SyncConflict, action: 'retry' | 'discard') => {
    setBusy(true);
    try {
      await useSync.getState().act(() => api.call('sync.resolveConflict', { id: conflict.id, action }));
      notifySuccess(t(action === 'retry' ? 'sync.conflict.retryDone' : 'sync.conflict.discardDone'));
    } catch (error) {
      notifyError(error);
      await load();
    } finally {
      setBusy(false);
    }
  };

  const retry = (conflict: SyncConflict | null = null) => {
    const target = pick(conflict);
    if (target) void resolve(target, 'retry');
  };

  const discard = (conflict: SyncConflict | null = null) => {
    const target = pick(conflict);
    if (!target) return;
    confirm({
      title: t('sync.conflict.discardConfirm'),
      content: t('sync.conflict.discardHint'),
      danger: true,
      okText: t('sync.conflict.discard'),
      cancelText: t('common.cancel'),
      onOk: () => resolve(target, 'discard'),
    });
  };

  const edit = (conflict: SyncConflict | null = null) => {
    const target = pick(conflict);
    if (!target) return;
    if (editableRecords(target).length === 0) {
      notifyWarning(t('sync.conflict.noEditable'));
      return;
    }
    setEditing(target);
  };

  const move = (step: number) => {
    if (typing() || items.length === 0) return;
    const at = items.findIndex((c) => c.id === selectedId);
    const next = at < 0 ? (step > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, at + step));
    setSelectedId(items[next]?.id ?? null);
  };

  useShortcuts(
    [
      { key: 'F2', run: () => edit() },
      { key: 'r', alt: true, run: () => retry() },
      {
        key: 'Delete',
        run: () => {
          if (!typing()) discard();
        },
      },
      { key: 'ArrowDown', run: () => move(1) },
      { key: 'ArrowUp', run: () => move(-1) },
    ],
    // The tab stays mounted behind 同步状态: its keys only act while it shows.
    active && editing === null && !confirming && !busy,
  );

  const canAct = selected?.status === 'open' && !busy;

  const columns: ColumnsType<SyncConflict> = [
    {
      title: t('sync.conflict.col.time'),
      dataIndex: 'createdAt',
      width: 160,
      render: (at: string) => <span data-testid="conflict-time">{formatTime(at)}</span>,
    },
    {
      title: t('sync.conflict.col.reason'),
      dataIndex: 'message',
      width: 280,
      render: (message: string, c) => (
        <div className="conflict-reason">
          <Tag color="red" data-testid="conflict-code">
            {conflictCodeText(t, c.code)}
          </Tag>
          <span data-testid="conflict-message">{message}</span>
        </div>
      ),
    },
    {
      title: t('sync.conflict.col.records'),
      dataIndex: 'changes',
      render: (_: unknown, c) => <ConflictChanges changes={c.changes} />,
    },
    {
      title: t('sync.conflict.col.status'),
      dataIndex: 'status',
      width: 170,
      render: (status: ConflictStatus, c) => (
        <div>
          <Tag color={STATUS_COLORS[status]} data-testid="conflict-status">
            {t(STATUS_KEYS[status])}
          </Tag>
          {c.resolvedAt && (
            <Typography.Text type="secondary" className="conflict-resolved">
              {t('sync.conflict.resolvedBy', { by: c.resolvedBy ?? '', time: formatTime(c.resolvedAt) })}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('sync.conflict.col.actions'),
      key: 'actions',
      width: 120,
      render: (_: unknown, c) =>
        c.status === 'open' ? (
          <div className="conflict-actions">
            <Button
              size="small"
              type="link"
              icon={<RedoOutlined />}
              disabled={busy}
              onClick={(e) => {
                e.stopPropagation();
                retry(c);
              }}
              data-testid="conflict-retry"
            >
              {t('sync.conflict.retry')}
            </Button>
            <Button
              size="small"
              type="link"
              icon={<EditOutlined />}
              disabled={busy || editableRecords(c).length === 0}
              onClick={(e) => {
                e.stopPropagation();
                edit(c);
              }}
              data-testid="conflict-edit-open"
            >
              {t('sync.conflict.edit')}
            </Button>
            <Button
              size="small"
              type="link"
              danger
              icon={<DeleteOutlined />}
              disabled={busy}
              onClick={(e) => {
                e.stopPropagation();
                discard(c);
              }}
              data-testid="conflict-discard"
            >
              {t('sync.conflict.discard')}
            </Button>
          </div>
        ) : null,
    },
  ];

  return (
    <div data-testid="sync-conflicts">
      <Alert type="info" showIcon title={t('sync.conflict.intro')} className="conflict-intro" />
      <Space wrap className="toolbar">
        <Space size={4}>
          <span>{t('sync.conflict.filter')}</span>
          <Segmented<Filter>
            value={filter}
            onChange={(value) => {
              setFilter(value);
              setSelectedId(null);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={[
              { value: 'open', label: <span data-testid="conflict-filter-open">{t('sync.conflict.filterOpen')}</span> },
              { value: 'all', label: <span data-testid="conflict-filter-all">{t('sync.conflict.filterAll')}</span> },
            ]}
            data-testid="conflict-filter"
          />
        </Space>
        <ToolbarButton
          label={t('sync.conflict.retry')}
          icon={<RedoOutlined />}
          shortcut="Alt+R"
          disabled={!canAct}
          testId="conflicts-retry"
          onClick={() => retry()}
        />
        <ToolbarButton
          label={t('sync.conflict.edit')}
          icon={<EditOutlined />}
          shortcut="F2"
          disabled={!canAct || (selected !== null && editableRecords(selected).length === 0)}
          testId="conflicts-edit"
          onClick={() => edit()}
        />
        <ToolbarButton
          label={t('sync.conflict.discard')}
          icon={<DeleteOutlined />}
          shortcut="Delete"
          danger
          disabled={!canAct}
          testId="conflicts-discard"
          onClick={() => discard()}
        />
        <Tooltip title={t('sync.refresh')}>
          <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('sync.refresh')} data-testid="conflicts-reload" />
        </Tooltip>
      </Space>
      <Table<SyncConflict>
        className="main-table conflict-table"
        rowKey="id"
        size="small"
        bordered
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t(filter === 'open' ? 'sync.conflict.empty' : 'sync.conflict.emptyAll') }}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: selectedId ? [selectedId] : [],
          onChange: (keys) => setSelectedId(keys[0] === undefined ? null : String(keys[0])),
        }}
        onRow={(c) => ({
          onClick: () => setSelectedId(c.id),
          onDoubleClick: () => {
            if (c.status === 'open') edit(c);
          },
        })}
        rowClassName={(c) => (c.status === 'open' ? '' : 'row-invalid')}
        data-testid="conflict-table"
      />
      <PagerBar
        total={data.total}
        page={paging.page}
        pageSize={paging.pageSize}
        disabled={loading}
        onChange={(page, pageSize) => setPaging({ page, pageSize })}
      />
      <ConflictEditModal
        key={editing?.id ?? 'none'}
        conflict={editing}
        onClose={() => setEditing(null)}
        onDone={() => setEditing(null)}
      />
    </div>
  );
}
