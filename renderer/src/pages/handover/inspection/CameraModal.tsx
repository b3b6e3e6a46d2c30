import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { notifyWarning } from '../../../components/feedback.js';
import { useT, type MessageKey } from '../../../i18n/index.js';
import { preparePhoto, type PreparedPhoto } from '../shared/photos.js';

interface CameraModalProps {
  open: boolean;
  onClose: () => void;
  onPhotos: (photos: PreparedPhoto[]) => void;
}

/** Whether this computer has a camera the page could open. */
export async function hasCamera(): Promise<boolean> {
  if (!navigator.mediaDevices?.getUserMedia || !navigator.mediaDevices.enumerateDevices) return false;
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.some((d) => d.kind === 'videoinput');
  } catch {
    return false;
  }
}

/** The video's current frame as a file taken now (its time is the taken-at time); it is downscaled like any photo. */
function frameFile(video: HTMLVideoElement): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')?.drawImage(video, 0, 0);
  const takenAt = Date.now();
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) =>
        blob
          ? resolve(new File([blob], `camera-${takenAt}.jpg`, { type: 'image/jpeg', lastModified: takenAt }))
          : reject(new Error('no frame')),
      'image/jpeg',
      0.95,
    ),
  );
}

function cameraErrorKey(error: unknown): MessageKey {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'insp.camera.denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'insp.camera.none';
  if (name === 'NotReadableError') return 'insp.camera.busy';
  return 'insp.camera.failed';
}

/**
 * The desktop's camera: a live picture and a 拍照 button that takes a frame (its time is
 * the taken-at time). Several photos can be taken before 完成. The camera is let go on close.
 */
export function CameraModal({ open, onClose, onPhotos }: CameraModalProps) {
  const t = useT();
  const video = useRef<HTMLVideoElement | null>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [ready, setReady] = useState(false);
  const [taken, setTaken] = useState(0);

  // The camera is asked for when the window opens and let go when it closes.
  useEffect(() => {
    if (!open) return undefined;
    let live = true;
    let got: MediaStream | null = null;
    setProblem(null);
    setReady(false);
    setTaken(0);
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false })
      .then((s) => {
        if (!live) {
          s.getTracks().forEach((track) => track.stop());
          return;
        }
        got = s;
        setStream(s);
      })
      .catch((error: unknown) => {
        if (live) setProblem(cameraErrorKey(error));
      });
    return () => {
      live = false;
      got?.getTracks().forEach((track) => track.stop());
      setStream(null);
    };
  }, [open]);

  // The dialog mounts its content when it opens: the stream meets the video element here.
  const attach = useCallback(
    (el: HTMLVideoElement | null) => {
      video.current = el;
      if (!el || !stream || el.srcObject === stream) return;
      el.srcObject = stream;
      void el.play().catch(() => undefined);
    },
    [stream],
  );

  const snap = async () => {
    const el = video.current;
    if (!el || el.videoWidth === 0) return;
    try {
      const frame = await frameFile(el);
      onPhotos([await preparePhoto(frame)]);
      setTaken((n) => n + 1);
    } catch {
      notifyWarning(t('insp.camera.snapFailed'));
    }
  };

  return (
    <Modal
      open={open}
      title={t('insp.camera.title')}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      footer={
        <Space>
          {taken > 0 && <Typography.Text type="secondary">{t('insp.camera.taken', { n: taken })}</Typography.Text>}
          <Button onClick={onClose} data-testid="camera-done">
            {t('insp.camera.done')}
          </Button>
          <Button
            type="primary"
            size="large"
            icon={<CameraOutlined />}
            disabled={!ready}
            onClick={() => void snap()}
            data-testid="camera-snap"
          >
            {t('insp.camera.snap')}
          </Button>
        </Space>
      }
      data-testid="camera-modal"
    >
      {problem && <Alert type="warning" showIcon title={t(problem)} description={t('insp.camera.fallback')} />}
      <video
        ref={attach}
        className="insp-camera-video"
        style={problem ? { display: 'none' } : undefined}
        onPlaying={() => setReady(true)}
        playsInline
        muted
      />
    </Modal>
  );
}
