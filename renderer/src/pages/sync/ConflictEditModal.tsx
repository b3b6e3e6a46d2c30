import { useMemo, useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Switch, Tag, Typography } from 'antd';
import type { SyncConflict } from '../../../../shared/domain/sync.js';
import { errorText } from '../../api/errorText.js';
import { api } from '../../api/client.js';
import { notifySuccess } from '../../components/feedback.js';
import { localName, useLang, useT } from '../../i18n/index.js';
import { useSync } from '../../store/sync.js';
import { conflictFieldLabel, conflictValue, OP_COLORS, OP_KEYS } from './ConflictChanges.js';
import { editableRecords, initialInput, toConflictEdit, type EditField, type EditRecord } from './conflictEdit.js';
import { entityLabel } from './syncFormat.js';

interface ConflictEditModalProps {
  conflict: SyncConflict | null;
  onClose: () => void;
  /** The edited attempt was written again (the list behind should show it resolved). */
  onDone: () => void;
}

type Values = Record<string, Record<string, unknown> | undefined>;

function FieldInput({ field, testId, autoFocus, ...control }: { field: EditField; testId: string; autoFocus: boolean }) {
  const lang = useLang();
  // Form.Item hands value/checked and onChange down through the rest.
  switch (field.kind) {
    case 'boolean':
      return <Switch autoFocus={autoFocus} data-testid={testId} {...control} />;
    case 'number':
      return <InputNumber autoFocus={autoFocus} style={{ width: '100%' }} data-testid={testId} {...control} />;
    case 'select':
      return (
        <Select
          {...control}
          autoFocus={autoFocus}
          allowClear
          showSearch
          optionFilterProp="label"
          options={(field.options ?? []).map((o) => ({ value: o.code, label: localName(lang, o) }))}
          data-testid={testId}
        />
      );
    case 'text':
      return <Input autoFocus={autoFocus} allowClear data-testid={testId} {...control} />;
  }
}

/**
 * 修改后重试: every attempted field of the refused change as an input holding the attempted
 * value; 重新提交 writes the attempt again with the user's values, for the server to decide.
 */
export function ConflictEditModal({ conflict, onClose, onDone }: ConflictEditModalProps) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const records: EditRecord[] = useMemo(() => (conflict ? editableRecords(conflict) : []), [conflict]);

  const initialValues = useMemo(() => {
    const values: Values = {};
    for (const record of records) {
      const answers: Record<string, unknown> = {};
      for (const field of record.fields) answers[field.field] = initialInput(field);
      values[record.key] = answers;
    }
    return values;
  }, [records]);

  const submit = async () => {
    if (!conflict || saving) return;
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await useSync
        .getState()
        .act(() => api.call('sync.resolveConflict', { id: conflict.id, action: 'edit', changes: toConflictEdit(records, values) }));
      notifySuccess(t('sync.conflict.retryDone'));
      onDone();
    } catch (e) {
      // The host names a bad value in its message (字段“…”的值类型不正确); it shows above the fields.
      setError(errorText(lang, e));
    } finally {
      setSaving(false);
    }
  };

  const nameOf = (record: EditRecord) => {
    const named = record.fields.find((f) => ['name', 'code', 'title', 'plate', 'number'].includes(f.field));
    const value = record.op === 'create' ? (named?.value ?? named?.old) : (named?.old ?? named?.value);
    return typeof value === 'string' && named ? conflictValue(t, lang, record.entity, named.field, value) : '';
  };

  return (
    <Modal
      open={conflict !== null}
      title={t('sync.edit.title')}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose} data-testid="conflict-edit-cancel">
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={() => void submit()} data-testid="conflict-edit-ok">
          {t('sync.edit.submit')}
        </Button>,
      ]}
      data-testid="conflict-edit"
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={t('sync.edit.reason', { message: conflict.message })}
          description={t('sync.edit.hint')}
          className="conflict-edit-reason"
        />
      )}
      {error && <Alert type="error" showIcon title={error} className="conflict-edit-reason" data-testid="conflict-edit-error" />}
      <Form<Values>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '120px' }}
        labelWrap
        preserve={false}
        initialValues={initialValues}
        onFinish={() => void submit()}
      >
        {records.map((record) => (
          <fieldset key={record.key} className="conflict-edit-record" data-testid="conflict-edit-record">
            <legend>
              <Tag color={OP_COLORS[record.op]}>{t(OP_KEYS[record.op])}</Tag>
              <Typography.Text strong>{entityLabel(t, record.entity)}</Typography.Text> {nameOf(record)}
            </legend>
            {record.fields.map((field, i) => (
              <Form.Item
                key={field.field}
                name={[record.key, field.field]}
                label={conflictFieldLabel(t, field.field)}
                valuePropName={field.kind === 'boolean' ? 'checked' : 'value'}
                extra={
                  record.op === 'update'
                    ? t('sync.edit.was', { value: conflictValue(t, lang, record.entity, field.field, field.old) })
                    : undefined
                }
              >
                <FieldInput
                  field={field}
                  testId={`conflict-edit-${field.field}`}
                  autoFocus={record === records[0] && i === 0}
                />
              </Form.Item>
            ))}
          </fieldset>
        ))}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
