import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ResourceRelation } from '../../../../shared/api/calls/resources.js';
import { dateSchema, resourceFields, type Resource } from '../../../../shared/domain/resources.js';
import { api } from '../../api/client.js';
import { errorText } from '../../api/errorText.js';
import { notifySuccess } from '../../components/feedback.js';
import { zodRule } from '../../components/zodRule.js';
import { useLang, useT } from '../../i18n/index.js';
import { areaText, dateItemProps, roleName, roundArea, todayText } from './resourceText.js';

export interface PartValues {
  code: string;
  name: string;
  buildArea: number | null;
  innerArea: number | null;
  houseType: string;
}

interface SplitValues {
  effectiveOn: string | null;
  parts: PartValues[];
  /** Relation id → index of the part, or 'end'. */
  moves: Record<string, number | 'end' | undefined>;
}

const MAX_PARTS = 20;

/** The relations of resources current on a date, as the split and merge must decide them. */
export function useRelationsOn(
  ids: readonly string[],
  on: string | null,
): { relations: (ResourceRelation & { resourceId: string })[]; loading: boolean } {
  const [relations, setRelations] = useState<(ResourceRelation & { resourceId: string })[]>([]);
  const [loading, setLoading] = useState(false);
  const key = ids.join(',');
  useEffect(() => {
    if (!on || !/^\d{4}-\d{2}-\d{2}$/.test(on)) return undefined;
    let live = true;
    setLoading(true);
    Promise.all(key.split(',').map((id) => api.call('resource.card', { id, on })))
      .then((cards) => {
        if (live) setRelations(cards.flatMap((card) => card.current.map((r) => ({ ...r, resourceId: card.resource.id }))));
      })
      .catch(() => {
        if (live) setRelations([]);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [key, on]);
  return { relations, loading };
}

function defaultParts(room: Resource): PartValues[] {
  const half = (n: number | null) => (n === null ? null : roundArea(n / 2));
  return ['A', 'B'].map((suffix) => ({
    code: `${room.code}${suffix}`,
    name: `${room.name}${suffix}`,
    buildArea: half(room.buildArea),
    innerArea: half(room.innerArea),
    houseType: room.houseType,
  }));
}

/** The fields of one new room, checked with the same rules as any resource. */
export function PartFields({ name, index, testPrefix }: { name: number; index: number; testPrefix: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <Form.Item name={[name, 'code']} style={{ width: 130 }} rules={[zodRule(resourceFields.shape.code, lang)]}>
        <Input placeholder={t('res.field.code')} data-testid={`${testPrefix}-code-${index}`} />
      </Form.Item>
      <Form.Item name={[name, 'name']} style={{ width: 120 }} rules={[zodRule(resourceFields.shape.name, lang)]}>
        <Input placeholder={t('res.field.name')} data-testid={`${testPrefix}-name-${index}`} />
      </Form.Item>
      <Form.Item name={[name, 'buildArea']} style={{ width: 110 }} rules={[zodRule(resourceFields.shape.buildArea, lang)]}>
        <InputNumber
          min={0}
          placeholder={t('res.field.buildArea')}
          style={{ width: '100%' }}
          data-testid={`${testPrefix}-build-${index}`}
        />
      </Form.Item>
      <Form.Item name={[name, 'innerArea']} style={{ width: 110 }} rules={[zodRule(resourceFields.shape.innerArea, lang)]}>
        <InputNumber
          min={0}
          placeholder={t('res.field.innerArea')}
          style={{ width: '100%' }}
          data-testid={`${testPrefix}-inner-${index}`}
        />
      </Form.Item>
      <Form.Item name={[name, 'houseType']} style={{ width: 110 }} rules={[zodRule(resourceFields.shape.houseType, lang)]}>
        <Input placeholder={t('res.field.houseType')} data-testid={`${testPrefix}-house-${index}`} />
      </Form.Item>
    </>
  );
}

/** Column titles over the part rows, aligned with PartFields. */
export function PartHeader({ lead }: { lead: number }) {
  const t = useT();
  const cols: [string, number][] = [
    [t('res.field.code'), 130],
    [t('res.field.name'), 120],
    [`${t('res.field.buildArea')}(${t('res.areaUnit')})`, 110],
    [`${t('res.field.innerArea')}(${t('res.areaUnit')})`, 110],
    [t('res.field.houseType'), 110],
  ];
  return (
    <div className="split-part-head">
      {lead > 0 && <span style={{ width: lead }} />}
      {cols.map(([label, width]) => (
        <span key={label} style={{ width }}>
          {label}
        </span>
      ))}
    </div>
  );
}

/**
 * 拆分: the room ends on the effective date and 2–20 new rooms begin; every customer
 * relation current that day moves to one of them or ends, as the user decides.
 */
export function SplitDialog({
  room,
  onClose,
  onDone,
}: {
  room: Resource;
  onClose: () => void;
  onDone: (created: Resource[]) => void;
}) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<SplitValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const effectiveOn = Form.useWatch('effectiveOn', form) ?? todayText();
  const parts = Form.useWatch('parts', form) ?? [];
  const { relations } = useRelationsOn([room.id], effectiveOn);

  const sum = roundArea(parts.reduce((s, p) => s + (typeof p?.buildArea === 'number' ? p.buildArea : 0), 0));
  const diff = room.buildArea === null ? null : roundArea(sum - room.buildArea);

  const submit = async () => {
    let values: SplitValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const { created } = await api.call('resource.split', {
        id: room.id,
        effectiveOn: values.effectiveOn ?? '',
        parts: values.parts.map((p) => ({
          code: p.code,
          name: p.name,
          buildArea: p.buildArea ?? null,
          innerArea: p.innerArea ?? null,
          houseType: p.houseType ?? '',
        })),
        relationMoves: relations.map((r) => {
          const move = values.moves?.[r.id];
          return { relationId: r.id, toPart: typeof move === 'number' ? move : null };
        }),
      });
      notifySuccess(t('res.split.done', { n: created.length }));
      onDone(created);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const partOptions = [
    ...parts.map((p, i) => ({
      value: i,
      label: t('res.split.moveTo', {
        part: p?.code ? `${p.code}${p.name ? ` ${p.name}` : ''}` : t('res.split.part', { n: i + 1 }),
      }),
    })),
    { value: 'end' as const, label: t('res.split.endIt') },
  ];

  return (
    <Modal
      open
      title={t('res.split.title', { name: `${room.code} ${room.name}` })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('res.split')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'split-ok' }}
      destroyOnHidden
      width={820}
      data-testid="split-dialog"
    >
      {error !== null && (
        <Alert type="error" showIcon title={errorText(lang, error)} style={{ marginBottom: 12 }} data-testid="split-error" />
      )}
      <Descriptions
        size="small"
        bordered
        column={3}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'orig', label: t('res.split.original'), children: `${room.code} ${room.name}` },
          { key: 'build', label: t('res.field.buildArea'), children: areaText(room.buildArea) || '—' },
          { key: 'inner', label: t('res.field.innerArea'), children: areaText(room.innerArea) || '—' },
        ]}
      />
      <Form<SplitValues>
        form={form}
        layout="vertical"
        initialValues={{ effectiveOn: todayText(), parts: defaultParts(room), moves: {} }}
      >
        <Form.Item
          name="effectiveOn"
          label={t('res.split.effectiveOn')}
          required
          rules={[zodRule(dateSchema, lang)]}
          {...dateItemProps}
        >
          <DatePicker style={{ width: 200 }} data-testid="split-date" />
        </Form.Item>
        <div className="wiz-section">{t('res.split.parts')}</div>
        <Form.List
          name="parts"
          rules={[
            {
              validator: async (_rule, value: unknown[]) => {
                if (!value || value.length < 2) throw new Error(t('res.split.minParts'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              <PartHeader lead={44} />
              {fields.map((field, index) => (
                <div className="split-part" key={field.key} data-testid={`split-part-${index}`}>
                  <Typography.Text className="split-part-no" style={{ width: 44, lineHeight: '32px' }}>
                    {t('res.split.part', { n: index + 1 })}
                  </Typography.Text>
                  <PartFields name={field.name} index={index} testPrefix="split-part" />
                  <Button
                    icon={<DeleteOutlined />}
                    disabled={fields.length <= 2}
                    onClick={() => remove(field.name)}
                    aria-label={t('res.wiz.remove')}
                    data-testid={`split-remove-${index}`}
                  />
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_PARTS}
                onClick={() => add({ code: '', name: '', buildArea: null, innerArea: null, houseType: room.houseType })}
                data-testid="split-add-part"
              >
                {t('res.split.addPart')}
              </Button>
            </>
          )}
        </Form.List>
        <div className="split-total" data-testid="split-total">
          <Typography.Text>
            {room.buildArea === null
              ? t('res.split.totalNoOrig', { sum })
              : t('res.split.total', { sum, orig: roundArea(room.buildArea) })}
          </Typography.Text>{' '}
          {diff !== null &&
            (diff === 0 ? (
              <Tag color="success">{t('res.split.totalMatch')}</Tag>
            ) : (
              <Tag color="warning">{t('res.split.totalDiff', { diff: diff > 0 ? `+${diff}` : diff })}</Tag>
            ))}
        </div>
        <div className="wiz-section">{t('res.split.relations')}</div>
        {relations.length === 0 ? (
          <Typography.Paragraph type="secondary" data-testid="split-no-relations">
            {t('res.split.noRelations')}
          </Typography.Paragraph>
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('res.split.relationsHint')}</Typography.Paragraph>
            {relations.map((r) => (
              <div className="relation-move" key={r.id} data-testid={`split-move-${r.customerName}`}>
                <span style={{ width: 200 }}>
                  {r.customerName}（{roleName(lang, r.role)}
                  {r.share !== null ? ` ${r.share}%` : ''}）
                </span>
                <Form.Item
                  name={['moves', r.id]}
                  style={{ flex: '0 0 320px' }}
                  rules={[
                    { required: true, message: t('res.split.choose') },
                    {
                      // A part removed after it was chosen leaves the choice pointing nowhere.
                      validator: async (_rule, value: unknown) => {
                        if (typeof value === 'number' && value >= parts.length) throw new Error(t('res.split.choose'));
                      },
                    },
                  ]}
                >
                  <Select<number | 'end'>
                    placeholder={t('res.split.choose')}
                    options={partOptions}
                    data-testid={`split-move-select-${r.customerName}`}
                  />
                </Form.Item>
              </div>
            ))}
          </>
        )}
      </Form>
    </Modal>
  );
}
