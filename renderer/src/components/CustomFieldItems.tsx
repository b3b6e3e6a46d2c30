import { useEffect, useState } from 'react';
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import type { CustomFieldDef, CustomFieldTarget } from '../../../shared/domain/custom-fields.js';
import { checkCustomFieldValue } from '../../../shared/domain/custom-fields.js';
import { api } from '../api/client.js';
import { notifyError } from './feedback.js';

/**
 * The open custom fields (自定义信息) of customers or resources, as form items under
 * `custom.<definition id>`. Each value is checked with the same rule the host applies.
 */
export function CustomFieldItems({ target, readOnly = false }: { target: CustomFieldTarget; readOnly?: boolean }) {
  const [fields, setFields] = useState<{ def: CustomFieldDef; options: string[] }[]>([]);

  useEffect(() => {
    let live = true;
    api.call('customField.formFields', { target }).then(
      (loaded) => live && setFields(loaded),
      (error: unknown) => notifyError(error),
    );
    return () => {
      live = false;
    };
  }, [target]);

  if (fields.length === 0) return null;
  return (
    <Row gutter={16} data-testid={`custom-fields-${target}`}>
      {fields.map(({ def, options }) => (
        <Col span={12} key={def.id}>
          <Form.Item
            name={['custom', def.id]}
            label={def.title}
            rules={[
              {
                validator: async (_rule, value: unknown) => {
                  const result = checkCustomFieldValue(def, value === undefined || value === null ? '' : String(value), options);
                  if (!result.ok) throw new Error(result.message);
                },
              },
            ]}
          >
            {def.fieldType === 'select' ? (
              <Select allowClear disabled={readOnly} options={options.map((o) => ({ value: o, label: o }))} />
            ) : def.fieldType === 'text' ? (
              <Input disabled={readOnly} />
            ) : (
              <InputNumber<string>
                stringMode
                disabled={readOnly}
                style={{ width: '100%' }}
                precision={def.fieldType === 'integer' ? 0 : undefined}
              />
            )}
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

/** Form values → what the API takes: every value as text, empty ones left out. */
export function customValuesForApi(values: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, value] of Object.entries(values ?? {})) {
    if (value !== undefined && value !== null && String(value).trim() !== '') out[id] = String(value);
  }
  return out;
}

/** The stored JSON of a record's custom values, for a form's initial values. */
export function customValuesFromRecord(json: string | undefined): Record<string, string> {
  try {
    return JSON.parse(json ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}
