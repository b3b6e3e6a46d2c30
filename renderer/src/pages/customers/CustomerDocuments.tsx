import { useEffect, useState } from 'react';
import { Button, Image, Select, Space, Spin, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  CloudDownloadOutlined,
  CloudUploadOutlined,
  DeleteOutlined,
  DownloadOutlined,
  FilePdfOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  ATTACHMENT_MIMES,
  attachmentMimeOfName,
  IMAGE_MIMES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_MB,
  type AttachmentMime,
} from '../../../../shared/domain/attachments.js';
import {
  CUSTOMER_DOCUMENT_KINDS,
  type CustomerDocumentKind,
  type CustomerDocumentView,
} from '../../../../shared/domain/customer-documents.js';
import { ApiCallError, api } from '../../api/client.js';
import { base64ToBlob, downloadBase64, readFileBase64 } from '../../components/download.js';
import { notifyError, notifySuccess, notifyWarning } from '../../components/feedback.js';
import { formatTime } from '../../components/formatTime.js';
import { useConfirm } from '../../components/useConfirm.js';
import { localName, useLang, useT } from '../../i18n/index.js';
import { documentKindName, fileSizeText } from './customerFormat.js';

const ACCEPT = '.jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf';

interface CustomerDocumentsProps {
  customerId: string;
  documents: readonly CustomerDocumentView[];
  /** A document was added or removed: the 360 view reloads. */
  onChanged: () => void | Promise<void>;
}

/** The type the host will accept for a chosen file: the browser's, or the extension's when it gives none. */
function mimeOf(file: File): AttachmentMime | null {
  if ((ATTACHMENT_MIMES as readonly string[]).includes(file.type)) return file.type as AttachmentMime;
  return attachmentMimeOfName(file.name);
}

/**
 * 证件 of the 360 view: ID scans uploaded here (kept on this computer, synced after their record),
 * with thumbnails of images, 待上传 / 待下载 while a file is on its way, download and remove.
 */
export function CustomerDocuments({ customerId, documents, onChanged }: CustomerDocumentsProps) {
  const t = useT();
  const lang = useLang();
  const { confirm } = useConfirm();
  const [kind, setKind] = useState<CustomerDocumentKind>('idFront');
  const [saving, setSaving] = useState<string | null>(null);

  const add = async (file: File) => {
    const mime = mimeOf(file);
    if (!mime) return notifyWarning(t('cust.doc.badType', { name: file.name }));
    if (file.size === 0) return notifyWarning(t('cust.doc.empty', { name: file.name }));
    if (file.size > MAX_ATTACHMENT_BYTES)
      return notifyWarning(t('cust.doc.tooLarge', { name: file.name, mb: MAX_ATTACHMENT_MB }));
    setSaving(file.name);
    try {
      const dataBase64 = await readFileBase64(file);
      await api.call('customer.addDocument', { customerId, kind, fileName: file.name, mime, dataBase64 });
      notifySuccess(t('cust.doc.added'));
      await onChanged();
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(null);
    }
  };

  const download = async (doc: CustomerDocumentView) => {
    try {
      const content = await api.call('customer.documentContent', { id: doc.id });
      downloadBase64(content.dataBase64, doc.fileName || `${documentKindName(lang, doc.kind)}`, content.mime);
    } catch (error) {
      notifyError(error);
    }
  };

  const columns: ColumnsType<CustomerDocumentView> = [
    { title: t('cust.doc.preview'), width: 120, render: (_, d) => <DocumentThumb doc={d} /> },
    { title: t('cust.doc.kind'), dataIndex: 'kind', width: 110, render: (k: string) => documentKindName(lang, k) },
    { title: t('cust.doc.fileName'), dataIndex: 'fileName', ellipsis: true },
    { title: t('cust.doc.size'), dataIndex: 'size', width: 90, align: 'right', render: (n: number) => fileSizeText(n) },
    { title: t('cust.doc.addedAt'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatTime(at) },
    { title: t('cust.doc.state'), dataIndex: 'pending', width: 110, render: (_, d) => <PendingTag doc={d} /> },
    {
      title: t('cust.actions'),
      width: 100,
      render: (_, d) => (
        <Space size={0}>
          <Tooltip title={t('cust.doc.download')}>
            <Button
              size="small"
              type="link"
              icon={<DownloadOutlined />}
              disabled={d.pending === 'download'}
              onClick={() => void download(d)}
              data-testid="document-download"
            />
          </Tooltip>
          <Button
            size="small"
            type="link"
            danger
            icon={<DeleteOutlined />}
            onClick={() =>
              confirm({
                title: t('cust.confirmRemove', { name: d.fileName || documentKindName(lang, d.kind) }),
                danger: true,
                okText: t('common.ok'),
                cancelText: t('common.cancel'),
                onOk: async () => {
                  try {
                    await api.call('customer.removeDocument', { id: d.id });
                    notifySuccess(t('common.saved'));
                  } catch (error) {
                    notifyError(error);
                  }
                  await onChanged();
                },
              })
            }
            data-testid="document-remove"
          />
        </Space>
      ),
    },
  ];

  return (
    <>
      <div className="tab-toolbar">
        <Space wrap>
          <Select<CustomerDocumentKind>
            size="small"
            value={kind}
            onChange={setKind}
            style={{ width: 130 }}
            options={CUSTOMER_DOCUMENT_KINDS.map((k) => ({ value: k.code, label: localName(lang, k) }))}
            aria-label={t('cust.doc.kind')}
            data-testid="document-kind"
          />
          <Upload
            accept={ACCEPT}
            multiple
            showUploadList={false}
            disabled={saving !== null}
            beforeUpload={(file) => {
              void add(file);
              // Nothing goes anywhere from here: the file is read and handed to the local host.
              return Upload.LIST_IGNORE;
            }}
          >
            <Button size="small" type="primary" icon={<UploadOutlined />} loading={saving !== null} data-testid="document-upload">
              {t('cust.doc.upload')}
            </Button>
          </Upload>
          {saving && <Typography.Text type="secondary">{t('cust.doc.saving', { name: saving })}</Typography.Text>}
        </Space>
        <Typography.Text type="secondary" className="documents-hint">
          {t('cust.doc.hint', { mb: MAX_ATTACHMENT_MB })}
        </Typography.Text>
      </div>
      <Table<CustomerDocumentView>
        size="small"
        bordered
        pagination={false}
        rowKey="id"
        locale={{ emptyText: t('common.empty') }}
        columns={columns}
        dataSource={[...documents]}
        data-testid="c360-documents"
      />
    </>
  );
}

function PendingTag({ doc }: { doc: CustomerDocumentView }) {
  const t = useT();
  if (doc.pending === 'upload') {
    return (
      <Tooltip title={t('cust.doc.pendingUploadTip')}>
        <Tag color="processing" icon={<CloudUploadOutlined />} data-testid="document-pending" data-state="upload">
          {t('cust.doc.pendingUpload')}
        </Tag>
      </Tooltip>
    );
  }
  if (doc.pending === 'download') {
    return (
      <Tooltip title={t('cust.doc.pendingDownloadTip')}>
        <Tag color="warning" icon={<CloudDownloadOutlined />} data-testid="document-pending" data-state="download">
          {t('cust.doc.pendingDownload')}
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tag color="success" data-testid="document-pending" data-state="synced">
      {t('cust.doc.synced')}
    </Tag>
  );
}

/** An image's thumbnail (click: full preview), a PDF's icon, or a placeholder while the file is not here. */
function DocumentThumb({ doc }: { doc: CustomerDocumentView }) {
  const t = useT();
  const isImage = IMAGE_MIMES.includes(doc.mime);
  const here = doc.pending !== 'download';
  const [url, setUrl] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    if (!isImage || !here) return undefined;
    let live = true;
    let objectUrl: string | null = null;
    api
      .call('customer.documentContent', { id: doc.id })
      .then((content) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(base64ToBlob(content.dataBase64, content.mime));
        setUrl(objectUrl);
      })
      .catch((error: unknown) => {
        if (live) setMissing(error instanceof ApiCallError && error.code === 'ATTACHMENT_PENDING');
      });
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [doc.id, isImage, here]);

  if (!here || missing) {
    return (
      <div className="document-thumb document-thumb-missing" data-testid="document-thumb-missing">
        <CloudDownloadOutlined />
        <span>{t('cust.doc.notHere')}</span>
      </div>
    );
  }
  if (!isImage) {
    return (
      <div className="document-thumb" data-testid="document-thumb-pdf">
        <FilePdfOutlined style={{ fontSize: 28, color: '#cf1322' }} />
        <span>{t('cust.doc.pdf')}</span>
      </div>
    );
  }
  if (!url) {
    return (
      <div className="document-thumb">
        <Spin size="small" />
      </div>
    );
  }
  return (
    <Image src={url} width={96} height={64} style={{ objectFit: 'cover' }} alt={doc.fileName} data-testid="document-thumb" />
  );
}
