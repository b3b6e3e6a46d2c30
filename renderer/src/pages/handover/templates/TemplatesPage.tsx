import { useCallback, useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Card, Checkbox, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CopyOutlined, EditOutlined, PictureOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TemplateSummary } from '../../../../../shared/api/calls/handover.js';
import { STANDARD_TEMPLATE } from '../../../../../shared/domain/handover-template.js';
import { api } from '../../../api/client.js';
import { notifyError } from '../../../components/feedback.js';
import { formatTime } from '../../../components/formatTime.js';
import { ToolbarButton } from '../../../components/ToolbarButton.js';
import { useShortcuts } from '../../../components/useShortcuts.js';
import { useT } from '../../../i18n/index.js';
import { ProjectGate } from '../shared/ProjectGate.js';
import { TemplateEditor, type EditorTarget } from './TemplateEditor.js';
import { TemplateStatusTag } from './TemplateStatusTag.js';
import '../shared/handover.css';
import './templates.css';

type FamilyRow = TemplateSummary & { children?: TemplateSummary[] };

function typingSomewhere(): boolean {
  const el = document.activeElement as HTMLElement | null;
  if (!el) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A'].includes(el.tagName) || el.isContentEditable;
}

/** A family shows its newest version, the older ones folded under it (retired ones only when asked for). */
function families(list: readonly TemplateSummary[], includeRetired: boolean): FamilyRow[] {
  const byFamily = new Map<string, TemplateSummary[]>();
  for (const s of list) {
    if (!includeRetired && s.status === 'retired') continue;
    byFamily.set(s.familyId, [...(byFamily.get(s.familyId) ?? []), s]);
  }
  const rows: FamilyRow[] = [];
  for (const versions of byFamily.values()) {
    const sorted = [...versions].sort((a, b) => b.version - a.version);
    const head = sorted[0];
    if (!head) continue;
    const rest = sorted.slice(1);
    rows.push(rest.length > 0 ? { ...head, children: rest } : head);
  }
  return rows.sort((a, b) => a.houseType.localeCompare(b.houseType, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
}

/** Templates belong to a project (each project keeps its own per 户型). */
export function TemplatesPage() {
  return <ProjectGate testId="templates">{() => <TemplatesWorkspace />}</ProjectGate>;
}

function TemplatesWorkspace() {
  const t = useT();
  const [list, setList] = useState<TemplateSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [includeRetired, setIncludeRetired] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editor, setEditor] = useState<{ target: EditorTarget; session: number } | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      // Every version: the one in use stays in sight under a newer draft.
      setList(await api.call('template.list', { includeRetired: true }));
    } catch (error) {
      notifyError(error);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const rows = useMemo(() => families(list, includeRetired), [list, includeRetired]);
  const selected = list.find((s) => s.id === selectedId);

  const openEditor = (target: EditorTarget) => setEditor((e) => ({ target, session: (e?.session ?? 0) + 1 }));
  const create = () => openEditor({ create: true });
  const fromStandard = () =>
    openEditor({ create: true, areas: STANDARD_TEMPLATE.areas, name: STANDARD_TEMPLATE.name, remark: STANDARD_TEMPLATE.remark });
  const edit = () => {
    if (selected) openEditor({ id: selected.id });
  };

  useShortcuts(
    [
      { key: 'Insert', run: create },
      { key: 'n', alt: true, run: create },
      { key: 'F2', run: edit },
      { key: 'Enter', run: () => !typingSomewhere() && edit() },
    ],
    editor === null,
  );

  const columns: ColumnsType<FamilyRow> = [
    {
      title: t('ho.tpl.name'),
      dataIndex: 'name',
      ellipsis: true,
      render: (name: string, s) => (
        <Typography.Link
          onClick={(e) => {
            e.stopPropagation();
            openEditor({ id: s.id });
          }}
          data-testid="template-open"
        >
          {name}
        </Typography.Link>
      ),
    },
    {
      title: t('ho.tpl.houseType'),
      dataIndex: 'houseType',
      width: 130,
      render: (h: string) => h || <Typography.Text type="secondary">{t('ho.tpl.general')}</Typography.Text>,
    },
    {
      title: t('ho.tpl.version'),
      dataIndex: 'version',
      width: 80,
      render: (v: number) => <Tag data-testid="template-version">v{v}</Tag>,
    },
    {
      title: t('ho.tpl.inUse'),
      key: 'inUse',
      width: 90,
      render: (_: unknown, s) => {
        if (!rows.some((r) => r.id === s.id)) return null;
        const inUse = list.find((x) => x.familyId === s.familyId && x.status === 'published');
        return inUse ? (
          <span data-testid="template-in-use">v{inUse.version}</span>
        ) : (
          <Typography.Text type="secondary">{t('ho.tpl.notInUse')}</Typography.Text>
        );
      },
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: TemplateSummary['status']) => <TemplateStatusTag status={s} />,
    },
    { title: t('ho.tpl.areas'), dataIndex: 'areas', width: 70, align: 'right' },
    { title: t('ho.tpl.items'), dataIndex: 'items', width: 80, align: 'right' },
    {
      title: t('ho.tpl.floorPlan'),
      dataIndex: 'hasFloorPlan',
      width: 80,
      align: 'center',
      render: (has: boolean) =>
        has ? (
          <Tooltip title={t('ho.tpl.hasPlan')}>
            <PictureOutlined style={{ color: '#1677ff' }} />
          </Tooltip>
        ) : (
          ''
        ),
    },
    {
      title: t('ho.tpl.used'),
      dataIndex: 'used',
      width: 90,
      align: 'right',
      render: (n: number) => (n > 0 ? t('ho.tpl.usedTimes', { n }) : <Typography.Text type="secondary">0</Typography.Text>),
    },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 160, render: (at: string) => formatTime(at).slice(0, 16) },
  ];

  return (
    <Card size="small" className="full-card" title={t('menu.inspectionTemplates')} data-testid="templates-page">
      <div className="ho-toolbar-row">
        <Space wrap size={8} className="toolbar" data-testid="template-toolbar">
          <ToolbarButton
            primary
            label={t('ho.tpl.create')}
            icon={<PlusOutlined />}
            shortcut="Insert / Alt+N"
            testId="template-create"
            onClick={create}
          />
          <ToolbarButton
            label={t('ho.tpl.fromStandard')}
            icon={<CopyOutlined />}
            testId="template-from-standard"
            onClick={fromStandard}
          />
          <ToolbarButton
            label={t('ho.tpl.edit')}
            icon={<EditOutlined />}
            shortcut="F2 / Enter"
            disabled={!selected}
            testId="template-edit"
            onClick={edit}
          />
          <ToolbarButton
            label={t('ho.refresh')}
            icon={<ReloadOutlined />}
            testId="template-refresh"
            onClick={() => void load()}
          />
        </Space>
        <Space size={16}>
          <Typography.Text type="secondary" className="ho-sub">
            {t('ho.tpl.listHint')}
          </Typography.Text>
          <Checkbox
            checked={includeRetired}
            onChange={(e) => setIncludeRetired(e.target.checked)}
            data-testid="template-include-retired"
          >
            {t('ho.tpl.includeRetired')}
          </Checkbox>
        </Space>
      </div>
      <Table<FamilyRow>
        className="main-table ho-table"
        rowKey="id"
        size="small"
        bordered
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        expandable={{ indentSize: 20 }}
        scroll={{ y: 'calc(100vh - 250px)' }}
        locale={{ emptyText: t('ho.tpl.empty') }}
        rowClassName={(s) => [s.id === selectedId ? 'ho-row-active' : '', s.status === 'retired' ? 'ho-row-past' : ''].join(' ')}
        onRow={(s) =>
          ({
            'data-testid': 'template-row',
            'data-name': s.name,
            'data-version': s.version,
            onClick: () => setSelectedId(s.id),
            onDoubleClick: () => openEditor({ id: s.id }),
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="template-table"
      />
      {editor && (
        <TemplateEditor
          key={editor.session}
          target={editor.target}
          summaries={list}
          onClose={() => setEditor(null)}
          onSaved={(id) => {
            setSelectedId(id);
            void load();
          }}
          onOpen={(id) => openEditor({ id })}
        />
      )}
    </Card>
  );
}
