import { useRef, useState } from 'react';
import { Button, Card, Input, Space, Typography } from 'antd';
import { CheckOutlined, EditOutlined } from '@ant-design/icons';
import type { InspectionView } from '../../../../../shared/api/calls/handover.js';
import { SIGNERS, signatureInput, type Signer } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { notifyError, notifySuccess, notifyWarning } from '../../../components/feedback.js';
import { formatTime } from '../../../components/formatTime.js';
import { SignaturePad, type SignaturePadHandle } from '../../../components/SignaturePad.js';
import { useConfirm } from '../../../components/useConfirm.js';
import { localName, useLang, useT } from '../../../i18n/index.js';
import { fieldErrorText } from '../../../api/errorText.js';
import { AttachmentImage } from '../shared/AttachmentImage.js';
import { useInspection } from './inspectionStore.js';
import { PendingBadge } from './tags.js';

/** 业主签字 and 工作人员签字 (a pre-inspection has no owner), drawn on screen. */
export function Signatures({ view, locked }: { view: InspectionView; locked: boolean }) {
  const signers = view.inspection.kind === 'owner' ? SIGNERS : SIGNERS.filter((s) => s.code === 'staff');
  return (
    <div className="insp-signatures">
      {signers.map((s) => (
        <SignatureCard key={s.code} signer={s.code} view={view} locked={locked} />
      ))}
    </div>
  );
}

function savedOf(view: InspectionView, signer: Signer) {
  const i = view.inspection;
  return signer === 'owner'
    ? { image: view.signatures.owner, name: i.ownerSignerName, at: i.ownerSignedAt }
    : { image: view.signatures.staff, name: i.staffSignerName, at: i.staffSignedAt };
}

function SignatureCard({ signer, view, locked }: { signer: Signer; view: InspectionView; locked: boolean }) {
  const t = useT();
  const lang = useLang();
  const { confirm } = useConfirm();
  const pad = useRef<SignaturePadHandle>(null);
  const saved = savedOf(view, signer);
  const defaultName = saved.name || (signer === 'owner' ? (view.customer?.name ?? '') : view.inspectorName);
  const [name, setName] = useState(defaultName);
  const [nameError, setNameError] = useState<string | null>(null);
  const [empty, setEmpty] = useState(true);
  const [saving, setSaving] = useState(false);
  const def = SIGNERS.find((s) => s.code === signer)!;
  const inspectionId = view.inspection.id;

  const sign = async () => {
    const checked = signatureInput.shape.signerName.safeParse(name);
    if (!checked.success) {
      setNameError(fieldErrorText(lang, checked.error.issues[0]?.message ?? ''));
      return;
    }
    const dataBase64 = pad.current?.toPngBase64();
    if (!dataBase64) {
      notifyWarning(t('insp.sign.empty'));
      return;
    }
    setSaving(true);
    try {
      await api.call('inspection.sign', { inspectionId, signer, signerName: checked.data, dataBase64 });
      notifySuccess(t('insp.sign.saved', { signer: localName(lang, def) }));
      await useInspection.getState().reload();
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  const resign = () =>
    confirm({
      title: t('insp.sign.confirmClear', { signer: localName(lang, def) }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.call('inspection.clearSignature', { inspectionId, signer });
        } catch (error) {
          notifyError(error);
        }
        await useInspection.getState().reload();
      },
    });

  return (
    <Card title={localName(lang, def)} className="insp-signature" data-testid={`sign-${signer}`}>
      {saved.image ? (
        <div className="insp-signature-saved">
          <div className="insp-signature-image">
            <AttachmentImage
              hash={saved.image.hash}
              width={360}
              height={150}
              alt={t('insp.sign.imageAlt', { name: saved.name })}
              pendingDownload={saved.image.pending === 'download'}
              testId="signature-image"
            />
            <PendingBadge pending={saved.image.pending} />
          </div>
          <Space wrap>
            <Typography.Text strong data-testid={`sign-${signer}-signed`}>
              {saved.name}
            </Typography.Text>
            {saved.at && <Typography.Text type="secondary">{formatTime(saved.at)}</Typography.Text>}
            {!locked && (
              <Button icon={<EditOutlined />} onClick={resign} data-testid={`sign-${signer}-clear`}>
                {t('insp.sign.again')}
              </Button>
            )}
          </Space>
        </div>
      ) : locked ? (
        <Typography.Text type="secondary">{t('insp.sign.none')}</Typography.Text>
      ) : (
        <>
          <label className="insp-signer">
            <span>{t('insp.sign.signerName')}</span>
            <Input
              size="large"
              value={name}
              status={nameError ? 'error' : undefined}
              onChange={(e) => {
                setName(e.target.value);
                setNameError(null);
              }}
              maxLength={50}
              data-testid={`sign-${signer}-name`}
            />
          </label>
          {nameError && <Typography.Text type="danger">{nameError}</Typography.Text>}
          <SignaturePad ref={pad} height={180} onChange={(s) => setEmpty(s.empty)} ariaLabel={localName(lang, def)} />
          <div className="insp-signature-foot">
            <Button
              type="primary"
              size="large"
              icon={<CheckOutlined />}
              disabled={empty}
              loading={saving}
              onClick={() => void sign()}
              data-testid={`sign-${signer}-save`}
            >
              {t('insp.sign.confirm')}
            </Button>
          </div>
        </>
      )}
    </Card>
  );
}
