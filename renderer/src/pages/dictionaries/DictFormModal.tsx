import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Modal } from 'antd';
import { nameSchema, remarkSchema, type DictItem, type DictTypeCode } from '../../../../shared/domain/dictionaries.js';
import { DICT_TYPES } from '../../../../shared/domain/dictionaries.js';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../components/feedback.js';
import { formatTime } from '../../components/formatTime.js';
import { RemarkInput } from '../../components/RemarkInput.js';
import { showFieldErrors } from '../../components/serverErrors.js';
import { StatusTag } from '../../components/StatusTag.js';
import { zodRule } from '../../components/zodRule.js';
import { localName, useLang, useT } from '../../i18n/index.js';
import { useOperatorName } from '../../store/appInfo.js';

export type FormMode = 'create' | 'edit' | 'view';

interface DictFormModalProps {
  mode: FormMode | null;
  item: DictItem | null;
  typeCode: DictTypeCode;
  onClose: () => void;
  onSaved: (item: DictItem) => void;
}

interface DictFormValues {
  name: string;
  remark: string;
}

const FIELDS = ['name', 'remark'] as const;

export function DictFormModal({ mode, item, typeCode, onClose, onSaved }: DictFormModalProps) {
  const t = useT();
  const lang = useLang();
  const operatorName = useOperatorName();
  const [form] = Form.useForm<DictFormValues>();
  const [saving, setSaving] = useState(false);
  const typeEntry = DICT_TYPES.find((x) => x.code === typeCode);
  const typeName = typeEntry ? localName(lang, typeEntry) : typeCode;
  const readOnly = mode === 'view';

  const submit = async () => {
    if (readOnly || saving) return;
    let values: DictFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const saved =
        mode === 'edit' && item
          ? await api.call('dict.update', { id: item.id, name: values.name, remark: values.remark ?? '' })
          : await api.call('dict.create', { typeCode, name: values.name, remark: values.remark ?? '' });
      notifySuccess(t('common.saved'));
      onSaved(saved);
    } catch (error) {
      if (!showFieldErrors(form, error, FIELDS, lang)) notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  const title =
    mode === 'create'
      ? t('dict.addTitle', { type: typeName })
      : mode === 'edit'
        ? t('dict.editTitle', { type: typeName })
        : t('dict.viewTitle', { type: typeName });

  const footer = readOnly
    ? [
        <Button key="close" onClick={onClose} data-testid="dict-form-close">
          {t('common.close')}
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={onClose} data-testid="dict-form-cancel">
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={() => void submit()} data-testid="dict-form-ok">
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
      data-testid="dict-form"
    >
      {readOnly && item?.invalid && (
        <Alert
          type="warning"
          showIcon
          title={t('common.invalidViewOnly')}
          style={{ marginBottom: 16 }}
          data-testid="dict-form-invalid-hint"
        />
      )}
      <Form<DictFormValues>
        form={form}
        layout="vertical"
        disabled={readOnly}
        preserve={false}
        initialValues={{ name: item?.name ?? '', remark: item?.remark ?? '' }}
      >
        <Form.Item name="name" label={t('common.name')} required={!readOnly} rules={[zodRule(nameSchema, lang)]}>
          <Input autoFocus onPressEnter={() => void submit()} data-testid="dict-form-name" />
        </Form.Item>
        <Form.Item name="remark" label={t('common.remark')} rules={[zodRule(remarkSchema, lang)]}>
          <RemarkInput onCtrlEnter={() => void submit()} data-testid="dict-form-remark" />
        </Form.Item>
      </Form>
      {readOnly && item && (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            {
              key: 'status',
              label: t('common.status'),
              children: <StatusTag on={!item.invalid} onText={t('common.valid')} offText={t('common.invalid')} />,
            },
            { key: 'updatedBy', label: t('common.updatedBy'), children: operatorName(item) },
            { key: 'updatedAt', label: t('common.updatedAt'), children: formatTime(item.updatedAt) },
          ]}
        />
      )}
    </Modal>
  );
}
