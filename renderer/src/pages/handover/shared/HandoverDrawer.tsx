import { useCallback, useEffect, useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CalendarOutlined, FilePdfOutlined, TeamOutlined, ToolOutlined } from '@ant-design/icons';
import type { HandoverView } from '../../../../../shared/api/calls/handover.js';
import { api } from '../../../api/client.js';
import { notifyError, notifySuccess } from '../../../components/feedback.js';
import { formatTime } from '../../../components/formatTime.js';
import { RecordSyncTag } from '../../../components/RecordSyncTag.js';
import { useConfirm } from '../../../components/useConfirm.js';
import { useLang, useT } from '../../../i18n/index.js';
import { useNavigation } from '../../../store/navigation.js';
import { phoneDisplay } from '../../customers/customerFormat.js';
import { areaText } from '../../resources/resourceText.js';
import { BookModal, RescheduleModal, type RescheduleTarget } from './AppointmentModals.js';
import { BuyersModal } from './BuyersModal.js';
import { AppointmentStatusTag, BatchStatusTag, HandoverStatusTag } from './HandoverTags.js';
import { inspectionKindName, inspectionStatusName, outcomeName } from './handoverText.js';
import { downloadReport, openInspection } from './inspections.js';

type AppointmentRow = HandoverView['appointments'][number];
type InspectionRow = HandoverView['inspections'][number];

type Dialog = { kind: 'book' } | { kind: 'buyers' } | { kind: 'reschedule'; target: RescheduleTarget } | null;

interface HandoverDrawerProps {
  handoverId: string | null;
  onClose: () => void;
  /** Something the list behind shows may have changed. */
  onChanged: () => void;
  /** Bumped by the page after a change made elsewhere, so the view reloads. */
  version?: number;
}

/**
 * 交付单: one room of a batch — its buyers and current owners, every appointment (改约 and
 * 未到场 kept), every inspection with its outcome and report, and how many defects are open.
 */
export function HandoverDrawer({ handoverId, onClose, onChanged, version = 0 }: HandoverDrawerProps) {
  const t = useT();
  const lang = useLang();
  const [view, setView] = useState<HandoverView | null>(null);
  const [loading, setLoading] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reloads, setReloads] = useState(0);
  const { confirm } = useConfirm();

  useEffect(() => {
    if (!handoverId) {
      setView(null);
      return undefined;
    }
    let live = true;
    setLoading(true);
    api
      .call('handover.view', { id: handoverId })
      .then((v) => {
        if (live) setView(v);
      })
      .catch((e: unknown) => {
        if (live) notifyError(e);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [handoverId, version, reloads]);

  const changed = useCallback(() => {
    setDialog(null);
    setReloads((n) => n + 1);
    onChanged();
  }, [onChanged]);

  const cancel = (a: AppointmentRow) =>
    confirm({
      title: t('ho.appt.confirmCancel', { date: a.date, slot: a.slot, name: a.customerName }),
      danger: true,
      okText: t('ho.appt.cancel'),
      cancelText: t('common.close'),
      onOk: async () => {
        try {
          await api.call('appointment.setStatus', { id: a.id, status: 'cancelled' });
          notifySuccess(t('ho.appt.cancelled'));
          changed();
        } catch (e) {
          notifyError(e);
        }
      },
    });

  const report = async (id: string) => {
    try {
      const name = await downloadReport(id);
      notifySuccess(t('ho.report.saved', { name }));
    } catch (e) {
      notifyError(e);
    }
  };

  const appointmentColumns: ColumnsType<AppointmentRow> = [
    { title: t('ho.col.date'), dataIndex: 'date', width: 110 },
    { title: t('ho.col.slot'), dataIndex: 'slot', width: 110 },
    { title: t('ho.col.customer'), dataIndex: 'customerName', ellipsis: true },
    {
      title: t('ho.col.appointment'),
      dataIndex: 'status',
      width: 200,
      render: (_: unknown, a) => {
        const next = a.rescheduledTo ? view?.appointments.find((x) => x.id === a.rescheduledTo) : undefined;
        return (
          <Space size={4}>
            <AppointmentStatusTag status={a.status} />
            {next && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('ho.appt.movedTo', { date: next.date, slot: next.slot })}
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
    { title: t('common.remark'), dataIndex: 'remark', ellipsis: true },
    {
      title: t('ho.col.actions'),
      key: 'actions',
      width: 110,
      render: (_: unknown, a) =>
        a.status === 'booked' || a.status === 'noShow' ? (
          <Space size={0}>
            <Button
              size="small"
              type="link"
              onClick={() =>
                setDialog({
                  kind: 'reschedule',
                  target: {
                    appointmentId: a.id,
                    place: view?.room.place ?? '',
                    customerName: a.customerName,
                    date: a.date,
                    slot: a.slot,
                  },
                })
              }
              data-testid="drawer-reschedule"
            >
              {t('ho.day.reschedule')}
            </Button>
            <Button size="small" type="link" danger onClick={() => cancel(a)} data-testid="drawer-cancel-appointment">
              {t('ho.appt.cancel')}
            </Button>
          </Space>
        ) : null,
    },
  ];

  const inspectionColumns: ColumnsType<InspectionRow> = [
    { title: t('ho.insp.kind'), dataIndex: 'kind', width: 90, render: (k: string) => inspectionKindName(lang, k) },
    {
      title: t('ho.insp.status'),
      dataIndex: 'status',
      width: 80,
      render: (s: string) => <Tag color={s === 'open' ? 'processing' : 'default'}>{inspectionStatusName(lang, s)}</Tag>,
    },
    {
      title: t('ho.insp.outcome'),
      dataIndex: 'outcome',
      width: 110,
      render: (o: InspectionRow['outcome']) =>
        o ? <Tag color={o === 'accepted' ? 'success' : o === 'refused' ? 'error' : 'warning'}>{outcomeName(lang, o)}</Tag> : '',
    },
    { title: t('ho.insp.startedAt'), dataIndex: 'startedAt', width: 150, render: (at: string) => formatTime(at).slice(0, 16) },
    {
      title: t('ho.insp.result'),
      key: 'result',
      width: 150,
      render: (_: unknown, i) => t('ho.insp.resultText', { items: i.items, failed: i.failed, defects: i.defects }),
    },
    {
      title: t('ho.insp.report'),
      key: 'report',
      width: 90,
      render: (_: unknown, i) =>
        i.latestReport ? (
          <Button
            size="small"
            type="link"
            icon={<FilePdfOutlined />}
            onClick={() => void report(i.latestReport?.id ?? '')}
            data-testid="drawer-report"
          >
            v{i.latestReport.version}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('ho.insp.noReport')}</Typography.Text>
        ),
    },
    {
      title: t('ho.col.actions'),
      key: 'open',
      width: 70,
      render: (_: unknown, i) => (
        <Button size="small" type="link" onClick={() => openInspection(i.id)} data-testid="drawer-open-inspection">
          {t('ho.insp.open')}
        </Button>
      ),
    },
  ];

  const handover = view?.handover;
  const title = view ? (
    <Space size={8}>
      <span data-testid="handover-drawer-title">{view.room.place}</span>
      <HandoverStatusTag status={view.handover.status} />
      <RecordSyncTag entity="handover" id={view.handover.id} refreshKey={view.handover.updatedAt} />
    </Space>
  ) : (
    t('ho.drawer.title')
  );

  return (
    <>
      <Drawer
        open={handoverId !== null}
        onClose={onClose}
        size={860}
        title={title}
        extra={
          view && (
            <Space>
              <Button
                icon={<CalendarOutlined />}
                disabled={view.handover.status === 'accepted' || view.handover.status === 'acceptedWithDefects'}
                onClick={() => setDialog({ kind: 'book' })}
                data-testid="drawer-book"
              >
                {t('ho.batch.book')}
              </Button>
              <Button icon={<TeamOutlined />} onClick={() => setDialog({ kind: 'buyers' })} data-testid="drawer-buyers">
                {t('ho.batch.buyers')}
              </Button>
            </Space>
          )
        }
        data-testid="handover-drawer"
      >
        <Spin spinning={loading}>
          {view && handover ? (
            <>
              <Descriptions
                size="small"
                bordered
                column={2}
                data-testid="handover-attributes"
                items={[
                  { key: 'room', label: t('ho.col.room'), children: view.room.place },
                  {
                    key: 'batch',
                    label: t('ho.col.batch'),
                    children: (
                      <Space size={6}>
                        <Typography.Link
                          onClick={() => useNavigation.getState().go('handoverBatches', { batchId: view.batch.id })}
                          data-testid="drawer-batch-link"
                        >
                          {view.batch.name}
                        </Typography.Link>
                        <BatchStatusTag status={view.batch.status} />
                      </Space>
                    ),
                  },
                  { key: 'houseType', label: t('ho.col.houseType'), children: view.room.houseType },
                  { key: 'area', label: t('ho.col.buildArea'), children: areaText(view.room.buildArea) },
                  { key: 'status', label: t('ho.col.handoverStatus'), children: <HandoverStatusTag status={handover.status} /> },
                  {
                    key: 'outcomeOn',
                    label: t(handover.status === 'refused' ? 'ho.drawer.refusedOn' : 'ho.drawer.receivedOn'),
                    children: handover.outcomeOn ?? '',
                  },
                  ...(handover.status === 'refused'
                    ? [{ key: 'reason', label: t('ho.drawer.refusalReason'), span: 2, children: handover.refusalReason }]
                    : []),
                  {
                    key: 'defects',
                    label: t('ho.col.openDefects'),
                    span: 2,
                    children:
                      view.openDefects > 0 ? (
                        <Typography.Link
                          onClick={() => useNavigation.getState().go('defects', { resourceId: view.room.id })}
                          data-testid="drawer-open-defects"
                        >
                          <ToolOutlined /> {t('ho.drawer.openDefects', { n: view.openDefects })}
                        </Typography.Link>
                      ) : (
                        <Typography.Text type="secondary">{t('ho.drawer.noOpenDefects')}</Typography.Text>
                      ),
                  },
                ]}
              />

              <div className="ho-section">{t('ho.drawer.buyers')}</div>
              <Table
                size="small"
                bordered
                rowKey={(b) => b.customer.id}
                pagination={false}
                dataSource={view.buyers}
                locale={{ emptyText: t('ho.buyer.none') }}
                columns={[
                  {
                    title: t('ho.buyer.name'),
                    key: 'name',
                    render: (_: unknown, b) => (
                      <Typography.Link onClick={() => useNavigation.getState().go('customers', { customerId: b.customer.id })}>
                        {b.customer.name}
                      </Typography.Link>
                    ),
                  },
                  {
                    title: t('ho.buyer.role'),
                    dataIndex: 'role',
                    width: 90,
                    render: (r: string) => t(r === 'owner' ? 'ho.buyer.owner' : 'ho.buyer.coOwner'),
                  },
                  {
                    title: t('ho.buyer.share'),
                    dataIndex: 'share',
                    width: 90,
                    render: (s: number | null) => (s === null ? '' : `${s}%`),
                  },
                  {
                    title: t('ho.col.phone'),
                    key: 'phone',
                    width: 150,
                    render: (_: unknown, b) => (b.customer.phones[0] ? phoneDisplay(b.customer.phones[0]) : ''),
                  },
                  { title: t('ho.buyer.idNumber'), key: 'id', width: 200, render: (_: unknown, b) => b.customer.idNumberMasked },
                ]}
                data-testid="drawer-buyers-table"
              />
              <div className="ho-owner-line" data-testid="drawer-current-owners">
                <Typography.Text type="secondary">{t('ho.drawer.currentOwners')}：</Typography.Text>
                {view.currentOwners.length > 0 ? (
                  view.currentOwners.map((c) => <Tag key={c.id}>{c.name}</Tag>)
                ) : (
                  <Typography.Text type="secondary">{t('ho.drawer.noOwners')}</Typography.Text>
                )}
              </div>

              <div className="ho-section">{t('ho.drawer.appointments')}</div>
              <Table<AppointmentRow>
                size="small"
                bordered
                rowKey="id"
                pagination={false}
                columns={appointmentColumns}
                dataSource={view.appointments}
                rowClassName={(a) => (a.status === 'rescheduled' || a.status === 'cancelled' ? 'ho-row-past' : '')}
                locale={{ emptyText: t('ho.drawer.noAppointments') }}
                data-testid="drawer-appointments"
              />

              <div className="ho-section">{t('ho.drawer.inspections')}</div>
              <Table<InspectionRow>
                size="small"
                bordered
                rowKey="id"
                pagination={false}
                columns={inspectionColumns}
                dataSource={view.inspections}
                locale={{ emptyText: t('ho.drawer.noInspections') }}
                data-testid="drawer-inspections"
              />
              {handover.remark && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                  {t('common.remark')}：{handover.remark}
                </Typography.Paragraph>
              )}
            </>
          ) : (
            !loading && <Empty />
          )}
        </Spin>
      </Drawer>

      {view && dialog?.kind === 'book' && (
        <BookModal
          target={{
            handoverId: view.handover.id,
            place: view.room.place,
            buyers: view.buyers.map((b) => ({ customerId: b.customer.id, role: b.role, share: b.share, name: b.customer.name })),
          }}
          onClose={() => setDialog(null)}
          onSaved={changed}
        />
      )}
      {view && dialog?.kind === 'buyers' && (
        <BuyersModal handoverId={view.handover.id} onClose={() => setDialog(null)} onSaved={changed} />
      )}
      {dialog?.kind === 'reschedule' && (
        <RescheduleModal target={dialog.target} onClose={() => setDialog(null)} onSaved={changed} />
      )}
    </>
  );
}
