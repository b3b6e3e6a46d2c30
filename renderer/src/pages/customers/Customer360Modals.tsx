import { useState } from 'react';
import { Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CustomerRelationView, FamilyView } from '../../../../shared/api/calls/customers.js';
import type { Vehicle } from '../../../../shared/domain/customers.js';
import type { DictItem } from '../../../../shared/domain/dictionaries.js';
import { RELATION_ROLES, relationInput, shareSchema, type RelationRole } from '../../../../shared/domain/relations.js';
import { api } from '../../api/client.js';
import { ParkingPicker } from './ParkingPicker.js';
import { notifyError, notifySuccess } from '../../components/feedback.js';
import { showFieldErrors } from '../../components/serverErrors.js';
import { zodRule } from '../../components/zodRule.js';
import { localName, useLang, useT } from '../../i18n/index.js';
import { localizeValidation } from '../../i18n/validationText.js';
import { enterMovesNext, familyInput, type AccountRow, type FamilyRow, type VehicleRow } from './formModel.js';
import { ResourceSelect } from './pickers.js';
import { AccountFields, FamilyFields, VehicleFields } from './rowFields.js';
import { roleName } from './customerFormat.js';

/** A small modal form in the 360 view: validate, call, report, close. */
function useModalSave<V>(run: (values: V) => Promise<unknown> | null, fields: readonly string[], onDone: () => void) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    if (saving) return;
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const pending = run(form.getFieldsValue(true) as V);
    // null: a whole-record check failed and already marked its field.
    if (pending === null) return;
    setSaving(true);
    try {
      await pending;
      notifySuccess(t('common.saved'));
      onDone();
    } catch (error) {
      if (!showFieldErrors(form, error, fields, lang)) notifyError(error);
    } finally {
      setSaving(false);
    }
  };
  return { form, saving, submit };
}

interface BaseProps {
  open: boolean;
  customerId: string;
  onClose: () => void;
  onSaved: () => void;
}

export function FamilyModal({
  open,
  customerId,
  relationTypes,
  excludeIds,
  onClose,
  onSaved,
}: BaseProps & {
  relationTypes: readonly DictItem[];
  excludeIds: readonly string[];
}) {
  const t = useT();
  const { form, saving, submit } = useModalSave<FamilyRow>(
    (row) => api.call('customer.addFamily', { customerId, family: familyInput(row) }),
    ['idNumber', 'name'],
    onSaved,
  );
  return (
    <Modal
      open={open}
      title={t('cust.family.addTitle')}
      width={1000}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'family-modal-ok' }}
      data-testid="family-modal"
    >
      <div onKeyDown={enterMovesNext}>
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ mode: 'new', idType: 'resident', relationId: null }}
        >
          <FamilyFields name={[]} path={[]} relationTypes={relationTypes} excludeIds={excludeIds} testPrefix="family-modal" />
        </Form>
      </div>
    </Modal>
  );
}

export function VehicleModal({ open, customerId, vehicle, onClose, onSaved }: BaseProps & { vehicle: Vehicle | null }) {
  const t = useT();
  const { form, saving, submit } = useModalSave<VehicleRow & { parkingId?: string | null }>(
    (row) => {
      const input = {
        plate: row.plate ?? '',
        model: row.model ?? '',
        color: row.color ?? '',
        parkingId: row.parkingId ?? null,
      };
      return vehicle
        ? api.call('customer.updateVehicle', { id: vehicle.id, ...input })
        : api.call('customer.addVehicle', { customerId, ...input });
    },
    ['plate', 'model', 'color'],
    onSaved,
  );
  return (
    <Modal
      open={open}
      title={vehicle ? t('cust.vehicle.editTitle') : t('cust.vehicle.addTitle')}
      width={720}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'vehicle-modal-ok' }}
      data-testid="vehicle-modal"
    >
      <div onKeyDown={enterMovesNext}>
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={
            vehicle ? { plate: vehicle.plate, model: vehicle.model, color: vehicle.color, parkingId: vehicle.parkingId } : {}
          }
        >
          <VehicleFields name={[]} path={[]} testPrefix="vehicle-modal" />
          <Form.Item name="parkingId" label={t('cust.vehicle.parking')}>
            <ParkingPicker />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

export function AccountModal({ open, customerId, defaultName, onClose, onSaved }: BaseProps & { defaultName: string }) {
  const t = useT();
  const { form, saving, submit } = useModalSave<AccountRow & { isPrimary?: boolean }>(
    (row) =>
      api.call('customer.addAccount', {
        customerId,
        bank: row.bank ?? '',
        accountName: row.accountName ?? '',
        accountNumber: row.accountNumber ?? '',
        isPrimary: Boolean(row.isPrimary),
      }),
    ['bank', 'accountName', 'accountNumber'],
    onSaved,
  );
  return (
    <Modal
      open={open}
      title={t('cust.account.addTitle')}
      width={760}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'account-modal-ok' }}
      data-testid="account-modal"
    >
      <div onKeyDown={enterMovesNext}>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ accountName: defaultName, isPrimary: false }}>
          <AccountFields name={[]} testPrefix="account-modal" />
          <Form.Item name="isPrimary" valuePropName="checked">
            <Checkbox data-testid="account-modal-primary">{t('cust.account.setPrimary')}</Checkbox>
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

interface RelationValues {
  resourceId?: string;
  role?: RelationRole;
  share?: number | null;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  remark?: string;
}

const relationShape = relationInput.shape;

export function RelationModal({ open, customerId, onClose, onSaved }: BaseProps) {
  const t = useT();
  const lang = useLang();
  const { form, saving, submit } = useModalSave<RelationValues>(
    (v) => {
      const input = {
        customerId,
        resourceId: v.resourceId ?? '',
        role: v.role ?? 'owner',
        share: v.share ?? null,
        startDate: v.startDate?.format('YYYY-MM-DD') ?? '',
        endDate: v.endDate ? v.endDate.format('YYYY-MM-DD') : null,
        remark: v.remark ?? '',
      };
      const parsed = relationInput.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = String(issue?.path[0] ?? 'resourceId');
        form.setFields([{ name: field as keyof RelationValues, errors: [localizeValidation(lang, issue?.message ?? '')] }]);
        return null;
      }
      return api.call('relation.create', input);
    },
    ['resourceId', 'role', 'share', 'startDate', 'endDate', 'remark'],
    onSaved,
  );
  const role = Form.useWatch('role', form);
  return (
    <Modal
      open={open}
      title={t('cust.rel.addTitle')}
      width={640}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'relation-modal-ok' }}
      data-testid="relation-modal"
    >
      <div onKeyDown={enterMovesNext}>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ role: 'owner', startDate: dayjs(), share: null }}>
          <Form.Item name="resourceId" label={t('cust.rel.resource')} required rules={[zodRule(relationShape.resourceId, lang)]}>
            <ResourceSelect placeholder={t('cust.rel.pickResource')} testId="relation-resource" />
          </Form.Item>
          <Form.Item name="role" label={t('cust.rel.role')} required rules={[zodRule(relationShape.role, lang)]}>
            <Select
              options={RELATION_ROLES.map((r) => ({ value: r.code, label: localName(lang, r) }))}
              data-testid="relation-role"
            />
          </Form.Item>
          {(role === 'owner' || role === 'coOwner') && (
            <Form.Item name="share" label={`${t('cust.rel.share')} (%)`} rules={[zodRule(shareSchema, lang)]}>
              <InputNumber min={0} max={100} style={{ width: 160 }} data-testid="relation-share" />
            </Form.Item>
          )}
          <Form.Item
            name="startDate"
            label={t('cust.rel.start')}
            required
            rules={[{ required: true, message: localizeValidation(lang, '请输入日期') }]}
          >
            <DatePicker format="YYYY-MM-DD" data-testid="relation-start" />
          </Form.Item>
          <Form.Item name="endDate" label={t('cust.rel.end')}>
            <DatePicker format="YYYY-MM-DD" data-testid="relation-end" />
          </Form.Item>
          <Form.Item name="remark" label={t('cust.rel.remark')} rules={[zodRule(relationShape.remark, lang)]}>
            <Input data-testid="relation-remark" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

export function EndRelationModal({
  relation,
  onClose,
  onSaved,
}: {
  relation: CustomerRelationView | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const { form, saving, submit } = useModalSave<{ endDate?: Dayjs | null }>(
    (v) => api.call('relation.end', { id: relation?.id ?? '', endDate: v.endDate?.format('YYYY-MM-DD') ?? '' }),
    ['endDate'],
    onSaved,
  );
  return (
    <Modal
      open={relation !== null}
      title={relation ? t('cust.rel.endTitle', { room: relation.resource.code, role: roleName(lang, relation.role) }) : ''}
      width={420}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'relation-end-ok' }}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ endDate: dayjs() }}>
        <Form.Item
          name="endDate"
          label={t('cust.rel.endDate')}
          required
          rules={[{ required: true, message: localizeValidation(lang, '请输入日期') }]}
        >
          <DatePicker format="YYYY-MM-DD" data-testid="relation-end-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export type { FamilyView };
