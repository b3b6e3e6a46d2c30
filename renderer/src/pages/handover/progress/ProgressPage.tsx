import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Card, Segmented, Select, Space, Spin, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined } from '@ant-design/icons';
import type { BatchSummary, ProgressCounts, ProgressView } from '../../../../../shared/api/calls/handover.js';
import { api } from '../../../api/client.js';
import { notifyError } from '../../../components/feedback.js';
import { useT } from '../../../i18n/index.js';
import { useNavigation } from '../../../store/navigation.js';
import { FileExportButton } from '../shared/FileExportButton.js';
import { percentText } from '../shared/handoverText.js';
import { ProjectGate } from '../shared/ProjectGate.js';
import { Bars, Legend, StackedBars } from './charts.js';
import { handedRate, STAGES, stagesOf } from './progressMath.js';
import '../shared/handover.css';

type GroupBy = 'batch' | 'building';
type GroupRow = ProgressCounts & { key: string; name: string; batchId?: string };

export function ProgressPage() {
  return <ProjectGate testId="progress">{() => <ProgressBoard />}</ProjectGate>;
}

function ProgressBoard() {
  const t = useT();
  const [batches, setBatches] = useState<BatchSummary[]>([]);
  const [batchId, setBatchId] = useState<string | undefined>(undefined);
  const [groupBy, setGroupBy] = useState<GroupBy>('batch');
  const [view, setView] = useState<ProgressView | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    api.call('handover.batchList', { includeClosed: true }).then(setBatches).catch(notifyError);
  }, []);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setView(await api.call('handover.progress', { batchId }));
    } catch (error) {
      notifyError(error);
    } finally {
      setLoading(false);
    }
  }, [batchId]);

  useEffect(() => {
    void load();
  }, [load]);

  // One batch chosen: by building is what is left to compare.
  const grouping: GroupBy = batchId ? 'building' : groupBy;

  const groups: GroupRow[] = useMemo(() => {
    if (!view) return [];
    return grouping === 'batch'
      ? view.byBatch.map((b) => ({ ...b, key: b.batchId }))
      : view.byBuilding.map((b) => ({ ...b, key: b.buildingId ?? 'none', name: b.name || t('ho.prog.noBuilding') }));
  }, [view, grouping, t]);

  const totals = view?.totals;
  const totalStages = totals ? stagesOf(totals) : null;
  const series = STAGES.map((s) => ({ key: s.key, label: t(s.label), color: s.color }));
  const legend = series.map((s) => ({ ...s, label: totalStages ? `${s.label} ${totalStages[s.key]}` : s.label }));

  const columns: ColumnsType<GroupRow> = [
    {
      title: grouping === 'batch' ? t('ho.col.batch') : t('ho.filter.building'),
      dataIndex: 'name',
      width: 220,
      ellipsis: true,
      render: (name: string, r) =>
        r.batchId ? (
          <Typography.Link onClick={() => useNavigation.getState().go('handoverBatches', { batchId: r.batchId })}>
            {name}
          </Typography.Link>
        ) : (
          name
        ),
    },
    { title: t('ho.stat.rooms'), dataIndex: 'rooms', align: 'right' },
    { title: t('ho.stat.appointed'), dataIndex: 'appointed', align: 'right' },
    { title: t('ho.stat.inspected'), dataIndex: 'inspected', align: 'right' },
    { title: t('ho.stat.accepted'), dataIndex: 'accepted', align: 'right' },
    { title: t('ho.stat.acceptedWithDefects'), dataIndex: 'acceptedWithDefects', width: 100, align: 'right' },
    { title: t('ho.stat.refused'), dataIndex: 'refused', align: 'right' },
    { title: t('ho.stat.openDefects'), dataIndex: 'openDefects', width: 96, align: 'right' },
    {
      title: t('ho.stat.rate'),
      key: 'rate',
      align: 'right',
      render: (_: unknown, r) => percentText(r.accepted + r.acceptedWithDefects, r.rooms),
    },
  ];

  const stat = (key: string, title: string, value: number | string, color?: string) => (
    <div className="ho-stat-card" data-testid={`progress-total-${key}`}>
      <Statistic title={title} value={value} styles={color ? { content: { color } } : undefined} />
    </div>
  );

  return (
    <Card
      size="small"
      className="full-card"
      title={t('menu.handoverProgress')}
      extra={
        <Space size={8}>
          <Select<string>
            allowClear
            style={{ width: 200 }}
            placeholder={t('ho.prog.allBatches')}
            value={batchId}
            onChange={setBatchId}
            options={batches.map((b) => ({ value: b.id, label: b.name }))}
            data-testid="progress-batch"
          />
          <Button icon={<ReloadOutlined />} onClick={() => void load()} data-testid="progress-refresh">
            {t('ho.refresh')}
          </Button>
          <FileExportButton testId="progress-export" run={() => api.call('handover.progressExport', { batchId })} />
        </Space>
      }
      data-testid="progress-page"
    >
      {view === null ? (
        <Spin spinning={loading} className="ho-spin" />
      ) : (
        <>
          <div className="ho-stat-cards" data-testid="progress-totals">
            {stat('rooms', t('ho.stat.rooms'), totals?.rooms ?? 0)}
            {stat('appointed', t('ho.stat.appointed'), totals?.appointed ?? 0)}
            {stat('inspected', t('ho.stat.inspected'), totals?.inspected ?? 0)}
            {stat('accepted', t('ho.stat.accepted'), totals?.accepted ?? 0, '#389e0d')}
            {stat('acceptedWithDefects', t('ho.stat.acceptedWithDefects'), totals?.acceptedWithDefects ?? 0, '#d48806')}
            {stat('refused', t('ho.stat.refused'), totals?.refused ?? 0, totals?.refused ? '#cf1322' : undefined)}
            {stat('openDefects', t('ho.stat.openDefects'), totals?.openDefects ?? 0)}
            {stat('rate', t('ho.stat.rate'), totals ? percentText(Math.round(handedRate(totals) * 1000), 1000) : '0%', '#1677ff')}
          </div>
          <div className="ho-progress-grid">
            <Card
              size="small"
              title={grouping === 'batch' ? t('ho.prog.byBatch') : t('ho.prog.byBuilding')}
              extra={
                <Segmented<GroupBy>
                  size="small"
                  value={grouping}
                  disabled={batchId !== undefined}
                  onChange={setGroupBy}
                  options={[
                    { value: 'batch', label: t('ho.prog.groupBatch') },
                    { value: 'building', label: t('ho.prog.groupBuilding') },
                  ]}
                  data-testid="progress-group"
                />
              }
              data-testid="progress-groups"
            >
              <Legend series={legend} testId="progress-legend" />
              <StackedBars
                rows={groups.map((g) => ({ key: g.key, label: g.name, values: stagesOf(g) }))}
                series={series}
                empty={t('ho.prog.empty')}
                testId="progress-stack"
              />
            </Card>
            <div className="ho-progress-side">
              <Card size="small" title={t('ho.prog.byCategory')} data-testid="progress-categories">
                <Bars
                  rows={[...(view?.defectsByCategory ?? [])]
                    .filter((c) => c.open > 0)
                    .sort((a, b) => b.open - a.open)
                    .slice(0, 12)
                    .map((c) => ({ key: c.name, label: c.name || t('ho.prog.noCategory'), value: c.open }))}
                  color="#fa8c16"
                  empty={t('ho.prog.noOpenDefects')}
                  testId="progress-category-bars"
                />
              </Card>
              <Card size="small" title={t('ho.prog.byContractor')} data-testid="progress-contractors">
                <Legend
                  series={[
                    { key: 'open', label: t('ho.prog.openDefects'), color: '#597ef7' },
                    { key: 'overdue', label: t('ho.prog.overdueDefects'), color: '#ff4d4f' },
                  ]}
                />
                <Bars
                  rows={[...(view?.defectsByContractor ?? [])]
                    .filter((c) => c.open > 0)
                    .sort((a, b) => b.open - a.open)
                    .slice(0, 12)
                    .map((c) => ({ key: c.name, label: c.name || t('ho.prog.noContractor'), value: c.open, part: c.overdue }))}
                  valueText={(r) => (r.part ? t('ho.prog.openOverdue', { n: r.value, m: r.part }) : String(r.value))}
                  color="#597ef7"
                  empty={t('ho.prog.noOpenDefects')}
                  testId="progress-contractor-bars"
                />
              </Card>
            </div>
          </div>
          <Card
            size="small"
            className="ho-progress-breakdown"
            title={grouping === 'batch' ? t('ho.prog.tableBatch') : t('ho.prog.tableBuilding')}
          >
            <Table<GroupRow>
              className="ho-progress-table"
              size="small"
              bordered
              rowKey="key"
              pagination={false}
              columns={columns}
              dataSource={groups.map((g) => (grouping === 'batch' ? g : { ...g, batchId: undefined }))}
              locale={{ emptyText: t('ho.prog.empty') }}
              style={{ marginTop: 12 }}
              summary={() =>
                totals && groups.length > 1 ? (
                  <Table.Summary.Row className="ho-summary-row">
                    <Table.Summary.Cell index={0}>{t('ho.prog.total')}</Table.Summary.Cell>
                    {(
                      ['rooms', 'appointed', 'inspected', 'accepted', 'acceptedWithDefects', 'refused', 'openDefects'] as const
                    ).map((k, i) => (
                      <Table.Summary.Cell key={k} index={i + 1} align="right">
                        {totals[k]}
                      </Table.Summary.Cell>
                    ))}
                    <Table.Summary.Cell index={8} align="right">
                      {percentText(totals.accepted + totals.acceptedWithDefects, totals.rooms)}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
              data-testid="progress-table"
            />
          </Card>
        </>
      )}
    </Card>
  );
}
