import { useEffect, useState } from 'react';
import { Button, Card, Input, Space, Table, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  EditOutlined,
  EyeOutlined,
  HistoryOutlined,
  PlayCircleOutlined,
  PauseCircleOutlined,
  PlusOutlined,
  ReloadOutlined,
  SearchOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import {
  CUSTOM_FIELD_TARGETS,
  CUSTOM_FIELD_TYPES,
  type CustomFieldDef,
  type CustomFieldTarget,
} from '../../../../shared/domain/custom-fields.js';
import { pageCount } from '../../../../shared/domain/paging.js';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess, notifyWarning } from '../../components/feedback.js';
import { formatTime } from '../../components/formatTime.js';
import { HistoryDrawer } from '../../components/HistoryDrawer.js';
import { PagerBar } from '../../components/PagerBar.js';
import { StatusTag } from '../../components/StatusTag.js';
import { ToolbarButton } from '../../components/ToolbarButton.js';
import { rowSelectionProps } from '../../components/useRowSelection.js';
import { useConfirm } from '../../components/useConfirm.js';
import { useShortcuts } from '../../components/useShortcuts.js';
import { localName, useLang, useT } from '../../i18n/index.js';
import { useOperatorName } from '../../store/appInfo.js';
import type { FormMode } from '../dictionaries/DictFormModal.js';
import { CustomFieldFormModal } from './CustomFieldFormModal.js';
import { useCustomFieldList } from './customFieldListStore.js';
import { OptionsDrawer } from './OptionsDrawer.js';

export function CustomFieldsPage() {
  const t = useT();
  const lang = useLang();
  const { confirming, confirm } = useConfirm();
  const operatorName = useOperatorName();
  const list = useCustomFieldList();
  const { query, items, total, page, pageSize, loading, selectedIds } = list;

  const [draftTitle, setDraftTitle] = useState(query.title);
  const [formMode, setFormMode] = useState<FormMode | null>(null);
  // Each opening gets a fresh dialog (and form store), so no value leaks from the last one.
  const [session, setSession] = useState(0);
  const [formDef, setFormDef] = useState<CustomFieldDef | null>(null);
  const [optionsDef, setOptionsDef] = useState<CustomFieldDef | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);

  useEffect(() => {
    void useCustomFieldList.getState().reload();
  }, []);

  const selected = items.filter((d) => selectedIds.includes(d.id));
  const single = selected.length === 1 ? selected[0] : undefined;

  const requireSingle = (): CustomFieldDef | undefined => {
    if (!single) notifyWarning(t('common.selectOne'));
    return single;
  };

  const openForm = (mode: FormMode, def: CustomFieldDef | null) => {
    setFormDef(def);
    setFormMode(mode);
    setSession((n) => n + 1);
  };

  const setEnabled = (enabled: boolean) => {
    const ids = selected.filter((d) => d.enabled !== enabled).map((d) => d.id);
    if (ids.length === 0) {
      notifyWarning(selected.length === 0 ? t('common.selectSome') : t('common.nothingChanged'));
      return;
    }
    confirm({
      title: enabled ? t('cf.confirmOpen', { n: ids.length }) : t('cf.confirmClose', { n: ids.length }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const { changed } = await api.call('customField.setEnabled', { ids, enabled });
          notifySuccess(t('common.changed', { n: changed }));
        } catch (error) {
          notifyError(error);
        }
        await list.reload();
      },
    });
  };

  const move = async (to: 'up' | 'down') => {
    const def = requireSingle();
    if (!def) return;
    try {
      const { position } = await api.call('customField.move', { id: def.id, to });
      const targetPage = query.title === '' ? Math.ceil(position / pageSize) : page;
      await list.setPage(targetPage, pageSize);
      list.select([def.id]);
    } catch (error) {
      notifyError(error);
    }
  };

  const add = () => openForm('create', null);
  const edit = () => {
    const def = requireSingle();
    if (def) openForm('edit', def);
  };
  const history = () => {
    if (requireSingle()) setHistoryOpen(true);
  };

  useShortcuts(
    [
      { key: 'Insert', run: add },
      { key: 'n', alt: true, run: add },
      { key: 'F2', run: edit },
      { key: 'h', alt: true, run: history },
    ],
    formMode === null && optionsDef === null && !historyOpen && !confirming,
  );

  const typeName = (code: string) => {
    const type = CUSTOM_FIELD_TYPES.find((x) => x.code === code);
    return type ? localName(lang, type) : code;
  };

  const columns: ColumnsType<CustomFieldDef> = [
    { title: t('common.seq'), dataIndex: 'sortOrder', width: 80, align: 'right' },
    { title: t('cf.title'), dataIndex: 'title', width: 200, ellipsis: true },
    { title: t('cf.type'), dataIndex: 'fieldType', width: 120, render: typeName },
    {
      title: t('common.status'),
      dataIndex: 'enabled',
      width: 90,
      render: (enabled: boolean) => <StatusTag on={enabled} onText={t('cf.enabled')} offText={t('cf.disabled')} />,
    },
    { title: t('common.remark'), dataIndex: 'remark', ellipsis: true },
    {
      title: t('common.updatedBy'),
      dataIndex: 'updatedBy',
      width: 130,
      ellipsis: true,
      render: (_: string, row: CustomFieldDef) => operatorName(row),
    },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 180, render: (at: string) => formatTime(at) },
  ];

  const runQuery = (title: string) => void list.setQuery({ ...query, title });

  return (
    <Card size="small" className="full-card">
      <Tabs
        activeKey={query.target}
        onChange={(key) => {
          setDraftTitle('');
          void list.setQuery({ target: key as CustomFieldTarget, title: '' });
        }}
        items={CUSTOM_FIELD_TARGETS.map((target) => ({
          key: target.code,
          label: <span data-testid={`cf-target-${target.code}`}>{localName(lang, target)}</span>,
        }))}
      />
      <Space wrap className="query-bar">
        <Space size={4}>
          <label htmlFor="cf-query-title">{t('cf.title')}</label>
          <Input
            id="cf-query-title"
            allowClear
            style={{ width: 220 }}
            placeholder={t('cf.titlePlaceholder')}
            value={draftTitle}
            onChange={(e) => setDraftTitle(e.target.value)}
            onPressEnter={() => runQuery(draftTitle)}
            data-testid="cf-query-title"
          />
        </Space>
        <Button type="primary" icon={<SearchOutlined />} onClick={() => runQuery(draftTitle)} data-testid="cf-query-submit">
          {t('common.query')}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setDraftTitle('');
            runQuery('');
          }}
          data-testid="cf-query-reset"
        >
          {t('common.reset')}
        </Button>
      </Space>
      <Space wrap size={8} className="toolbar">
        <ToolbarButton
          primary
          label={t('common.add')}
          icon={<PlusOutlined />}
          shortcut="Insert / Alt+N"
          testId="cf-add"
          onClick={add}
        />
        <ToolbarButton
          label={t('common.edit')}
          icon={<EditOutlined />}
          shortcut="F2"
          disabled={!single}
          testId="cf-edit"
          onClick={edit}
        />
        <ToolbarButton
          label={t('common.view')}
          icon={<EyeOutlined />}
          disabled={!single}
          testId="cf-view"
          onClick={() => single && openForm('view', single)}
        />
        <ToolbarButton
          label={t('cf.open')}
          icon={<PlayCircleOutlined />}
          disabled={!selected.some((d) => !d.enabled)}
          testId="cf-open"
          onClick={() => setEnabled(true)}
        />
        <ToolbarButton
          label={t('cf.close')}
          icon={<PauseCircleOutlined />}
          disabled={!selected.some((d) => d.enabled)}
          testId="cf-close"
          onClick={() => setEnabled(false)}
        />
        <ToolbarButton
          label={t('common.moveUp')}
          icon={<ArrowUpOutlined />}
          disabled={!single}
          testId="cf-move-up"
          onClick={() => void move('up')}
        />
        <ToolbarButton
          label={t('common.moveDown')}
          icon={<ArrowDownOutlined />}
          disabled={!single}
          testId="cf-move-down"
          onClick={() => void move('down')}
        />
        <ToolbarButton
          label={t('cf.options')}
          icon={<UnorderedListOutlined />}
          disabled={single?.fieldType !== 'select'}
          testId="cf-options"
          onClick={() => single && setOptionsDef(single)}
        />
        <ToolbarButton
          label={t('common.history')}
          icon={<HistoryOutlined />}
          shortcut="Alt+H"
          disabled={!single}
          testId="cf-history"
          onClick={history}
        />
      </Space>
      <Table<CustomFieldDef>
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
        {...rowSelectionProps<CustomFieldDef>(selectedIds, list.select, (def) => openForm('edit', def))}
        data-testid="cf-table"
      />
      <PagerBar
        total={total}
        page={page}
        pageSize={pageSize}
        disabled={loading}
        onChange={(p, size) => void list.setPage(p, size)}
      />

      <CustomFieldFormModal
        key={`form-${session}`}
        mode={formMode}
        def={formDef}
        target={query.target}
        onClose={() => setFormMode(null)}
        onSaved={(saved) => {
          const created = formMode === 'create';
          setFormMode(null);
          const target = created && query.title === '' ? pageCount(total + 1, pageSize) : page;
          void list.setPage(target, pageSize).then(() => list.select([saved.id]));
        }}
      />
      <OptionsDrawer
        def={optionsDef}
        onClose={() => {
          setOptionsDef(null);
          void list.reload();
        }}
      />
      <HistoryDrawer
        open={historyOpen}
        entity="customFieldDef"
        entityId={single?.id ?? null}
        recordName={single?.title ?? ''}
        onClose={() => setHistoryOpen(false)}
        onRestored={() => void list.reload()}
      />
    </Card>
  );
}
