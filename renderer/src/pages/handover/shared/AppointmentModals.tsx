import { useEffect, useState } from 'react';
import { DatePicker, Descriptions, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { LIVE_APPOINTMENT_STATUSES, slotSchema, type Appointment, type Buyer } from '../../../../../shared/domain/handover.js';
import { dateSchema } from '../../../../../shared/domain/resources.js';
import { api } from '../../../api/client.js';
import { notifySuccess } from '../../../components/feedback.js';
import { zodRule } from '../../../components/zodRule.js';
import { useLang, useT } from '../../../i18n/index.js';
import { dateItemProps } from '../../resources/resourceText.js';
import { applyFieldErrors, SaveError } from './SaveError.js';
import { SlotPicker } from './SlotPicker.js';
import { todayText } from './handoverText.js';

/** How many live appointments each slot of a day already has, for the slot buttons. */
function useSlotCounts(date: string | null | undefined): Record<string, number> {
  const [counts, setCounts] = useState<Record<string, number>>({});
  useEffect(() => {
    if (!date || !dateSchema.safeParse(date).success) {
      setCounts({});
      return undefined;
    }
    let live = true;
    api
      .call('appointment.day', { date })
      .then((rows) => {
        if (!live) return;
        const next: Record<string, number> = {};
        for (const row of rows) if (LIVE_APPOINTMENT_STATUSES.includes(row.status)) next[row.slot] = (next[row.slot] ?? 0) + 1;
        setCounts(next);
      })
      .catch(() => {
        // Only a hint on the buttons: without it they show no counts.
        if (live) setCounts({});
      });
    return () => {
      live = false;
    };
  }, [date]);
  return counts;
}

interface BookValues {
  customerId?: string;
  date: string | null;
  slot: string;
  remark: string;
}

export interface BookTarget {
  handoverId: string;
  place: string;
  buyers: readonly (Buyer & { name: string })[];
}

/** 预约: one of the room's buyers comes on a day in a slot to receive it. */
export function BookModal({
  target,
  onClose,
  onSaved,
}: {
  target: BookTarget;
  onClose: () => void;
  onSaved: (a: Appointment) => void;
}) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<BookValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const date = Form.useWatch('date', form);
  const counts = useSlotCounts(date);
  const owner = target.buyers.find((b) => b.role === 'owner') ?? target.buyers[0];

  const submit = async () => {
    let values: BookValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await api.call('appointment.book', {
        handoverId: target.handoverId,
        customerId: values.customerId ?? '',
        date: values.date ?? '',
        slot: values.slot,
        remark: values.remark ?? '',
      });
      notifySuccess(t('ho.book.saved', { date: saved.date, slot: saved.slot }));
      onSaved(saved);
    } catch (e) {
      setError(e);
      applyFieldErrors(form, e, lang, ['customerId', 'date', 'slot', 'remark']);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('ho.book.title', { place: target.place })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('ho.book.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'book-ok' }}
      cancelButtonProps={{ 'data-testid': 'book-cancel' }}
      destroyOnHidden
      width={640}
      data-testid="book-form"
    >
      <SaveError error={error} testId="book-error" />
      <Form<BookValues>
        form={form}
        layout="vertical"
        initialValues={{ customerId: owner?.customerId, date: todayText(), slot: '', remark: '' }}
      >
        <Form.Item
          name="customerId"
          label={t('ho.book.customer')}
          required
          rules={[{ required: true, message: t('ho.book.pickCustomer') }]}
          extra={target.buyers.length === 0 ? t('ho.book.noBuyers') : undefined}
        >
          <Select
            autoFocus
            options={target.buyers.map((b) => ({
              value: b.customerId,
              label: `${b.name}（${t(b.role === 'owner' ? 'ho.buyer.owner' : 'ho.buyer.coOwner')}）`,
            }))}
            data-testid="book-customer"
          />
        </Form.Item>
        <Form.Item name="date" label={t('ho.book.date')} required rules={[zodRule(dateSchema, lang)]} {...dateItemProps}>
          <DatePicker style={{ width: 200 }} allowClear={false} data-testid="book-date" />
        </Form.Item>
        <Form.Item name="slot" label={t('ho.book.slot')} required rules={[zodRule(slotSchema, lang)]}>
          <SlotPicker counts={counts} testId="book-slot" />
        </Form.Item>
        <Form.Item name="remark" label={t('common.remark')}>
          <Input maxLength={200} data-testid="book-remark" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export interface RescheduleTarget {
  appointmentId: string;
  place: string;
  customerName: string;
  date: string;
  slot: string;
}

interface RescheduleValues {
  date: string | null;
  slot: string;
}

/** 改约: the appointment moves to another day or slot; the old one stays on record as 已改约. */
export function RescheduleModal({
  target,
  onClose,
  onSaved,
}: {
  target: RescheduleTarget;
  onClose: () => void;
  onSaved: (a: Appointment) => void;
}) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<RescheduleValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const date = Form.useWatch('date', form);
  const counts = useSlotCounts(date);

  const submit = async () => {
    let values: RescheduleValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (values.date === target.date && values.slot === target.slot) {
      form.setFields([{ name: 'slot', errors: [t('ho.reschedule.same')] }]);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await api.call('appointment.reschedule', {
        id: target.appointmentId,
        date: values.date ?? '',
        slot: values.slot,
      });
      notifySuccess(t('ho.reschedule.saved', { date: saved.date, slot: saved.slot }));
      onSaved(saved);
    } catch (e) {
      setError(e);
      applyFieldErrors(form, e, lang, ['date', 'slot']);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('ho.reschedule.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('ho.reschedule.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'reschedule-ok' }}
      cancelButtonProps={{ 'data-testid': 'reschedule-cancel' }}
      destroyOnHidden
      width={640}
      data-testid="reschedule-form"
    >
      <Descriptions
        size="small"
        column={3}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'room', label: t('ho.col.room'), children: target.place },
          { key: 'customer', label: t('ho.col.customer'), children: target.customerName },
          { key: 'was', label: t('ho.reschedule.was'), children: `${target.date} ${target.slot}` },
        ]}
      />
      <SaveError error={error} testId="reschedule-error" />
      <Form<RescheduleValues>
        form={form}
        layout="vertical"
        initialValues={{ date: dayjs(target.date).isBefore(dayjs(), 'day') ? todayText() : target.date, slot: target.slot }}
      >
        <Form.Item name="date" label={t('ho.reschedule.date')} required rules={[zodRule(dateSchema, lang)]} {...dateItemProps}>
          <DatePicker style={{ width: 200 }} allowClear={false} autoFocus data-testid="reschedule-date" />
        </Form.Item>
        <Form.Item name="slot" label={t('ho.reschedule.slot')} required rules={[zodRule(slotSchema, lang)]}>
          <SlotPicker counts={counts} testId="reschedule-slot" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
