import { useMemo, useState, type ReactNode } from 'react';
import { Empty, Spin, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { ProjectOutlined } from '@ant-design/icons';
import type { ResourceNode } from '../../../../shared/api/calls/resources.js';
import { useT } from '../../i18n/index.js';
import { isHoldable, statusColor } from './resourceText.js';
import { ROOT_KEY, type LazyResourceTree } from './useResourceTree.js';

interface ResourceTreeProps {
  tree: LazyResourceTree;
  projectName: string;
  selectedId: string | null;
  /** null: the project itself (everything). */
  onSelect: (node: ResourceNode | null) => void;
  onOpen: (node: ResourceNode) => void;
}

function nodeTitle(node: ResourceNode): ReactNode {
  const holdable = isHoldable(node.kind);
  return (
    <span className="res-tree-title" data-testid={`tree-node-${node.code}`}>
      {holdable && node.status && <i className="res-dot" style={{ background: statusColor(node.status) }} />}
      <span>{node.name}</span>
      {holdable && node.code !== node.name && <span className="res-tree-code">{node.code}</span>}
    </span>
  );
}

/** 项目 → 楼栋 → 单元 → 楼层 → 房间 (and 车位, 商铺, 公区 at the top), a level at a time. */
export function ResourceTree({ tree, projectName, selectedId, onSelect, onOpen }: ResourceTreeProps) {
  const t = useT();
  const [expanded, setExpanded] = useState<React.Key[]>([ROOT_KEY]);
  const { children, load, rootLoaded } = tree;

  const { treeData, byId } = useMemo(() => {
    const index = new Map<string, ResourceNode>();
    const build = (parentKey: string): DataNode[] | undefined =>
      children.get(parentKey)?.map((node) => {
        index.set(node.id, node);
        return {
          key: node.id,
          title: nodeTitle(node),
          isLeaf: node.childCount === 0,
          children: build(node.id),
        };
      });
    const data: DataNode[] = [
      {
        key: ROOT_KEY,
        title: (
          <span className="res-tree-title" data-testid="tree-root">
            <ProjectOutlined /> <span>{projectName}</span>
          </span>
        ),
        children: build(ROOT_KEY) ?? [],
      },
    ];
    return { treeData: data, byId: index };
  }, [children, projectName]);

  if (!rootLoaded) return <Spin className="res-tree-spin" />;

  return (
    <>
      <Tree
        blockNode
        showLine
        treeData={treeData}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys)}
        loadedKeys={[...children.keys()]}
        loadData={(node) => load(String(node.key))}
        selectedKeys={[selectedId ?? ROOT_KEY]}
        onSelect={(_keys, info) => {
          const key = String(info.node.key);
          if (key === ROOT_KEY) {
            onSelect(null);
            return;
          }
          const node = byId.get(key);
          if (!node) return;
          onSelect(node);
          if (isHoldable(node.kind) && node.childCount === 0) onOpen(node);
        }}
        onDoubleClick={(_event, info) => {
          const node = byId.get(String(info.key));
          if (node) onOpen(node);
        }}
        data-testid="resource-tree"
      />
      {(children.get(ROOT_KEY)?.length ?? 0) === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('res.treeEmpty')} />
      )}
    </>
  );
}
