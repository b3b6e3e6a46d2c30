import { useEffect, useState } from 'react';
import type { AttachmentRef } from '../../../../../shared/domain/handover.js';
import { ApiCallError } from '../../../api/client.js';
import { attachmentUrl } from '../shared/AttachmentImage.js';

export type AttachmentState = { url: string | null; missing: boolean; failed: boolean };

/** The image URL of a handover attachment; `missing` while its file has not reached this device (待下载). */
export function useAttachmentUrl(ref: Pick<AttachmentRef, 'hash' | 'pending'> | null): AttachmentState {
  const hash = ref?.hash ?? null;
  const notHere = ref?.pending === 'download';
  const [state, setState] = useState<{ hash: string | null } & AttachmentState>({
    hash: null,
    url: null,
    missing: false,
    failed: false,
  });

  useEffect(() => {
    if (!hash || notHere) return undefined;
    let live = true;
    attachmentUrl(hash)
      .then((url) => {
        if (live) setState({ hash, url, missing: false, failed: false });
      })
      .catch((error: unknown) => {
        const missing = error instanceof ApiCallError && error.code === 'ATTACHMENT_PENDING';
        if (live) setState({ hash, url: null, missing, failed: !missing });
      });
    return () => {
      live = false;
    };
  }, [hash, notHere]);

  if (!hash) return { url: null, missing: false, failed: false };
  if (notHere) return { url: null, missing: true, failed: false };
  if (state.hash !== hash) return { url: null, missing: false, failed: false };
  return { url: state.url, missing: state.missing, failed: state.failed };
}
