import { useEffect, useMemo, useState } from 'react';
import { Alert, AutoComplete, Col, Form, Input, InputNumber, Modal, Row, Select, TreeSelect } from 'antd';
import type { DictTypeCode } from '../../../../shared/domain/dictionaries.js';
import {
  checkAreas,
  RESOURCE_KINDS,
  RESOURCE_STATUSES,
  RESOURCE_USES,
  resourceFields,
  type Resource,
  type ResourceKind,
  type ResourceStatus,
  type ResourceUse,
} from '../../../../shared/domain/resources.js';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../components/feedback.js';
import { showFieldErrors } from '../../components/serverErrors.js';
import { CustomFieldItems, customValuesForApi, customValuesFromRecord } from '../../components/CustomFieldItems.js';
import { zodRule } from '../../components/zodRule.js';
import { localName, useLang, useT } from '../../i18n/index.js';
import { isHoldable, kindName } from './resourceText.js';
import { ROOT_KEY, useResourceTree } from './useResourceTree.js';

export interface ResourceFormValues {
  kind: ResourceKind;
  parentId: string | null;
  code: string;
  name: string;
  floorNo: number | null;
  buildArea: number | null;
  innerArea: number | null;
  houseType: string;
  orientation: string;
  use: ResourceUse | null;
  status: ResourceStatus | null;
  zone: string;
  custom?: Record<string, unknown>;
}

const FIELDS = ['code', 'name', 'floorNo', 'buildArea', 'innerArea', 'houseType', 'orientation', 'use', 'status', 'zone'];

const DEFAULT_USE: Record<ResourceKind, ResourceUse | null> = {
  building: null,
  unit: null,
  floor: null,
  room: 'residential',
  parking: 'parking',
  shop: 'commercial',
  common: 'public',
  other: 'other',
};

/** Names offered for 户型 / 朝向 from their 基础数据 lists; anything else may be typed. */
export function useDictNames(typeCode: DictTypeCode): { value: string }[] {
  const [names, setNames] = useState<{ value: string }[]>([]);
  useEffect(() => {
    let live = true;
    api
      .call('dict.options', { typeCode })
      .then((items) => {
        if (live) setNames(items.map((item) => ({ value: item.name })));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [typeCode]);
  return names;
}

interface ParentSelectProps {
  projectId: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  initialLabel?: string;
}

/** The parent, picked from the project's tree loaded a level at a time. */
function ParentSelect({ projectId, value, onChange, initialLabel }: ParentSelectProps) {
  const t = useT();
  const tree = useResourceTree(projectId, null, 0);
  const treeData = useMemo(() => {
    type Node = { value: string; title: string; isLeaf: boolean; selectable: boolean; children?: Node[] };
    const build = (key: string): Node[] | undefined =>
      tree.children.get(key)?.map((n) => ({
        value: n.id,
        title: `${n.name}${n.code !== n.name ? ` ${n.code}` : ''}`,
        isLeaf: n.childCount === 0,
        selectable: !(isHoldable(n.kind) && n.kind !== 'other'),
        children: build(n.id),
      }));
    const nodes = build(ROOT_KEY) ?? [];
    // The current parent keeps its name before its level is loaded.
    if (value && initialLabel && !tree.children.has(ROOT_KEY))
      nodes.push({ value, title: initialLabel, isLeaf: true, selectable: true });
    return nodes;
  }, [tree.children, value, initialLabel]);
  return (
    <TreeSelect<string>
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={t('res.form.parentNone')}
      treeData={treeData}
      loadData={(node) => tree.load(String(node.value))}
      treeLoadedKeys={[...tree.children.keys()]}
      popupMatchSelectWidth={false}
      data-testid="resource-form-parent"
    />
  );
}

interface ResourceFormModalProps {
  projectId: string;
  /** Create one of this kind, or edit `resource`. */
  mode: { create: ResourceKind; parent: { id: string; label: string } | null } | { edit: Resource };
  onClose: () => void;
  onSaved: (resource: Resource) => void;
}

/** 新增/修改 one resource, checked with the shared resourceFields schema field by field. */
export function ResourceFormModal({ projectId, mode, onClose, onSaved }: ResourceFormModalProps) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<ResourceFormValues>();
  const [saving, setSaving] = useState(false);
  const houseTypes = useDictNames('houseType');
  const orientations = useDictNames('orientation');
  const editing = 'edit' in mode ? mode.edit : null;
  const ended = (editing?.endedOn ?? null) !== null;
  const kind = (Form.useWatch('kind', form) ?? ('create' in mode ? mode.create : editing?.kind)) as ResourceKind;

  const initialValues: ResourceFormValues = editing
    ? {
        kind: editing.kind,
        parentId: editing.parentId,
        code: editing.code,
        name: editing.name,
        floorNo: editing.floorNo,
        buildArea: editing.buildArea,
        innerArea: editing.innerArea,
        houseType: editing.houseType,
        orientation: editing.orientation,
        use: editing.use,
        status: editing.status,
        zone: editing.zone,
        custom: customValuesFromRecord(editing.custom),
      }
    : {
        kind: 'create' in mode ? mode.create : 'room',
        parentId: 'create' in mode ? (mode.parent?.id ?? null) : null,
        code: '',
        name: '',
        floorNo: null,
        buildArea: null,
        innerArea: null,
        houseType: '',
        orientation: '',
        use: DEFAULT_USE['create' in mode ? mode.create : 'room'],
        status: isHoldable('create' in mode ? mode.create : 'room') ? 'unsold' : null,
        zone: '',
      };

  const submit = async () => {
    if (ended) return;
    let values: ResourceFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const fields = {
      code: values.code,
      name: values.name,
      floorNo: values.floorNo ?? null,
      buildArea: values.buildArea ?? null,
      innerArea: values.innerArea ?? null,
      houseType: values.houseType ?? '',
      orientation: values.orientation ?? '',
      use: values.use ?? null,
      status: values.status ?? null,
      zone: values.zone ?? '',
    };
    setSaving(true);
    try {
      const saved = editing
        ? await api.call('resource.update', { id: editing.id, ...fields, custom: customValuesForApi(values.custom) })
        : await api.call('resource.create', {
            ...fields,
            projectId,
            parentId: values.parentId ?? null,
            kind: values.kind,
            custom: customValuesForApi(values.custom),
          });
      notifySuccess(t('common.saved'));
      onSaved(saved);
    } catch (error) {
      if (!showFieldErrors(form, error, FIELDS, lang)) notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  const areaRule = {
    validator: async () => {
      const problem = checkAreas(
        form.getFieldValue('buildArea') as number | null,
        form.getFieldValue('innerArea') as number | null,
      );
      if (problem) throw new Error(t('res.form.innerTooLarge'));
    },
  };

  const title = editing
    ? t('res.form.editTitle', { name: `${editing.code} ${editing.name}` })
    : t('res.form.addTitle', { kind: kindName(lang, kind) });

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, disabled: ended, 'data-testid': 'resource-form-ok' }}
      destroyOnHidden
      width={680}
      data-testid="resource-form"
    >
      {ended && <Alert type="warning" showIcon title={t('res.form.ended')} style={{ marginBottom: 12 }} />}
      <Form<ResourceFormValues> form={form} layout="vertical" disabled={ended} initialValues={initialValues}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="kind" label={t('res.field.kind')} required>
              <Select
                disabled={Boolean(editing)}
                options={RESOURCE_KINDS.map((k) => ({ value: k.code, label: localName(lang, k) }))}
                onChange={(next: ResourceKind) => {
                  form.setFieldsValue({ use: DEFAULT_USE[next], status: isHoldable(next) ? 'unsold' : null });
                }}
                data-testid="resource-form-kind"
              />
            </Form.Item>
          </Col>
          {!editing && (
            <Col span={12}>
              <Form.Item name="parentId" label={t('res.field.parent')}>
                <ParentSelect projectId={projectId} initialLabel={'create' in mode ? mode.parent?.label : undefined} />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="code" label={t('res.field.code')} required rules={[zodRule(resourceFields.shape.code, lang)]}>
              <Input autoFocus data-testid="resource-form-code" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t('res.field.name')} required rules={[zodRule(resourceFields.shape.name, lang)]}>
              <Input data-testid="resource-form-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="floorNo"
              label={t('res.field.floorNo')}
              tooltip={t('res.form.floorHint')}
              rules={[zodRule(resourceFields.shape.floorNo, lang)]}
            >
              <InputNumber precision={0} style={{ width: '100%' }} data-testid="resource-form-floor" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="buildArea"
              label={`${t('res.field.buildArea')}（${t('res.areaUnit')}）`}
              rules={[zodRule(resourceFields.shape.buildArea, lang)]}
            >
              <InputNumber min={0} style={{ width: '100%' }} data-testid="resource-form-build" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="innerArea"
              label={`${t('res.field.innerArea')}（${t('res.areaUnit')}）`}
              dependencies={['buildArea']}
              rules={[zodRule(resourceFields.shape.innerArea, lang), areaRule]}
            >
              <InputNumber min={0} style={{ width: '100%' }} data-testid="resource-form-inner" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="houseType" label={t('res.field.houseType')} rules={[zodRule(resourceFields.shape.houseType, lang)]}>
              <AutoComplete options={houseTypes} data-testid="resource-form-house" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="orientation"
              label={t('res.field.orientation')}
              rules={[zodRule(resourceFields.shape.orientation, lang)]}
            >
              <AutoComplete options={orientations} data-testid="resource-form-orientation" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="use" label={t('res.field.use')}>
              <Select
                allowClear
                options={RESOURCE_USES.map((u) => ({ value: u.code, label: localName(lang, u) }))}
                data-testid="resource-form-use"
              />
            </Form.Item>
          </Col>
          {isHoldable(kind) && (
            <Col span={8}>
              <Form.Item name="status" label={t('res.field.status')}>
                <Select
                  allowClear
                  options={RESOURCE_STATUSES.map((s) => ({ value: s.code, label: localName(lang, s) }))}
                  data-testid="resource-form-status"
                />
              </Form.Item>
            </Col>
          )}
          {kind === 'parking' && (
            <Col span={8}>
              <Form.Item name="zone" label={t('res.field.zone')} rules={[zodRule(resourceFields.shape.zone, lang)]}>
                <Input data-testid="resource-form-zone" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <CustomFieldItems target="resource" />
      </Form>
    </Modal>
  );
}

/** Custom values are kept as JSON on the resource; an edit sends them back unchanged. */
