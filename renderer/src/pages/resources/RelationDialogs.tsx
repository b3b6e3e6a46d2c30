import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ResourceRelation } from '../../../../shared/api/calls/resources.js';
import {
  OWNER_ROLES,
  RELATION_ROLES,
  relationInput,
  relationRuleViolations,
  shareSchema,
  type RelationRole,
} from '../../../../shared/domain/relations.js';
import { dateSchema, type Resource } from '../../../../shared/domain/resources.js';
import { api } from '../../api/client.js';
import { errorText } from '../../api/errorText.js';
import { notifySuccess } from '../../components/feedback.js';
import { zodRule } from '../../components/zodRule.js';
import { localName, useLang, useT } from '../../i18n/index.js';
import { CustomerPicker } from './CustomerPicker.js';
import { dateItemProps, roleName, todayText } from './resourceText.js';

const DATE_STYLE = { width: '100%' };

/** A failed save shown in the dialog itself, so the reason (已有业主…) stays readable. */
function SaveError({ error, testId }: { error: unknown; testId: string }) {
  const lang = useLang();
  if (error === null) return null;
  return <Alert type="error" showIcon title={errorText(lang, error)} style={{ marginBottom: 12 }} data-testid={testId} />;
}

interface RelationCreateValues {
  customerId?: string;
  role?: RelationRole;
  share: number | null;
  startDate: string | null;
  remark: string;
}

/** 登记关系: one customer in one role on this room from a date. */
export function RelationCreateModal({
  resource,
  onClose,
  onSaved,
}: {
  resource: Resource;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<RelationCreateValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    let values: RelationCreateValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await api.call('relation.create', {
        resourceId: resource.id,
        customerId: values.customerId ?? '',
        role: values.role ?? 'owner',
        share: values.share ?? null,
        startDate: values.startDate ?? '',
        remark: values.remark ?? '',
      });
      notifySuccess(t('res.rel.saved'));
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
      title={t('res.rel.addTitle', { name: `${resource.code} ${resource.name}` })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'relation-ok' }}
      cancelButtonProps={{ 'data-testid': 'relation-cancel' }}
      destroyOnHidden
      width={560}
      data-testid="relation-form"
    >
      <SaveError error={error} testId="relation-error" />
      <Form<RelationCreateValues>
        form={form}
        layout="vertical"
        initialValues={{ role: 'owner', share: null, startDate: todayText(), remark: '' }}
      >
        <Form.Item
          name="customerId"
          label={t('res.rel.customer')}
          required
          rules={[{ required: true, message: t('res.rel.pickCustomer') }]}
        >
          <CustomerPicker testId="relation-customer" autoFocus />
        </Form.Item>
        <Form.Item name="role" label={t('res.rel.role')} required rules={[{ required: true, message: t('res.rel.pickRole') }]}>
          <Select
            options={RELATION_ROLES.map((r) => ({ value: r.code, label: localName(lang, r) }))}
            data-testid="relation-role"
          />
        </Form.Item>
        <Form.Item name="share" label={t('res.rel.sharePercent')} rules={[zodRule(shareSchema, lang)]}>
          <InputNumber
            min={0}
            max={100}
            style={DATE_STYLE}
            placeholder={t('res.rel.shareOptional')}
            data-testid="relation-share"
          />
        </Form.Item>
        <Form.Item name="startDate" label={t('res.rel.since')} required rules={[zodRule(dateSchema, lang)]} {...dateItemProps}>
          <DatePicker style={DATE_STYLE} data-testid="relation-start" />
        </Form.Item>
        <Form.Item name="remark" label={t('res.rel.remark')} rules={[zodRule(relationInput.shape.remark, lang)]}>
          <Input.TextArea rows={2} data-testid="relation-remark" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 结束关系: the relation stops on a date (the first day without it). */
export function RelationEndModal({
  relation,
  onClose,
  onSaved,
}: {
  relation: ResourceRelation;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<{ endDate: string | null }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    let values: { endDate: string | null };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await api.call('relation.end', { id: relation.id, endDate: values.endDate ?? '' });
      notifySuccess(t('res.rel.ended'));
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
      title={t('res.rel.endTitle', { customer: relation.customerName, role: roleName(lang, relation.role) })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('res.rel.end')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: saving, 'data-testid': 'relation-end-ok' }}
      destroyOnHidden
      width={440}
      data-testid="relation-end-form"
    >
      <SaveError error={error} testId="relation-end-error" />
      <Form form={form} layout="vertical" initialValues={{ endDate: todayText() }}>
        <Form.Item
          name="endDate"
          label={t('res.rel.endDate')}
          extra={t('res.rel.endHint')}
          required
          rules={[zodRule(dateSchema, lang)]}
          {...dateItemProps}
        >
          <DatePicker style={DATE_STYLE} data-testid="relation-end-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface OwnerRow {
  customerId?: string;
  role: 'owner' | 'coOwner';
  share: number | null;
}

interface TransferValues {
  effectiveOn: string | null;
  owners: OwnerRow[];
}

/** 过户: the current owner group ends on the effective date and the new one starts. */
export function TransferModal({
  resource,
  current,
  onClose,
  onSaved,
}: {
  resource: Resource;
  current: readonly ResourceRelation[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<TransferValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const owners = Form.useWatch('owners', form) ?? [];
  const effectiveOn = Form.useWatch('effectiveOn', form) ?? todayText();
  const currentOwners = current.filter((r) => OWNER_ROLES.includes(r.role));

  // The owner-group rules, on the new group as entered (shares, one 业主), before saving.
  const problems = relationRuleViolations(
    owners
      .filter((o): o is OwnerRow & { customerId: string } => Boolean(o?.customerId))
      .map((o) => ({ customerId: o.customerId, role: o.role, share: o.share ?? null, startDate: effectiveOn, endDate: null })),
  );

  const submit = async () => {
    let values: TransferValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (problems.length > 0) return;
    setSaving(true);
    setError(null);
    try {
      await api.call('relation.transferOwnership', {
        resourceId: resource.id,
        effectiveOn: values.effectiveOn ?? '',
        owners: values.owners.map((o) => ({ customerId: o.customerId ?? '', role: o.role, share: o.share ?? null })),
      });
      notifySuccess(t('res.rel.transferred'));
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const roleOptions = (['owner', 'coOwner'] as const).map((code) => ({ value: code, label: roleName(lang, code) }));

  return (
    <Modal
      open
      title={t('res.rel.transferTitle', { name: `${resource.code} ${resource.name}` })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, disabled: problems.length > 0, 'data-testid': 'transfer-ok' }}
      destroyOnHidden
      width={720}
      data-testid="transfer-form"
    >
      <SaveError error={error} testId="transfer-error" />
      <Typography.Paragraph type="secondary" data-testid="transfer-current">
        {currentOwners.length > 0
          ? t('res.rel.currentOwners', { names: currentOwners.map((o) => o.customerName).join('、') })
          : t('res.rel.noCurrentOwners')}
      </Typography.Paragraph>
      <Form<TransferValues>
        form={form}
        layout="vertical"
        initialValues={{ effectiveOn: todayText(), owners: [{ role: 'owner', share: null }] }}
      >
        <Form.Item
          name="effectiveOn"
          label={t('res.rel.effectiveOn')}
          required
          rules={[zodRule(dateSchema, lang)]}
          {...dateItemProps}
        >
          <DatePicker style={{ width: 200 }} data-testid="transfer-date" />
        </Form.Item>
        <div className="wiz-section">{t('res.rel.newOwners')}</div>
        <Form.List name="owners">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <div className="split-part" key={field.key} data-testid={`transfer-owner-${index}`}>
                  <Form.Item
                    name={[field.name, 'customerId']}
                    style={{ flex: '1 1 auto' }}
                    rules={[{ required: true, message: t('res.rel.pickCustomer') }]}
                  >
                    <CustomerPicker testId={`transfer-customer-${index}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'role']} style={{ width: 120 }}>
                    <Select options={roleOptions} data-testid={`transfer-role-${index}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'share']} style={{ width: 130 }} rules={[zodRule(shareSchema, lang)]}>
                    <InputNumber
                      min={0}
                      max={100}
                      placeholder={t('res.rel.sharePercent')}
                      style={DATE_STYLE}
                      data-testid={`transfer-share-${index}`}
                    />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    disabled={fields.length <= 1}
                    onClick={() => remove(field.name)}
                    aria-label={t('res.wiz.remove')}
                  />
                </div>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ role: 'coOwner', share: null })}
                data-testid="transfer-add-owner"
              >
                {t('res.rel.addCoOwner')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      {problems.length > 0 && (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} title={problems.join('；')} data-testid="transfer-problems" />
      )}
    </Modal>
  );
}
