import { useEffect, useState } from 'react';
import { Alert, Button, Col, Form, Modal, Row, Table, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import type { Customer360 } from '../../../../shared/api/calls/customers.js';
import type { CustomerBrief } from '../../../../shared/domain/customers.js';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../components/feedback.js';
import { useConfirm } from '../../components/useConfirm.js';
import { useLang, useT } from '../../i18n/index.js';
import { genderName, idTypeName, kindName, phoneDisplay } from './customerFormat.js';
import { CustomerSelect } from './pickers.js';

interface MergeModalProps {
  open: boolean;
  /** The row selected in the list, offered as the customer to keep. */
  initial: CustomerBrief | undefined;
  onClose: () => void;
  onMerged: (survivorId: string) => void;
}

interface Side {
  id: string | undefined;
  brief: CustomerBrief | undefined;
  view: Customer360 | null;
}

const EMPTY: Side = { id: undefined, brief: undefined, view: null };

function useSideView(side: Side, set: (s: Side) => void) {
  useEffect(() => {
    if (!side.id || side.view?.customer.id === side.id) return;
    let live = true;
    api
      .call('customer.view', { id: side.id })
      .then((view) => {
        if (live) set({ ...side, view });
      })
      .catch(notifyError);
    return () => {
      live = false;
    };
  }, [side, set]);
}

/** 合并客户: one registration is kept, the other's phones, family, vehicles, accounts and relations move to it. */
export function MergeModal({ open, initial, onClose, onMerged }: MergeModalProps) {
  const t = useT();
  const lang = useLang();
  const { confirm } = useConfirm();
  const [survivor, setSurvivor] = useState<Side>(initial ? { id: initial.id, brief: initial, view: null } : EMPTY);
  const [merged, setMerged] = useState<Side>(EMPTY);
  const [pickerKey, setPickerKey] = useState(0);
  useSideView(survivor, setSurvivor);
  useSideView(merged, setMerged);

  const same = Boolean(survivor.id && survivor.id === merged.id);
  const ready = Boolean(survivor.view && merged.view && !same);

  const rows = (() => {
    const fact = (v: Customer360 | null, pick: (v: Customer360) => string) => (v ? pick(v) : '');
    const defs: { key: string; label: string; pick: (v: Customer360) => string }[] = [
      { key: 'name', label: t('cust.field.name'), pick: (v) => v.customer.name },
      { key: 'kind', label: t('cust.field.kind'), pick: (v) => kindName(lang, v.customer.kind) },
      { key: 'idType', label: t('cust.field.idType'), pick: (v) => idTypeName(lang, v.customer.idType) },
      { key: 'idNumber', label: t('cust.field.idNumber'), pick: (v) => v.customer.idNumberMasked },
      { key: 'phones', label: t('cust.field.phones'), pick: (v) => v.phones.map((p) => phoneDisplay(p.number)).join('，') },
      { key: 'gender', label: t('cust.field.gender'), pick: (v) => genderName(lang, v.customer.gender) },
      { key: 'birthDate', label: t('cust.field.birthDate'), pick: (v) => v.customer.birthDate ?? '' },
      { key: 'email', label: t('cust.field.email'), pick: (v) => v.customer.email },
      { key: 'address', label: t('cust.field.address'), pick: (v) => v.customer.address },
      {
        key: 'related',
        label: t('cust.merge.related'),
        pick: (v) =>
          t('cust.merge.counts', {
            relations: v.relations.length,
            family: v.family.length,
            vehicles: v.vehicles.length,
            accounts: v.accounts.length,
          }),
      },
    ];
    return defs.map((d) => ({ key: d.key, label: d.label, a: fact(survivor.view, d.pick), b: fact(merged.view, d.pick) }));
  })();

  const merge = () => {
    if (!survivor.view || !merged.view) return;
    const survivorName = survivor.view.customer.name;
    const mergedName = merged.view.customer.name;
    const survivorId = survivor.view.customer.id;
    const mergedId = merged.view.customer.id;
    confirm({
      title: t('cust.merge.confirm', { merged: mergedName, survivor: survivorName }),
      content: t('cust.merge.confirmHint'),
      danger: true,
      okText: t('cust.merge.ok'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.call('customer.merge', { survivorId, mergedId });
          notifySuccess(t('cust.merge.done'));
          onMerged(survivorId);
        } catch (error) {
          notifyError(error);
        }
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('cust.merge.title')}
      width={900}
      destroyOnHidden
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose} data-testid="merge-cancel">
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" danger disabled={!ready} onClick={merge} data-testid="merge-ok">
          {t('cust.merge.ok')}
        </Button>,
      ]}
      data-testid="merge-modal"
    >
      <Form layout="vertical" key={pickerKey}>
        <Row gutter={12} align="bottom">
          <Col flex="1">
            <Form.Item label={t('cust.merge.survivor')}>
              <CustomerSelect
                value={survivor.id}
                initial={survivor.brief}
                placeholder={t('cust.merge.pick')}
                onChange={(id, brief) => setSurvivor({ id, brief, view: null })}
                testId="merge-survivor"
              />
            </Form.Item>
          </Col>
          <Col>
            <Form.Item label=" ">
              <Button
                icon={<SwapOutlined />}
                onClick={() => {
                  setSurvivor(merged);
                  setMerged(survivor);
                  setPickerKey((n) => n + 1);
                }}
                data-testid="merge-swap"
              >
                {t('cust.merge.swap')}
              </Button>
            </Form.Item>
          </Col>
          <Col flex="1">
            <Form.Item label={t('cust.merge.merged')}>
              <CustomerSelect
                value={merged.id}
                initial={merged.brief}
                placeholder={t('cust.merge.pick')}
                onChange={(id, brief) => setMerged({ id, brief, view: null })}
                testId="merge-merged"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {same && <Alert type="error" showIcon title={t('cust.merge.same')} style={{ marginBottom: 12 }} />}
      <Table
        size="small"
        bordered
        pagination={false}
        rowKey="key"
        dataSource={rows}
        rowClassName={(r) => (r.a && r.b && r.a !== r.b ? 'row-differs' : '')}
        columns={[
          {
            title: '',
            dataIndex: 'label',
            width: 120,
            render: (label: string) => <Typography.Text type="secondary">{label}</Typography.Text>,
          },
          { title: t('cust.merge.survivor'), dataIndex: 'a' },
          { title: t('cust.merge.merged'), dataIndex: 'b' },
        ]}
        data-testid="merge-compare"
      />
    </Modal>
  );
}
