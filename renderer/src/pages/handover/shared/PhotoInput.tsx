import { useRef, useState } from 'react';
import { Button, Space, Spin, Tooltip } from 'antd';
import { CameraOutlined, CloseOutlined, PictureOutlined } from '@ant-design/icons';
import { notifyWarning } from '../../../components/feedback.js';
import { useT } from '../../../i18n/index.js';
import { PHOTO_MAX_SIDE, PhotoError, preparePhoto, type PreparedPhoto } from './photos.js';

interface PhotoInputProps {
  value: readonly PreparedPhoto[];
  onChange: (photos: PreparedPhoto[]) => void;
  max: number;
  testId: string;
}

/**
 * Photos from a file or the tablet's camera, scaled on this computer to at most 1600 px and
 * shown before anything is saved; × takes one out again.
 */
export function PhotoInput({ value, onChange, max, testId }: PhotoInputProps) {
  const t = useT();
  const files = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const [working, setWorking] = useState(0);

  const add = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const room = max - value.length;
    const chosen = [...list].slice(0, Math.max(0, room));
    if (list.length > room) notifyWarning(t('ho.photo.tooMany', { max }));
    setWorking(chosen.length);
    const ready: PreparedPhoto[] = [];
    for (const file of chosen) {
      try {
        ready.push(await preparePhoto(file));
      } catch (error) {
        const kind = error instanceof PhotoError ? error.kind : 'unreadable';
        notifyWarning(
          t(kind === 'notImage' ? 'ho.photo.notImage' : kind === 'tooLarge' ? 'ho.photo.tooLarge' : 'ho.photo.unreadable', {
            name: file.name,
          }),
        );
      }
    }
    setWorking(0);
    onChange([...value, ...ready]);
  };

  return (
    <div className="ho-photo-input" data-testid={testId}>
      <div className="ho-photo-list">
        {value.map((p, i) => (
          <div key={`${p.name}-${i}`} className="ho-photo-item" data-testid={`${testId}-item`}>
            <img src={p.previewUrl} alt={p.name} />
            <Tooltip title={t('ho.photo.remove')}>
              <Button
                size="small"
                shape="circle"
                icon={<CloseOutlined />}
                className="ho-photo-remove"
                onClick={() => onChange(value.filter((_, k) => k !== i))}
                data-testid={`${testId}-remove`}
              />
            </Tooltip>
          </div>
        ))}
        {working > 0 && (
          <div className="ho-photo-item ho-photo-working">
            <Spin size="small" />
          </div>
        )}
      </div>
      <Space size={8}>
        <Button
          size="small"
          icon={<PictureOutlined />}
          disabled={value.length >= max || working > 0}
          onClick={() => files.current?.click()}
          data-testid={`${testId}-choose`}
        >
          {t('ho.photo.choose')}
        </Button>
        <Button
          size="small"
          icon={<CameraOutlined />}
          disabled={value.length >= max || working > 0}
          onClick={() => camera.current?.click()}
          data-testid={`${testId}-camera`}
        >
          {t('ho.photo.camera')}
        </Button>
        <span className="ho-sub">{t('ho.photo.hint', { max, side: PHOTO_MAX_SIDE })}</span>
      </Space>
      <input
        ref={files}
        type="file"
        accept="image/*"
        multiple
        style={{ display: 'none' }}
        onChange={(e) => {
          void add(e.target.files);
          e.target.value = '';
        }}
        data-testid={`${testId}-file`}
      />
      <input
        ref={camera}
        type="file"
        accept="image/*"
        capture="environment"
        style={{ display: 'none' }}
        onChange={(e) => {
          void add(e.target.files);
          e.target.value = '';
        }}
      />
    </div>
  );
}
