import { useState } from 'react';
import { Alert, AutoComplete, Col, Form, InputNumber, Modal, Row, Select } from 'antd';
import {
  RESOURCE_STATUSES,
  RESOURCE_USES,
  resourceFields,
  type ResourceStatus,
  type ResourceUse,
} from '../../../../shared/domain/resources.js';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess, notifyWarning } from '../../components/feedback.js';
import { zodRule } from '../../components/zodRule.js';
import { localName, useLang, useT } from '../../i18n/index.js';
import { useDictNames } from './ResourceFormModal.js';

interface BulkValues {
  buildArea?: number | null;
  innerArea?: number | null;
  houseType?: string;
  orientation?: string;
  use?: ResourceUse;
  status?: ResourceStatus;
}

/** 批量修改: the filled-in items are set on every selected resource; empty ones stay. */
export function BulkEditModal({ ids, onClose, onSaved }: { ids: string[]; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<BulkValues>();
  const [saving, setSaving] = useState(false);
  const houseTypes = useDictNames('houseType');
  const orientations = useDictNames('orientation');

  const submit = async () => {
    let values: BulkValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const patch = {
      buildArea: values.buildArea ?? undefined,
      innerArea: values.innerArea ?? undefined,
      houseType: values.houseType?.trim() || undefined,
      orientation: values.orientation?.trim() || undefined,
      use: values.use ?? undefined,
      status: values.status ?? undefined,
    };
    if (Object.values(patch).every((v) => v === undefined)) {
      notifyWarning(t('res.bulk.nothing'));
      return;
    }
    setSaving(true);
    try {
      const { changed } = await api.call('resource.bulkEdit', { ids, ...patch });
      notifySuccess(t('res.bulk.done', { n: changed }));
      onSaved();
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('res.bulk.title', { n: ids.length })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'bulk-ok' }}
      destroyOnHidden
      width={600}
      data-testid="bulk-form"
    >
      <Alert type="info" showIcon title={t('res.bulk.hint')} style={{ marginBottom: 16 }} />
      <Form<BulkValues> form={form} layout="vertical">
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="buildArea"
              label={`${t('res.field.buildArea')}（${t('res.areaUnit')}）`}
              rules={[zodRule(resourceFields.shape.buildArea, lang)]}
            >
              <InputNumber min={0} style={{ width: '100%' }} placeholder={t('res.bulk.keep')} data-testid="bulk-build" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="innerArea"
              label={`${t('res.field.innerArea')}（${t('res.areaUnit')}）`}
              rules={[zodRule(resourceFields.shape.innerArea, lang)]}
            >
              <InputNumber min={0} style={{ width: '100%' }} placeholder={t('res.bulk.keep')} data-testid="bulk-inner" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="houseType" label={t('res.field.houseType')} rules={[zodRule(resourceFields.shape.houseType, lang)]}>
              <AutoComplete options={houseTypes} placeholder={t('res.bulk.keep')} data-testid="bulk-house" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="orientation"
              label={t('res.field.orientation')}
              rules={[zodRule(resourceFields.shape.orientation, lang)]}
            >
              <AutoComplete options={orientations} placeholder={t('res.bulk.keep')} data-testid="bulk-orientation" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="use" label={t('res.field.use')}>
              <Select
                allowClear
                placeholder={t('res.bulk.keep')}
                options={RESOURCE_USES.map((u) => ({ value: u.code, label: localName(lang, u) }))}
                data-testid="bulk-use"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="status" label={t('res.field.status')}>
              <Select
                allowClear
                placeholder={t('res.bulk.keep')}
                options={RESOURCE_STATUSES.map((s) => ({ value: s.code, label: localName(lang, s) }))}
                data-testid="bulk-status"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
