import { useState, type KeyboardEvent } from 'react';
import { AutoComplete, Button, DatePicker, Drawer, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { DefectView, InspectionView } from '../../../../../shared/api/calls/handover.js';
import { DEFECT_SEVERITIES, defectFields, type DefectSeverity } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { notifyError, notifySuccess } from '../../../components/feedback.js';
import { useConfirm } from '../../../components/useConfirm.js';
import { zodRule } from '../../../components/zodRule.js';
import { localName, useLang, useT } from '../../../i18n/index.js';
import { dictSelectOptions } from '../../customers/useDictOptions.js';
import { DefectAgeTag, DefectStatusTag } from '../shared/HandoverTags.js';
import type { PreparedPhoto } from '../shared/photos.js';
import { FloorPlanPin, type Pin } from './FloorPlanPin.js';
import { isLocked, useInspection, type DefectTarget } from './inspectionStore.js';
import { areasOf } from './keyboard.js';
import { PhotoPicker } from './PhotoPicker.js';
import { PhotoThumb } from './PhotoThumb.js';
import { nameOptions, useDictItems } from './useHandoverDicts.js';

interface FormValues {
  area: string;
  categoryId: string | null;
  description: string;
  severity: DefectSeverity;
  contractor: string;
  dueDate: Dayjs | null;
}

/** The defect drawer of the inspection screen: 登记缺陷 for a failed item, or a defect to see and change. */
export function DefectDrawer() {
  const t = useT();
  const target = useInspection((s) => s.defectForm);
  const view = useInspection((s) => s.view);
  const close = useInspection((s) => s.closeDefect);
  const defect = target?.defectId && view ? findDefect(view, target.defectId) : null;

  return (
    <Drawer
      open={target !== null}
      onClose={close}
      size={600}
      destroyOnHidden
      title={defect ? t('insp.defect.editTitle') : t('insp.defect.newTitle')}
      data-testid="defect-form"
    >
      {target && view && (
        <DefectForm key={target.defectId ?? `new:${target.itemId ?? target.area}`} view={view} target={target} defect={defect} />
      )}
    </Drawer>
  );
}

function findDefect(view: InspectionView, id: string): DefectView | null {
  return view.defects.find((d) => d.id === id) ?? view.carriedDefects.find((d) => d.id === id) ?? null;
}

const DATE = 'YYYY-MM-DD';

function DefectForm({ view, target, defect }: { view: InspectionView; target: DefectTarget; defect: DefectView | null }) {
  const t = useT();
  const lang = useLang();
  const { confirm } = useConfirm();
  const [form] = Form.useForm<FormValues>();
  const [pin, setPin] = useState<Pin | null>(
    defect && defect.pinX !== null && defect.pinY !== null ? { x: defect.pinX, y: defect.pinY } : null,
  );
  const [queued, setQueued] = useState<PreparedPhoto[]>([]);
  const [saving, setSaving] = useState(false);
  const [contractorText, setContractorText] = useState(defect?.contractor ?? '');
  const categories = useDictItems('defectCategory', defect?.categoryId ? [defect.categoryId] : []);
  const contractors = useDictItems('contractor');
  const inspectionId = view.inspection.id;
  const carried = defect !== null && defect.inspectionId !== inspectionId;
  const readOnly = isLocked(view) || carried;
  const itemId = defect ? defect.itemId : target.itemId;
  const item = itemId ? view.items.find((i) => i.id === itemId) : undefined;
  const floorPlan = view.template.floorPlan;
  const otherPins = view.defects
    .filter((d) => d.id !== defect?.id && d.pinX !== null && d.pinY !== null)
    .map((d) => ({ x: d.pinX!, y: d.pinY! }));

  const done = async (text: string) => {
    notifySuccess(text);
    await useInspection.getState().reload();
    useInspection.getState().closeDefect();
  };

  /** Photos go one by one: one that fails is reported and the others are still saved. */
  const sendPhotos = async (defectId: string, photos: readonly PreparedPhoto[]) => {
    let failed = 0;
    for (const photo of photos) {
      try {
        await api.call('defect.addPhoto', {
          defectId,
          mime: photo.mime,
          dataBase64: photo.dataBase64,
          takenAt: photo.takenAt,
          stage: 'before',
        });
      } catch (error) {
        failed += 1;
        notifyError(error);
      }
    }
    return failed;
  };

  const save = async () => {
    if (saving || readOnly) return;
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const fields = {
      area: values.area,
      pin,
      categoryId: values.categoryId ?? null,
      description: values.description,
      severity: values.severity,
      contractor: values.contractor ?? '',
      dueDate: values.dueDate ? values.dueDate.format(DATE) : null,
    };
    setSaving(true);
    try {
      if (defect) {
        await api.call('defect.update', { id: defect.id, ...fields });
        await done(t('common.saved'));
      } else {
        const created = await api.call('defect.create', { inspectionId, itemId: target.itemId, ...fields });
        const failed = await sendPhotos(created.id, queued);
        await done(failed > 0 ? t('insp.defect.savedSomePhotos', { n: failed }) : t('insp.defect.created'));
      }
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  /** On a saved defect every photo is kept at once; on a new one they wait for 保存. */
  const addPhotos = async (photos: PreparedPhoto[]) => {
    if (!defect) {
      setQueued((list) => [...list, ...photos]);
      return;
    }
    setSaving(true);
    const failed = await sendPhotos(defect.id, photos);
    if (failed < photos.length) notifySuccess(t('insp.photo.added', { n: photos.length - failed }));
    await useInspection.getState().reload();
    setSaving(false);
  };

  const removePhoto = async (photoId: string) => {
    try {
      await api.call('defect.removePhoto', { id: photoId });
      await useInspection.getState().reload();
    } catch (error) {
      notifyError(error);
    }
  };

  const remove = () => {
    if (!defect) return;
    confirm({
      title: t('insp.defect.confirmRemove'),
      content: defect.description,
      danger: true,
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.call('defect.remove', { id: defect.id });
          await done(t('insp.defect.removed'));
        } catch (error) {
          notifyError(error);
        }
      },
    });
  };

  // Ctrl+Enter saves from anywhere in the form, so the keyboard walk never needs the mouse.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  };

  const photoCount = (defect?.photos.length ?? 0) + queued.length;

  return (
    <div onKeyDown={onKeyDown}>
      {defect && (
        <Space className="insp-defect-status" wrap>
          <DefectStatusTag status={defect.status} />
          <DefectAgeTag
            ageDays={defect.ageDays}
            overdue={defect.overdue}
            closed={defect.status === 'closed'}
            dueDate={defect.dueDate}
          />
          {carried && <Typography.Text type="secondary">{t('insp.defect.carriedNote')}</Typography.Text>}
        </Space>
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={readOnly}
        initialValues={{
          area: defect?.area ?? target.area,
          categoryId: defect?.categoryId ?? null,
          description: defect?.description ?? '',
          severity: defect?.severity ?? 'minor',
          contractor: defect?.contractor ?? '',
          dueDate: defect?.dueDate ? dayjs(defect.dueDate) : null,
        }}
        requiredMark
      >
        <div className="insp-form-row">
          <Form.Item
            name="area"
            label={t('insp.defect.area')}
            rules={[zodRule(defectFields.shape.area, lang)]}
            className="insp-form-grow"
          >
            <AutoComplete
              options={areasOf(view.items).map((a) => ({ value: a }))}
              filterOption={(input, option) => String(option?.value ?? '').includes(input)}
              data-testid="defect-area"
            />
          </Form.Item>
          <Form.Item label={t('insp.defect.item')} className="insp-form-grow">
            <Input value={item?.name ?? defect?.itemName ?? t('insp.defect.noItem')} disabled data-testid="defect-item" />
          </Form.Item>
        </div>
        <Form.Item name="categoryId" label={t('insp.defect.category')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('insp.defect.categoryPlaceholder')}
            options={dictSelectOptions(categories)}
            notFoundContent={t('insp.defect.noCategories')}
            data-testid="defect-category"
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('insp.defect.description')}
          rules={[zodRule(defectFields.shape.description, lang)]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={500}
            showCount
            autoFocus={!readOnly}
            placeholder={t('insp.defect.descriptionPlaceholder', { item: item?.name ?? '' })}
            data-testid="defect-description"
          />
        </Form.Item>
        <Form.Item name="severity" label={t('insp.defect.severity')}>
          <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="defect-severity">
            {DEFECT_SEVERITIES.map((s) => (
              <Radio.Button key={s.code} value={s.code}>
                <span data-testid={`severity-${s.code}`}>{localName(lang, s)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <div className="insp-form-row">
          <Form.Item
            name="contractor"
            label={t('insp.defect.contractor')}
            rules={[zodRule(defectFields.shape.contractor, lang)]}
            className="insp-form-grow"
          >
            <AutoComplete
              options={nameOptions(contractors, contractorText)}
              onSearch={setContractorText}
              placeholder={t('insp.defect.contractorPlaceholder')}
              allowClear
              data-testid="defect-contractor"
            />
          </Form.Item>
          <Form.Item name="dueDate" label={t('insp.defect.dueDate')} className="insp-form-grow">
            <DatePicker
              style={{ width: '100%' }}
              format={DATE}
              presets={[3, 7, 15, 30].map((n) => ({ label: t('insp.defect.inDays', { n }), value: dayjs().add(n, 'day') }))}
              data-testid="defect-due"
            />
          </Form.Item>
        </div>
      </Form>

      <section className="insp-form-section" data-testid="defect-photos">
        <Typography.Text strong>{t('insp.photo.title', { n: photoCount })}</Typography.Text>
        <div className="insp-thumbs">
          {defect?.photos.map((photo) => (
            <PhotoThumb
              key={photo.id}
              attachment={photo}
              takenAt={photo.takenAt}
              onRemove={readOnly ? undefined : () => void removePhoto(photo.id)}
            />
          ))}
          {queued.map((photo) => (
            <PhotoThumb
              key={photo.previewUrl}
              previewUrl={photo.previewUrl}
              takenAt={photo.takenAt}
              onRemove={() => setQueued((list) => list.filter((p) => p !== photo))}
            />
          ))}
          {photoCount === 0 && <Typography.Text type="secondary">{t('insp.photo.none')}</Typography.Text>}
        </div>
        {!readOnly && <PhotoPicker onPhotos={(photos) => void addPhotos(photos)} disabled={saving} />}
      </section>

      {floorPlan && (
        <section className="insp-form-section">
          <Typography.Text strong>{t('insp.plan.title')}</Typography.Text>
          <FloorPlanPin floorPlan={floorPlan} value={pin} onChange={setPin} others={otherPins} readOnly={readOnly} />
        </section>
      )}

      <div className="insp-drawer-foot">
        {defect && !readOnly ? (
          <Button danger icon={<DeleteOutlined />} onClick={remove} data-testid="defect-remove">
            {t('insp.defect.remove')}
          </Button>
        ) : (
          <span />
        )}
        <Space>
          {!readOnly && <Typography.Text type="secondary">{t('insp.defect.saveHint')}</Typography.Text>}
          <Button onClick={() => useInspection.getState().closeDefect()} data-testid="defect-cancel">
            {readOnly ? t('common.close') : t('common.cancel')}
          </Button>
          {!readOnly && (
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="defect-save">
              {t('common.save')}
            </Button>
          )}
        </Space>
      </div>
    </div>
  );
}
