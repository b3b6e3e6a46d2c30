import { useCallback, useEffect, useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
  ReloadOutlined,
  RollbackOutlined,
  StarFilled,
  StopOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Customer360, CustomerRelationView, FamilyView } from '../../../../shared/api/calls/customers.js';
import type { BankAccountView } from '../../../../shared/domain/customers.js';
import { ApiCallError, api } from '../../api/client.js';
import { notifyError, notifySuccess, notifyWarning } from '../../components/feedback.js';
import { RecordSyncTag } from '../../components/RecordSyncTag.js';
import { useConfirm } from '../../components/useConfirm.js';
import { useLang, useT } from '../../i18n/index.js';
import { CustomerDocuments } from './CustomerDocuments.js';
import { CustomerHistory } from './CustomerHistory.js';
import { AccountModal, EndRelationModal, FamilyModal, RelationModal, VehicleModal } from './Customer360Modals.js';
import { genderName, idTypeName, kindName, parseIdList, phoneDisplay, roleName } from './customerFormat.js';
import { useCustomerDicts } from './useDictOptions.js';

export type Tab360 = 'relations' | 'family' | 'vehicles' | 'accounts' | 'documents' | 'history' | 'merges';

type VehicleRow = Customer360['vehicles'][number];
type MergeRow = Customer360['mergedFrom'][number];

interface Customer360DrawerProps {
  customerId: string | null;
  tab: Tab360;
  onTab: (tab: Tab360) => void;
  onClose: () => void;
  onEdit: (view: Customer360) => void;
  /** Another customer's 360 view (a family member, the survivor of a merge). */
  onOpenCustomer: (id: string) => void;
  /** Something the list shows may have changed. */
  onChanged: () => void;
  /** Bumped by the page after an edit saved elsewhere, so the view reloads. */
  version: number;
}

type Dialog =
  | { kind: 'family' }
  | { kind: 'vehicle'; vehicle: VehicleRow | null }
  | { kind: 'account' }
  | { kind: 'relation' }
  | { kind: 'endRelation'; relation: CustomerRelationView }
  | null;

export function Customer360Drawer({
  customerId,
  tab,
  onTab,
  onClose,
  onEdit,
  onOpenCustomer,
  onChanged,
  version,
}: Customer360DrawerProps) {
  const t = useT();
  const lang = useLang();
  const { confirm } = useConfirm();
  const [view, setView] = useState<Customer360 | null>(null);
  const [loading, setLoading] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);

  const load = useCallback(async () => {
    if (!customerId) return;
    setLoading(true);
    try {
      setView(await api.call('customer.view', { id: customerId }));
    } catch (error) {
      const survivor = error instanceof ApiCallError && error.code === 'CUSTOMER_MERGED' ? error.details.survivorId : undefined;
      if (typeof survivor === 'string') {
        notifyWarning(t('cust.360.mergedRedirect'));
        onOpenCustomer(survivor);
      } else {
        notifyError(error);
      }
    } finally {
      setLoading(false);
    }
  }, [customerId, onOpenCustomer, t]);

  useEffect(() => {
    if (customerId) void load();
    else setView(null);
  }, [customerId, load, version]);

  const customer = view?.customer.id === customerId ? view.customer : null;
  const keepIds = customer
    ? [
        customer.sourceId,
        customer.intentionId,
        customer.statusId,
        ...parseIdList(customer.tags),
        ...(view?.family.map((f) => f.relationId) ?? []),
      ].filter((x): x is string => Boolean(x))
    : [];
  const { options: dicts, names: dictNames } = useCustomerDicts(keepIds);

  const changed = async () => {
    setDialog(null);
    await load();
    onChanged();
  };

  const act = (title: string, run: () => Promise<unknown>, danger = true) =>
    confirm({
      title,
      danger,
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await run();
          notifySuccess(t('common.saved'));
        } catch (error) {
          notifyError(error);
        }
        await load();
        onChanged();
      },
    });

  const relationColumns: ColumnsType<CustomerRelationView> = [
    { title: t('cust.rel.project'), dataIndex: 'projectName', width: 140, ellipsis: true },
    { title: t('cust.rel.room'), width: 130, render: (_, r) => r.resource.code },
    { title: t('cust.rel.roomName'), ellipsis: true, render: (_, r) => r.resource.name },
    { title: t('cust.rel.role'), dataIndex: 'role', width: 100, render: (role: string) => roleName(lang, role) },
    {
      title: t('cust.rel.share'),
      dataIndex: 'share',
      width: 80,
      align: 'right',
      render: (s: number | null) => (s === null ? '' : `${s}%`),
    },
    { title: t('cust.rel.start'), dataIndex: 'startDate', width: 110 },
    { title: t('cust.rel.end'), dataIndex: 'endDate', width: 110, render: (d: string | null) => d ?? '' },
    {
      title: t('cust.rel.state'),
      dataIndex: 'current',
      width: 80,
      render: (current: boolean) =>
        current ? <Tag color="green">{t('cust.rel.current')}</Tag> : <Tag>{t('cust.rel.past')}</Tag>,
    },
    {
      title: t('cust.actions'),
      width: 120,
      render: (_, r) =>
        r.endDate === null ? (
          <Button
            size="small"
            type="link"
            icon={<StopOutlined />}
            onClick={() => setDialog({ kind: 'endRelation', relation: r })}
            data-testid="relation-end"
          >
            {t('cust.rel.endAction')}
          </Button>
        ) : null,
    },
  ];

  const familyColumns: ColumnsType<FamilyView> = [
    { title: t('cust.family.relation'), dataIndex: 'relationName', width: 110, render: (n: string) => n || t('cust.none') },
    {
      title: t('cust.col.name'),
      width: 160,
      render: (_, f) => (
        <Space size={4}>
          <Button
            type="link"
            size="small"
            className="link-cell"
            onClick={() => onOpenCustomer(f.member.id)}
            data-testid="family-open"
          >
            {f.member.name}
          </Button>
          {f.reverse && <Tag>{t('cust.family.reverse')}</Tag>}
        </Space>
      ),
    },
    { title: t('cust.col.idType'), width: 150, ellipsis: true, render: (_, f) => idTypeName(lang, f.member.idType) },
    { title: t('cust.col.idNumber'), width: 190, render: (_, f) => f.member.idNumberMasked },
    { title: t('cust.col.phones'), render: (_, f) => f.member.phones.map(phoneDisplay).join('，') },
    {
      title: t('cust.actions'),
      width: 80,
      render: (_, f) => (
        <Button
          size="small"
          type="link"
          danger
          icon={<DeleteOutlined />}
          onClick={() =>
            act(t('cust.confirmRemove', { name: f.member.name }), () => api.call('customer.removeFamily', { id: f.id }))
          }
          data-testid="family-remove"
        />
      ),
    },
  ];

  const vehicleColumns: ColumnsType<VehicleRow> = [
    {
      title: t('cust.vehicle.plate'),
      dataIndex: 'plate',
      width: 140,
      render: (plate: string, v) => (
        <Space size={4}>
          <Typography.Text strong>{plate}</Typography.Text>
          {v.newEnergy && <Tag color="green">{t('cust.vehicle.newEnergy')}</Tag>}
        </Space>
      ),
    },
    { title: t('cust.vehicle.model'), dataIndex: 'model' },
    { title: t('cust.vehicle.color'), dataIndex: 'color', width: 100 },
    { title: t('cust.vehicle.parking'), dataIndex: 'parkingCode', width: 120, render: (c: string | null) => c ?? '' },
    {
      title: t('cust.actions'),
      width: 100,
      render: (_, v) => (
        <Space size={0}>
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            onClick={() => setDialog({ kind: 'vehicle', vehicle: v })}
            data-testid="vehicle-edit"
          />
          <Button
            size="small"
            type="link"
            danger
            icon={<DeleteOutlined />}
            onClick={() =>
              act(t('cust.confirmRemove', { name: v.plate }), () => api.call('customer.removeVehicle', { id: v.id }))
            }
            data-testid="vehicle-remove"
          />
        </Space>
      ),
    },
  ];

  const accountColumns: ColumnsType<BankAccountView> = [
    { title: t('cust.account.bank'), dataIndex: 'bank', ellipsis: true },
    { title: t('cust.account.accountName'), dataIndex: 'accountName', width: 160, ellipsis: true },
    { title: t('cust.account.accountNumber'), dataIndex: 'accountNumberMasked', width: 210 },
    {
      title: t('cust.account.primary'),
      dataIndex: 'isPrimary',
      width: 90,
      render: (p: boolean) => (p ? <Tag color="gold">{t('cust.account.primary')}</Tag> : null),
    },
    {
      title: t('cust.actions'),
      width: 150,
      render: (_, a) => (
        <Space size={0}>
          {!a.isPrimary && (
            <Button
              size="small"
              type="link"
              onClick={() =>
                void api
                  .call('customer.setPrimaryAccount', { id: a.id })
                  .then(() => load())
                  .catch(notifyError)
              }
              data-testid="account-set-primary"
            >
              {t('cust.account.setPrimary')}
            </Button>
          )}
          <Button
            size="small"
            type="link"
            danger
            icon={<DeleteOutlined />}
            onClick={() =>
              act(t('cust.confirmRemove', { name: a.accountNumberMasked }), () =>
                api.call('customer.removeAccount', { id: a.id }),
              )
            }
            data-testid="account-remove"
          />
        </Space>
      ),
    },
  ];

  const mergeColumns: ColumnsType<MergeRow> = [
    { title: t('cust.merges.merged'), dataIndex: 'mergedName' },
    {
      title: t('cust.merges.state'),
      dataIndex: 'undone',
      width: 100,
      render: (undone: boolean) =>
        undone ? <Tag>{t('cust.merges.undone')}</Tag> : <Tag color="blue">{t('cust.merges.active')}</Tag>,
    },
    {
      title: t('cust.actions'),
      width: 130,
      render: (_, m) =>
        m.undone ? null : (
          <Button
            size="small"
            type="link"
            icon={<RollbackOutlined />}
            onClick={() =>
              confirm({
                title: t('cust.merges.undoConfirm', { name: m.mergedName }),
                content: t('cust.merges.undoHint', { name: m.mergedName }),
                okText: t('common.ok'),
                cancelText: t('common.cancel'),
                onOk: async () => {
                  try {
                    await api.call('customer.undoMerge', { mergeId: m.mergeId });
                    notifySuccess(t('cust.merges.undoneOk'));
                  } catch (error) {
                    notifyError(error);
                  }
                  await load();
                  onChanged();
                },
              })
            }
            data-testid="merge-undo"
          >
            {t('cust.merges.undo')}
          </Button>
        ),
    },
  ];

  const tableProps = {
    size: 'small' as const,
    bordered: true,
    pagination: false as const,
    rowKey: 'id',
    locale: { emptyText: t('common.empty') },
  };
  const addButton = (label: string, onClick: () => void, testId: string) => (
    <Button size="small" type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
      {label}
    </Button>
  );

  const tags = customer ? parseIdList(customer.tags) : [];
  const phones = view?.phones ?? [];
  const count = (n: number) => (n > 0 ? ` (${n})` : '');

  return (
    <Drawer
      open={customerId !== null}
      onClose={onClose}
      size={1100}
      destroyOnHidden
      title={
        <Space>
          <UserOutlined />
          {t('cust.360.title')}
        </Space>
      }
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()} data-testid="c360-refresh">
            {t('cust.360.refresh')}
          </Button>
          <Button
            type="primary"
            icon={<EditOutlined />}
            disabled={!view}
            onClick={() => view && onEdit(view)}
            data-testid="c360-edit"
          >
            {t('cust.edit')}
          </Button>
        </Space>
      }
      data-testid="customer-360"
    >
      <Spin spinning={loading}>
        {!customer || !view ? (
          <Empty />
        ) : (
          <>
            <div className="c360-header">
              <Space size={12} align="center" wrap>
                <Typography.Title level={4} className="c360-name" data-testid="c360-name">
                  {customer.name}
                </Typography.Title>
                <Tag color={customer.kind === 'company' ? 'purple' : 'blue'}>{kindName(lang, customer.kind)}</Tag>
                <RecordSyncTag entity="customer" id={customer.id} refreshKey={customer.updatedAt} />
                {tags.map((id) => (
                  <Tag key={id} color="cyan" data-testid="c360-tag">
                    {dictNames.get(id) ?? '…'}
                  </Tag>
                ))}
              </Space>
              <Descriptions
                size="small"
                column={3}
                className="c360-facts"
                items={[
                  {
                    key: 'id',
                    label: idTypeName(lang, customer.idType),
                    children: <span data-testid="c360-id">{customer.idNumberMasked}</span>,
                  },
                  {
                    key: 'phones',
                    label: t('cust.field.phones'),
                    children: (
                      <span data-testid="c360-phones">
                        {phones.length === 0
                          ? t('cust.none')
                          : phones.map((p) => (
                              <span key={p.id} className="c360-phone">
                                {p.isPrimary && phones.length > 1 && <StarFilled style={{ color: '#faad14', marginRight: 2 }} />}
                                {phoneDisplay(p.number)}
                              </span>
                            ))}
                      </span>
                    ),
                  },
                  ...(customer.kind === 'person'
                    ? [
                        {
                          key: 'gender',
                          label: t('cust.field.gender'),
                          children: <span data-testid="c360-gender">{genderName(lang, customer.gender)}</span>,
                        },
                        {
                          key: 'birth',
                          label: t('cust.field.birthDate'),
                          children: <span data-testid="c360-birth">{customer.birthDate ?? t('cust.none')}</span>,
                        },
                      ]
                    : []),
                  {
                    key: 'source',
                    label: t('cust.field.source'),
                    children: dictNames.get(customer.sourceId ?? '') ?? t('cust.none'),
                  },
                  {
                    key: 'intention',
                    label: t('cust.field.intention'),
                    children: dictNames.get(customer.intentionId ?? '') ?? t('cust.none'),
                  },
                  {
                    key: 'status',
                    label: t('cust.field.status'),
                    children: dictNames.get(customer.statusId ?? '') ?? t('cust.none'),
                  },
                  ...(customer.email ? [{ key: 'email', label: t('cust.field.email'), children: customer.email }] : []),
                  ...(customer.address ? [{ key: 'address', label: t('cust.field.address'), children: customer.address }] : []),
                  ...(customer.remark ? [{ key: 'remark', label: t('cust.field.remark'), children: customer.remark }] : []),
                ]}
              />
            </div>
            <Tabs
              activeKey={tab}
              onChange={(key) => onTab(key as Tab360)}
              data-testid="c360-tabs"
              items={[
                {
                  key: 'relations',
                  label: <span data-testid="c360-tab-relations">{t('cust.tab.relations') + count(view.relations.length)}</span>,
                  children: (
                    <>
                      <div className="tab-toolbar">
                        {addButton(t('cust.rel.add'), () => setDialog({ kind: 'relation' }), 'relation-add')}
                      </div>
                      <Table<CustomerRelationView>
                        {...tableProps}
                        columns={relationColumns}
                        dataSource={view.relations}
                        rowClassName={(r) => (r.current ? '' : 'row-invalid')}
                        data-testid="c360-relations"
                      />
                    </>
                  ),
                },
                {
                  key: 'family',
                  label: <span data-testid="c360-tab-family">{t('cust.tab.family') + count(view.family.length)}</span>,
                  children: (
                    <>
                      <div className="tab-toolbar">
                        {addButton(t('cust.family.add'), () => setDialog({ kind: 'family' }), 'c360-family-add')}
                      </div>
                      <Table<FamilyView>
                        {...tableProps}
                        columns={familyColumns}
                        dataSource={view.family}
                        data-testid="c360-family"
                      />
                    </>
                  ),
                },
                {
                  key: 'vehicles',
                  label: <span data-testid="c360-tab-vehicles">{t('cust.tab.vehicles') + count(view.vehicles.length)}</span>,
                  children: (
                    <>
                      <div className="tab-toolbar">
                        {addButton(
                          t('cust.vehicle.add'),
                          () => setDialog({ kind: 'vehicle', vehicle: null }),
                          'c360-vehicle-add',
                        )}
                      </div>
                      <Table<VehicleRow>
                        {...tableProps}
                        columns={vehicleColumns}
                        dataSource={view.vehicles}
                        data-testid="c360-vehicles"
                      />
                    </>
                  ),
                },
                {
                  key: 'accounts',
                  label: <span data-testid="c360-tab-accounts">{t('cust.tab.accounts') + count(view.accounts.length)}</span>,
                  children: (
                    <>
                      <div className="tab-toolbar">
                        {addButton(t('cust.account.add'), () => setDialog({ kind: 'account' }), 'c360-account-add')}
                      </div>
                      <Table<BankAccountView>
                        {...tableProps}
                        columns={accountColumns}
                        dataSource={view.accounts}
                        data-testid="c360-accounts"
                      />
                    </>
                  ),
                },
                {
                  key: 'documents',
                  label: <span data-testid="c360-tab-documents">{t('cust.tab.documents') + count(view.documents.length)}</span>,
                  children: <CustomerDocuments customerId={customer.id} documents={view.documents} onChanged={changed} />,
                },
                {
                  key: 'history',
                  label: <span data-testid="c360-tab-history">{t('cust.tab.history')}</span>,
                  children: <CustomerHistory entries={view.history} dictNames={dictNames} />,
                },
                {
                  key: 'merges',
                  label: <span data-testid="c360-tab-merges">{t('cust.tab.merges') + count(view.mergedFrom.length)}</span>,
                  children: (
                    <Table<MergeRow>
                      {...tableProps}
                      rowKey="mergeId"
                      columns={mergeColumns}
                      dataSource={view.mergedFrom}
                      data-testid="c360-merges"
                    />
                  ),
                },
              ]}
            />
            <FamilyModal
              open={dialog?.kind === 'family'}
              customerId={customer.id}
              relationTypes={dicts.relationType}
              excludeIds={[customer.id, ...view.family.map((f) => f.member.id)]}
              onClose={() => setDialog(null)}
              onSaved={() => void changed()}
            />
            <VehicleModal
              open={dialog?.kind === 'vehicle'}
              customerId={customer.id}
              vehicle={dialog?.kind === 'vehicle' ? dialog.vehicle : null}
              onClose={() => setDialog(null)}
              onSaved={() => void changed()}
            />
            <AccountModal
              open={dialog?.kind === 'account'}
              customerId={customer.id}
              defaultName={customer.name}
              onClose={() => setDialog(null)}
              onSaved={() => void changed()}
            />
            <RelationModal
              open={dialog?.kind === 'relation'}
              customerId={customer.id}
              onClose={() => setDialog(null)}
              onSaved={() => void changed()}
            />
            <EndRelationModal
              relation={dialog?.kind === 'endRelation' ? dialog.relation : null}
              onClose={() => setDialog(null)}
              onSaved={() => void changed()}
            />
          </>
        )}
      </Spin>
    </Drawer>
  );
}
