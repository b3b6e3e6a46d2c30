import { Tree } from 'antd';
import { DICT_GROUPS, DICT_TYPES, type DictTypeCode } from '../../../../shared/domain/dictionaries.js';
import { localName, useLang } from '../../i18n/index.js';

interface DictTypeTreeProps {
  value: DictTypeCode;
  onChange: (code: DictTypeCode) => void;
}

const GROUP_PREFIX = 'group:';

/** 基础数据 types under their groups; groups only fold, types are what gets chosen. */
export function DictTypeTree({ value, onChange }: DictTypeTreeProps) {
  const lang = useLang();
  const treeData = DICT_GROUPS.map((group) => ({
    key: GROUP_PREFIX + group.code,
    title: localName(lang, group),
    selectable: false,
    children: DICT_TYPES.filter((type) => type.group === group.code).map((type) => ({
      key: type.code,
      title: <span data-testid={`dict-type-${type.code}`}>{localName(lang, type)}</span>,
      isLeaf: true,
    })),
  }));
  return (
    <Tree
      blockNode
      defaultExpandAll
      showLine
      selectedKeys={[value]}
      treeData={treeData}
      onSelect={(keys) => {
        const key = keys[0];
        if (typeof key === 'string' && !key.startsWith(GROUP_PREFIX)) onChange(key as DictTypeCode);
      }}
      data-testid="dict-type-tree"
    />
  );
}
