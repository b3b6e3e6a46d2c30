import { useState } from 'react';
import { AutoComplete, Button, Checkbox, Form, Input, Modal, Radio, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { InspectionView } from '../../../../../shared/api/calls/handover.js';
import { HANDED_KINDS, handedItemInput, type HandedItem, type HandedKind } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { notifyError, notifySuccess } from '../../../components/feedback.js';
import { useConfirm } from '../../../components/useConfirm.js';
import { zodRule } from '../../../components/zodRule.js';
import { localName, useLang, useT } from '../../../i18n/index.js';
import { CountStepper } from './CountStepper.js';
import { handedKindName } from './inspectionText.js';
import { useInspection } from './inspectionStore.js';
import { nameOptions, useDictItems } from './useHandoverDicts.js';

type Editing = { item: HandedItem | null; kind: HandedKind };

/** What was handed over with the room (钥匙, 门禁卡, 资料 …), with counts; every change is kept at once. */
export function HandedItems({ view, locked }: { view: InspectionView; locked: boolean }) {
  const t = useT();
  const lang = useLang();
  const { confirm } = useConfirm();
  const [editing, setEditing] = useState<Editing | null>(null);
  const inspectionId = view.inspection.id;

  const save = async (item: HandedItem, change: Partial<Pick<HandedItem, 'count' | 'signed'>>) => {
    try {
      const { id, kind, name, count, signed, remark } = { ...item, ...change };
      await api.call('inspection.saveHanded', { inspectionId, id, kind, name, count, signed, remark });
    } catch (error) {
      notifyError(error);
    }
    await useInspection.getState().reload();
  };

  const remove = (item: HandedItem) =>
    confirm({
      title: t('insp.handed.confirmRemove', { name: item.name }),
      danger: true,
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.call('inspection.removeHanded', { id: item.id });
          notifySuccess(t('insp.handed.removed'));
        } catch (error) {
          notifyError(error);
        }
        await useInspection.getState().reload();
      },
    });

  const columns: ColumnsType<HandedItem> = [
    { title: t('insp.handed.kind'), dataIndex: 'kind', width: 100, render: (k: string) => <Tag>{handedKindName(lang, k)}</Tag> },
    { title: t('insp.handed.name'), dataIndex: 'name' },
    {
      title: t('insp.handed.count'),
      dataIndex: 'count',
      width: 170,
      render: (_, item) =>
        locked ? (
          item.count
        ) : (
          <HandedCount key={`${item.id}:${item.count}`} item={item} onSave={(count) => save(item, { count })} />
        ),
    },
    {
      title: t('insp.handed.signed'),
      dataIndex: 'signed',
      width: 110,
      render: (_, item) =>
        item.kind === 'document' ? (
          <Checkbox
            checked={item.signed}
            disabled={locked}
            onChange={(e) => void save(item, { signed: e.target.checked })}
            data-testid="handed-signed"
          >
            {t('insp.handed.signedYes')}
          </Checkbox>
        ) : (
          '—'
        ),
    },
    { title: t('common.remark'), dataIndex: 'remark', ellipsis: true },
  ];
  if (!locked) {
    columns.push({
      title: t('insp.actions'),
      width: 90,
      render: (_, item) => (
        <Space size={0}>
          <Button
            type="link"
            icon={<EditOutlined />}
            onClick={() => setEditing({ item, kind: item.kind })}
            aria-label={t('common.edit')}
            data-testid="handed-edit"
          />
          <Button
            type="link"
            danger
            icon={<DeleteOutlined />}
            onClick={() => remove(item)}
            aria-label={t('insp.handed.remove')}
            data-testid="handed-remove"
          />
        </Space>
      ),
    });
  }

  return (
    <div data-testid="handed">
      {!locked && (
        <Space wrap className="toolbar">
          {HANDED_KINDS.map((k, i) => (
            <Button
              key={k.code}
              type={i === 0 ? 'primary' : 'default'}
              size="large"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ item: null, kind: k.code })}
              data-testid={i === 0 ? 'handed-add' : `handed-add-${k.code}`}
            >
              {localName(lang, k)}
            </Button>
          ))}
        </Space>
      )}
      <Table<HandedItem>
        size="small"
        bordered
        rowKey="id"
        pagination={false}
        columns={columns}
        dataSource={view.handed}
        onRow={(item, index) => ({
          className: 'insp-handed-row',
          'data-testid': `handed-row-${index ?? 0}`,
          'data-name': item.name,
        })}
        locale={{ emptyText: t('insp.handed.none') }}
      />
      {editing && <HandedItemModal inspectionId={inspectionId} editing={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

/** The row's stepper: it shows each tap at once (so quick taps add up) and keeps it. */
function HandedCount({ item, onSave }: { item: HandedItem; onSave: (count: number) => Promise<void> }) {
  const [count, setCount] = useState(item.count);
  return (
    <CountStepper
      value={count}
      onChange={(next) => {
        setCount(next);
        void onSave(next);
      }}
      testId="handed-count"
    />
  );
}

interface HandedFormValues {
  kind: HandedKind;
  name: string;
  count: number;
  signed: boolean;
  remark: string;
}

function HandedItemModal({ inspectionId, editing, onClose }: { inspectionId: string; editing: Editing; onClose: () => void }) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<HandedFormValues>();
  const [typed, setTyped] = useState('');
  const [saving, setSaving] = useState(false);
  const names = useDictItems('handoverItem');
  const kind = Form.useWatch('kind', form) ?? editing.kind;
  const item = editing.item;

  const submit = async () => {
    let values: HandedFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await api.call('inspection.saveHanded', {
        inspectionId,
        id: item?.id,
        ...values,
        signed: values.kind === 'document' ? values.signed : false,
        remark: values.remark ?? '',
      });
      notifySuccess(t('common.saved'));
      await useInspection.getState().reload();
      onClose();
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={item ? t('insp.handed.editTitle') : t('insp.handed.addTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'handed-save' }}
      destroyOnHidden
      data-testid="handed-form"
    >
      <Form<HandedFormValues>
        form={form}
        layout="vertical"
        initialValues={{
          kind: editing.kind,
          name: item?.name ?? '',
          count: item?.count ?? 1,
          signed: item?.signed ?? false,
          remark: item?.remark ?? '',
        }}
      >
        <Form.Item name="kind" label={t('insp.handed.kind')}>
          <Radio.Group optionType="button" buttonStyle="solid" size="large">
            {HANDED_KINDS.map((k) => (
              <Radio.Button key={k.code} value={k.code}>
                <span data-testid={`handed-kind-${k.code}`}>{localName(lang, k)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="name" label={t('insp.handed.name')} rules={[zodRule(handedItemInput.shape.name, lang)]}>
          <AutoComplete
            options={nameOptions(names, typed)}
            onSearch={setTyped}
            autoFocus
            placeholder={t('insp.handed.namePlaceholder')}
            data-testid="handed-name"
          />
        </Form.Item>
        <Form.Item name="count" label={t('insp.handed.count')}>
          <CountField />
        </Form.Item>
        {kind === 'document' && (
          <Form.Item name="signed" valuePropName="checked">
            <Checkbox data-testid="handed-form-signed">{t('insp.handed.signedLabel')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="remark" label={t('common.remark')} rules={[zodRule(handedItemInput.shape.remark, lang)]}>
          <Input maxLength={200} data-testid="handed-remark" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The stepper as a form control (Form.Item hands it value and onChange). */
function CountField({ value = 1, onChange }: { value?: number; onChange?: (value: number) => void }) {
  return <CountStepper value={value} onChange={(n) => onChange?.(n)} size="large" testId="handed-form-count" />;
}
