import { useRef, useState, type ChangeEvent } from 'react';
import { Button, Space } from 'antd';
import { CameraOutlined, PictureOutlined } from '@ant-design/icons';
import { notifyWarning } from '../../../components/feedback.js';
import { useT, type Translate } from '../../../i18n/index.js';
import { CameraModal, hasCamera } from './CameraModal.js';
import { PhotoError, preparePhoto, type PreparedPhoto } from '../shared/photos.js';

interface PhotoPickerProps {
  onPhotos: (photos: PreparedPhoto[]) => void;
  multiple?: boolean;
  disabled?: boolean;
  /** The file input's test id; the camera input's is `<testId>-camera`. */
  testId?: string;
  size?: 'small' | 'middle' | 'large';
}

/** Why a chosen file could not become a photo, in words. */
function photoProblem(t: Translate, error: unknown, name: string): string {
  const kind = error instanceof PhotoError ? error.kind : 'unreadable';
  if (kind === 'notImage') return t('insp.photo.notImage', { name });
  if (kind === 'tooLarge') return t('insp.photo.tooLarge', { name });
  return t('insp.photo.unreadableFile', { name });
}

const coarsePointer = () => typeof window.matchMedia === 'function' && window.matchMedia('(pointer: coarse)').matches;

/**
 * 选择照片 (files, several at once) and 拍照: on a tablet the system camera (capture input),
 * on a desktop with a camera the camera window, otherwise the file chooser again.
 * Every photo is downscaled here before it is handed on.
 */
export function PhotoPicker({ onPhotos, multiple = true, disabled, testId = 'photo-input', size = 'middle' }: PhotoPickerProps) {
  const t = useT();
  const files = useRef<HTMLInputElement>(null);
  const capture = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [camera, setCamera] = useState(false);

  const take = async (list: FileList | null) => {
    const chosen = [...(list ?? [])];
    if (chosen.length === 0) return;
    setBusy(true);
    const ready: PreparedPhoto[] = [];
    for (const file of multiple ? chosen : chosen.slice(0, 1)) {
      try {
        ready.push(await preparePhoto(file));
      } catch (error) {
        notifyWarning(photoProblem(t, error, file.name));
      }
    }
    setBusy(false);
    if (ready.length > 0) onPhotos(ready);
  };

  const openCamera = async () => {
    if (!coarsePointer() && (await hasCamera())) setCamera(true);
    else capture.current?.click();
  };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    void take(input.files).finally(() => {
      input.value = '';
    });
  };

  return (
    <>
      <input ref={files} type="file" accept="image/*" multiple={multiple} hidden onChange={onChange} data-testid={testId} />
      <input
        ref={capture}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        onChange={onChange}
        data-testid={`${testId}-camera`}
      />
      <Space wrap>
        <Button
          size={size}
          icon={<CameraOutlined />}
          disabled={disabled || busy}
          onClick={() => void openCamera()}
          data-testid={`${testId}-take`}
        >
          {t('insp.photo.take')}
        </Button>
        <Button
          size={size}
          icon={<PictureOutlined />}
          disabled={disabled}
          loading={busy}
          onClick={() => files.current?.click()}
          data-testid={`${testId}-choose`}
        >
          {busy ? t('insp.photo.processing') : t('insp.photo.choose')}
        </Button>
      </Space>
      <CameraModal
        open={camera}
        onClose={() => setCamera(false)}
        onPhotos={(photos) => {
          onPhotos(multiple ? photos : photos.slice(0, 1));
          if (!multiple) setCamera(false);
        }}
      />
    </>
  );
}
