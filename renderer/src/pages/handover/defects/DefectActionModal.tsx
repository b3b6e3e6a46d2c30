import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import type { DefectView } from '../../../../../shared/api/calls/handover.js';
import { DEFECT_ACTIONS, type DefectAction } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { notifySuccess } from '../../../components/feedback.js';
import { useLang, useT, type MessageKey } from '../../../i18n/index.js';
import { defectActionName, defectStatusName } from '../shared/handoverText.js';
import { PhotoInput } from '../shared/PhotoInput.js';
import type { PreparedPhoto } from '../shared/photos.js';
import { SaveError } from '../shared/SaveError.js';

const NOTE_HINT: Record<DefectAction, MessageKey> = {
  start: 'ho.act.noteStart',
  submit: 'ho.act.noteSubmit',
  pass: 'ho.act.notePass',
  fail: 'ho.act.noteFail',
  reopen: 'ho.act.noteReopen',
};

/** Photos go with the steps that show the work: 整改完成 and the 复验 itself. */
const WITH_PHOTOS: readonly DefectAction[] = ['start', 'submit', 'pass', 'fail'];
/** 复验不通过 and 重新打开 need the reason, or nobody knows what to redo. */
const NOTE_REQUIRED: readonly DefectAction[] = ['fail', 'reopen'];

/** One step of the 整改 loop, with a note and 整改后 photos; who and when are recorded by the host. */
export function DefectActionModal({
  defect,
  action,
  onClose,
  onDone,
}: {
  defect: DefectView;
  action: DefectAction;
  onClose: () => void;
  onDone: (view: DefectView) => void;
}) {
  const t = useT();
  const lang = useLang();
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<PreparedPhoto[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [noteMissing, setNoteMissing] = useState(false);
  const def = DEFECT_ACTIONS.find((a) => a.code === action);

  const submit = async () => {
    if (NOTE_REQUIRED.includes(action) && note.trim() === '') {
      setNoteMissing(true);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const view = await api.call('defect.act', {
        id: defect.id,
        action,
        note: note.trim(),
        photos: photos.map((p) => ({ mime: p.mime, dataBase64: p.dataBase64, takenAt: p.takenAt })),
      });
      notifySuccess(t('ho.act.done', { action: defectActionName(lang, action), status: defectStatusName(lang, view.status) }));
      onDone(view);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={defectActionName(lang, action)}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={defectActionName(lang, action)}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, danger: action === 'fail', 'data-testid': 'defect-act-ok' }}
      cancelButtonProps={{ 'data-testid': 'defect-act-cancel' }}
      destroyOnHidden
      width={600}
      data-testid="defect-act-form"
    >
      {def && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('ho.act.moves', { from: defectStatusName(lang, defect.status), to: defectStatusName(lang, def.to) })}
        />
      )}
      <SaveError error={error} testId="defect-act-error" />
      <Form layout="vertical">
        <Form.Item
          label={t('ho.act.note')}
          required={NOTE_REQUIRED.includes(action)}
          validateStatus={noteMissing ? 'error' : undefined}
          help={noteMissing ? t('ho.act.noteNeeded') : undefined}
        >
          <Input.TextArea
            autoFocus
            rows={3}
            maxLength={200}
            showCount
            value={note}
            placeholder={t(NOTE_HINT[action])}
            onChange={(e) => {
              setNote(e.target.value);
              if (e.target.value.trim()) setNoteMissing(false);
            }}
            data-testid="defect-act-note"
          />
        </Form.Item>
        {WITH_PHOTOS.includes(action) && (
          <Form.Item label={t('ho.act.photos')}>
            <PhotoInput value={photos} onChange={setPhotos} max={10} testId="defect-act-photos" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
