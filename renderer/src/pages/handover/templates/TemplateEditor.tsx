import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  AutoComplete,
  Button,
  Col,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Space,
  Spin,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { CloudUploadOutlined, PictureOutlined, SaveOutlined, SendOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { TemplateSummary } from '../../../../../shared/api/calls/handover.js';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_MB } from '../../../../../shared/domain/attachments.js';
import { templateInput, type InspectionTemplate, type TemplateArea } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { fieldErrorText } from '../../../api/errorText.js';
import { readFileBase64 } from '../../../components/download.js';
import { notifyError, notifySuccess, notifyWarning } from '../../../components/feedback.js';
import { formatTime } from '../../../components/formatTime.js';
import { useConfirm } from '../../../components/useConfirm.js';
import { useShortcuts } from '../../../components/useShortcuts.js';
import { useLang, useT } from '../../../i18n/index.js';
import { AttachmentImage } from '../shared/AttachmentImage.js';
import { SaveError } from '../shared/SaveError.js';
import { useDictItems } from '../shared/useDictItems.js';
import { blankEntry, EntryList } from './EntryList.js';
import {
  areasOf,
  areasProblem,
  contentKey,
  countItems,
  draftFromAreas,
  draftOf,
  newKey,
  type DraftArea,
  type TemplateDraft,
} from './templateDraft.js';
import { TemplateStatusTag } from './TemplateStatusTag.js';

export type EditorTarget = { id: string } | { create: true; areas?: readonly TemplateArea[]; name?: string; remark?: string };

const PLAN_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
type PlanMime = (typeof PLAN_MIMES)[number];

interface TemplateEditorProps {
  target: EditorTarget;
  /** Every version, to tell whether the family has a newer draft. */
  summaries: readonly TemplateSummary[];
  onClose: () => void;
  /** Saved or published: the list reloads and follows the version now shown. */
  onSaved: (id: string) => void;
  onOpen: (id: string) => void;
}

/**
 * 验房模板 editor: areas on the left, the chosen area's check items on the right, both kept in
 * order from the keyboard. A draft is saved in place; a published (or retired) version is never
 * changed — saving it makes the family's next version as a draft, which 发布 puts into use.
 */
export function TemplateEditor({ target, summaries, onClose, onSaved, onOpen }: TemplateEditorProps) {
  const t = useT();
  const lang = useLang();
  const { confirm, confirming } = useConfirm();
  const houseTypes = useDictItems('houseType');
  const [template, setTemplate] = useState<InspectionTemplate | null>(null);
  const [loading, setLoading] = useState('id' in target);
  const [draft, setDraft] = useState<TemplateDraft>(() => {
    if ('create' in target) {
      const d = draftOf(null);
      if (target.areas && target.areas.length > 0) d.areas = draftFromAreas(target.areas);
      if (target.name) d.name = target.name;
      if (target.remark) d.remark = target.remark;
      return d;
    }
    return draftOf(null);
  });
  const [baseline, setBaseline] = useState(() => ('create' in target ? '' : contentKey(draftOf(null))));
  const [areaKey, setAreaKey] = useState<string | null>(() => draft.areas[0]?.key ?? null);
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [focusItem, setFocusItem] = useState<string | null>(null);
  const targetId = 'id' in target ? target.id : null;
  const loadedId = useRef<string | null>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    if (!targetId || loadedId.current === targetId) return undefined;
    let live = true;
    setLoading(true);
    api
      .call('template.get', { id: targetId })
      .then((tpl) => {
        if (!live) return;
        loadedId.current = tpl.id;
        const d = draftOf(tpl);
        setTemplate(tpl);
        setDraft(d);
        setBaseline(contentKey(d));
        setAreaKey(d.areas[0]?.key ?? null);
      })
      .catch((e: unknown) => {
        if (!live) return;
        notifyError(e);
        closeRef.current();
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [targetId]);

  const creating = template === null && 'create' in target;
  const dirty = creating || contentKey(draft) !== baseline;
  const status = template?.status ?? 'draft';
  const forks = template !== null && (status !== 'draft' || (summaries.find((s) => s.id === template.id)?.used ?? 0) > 0);
  const newerDraft = template
    ? summaries.find((s) => s.familyId === template.familyId && s.status === 'draft' && s.version > template.version)
    : undefined;
  const area = draft.areas.find((a) => a.key === areaKey) ?? draft.areas[0];
  const problem = areasProblem(draft);
  const nameProblem = templateInput.shape.name.safeParse(draft.name);
  const nameError = nameProblem.success ? null : fieldErrorText(lang, nameProblem.error.issues[0]?.message ?? '');
  const areaNames = useMemo(() => {
    const counts = new Map<string, number>();
    for (const a of draft.areas) counts.set(a.name.trim(), (counts.get(a.name.trim()) ?? 0) + 1);
    return counts;
  }, [draft.areas]);

  const setAreas = (areas: DraftArea[]) => setDraft((d) => ({ ...d, areas }));
  const setItems = (items: DraftArea['items']) =>
    setDraft((d) => ({ ...d, areas: d.areas.map((a) => (a.key === area?.key ? { ...a, items } : a)) }));

  const adopt = (saved: InspectionTemplate, note: string) => {
    const d = draftOf(saved);
    loadedId.current = saved.id;
    setTemplate(saved);
    setDraft(d);
    setBaseline(contentKey(d));
    const index = Math.max(
      0,
      draft.areas.findIndex((a) => a.key === area?.key),
    );
    setAreaKey(d.areas[index]?.key ?? d.areas[0]?.key ?? null);
    notifySuccess(note);
    onSaved(saved.id);
  };

  const save = async (): Promise<InspectionTemplate | null> => {
    if (problem || nameError) {
      setShowErrors(true);
      return null;
    }
    setSaving(true);
    setError(null);
    const input = { name: draft.name, houseType: draft.houseType, remark: draft.remark, areas: areasOf(draft) };
    try {
      if (!template) {
        const created = await api.call('template.create', input);
        adopt(created, t('ho.tpl.created', { version: created.version }));
        return created;
      }
      const saved = await api.call('template.save', { ...input, id: template.id });
      adopt(
        saved,
        saved.id !== template.id
          ? t('ho.tpl.forked', { version: saved.version, old: template.version })
          : t('ho.tpl.savedDraft', { version: saved.version }),
      );
      return saved;
    } catch (e) {
      setError(e);
      return null;
    } finally {
      setSaving(false);
    }
  };

  const publish = () => {
    const version = dirty && forks ? (template?.version ?? 0) + 1 : (template?.version ?? 1);
    confirm({
      title: t('ho.tpl.confirmPublish', { name: draft.name || t('ho.tpl.untitled'), version }),
      content: t('ho.tpl.confirmPublishHint'),
      okText: t('ho.tpl.publish'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        let id = template?.id ?? null;
        if (dirty || !id) {
          const saved = await save();
          if (!saved) return;
          id = saved.id;
        }
        try {
          const published = await api.call('template.publish', { id });
          adopt(published, t('ho.tpl.published', { version: published.version }));
        } catch (e) {
          setError(e);
        }
      },
    });
  };

  const uploadPlan = async (file: File) => {
    if (!template) return;
    const mime = (PLAN_MIMES as readonly string[]).includes(file.type) ? (file.type as PlanMime) : null;
    if (!mime) return notifyWarning(t('ho.tpl.planBadType', { name: file.name }));
    if (file.size > MAX_ATTACHMENT_BYTES) return notifyWarning(t('ho.tpl.planTooLarge', { mb: MAX_ATTACHMENT_MB }));
    if (dirty) return notifyWarning(t('ho.tpl.planSaveFirst'));
    setUploading(true);
    try {
      const dataBase64 = await readFileBase64(file);
      const saved = await api.call('template.setFloorPlan', { id: template.id, mime, dataBase64 });
      adopt(saved, saved.id !== template.id ? t('ho.tpl.planForked', { version: saved.version }) : t('ho.tpl.planSaved'));
    } catch (e) {
      notifyError(e);
    } finally {
      setUploading(false);
    }
  };

  const close = () => {
    if (!dirty || (creating && contentKey(draft) === contentKey(draftOf(null)))) {
      onClose();
      return;
    }
    confirm({
      title: t('ho.tpl.confirmDiscard'),
      danger: true,
      okText: t('ho.tpl.discard'),
      cancelText: t('common.cancel'),
      onOk: async () => onClose(),
    });
  };

  useShortcuts([{ key: 's', ctrl: true, run: () => void save() }], !confirming && !bulkOpen && !loading);

  const saveLabel = forks && dirty ? t('ho.tpl.saveAsNew', { version: (template?.version ?? 0) + 1 }) : t('common.save');
  const publishDisabled = saving || (status !== 'draft' && !dirty);

  const title = (
    <Space size={8}>
      <span data-testid="template-editor-title">
        {creating ? t('ho.tpl.createTitle') : t('ho.tpl.editTitle', { name: template?.name ?? '' })}
      </span>
      {template && <Tag data-testid="template-editor-version">v{template.version}</Tag>}
      {template && <TemplateStatusTag status={template.status} />}
      {dirty && !creating && <Tag color="orange">{t('ho.tpl.unsaved')}</Tag>}
    </Space>
  );

  return (
    <Drawer
      open
      onClose={close}
      size={1100}
      title={title}
      mask={{ closable: false }}
      extra={
        <Space>
          <Button
            type={status === 'draft' ? 'primary' : 'default'}
            icon={<SaveOutlined />}
            loading={saving}
            disabled={!dirty || loading}
            onClick={() => void save()}
            data-testid="template-save"
          >
            {saveLabel}
          </Button>
          <Button
            type={status === 'draft' ? 'default' : 'primary'}
            icon={<SendOutlined />}
            disabled={publishDisabled || loading}
            onClick={publish}
            data-testid="template-publish"
          >
            {t('ho.tpl.publish')}
          </Button>
        </Space>
      }
      data-testid="template-editor"
    >
      <Spin spinning={loading}>
        {template && status === 'published' && (
          <Alert
            type="warning"
            showIcon
            className="tpl-alert"
            title={t('ho.tpl.publishedBanner', { version: template.version, next: template.version + 1 })}
            data-testid="template-published-banner"
          />
        )}
        {template && status === 'retired' && (
          <Alert
            type="info"
            showIcon
            className="tpl-alert"
            title={t('ho.tpl.retiredBanner', { version: template.version, next: template.version + 1 })}
            data-testid="template-retired-banner"
          />
        )}
        {template && status === 'draft' && (
          <Alert
            type="info"
            showIcon
            className="tpl-alert"
            title={t('ho.tpl.draftBanner', { version: template.version })}
            data-testid="template-draft-banner"
          />
        )}
        {newerDraft && (
          <Alert
            type="info"
            className="tpl-alert"
            title={t('ho.tpl.hasNewerDraft', { version: newerDraft.version })}
            action={
              <Button size="small" onClick={() => onOpen(newerDraft.id)} data-testid="template-open-newer">
                {t('ho.tpl.openNewer', { version: newerDraft.version })}
              </Button>
            }
          />
        )}
        <SaveError error={error} testId="template-error" />
        <Form layout="vertical" className="tpl-head">
          <Row gutter={16}>
            <Col span={9}>
              <Form.Item
                label={t('ho.tpl.name')}
                required
                validateStatus={showErrors && nameError ? 'error' : undefined}
                help={showErrors && nameError ? nameError : undefined}
              >
                <Input
                  autoFocus={creating}
                  maxLength={50}
                  value={draft.name}
                  onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
                  placeholder={t('ho.tpl.namePlaceholder')}
                  data-testid="template-name"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label={t('ho.tpl.houseType')} tooltip={t('ho.tpl.houseTypeTip')}>
                <AutoComplete
                  value={draft.houseType}
                  onChange={(v: string) => setDraft((d) => ({ ...d, houseType: v }))}
                  options={houseTypes.map((h) => ({ value: h.name }))}
                  placeholder={t('ho.tpl.houseTypePlaceholder')}
                  maxLength={30}
                  allowClear
                  data-testid="template-house-type"
                />
              </Form.Item>
            </Col>
            <Col span={9}>
              <Form.Item label={t('common.remark')}>
                <Input
                  maxLength={200}
                  value={draft.remark}
                  onChange={(e) => setDraft((d) => ({ ...d, remark: e.target.value }))}
                  data-testid="template-remark"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>

        <div className="tpl-editor">
          <div className="tpl-pane tpl-areas">
            <div className="tpl-pane-head">
              <span>{t('ho.tpl.areas')}</span>
              <span className="ho-sub">{t('ho.tpl.counts', { areas: draft.areas.length, items: countItems(draft) })}</span>
            </div>
            <EntryList<DraftArea>
              entries={draft.areas}
              onChange={setAreas}
              make={() => ({ key: newKey(), name: '', items: [blankEntry()] })}
              maxLength={20}
              placeholder={t('ho.tpl.areaPlaceholder')}
              addLabel={t('ho.tpl.addArea')}
              selectedKey={area?.key ?? null}
              onSelect={setAreaKey}
              extra={(a) => <span className="ho-sub">{t('ho.tpl.itemCount', { n: a.items.length })}</span>}
              invalid={(a) => showErrors && (a.name.trim() === '' || (areaNames.get(a.name.trim()) ?? 0) > 1)}
              testId="template-area"
            />
          </div>
          <div className="tpl-pane tpl-items">
            <div className="tpl-pane-head">
              <span>{area ? t('ho.tpl.itemsOf', { area: area.name || t('ho.tpl.unnamedArea') }) : t('ho.tpl.items')}</span>
              {area && (
                <Button
                  size="small"
                  icon={<UnorderedListOutlined />}
                  onClick={() => setBulkOpen(true)}
                  data-testid="template-bulk"
                >
                  {t('ho.tpl.bulkAdd')}
                </Button>
              )}
            </div>
            {area ? (
              <EntryList
                key={area.key}
                entries={area.items}
                onChange={setItems}
                make={blankEntry}
                maxLength={30}
                placeholder={t('ho.tpl.itemPlaceholder')}
                addLabel={t('ho.tpl.addItem')}
                focusKey={focusItem}
                onFocused={() => setFocusItem(null)}
                invalid={(i) =>
                  showErrors && (i.name.trim() === '' || area.items.filter((x) => x.name.trim() === i.name.trim()).length > 1)
                }
                testId="template-item"
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ho.tpl.pickArea')} />
            )}
          </div>
          <div className="tpl-pane tpl-plan">
            <div className="tpl-pane-head">
              <span>{t('ho.tpl.floorPlan')}</span>
              <Upload
                accept=".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp"
                showUploadList={false}
                disabled={!template || uploading}
                beforeUpload={(file) => {
                  void uploadPlan(file);
                  return Upload.LIST_IGNORE;
                }}
              >
                <Button
                  size="small"
                  icon={<CloudUploadOutlined />}
                  loading={uploading}
                  disabled={!template}
                  data-testid="template-floor-plan-upload"
                >
                  {template?.floorPlanHash ? t('ho.tpl.replacePlan') : t('ho.tpl.uploadPlan')}
                </Button>
              </Upload>
            </div>
            {template?.floorPlanHash ? (
              <div className="tpl-plan-preview" data-testid="template-floor-plan">
                <AttachmentImage
                  hash={template.floorPlanHash}
                  width={236}
                  height={236}
                  fit="contain"
                  alt={t('ho.tpl.floorPlan')}
                  testId="template-floor-plan-img"
                />
              </div>
            ) : (
              <div className="tpl-plan-empty">
                <PictureOutlined />
                <span>{template ? t('ho.tpl.noPlan') : t('ho.tpl.planAfterSave')}</span>
              </div>
            )}
            <Typography.Paragraph type="secondary" className="tpl-plan-hint">
              {t('ho.tpl.planHint')}
            </Typography.Paragraph>
          </div>
        </div>
        <div className="tpl-foot">
          <span className="ho-hint">
            <span>
              <kbd className="ho-kbd">Enter</kbd> {t('ho.tpl.keyEnter')}
            </span>
            <span>
              <kbd className="ho-kbd">↑</kbd>
              <kbd className="ho-kbd">↓</kbd> {t('ho.tpl.keyArrows')}
            </span>
            <span>
              <kbd className="ho-kbd">Alt+↑</kbd>
              <kbd className="ho-kbd">Alt+↓</kbd> {t('ho.tpl.keyMove')}
            </span>
            <span>
              <kbd className="ho-kbd">Backspace</kbd> {t('ho.tpl.keyBackspace')}
            </span>
            <span>
              <kbd className="ho-kbd">Ctrl+S</kbd> {t('common.save')}
            </span>
          </span>
          {template && <span className="ho-sub">{t('ho.tpl.updated', { at: formatTime(template.updatedAt) })}</span>}
        </div>
        {showErrors && problem && (
          <Alert
            type="error"
            showIcon
            title={fieldErrorText(lang, problem)}
            style={{ marginTop: 8 }}
            data-testid="template-problem"
          />
        )}
      </Spin>
      {bulkOpen && area && (
        <BulkItemsModal
          areaName={area.name}
          onClose={() => setBulkOpen(false)}
          onAdd={(names) => {
            const existing = new Set(area.items.map((i) => i.name.trim()));
            const kept = area.items.filter((i) => i.name.trim() !== '');
            const added = names.filter((n) => !existing.has(n)).map((name) => ({ key: newKey(), name }));
            setItems([...kept, ...added]);
            setBulkOpen(false);
            if (added[0]) setFocusItem(added[added.length - 1]?.key ?? null);
          }}
        />
      )}
    </Drawer>
  );
}

/** 批量添加: one check item a line, pasted from a spreadsheet or typed. */
function BulkItemsModal({
  areaName,
  onClose,
  onAdd,
}: {
  areaName: string;
  onClose: () => void;
  onAdd: (names: string[]) => void;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const names = [
    ...new Set(
      text
        .split(/[\n\r,，、;；\t]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].map((s) => s.slice(0, 30));
  return (
    <Modal
      open
      title={t('ho.tpl.bulkTitle', { area: areaName || t('ho.tpl.unnamedArea') })}
      onCancel={onClose}
      onOk={() => onAdd(names)}
      okText={t('ho.tpl.bulkOk', { n: names.length })}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: names.length === 0, 'data-testid': 'template-bulk-ok' }}
      destroyOnHidden
      data-testid="template-bulk-form"
    >
      <Typography.Paragraph type="secondary">{t('ho.tpl.bulkHint')}</Typography.Paragraph>
      <Input.TextArea
        autoFocus
        rows={10}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={'墙面\n地面\n顶棚\n门窗'}
        data-testid="template-bulk-text"
      />
    </Modal>
  );
}
