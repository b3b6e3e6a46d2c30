import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button, Descriptions, Drawer, Empty, Image, Space, Spin, Timeline, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, PlayCircleOutlined, RedoOutlined, SendOutlined } from '@ant-design/icons';
import type { DefectRow, DefectView } from '../../../../../shared/api/calls/handover.js';
import { DEFECT_STATUSES, type DefectAction, type DefectPhoto } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { notifyError } from '../../../components/feedback.js';
import { formatTime } from '../../../components/formatTime.js';
import { RecordSyncTag } from '../../../components/RecordSyncTag.js';
import { useLang, useT } from '../../../i18n/index.js';
import { AttachmentImage } from '../shared/AttachmentImage.js';
import { DefectAgeTag, DefectStatusTag, SeverityTag } from '../shared/HandoverTags.js';
import { actionsFrom, colorIn, defectActionName, defectStatusName } from '../shared/handoverText.js';
import { openInspection } from '../shared/inspections.js';
import { DefectActionModal } from './DefectActionModal.js';

const ACTION_ICONS: Record<DefectAction, ReactNode> = {
  start: <PlayCircleOutlined />,
  submit: <SendOutlined />,
  pass: <CheckCircleOutlined />,
  fail: <CloseCircleOutlined />,
  reopen: <RedoOutlined />,
};

const TIMELINE_COLORS: Record<string, string> = { error: 'red', processing: 'blue', warning: 'orange', success: 'green' };

function PhotoGroup({ photos, testId }: { photos: readonly DefectPhoto[]; testId: string }) {
  const t = useT();
  if (photos.length === 0) return <Typography.Text type="secondary">{t('ho.defect.noPhotos')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <div className="ho-photo-group" data-testid={testId}>
        {photos.map((p) => (
          <div key={p.id} className="ho-photo-card">
            <AttachmentImage
              hash={p.hash}
              width={120}
              height={90}
              alt={t('ho.defect.photo')}
              pendingDownload={p.pending === 'download'}
              testId="defect-photo"
            />
            <span>{p.takenAt ? formatTime(p.takenAt).slice(0, 16) : formatTime(p.createdAt).slice(0, 16)}</span>
          </div>
        ))}
      </div>
    </Image.PreviewGroup>
  );
}

interface DefectDrawerProps {
  defectId: string | null;
  /** The row it was opened from: where the room is. */
  row: DefectRow | null;
  onClose: () => void;
  onChanged: () => void;
  onReinspection: (resource: { id: string; place: string }) => void;
}

/** 缺陷: what and where, before and after photos, every 整改 step with who and when, and the next moves. */
export function DefectDrawer({ defectId, row, onClose, onChanged, onReinspection }: DefectDrawerProps) {
  const t = useT();
  const lang = useLang();
  const [view, setView] = useState<DefectView | null>(null);
  const [loading, setLoading] = useState(false);
  const [action, setAction] = useState<DefectAction | null>(null);

  useEffect(() => {
    if (!defectId) {
      setView(null);
      return undefined;
    }
    let live = true;
    setLoading(true);
    api
      .call('defect.view', { id: defectId })
      .then((v) => {
        if (live) setView(v);
      })
      .catch((e: unknown) => {
        if (live) notifyError(e);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [defectId]);

  const done = useCallback(
    (next: DefectView) => {
      setAction(null);
      setView(next);
      onChanged();
    },
    [onChanged],
  );

  const place = row && view && row.id === view.id ? row.room.place : '';
  const before = view?.photos.filter((p) => p.stage === 'before') ?? [];
  const after = view?.photos.filter((p) => p.stage === 'after') ?? [];
  const moves = view ? actionsFrom(view.status) : [];

  const steps = view
    ? [
        {
          key: 'created',
          color: 'gray',
          content: (
            <div className="ho-step">
              <div>
                <strong>{t('ho.defect.recorded')}</strong>
                <span className="ho-sub" style={{ marginLeft: 8 }}>
                  {view.itemName ? t('ho.defect.recordedAt', { area: view.area, item: view.itemName }) : view.area}
                </span>
              </div>
              <div className="ho-sub">{formatTime(view.createdAt)}</div>
            </div>
          ),
        },
        ...view.steps.map((s) => ({
          key: s.id,
          color: TIMELINE_COLORS[colorIn(DEFECT_STATUSES, s.toStatus)] ?? 'blue',
          content: (
            <div className="ho-step" data-testid="defect-step" data-action={s.action}>
              <div>
                <strong>{defectActionName(lang, s.action)}</strong>
                <span className="ho-sub" style={{ marginLeft: 8 }}>
                  {defectStatusName(lang, s.fromStatus)} → {defectStatusName(lang, s.toStatus)}
                </span>
              </div>
              <div className="ho-sub">
                {s.actorName || t('ho.defect.someone')} · {formatTime(s.createdAt)}
              </div>
              {s.note && <div className="ho-step-note">{s.note}</div>}
            </div>
          ),
        })),
      ]
    : [];

  return (
    <>
      <Drawer
        open={defectId !== null}
        onClose={onClose}
        size={780}
        title={
          view ? (
            <Space size={8}>
              <span data-testid="defect-drawer-title">
                {place ? `${place} · ` : ''}
                {view.area}
              </span>
              <DefectStatusTag status={view.status} />
              <DefectAgeTag
                ageDays={view.ageDays}
                overdue={view.overdue}
                closed={view.status === 'closed'}
                dueDate={view.dueDate}
              />
              <RecordSyncTag entity="defect" id={view.id} refreshKey={view.updatedAt} />
            </Space>
          ) : (
            t('ho.defect.title')
          )
        }
        extra={
          view && (
            <Space wrap>
              {moves.map((m) => (
                <Button
                  key={m}
                  type={m === 'pass' || m === 'submit' || m === 'start' ? 'primary' : 'default'}
                  danger={m === 'fail'}
                  icon={ACTION_ICONS[m]}
                  onClick={() => setAction(m)}
                  data-testid={`defect-act-${m}`}
                >
                  {defectActionName(lang, m)}
                </Button>
              ))}
            </Space>
          )
        }
        data-testid="defect-drawer"
      >
        <Spin spinning={loading}>
          {view ? (
            <>
              <Descriptions
                size="small"
                bordered
                column={2}
                data-testid="defect-attributes"
                items={[
                  { key: 'room', label: t('ho.col.room'), children: place },
                  { key: 'area', label: t('ho.defect.area'), children: view.area },
                  { key: 'item', label: t('ho.defect.item'), children: view.itemName ?? '' },
                  { key: 'category', label: t('ho.defect.category'), children: view.categoryName },
                  { key: 'severity', label: t('ho.defect.severity'), children: <SeverityTag severity={view.severity} /> },
                  { key: 'contractor', label: t('ho.defect.contractor'), children: view.contractor },
                  { key: 'due', label: t('ho.defect.dueDate'), children: view.dueDate ?? '' },
                  { key: 'status', label: t('common.status'), children: <DefectStatusTag status={view.status} /> },
                  { key: 'created', label: t('ho.defect.createdAt'), children: formatTime(view.createdAt) },
                  { key: 'closed', label: t('ho.defect.closedAt'), children: formatTime(view.closedAt) },
                  {
                    key: 'desc',
                    label: t('ho.defect.description'),
                    span: 2,
                    children: <span data-testid="defect-description">{view.description}</span>,
                  },
                ]}
              />
              <div className="ho-section">
                <span>{t('ho.defect.photosBefore', { n: before.length })}</span>
              </div>
              <PhotoGroup photos={before} testId="defect-photos-before" />
              <div className="ho-section">
                <span>{t('ho.defect.photosAfter', { n: after.length })}</span>
              </div>
              <PhotoGroup photos={after} testId="defect-photos-after" />
              <div className="ho-section">
                <span>{t('ho.defect.steps')}</span>
                <Space>
                  {row && row.id === view.id && (
                    <Button
                      size="small"
                      onClick={() => onReinspection({ id: row.room.id, place: row.room.place })}
                      data-testid="defect-drawer-reinspection"
                    >
                      {t('ho.defect.reinspection')}
                    </Button>
                  )}
                  <Button size="small" onClick={() => openInspection(view.inspectionId)} data-testid="defect-open-inspection">
                    {t('ho.defect.openInspection')}
                  </Button>
                </Space>
              </div>
              <Timeline items={steps} data-testid="defect-steps" />
            </>
          ) : (
            !loading && <Empty />
          )}
        </Spin>
      </Drawer>
      {view && action && <DefectActionModal defect={view} action={action} onClose={() => setAction(null)} onDone={done} />}
    </>
  );
}
