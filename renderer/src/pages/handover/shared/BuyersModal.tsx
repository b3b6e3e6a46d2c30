import { useEffect, useRef, useState } from 'react';
import { Alert, Button, InputNumber, Modal, Radio, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, PlusOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { HandoverView } from '../../../../../shared/api/calls/handover.js';
import { buyersSchema, type Buyer } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { fieldErrorText } from '../../../api/errorText.js';
import { notifyError, notifySuccess, notifyWarning } from '../../../components/feedback.js';
import { useLang, useT } from '../../../i18n/index.js';
import { phoneDisplay } from '../../customers/customerFormat.js';
import { CustomerPicker } from '../../resources/CustomerPicker.js';
import { SaveError } from './SaveError.js';

interface BuyerRow extends Buyer {
  name: string;
  detail: string;
}

function briefDetail(c: { idNumberMasked: string; phones: string[] }): string {
  return [c.phones[0] ? phoneDisplay(c.phones[0]) : '', c.idNumberMasked].filter(Boolean).join('　');
}

/**
 * 购房人: who receives the room. One 业主 and up to nine 共有人, with shares; filled from the
 * room's current owner group when the room joined the batch.
 */
export function BuyersModal({
  handoverId,
  onClose,
  onSaved,
}: {
  handoverId: string;
  onClose: () => void;
  onSaved: (view: HandoverView) => void;
}) {
  const t = useT();
  const lang = useLang();
  const [view, setView] = useState<HandoverView | null>(null);
  const [rows, setRows] = useState<BuyerRow[]>([]);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [pickerKey, setPickerKey] = useState(0);
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    let live = true;
    api
      .call('handover.view', { id: handoverId })
      .then((v) => {
        if (!live) return;
        setView(v);
        setRows(v.buyers.map((b) => ({ ...b, name: b.customer.name, detail: briefDetail(b.customer) })));
      })
      .catch((e: unknown) => {
        if (!live) return;
        notifyError(e);
        closeRef.current();
      });
    return () => {
      live = false;
    };
  }, [handoverId]);

  const add = async () => {
    if (!picked) {
      notifyWarning(t('ho.buyer.pickFirst'));
      return;
    }
    if (rows.some((r) => r.customerId === picked)) {
      notifyWarning(t('ho.buyer.already'));
      return;
    }
    setAdding(true);
    try {
      const c = await api.call('customer.view', { id: picked });
      setRows((prev) => [
        ...prev,
        {
          customerId: c.customer.id,
          name: c.customer.name,
          detail: briefDetail({ idNumberMasked: c.customer.idNumberMasked, phones: c.phones.map((p) => p.number) }),
          role: prev.some((r) => r.role === 'owner') ? 'coOwner' : 'owner',
          share: null,
        },
      ]);
      setPicked(undefined);
      setPickerKey((n) => n + 1);
    } catch (e) {
      notifyError(e);
    } finally {
      setAdding(false);
    }
  };

  const fillFromOwners = () => {
    if (!view) return;
    setRows(
      view.currentOwners.map((c, i) => ({
        customerId: c.id,
        name: c.name,
        detail: briefDetail(c),
        role: i === 0 ? 'owner' : 'coOwner',
        share: null,
      })),
    );
  };

  const update = (customerId: string, patch: Partial<BuyerRow>) =>
    setRows((prev) =>
      prev.map((r) => {
        if (r.customerId === customerId) return { ...r, ...patch };
        // One 业主: choosing another makes the previous one a 共有人.
        if (patch.role === 'owner' && r.role === 'owner') return { ...r, role: 'coOwner' };
        return r;
      }),
    );

  const buyers: Buyer[] = rows.map(({ customerId, role, share }) => ({ customerId, role, share }));
  const check = buyersSchema.safeParse(buyers);
  const problem = check.success ? null : fieldErrorText(lang, check.error.issues[0]?.message ?? '');

  const save = async () => {
    if (problem) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await api.call('handover.setBuyers', { id: handoverId, buyers });
      notifySuccess(t('ho.buyer.saved'));
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const columns: ColumnsType<BuyerRow> = [
    {
      title: t('ho.buyer.name'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <span>
          {name}
          <span className="ho-sub" style={{ marginLeft: 8 }}>
            {r.detail}
          </span>
        </span>
      ),
    },
    {
      title: t('ho.buyer.role'),
      dataIndex: 'role',
      width: 170,
      render: (role: Buyer['role'], r) => (
        <Radio.Group
          size="small"
          optionType="button"
          value={role}
          onChange={(e) => update(r.customerId, { role: e.target.value as Buyer['role'] })}
          options={[
            { value: 'owner', label: t('ho.buyer.owner') },
            { value: 'coOwner', label: t('ho.buyer.coOwner') },
          ]}
          data-testid={`buyer-role-${r.name}`}
        />
      ),
    },
    {
      title: t('ho.buyer.share'),
      dataIndex: 'share',
      width: 110,
      render: (share: number | null, r) => (
        <InputNumber
          size="small"
          min={0}
          max={100}
          style={{ width: 90 }}
          value={share}
          onChange={(v) => update(r.customerId, { share: typeof v === 'number' ? v : null })}
          data-testid={`buyer-share-${r.name}`}
        />
      ),
    },
    {
      title: '',
      key: 'remove',
      width: 50,
      render: (_: unknown, r) => (
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('ho.buyer.remove')}
          onClick={() => setRows((prev) => prev.filter((x) => x.customerId !== r.customerId))}
          data-testid={`buyer-remove-${r.name}`}
        />
      ),
    },
  ];

  const ownersText = view?.currentOwners.map((c) => c.name).join('、') ?? '';

  return (
    <Modal
      open
      title={view ? t('ho.buyer.title', { place: view.room.place }) : t('ho.buyer.titleShort')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, disabled: !view || problem !== null, 'data-testid': 'buyers-ok' }}
      cancelButtonProps={{ 'data-testid': 'buyers-cancel' }}
      destroyOnHidden
      width={720}
      data-testid="buyers-form"
    >
      {!view ? (
        <Spin className="ho-spin" />
      ) : (
        <>
          <SaveError error={error} testId="buyers-error" />
          <div className="ho-picker-row">
            <CustomerPicker key={pickerKey} value={picked} onChange={setPicked} testId="buyers-picker" autoFocus />
            <Button icon={<PlusOutlined />} loading={adding} onClick={() => void add()} data-testid="buyers-add">
              {t('ho.buyer.add')}
            </Button>
          </div>
          <Table<BuyerRow>
            size="small"
            bordered
            rowKey="customerId"
            pagination={false}
            columns={columns}
            dataSource={rows}
            locale={{ emptyText: t('ho.buyer.none') }}
            data-testid="buyers-table"
          />
          <div className="ho-modal-foot">
            <Typography.Text type="secondary">
              {view.currentOwners.length > 0 ? t('ho.buyer.currentOwners', { names: ownersText }) : t('ho.buyer.noCurrentOwners')}
            </Typography.Text>
            {view.currentOwners.length > 0 && (
              <Button size="small" icon={<UserSwitchOutlined />} onClick={fillFromOwners} data-testid="buyers-use-owners">
                {t('ho.buyer.useOwners')}
              </Button>
            )}
          </div>
          {problem && rows.length > 0 && (
            <Alert type="warning" showIcon title={problem} style={{ marginTop: 12 }} data-testid="buyers-problem" />
          )}
        </>
      )}
    </Modal>
  );
}
