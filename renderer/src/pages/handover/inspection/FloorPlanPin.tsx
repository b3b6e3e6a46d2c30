import type { MouseEvent } from 'react';
import { Button, Spin, Typography } from 'antd';
import { CloudDownloadOutlined, EnvironmentFilled } from '@ant-design/icons';
import type { AttachmentRef } from '../../../../../shared/domain/handover.js';
import { useT } from '../../../i18n/index.js';
import { useAttachmentUrl } from './attachments.js';

export interface Pin {
  x: number;
  y: number;
}

interface FloorPlanPinProps {
  floorPlan: AttachmentRef;
  value: Pin | null;
  onChange: (pin: Pin | null) => void;
  /** The other defects' pins, shown faint for orientation. */
  others?: readonly Pin[];
  readOnly?: boolean;
}

const round = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 10_000) / 10_000;

/** Where a click lands on the plan, 0–1 from its left and top. */
export function pinAt(
  event: Pick<MouseEvent, 'clientX' | 'clientY'>,
  rect: Pick<DOMRect, 'left' | 'top' | 'width' | 'height'>,
): Pin {
  return { x: round((event.clientX - rect.left) / (rect.width || 1)), y: round((event.clientY - rect.top) / (rect.height || 1)) };
}

/** The 户型图 with the defect's pin: a click (or tap) places it, 清除标记 takes it away. */
export function FloorPlanPin({ floorPlan, value, onChange, others = [], readOnly }: FloorPlanPinProps) {
  const t = useT();
  const { url, missing, failed } = useAttachmentUrl(floorPlan);

  if (missing || failed) {
    return (
      <Typography.Text type="secondary" data-testid="floor-plan-missing">
        <CloudDownloadOutlined /> {t(missing ? 'insp.plan.notHere' : 'insp.plan.unreadable')}
      </Typography.Text>
    );
  }
  if (!url) return <Spin size="small" />;

  const place = (event: MouseEvent<HTMLDivElement>) => {
    if (readOnly) return;
    onChange(pinAt(event, event.currentTarget.getBoundingClientRect()));
  };

  return (
    <div className="insp-plan-wrap">
      <div className={`insp-plan${readOnly ? '' : ' insp-plan-editable'}`} onClick={place} data-testid="floor-plan">
        <img src={url} alt={t('insp.plan.alt')} draggable={false} />
        {others.map((pin, i) => (
          <span key={i} className="insp-pin insp-pin-other" style={{ left: `${pin.x * 100}%`, top: `${pin.y * 100}%` }} />
        ))}
        {value && (
          <EnvironmentFilled
            className="insp-pin insp-pin-current"
            style={{ left: `${value.x * 100}%`, top: `${value.y * 100}%` }}
            data-testid="floor-plan-pin"
          />
        )}
      </div>
      {!readOnly && (
        <Typography.Text type="secondary" className="insp-plan-hint">
          {value ? t('insp.plan.placed') : t('insp.plan.hint')}
          {value && (
            <Button type="link" size="small" onClick={() => onChange(null)} data-testid="floor-plan-clear">
              {t('insp.plan.clear')}
            </Button>
          )}
        </Typography.Text>
      )}
    </div>
  );
}
