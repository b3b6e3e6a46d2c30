import { memo, useEffect, useMemo, useState, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import { Empty, Spin, Typography } from 'antd';
import type { FloorGrid as FloorGridData, GridRoom } from '../../../../shared/api/calls/resources.js';
import { RESOURCE_STATUSES, type ResourceStatus } from '../../../../shared/domain/resources.js';
import { api } from '../../api/client.js';
import { notifyError } from '../../components/feedback.js';
import { localName, useLang, useT, type Translate } from '../../i18n/index.js';
import { areaText, statusName } from './resourceText.js';

/** Cell size of the 房态图, also used to lay out the unit columns. */
const CELL_WIDTH = 88;
const CELL_GAP = 4;
const UNIT_PADDING = 6;

/** One style object per status, shared by every cell of that status. */
const CELL_STYLES = new Map<string, CSSProperties>(
  RESOURCE_STATUSES.map((s) => [s.code, { background: `${s.color}26`, borderColor: s.color, borderLeftColor: s.color }]),
);
const NO_STATUS_STYLE: CSSProperties = { background: '#fafafa', borderColor: '#d9d9d9' };

interface FloorGridProps {
  buildingId: string;
  on: string | null;
  version: number;
  onOpen: (roomId: string) => void;
}

function unitWidth(maxRooms: number): number {
  return Math.max(1, maxRooms) * (CELL_WIDTH + CELL_GAP) - CELL_GAP + UNIT_PADDING * 2;
}

function roomTip(t: Translate, lang: 'zh' | 'en', room: GridRoom): string {
  return t('res.grid.tip', {
    code: room.code,
    status: statusName(lang, room.status),
    houseType: room.houseType || '—',
    area: areaText(room.buildArea) || '—',
    owners: room.owners.length > 0 ? room.owners.join('、') : t('res.grid.noOwner'),
  });
}

interface FloorRowProps {
  floor: FloorGridData['floors'][number];
  widths: readonly number[];
  t: Translate;
  lang: 'zh' | 'en';
}

/** One floor: a sticky label, then each unit's rooms. Rows only redraw when their data does. */
const FloorRow = memo(function FloorRow({ floor, widths, t, lang }: FloorRowProps) {
  return (
    <div className="fg-row" data-testid={`grid-floor-${floor.floorNo}`}>
      <div className="fg-label">{floor.label}</div>
      {floor.cells.map((cell, i) => (
        <div className="fg-unit" key={cell.unitId} style={{ width: widths[i] }}>
          {cell.rooms.map((room) => (
            <div
              key={room.id}
              className="fg-cell"
              role="button"
              tabIndex={0}
              data-id={room.id}
              data-testid={`grid-room-${room.code}`}
              style={(room.status && CELL_STYLES.get(room.status)) || NO_STATUS_STYLE}
              title={roomTip(t, lang, room)}
            >
              <div className="fg-name">{room.name}</div>
              <div className="fg-owner">{room.owners.join('、')}</div>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
});

/**
 * 房态图: floors as rows (top floor first), rooms in unit columns coloured by status,
 * owners under the room name. Plain divs with one delegated click handler, so a 40-floor
 * building of 320 rooms scrolls without effort.
 */
export function FloorGrid({ buildingId, on, version, onOpen }: FloorGridProps) {
  const t = useT();
  const lang = useLang();
  const [grid, setGrid] = useState<FloorGridData | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .call('resource.floorGrid', { buildingId, on: on ?? undefined })
      .then((data) => {
        if (live) setGrid(data);
      })
      .catch((error: unknown) => {
        if (live) notifyError(error);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [buildingId, on, version]);

  const widths = useMemo(() => grid?.units.map((u) => unitWidth(u.maxRooms)) ?? [], [grid]);
  const total = useMemo(() => Object.values(grid?.statusCounts ?? {}).reduce<number>((sum, n) => sum + (n ?? 0), 0), [grid]);

  const roomOf = (target: EventTarget): string | undefined =>
    (target as HTMLElement).closest<HTMLElement>('.fg-cell')?.dataset.id;
  const onClick = (event: MouseEvent) => {
    const id = roomOf(event.target);
    if (id) onOpen(id);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const id = roomOf(event.target);
    if (!id) return;
    event.preventDefault();
    onOpen(id);
  };

  if (!grid) return <Spin spinning={loading} className="fg-spin" />;

  const hasRooms = grid.floors.some((f) => f.cells.some((c) => c.rooms.length > 0));

  return (
    <div className="fg-wrap" data-testid="floor-grid">
      <div className="fg-head">
        <Typography.Text strong data-testid="grid-building">
          {grid.building.name}
        </Typography.Text>
        <div className="fg-legend" data-testid="grid-legend">
          <span className="fg-legend-total" data-testid="grid-total">
            {t('res.grid.total', { n: total })}
          </span>
          {RESOURCE_STATUSES.map((s) => (
            <span key={s.code} className="fg-legend-item" data-testid={`grid-legend-${s.code}`}>
              <i className="fg-swatch" style={{ background: s.color }} />
              {localName(lang, s)} {grid.statusCounts[s.code as ResourceStatus] ?? 0}
            </span>
          ))}
        </div>
      </div>
      {hasRooms ? (
        <Spin spinning={loading}>
          <div className="fg-scroll" onClick={onClick} onKeyDown={onKeyDown} data-testid="grid-scroll">
            <div className="fg-row fg-header">
              <div className="fg-label fg-corner">{t('res.grid.floor')}</div>
              {grid.units.map((u, i) => (
                <div key={u.id} className="fg-unit-head" style={{ width: widths[i] }}>
                  {u.name}
                </div>
              ))}
            </div>
            {grid.floors.map((floor) => (
              <FloorRow key={floor.floorNo} floor={floor} widths={widths} t={t} lang={lang} />
            ))}
          </div>
        </Spin>
      ) : (
        <Empty description={t('res.grid.empty')} />
      )}
    </div>
  );
}
