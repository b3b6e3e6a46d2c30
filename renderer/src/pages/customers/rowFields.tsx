import { Col, Form, Input, Radio, Row, Select } from 'antd';
import { bankAccountInput, familyMemberInput, vehicleInput } from '../../../../shared/domain/customers.js';
import { ID_DOCUMENT_TYPES, validateIdDocument, type IdDocumentType } from '../../../../shared/domain/id-documents.js';
import { phoneSchema } from '../../../../shared/domain/phones.js';
import { validatePlate } from '../../../../shared/domain/plates.js';
import type { DictItem } from '../../../../shared/domain/dictionaries.js';
import type { FormRule } from 'antd';
import { zodRule } from '../../components/zodRule.js';
import { localName, useLang, useT, type Lang } from '../../i18n/index.js';
import { localizeValidation } from '../../i18n/validationText.js';
import { CustomerSelect } from './pickers.js';
import { dictSelectOptions } from './useDictOptions.js';
import { blank, type FamilyRow } from './formModel.js';

type Path = (string | number)[];

const memberShape = familyMemberInput.shape.member.unwrap().in.shape;

export const PERSON_ID_TYPES = ID_DOCUMENT_TYPES.filter((x) => x.party === 'person');

export function idTypeOptions(lang: Lang, kind: 'person' | 'company') {
  return ID_DOCUMENT_TYPES.filter((x) =>
    kind === 'company' ? x.party === 'organization' || x.code === 'other' : x.party === 'person',
  ).map((x) => ({ value: x.code, label: localName(lang, x) }));
}

/** The document number checked against the type chosen beside it, as the host will check it. */
export function idNumberRule(lang: Lang, typeOf: () => IdDocumentType | undefined): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const checked = validateIdDocument(typeOf() ?? 'resident', typeof value === 'string' ? value : '');
      if (!checked.ok) throw new Error(localizeValidation(lang, checked.message));
    },
  };
}

/** A phone that may be left blank; when typed, it must be one the host accepts. */
export function optionalPhoneRule(lang: Lang): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || blank(value)) return;
      const result = phoneSchema.safeParse(value);
      if (!result.success) throw new Error(localizeValidation(lang, result.error.issues[0]?.message ?? ''));
    },
  };
}

interface FamilyFieldsProps {
  /** Where the row's fields sit relative to the enclosing Form.List (or the form). */
  name: Path;
  /** The same, from the form's root, for reading the row's values. */
  path: Path;
  relationTypes: readonly DictItem[];
  excludeIds?: readonly string[];
  testPrefix: string;
}

/** One family member: its relation, and either an existing customer or a new one's name, document and phone. */
export function FamilyFields({ name, path, relationTypes, excludeIds, testPrefix }: FamilyFieldsProps) {
  const t = useT();
  const lang = useLang();
  const form = Form.useFormInstance();
  const mode = Form.useWatch([...path, 'mode'], form) as FamilyRow['mode'] | undefined;
  return (
    <Row gutter={12} className="family-row">
      <Col span={3}>
        <Form.Item name={[...name, 'relationId']} label={t('cust.family.relation')}>
          <Select
            allowClear
            placeholder={t('cust.field.select')}
            options={dictSelectOptions(relationTypes)}
            data-testid={`${testPrefix}-relation`}
          />
        </Form.Item>
      </Col>
      <Col span={5}>
        <Form.Item name={[...name, 'mode']} label={t('cust.family.member')}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid={`${testPrefix}-mode`}>
            <Radio.Button value="new" data-testid={`${testPrefix}-mode-new`}>
              {t('cust.family.new')}
            </Radio.Button>
            <Radio.Button value="existing" data-testid={`${testPrefix}-mode-existing`}>
              {t('cust.family.existing')}
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
      </Col>
      {mode === 'existing' ? (
        <Col span={16}>
          <Form.Item
            name={[...name, 'existingId']}
            label={t('cust.family.existing')}
            required
            rules={[
              {
                validator: async (_rule, value: unknown) => {
                  const result = familyMemberInput.safeParse({ existingId: typeof value === 'string' ? value : undefined });
                  if (!result.success) throw new Error(localizeValidation(lang, result.error.issues[0]?.message ?? ''));
                },
              },
            ]}
          >
            <CustomerSelect placeholder={t('cust.family.pick')} excludeIds={excludeIds} testId={`${testPrefix}-existing`} />
          </Form.Item>
        </Col>
      ) : (
        <>
          <Col span={3}>
            <Form.Item name={[...name, 'name']} label={t('cust.family.name')} required rules={[zodRule(memberShape.name, lang)]}>
              <Input data-testid={`${testPrefix}-name`} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name={[...name, 'idType']} label={t('cust.field.idType')}>
              <Select
                options={idTypeOptions(lang, 'person')}
                popupMatchSelectWidth={false}
                data-testid={`${testPrefix}-id-type`}
              />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item
              name={[...name, 'idNumber']}
              label={t('cust.field.idNumber')}
              required
              validateTrigger="onBlur"
              rules={[idNumberRule(lang, () => form.getFieldValue([...path, 'idType']) as IdDocumentType | undefined)]}
            >
              <Input data-testid={`${testPrefix}-id-number`} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item
              name={[...name, 'phone']}
              label={t('cust.family.phone')}
              validateTrigger="onBlur"
              rules={[optionalPhoneRule(lang)]}
            >
              <Input data-testid={`${testPrefix}-phone`} />
            </Form.Item>
          </Col>
        </>
      )}
    </Row>
  );
}

export function VehicleFields({ name, path, testPrefix }: { name: Path; path: Path; testPrefix: string }) {
  const t = useT();
  const lang = useLang();
  const form = Form.useFormInstance();
  return (
    <Row gutter={12}>
      <Col span={8}>
        <Form.Item
          name={[...name, 'plate']}
          label={t('cust.vehicle.plate')}
          required
          validateTrigger="onBlur"
          rules={[zodRule(vehicleInput.shape.plate, lang)]}
        >
          <Input
            placeholder="粤B12345"
            onBlur={(e) => {
              // 粤b·12345 typed, 粤B12345 stored: show it the way it will be saved.
              const plate = validatePlate(e.target.value);
              if (plate.ok && plate.plate !== e.target.value) form.setFieldValue([...path, 'plate'], plate.plate);
            }}
            data-testid={`${testPrefix}-plate`}
          />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[...name, 'model']} label={t('cust.vehicle.model')} rules={[zodRule(vehicleInput.shape.model, lang)]}>
          <Input data-testid={`${testPrefix}-model`} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={[...name, 'color']} label={t('cust.vehicle.color')} rules={[zodRule(vehicleInput.shape.color, lang)]}>
          <Input data-testid={`${testPrefix}-color`} />
        </Form.Item>
      </Col>
    </Row>
  );
}

export function AccountFields({ name, testPrefix }: { name: Path; testPrefix: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <Row gutter={12}>
      <Col span={8}>
        <Form.Item
          name={[...name, 'bank']}
          label={t('cust.account.bank')}
          required
          rules={[zodRule(bankAccountInput.shape.bank, lang)]}
        >
          <Input data-testid={`${testPrefix}-bank`} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item
          name={[...name, 'accountName']}
          label={t('cust.account.accountName')}
          required
          rules={[zodRule(bankAccountInput.shape.accountName, lang)]}
        >
          <Input data-testid={`${testPrefix}-account-name`} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item
          name={[...name, 'accountNumber']}
          label={t('cust.account.accountNumber')}
          required
          validateTrigger="onBlur"
          extra={t('cust.account.maskedHint')}
          rules={[zodRule(bankAccountInput.shape.accountNumber, lang)]}
        >
          <Input data-testid={`${testPrefix}-account-number`} />
        </Form.Item>
      </Col>
    </Row>
  );
}
