import { useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Dropdown, Empty, Space, Spin, Tabs } from 'antd';
import {
  AppstoreAddOutlined,
  DownOutlined,
  EditOutlined,
  EyeOutlined,
  HistoryOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  ScissorOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ResourceNode } from '../../../../shared/api/calls/resources.js';
import type { Resource, ResourceKind } from '../../../../shared/domain/resources.js';
import { notifyWarning } from '../../components/feedback.js';
import { HistoryDrawer } from '../../components/HistoryDrawer.js';
import { ToolbarButton } from '../../components/ToolbarButton.js';
import { useShortcuts } from '../../components/useShortcuts.js';
import { useLang, useT } from '../../i18n/index.js';
import { useNavigation } from '../../store/navigation.js';
import { useCurrentProjectId, useSession } from '../../store/session.js';
import { BuildingWizard } from './BuildingWizard.js';
import { BulkEditModal } from './BulkEditModal.js';
import { FloorGrid } from './FloorGrid.js';
import { MergeDialog } from './MergeDialog.js';
import { ResourceCardDrawer } from './ResourceCardDrawer.js';
import { ResourceFormModal } from './ResourceFormModal.js';
import { useResourceList } from './resourceListStore.js';
import { ResourceListPanel } from './ResourceListPanel.js';
import { topAncestorId, useResources, type ResourcesTab } from './resourcesStore.js';
import { isHoldable, kindName } from './resourceText.js';
import { ResourceTree } from './ResourceTree.js';
import { ROOT_KEY, useResourceTree } from './useResourceTree.js';
import { SplitDialog } from './SplitDialog.js';
import './resources.css';

type Dialog =
  | { kind: 'wizard' }
  | { kind: 'create'; resourceKind: ResourceKind }
  | { kind: 'edit'; resource: Resource }
  | { kind: 'bulk'; ids: string[] }
  | { kind: 'split'; resource: Resource }
  | { kind: 'merge'; resources: Resource[] }
  | { kind: 'history'; resource: Resource };

/** Kinds offered under 新增资源: single rooms and what sits beside the buildings. */
const ADDABLE: readonly ResourceKind[] = ['parking', 'shop', 'common', 'other', 'room'];

export function ResourcesPage() {
  const t = useT();
  const session = useSession((s) => s.session);
  const projectId = useCurrentProjectId();
  if (!session) return <Spin className="fg-spin" />;
  const project = session.projects.find((p) => p.id === projectId);
  if (!projectId || !project) {
    return (
      <Card className="full-card" data-testid="resources-no-project">
        <Empty className="res-empty-project" description={t('res.noProject')}>
          <Button type="primary" onClick={() => useNavigation.getState().go('organization')} data-testid="resources-go-org">
            {t('res.goOrganization')}
          </Button>
        </Empty>
      </Card>
    );
  }
  // A project switch starts the screen afresh.
  return <ResourcesWorkspace key={projectId} projectId={projectId} projectName={project.name} />;
}

function ResourcesWorkspace({ projectId, projectName }: { projectId: string; projectName: string }) {
  const t = useT();
  const lang = useLang();
  const on = useResources((s) => s.on);
  const scope = useResources((s) => s.scope);
  const buildingId = useResources((s) => s.buildingId);
  const tab = useResources((s) => s.tab);
  const version = useResources((s) => s.version);
  const cardOpen = useResources((s) => s.cardId !== null);
  const focus = useNavigation((s) => s.focus);
  const tree = useResourceTree(projectId, on, version);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const listItems = useResourceList((s) => s.items);
  const selectedIds = useResourceList((s) => s.selectedIds);
  const selected = listItems.filter((r) => selectedIds.includes(r.id));
  const single = selected.length === 1 ? selected[0] : undefined;
  const readOnly = on !== null;
  const store = useResources.getState;

  // What this visit leaves open belongs to it; the search may ask for a room or building.
  useEffect(() => () => store().reset(), [store]);
  useEffect(() => {
    if (focus.resourceId) store().openCard(focus.resourceId);
    if (focus.buildingId) store().showBuilding(focus.buildingId);
  }, [focus, store]);

  // The 房态图 needs a building: the first one, until the user picks another.
  const topLevel = tree.children.get(ROOT_KEY);
  useEffect(() => {
    if (buildingId) return;
    const first = topLevel?.find((n) => n.kind === 'building');
    if (first) store().setScope(store().scope, first.id);
  }, [buildingId, topLevel, store]);

  const selectNode = (node: ResourceNode | null) => {
    if (!node) {
      store().setScope(null, null);
      return;
    }
    const top = topAncestorId(node);
    const topNode = topLevel?.find((n) => n.id === top);
    store().setScope(node, node.kind === 'building' ? node.id : topNode?.kind === 'building' ? top : null);
  };

  const changed = () => {
    setDialog(null);
    store().changed();
  };

  const requireSingle = (): Resource | undefined => {
    if (!single) notifyWarning(t('common.selectOne'));
    return single;
  };

  const actions = {
    wizard: () => setDialog({ kind: 'wizard' }),
    add: (resourceKind: ResourceKind) => setDialog({ kind: 'create', resourceKind }),
    view: () => {
      const r = requireSingle();
      if (r) store().openCard(r.id);
    },
    edit: () => {
      const r = requireSingle();
      if (r) setDialog({ kind: 'edit', resource: r });
    },
    bulk: () => {
      if (selected.length === 0) notifyWarning(t('common.selectSome'));
      else setDialog({ kind: 'bulk', ids: selected.map((r) => r.id) });
    },
    split: () => {
      const r = requireSingle();
      if (!r) return;
      if (!isHoldable(r.kind)) notifyWarning(t('res.merge.onlyHoldable'));
      else setDialog({ kind: 'split', resource: r });
    },
    merge: () => {
      if (selected.length < 2) notifyWarning(t('res.merge.needTwo'));
      else if (selected.some((r) => !isHoldable(r.kind))) notifyWarning(t('res.merge.onlyHoldable'));
      else if (selected.some((r) => r.kind !== selected[0]?.kind)) notifyWarning(t('res.merge.sameKind'));
      else setDialog({ kind: 'merge', resources: selected });
    },
    history: () => {
      const r = requireSingle();
      if (r) setDialog({ kind: 'history', resource: r });
    },
  };

  useShortcuts(
    [
      { key: 'Insert', run: () => actions.add('room') },
      { key: 'n', alt: true, run: () => actions.add('room') },
      { key: 'g', alt: true, run: actions.wizard },
      { key: 'F2', run: actions.edit },
      { key: 'h', alt: true, run: actions.history },
    ].filter((s) => !readOnly || s.key === 'h'),
    dialog === null && !cardOpen,
  );

  const parentForCreate = scope && !isHoldable(scope.kind) ? { id: scope.id, label: scope.name } : null;

  const addMenu = {
    items: ADDABLE.map((k) => ({
      key: k,
      label: <span data-testid={`res-add-${k}`}>{k === 'room' ? t('res.addRoom') : kindName(lang, k)}</span>,
    })),
    onClick: ({ key }: { key: string }) => actions.add(key as ResourceKind),
  };

  const toolbar = (
    <Space wrap size={8} className="toolbar" data-testid="res-toolbar">
      <ToolbarButton
        primary
        label={t('res.generate')}
        icon={<AppstoreAddOutlined />}
        shortcut="Alt+G"
        disabled={readOnly}
        testId="res-generate"
        onClick={actions.wizard}
      />
      <Dropdown menu={addMenu} disabled={readOnly} trigger={['click']}>
        <Button icon={<PlusOutlined />} disabled={readOnly} data-testid="res-add">
          {t('res.add')} <DownOutlined />
        </Button>
      </Dropdown>
      {tab === 'list' && (
        <>
          <ToolbarButton
            label={t('res.openCard')}
            icon={<EyeOutlined />}
            disabled={!single}
            testId="res-view"
            onClick={actions.view}
          />
          <ToolbarButton
            label={t('res.edit')}
            icon={<EditOutlined />}
            shortcut="F2"
            disabled={readOnly || !single || single.endedOn !== null}
            testId="res-edit"
            onClick={actions.edit}
          />
          <ToolbarButton
            label={t('res.bulkEdit')}
            icon={<UnorderedListOutlined />}
            disabled={readOnly || selected.length === 0}
            testId="res-bulk"
            onClick={actions.bulk}
          />
          <ToolbarButton
            label={t('res.split')}
            icon={<ScissorOutlined />}
            disabled={readOnly || !single || !isHoldable(single.kind)}
            testId="res-split"
            onClick={actions.split}
          />
          <ToolbarButton
            label={t('res.merge')}
            icon={<MergeCellsOutlined />}
            disabled={readOnly || selected.length < 2}
            testId="res-merge"
            onClick={actions.merge}
          />
          <ToolbarButton
            label={t('res.history')}
            icon={<HistoryOutlined />}
            shortcut="Alt+H"
            disabled={!single}
            testId="res-history"
            onClick={actions.history}
          />
        </>
      )}
    </Space>
  );

  return (
    <div className="split-page res-page">
      <Card size="small" className="split-nav" title={t('res.tree')}>
        <div className="res-on-date">
          <label htmlFor="res-on-date">{t('res.onDate')}</label>
          <DatePicker
            id="res-on-date"
            style={{ flex: 1 }}
            value={on ? dayjs(on) : null}
            placeholder={t('res.onDateToday')}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(d) => store().setOn(d ? d.format('YYYY-MM-DD') : null)}
            data-testid="res-on-date"
          />
        </div>
        <ResourceTree
          key={`${on ?? 'today'}`}
          tree={tree}
          projectName={projectName}
          selectedId={scope?.id ?? null}
          onSelect={selectNode}
          onOpen={(node) => store().openCard(node.id)}
        />
      </Card>
      <Card size="small" className="split-main">
        {readOnly && (
          <Alert
            className="res-history-banner"
            type="info"
            showIcon
            title={t('res.historyBanner', { date: on })}
            action={
              <Button size="small" onClick={() => store().setOn(null)} data-testid="res-back-today">
                {t('res.backToToday')}
              </Button>
            }
            data-testid="res-history-banner"
          />
        )}
        {toolbar}
        <Tabs
          activeKey={tab}
          onChange={(key) => store().setTab(key as ResourcesTab)}
          items={[
            {
              key: 'grid',
              label: <span data-testid="res-tab-grid">{t('res.tab.grid')}</span>,
              children: buildingId ? (
                <FloorGrid buildingId={buildingId} on={on} version={version} onOpen={(id) => store().openCard(id)} />
              ) : (
                <Empty description={t('res.grid.pickBuilding')} />
              ),
            },
            {
              key: 'list',
              label: <span data-testid="res-tab-list">{t('res.tab.list')}</span>,
              children: (
                <ResourceListPanel
                  projectId={projectId}
                  on={on}
                  underId={scope?.id ?? null}
                  version={version}
                  onOpen={(r) => store().openCard(r.id)}
                />
              ),
            },
          ]}
          data-testid="res-tabs"
        />
      </Card>

      <ResourceCardDrawer projectId={projectId} />

      {dialog?.kind === 'wizard' && (
        <BuildingWizard
          projectId={projectId}
          onClose={() => setDialog(null)}
          onDone={(id) => {
            changed();
            store().showBuilding(id);
          }}
        />
      )}
      {dialog?.kind === 'create' && (
        <ResourceFormModal
          projectId={projectId}
          mode={{ create: dialog.resourceKind, parent: parentForCreate }}
          onClose={() => setDialog(null)}
          onSaved={changed}
        />
      )}
      {dialog?.kind === 'edit' && (
        <ResourceFormModal
          projectId={projectId}
          mode={{ edit: dialog.resource }}
          onClose={() => setDialog(null)}
          onSaved={changed}
        />
      )}
      {dialog?.kind === 'bulk' && <BulkEditModal ids={dialog.ids} onClose={() => setDialog(null)} onSaved={changed} />}
      {dialog?.kind === 'split' && <SplitDialog room={dialog.resource} onClose={() => setDialog(null)} onDone={changed} />}
      {dialog?.kind === 'merge' && (
        <MergeDialog
          rooms={dialog.resources}
          onClose={() => setDialog(null)}
          onDone={(created) => {
            changed();
            store().openCard(created.id);
          }}
        />
      )}
      <HistoryDrawer
        open={dialog?.kind === 'history'}
        entity="resource"
        entityId={dialog?.kind === 'history' ? dialog.resource.id : null}
        recordName={dialog?.kind === 'history' ? `${dialog.resource.code} ${dialog.resource.name}` : ''}
        onClose={() => setDialog(null)}
        onRestored={() => store().changed()}
      />
    </div>
  );
}
