import { useMemo, useState } from 'react';
import {
  Alert,
  AutoComplete,
  Button,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Segmented,
  Select,
  Statistic,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  planBuilding,
  ROOM_PATTERN_TOKENS,
  type BuildingPlan,
  type BuildingPlanInput,
  type PlannedNode,
} from '../../../../shared/domain/building-plan.js';
import { RESOURCE_USES, type ResourceUse } from '../../../../shared/domain/resources.js';
import { api } from '../../api/client.js';
import { errorText } from '../../api/errorText.js';
import { notifySuccess } from '../../components/feedback.js';
import { localName, useLang, useT, type MessageKey } from '../../i18n/index.js';
import { useDictNames } from './ResourceFormModal.js';

type Num = number | null | undefined;

interface WizardValues {
  buildingCode: string;
  buildingName: string;
  units: Num;
  floorsAbove: Num;
  basementFloors: Num;
  roomsPerFloor: Num;
  skipFloors: string[];
  roomCodePattern: string;
  roomNamePattern: string;
  unitExceptions: { unit: Num; roomsPerFloor: Num; floorsAbove: Num }[];
  floorExceptions: { floor: Num; unit: Num; roomsPerFloor: Num }[];
  defaults: { buildArea: Num; innerArea: Num; houseType: string; use: ResourceUse | undefined; orientation: string };
}

const INITIAL: WizardValues = {
  buildingCode: '',
  buildingName: '',
  units: 2,
  floorsAbove: 18,
  basementFloors: 0,
  roomsPerFloor: 2,
  skipFloors: [],
  roomCodePattern: '{b}-{u}-{f2}{r2}',
  roomNamePattern: '{f}{r2}',
  unitExceptions: [],
  floorExceptions: [],
  defaults: { buildArea: undefined, innerArea: undefined, houseType: '', use: 'residential', orientation: '' },
};

const TOKEN_KEYS: Record<(typeof ROOM_PATTERN_TOKENS)[number], MessageKey> = {
  b: 'res.wiz.token.b',
  u: 'res.wiz.token.u',
  u2: 'res.wiz.token.u2',
  f: 'res.wiz.token.f',
  f2: 'res.wiz.token.f2',
  r: 'res.wiz.token.r',
  r2: 'res.wiz.token.r2',
};

const opt = (n: Num): number | undefined => (typeof n === 'number' ? n : undefined);
const text = (s: string | undefined): string | undefined => (s && s.trim() !== '' ? s : undefined);

/** The form as the shared plan input; what is left empty is left out, so the schema's defaults apply. */
function toPlanInput(v: WizardValues): { input: BuildingPlanInput; notNumbers: string[] } {
  const notNumbers = v.skipFloors.filter((s) => !/^-?\d+$/.test(s.trim()));
  const defaults = {
    buildArea: opt(v.defaults?.buildArea),
    innerArea: opt(v.defaults?.innerArea),
    houseType: text(v.defaults?.houseType),
    use: v.defaults?.use,
    orientation: text(v.defaults?.orientation),
  };
  return {
    notNumbers,
    input: {
      buildingCode: v.buildingCode ?? '',
      buildingName: text(v.buildingName),
      units: v.units as number,
      floorsAbove: v.floorsAbove as number,
      basementFloors: opt(v.basementFloors),
      roomsPerFloor: v.roomsPerFloor as number,
      skipFloors: v.skipFloors.filter((s) => !notNumbers.includes(s)).map((s) => Number(s.trim())),
      roomCodePattern: v.roomCodePattern,
      roomNamePattern: v.roomNamePattern,
      unitExceptions: (v.unitExceptions ?? []).map((e) => ({
        unit: e?.unit as number,
        roomsPerFloor: opt(e?.roomsPerFloor),
        floorsAbove: opt(e?.floorsAbove),
      })),
      floorExceptions: (v.floorExceptions ?? []).map((e) => ({
        floor: e?.floor as number,
        unit: opt(e?.unit),
        roomsPerFloor: opt(e?.roomsPerFloor),
      })),
      defaults: Object.values(defaults).some((x) => x !== undefined) ? defaults : undefined,
    },
  };
}

/** The generated codes of one unit, top floor first. */
function PlanPreviewGrid({ plan }: { plan: BuildingPlan }) {
  const t = useT();
  const units = plan.nodes.filter((n) => n.kind === 'unit');
  const [unit, setUnit] = useState<number>(1);
  const shownUnit = units.some((u) => u.unitNo === unit) ? unit : (units[0]?.unitNo ?? 1);
  const { floors, rooms, maxRooms } = useMemo(() => {
    const byParent = new Map<string, PlannedNode[]>();
    for (const n of plan.nodes) {
      if (n.kind !== 'room' || n.parentKey === null) continue;
      byParent.set(n.parentKey, [...(byParent.get(n.parentKey) ?? []), n]);
    }
    const unitFloors = plan.nodes.filter((n) => n.kind === 'floor' && n.unitNo === shownUnit).reverse();
    return {
      floors: unitFloors,
      rooms: byParent,
      maxRooms: Math.max(0, ...unitFloors.map((f) => byParent.get(f.key)?.length ?? 0)),
    };
  }, [plan, shownUnit]);

  return (
    <div data-testid="wiz-preview-grid">
      {units.length > 1 && (
        <Segmented<number>
          size="small"
          value={shownUnit}
          onChange={setUnit}
          options={units.map((u) => ({ value: u.unitNo ?? 1, label: t('res.wiz.previewUnit', { n: u.unitNo ?? 1 }) }))}
          style={{ marginBottom: 8 }}
          data-testid="wiz-preview-unit"
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>
        {t('res.wiz.previewFloors', { n: floors.length })}
      </Typography.Paragraph>
      <table className="wiz-grid">
        <tbody>
          {floors.map((f) => {
            const floorRooms = rooms.get(f.key) ?? [];
            return (
              <tr key={f.key} data-testid={`wiz-preview-floor-${f.floorLabel ?? ''}`}>
                <th>{f.name}</th>
                {floorRooms.length === 0 ? (
                  <td colSpan={Math.max(1, maxRooms)} className="wiz-empty-floor">
                    {t('res.wiz.noRooms')}
                  </td>
                ) : (
                  floorRooms.map((r) => (
                    <td key={r.key} title={r.name}>
                      {r.code}
                    </td>
                  ))
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface BuildingWizardProps {
  projectId: string;
  onClose: () => void;
  onDone: (buildingId: string) => void;
}

/**
 * 生成楼盘表: a building described the way staff describe it, previewed live with the same
 * pure planBuilding the host runs again on save.
 */
export function BuildingWizard({ projectId, onClose, onDone }: BuildingWizardProps) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<WizardValues>();
  const [values, setValues] = useState<WizardValues>(INITIAL);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const houseTypes = useDictNames('houseType');

  const { input, notNumbers } = useMemo(() => toPlanInput(values), [values]);
  const result = useMemo(() => planBuilding(input), [input]);
  const errors = [...notNumbers.map((value) => t('res.wiz.notNumber', { value })), ...(result.ok ? [] : result.errors)];
  const plan = result.ok ? result.plan : null;
  const canSave = errors.length === 0 && plan !== null;

  const save = async () => {
    if (!canSave || saving) return;
    setSaving(true);
    setSaveError(null);
    try {
      const { buildingId, rooms } = await api.call('resource.generateBuilding', { projectId, plan: input });
      const name = plan.nodes[0]?.name ?? input.buildingCode;
      notifySuccess(t('res.wiz.saved', { name, rooms }));
      onDone(buildingId);
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  const numberItem = (name: keyof WizardValues, label: MessageKey, testId: string, min = 0) => (
    <Form.Item name={name} label={t(label)} required={name !== 'basementFloors'}>
      <InputNumber min={min} precision={0} style={{ width: '100%' }} data-testid={testId} />
    </Form.Item>
  );

  return (
    <Modal
      open
      title={t('res.wiz.title')}
      onCancel={onClose}
      width={1240}
      style={{ top: 32 }}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose} data-testid="wiz-cancel">
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" disabled={!canSave} loading={saving} onClick={() => void save()} data-testid="wiz-save">
          {t('res.wiz.save')}
        </Button>,
      ]}
      data-testid="wizard"
    >
      <div className="wiz-body">
        <div className="wiz-form">
          <Form<WizardValues>
            form={form}
            layout="vertical"
            size="small"
            initialValues={INITIAL}
            onValuesChange={(_changed, all) => setValues({ ...INITIAL, ...all })}
          >
            <div className="wiz-section">{t('res.wiz.building')}</div>
            <Row gutter={10}>
              <Col span={8}>
                <Form.Item name="buildingCode" label={t('res.wiz.buildingCode')} tooltip={t('res.wiz.buildingCodeHint')} required>
                  <Input autoFocus placeholder="1" data-testid="wiz-code" />
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item name="buildingName" label={t('res.wiz.buildingName')}>
                  <Input
                    placeholder={t('res.wiz.buildingNamePlaceholder', { code: values.buildingCode || '1' })}
                    data-testid="wiz-name"
                  />
                </Form.Item>
              </Col>
              <Col span={6}>{numberItem('units', 'res.wiz.units', 'wiz-units', 1)}</Col>
              <Col span={6}>{numberItem('floorsAbove', 'res.wiz.floorsAbove', 'wiz-floors', 1)}</Col>
              <Col span={6}>{numberItem('basementFloors', 'res.wiz.basementFloors', 'wiz-basements')}</Col>
              <Col span={6}>{numberItem('roomsPerFloor', 'res.wiz.roomsPerFloor', 'wiz-rooms', 1)}</Col>
            </Row>
            <Form.Item name="skipFloors" label={t('res.wiz.skipFloors')} extra={t('res.wiz.skipFloorsHint')}>
              <Select
                mode="tags"
                open={false}
                suffixIcon={null}
                tokenSeparators={[',', '，', '、', ' ']}
                placeholder={t('res.wiz.skipFloorsPlaceholder')}
                data-testid="wiz-skip"
              />
            </Form.Item>

            <div className="wiz-section">{t('res.wiz.rules')}</div>
            <Row gutter={10}>
              <Col span={12}>
                <Form.Item name="roomCodePattern" label={t('res.wiz.codePattern')} required>
                  <Input data-testid="wiz-code-pattern" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="roomNamePattern" label={t('res.wiz.namePattern')} required>
                  <Input data-testid="wiz-name-pattern" />
                </Form.Item>
              </Col>
            </Row>
            <div className="wiz-tokens" data-testid="wiz-tokens">
              {t('res.wiz.tokens')}
              {ROOM_PATTERN_TOKENS.map((token) => (
                <span key={token} style={{ marginRight: 10, whiteSpace: 'nowrap' }}>
                  <Typography.Text code>{`{${token}}`}</Typography.Text>
                  {t(TOKEN_KEYS[token])}
                </span>
              ))}
            </div>

            <div className="wiz-section">{t('res.wiz.unitExceptions')}</div>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('res.wiz.unitExceptionsHint')}
            </Typography.Paragraph>
            <Form.List name="unitExceptions">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => (
                    <div className="wiz-exception" key={field.key} data-testid={`wiz-unit-ex-${index}`}>
                      <Form.Item name={[field.name, 'unit']} style={{ width: 110 }}>
                        <InputNumber
                          min={1}
                          precision={0}
                          addonBefore={t('res.wiz.unit')}
                          data-testid={`wiz-unit-ex-unit-${index}`}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'roomsPerFloor']} style={{ width: 130 }}>
                        <InputNumber
                          min={0}
                          precision={0}
                          addonBefore={t('res.wiz.rooms')}
                          data-testid={`wiz-unit-ex-rooms-${index}`}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'floorsAbove']} style={{ width: 130 }}>
                        <InputNumber
                          min={1}
                          precision={0}
                          addonBefore={t('res.wiz.floors')}
                          data-testid={`wiz-unit-ex-floors-${index}`}
                        />
                      </Form.Item>
                      <Button
                        size="small"
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('res.wiz.remove')}
                      />
                    </div>
                  ))}
                  <Button size="small" icon={<PlusOutlined />} onClick={() => add({})} data-testid="wiz-add-unit-ex">
                    {t('res.wiz.addException')}
                  </Button>
                </>
              )}
            </Form.List>

            <div className="wiz-section" style={{ marginTop: 12 }}>
              {t('res.wiz.floorExceptions')}
            </div>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('res.wiz.floorExceptionsHint')}
            </Typography.Paragraph>
            <Form.List name="floorExceptions">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => (
                    <div className="wiz-exception" key={field.key} data-testid={`wiz-floor-ex-${index}`}>
                      <Form.Item name={[field.name, 'floor']} style={{ width: 130 }}>
                        <InputNumber precision={0} addonBefore={t('res.wiz.floor')} data-testid={`wiz-floor-ex-floor-${index}`} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'unit']} style={{ width: 150 }}>
                        <InputNumber
                          min={1}
                          precision={0}
                          addonBefore={t('res.wiz.unit')}
                          placeholder={t('res.wiz.allUnits')}
                          data-testid={`wiz-floor-ex-unit-${index}`}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'roomsPerFloor']} style={{ width: 130 }}>
                        <InputNumber
                          min={0}
                          precision={0}
                          addonBefore={t('res.wiz.rooms')}
                          data-testid={`wiz-floor-ex-rooms-${index}`}
                        />
                      </Form.Item>
                      <Button
                        size="small"
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('res.wiz.remove')}
                      />
                    </div>
                  ))}
                  <Button size="small" icon={<PlusOutlined />} onClick={() => add({})} data-testid="wiz-add-floor-ex">
                    {t('res.wiz.addException')}
                  </Button>
                </>
              )}
            </Form.List>

            <div className="wiz-section" style={{ marginTop: 12 }}>
              {t('res.wiz.defaults')}
            </div>
            <Row gutter={10}>
              <Col span={6}>
                <Form.Item name={['defaults', 'buildArea']} label={t('res.field.buildArea')}>
                  <InputNumber min={0} style={{ width: '100%' }} data-testid="wiz-build-area" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['defaults', 'innerArea']} label={t('res.field.innerArea')}>
                  <InputNumber min={0} style={{ width: '100%' }} data-testid="wiz-inner-area" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['defaults', 'houseType']} label={t('res.field.houseType')}>
                  <AutoComplete options={houseTypes} data-testid="wiz-house-type" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['defaults', 'use']} label={t('res.field.use')}>
                  <Select
                    options={RESOURCE_USES.map((u) => ({ value: u.code, label: localName(lang, u) }))}
                    data-testid="wiz-use"
                  />
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </div>

        <div className="wiz-preview" data-testid="wiz-preview">
          <div className="wiz-section">{t('res.wiz.preview')}</div>
          {saveError !== null && (
            <Alert
              type="error"
              showIcon
              title={t('res.wiz.saveFailed')}
              description={errorText(lang, saveError)}
              style={{ marginBottom: 12 }}
              data-testid="wiz-save-error"
            />
          )}
          {errors.length > 0 && (
            <Alert
              type="error"
              showIcon
              title={t('res.wiz.errors')}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {errors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              }
              style={{ marginBottom: 12 }}
              data-testid="wiz-errors"
            />
          )}
          {plan && (
            <>
              <div className="wiz-counts">
                <Statistic title={t('res.wiz.count.units')} value={plan.counts.units} data-testid="wiz-count-units" />
                <Statistic title={t('res.wiz.count.floors')} value={plan.counts.floors} data-testid="wiz-count-floors" />
                <Statistic title={t('res.wiz.count.rooms')} value={plan.counts.rooms} data-testid="wiz-count-rooms" />
              </div>
              {plan.warnings.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  title={t('res.wiz.warnings')}
                  description={
                    <ul style={{ margin: 0, paddingLeft: 18 }}>
                      {plan.warnings.map((w) => (
                        <li key={w}>{w}</li>
                      ))}
                    </ul>
                  }
                  style={{ marginBottom: 12 }}
                  data-testid="wiz-warnings"
                />
              )}
              <PlanPreviewGrid plan={plan} />
            </>
          )}
          {!plan && errors.length === 0 && <Empty />}
        </div>
      </div>
    </Modal>
  );
}
