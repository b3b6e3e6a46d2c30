import { useCallback, useEffect, useState } from 'react';
import { Alert, Drawer, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CheckCircleOutlined,
  EditOutlined,
  HistoryOutlined,
  PlusOutlined,
  StopOutlined,
} from '@ant-design/icons';
import type { CustomFieldDef, CustomFieldOption } from '../../../../shared/domain/custom-fields.js';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess, notifyWarning } from '../../components/feedback.js';
import { HistoryDrawer } from '../../components/HistoryDrawer.js';
import { StatusTag } from '../../components/StatusTag.js';
import { ToolbarButton } from '../../components/ToolbarButton.js';
import { useConfirm } from '../../components/useConfirm.js';
import { rowSelectionProps } from '../../components/useRowSelection.js';
import { useT } from '../../i18n/index.js';
import { OptionFormModal } from './OptionFormModal.js';

interface OptionsDrawerProps {
  def: CustomFieldDef | null;
  onClose: () => void;
}

/**
 * 选项维护 of a 下拉列表. Options are only maintained while the definition is closed:
 * an open one is in use, so its options are shown read-only.
 */
export function OptionsDrawer({ def, onClose }: OptionsDrawerProps) {
  const t = useT();
  const { confirm } = useConfirm();
  const [options, setOptions] = useState<CustomFieldOption[]>([]);
  const [loading, setLoading] = useState(false);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [editing, setEditingState] = useState<'create' | CustomFieldOption | null>(null);
  // Each opening gets a fresh dialog (and form store), so no value leaks from the last one.
  const [session, setSession] = useState(0);
  const setEditing = (next: 'create' | CustomFieldOption | null) => {
    if (next !== null) setSession((n) => n + 1);
    setEditingState(next);
  };
  const [historyOpen, setHistoryOpen] = useState(false);
  const defId = def?.id ?? null;
  const viewOnly = Boolean(def?.enabled);

  const load = useCallback(async () => {
    if (!defId) return;
    setLoading(true);
    try {
      const list = await api.call('customField.options', { defId });
      setOptions(list);
      setSelectedIds((ids) => ids.filter((id) => list.some((o) => o.id === id)));
    } catch (error) {
      notifyError(error);
    } finally {
      setLoading(false);
    }
  }, [defId]);

  useEffect(() => {
    setSelectedIds([]);
    setOptions([]);
    void load();
  }, [load]);

  const selected = options.filter((o) => selectedIds.includes(o.id));
  const single = selected.length === 1 ? selected[0] : undefined;

  const setInvalid = (invalid: boolean) => {
    const ids = selected.filter((o) => o.invalid !== invalid).map((o) => o.id);
    if (ids.length === 0) {
      notifyWarning(t('common.nothingChanged'));
      return;
    }
    const run = async () => {
      try {
        const { changed } = await api.call('customField.setOptionInvalid', { ids, invalid });
        notifySuccess(t('common.changed', { n: changed }));
      } catch (error) {
        notifyError(error);
      }
      await load();
    };
    if (!invalid) {
      void run();
      return;
    }
    confirm({
      title: t('cf.confirmOptionInvalidate', { n: ids.length }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      danger: true,
      onOk: run,
    });
  };

  const move = async (to: 'up' | 'down') => {
    if (!single) return;
    try {
      await api.call('customField.moveOption', { id: single.id, to });
    } catch (error) {
      notifyError(error);
    }
    await load();
  };

  const columns: ColumnsType<CustomFieldOption> = [
    { title: t('common.seq'), dataIndex: 'sortOrder', width: 70, align: 'right' },
    { title: t('common.name'), dataIndex: 'name', ellipsis: true },
    {
      title: t('common.status'),
      dataIndex: 'invalid',
      width: 90,
      render: (invalid: boolean) => <StatusTag on={!invalid} onText={t('common.valid')} offText={t('common.invalid')} />,
    },
  ];

  return (
    <Drawer
      open={def !== null}
      onClose={onClose}
      size={800}
      destroyOnHidden
      title={t('cf.optionsTitle', { title: def?.title ?? '' })}
      data-testid="options-drawer"
    >
      {viewOnly && (
        <Alert
          type="info"
          showIcon
          title={t('cf.optionsViewOnly')}
          style={{ marginBottom: 12 }}
          data-testid="options-view-only"
        />
      )}
      <Space wrap size={8} className="toolbar">
        <ToolbarButton
          primary
          label={t('common.add')}
          icon={<PlusOutlined />}
          disabled={viewOnly}
          testId="option-add"
          onClick={() => setEditing('create')}
        />
        <ToolbarButton
          label={t('common.edit')}
          icon={<EditOutlined />}
          disabled={viewOnly || !single || single.invalid}
          testId="option-edit"
          onClick={() => single && setEditing(single)}
        />
        <ToolbarButton
          label={t('common.invalidate')}
          icon={<StopOutlined />}
          danger
          disabled={viewOnly || !selected.some((o) => !o.invalid)}
          testId="option-invalidate"
          onClick={() => setInvalid(true)}
        />
        <ToolbarButton
          label={t('common.restoreValid')}
          icon={<CheckCircleOutlined />}
          disabled={viewOnly || !selected.some((o) => o.invalid)}
          testId="option-restore"
          onClick={() => setInvalid(false)}
        />
        <ToolbarButton
          label={t('common.moveUp')}
          icon={<ArrowUpOutlined />}
          disabled={viewOnly || !single}
          testId="option-move-up"
          onClick={() => void move('up')}
        />
        <ToolbarButton
          label={t('common.moveDown')}
          icon={<ArrowDownOutlined />}
          disabled={viewOnly || !single}
          testId="option-move-down"
          onClick={() => void move('down')}
        />
        <ToolbarButton
          label={t('common.history')}
          icon={<HistoryOutlined />}
          disabled={!single}
          testId="option-history"
          onClick={() => setHistoryOpen(true)}
        />
      </Space>
      <Table<CustomFieldOption>
        className="main-table"
        rowKey="id"
        size="small"
        bordered
        loading={loading}
        columns={columns}
        dataSource={options}
        pagination={false}
        locale={{ emptyText: t('common.empty') }}
        rowClassName={(o) => (o.invalid ? 'row-invalid' : '')}
        {...rowSelectionProps<CustomFieldOption>(selectedIds, setSelectedIds, (o) => {
          if (!viewOnly && !o.invalid) setEditing(o);
        })}
        data-testid="options-table"
      />
      {defId && (
        <OptionFormModal
          key={`option-${session}`}
          editing={editing}
          defId={defId}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            void load().then(() => setSelectedIds([saved.id]));
          }}
        />
      )}
      <HistoryDrawer
        open={historyOpen}
        entity="customFieldOption"
        entityId={single?.id ?? null}
        recordName={single?.name ?? ''}
        onClose={() => setHistoryOpen(false)}
        onRestored={() => void load()}
      />
    </Drawer>
  );
}
