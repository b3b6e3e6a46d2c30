import { CheckCircleFilled } from '@ant-design/icons';
import { useT } from '../../../i18n/index.js';
import type { areaProgress } from './keyboard.js';

interface AreaListProps {
  areas: ReturnType<typeof areaProgress>;
  active: string | null;
  onSelect: (area: string) => void;
}

/** The rooms of the walk (入户门, 客厅, 卧室 …) with how far each is checked. */
export function AreaList({ areas, active, onSelect }: AreaListProps) {
  const t = useT();
  return (
    <nav className="insp-areas" aria-label={t('insp.areas')} data-testid="area-list">
      {areas.map((a) => {
        const done = a.checked === a.total;
        return (
          <button
            key={a.area}
            type="button"
            tabIndex={-1}
            className={`insp-area${a.area === active ? ' insp-area-active' : ''}${done ? ' insp-area-done' : ''}`}
            onClick={() => onSelect(a.area)}
            data-testid={`area-${a.area}`}
          >
            <span className="insp-area-name">{a.area}</span>
            <span className="insp-area-count">
              {done ? <CheckCircleFilled className="insp-area-check" /> : null}
              {a.checked}/{a.total}
              {a.failed > 0 && <span className="insp-area-failed">{t('insp.area.failed', { n: a.failed })}</span>}
            </span>
          </button>
        );
      })}
    </nav>
  );
}
