import { useMemo } from 'react';
import { Alert, Button, Empty, Tooltip } from 'antd';
import { CheckSquareOutlined } from '@ant-design/icons';
import type { DefectView, InspectionView } from '../../../../../shared/api/calls/handover.js';
import { errorText } from '../../../api/errorText.js';
import { useLang, useT } from '../../../i18n/index.js';
import { AreaList } from './AreaList.js';
import { useInspection } from './inspectionStore.js';
import { ItemRow } from './ItemRow.js';
import { areaProgress } from './keyboard.js';
import { ShortcutHint } from './ShortcutHint.js';

const NO_DEFECTS: readonly DefectView[] = [];

/** 检查项: the areas on the left, the items of the chosen area with their result buttons on the right. */
export function ItemChecklist({ view, locked }: { view: InspectionView; locked: boolean }) {
  const t = useT();
  const lang = useLang();
  const area = useInspection((s) => s.area);
  const cursor = useInspection((s) => s.cursor);
  const rolledBack = useInspection((s) => s.rolledBack);
  const areas = useMemo(() => areaProgress(view.items), [view.items]);
  const shown = areas.find((a) => a.area === area) ?? areas[0];
  const items = useMemo(() => view.items.filter((i) => i.area === shown?.area), [view.items, shown?.area]);
  const defectsByItem = useMemo(() => {
    const map = new Map<string, DefectView[]>();
    for (const d of view.defects) if (d.itemId) map.set(d.itemId, [...(map.get(d.itemId) ?? []), d]);
    return map;
  }, [view.defects]);

  if (!shown) return <Empty description={t('insp.item.none')} />;
  const open = shown.total - shown.checked;

  return (
    <div className="insp-checklist">
      <AreaList areas={areas} active={shown.area} onSelect={(a) => useInspection.getState().showArea(a)} />
      <section className="insp-items" aria-label={shown.area}>
        <header className="insp-items-head">
          <span className="insp-items-title" data-testid="area-title">
            {shown.area}
            <span className="insp-items-count">{t('insp.area.progress', { checked: shown.checked, total: shown.total })}</span>
          </span>
          {!locked && (
            <Tooltip title={t('insp.item.passRemainingTip')}>
              <Button
                size="large"
                icon={<CheckSquareOutlined />}
                disabled={open === 0}
                onClick={() => void useInspection.getState().passRemaining(shown.area)}
                data-testid="pass-remaining"
              >
                {t('insp.item.passRemaining', { n: open })}
                <kbd className="insp-key">A</kbd>
              </Button>
            </Tooltip>
          )}
        </header>
        {rolledBack && (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => useInspection.getState().dismissRollback() }}
            title={t('insp.item.rolledBack', { item: rolledBack.label })}
            description={errorText(lang, rolledBack.error)}
            className="insp-rollback"
            data-testid="item-rollback"
          />
        )}
        <div className="insp-item-list" role="listbox" aria-label={shown.area}>
          {items.map((item) => (
            <ItemRow
              key={item.id}
              item={item}
              defects={defectsByItem.get(item.id) ?? NO_DEFECTS}
              active={item.id === cursor}
              locked={locked}
            />
          ))}
        </div>
        {!locked && <ShortcutHint />}
      </section>
    </div>
  );
}
