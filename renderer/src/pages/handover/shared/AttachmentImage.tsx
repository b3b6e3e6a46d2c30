import { useEffect, useState } from 'react';
import { Image, Spin, Tooltip } from 'antd';
import { CloudDownloadOutlined, PictureOutlined } from '@ant-design/icons';
import { ApiCallError, api } from '../../../api/client.js';
import { base64ToBlob } from '../../../components/download.js';
import { useT } from '../../../i18n/index.js';

/**
 * Photos are content-addressed: one hash is always the same bytes, so a blob URL made once
 * serves every later view of it in this session.
 */
const urls = new Map<string, string>();
const inflight = new Map<string, Promise<string>>();

export function attachmentUrl(hash: string): Promise<string> {
  const known = urls.get(hash);
  if (known) return Promise.resolve(known);
  let pending = inflight.get(hash);
  if (!pending) {
    pending = api
      .call('handover.attachment', { hash })
      .then((file) => {
        const url = URL.createObjectURL(base64ToBlob(file.dataBase64, file.mime));
        urls.set(hash, url);
        return url;
      })
      .finally(() => inflight.delete(hash));
    inflight.set(hash, pending);
  }
  return pending;
}

interface AttachmentImageProps {
  hash: string;
  width: number;
  height: number;
  alt: string;
  /** Known to be still on its way to this device (the record says so). */
  pendingDownload?: boolean;
  /** A floor plan is shown whole; a photo fills its box. */
  fit?: 'cover' | 'contain';
  testId?: string;
}

/** A thumbnail of a handover photo or floor plan that opens large on click. */
export function AttachmentImage({ hash, width, height, alt, pendingDownload, fit = 'cover', testId }: AttachmentImageProps) {
  const t = useT();
  const [url, setUrl] = useState<string | null>(urls.get(hash) ?? null);
  const [state, setState] = useState<'loading' | 'ready' | 'pending' | 'failed'>(urls.has(hash) ? 'ready' : 'loading');

  useEffect(() => {
    if (pendingDownload) {
      setState('pending');
      return undefined;
    }
    let live = true;
    attachmentUrl(hash)
      .then((next) => {
        if (!live) return;
        setUrl(next);
        setState('ready');
      })
      .catch((error: unknown) => {
        if (!live) return;
        setState(error instanceof ApiCallError && error.code === 'ATTACHMENT_PENDING' ? 'pending' : 'failed');
      });
    return () => {
      live = false;
    };
  }, [hash, pendingDownload]);

  const box = { width, height };
  if (state === 'ready' && url) {
    return <Image src={url} width={width} height={height} style={{ objectFit: fit }} alt={alt} data-testid={testId} />;
  }
  if (state === 'loading') {
    return (
      <div className="ho-thumb-box" style={box}>
        <Spin size="small" />
      </div>
    );
  }
  return (
    <Tooltip title={state === 'pending' ? t('ho.photo.pendingTip') : t('ho.photo.failed')}>
      <div className="ho-thumb-box" style={box} data-testid={testId ? `${testId}-missing` : undefined}>
        {state === 'pending' ? <CloudDownloadOutlined /> : <PictureOutlined />}
        <span>{state === 'pending' ? t('ho.photo.pending') : t('ho.photo.failed')}</span>
      </div>
    </Tooltip>
  );
}
