import { Tag, Tooltip } from 'antd';
import { CloudDownloadOutlined, CloudUploadOutlined } from '@ant-design/icons';
import type { AttachmentPending } from '../../../../../shared/domain/attachments.js';
import { useT } from '../../../i18n/index.js';

/** 待上传 / 待下载 on a photo or signature whose file is still on its way; 未保存 before it is saved. */
export function PendingBadge({ pending }: { pending: AttachmentPending | 'unsaved' }) {
  const t = useT();
  if (pending === 'upload') {
    return (
      <Tooltip title={t('insp.photo.pendingUploadTip')}>
        <Tag
          color="processing"
          icon={<CloudUploadOutlined />}
          className="insp-badge"
          data-testid="photo-pending"
          data-state="upload"
        >
          {t('insp.photo.pendingUpload')}
        </Tag>
      </Tooltip>
    );
  }
  if (pending === 'download') {
    return (
      <Tooltip title={t('insp.photo.pendingDownloadTip')}>
        <Tag
          color="warning"
          icon={<CloudDownloadOutlined />}
          className="insp-badge"
          data-testid="photo-pending"
          data-state="download"
        >
          {t('insp.photo.pendingDownload')}
        </Tag>
      </Tooltip>
    );
  }
  if (pending === 'unsaved') {
    return (
      <Tag className="insp-badge" data-testid="photo-pending" data-state="unsaved">
        {t('insp.photo.unsaved')}
      </Tag>
    );
  }
  return null;
}
