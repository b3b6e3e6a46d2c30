import { useMemo, useState, type Key, type ReactNode } from 'react';
import { Empty, Spin, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { ProjectOutlined } from '@ant-design/icons';
import type { ResourceNode } from '../../../../../shared/api/calls/resources.js';
import type { ResourceKind } from '../../../../../shared/domain/resources.js';
import { useLang, useT } from '../../../i18n/index.js';
import { isHoldable, kindName, statusColor } from '../../resources/resourceText.js';
import { ROOT_KEY, useResourceTree } from '../../resources/useResourceTree.js';
import '../../resources/resources.css';

/** What can join a batch: whole buildings, units and floors (every room under them) or single rooms. */
const PICKABLE: readonly ResourceKind[] = ['building', 'unit', 'floor', 'room', 'shop', 'other', 'parking'];
const WHOLE: readonly ResourceKind[] = ['building', 'unit', 'floor'];

export interface PickedNode {
  id: string;
  kind: ResourceKind;
  label: string;
}

interface RoomTreePickerProps {
  projectId: string;
  projectName: string;
  value: readonly PickedNode[];
  onChange: (picked: PickedNode[]) => void;
  testId: string;
}

function nodeLabel(node: ResourceNode): string {
  return node.code !== node.name && isHoldable(node.kind) ? `${node.name} ${node.code}` : node.name;
}

/**
 * The project's resource tree (as 房产资源 shows it, a level at a time) with a box on every
 * building, unit, floor and room. A ticked building stands for every room in it, so what is
 * under a ticked node is shown included and cannot be ticked again.
 */
export function RoomTreePicker({ projectId, projectName, value, onChange, testId }: RoomTreePickerProps) {
  const t = useT();
  const lang = useLang();
  const tree = useResourceTree(projectId, null, 0);
  const [expanded, setExpanded] = useState<Key[]>([ROOT_KEY]);
  const { children, load, rootLoaded } = tree;
  const picked = useMemo(() => new Set(value.map((p) => p.id)), [value]);

  const { treeData, byId } = useMemo(() => {
    const index = new Map<string, ResourceNode>();
    const build = (parentKey: string, covered: boolean): DataNode[] | undefined =>
      children.get(parentKey)?.map((node) => {
        index.set(node.id, node);
        const pickable = PICKABLE.includes(node.kind);
        const title: ReactNode = (
          <span className="res-tree-title" data-testid={`pick-node-${node.code}`}>
            {isHoldable(node.kind) && node.status && <i className="res-dot" style={{ background: statusColor(node.status) }} />}
            <span>{node.name}</span>
            {isHoldable(node.kind) && node.code !== node.name && <span className="ho-sub">{node.code}</span>}
            {!isHoldable(node.kind) && <span className="ho-sub">{kindName(lang, node.kind)}</span>}
            {covered && <span className="ho-sub">（{t('ho.pick.included')}）</span>}
          </span>
        );
        return {
          key: node.id,
          title,
          isLeaf: node.childCount === 0,
          checkable: pickable,
          disableCheckbox: covered,
          children: build(node.id, covered || picked.has(node.id)),
        };
      });
    const data: DataNode[] = [
      {
        key: ROOT_KEY,
        checkable: false,
        selectable: false,
        title: (
          <span className="res-tree-title">
            <ProjectOutlined /> <span>{projectName}</span>
          </span>
        ),
        children: build(ROOT_KEY, false) ?? [],
      },
    ];
    return { treeData: data, byId: index };
  }, [children, projectName, picked, lang, t]);

  /** Ticking a node drops what was ticked under it: the node covers it now. */
  const toggle = (id: string, checked: boolean) => {
    const node = byId.get(id);
    if (!node) return;
    if (!checked) {
      onChange(value.filter((p) => p.id !== id));
      return;
    }
    const under = new Set<string>();
    const walk = (parent: string) => {
      for (const child of children.get(parent) ?? []) {
        under.add(child.id);
        walk(child.id);
      }
    };
    walk(id);
    onChange([...value.filter((p) => !under.has(p.id)), { id, kind: node.kind, label: nodeLabel(node) }]);
  };

  if (!rootLoaded) return <Spin className="ho-spin" />;

  return (
    <div className="ho-pick" data-testid={testId}>
      <div className="ho-pick-tree">
        <Tree
          checkable
          checkStrictly
          blockNode
          showLine
          selectable={false}
          treeData={treeData}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys)}
          loadedKeys={[...children.keys()]}
          loadData={(node) => load(String(node.key))}
          checkedKeys={{ checked: [...picked], halfChecked: [] }}
          onCheck={(_keys, info) => toggle(String(info.node.key), info.checked)}
          data-testid={`${testId}-tree`}
        />
        {(children.get(ROOT_KEY)?.length ?? 0) === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ho.pick.noResources')} />
        )}
      </div>
      <div className="ho-pick-chosen" data-testid={`${testId}-chosen`}>
        <Typography.Text type="secondary">
          {value.length === 0 ? t('ho.pick.none') : t('ho.pick.chosen', { n: value.length })}
        </Typography.Text>
        <div className="ho-pick-tags">
          {value.map((p) => (
            <Tag key={p.id} closable onClose={() => toggle(p.id, false)} data-testid="pick-chosen-tag">
              {p.label}
              {WHOLE.includes(p.kind) && (
                <span className="ho-sub">
                  （{t('ho.pick.whole', { kind: lang === 'zh' ? kindName(lang, p.kind) : kindName(lang, p.kind).toLowerCase() })}
                  ）
                </span>
              )}
            </Tag>
          ))}
        </div>
      </div>
    </div>
  );
}
