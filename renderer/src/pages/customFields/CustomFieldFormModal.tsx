import { useState } from 'react';
import { Button, Form, Input, Modal, Select } from 'antd';
import {
  CUSTOM_FIELD_TYPES,
  customFieldTypeSchema,
  titleSchema,
  type CustomFieldDef,
  type CustomFieldTarget,
  type CustomFieldType,
} from '../../../../shared/domain/custom-fields.js';
import { remarkSchema } from '../../../../shared/domain/dictionaries.js';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../components/feedback.js';
import { RemarkInput } from '../../components/RemarkInput.js';
import { showFieldErrors } from '../../components/serverErrors.js';
import { zodRule } from '../../components/zodRule.js';
import { localName, useLang, useT } from '../../i18n/index.js';
import type { FormMode } from '../dictionaries/DictFormModal.js';

interface CustomFieldFormModalProps {
  mode: FormMode | null;
  def: CustomFieldDef | null;
  target: CustomFieldTarget;
  onClose: () => void;
  onSaved: (def: CustomFieldDef) => void;
}

interface CustomFieldFormValues {
  title: string;
  fieldType: CustomFieldType;
  remark: string;
}

const FIELDS = ['title', 'fieldType', 'remark'] as const;

export function CustomFieldFormModal({ mode, def, target, onClose, onSaved }: CustomFieldFormModalProps) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<CustomFieldFormValues>();
  const [saving, setSaving] = useState(false);
  const readOnly = mode === 'view';
  // The host refuses a type change on an open definition: values were entered under it.
  const typeLocked = mode === 'edit' && Boolean(def?.enabled);

  const submit = async () => {
    if (readOnly || saving) return;
    let values: CustomFieldFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const input = { title: values.title, fieldType: values.fieldType, remark: values.remark ?? '' };
      const saved =
        mode === 'edit' && def
          ? await api.call('customField.update', { id: def.id, ...input })
          : await api.call('customField.create', { target, ...input });
      notifySuccess(t('common.saved'));
      onSaved(saved);
    } catch (error) {
      if (!showFieldErrors(form, error, FIELDS, lang)) notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  const title = mode === 'create' ? t('cf.addTitle') : mode === 'edit' ? t('cf.editTitle') : t('cf.viewTitle');
  const footer = readOnly
    ? [
        <Button key="close" onClick={onClose} data-testid="cf-form-close">
          {t('common.close')}
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={onClose} data-testid="cf-form-cancel">
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={() => void submit()} data-testid="cf-form-ok">
          {t('common.save')}
        </Button>,
      ];

  return (
    <Modal
      open={mode !== null}
      title={title}
      onCancel={onClose}
      footer={footer}
      destroyOnHidden
      width={560}
      data-testid="cf-form"
    >
      <Form<CustomFieldFormValues>
        form={form}
        layout="vertical"
        disabled={readOnly}
        preserve={false}
        initialValues={{ title: def?.title ?? '', fieldType: def?.fieldType ?? 'text', remark: def?.remark ?? '' }}
      >
        <Form.Item name="title" label={t('cf.title')} required={!readOnly} rules={[zodRule(titleSchema, lang)]}>
          <Input autoFocus onPressEnter={() => void submit()} data-testid="cf-form-title" />
        </Form.Item>
        <Form.Item
          name="fieldType"
          label={t('cf.type')}
          required={!readOnly}
          rules={[zodRule(customFieldTypeSchema, lang)]}
          extra={typeLocked ? t('cf.openTypeLocked') : undefined}
        >
          <Select<CustomFieldType>
            disabled={typeLocked}
            options={CUSTOM_FIELD_TYPES.map((type) => ({ value: type.code, label: localName(lang, type) }))}
            data-testid="cf-form-type"
          />
        </Form.Item>
        <Form.Item name="remark" label={t('common.remark')} rules={[zodRule(remarkSchema, lang)]}>
          <RemarkInput onCtrlEnter={() => void submit()} data-testid="cf-form-remark" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
