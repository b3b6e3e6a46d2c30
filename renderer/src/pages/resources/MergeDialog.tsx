import { useState } from 'react';
import { Alert, DatePicker, Form, Modal, Radio, Table, Typography } from 'antd';
import { dateSchema, type Resource } from '../../../../shared/domain/resources.js';
import { api } from '../../api/client.js';
import { errorText } from '../../api/errorText.js';
import { notifySuccess } from '../../components/feedback.js';
import { zodRule } from '../../components/zodRule.js';
import { useLang, useT } from '../../i18n/index.js';
import { areaText, dateItemProps, roleName, roundArea, todayText } from './resourceText.js';
import { PartFields, PartHeader, useRelationsOn, type PartValues } from './SplitDialog.js';

interface MergeValues {
  effectiveOn: string | null;
  target: PartValues[];
  keep: Record<string, 'keep' | 'end' | undefined>;
}

function summed(rooms: readonly Resource[], pick: (r: Resource) => number | null): number | null {
  const values = rooms.map(pick);
  return values.every((v): v is number => v !== null) ? roundArea(values.reduce((a, v) => a + v, 0)) : null;
}

/**
 * 合并: the rooms end on the effective date and one new room begins, by default with the
 * first room's code and the summed areas; each customer relation current that day is kept
 * on the new room or ended.
 */
export function MergeDialog({
  rooms,
  onClose,
  onDone,
}: {
  rooms: Resource[];
  onClose: () => void;
  onDone: (created: Resource) => void;
}) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<MergeValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const effectiveOn = Form.useWatch('effectiveOn', form) ?? todayText();
  const ids = rooms.map((r) => r.id);
  const { relations } = useRelationsOn(ids, effectiveOn);
  const first = rooms[0];
  const codeOf = new Map(rooms.map((r) => [r.id, r.code]));

  const submit = async () => {
    let values: MergeValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const target = values.target[0];
    if (!target) return;
    setSaving(true);
    setError(null);
    try {
      const { created } = await api.call('resource.merge', {
        ids,
        effectiveOn: values.effectiveOn ?? '',
        target: {
          code: target.code,
          name: target.name,
          buildArea: target.buildArea ?? null,
          innerArea: target.innerArea ?? null,
          houseType: target.houseType ?? '',
        },
        relationMoves: relations.map((r) => ({ relationId: r.id, keep: values.keep?.[r.id] === 'keep' })),
      });
      notifySuccess(t('res.merge.done', { code: created.code }));
      onDone(created);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('res.merge.title', { n: rooms.length })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('res.merge')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'merge-ok' }}
      destroyOnHidden
      width={820}
      data-testid="merge-dialog"
    >
      {error !== null && (
        <Alert type="error" showIcon title={errorText(lang, error)} style={{ marginBottom: 12 }} data-testid="merge-error" />
      )}
      <div className="wiz-section">{t('res.merge.rooms')}</div>
      <Table<Resource>
        size="small"
        bordered
        rowKey="id"
        pagination={false}
        dataSource={rooms}
        style={{ marginBottom: 16 }}
        columns={[
          { title: t('res.field.code'), dataIndex: 'code' },
          { title: t('res.field.name'), dataIndex: 'name' },
          { title: t('res.field.buildArea'), dataIndex: 'buildArea', render: (v: number | null) => areaText(v) },
          { title: t('res.field.innerArea'), dataIndex: 'innerArea', render: (v: number | null) => areaText(v) },
          { title: t('res.field.houseType'), dataIndex: 'houseType' },
        ]}
        data-testid="merge-rooms"
      />
      <Form<MergeValues>
        form={form}
        layout="vertical"
        initialValues={{
          effectiveOn: todayText(),
          target: [
            {
              code: first?.code ?? '',
              name: first?.name ?? '',
              buildArea: summed(rooms, (r) => r.buildArea),
              innerArea: summed(rooms, (r) => r.innerArea),
              houseType: first?.houseType ?? '',
            },
          ],
          keep: {},
        }}
      >
        <Form.Item
          name="effectiveOn"
          label={t('res.split.effectiveOn')}
          required
          rules={[zodRule(dateSchema, lang)]}
          {...dateItemProps}
        >
          <DatePicker style={{ width: 200 }} data-testid="merge-date" />
        </Form.Item>
        <div className="wiz-section">{t('res.merge.target')}</div>
        <PartHeader lead={0} />
        <Form.List name="target">
          {(fields) =>
            fields.map((field, index) => (
              <div className="split-part" key={field.key}>
                <PartFields name={field.name} index={index} testPrefix="merge-target" />
              </div>
            ))
          }
        </Form.List>
        <div className="wiz-section">{t('res.merge.relations')}</div>
        {relations.length === 0 ? (
          <Typography.Paragraph type="secondary" data-testid="merge-no-relations">
            {t('res.split.noRelations')}
          </Typography.Paragraph>
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('res.merge.relationsHint')}</Typography.Paragraph>
            {relations.map((r) => (
              <div className="relation-move" key={r.id} data-testid={`merge-move-${r.customerName}`}>
                <span style={{ width: 280 }}>
                  {r.customerName}（{roleName(lang, r.role)}
                  {r.share !== null ? ` ${r.share}%` : ''}）{t('res.merge.from', { code: codeOf.get(r.resourceId) ?? '' })}
                </span>
                <Form.Item name={['keep', r.id]} rules={[{ required: true, message: t('res.merge.choose') }]}>
                  <Radio.Group
                    options={[
                      { value: 'keep', label: t('res.merge.keep') },
                      { value: 'end', label: t('res.merge.end') },
                    ]}
                    data-testid={`merge-keep-${r.customerName}`}
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
