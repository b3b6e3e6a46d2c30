import { useEffect, useState } from 'react';
import { Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DICT_TYPES, type DictItem, type DictTypeCode } from '../../../../shared/domain/dictionaries.js';
import type { MoveTarget } from '../../../../shared/domain/ordering.js';
import { pageCount } from '../../../../shared/domain/paging.js';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess, notifyWarning } from '../../components/feedback.js';
import { formatTime } from '../../components/formatTime.js';
import { HistoryDrawer } from '../../components/HistoryDrawer.js';
import { MoveToModal } from '../../components/MoveToModal.js';
import { PagerBar } from '../../components/PagerBar.js';
import { StatusTag } from '../../components/StatusTag.js';
import { rowSelectionProps } from '../../components/useRowSelection.js';
import { useConfirm } from '../../components/useConfirm.js';
import { useShortcuts } from '../../components/useShortcuts.js';
import { localName, useLang, useT } from '../../i18n/index.js';
import { useOperatorName } from '../../store/appInfo.js';
import { DictFormModal, type FormMode } from './DictFormModal.js';
import { useDictList, type InvalidFilter } from './dictListStore.js';
import { DictQueryBar } from './DictQueryBar.js';
import { DictToolbar } from './DictToolbar.js';
import { DictTypeTree } from './DictTypeTree.js';

export function DictionariesPage() {
  const t = useT();
  const lang = useLang();
  const { confirming, confirm } = useConfirm();
  const operatorName = useOperatorName();
  const list = useDictList();
  const { query, items, total, page, pageSize, loading, selectedIds } = list;

  const [formMode, setFormMode] = useState<FormMode | null>(null);
  // Each opening gets a fresh dialog (and form store), so no value leaks from the last one.
  const [session, setSession] = useState(0);
  const [formItem, setFormItem] = useState<DictItem | null>(null);
  const [moveOpen, setMoveOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);

  useEffect(() => {
    void useDictList.getState().reload();
  }, []);

  const selected = items.filter((item) => selectedIds.includes(item.id));
  const single = selected.length === 1 ? selected[0] : undefined;
  const typeEntry = DICT_TYPES.find((x) => x.code === query.typeCode);
  const typeName = typeEntry ? localName(lang, typeEntry) : query.typeCode;
  const unfiltered = query.name === '' && query.invalid === 'all';

  const openForm = (mode: FormMode, item: DictItem | null) => {
    setFormItem(item);
    setFormMode(mode);
    setSession((n) => n + 1);
  };

  const requireSingle = (): DictItem | undefined => {
    if (!single) notifyWarning(t('common.selectOne'));
    return single;
  };

  const edit = () => {
    const item = requireSingle();
    if (!item) return;
    if (item.invalid) {
      notifyWarning(t('common.invalidViewOnly'));
      return;
    }
    openForm('edit', item);
  };

  const view = () => {
    const item = requireSingle();
    if (item) openForm('view', item);
  };

  const setInvalid = (invalid: boolean) => {
    const ids = selected.filter((item) => item.invalid !== invalid).map((item) => item.id);
    if (selected.length === 0) {
      notifyWarning(t('common.selectSome'));
      return;
    }
    if (ids.length === 0) {
      notifyWarning(t('common.nothingChanged'));
      return;
    }
    confirm({
      title: invalid ? t('dict.confirmInvalidate', { n: ids.length }) : t('dict.confirmRestore', { n: ids.length }),
      content: invalid ? t('dict.confirmInvalidateHint') : undefined,
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      danger: invalid,
      onOk: async () => {
        try {
          const { changed } = await api.call('dict.setInvalid', { ids, invalid });
          notifySuccess(t('common.changed', { n: changed }));
        } catch (error) {
          notifyError(error);
        }
        await list.reload();
      },
    });
  };

  const move = async (to: MoveTarget) => {
    const item = requireSingle();
    if (!item) return;
    try {
      const { position } = await api.call('dict.move', { id: item.id, to });
      setMoveOpen(false);
      // Follow the entry across pages, which only the unfiltered list numbers 1..n.
      const targetPage = unfiltered ? Math.ceil(position / pageSize) : page;
      list.select([item.id]);
      await list.setPage(targetPage, pageSize);
      list.select([item.id]);
      if (typeof to === 'number') notifySuccess(t('common.moved', { position }));
    } catch (error) {
      notifyError(error);
    }
  };

  const history = () => {
    if (requireSingle()) setHistoryOpen(true);
  };

  const actions = {
    add: () => openForm('create', null),
    edit,
    view,
    invalidate: () => setInvalid(true),
    restore: () => setInvalid(false),
    moveUp: () => void move('up'),
    moveDown: () => void move('down'),
    moveTo: () => {
      if (!requireSingle()) return;
      setSession((n) => n + 1);
      setMoveOpen(true);
    },
    history,
  };

  const dialogsOpen = formMode !== null || moveOpen || historyOpen || confirming;
  useShortcuts(
    [
      { key: 'Insert', run: actions.add },
      { key: 'n', alt: true, run: actions.add },
      { key: 'F2', run: edit },
      { key: 'h', alt: true, run: history },
    ],
    !dialogsOpen,
  );

  const columns: ColumnsType<DictItem> = [
    { title: t('common.seq'), dataIndex: 'sortOrder', width: 80, align: 'right' },
    { title: t('common.name'), dataIndex: 'name', width: 240, ellipsis: true },
    { title: t('common.remark'), dataIndex: 'remark', ellipsis: true },
    {
      title: t('common.status'),
      dataIndex: 'invalid',
      width: 90,
      render: (invalid: boolean) => <StatusTag on={!invalid} onText={t('common.valid')} offText={t('common.invalid')} />,
    },
    {
      title: t('common.updatedBy'),
      dataIndex: 'updatedBy',
      width: 130,
      ellipsis: true,
      render: (_: string, row: DictItem) => operatorName(row),
    },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 180, render: (at: string) => formatTime(at) },
  ];

  return (
    <div className="split-page">
      <Card size="small" className="split-nav" title={t('dict.typeTree')}>
        <DictTypeTree
          value={query.typeCode}
          onChange={(typeCode: DictTypeCode) => void list.setQuery({ typeCode, name: '', invalid: 'all' })}
        />
      </Card>
      <Card
        size="small"
        className="split-main"
        title={
          <Typography.Text strong data-testid="dict-current-type">
            {typeName}
          </Typography.Text>
        }
      >
        <DictQueryBar
          name={query.name}
          invalid={query.invalid}
          onQuery={(name: string, invalid: InvalidFilter) => void list.setQuery({ ...query, name, invalid })}
        />
        <DictToolbar
          actions={actions}
          exportInput={{
            view: 'dictItems',
            filters: { typeCode: query.typeCode, name: query.name || undefined, invalid: query.invalid },
          }}
          state={{
            canEdit: Boolean(single && !single.invalid),
            canView: Boolean(single),
            canInvalidate: selected.some((item) => !item.invalid),
            canRestore: selected.some((item) => item.invalid),
            canMove: Boolean(single),
          }}
        />
        <Table<DictItem>
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
          rowClassName={(item) => (item.invalid ? 'row-invalid' : '')}
          {...rowSelectionProps<DictItem>(selectedIds, list.select, (item) => openForm(item.invalid ? 'view' : 'edit', item))}
          data-testid="dict-table"
        />
        <PagerBar
          total={total}
          page={page}
          pageSize={pageSize}
          disabled={loading}
          onChange={(p, size) => void list.setPage(p, size)}
        />
      </Card>

      <DictFormModal
        key={`form-${session}`}
        mode={formMode}
        item={formItem}
        typeCode={query.typeCode}
        onClose={() => setFormMode(null)}
        onSaved={(saved) => {
          const created = formMode === 'create';
          setFormMode(null);
          // A new entry lands at the end of the list: show it where it landed.
          const target = created && unfiltered ? pageCount(total + 1, pageSize) : page;
          void list.setPage(target, pageSize).then(() => list.select([saved.id]));
        }}
      />
      <MoveToModal
        key={`move-${session}`}
        open={moveOpen}
        max={total}
        current={single?.sortOrder ?? 1}
        onCancel={() => setMoveOpen(false)}
        onSubmit={(position) => void move(position)}
      />
      <HistoryDrawer
        open={historyOpen}
        entity="dictItem"
        entityId={single?.id ?? null}
        recordName={single?.name ?? ''}
        onClose={() => setHistoryOpen(false)}
        onRestored={() => void list.reload()}
      />
    </div>
  );
}
