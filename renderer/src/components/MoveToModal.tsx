import { Form, InputNumber, Modal } from 'antd';
import { moveTargetSchema } from '../../../shared/domain/dictionaries.js';
import { useLang, useT } from '../i18n/index.js';
import { zodRule } from './zodRule.js';

interface MoveToModalProps {
  open: boolean;
  /** How many entries the list holds, when known: the hint names the range. */
  max: number;
  current: number;
  onCancel: () => void;
  onSubmit: (position: number) => void;
}

/** The numeric half of the move target: the position form checks what the host checks. */
const positionSchema = moveTargetSchema.options[1];

export function MoveToModal({ open, max, current, onCancel, onSubmit }: MoveToModalProps) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<{ position: number }>();

  const submit = async () => {
    const { position } = await form.validateFields();
    onSubmit(position);
  };

  return (
    <Modal
      open={open}
      title={t('move.title')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
      destroyOnHidden
      width={360}
      okButtonProps={{ 'data-testid': 'move-to-ok' }}
    >
      <Form form={form} layout="vertical" initialValues={{ position: current }} preserve={false}>
        <Form.Item
          name="position"
          label={t('move.position')}
          extra={t('move.hint', { max })}
          required
          rules={[zodRule(positionSchema, lang)]}
        >
          <InputNumber
            autoFocus
            style={{ width: '100%' }}
            onPressEnter={() => void submit().catch(() => undefined)}
            data-testid="move-to-input"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
