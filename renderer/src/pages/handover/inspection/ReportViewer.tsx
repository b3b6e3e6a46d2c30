import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import type { HandoverReport } from '../../../../../shared/domain/handover.js';
import { base64ToBlob, downloadBlob } from '../../../components/download.js';
import { formatTime } from '../../../components/formatTime.js';
import { useT } from '../../../i18n/index.js';

export interface OpenedReport {
  report: HandoverReport;
  fileName: string;
  dataBase64: string;
}

/**
 * Whether the page's security policy lets a frame show a blob: PDF (frame-src blob:). The
 * policy is in the page's meta tag, the same as the host's header; without one, frames may.
 */
function framesAllowed(): boolean {
  const policy = document.querySelector<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy"]')?.content;
  if (!policy) return true;
  const frame = /(?:^|;)\s*frame-src([^;]*)/.exec(policy) ?? /(?:^|;)\s*child-src([^;]*)/.exec(policy);
  return frame !== null && /\bblob:/.test(frame[1] ?? '');
}

/**
 * The PDF of a report version: shown in the window where the page's security policy lets a
 * frame show it, else (and always) 下载, and 新窗口打开 in the browser host (the desktop app
 * opens no windows).
 */
export function ReportViewer({ opened, onClose }: { opened: OpenedReport; onClose: () => void }) {
  const t = useT();
  const blob = useMemo(() => base64ToBlob(opened.dataBase64, 'application/pdf'), [opened.dataBase64]);
  const [url, setUrl] = useState<string | null>(null);
  const framed = framesAllowed();

  useEffect(() => {
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [blob]);

  const { report } = opened;
  return (
    <Modal
      open
      title={t('insp.report.viewerTitle', { version: report.version })}
      onCancel={onClose}
      width="min(1000px, 96vw)"
      footer={
        <Space>
          {!window.sitedesk && (
            <Button
              icon={<ExportOutlined />}
              disabled={!url}
              onClick={() => url && window.open(url, '_blank', 'noopener')}
              data-testid="report-newtab"
            >
              {t('insp.report.newTab')}
            </Button>
          )}
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            onClick={() => downloadBlob(blob, opened.fileName)}
            data-testid="report-download"
          >
            {t('insp.report.download')}
          </Button>
        </Space>
      }
      destroyOnHidden
      data-testid="report-viewer"
    >
      <Typography.Paragraph type="secondary">
        {t('insp.report.meta', { pages: report.pages, time: formatTime(report.finalizedAt) })}
        <br />
        {t('insp.report.hash')}
        <Typography.Text code copyable className="insp-hash" data-testid="report-hash">
          {report.contentHash}
        </Typography.Text>
      </Typography.Paragraph>
      {!framed ? (
        <Alert type="info" showIcon title={t('insp.report.noFrame')} data-testid="report-no-frame" />
      ) : (
        url && <iframe src={url} title={opened.fileName} className="insp-report-frame" data-testid="report-frame" />
      )}
    </Modal>
  );
}
