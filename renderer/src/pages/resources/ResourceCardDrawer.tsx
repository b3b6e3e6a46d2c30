import { useCallback, useEffect, useState } from 'react';
import { Alert, Breadcrumb, Button, Descriptions, Drawer, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, HistoryOutlined, PlusOutlined, ScissorOutlined, SwapOutlined } from '@ant-design/icons';
import type { LineageLink, ResourceCard, ResourceRelation } from '../../../../shared/api/calls/resources.js';
import { api } from '../../api/client.js';
import { notifyError } from '../../components/feedback.js';
import { HistoryDrawer } from '../../components/HistoryDrawer.js';
import { RecordSyncTag } from '../../components/RecordSyncTag.js';
import { useLang, useT } from '../../i18n/index.js';
import { useNavigation } from '../../store/navigation.js';
import { RelationCreateModal, RelationEndModal, TransferModal } from './RelationDialogs.js';
import { ResourceFormModal } from './ResourceFormModal.js';
import { useResources } from './resourcesStore.js';
import { areaText, isHoldable, kindName, roleName, sinceText, statusColor, statusName, resourceUseName } from './resourceText.js';
import { SplitDialog } from './SplitDialog.js';

type Dialog =
  | { kind: 'relation' }
  | { kind: 'end'; relation: ResourceRelation }
  | { kind: 'transfer' }
  | { kind: 'edit' }
  | { kind: 'split' }
  | { kind: 'history' };

function CustomerLink({ relation }: { relation: ResourceRelation }) {
  return (
    <Typography.Link
      onClick={() => useNavigation.getState().go('customers', { customerId: relation.customerId })}
      data-testid={`card-customer-${relation.customerName}`}
    >
      {relation.customerName}
    </Typography.Link>
  );
}

/**
 * 资源卡片: where the room is, what it is, who holds it now and before, what it was split
 * from or merged into. Ended resources and past dates are view-only.
 */
export function ResourceCardDrawer({ projectId }: { projectId: string }) {
  const t = useT();
  const lang = useLang();
  const cardId = useResources((s) => s.cardId);
  const on = useResources((s) => s.on);
  const version = useResources((s) => s.version);
  const [card, setCard] = useState<ResourceCard | null>(null);
  const [loading, setLoading] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  useEffect(() => {
    if (!cardId) {
      setCard(null);
      return undefined;
    }
    let live = true;
    setLoading(true);
    api
      .call('resource.card', { id: cardId, on: on ?? undefined })
      .then((data) => {
        if (live) setCard(data);
      })
      .catch((error: unknown) => {
        if (!live) return;
        notifyError(error);
        useResources.getState().closeCard();
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [cardId, on, version]);

  const changed = useCallback(() => {
    setDialog(null);
    useResources.getState().changed();
  }, []);

  const resource = card?.resource;
  const ended = (resource?.endedOn ?? null) !== null;
  const readOnly = ended || on !== null;
  const holdable = resource ? isHoldable(resource.kind) : false;

  const relationColumns = (current: boolean): ColumnsType<ResourceRelation> => [
    { title: t('res.rel.customer'), dataIndex: 'customerName', render: (_: string, r) => <CustomerLink relation={r} /> },
    { title: t('res.rel.role'), dataIndex: 'role', width: 100, render: (_: string, r) => roleName(lang, r.role) },
    { title: t('res.rel.share'), dataIndex: 'share', width: 80, render: (s: number | null) => (s === null ? '' : `${s}%`) },
    { title: t('res.rel.since'), dataIndex: 'startDate', width: 110 },
    current
      ? {
          title: t('res.rel.actions'),
          key: 'actions',
          width: 80,
          render: (_: unknown, r) => (
            <Button
              size="small"
              type="link"
              disabled={readOnly}
              onClick={() => setDialog({ kind: 'end', relation: r })}
              data-testid={`card-end-${r.customerName}`}
            >
              {t('res.rel.end')}
            </Button>
          ),
        }
      : { title: t('res.rel.until'), dataIndex: 'endDate', width: 110 },
  ];

  const lineage = (links: LineageLink[], testId: string) =>
    links.length === 0 ? null : (
      <div className="card-lineage" data-testid={testId}>
        {links.map((l) => (
          <span key={`${l.operationId}-${l.resource.id}`}>
            <Typography.Link
              onClick={() => useResources.getState().openCard(l.resource.id)}
              data-testid={`card-lineage-${l.resource.code}`}
            >
              {l.resource.code} {l.resource.name !== l.resource.code ? l.resource.name : ''}
            </Typography.Link>{' '}
            <Typography.Text type="secondary">
              {t('res.card.lineageOn', {
                op: t(l.op === 'split' ? 'res.card.op.split' : 'res.card.op.merge'),
                date: l.effectiveOn,
              })}
            </Typography.Text>
            {l.resource.endedOn && <Tag style={{ marginLeft: 6 }}>{t('res.card.endedTag')}</Tag>}
          </span>
        ))}
      </div>
    );

  const title = resource ? (
    <Space size={8}>
      <span data-testid="card-title">
        {resource.code} {resource.name !== resource.code ? resource.name : ''}
      </span>
      {ended && <Tag color="default">{t('res.card.endedTag')}</Tag>}
      <RecordSyncTag entity="resource" id={resource.id} refreshKey={resource.updatedAt} />
    </Space>
  ) : (
    t('res.card.title')
  );

  return (
    <>
      <Drawer
        open={cardId !== null}
        onClose={() => useResources.getState().closeCard()}
        size={760}
        title={title}
        extra={
          resource && (
            <Space>
              <Button
                icon={<EditOutlined />}
                disabled={readOnly}
                onClick={() => setDialog({ kind: 'edit' })}
                data-testid="card-edit"
              >
                {t('res.edit')}
              </Button>
              {holdable && (
                <Button
                  icon={<ScissorOutlined />}
                  disabled={readOnly}
                  onClick={() => setDialog({ kind: 'split' })}
                  data-testid="card-split"
                >
                  {t('res.split')}
                </Button>
              )}
              <Button icon={<HistoryOutlined />} onClick={() => setDialog({ kind: 'history' })} data-testid="card-history">
                {t('res.history')}
              </Button>
            </Space>
          )
        }
        data-testid="resource-card"
      >
        <Spin spinning={loading}>
          {card && resource ? (
            <>
              <Breadcrumb
                style={{ marginBottom: 12 }}
                items={[...card.path, resource].map((p) => ({ key: p.id, title: p.name }))}
                data-testid="card-path"
              />
              {ended && (
                <Alert
                  type="warning"
                  showIcon
                  title={t('res.card.ended', { date: resource.endedOn ?? '' })}
                  style={{ marginBottom: 12 }}
                  data-testid="card-ended"
                />
              )}
              {!ended && on !== null && (
                <Alert
                  type="info"
                  showIcon
                  title={t('res.card.historyView', { date: on })}
                  style={{ marginBottom: 12 }}
                  data-testid="card-history-view"
                />
              )}
              <Descriptions
                size="small"
                bordered
                column={2}
                title={t('res.card.attributes')}
                data-testid="card-attributes"
                items={[
                  { key: 'code', label: t('res.field.code'), children: resource.code },
                  { key: 'name', label: t('res.field.name'), children: resource.name },
                  { key: 'kind', label: t('res.field.kind'), children: kindName(lang, resource.kind) },
                  {
                    key: 'status',
                    label: t('res.field.status'),
                    children: resource.status ? (
                      <span data-testid="card-status">
                        <i className="res-dot" style={{ background: statusColor(resource.status), marginRight: 6 }} />
                        {statusName(lang, resource.status)}
                      </span>
                    ) : (
                      ''
                    ),
                  },
                  { key: 'build', label: t('res.field.buildArea'), children: areaText(resource.buildArea) },
                  { key: 'inner', label: t('res.field.innerArea'), children: areaText(resource.innerArea) },
                  { key: 'house', label: t('res.field.houseType'), children: resource.houseType },
                  { key: 'orientation', label: t('res.field.orientation'), children: resource.orientation },
                  { key: 'use', label: t('res.field.use'), children: resourceUseName(lang, resource.use) },
                  ...(resource.kind === 'parking' ? [{ key: 'zone', label: t('res.field.zone'), children: resource.zone }] : []),
                  {
                    key: 'validFrom',
                    label: t('res.field.validFrom'),
                    children: sinceText(resource.validFrom, t('res.sinceAlways')),
                  },
                  {
                    key: 'endedOn',
                    label: t('res.field.endedOn'),
                    children: <span data-testid="card-ended-on">{resource.endedOn ?? ''}</span>,
                  },
                ]}
              />

              {holdable ? (
                <>
                  <div className="card-section">
                    <span>{t('res.card.current')}</span>
                    <Space>
                      <Button
                        size="small"
                        icon={<PlusOutlined />}
                        disabled={readOnly}
                        onClick={() => setDialog({ kind: 'relation' })}
                        data-testid="card-add-relation"
                      >
                        {t('res.rel.add')}
                      </Button>
                      <Button
                        size="small"
                        icon={<SwapOutlined />}
                        disabled={readOnly}
                        onClick={() => setDialog({ kind: 'transfer' })}
                        data-testid="card-transfer"
                      >
                        {t('res.rel.transfer')}
                      </Button>
                    </Space>
                  </div>
                  <Table<ResourceRelation>
                    size="small"
                    bordered
                    rowKey="id"
                    pagination={false}
                    columns={relationColumns(true)}
                    dataSource={card.current}
                    locale={{ emptyText: t('res.card.noRelations') }}
                    data-testid="card-current"
                  />
                  <div className="card-section">{t('res.card.past')}</div>
                  <Table<ResourceRelation>
                    size="small"
                    bordered
                    rowKey="id"
                    pagination={false}
                    columns={relationColumns(false)}
                    dataSource={card.past}
                    locale={{ emptyText: t('res.card.noRelations') }}
                    data-testid="card-past"
                  />
                  {card.upcoming.length > 0 && (
                    <>
                      <div className="card-section">{t('res.card.upcoming')}</div>
                      <Table<ResourceRelation>
                        size="small"
                        bordered
                        rowKey="id"
                        pagination={false}
                        columns={relationColumns(false)}
                        dataSource={card.upcoming}
                        data-testid="card-upcoming"
                      />
                    </>
                  )}
                </>
              ) : (
                <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
                  {t('res.card.notHoldable')}
                </Typography.Paragraph>
              )}

              <div className="card-section">{t('res.card.lineage')}</div>
              {card.cameFrom.length === 0 && card.wentTo.length === 0 ? (
                <Typography.Text type="secondary" data-testid="card-no-lineage">
                  {t('res.card.noLineage')}
                </Typography.Text>
              ) : (
                <Descriptions
                  size="small"
                  bordered
                  column={1}
                  items={[
                    ...(card.cameFrom.length > 0
                      ? [{ key: 'from', label: t('res.card.cameFrom'), children: lineage(card.cameFrom, 'card-came-from') }]
                      : []),
                    ...(card.wentTo.length > 0
                      ? [{ key: 'to', label: t('res.card.wentTo'), children: lineage(card.wentTo, 'card-went-to') }]
                      : []),
                  ]}
                />
              )}
            </>
          ) : (
            !loading && <Empty />
          )}
        </Spin>
      </Drawer>

      {resource && dialog?.kind === 'relation' && (
        <RelationCreateModal resource={resource} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {dialog?.kind === 'end' && (
        <RelationEndModal relation={dialog.relation} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {resource && card && dialog?.kind === 'transfer' && (
        <TransferModal resource={resource} current={card.current} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {resource && dialog?.kind === 'edit' && (
        <ResourceFormModal projectId={projectId} mode={{ edit: resource }} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {resource && dialog?.kind === 'split' && (
        <SplitDialog
          room={resource}
          onClose={() => setDialog(null)}
          // The card stays on the old room: it now shows where it went.
          onDone={changed}
        />
      )}
      <HistoryDrawer
        open={dialog?.kind === 'history'}
        entity="resource"
        entityId={resource?.id ?? null}
        recordName={resource ? `${resource.code} ${resource.name}` : ''}
        onClose={() => setDialog(null)}
        onRestored={() => useResources.getState().changed()}
      />
    </>
  );
}
