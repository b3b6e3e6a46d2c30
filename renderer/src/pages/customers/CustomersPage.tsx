import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Checkbox, Input, Space, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  EditOutlined,
  HistoryOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  ProfileOutlined,
  ReloadOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import type { Customer360, CustomerListRow } from '../../../../shared/api/calls/customers.js';
import { api } from '../../api/client.js';
import { notifyError, notifyWarning } from '../../components/feedback.js';
import { formatTime } from '../../components/formatTime.js';
import { PagerBar } from '../../components/PagerBar.js';
import { ToolbarButton } from '../../components/ToolbarButton.js';
import { ExportButton } from '../../components/ExportButton.js';
import { rowSelectionProps } from '../../components/useRowSelection.js';
import { useShortcuts } from '../../components/useShortcuts.js';
import { useLang, useT } from '../../i18n/index.js';
import { useNavigation } from '../../store/navigation.js';
import { useCurrentProjectId } from '../../store/session.js';
import { Customer360Drawer, type Tab360 } from './Customer360Drawer.js';
import { CustomerFormModal, type CustomerFormTarget } from './CustomerFormModal.js';
import { idTypeName, kindName, phoneDisplay } from './customerFormat.js';
import { useCustomerList } from './customerListStore.js';
import { MergeModal } from './MergeModal.js';
import './customers.css';

/** Enter opens the selected customer, unless the key belongs to a field or button that has focus. */
function typingSomewhere(): boolean {
  const el = document.activeElement as HTMLElement | null;
  if (!el) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A'].includes(el.tagName) || el.isContentEditable;
}

export function CustomersPage() {
  const t = useT();
  const lang = useLang();
  const list = useCustomerList();
  const { query, items, total, page, pageSize, loading, selectedIds } = list;
  const projectId = useCurrentProjectId();
  const focusId = useNavigation((s) => s.focus.customerId ?? null);
  const go = useNavigation((s) => s.go);

  const [draft, setDraft] = useState(query.text);
  const [formTarget, setFormTarget] = useState<CustomerFormTarget | null>(null);
  // Each opening gets a fresh form (and form store), so no value leaks from the last one.
  const [formSession, setFormSession] = useState(0);
  const [tab, setTab] = useState<Tab360>('relations');
  const [viewVersion, setViewVersion] = useState(0);
  const [mergeOpen, setMergeOpen] = useState(false);
  const [mergeSession, setMergeSession] = useState(0);

  useEffect(() => {
    void useCustomerList.getState().reload();
  }, []);

  // 仅当前项目 follows the project switcher.
  useEffect(() => {
    if (useCustomerList.getState().query.onlyProject) void useCustomerList.getState().reload();
  }, [projectId]);

  const selected = items.filter((item) => selectedIds.includes(item.id));
  const single = selected.length === 1 ? selected[0] : undefined;

  const open360 = useCallback((id: string, atTab: Tab360 = 'relations') => {
    setTab(atTab);
    useNavigation.getState().go('customers', { customerId: id });
  }, []);
  const close360 = () => go('customers', {});

  const requireSingle = (): CustomerListRow | undefined => {
    if (!single) notifyWarning(t('common.selectOne'));
    return single;
  };

  const openForm = (target: CustomerFormTarget) => {
    setFormTarget(target);
    setFormSession((n) => n + 1);
  };

  const register = () => openForm({ mode: 'create' });

  const editView = (view: Customer360) => openForm({ mode: 'edit', view });

  const edit = async () => {
    const row = requireSingle();
    if (!row) return;
    try {
      editView(await api.call('customer.view', { id: row.id }));
    } catch (error) {
      notifyError(error);
    }
  };

  const view360 = () => {
    const row = requireSingle();
    if (row) open360(row.id);
  };

  const history = () => {
    const row = requireSingle();
    if (row) open360(row.id, 'history');
  };

  const merge = () => {
    setMergeSession((n) => n + 1);
    setMergeOpen(true);
  };

  const runQuery = (text: string, onlyProject = query.onlyProject) => {
    void list.setQuery({ text, onlyProject });
  };

  const dialogsOpen = formTarget !== null || focusId !== null || mergeOpen;
  useShortcuts(
    [
      { key: 'Insert', run: register },
      { key: 'n', alt: true, run: register },
      { key: 'F2', run: () => void edit() },
      { key: 'h', alt: true, run: history },
      {
        key: 'Enter',
        run: () => {
          if (!typingSomewhere()) view360();
        },
      },
    ],
    !dialogsOpen,
  );

  const columns: ColumnsType<CustomerListRow> = [
    { title: t('cust.col.name'), dataIndex: 'name', width: 200, ellipsis: true },
    { title: t('cust.col.kind'), dataIndex: 'kind', width: 80, render: (kind: string) => kindName(lang, kind) },
    {
      title: t('cust.col.idType'),
      dataIndex: 'idType',
      width: 200,
      ellipsis: true,
      render: (code: string) => idTypeName(lang, code),
    },
    { title: t('cust.col.idNumber'), dataIndex: 'idNumberMasked', width: 200 },
    {
      title: t('cust.col.phones'),
      dataIndex: 'phones',
      ellipsis: true,
      render: (phones: string[]) => phones.map(phoneDisplay).join('，'),
    },
    { title: t('cust.col.updatedAt'), dataIndex: 'updatedAt', width: 180, render: (at: string) => formatTime(at) },
  ];

  return (
    <Card size="small" className="full-card" title={t('menu.customers')}>
      <Space wrap className="query-bar" data-testid="customer-query-bar">
        <Space size={4}>
          <label htmlFor="customer-query-text">{t('cust.query')}</label>
          <Input
            id="customer-query-text"
            allowClear
            style={{ width: 380 }}
            placeholder={t('cust.queryPlaceholder')}
            value={draft}
            maxLength={50}
            onChange={(e) => {
              setDraft(e.target.value);
              if (e.target.value === '' && query.text !== '') runQuery('');
            }}
            onPressEnter={() => runQuery(draft)}
            data-testid="customer-query-text"
          />
        </Space>
        <Tooltip title={projectId ? '' : t('cust.noProject')}>
          <Checkbox
            checked={query.onlyProject}
            disabled={!projectId && !query.onlyProject}
            onChange={(e) => runQuery(draft, e.target.checked)}
            data-testid="customer-only-project"
          >
            {t('cust.onlyProject')}
          </Checkbox>
        </Tooltip>
        <Button type="primary" icon={<SearchOutlined />} onClick={() => runQuery(draft)} data-testid="customer-query-submit">
          {t('common.query')}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setDraft('');
            void list.setQuery({ text: '', onlyProject: false });
          }}
          data-testid="customer-query-reset"
        >
          {t('common.reset')}
        </Button>
      </Space>
      <Space wrap size={8} className="toolbar" data-testid="customer-toolbar">
        <ToolbarButton
          primary
          label={t('cust.register')}
          icon={<PlusOutlined />}
          shortcut="Insert / Alt+N"
          testId="customer-add"
          onClick={register}
        />
        <ToolbarButton
          label={t('cust.edit')}
          icon={<EditOutlined />}
          shortcut="F2"
          disabled={!single}
          testId="customer-edit"
          onClick={() => void edit()}
        />
        <ToolbarButton
          label={t('cust.view360')}
          icon={<ProfileOutlined />}
          shortcut="Enter"
          disabled={!single}
          testId="customer-view"
          onClick={view360}
        />
        <ToolbarButton label={t('cust.merge')} icon={<MergeCellsOutlined />} testId="customer-merge" onClick={merge} />
        <ToolbarButton
          label={t('cust.history')}
          icon={<HistoryOutlined />}
          shortcut="Alt+H"
          disabled={!single}
          testId="customer-history"
          onClick={history}
        />
        <ExportButton
          testId="customer-export"
          input={{
            view: 'customers',
            filters: {
              query: list.query.text.trim().slice(0, 50) || undefined,
              projectId: list.query.onlyProject ? (projectId ?? undefined) : undefined,
            },
          }}
        />
      </Space>
      <Table<CustomerListRow>
        className="main-table"
        rowKey="id"
        size="small"
        bordered
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ y: 'calc(100vh - 300px)' }}
        locale={{ emptyText: t('common.empty') }}
        {...rowSelectionProps<CustomerListRow>(selectedIds, list.select, (row) => open360(row.id))}
        data-testid="customer-table"
      />
      <PagerBar
        total={total}
        page={page}
        pageSize={pageSize}
        disabled={loading}
        onChange={(p, size) => void list.setPage(p, size)}
      />

      <CustomerFormModal
        key={`form-${formSession}`}
        target={formTarget}
        onClose={() => setFormTarget(null)}
        onSaved={(saved) => {
          setFormTarget(null);
          setViewVersion((n) => n + 1);
          // A new or changed customer is the most recently modified: it heads the list.
          void list.setPage(1, pageSize).then(() => list.select([saved.id]));
        }}
        onOpenCustomer={(id) => {
          setFormTarget(null);
          open360(id);
        }}
      />
      <Customer360Drawer
        customerId={focusId}
        tab={tab}
        onTab={setTab}
        onClose={close360}
        onEdit={editView}
        onOpenCustomer={(id) => open360(id)}
        onChanged={() => void list.reload()}
        version={viewVersion}
      />
      <MergeModal
        key={`merge-${mergeSession}`}
        open={mergeOpen}
        initial={single}
        onClose={() => setMergeOpen(false)}
        onMerged={(survivorId) => {
          setMergeOpen(false);
          void list.reload();
          open360(survivorId);
        }}
      />
    </Card>
  );
}
