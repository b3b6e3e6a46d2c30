import { useState } from 'react';
import { Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { BatchSummary } from '../../../../../shared/api/calls/handover.js';
import { BATCH_STATUSES, batchInput, type BatchStatus } from '../../../../../shared/domain/handover.js';
import { dateSchema } from '../../../../../shared/domain/resources.js';
import { api } from '../../../api/client.js';
import { notifySuccess } from '../../../components/feedback.js';
import { zodRule } from '../../../components/zodRule.js';
import { localName, useLang, useT } from '../../../i18n/index.js';
import { dateItemProps } from '../../resources/resourceText.js';
import { shiftDate, todayText } from '../shared/handoverText.js';
import { applyFieldErrors, SaveError } from '../shared/SaveError.js';
import { RoomTreePicker, type PickedNode } from './RoomTreePicker.js';

interface BatchValues {
  name: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  status: BatchStatus;
  remark: string;
}

const FIELDS = ['name', 'plannedStart', 'plannedEnd', 'status', 'remark'];

/** 新建交付批次 (with its rooms) or 修改 one (its rooms are added from the batch itself). */
export function BatchFormModal({
  project,
  batch,
  onClose,
  onSaved,
}: {
  project: { id: string; name: string };
  batch: BatchSummary | null;
  onClose: () => void;
  onSaved: (saved: BatchSummary) => void;
}) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<BatchValues>();
  const [rooms, setRooms] = useState<PickedNode[]>([]);
  const [roomsError, setRoomsError] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const creating = batch === null;

  const submit = async () => {
    let values: BatchValues;
    try {
      values = await form.validateFields();
    } catch {
      if (creating && rooms.length === 0) setRoomsError(true);
      return;
    }
    if (creating && rooms.length === 0) {
      setRoomsError(true);
      return;
    }
    setSaving(true);
    setError(null);
    const base = {
      name: values.name,
      plannedStart: values.plannedStart ?? '',
      plannedEnd: values.plannedEnd ?? '',
      remark: values.remark ?? '',
    };
    try {
      const saved = batch
        ? await api.call('handover.batchUpdate', { ...base, id: batch.id, status: values.status })
        : await api.call('handover.batchCreate', { ...base, resourceIds: rooms.map((r) => r.id) });
      notifySuccess(creating ? t('ho.batch.created', { name: saved.name, n: saved.rooms }) : t('common.saved'));
      onSaved(saved);
    } catch (e) {
      setError(e);
      applyFieldErrors(form, e, lang, FIELDS);
    } finally {
      setSaving(false);
    }
  };

  const today = todayText();
  return (
    <Modal
      open
      title={creating ? t('ho.batch.createTitle') : t('ho.batch.editTitle', { name: batch.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'batch-form-ok' }}
      cancelButtonProps={{ 'data-testid': 'batch-form-cancel' }}
      destroyOnHidden
      width={creating ? 960 : 560}
      data-testid="batch-form"
    >
      <SaveError error={error} testId="batch-form-error" />
      <Row gutter={24}>
        <Col span={creating ? 10 : 24}>
          <Form<BatchValues>
            form={form}
            layout="vertical"
            initialValues={
              batch
                ? {
                    name: batch.name,
                    plannedStart: batch.plannedStart,
                    plannedEnd: batch.plannedEnd,
                    status: batch.status,
                    remark: batch.remark,
                  }
                : { name: '', plannedStart: today, plannedEnd: shiftDate(today, 30), status: 'planned', remark: '' }
            }
          >
            <Form.Item name="name" label={t('ho.batch.name')} required rules={[zodRule(batchInput.shape.name, lang)]}>
              <Input autoFocus maxLength={50} placeholder={t('ho.batch.namePlaceholder')} data-testid="batch-form-name" />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item
                  name="plannedStart"
                  label={t('ho.batch.plannedStart')}
                  required
                  rules={[zodRule(dateSchema, lang)]}
                  {...dateItemProps}
                >
                  <DatePicker style={{ width: '100%' }} data-testid="batch-form-start" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="plannedEnd"
                  label={t('ho.batch.plannedEnd')}
                  required
                  dependencies={['plannedStart']}
                  rules={[
                    zodRule(dateSchema, lang),
                    ({ getFieldValue }) => ({
                      validator: async (_rule, end: string | null) => {
                        const start = getFieldValue('plannedStart') as string | null;
                        if (start && end && end < start) throw new Error(t('ho.batch.endBeforeStart'));
                      },
                    }),
                  ]}
                  {...dateItemProps}
                >
                  <DatePicker style={{ width: '100%' }} data-testid="batch-form-end" />
                </Form.Item>
              </Col>
            </Row>
            {!creating && (
              <Form.Item name="status" label={t('ho.batch.status')} required>
                <Select
                  options={BATCH_STATUSES.map((s) => ({ value: s.code, label: localName(lang, s) }))}
                  data-testid="batch-form-status"
                />
              </Form.Item>
            )}
            <Form.Item name="remark" label={t('common.remark')}>
              <Input.TextArea rows={3} maxLength={200} data-testid="batch-form-remark" />
            </Form.Item>
          </Form>
        </Col>
        {creating && (
          <Col span={14}>
            <div className="ho-form-label">
              <span className="ho-required">*</span>
              {t('ho.batch.rooms')}
              <span className="ho-sub" style={{ marginLeft: 8 }}>
                {t('ho.batch.roomsHint')}
              </span>
            </div>
            <RoomTreePicker
              projectId={project.id}
              projectName={project.name}
              value={rooms}
              onChange={(next) => {
                setRooms(next);
                if (next.length > 0) setRoomsError(false);
              }}
              testId="batch-form-rooms"
            />
            {roomsError && (
              <div className="ho-field-error" data-testid="batch-form-rooms-error">
                {t('ho.batch.pickRooms')}
              </div>
            )}
          </Col>
        )}
      </Row>
    </Modal>
  );
}

/** 添加房间 to a batch: rooms already in another open batch are left out, and the answer says how many. */
export function AddRoomsModal({
  project,
  batch,
  onClose,
  onSaved,
}: {
  project: { id: string; name: string };
  batch: BatchSummary;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const [rooms, setRooms] = useState<PickedNode[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    if (rooms.length === 0) {
      setError(null);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const result = await api.call('handover.batchAddRooms', { batchId: batch.id, resourceIds: rooms.map((r) => r.id) });
      notifySuccess(
        result.skipped > 0
          ? t('ho.batch.addedSkipped', { added: result.added, skipped: result.skipped })
          : t('ho.batch.added', { added: result.added }),
      );
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('ho.batch.addRoomsTitle', { name: batch.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('ho.batch.addRoomsOk')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, disabled: rooms.length === 0, 'data-testid': 'add-rooms-ok' }}
      cancelButtonProps={{ 'data-testid': 'add-rooms-cancel' }}
      destroyOnHidden
      width={640}
      data-testid="add-rooms-form"
    >
      <SaveError error={error} testId="add-rooms-error" />
      <div className="ho-sub" style={{ marginBottom: 8 }}>
        {t('ho.batch.addRoomsHint')}
      </div>
      <RoomTreePicker
        projectId={project.id}
        projectName={project.name}
        value={rooms}
        onChange={setRooms}
        testId="add-rooms-tree"
      />
    </Modal>
  );
}
