import { useEffect, useRef, useState } from 'react';
import { Button, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  RESOURCE_KINDS,
  RESOURCE_STATUSES,
  type Resource,
  type ResourceKind,
  type ResourceStatus,
} from '../../../../shared/domain/resources.js';
import { ExportButton } from '../../components/ExportButton.js';
import { PagerBar } from '../../components/PagerBar.js';
import { rowSelectionProps } from '../../components/useRowSelection.js';
import { localName, useLang, useT } from '../../i18n/index.js';
import { useResourceList } from './resourceListStore.js';
import { areaText, kindName, resourceUseName, statusColor, statusName } from './resourceText.js';

interface ResourceListPanelProps {
  projectId: string;
  on: string | null;
  underId: string | null;
  version: number;
  onOpen: (resource: Resource) => void;
}

/** The 列表 tab: filters, the table with selection, and the paging bar. The toolbar is the page's. */
export function ResourceListPanel({ projectId, on, underId, version, onOpen }: ResourceListPanelProps) {
  const t = useT();
  const lang = useLang();
  const list = useResourceList();
  const { query, items, total, page, pageSize, loading, selectedIds } = list;
  const [kind, setKind] = useState<ResourceKind | undefined>(undefined);
  const [status, setStatus] = useState<ResourceStatus | undefined>(undefined);
  const [text, setText] = useState('');

  // The project, the date and the tree's node define the list; filters stay as typed.
  useEffect(() => {
    const current = useResourceList.getState().query;
    void useResourceList.getState().setQuery({ ...current, projectId, on, underId });
  }, [projectId, on, underId]);

  const seenVersion = useRef(version);
  useEffect(() => {
    if (version === seenVersion.current) return;
    seenVersion.current = version;
    void useResourceList.getState().reload();
  }, [version]);

  const runQuery = (next: { kind: ResourceKind | undefined; status: ResourceStatus | undefined; text: string }) =>
    void list.setQuery({ ...query, ...next });

  const columns: ColumnsType<Resource> = [
    { title: t('res.field.code'), dataIndex: 'code', width: 150, ellipsis: true },
    { title: t('res.field.name'), dataIndex: 'name', width: 140, ellipsis: true },
    { title: t('res.field.kind'), dataIndex: 'kind', width: 80, render: (k: ResourceKind) => kindName(lang, k) },
    { title: t('res.field.floorNo'), dataIndex: 'floorNo', width: 64, align: 'right' },
    {
      title: t('res.field.buildArea'),
      dataIndex: 'buildArea',
      width: 100,
      align: 'right',
      render: (a: number | null) => areaText(a),
    },
    {
      title: t('res.field.innerArea'),
      dataIndex: 'innerArea',
      width: 100,
      align: 'right',
      render: (a: number | null) => areaText(a),
    },
    { title: t('res.field.houseType'), dataIndex: 'houseType', width: 100, ellipsis: true },
    { title: t('res.field.orientation'), dataIndex: 'orientation', width: 70 },
    { title: t('res.field.use'), dataIndex: 'use', width: 70, render: (_: unknown, r) => resourceUseName(lang, r.use) },
    {
      title: t('res.field.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: ResourceStatus | null) =>
        s ? (
          <span>
            <i className="res-dot" style={{ background: statusColor(s), marginRight: 6 }} />
            {statusName(lang, s)}
          </span>
        ) : (
          ''
        ),
    },
  ];

  return (
    <>
      <Space wrap className="query-bar" data-testid="res-query-bar">
        <Space size={4}>
          <label>{t('res.filter.kind')}</label>
          <Select<ResourceKind>
            allowClear
            style={{ width: 110 }}
            placeholder={t('common.all')}
            value={kind}
            onChange={(v) => {
              setKind(v);
              runQuery({ kind: v, status, text });
            }}
            options={RESOURCE_KINDS.map((k) => ({ value: k.code, label: localName(lang, k) }))}
            data-testid="res-query-kind"
          />
        </Space>
        <Space size={4}>
          <label>{t('res.filter.status')}</label>
          <Select<ResourceStatus>
            allowClear
            style={{ width: 110 }}
            placeholder={t('common.all')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              runQuery({ kind, status: v, text });
            }}
            options={RESOURCE_STATUSES.map((s) => ({ value: s.code, label: localName(lang, s) }))}
            data-testid="res-query-status"
          />
        </Space>
        <Space size={4}>
          <label htmlFor="res-query-text">{t('res.filter.text')}</label>
          <Input
            id="res-query-text"
            allowClear
            style={{ width: 220 }}
            placeholder={t('res.filter.textPlaceholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onPressEnter={() => runQuery({ kind, status, text })}
            data-testid="res-query-text"
          />
        </Space>
        <Button
          type="primary"
          icon={<SearchOutlined />}
          onClick={() => runQuery({ kind, status, text })}
          data-testid="res-query-submit"
        >
          {t('common.query')}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setKind(undefined);
            setStatus(undefined);
            setText('');
            runQuery({ kind: undefined, status: undefined, text: '' });
          }}
          data-testid="res-query-reset"
        >
          {t('common.reset')}
        </Button>
        {list.query.projectId && (
          <ExportButton
            testId="res-export"
            input={{
              view: 'resources',
              filters: {
                projectId: list.query.projectId,
                on: list.query.on ?? undefined,
                underId: list.query.underId ?? undefined,
                kind: list.query.kind,
                status: list.query.status,
                query: list.query.text.trim() || undefined,
              },
            }}
          />
        )}
      </Space>
      <Table<Resource>
        className="main-table"
        rowKey="id"
        size="small"
        bordered
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ y: 'calc(100vh - 400px)' }}
        locale={{ emptyText: t('common.empty') }}
        {...rowSelectionProps<Resource>(selectedIds, list.select, onOpen)}
        data-testid="res-table"
      />
      <PagerBar
        total={total}
        page={page}
        pageSize={pageSize}
        disabled={loading}
        onChange={(p, size) => void list.setPage(p, size)}
      />
    </>
  );
}
