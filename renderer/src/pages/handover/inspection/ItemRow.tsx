import { memo, useEffect, useRef } from 'react';
import { Tag, Tooltip } from 'antd';
import { ExclamationCircleOutlined, PictureOutlined } from '@ant-design/icons';
import type { DefectView } from '../../../../../shared/api/calls/handover.js';
import type { InspectionItem, ItemResult } from '../../../../../shared/domain/handover.js';
import { useT } from '../../../i18n/index.js';
import { useInspection } from './inspectionStore.js';
import { ResultButtons } from './ResultButtons.js';

interface ItemRowProps {
  item: InspectionItem;
  defects: readonly DefectView[];
  active: boolean;
  locked: boolean;
}

/** One check item: its number and name, its defects, and the three result buttons. */
export const ItemRow = memo(function ItemRow({ item, defects, active, locked }: ItemRowProps) {
  const t = useT();
  const row = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (active) row.current?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const store = useInspection.getState;
  const onResult = (result: ItemResult) => {
    store().select(item.id);
    void store().setResult(item.id, result);
    if (result === 'fail' && defects.length === 0) store().openDefect({ defectId: null, itemId: item.id, area: item.area });
  };
  const photos = defects.reduce((n, d) => n + d.photos.length, 0);

  return (
    <div
      ref={row}
      className={`insp-item insp-item-${item.result ?? 'open'}${active ? ' insp-item-active' : ''}`}
      onClick={() => store().select(item.id)}
      role="option"
      aria-selected={active}
      data-testid={`item-row-${item.seq}`}
      data-result={item.result ?? ''}
    >
      <span className="insp-item-seq">{item.seq}</span>
      <div className="insp-item-main">
        <span className="insp-item-name">{item.name}</span>
        <span className="insp-item-defects">
          {defects.map((d) => (
            <Tag
              key={d.id}
              color="error"
              className="insp-defect-chip"
              onClick={(event) => {
                event.stopPropagation();
                store().openDefect({ defectId: d.id, itemId: item.id, area: item.area });
              }}
              data-testid="item-defect"
            >
              {d.description}
            </Tag>
          ))}
          {photos > 0 && (
            <span className="insp-item-photos">
              <PictureOutlined /> {photos}
            </span>
          )}
          {item.result === 'fail' && defects.length === 0 && (
            <Tooltip title={locked ? undefined : t('insp.item.noDefectTip')}>
              <Tag
                color="warning"
                icon={<ExclamationCircleOutlined />}
                className="insp-defect-chip"
                onClick={(event) => {
                  event.stopPropagation();
                  if (!locked) store().openDefect({ defectId: null, itemId: item.id, area: item.area });
                }}
                data-testid="item-no-defect"
              >
                {t('insp.item.noDefect')}
              </Tag>
            </Tooltip>
          )}
        </span>
      </div>
      <ResultButtons value={item.result} onChange={onResult} disabled={locked} />
    </div>
  );
});
