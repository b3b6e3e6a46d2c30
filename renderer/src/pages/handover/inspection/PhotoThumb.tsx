import { Button, Image, Tooltip } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import type { AttachmentRef } from '../../../../../shared/domain/handover.js';
import { formatTime } from '../../../components/formatTime.js';
import { useT } from '../../../i18n/index.js';
import { AttachmentImage } from '../shared/AttachmentImage.js';
import { PendingBadge } from './tags.js';

interface PhotoThumbProps {
  /** A saved attachment, fetched by its hash… */
  attachment?: Pick<AttachmentRef, 'hash' | 'pending'> | null;
  /** …or a photo not saved yet, shown from its local preview. */
  previewUrl?: string;
  takenAt?: string | null;
  onRemove?: () => void;
  testId?: string;
}

const WIDTH = 96;
const HEIGHT = 72;

/** A photo's thumbnail (click: full view), its 待上传/待下载/未保存 badge and a remove button. */
export function PhotoThumb({ attachment = null, previewUrl, takenAt, onRemove, testId = 'photo-thumb' }: PhotoThumbProps) {
  const t = useT();
  const alt = t('insp.photo.alt');
  return (
    <div
      className="insp-thumb"
      data-testid={testId}
      title={takenAt ? t('insp.photo.takenAt', { time: formatTime(takenAt) }) : undefined}
    >
      {previewUrl ? (
        <Image src={previewUrl} width={WIDTH} height={HEIGHT} style={{ objectFit: 'cover' }} alt={alt} />
      ) : attachment ? (
        <AttachmentImage
          hash={attachment.hash}
          width={WIDTH}
          height={HEIGHT}
          alt={alt}
          pendingDownload={attachment.pending === 'download'}
          testId={`${testId}-img`}
        />
      ) : null}
      <PendingBadge pending={previewUrl ? 'unsaved' : (attachment?.pending ?? null)} />
      {onRemove && (
        <Tooltip title={t('insp.photo.remove')}>
          <Button
            size="small"
            shape="circle"
            danger
            icon={<CloseOutlined />}
            className="insp-thumb-remove"
            onClick={onRemove}
            aria-label={t('insp.photo.remove')}
            data-testid="photo-remove"
          />
        </Tooltip>
      )}
    </div>
  );
}
