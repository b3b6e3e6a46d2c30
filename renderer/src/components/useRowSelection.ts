import type { TableProps } from 'antd';

/**
 * Checkbox selection plus "click a row to pick just it", which is what staff expect
 * from the old client; double-click opens the record.
 */
export function rowSelectionProps<T extends { id: string }>(
  selectedIds: string[],
  select: (ids: string[]) => void,
  open: (record: T) => void,
): Pick<TableProps<T>, 'rowSelection' | 'onRow'> {
  return {
    rowSelection: {
      selectedRowKeys: selectedIds,
      onChange: (keys) => select(keys.map(String)),
    },
    onRow: (record) => ({
      onClick: (event) => {
        if ((event.target as HTMLElement).closest('.ant-table-selection-column')) return;
        select([record.id]);
      },
      onDoubleClick: () => open(record),
    }),
  };
}
