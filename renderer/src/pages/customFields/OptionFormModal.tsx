import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import type { CustomFieldOption } from '../../../../shared/domain/custom-fields.js';
import { nameSchema } from '../../../../shared/domain/dictionaries.js';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../components/feedback.js';
import { showFieldErrors } from '../../components/serverErrors.js';
import { zodRule } from '../../components/zodRule.js';
import { useLang, useT } from '../../i18n/index.js';

interface OptionFormModalProps {
  /** null: closed; 'create' or the option being edited. */
  editing: 'create' | CustomFieldOption | null;
  defId: string;
  onClose: () => void;
  onSaved: (option: CustomFieldOption) => void;
}

export function OptionFormModal({ editing, defId, onClose, onSaved }: OptionFormModalProps) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<{ name: string }>();
  const [saving, setSaving] = useState(false);
  const option = editing === 'create' ? null : editing;

  const submit = async () => {
    if (saving) return;
    let name: string;
    try {
      ({ name } = await form.validateFields());
    } catch {
      return;
    }
    setSaving(true);
    try {
      const saved = option
        ? await api.call('customField.updateOption', { id: option.id, name })
        : await api.call('customField.addOption', { defId, name });
      notifySuccess(t('common.saved'));
      onSaved(saved);
    } catch (error) {
      if (!showFieldErrors(form, error, ['name'], lang)) notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={editing !== null}
      title={option ? t('cf.optionEdit') : t('cf.optionAdd')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={420}
      okButtonProps={{ 'data-testid': 'option-form-ok' }}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ name: option?.name ?? '' }}>
        <Form.Item name="name" label={t('common.name')} required rules={[zodRule(nameSchema, lang)]}>
          <Input autoFocus onPressEnter={() => void submit()} data-testid="option-form-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
