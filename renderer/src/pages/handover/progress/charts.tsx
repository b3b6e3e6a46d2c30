import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { Empty } from 'antd';

/** The drawing width: charts are drawn at the size they are shown, so the text stays crisp. */
function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver((entries) => {
      const next = entries[0]?.contentRect.width;
      if (next !== undefined) setWidth(Math.floor(next));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

const ROW = 22;
const GAP = 10;
const FONT = 12;

function clip(text: string, max: number): string {
  // CJK characters are about twice as wide as Latin ones at this size.
  let width = 0;
  let out = '';
  for (const ch of text) {
    width += /[\u2E80-\uFFFF]/.test(ch) ? 12 : 7;
    if (width > max) return `${out}…`;
    out += ch;
  }
  return out;
}

export interface StackSeries {
  key: string;
  label: string;
  color: string;
}

export function Legend({ series, testId }: { series: readonly StackSeries[]; testId?: string }) {
  return (
    <div className="ho-legend" data-testid={testId}>
      {series.map((s) => (
        <span key={s.key} className="ho-legend-item">
          <i className="ho-swatch" style={{ background: s.color }} />
          {s.label}
        </span>
      ))}
    </div>
  );
}

interface StackedBarsProps {
  rows: readonly { key: string; label: string; values: Record<string, number> }[];
  series: readonly StackSeries[];
  empty: string;
  testId: string;
}

/** One horizontal bar per row, its parts stacked in the order of the series; the total at the end. */
export function StackedBars({ rows, series, empty, testId }: StackedBarsProps) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const labelW = Math.min(140, Math.max(80, width * 0.2));
  const totalW = 44;
  const barW = Math.max(40, width - labelW - totalW - 8);
  const max = Math.max(1, ...rows.map((r) => series.reduce((n, s) => n + (r.values[s.key] ?? 0), 0)));
  const height = rows.length * (ROW + GAP) + GAP;

  return (
    <div ref={ref} className="ho-chart" data-testid={testId}>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        width > 0 && (
          <svg width={width} height={height} role="img" className="ho-chart-svg">
            {rows.map((r, i) => {
              const y = GAP + i * (ROW + GAP);
              const total = series.reduce((n, s) => n + (r.values[s.key] ?? 0), 0);
              let x = labelW;
              return (
                <g key={r.key} data-testid={`${testId}-row`}>
                  <title>{`${r.label}：${series.map((s) => `${s.label} ${r.values[s.key] ?? 0}`).join('，')}`}</title>
                  <text
                    x={labelW - 8}
                    y={y + ROW / 2}
                    dominantBaseline="central"
                    textAnchor="end"
                    fontSize={FONT}
                    fill="rgba(0,0,0,0.75)"
                  >
                    {clip(r.label, labelW - 12)}
                  </text>
                  <rect x={labelW} y={y} width={barW} height={ROW} fill="#fafafa" rx={2} />
                  {series.map((s) => {
                    const n = r.values[s.key] ?? 0;
                    if (n <= 0) return null;
                    const w = (n / max) * barW;
                    const at = x;
                    x += w;
                    return (
                      <g key={s.key}>
                        <rect x={at} y={y} width={Math.max(w - 1, 1)} height={ROW} fill={s.color}>
                          <title>{`${r.label} · ${s.label}：${n}`}</title>
                        </rect>
                        {w >= 26 && (
                          <text
                            x={at + w / 2}
                            y={y + ROW / 2}
                            dominantBaseline="central"
                            textAnchor="middle"
                            fontSize={11}
                            fill={s.color === '#e8e8e8' || s.color === '#91caff' ? 'rgba(0,0,0,0.65)' : '#fff'}
                            pointerEvents="none"
                          >
                            {n}
                          </text>
                        )}
                      </g>
                    );
                  })}
                  <text x={labelW + barW + 8} y={y + ROW / 2} dominantBaseline="central" fontSize={FONT} fill="rgba(0,0,0,0.65)">
                    {total}
                  </text>
                </g>
              );
            })}
          </svg>
        )
      )}
    </div>
  );
}

type BarRow = { key: string; label: string; value: number; /** Drawn in red over the start of the bar. */ part?: number };

interface BarsProps {
  rows: readonly BarRow[];
  /** The text at the end of a bar; the count by default. */
  valueText?: (row: BarRow) => string;
  color: string;
  partColor?: string;
  empty: string;
  testId: string;
}

/** Horizontal bars, largest first, with the count at the end (and the flagged part in red). */
export function Bars({ rows, valueText = (r) => String(r.value), color, partColor = '#ff4d4f', empty, testId }: BarsProps) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const labelW = Math.min(130, Math.max(80, width * 0.3));
  const barW = Math.max(40, width - labelW - 96);
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = rows.length * (ROW + GAP) + GAP;

  return (
    <div ref={ref} className="ho-chart" data-testid={testId}>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        width > 0 && (
          <svg width={width} height={height} role="img" className="ho-chart-svg">
            {rows.map((r, i) => {
              const y = GAP + i * (ROW + GAP);
              const w = (r.value / max) * barW;
              const pw = r.part ? (Math.min(r.part, r.value) / max) * barW : 0;
              return (
                <g key={r.key} data-testid={`${testId}-row`}>
                  <title>{`${r.label}：${r.value}${r.part ? `（${r.part}）` : ''}`}</title>
                  <text
                    x={labelW - 8}
                    y={y + ROW / 2}
                    dominantBaseline="central"
                    textAnchor="end"
                    fontSize={FONT}
                    fill="rgba(0,0,0,0.75)"
                  >
                    {clip(r.label, labelW - 12)}
                  </text>
                  <rect x={labelW} y={y} width={barW} height={ROW} fill="#fafafa" rx={2} />
                  {w > 0 && <rect x={labelW} y={y} width={w} height={ROW} fill={color} rx={2} />}
                  {pw > 0 && <rect x={labelW} y={y} width={pw} height={ROW} fill={partColor} rx={2} />}
                  <text x={labelW + w + 6} y={y + ROW / 2} dominantBaseline="central" fontSize={FONT} fill="rgba(0,0,0,0.75)">
                    {valueText(r)}
                  </text>
                </g>
              );
            })}
          </svg>
        )
      )}
    </div>
  );
}
