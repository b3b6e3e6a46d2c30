import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Tooltip,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined, StarFilled, StarOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Customer360, DuplicateReport } from '../../../../shared/api/calls/customers.js';
import {
  customerCreateInput,
  customerFields,
  GENDERS,
  type Customer,
  type CustomerBrief,
  type CustomerKind,
} from '../../../../shared/domain/customers.js';
import { compareWithTyped, validateIdDocument, type IdDocumentType } from '../../../../shared/domain/id-documents.js';
import { normalizePhone } from '../../../../shared/domain/phones.js';
import { ApiCallError, api } from '../../api/client.js';
import { fieldErrorText } from '../../api/errorText.js';
import { notifyError, notifySuccess, notifyWarning } from '../../components/feedback.js';
import { RemarkInput } from '../../components/RemarkInput.js';
import { zodRule } from '../../components/zodRule.js';
import { localName, useLang, useT } from '../../i18n/index.js';
import { localizeValidation } from '../../i18n/validationText.js';
import { localizeIdWarning, parseIdList, phoneDisplay } from './customerFormat.js';
import { CustomFieldItems, customValuesFromRecord } from '../../components/CustomFieldItems.js';
import { DuplicateList } from './DuplicateList.js';
import {
  createInput,
  enterMovesNext,
  fieldsInput,
  formPath,
  phoneRows,
  type CustomerFormValues,
  type FamilyRow,
} from './formModel.js';
import { AccountFields, FamilyFields, idNumberRule, idTypeOptions, optionalPhoneRule, VehicleFields } from './rowFields.js';
import { dictSelectOptions, useCustomerDicts } from './useDictOptions.js';

const shape = customerFields.in.shape;
const PHONES_MAX = 5;

export type CustomerFormTarget = { mode: 'create' } | { mode: 'edit'; view: Customer360 };

interface CustomerFormModalProps {
  target: CustomerFormTarget | null;
  onClose: () => void;
  onSaved: (customer: Customer) => void;
  /** 打开该客户: the document is registered already; show that customer instead. */
  onOpenCustomer: (id: string) => void;
}

function initialValues(target: CustomerFormTarget | null): CustomerFormValues {
  if (target?.mode !== 'edit') {
    return {
      kind: 'person',
      idType: 'resident',
      phones: [{ number: '' }],
      primaryPhone: 0,
      tags: [],
      family: [],
      vehicles: [],
      accounts: [],
    };
  }
  const { customer, phones } = target.view;
  const primary = phones.findIndex((p) => p.isPrimary);
  return {
    kind: customer.kind,
    name: customer.name,
    idType: customer.idType,
    idNumber: customer.idNumber,
    gender: customer.gender === 'unknown' ? null : customer.gender,
    birthDate: customer.birthDate ? dayjs(customer.birthDate) : null,
    phones: phones.length > 0 ? phones.map((p) => ({ number: phoneDisplay(p.number) })) : [{ number: '' }],
    primaryPhone: Math.max(0, primary),
    email: customer.email,
    address: customer.address,
    sourceId: customer.sourceId,
    intentionId: customer.intentionId,
    statusId: customer.statusId,
    tags: parseIdList(customer.tags),
    remark: customer.remark,
    custom: customValuesFromRecord(customer.custom),
    family: [],
    vehicles: [],
    accounts: [],
  };
}

export function CustomerFormModal({ target, onClose, onSaved, onOpenCustomer }: CustomerFormModalProps) {
  const t = useT();
  const lang = useLang();
  const { modal } = App.useApp();
  const [form] = Form.useForm<CustomerFormValues>();
  const [saving, setSaving] = useState(false);
  const [dup, setDup] = useState<DuplicateReport | null>(null);
  const [idWarnings, setIdWarnings] = useState<string[]>([]);
  const dupTicket = useRef(0);
  const confirmingRef = useRef(false);
  const editing = target?.mode === 'edit' ? target.view : null;
  const exceptId = editing?.customer.id;
  const keepIds = editing
    ? [
        editing.customer.sourceId,
        editing.customer.intentionId,
        editing.customer.statusId,
        ...parseIdList(editing.customer.tags),
      ].filter((x): x is string => Boolean(x))
    : [];
  const { options: dicts } = useCustomerDicts(keepIds);
  const kind = (Form.useWatch('kind', form) ?? 'person') as CustomerKind;
  const primaryPhone = (Form.useWatch('primaryPhone', form) ?? 0) as number;
  const open = target !== null;

  const values = () => form.getFieldsValue(true) as CustomerFormValues;

  /** What the 身份证 number says, when the number is a valid one. */
  const idInfo = () => {
    const v = values();
    if (v.kind !== 'person' || !v.idNumber) return undefined;
    const checked = validateIdDocument(v.idType, v.idNumber);
    return checked.ok ? checked.info : undefined;
  };

  const refreshIdWarnings = () => {
    const v = values();
    const info = idInfo();
    const typed = {
      ...(v.birthDate ? { birthDate: v.birthDate.format('YYYY-MM-DD') } : {}),
      ...(v.gender === 'male' || v.gender === 'female' ? { sex: v.gender } : {}),
    };
    setIdWarnings(compareWithTyped(info, typed));
  };

  const checkDuplicates = async (): Promise<DuplicateReport | null> => {
    const v = values();
    const idOk = Boolean(v.idNumber) && validateIdDocument(v.idType, v.idNumber ?? '').ok;
    const phones = v.phones.flatMap((p) => {
      const parsed = p.number ? normalizePhone(p.number) : null;
      return parsed?.ok ? [parsed.number] : [];
    });
    const ticket = ++dupTicket.current;
    if (!idOk && phones.length === 0) {
      setDup(null);
      return null;
    }
    try {
      const report = await api.call('customer.checkDuplicates', {
        ...(idOk ? { idType: v.idType, idNumber: v.idNumber } : {}),
        name: v.name?.slice(0, 100),
        phones: phones.slice(0, PHONES_MAX),
        ...(exceptId ? { exceptId } : {}),
      });
      if (ticket === dupTicket.current) setDup(report);
      return report;
    } catch (error) {
      notifyError(error);
      return null;
    }
  };

  /** Leaving the document number: normalise it, fill birth date and sex from it, look for duplicates. */
  const onIdNumberBlur = () => {
    const v = values();
    if (v.idNumber) {
      const checked = validateIdDocument(v.idType, v.idNumber);
      if (checked.ok) {
        const patch: Partial<CustomerFormValues> = {};
        if (checked.number !== v.idNumber) patch.idNumber = checked.number;
        if (checked.info && v.kind === 'person') {
          if (!v.birthDate) patch.birthDate = dayjs(checked.info.birthDate);
          if (!v.gender) patch.gender = checked.info.sex;
        }
        form.setFieldsValue(patch);
      }
    }
    refreshIdWarnings();
    void checkDuplicates();
  };

  const onPhoneBlur = (index: number) => {
    const number = form.getFieldValue(['phones', index, 'number']) as string | undefined;
    const parsed = number ? normalizePhone(number) : null;
    if (parsed?.ok && parsed.display !== number) form.setFieldValue(['phones', index, 'number'], parsed.display);
    void checkDuplicates();
  };

  const setErrorsAt = (entries: { path: readonly (string | number)[]; message: string }[]): boolean => {
    const rows = phoneRows(values());
    const fields = entries.flatMap(({ path, message }) => {
      const name = formPath(path, rows);
      return name ? [{ name, errors: [fieldErrorText(lang, message)] }] : [];
    });
    // Paths come from the host at run time; the form's typed NamePath cannot know them.
    if (fields.length > 0) form.setFields(fields as Parameters<typeof form.setFields>[0]);
    return fields.length > 0;
  };

  const serverFieldErrors = (error: unknown): boolean =>
    error instanceof ApiCallError &&
    setErrorsAt(Object.entries(error.fieldErrors).map(([path, message]) => ({ path: path.split('.'), message })));

  /**
   * The host names no row when a new family member's document is registered already (it
   * reports it on "idNumber", the customer's own field): find the row by asking again.
   */
  const documentTaken = async (error: ApiCallError) => {
    const report = await checkDuplicates();
    if (report?.sameDocument) {
      form.setFields([{ name: 'idNumber', errors: [t('cust.dup.sameDocument', { name: report.sameDocument.name })] }]);
      return;
    }
    const family = values().family;
    for (const [index, row] of family.entries()) {
      if (row.mode !== 'new' || !row.idNumber) continue;
      const found = await api.call('customer.checkDuplicates', {
        idType: row.idType ?? 'resident',
        idNumber: row.idNumber,
        phones: [],
      });
      if (found.sameDocument) {
        form.setFields([
          { name: ['family', index, 'idNumber'], errors: [t('cust.dup.sameDocument', { name: found.sameDocument.name })] },
        ]);
        return;
      }
    }
    notifyError(error);
  };

  const save = async (acknowledge: boolean) => {
    const v = values();
    setSaving(true);
    try {
      const saved = editing
        ? await api.call('customer.update', {
            id: editing.customer.id,
            fields: fieldsInput(v),
            acknowledgeDuplicates: acknowledge,
          })
        : await api.call('customer.create', createInput(v, acknowledge));
      notifySuccess(t('common.saved'));
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiCallError && error.code === 'DUPLICATE_WARNING') {
        confirmDuplicates((error.details.matches as CustomerBrief[] | undefined) ?? []);
      } else if (error instanceof ApiCallError && error.code === 'DUPLICATE_ID_DOCUMENT') {
        await documentTaken(error);
      } else if (!serverFieldErrors(error)) {
        notifyError(error);
      }
    } finally {
      setSaving(false);
    }
  };

  const confirmDuplicates = (matches: CustomerBrief[]) => {
    confirmingRef.current = true;
    modal.confirm({
      title: t('cust.dup.confirmTitle'),
      width: 560,
      content: (
        <div>
          <Typography.Paragraph>{t('cust.dup.confirmContent')}</Typography.Paragraph>
          <DuplicateList items={matches} testId="dup-confirm-list" />
        </div>
      ),
      okText: t('cust.dup.saveAnyway'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'dup-save-anyway' },
      cancelButtonProps: { 'data-testid': 'dup-cancel' },
      onOk: async () => {
        confirmingRef.current = false;
        await save(true);
      },
      onCancel: () => {
        confirmingRef.current = false;
      },
    });
  };

  const submit = async () => {
    if (saving || confirmingRef.current) return;
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const v = values();
    // The whole record through the host's own schema: cross-field rules (单位 needs a credit code…).
    const parsed = editing ? customerFields.safeParse(fieldsInput(v)) : customerCreateInput.safeParse(createInput(v, false));
    if (!parsed.success) {
      const shown = setErrorsAt(
        parsed.error.issues.map((issue) => ({
          path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
          message: issue.message,
        })),
      );
      if (!shown) notifyWarning(localizeValidation(lang, parsed.error.issues[0]?.message ?? ''));
      return;
    }
    const report = await checkDuplicates();
    if (report?.sameDocument) {
      notifyWarning(t('cust.dup.blocked', { name: report.sameDocument.name }));
      return;
    }
    await save(false);
  };

  const submitRef = useRef(submit);
  submitRef.current = submit;
  useEffect(() => {
    if (!open) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void submitRef.current();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open]);

  const onKindChange = (next: CustomerKind) => {
    form.setFieldsValue({ idType: next === 'company' ? 'creditCode' : 'resident', gender: null, birthDate: null });
    setIdWarnings([]);
    const v = values();
    if (v.idNumber) void form.validateFields(['idNumber']).catch(() => undefined);
  };

  const title = editing ? t('cust.form.editTitle', { name: editing.customer.name }) : t('cust.form.addTitle');
  const company = kind === 'company';

  return (
    <Modal
      open={open}
      title={
        <Space size={16}>
          <span>{title}</span>
          <Typography.Text type="secondary" className="form-keys-hint">
            {t('cust.form.keysHint')}
          </Typography.Text>
        </Space>
      }
      onCancel={onClose}
      width={1080}
      destroyOnHidden
      maskClosable={false}
      styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflowY: 'auto', overflowX: 'hidden', paddingRight: 8 } }}
      footer={[
        <Button key="cancel" onClick={onClose} data-testid="customer-form-cancel">
          {t('common.cancel')}
        </Button>,
        <Tooltip key="ok" title={t('cust.form.saveShortcut')}>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="customer-form-save">
            {t('common.save')}
          </Button>
        </Tooltip>,
      ]}
      data-testid="customer-form"
    >
      {dup?.sameDocument && (
        <Alert
          type="error"
          showIcon
          className="dup-alert"
          title={t('cust.dup.sameDocument', { name: dup.sameDocument.name })}
          description={
            <div>
              <div>{t('cust.dup.sameDocumentHint')}</div>
              <DuplicateList items={[dup.sameDocument]} />
            </div>
          }
          action={
            <Button
              size="small"
              type="primary"
              danger
              onClick={() => dup.sameDocument && onOpenCustomer(dup.sameDocument.id)}
              data-testid="dup-open-existing"
            >
              {t('cust.dup.open')}
            </Button>
          }
          data-testid="dup-same-document"
        />
      )}
      {dup && (dup.sameNameAndPhone.length > 0 || dup.samePhone.length > 0) && (
        <Alert
          type="warning"
          showIcon
          className="dup-alert"
          title={t('cust.dup.warningTitle')}
          description={
            <DuplicateList
              items={[...dup.sameNameAndPhone, ...dup.samePhone]}
              reasons={
                new Map([
                  ...dup.sameNameAndPhone.map((b) => [b.id, t('cust.dup.sameNameAndPhone')] as const),
                  ...dup.samePhone.map((b) => [b.id, t('cust.dup.samePhone')] as const),
                ])
              }
            />
          }
          data-testid="dup-warning"
        />
      )}
      <div onKeyDown={enterMovesNext}>
        <Form<CustomerFormValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={initialValues(target)}
          onValuesChange={(changed: Partial<CustomerFormValues>) => {
            if ('birthDate' in changed || 'gender' in changed || 'idType' in changed) refreshIdWarnings();
          }}
          className="customer-form"
        >
          <Divider titlePlacement="start" className="form-section">
            {t('cust.section.identity')}
          </Divider>
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="kind" label={t('cust.field.kind')}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  onChange={(e) => onKindChange(e.target.value as CustomerKind)}
                  data-testid="customer-kind"
                >
                  <Radio.Button value="person" data-testid="customer-kind-person">
                    {lang === 'zh' ? '个人' : 'Person'}
                  </Radio.Button>
                  <Radio.Button value="company" data-testid="customer-kind-company">
                    {lang === 'zh' ? '单位' : 'Company'}
                  </Radio.Button>
                </Radio.Group>
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                name="name"
                label={company ? t('cust.field.companyName') : t('cust.field.name')}
                required
                rules={[zodRule(shape.name, lang)]}
              >
                <Input autoFocus onBlur={() => void checkDuplicates()} data-testid="customer-name" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="idType" label={t('cust.field.idType')} required>
                <Select
                  options={idTypeOptions(lang, kind)}
                  popupMatchSelectWidth={false}
                  onChange={() => {
                    if (values().idNumber) void form.validateFields(['idNumber']).catch(() => undefined);
                  }}
                  data-testid="customer-id-type"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                name="idNumber"
                label={t('cust.field.idNumber')}
                required
                validateTrigger="onBlur"
                rules={[idNumberRule(lang, () => form.getFieldValue('idType') as IdDocumentType)]}
                extra={
                  idWarnings.length > 0 ? (
                    <div className="id-warnings" data-testid="id-warnings">
                      {idWarnings.map((w) => (
                        <div key={w}>{localizeIdWarning(lang, w)}</div>
                      ))}
                    </div>
                  ) : undefined
                }
              >
                <Input onBlur={onIdNumberBlur} data-testid="customer-id-number" />
              </Form.Item>
            </Col>
          </Row>
          {!company && (
            <Row gutter={16}>
              <Col span={6}>
                <Form.Item name="gender" label={t('cust.field.gender')}>
                  <Select
                    allowClear
                    placeholder={t('cust.field.select')}
                    options={GENDERS.map((g) => ({ value: g.code, label: localName(lang, g) }))}
                    data-testid="customer-gender"
                  />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="birthDate" label={t('cust.field.birthDate')}>
                  <DatePicker
                    style={{ width: '100%' }}
                    format="YYYY-MM-DD"
                    disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                    data-testid="customer-birth-date"
                  />
                </Form.Item>
              </Col>
            </Row>
          )}

          <Divider titlePlacement="start" className="form-section">
            {t('cust.section.contact')}
          </Divider>
          <Form.List
            name="phones"
            rules={[
              {
                validator: async (_rule, rows: CustomerFormValues['phones']) => {
                  const numbers = rows.filter((r) => r.number && r.number.trim() !== '').map((r) => ({ number: r.number ?? '' }));
                  const result = shape.phones.safeParse(numbers);
                  // Per-number problems show on their own row; the list shows only its own (duplicates, too many).
                  const own = result.success ? undefined : result.error.issues.find((i) => i.path.length === 0);
                  if (own) throw new Error(localizeValidation(lang, own.message));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <div className="phone-list" data-testid="customer-phones">
                <Row gutter={16}>
                  {fields.map((field, index) => (
                    <Col span={8} key={field.key}>
                      <Form.Item
                        label={index === 0 ? t('cust.field.phones') : ' '}
                        name={[field.name, 'number']}
                        validateTrigger="onBlur"
                        rules={[optionalPhoneRule(lang)]}
                      >
                        <Input
                          placeholder={t('cust.phone.placeholder')}
                          onBlur={() => onPhoneBlur(field.name)}
                          data-testid={`customer-phone-${index}`}
                          addonAfter={
                            <Space size={4}>
                              <Tooltip title={index === primaryPhone ? t('cust.phone.primary') : t('cust.phone.setPrimary')}>
                                <Button
                                  type="text"
                                  size="small"
                                  tabIndex={-1}
                                  icon={index === primaryPhone ? <StarFilled style={{ color: '#faad14' }} /> : <StarOutlined />}
                                  onClick={() => form.setFieldValue('primaryPhone', index)}
                                  data-testid={`customer-phone-primary-${index}`}
                                />
                              </Tooltip>
                              {fields.length > 1 && (
                                <Button
                                  type="text"
                                  size="small"
                                  tabIndex={-1}
                                  icon={<DeleteOutlined />}
                                  onClick={() => {
                                    remove(field.name);
                                    if (primaryPhone >= index && primaryPhone > 0)
                                      form.setFieldValue('primaryPhone', primaryPhone - 1);
                                  }}
                                  data-testid={`customer-phone-remove-${index}`}
                                />
                              )}
                            </Space>
                          }
                        />
                      </Form.Item>
                    </Col>
                  ))}
                  {fields.length < PHONES_MAX && (
                    <Col span={8}>
                      <Form.Item label={fields.length === 0 ? t('cust.field.phones') : ' '}>
                        <Button icon={<PlusOutlined />} onClick={() => add({ number: '' })} data-testid="customer-phone-add">
                          {t('cust.phone.add')}
                        </Button>
                      </Form.Item>
                    </Col>
                  )}
                </Row>
                <Form.ErrorList errors={errors} />
              </div>
            )}
          </Form.List>
          <Form.Item name="primaryPhone" hidden>
            <Input />
          </Form.Item>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="email" label={t('cust.field.email')} validateTrigger="onBlur" rules={[zodRule(shape.email, lang)]}>
                <Input data-testid="customer-email" />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name="address" label={t('cust.field.address')} rules={[zodRule(shape.address, lang)]}>
                <Input data-testid="customer-address" />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start" className="form-section">
            {t('cust.section.profile')}
          </Divider>
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="sourceId" label={t('cust.field.source')}>
                <Select
                  allowClear
                  placeholder={t('cust.field.select')}
                  options={dictSelectOptions(dicts.customerSource)}
                  data-testid="customer-source"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="intentionId" label={t('cust.field.intention')}>
                <Select
                  allowClear
                  placeholder={t('cust.field.select')}
                  options={dictSelectOptions(dicts.customerIntention)}
                  data-testid="customer-intention"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="statusId" label={t('cust.field.status')}>
                <Select
                  allowClear
                  placeholder={t('cust.field.select')}
                  options={dictSelectOptions(dicts.customerStatus)}
                  data-testid="customer-status"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="tags" label={t('cust.field.tags')} rules={[zodRule(shape.tags, lang)]}>
                <Select
                  mode="multiple"
                  allowClear
                  placeholder={t('cust.field.select')}
                  options={dictSelectOptions(dicts.customerTag)}
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="customer-tags"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="remark" label={t('cust.field.remark')} rules={[zodRule(shape.remark, lang)]}>
            <RemarkInput autoSize={{ minRows: 2, maxRows: 6 }} data-testid="customer-remark" />
          </Form.Item>
          <CustomFieldItems target="customer" />

          {editing ? (
            <Typography.Text type="secondary">{t('cust.section.editHint')}</Typography.Text>
          ) : (
            <>
              <Divider titlePlacement="start" className="form-section">
                {t('cust.section.family')}
              </Divider>
              <Form.List name="family">
                {(fields, { add, remove }) => (
                  <div data-testid="customer-family">
                    {fields.map((field, index) => (
                      <div key={field.key} className="form-row-with-remove">
                        <FamilyFields
                          name={[field.name]}
                          path={['family', field.name]}
                          relationTypes={dicts.relationType}
                          testPrefix={`family-${index}`}
                        />
                        <Button
                          type="text"
                          icon={<DeleteOutlined />}
                          tabIndex={-1}
                          onClick={() => remove(field.name)}
                          className="row-remove"
                          data-testid={`family-${index}-remove`}
                        />
                      </div>
                    ))}
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add({ mode: 'new', idType: 'resident', relationId: null } satisfies FamilyRow)}
                      data-testid="family-add"
                    >
                      {t('cust.family.add')}
                    </Button>
                  </div>
                )}
              </Form.List>

              <Divider titlePlacement="start" className="form-section">
                {t('cust.section.vehicles')}
              </Divider>
              <Form.List name="vehicles">
                {(fields, { add, remove }) => (
                  <div data-testid="customer-vehicles">
                    {fields.map((field, index) => (
                      <div key={field.key} className="form-row-with-remove">
                        <VehicleFields name={[field.name]} path={['vehicles', field.name]} testPrefix={`vehicle-${index}`} />
                        <Button
                          type="text"
                          icon={<DeleteOutlined />}
                          tabIndex={-1}
                          onClick={() => remove(field.name)}
                          className="row-remove"
                          data-testid={`vehicle-${index}-remove`}
                        />
                      </div>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="vehicle-add">
                      {t('cust.vehicle.add')}
                    </Button>
                  </div>
                )}
              </Form.List>

              <Divider titlePlacement="start" className="form-section">
                {t('cust.section.accounts')}
              </Divider>
              <Form.List name="accounts">
                {(fields, { add, remove }) => (
                  <div data-testid="customer-accounts">
                    {fields.map((field, index) => (
                      <div key={field.key} className="form-row-with-remove">
                        <AccountFields name={[field.name]} testPrefix={`account-${index}`} />
                        <Button
                          type="text"
                          icon={<DeleteOutlined />}
                          tabIndex={-1}
                          onClick={() => remove(field.name)}
                          className="row-remove"
                          data-testid={`account-${index}-remove`}
                        />
                      </div>
                    ))}
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add({ accountName: values().name ?? '' })}
                      data-testid="account-add"
                    >
                      {t('cust.account.add')}
                    </Button>
                  </div>
                )}
              </Form.List>
            </>
          )}
        </Form>
      </div>
    </Modal>
  );
}
