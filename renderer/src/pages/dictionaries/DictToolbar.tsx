import { Space } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CheckCircleOutlined,
  EditOutlined,
  EyeOutlined,
  HistoryOutlined,
  PlusOutlined,
  StopOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { ExportButton, type ExportInput } from '../../components/ExportButton.js';
import { ToolbarButton } from '../../components/ToolbarButton.js';
import { useT } from '../../i18n/index.js';

export interface DictToolbarState {
  canEdit: boolean;
  canView: boolean;
  canInvalidate: boolean;
  canRestore: boolean;
  canMove: boolean;
}

export interface DictToolbarActions {
  add: () => void;
  edit: () => void;
  view: () => void;
  invalidate: () => void;
  restore: () => void;
  moveUp: () => void;
  moveDown: () => void;
  moveTo: () => void;
  history: () => void;
}

export function DictToolbar({
  state,
  actions,
  exportInput,
}: {
  state: DictToolbarState;
  actions: DictToolbarActions;
  /** What 导出Excel exports: the list as it is filtered now. */
  exportInput: ExportInput;
}) {
  const t = useT();
  return (
    <Space wrap size={8} className="toolbar" data-testid="dict-toolbar">
      <ToolbarButton
        primary
        label={t('common.add')}
        icon={<PlusOutlined />}
        shortcut="Insert / Alt+N"
        testId="dict-add"
        onClick={actions.add}
      />
      <ToolbarButton
        label={t('common.edit')}
        icon={<EditOutlined />}
        shortcut="F2"
        disabled={!state.canEdit}
        testId="dict-edit"
        onClick={actions.edit}
      />
      <ToolbarButton
        label={t('common.view')}
        icon={<EyeOutlined />}
        disabled={!state.canView}
        testId="dict-view"
        onClick={actions.view}
      />
      <ToolbarButton
        label={t('common.invalidate')}
        icon={<StopOutlined />}
        danger
        disabled={!state.canInvalidate}
        testId="dict-invalidate"
        onClick={actions.invalidate}
      />
      <ToolbarButton
        label={t('common.restoreValid')}
        icon={<CheckCircleOutlined />}
        disabled={!state.canRestore}
        testId="dict-restore"
        onClick={actions.restore}
      />
      <ToolbarButton
        label={t('common.moveUp')}
        icon={<ArrowUpOutlined />}
        disabled={!state.canMove}
        testId="dict-move-up"
        onClick={actions.moveUp}
      />
      <ToolbarButton
        label={t('common.moveDown')}
        icon={<ArrowDownOutlined />}
        disabled={!state.canMove}
        testId="dict-move-down"
        onClick={actions.moveDown}
      />
      <ToolbarButton
        label={t('common.moveTo')}
        icon={<SwapOutlined rotate={90} />}
        disabled={!state.canMove}
        testId="dict-move-to"
        onClick={actions.moveTo}
      />
      <ToolbarButton
        label={t('common.history')}
        icon={<HistoryOutlined />}
        shortcut="Alt+H"
        disabled={!state.canView}
        testId="dict-history"
        onClick={actions.history}
      />
      <ExportButton input={exportInput} testId="dict-export" />
    </Space>
  );
}
