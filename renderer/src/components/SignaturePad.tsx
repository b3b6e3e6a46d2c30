import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
  type Ref,
} from 'react';
import { Button, Space, Tooltip } from 'antd';
import { ClearOutlined, RedoOutlined, UndoOutlined } from '@ant-design/icons';
import { useT } from '../i18n/index.js';

/**
 * A pad to sign on: mouse, pen or finger through pointer events, with 撤销/重做/清除, giving
 * the drawing as a PNG (base64, no data: prefix). Points are kept relative to the pad's
 * width, so a pad that is resized (a tablet turned) redraws the same signature.
 */

export interface SignaturePoint {
  /** From the left, in pad widths. */
  x: number;
  /** From the top, in pad widths (not heights: the drawing keeps its shape). */
  y: number;
  /** 0–1; a mouse reports 0.5 while pressed. */
  pressure: number;
}
export type SignatureStroke = SignaturePoint[];

export interface SignaturePadHandle {
  clear(): void;
  undo(): void;
  redo(): void;
  isEmpty(): boolean;
  /** The signature as PNG base64, or null when nothing is drawn. */
  toPngBase64(): string | null;
}

export interface SignatureState {
  empty: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

interface SignaturePadProps {
  /** Pad height in CSS pixels; the width follows the container. */
  height?: number;
  disabled?: boolean;
  onChange?: (state: SignatureState) => void;
  ariaLabel?: string;
  testId?: string;
  ref?: Ref<SignaturePadHandle>;
}

/** Line width in CSS pixels for a pen pressure (harder: wider), around `base`. */
export function strokeWidth(pressure: number, base = 2.5): number {
  const p = Number.isFinite(pressure) && pressure > 0 ? Math.min(1, pressure) : 0.5;
  return base * (0.6 + p * 0.8);
}

/** The strokes drawn, and those undone (which 重做 brings back until a new stroke is drawn). */
export interface StrokeHistory {
  strokes: SignatureStroke[];
  undone: SignatureStroke[];
}

export const emptyHistory = (): StrokeHistory => ({ strokes: [], undone: [] });

export function addStroke(history: StrokeHistory, stroke: SignatureStroke): StrokeHistory {
  return stroke.length === 0 ? history : { strokes: [...history.strokes, stroke], undone: [] };
}

export function undoStroke(history: StrokeHistory): StrokeHistory {
  const last = history.strokes[history.strokes.length - 1];
  return last ? { strokes: history.strokes.slice(0, -1), undone: [...history.undone, last] } : history;
}

export function redoStroke(history: StrokeHistory): StrokeHistory {
  const last = history.undone[history.undone.length - 1];
  return last ? { strokes: [...history.strokes, last], undone: history.undone.slice(0, -1) } : history;
}

/** 清除 can be undone too: the cleared strokes go onto the redo pile in drawing order. */
export function clearStrokes(history: StrokeHistory): StrokeHistory {
  return history.strokes.length === 0 ? history : { strokes: [], undone: [...history.undone, ...[...history.strokes].reverse()] };
}

const INK = '#1f1f1f';

// Styled here, not in a page's CSS, so the pad looks the same wherever it is used.
const AREA_STYLE = {
  position: 'relative',
  border: '1px dashed #bfbfbf',
  borderRadius: 6,
  background: '#fff',
  overflow: 'hidden',
} as const;
const HINT_STYLE = {
  position: 'absolute',
  left: 0,
  right: 0,
  bottom: '28%',
  textAlign: 'center',
  color: '#bfbfbf',
  fontSize: 16,
  pointerEvents: 'none',
  userSelect: 'none',
} as const;
const BASELINE_STYLE = {
  position: 'absolute',
  left: '8%',
  right: '8%',
  bottom: '24%',
  borderBottom: '1px solid #f0f0f0',
  pointerEvents: 'none',
} as const;
const EXPORT_SCALE = 2;
const FALLBACK_WIDTH = 480;

/** Draws strokes onto a context whose unit is one CSS pixel of a pad `width` wide. */
export function drawStrokes(ctx: CanvasRenderingContext2D, strokes: readonly SignatureStroke[], width: number): void {
  ctx.strokeStyle = INK;
  ctx.fillStyle = INK;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const stroke of strokes) {
    const first = stroke[0];
    if (!first) continue;
    if (stroke.length === 1) {
      ctx.beginPath();
      ctx.arc(first.x * width, first.y * width, strokeWidth(first.pressure) / 2, 0, Math.PI * 2);
      ctx.fill();
      continue;
    }
    for (let i = 1; i < stroke.length; i += 1) drawSegment(ctx, stroke, i, width);
  }
}

/** One piece of a stroke, from point i-1 to point i, smoothed through the midpoints. */
function drawSegment(ctx: CanvasRenderingContext2D, stroke: SignatureStroke, i: number, width: number): void {
  const a = stroke[i - 2];
  const b = stroke[i - 1]!;
  const c = stroke[i]!;
  const start = a ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : b;
  const end = { x: (b.x + c.x) / 2, y: (b.y + c.y) / 2 };
  ctx.lineWidth = strokeWidth(c.pressure);
  ctx.beginPath();
  ctx.moveTo(start.x * width, start.y * width);
  ctx.quadraticCurveTo(b.x * width, b.y * width, end.x * width, end.y * width);
  if (i === stroke.length - 1) ctx.lineTo(c.x * width, c.y * width);
  ctx.stroke();
}

function pressureOf(event: PointerEvent): number {
  // Mice and some touch screens report 0 (hover) or a fixed 0.5 while pressed.
  return event.pointerType === 'pen' && event.pressure > 0 ? event.pressure : 0.5;
}

export function SignaturePad({
  height = 200,
  disabled = false,
  onChange,
  ariaLabel,
  testId = 'signature-pad',
  ref,
}: SignaturePadProps) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const history = useRef<StrokeHistory>(emptyHistory());
  const drawing = useRef<{ pointerId: number; stroke: SignatureStroke } | null>(null);
  const size = useRef({ width: FALLBACK_WIDTH, height });
  const [state, setState] = useState<SignatureState>({ empty: true, canUndo: false, canRedo: false });
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const redraw = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size.current.width, size.current.height);
    const strokes = drawing.current ? [...history.current.strokes, drawing.current.stroke] : history.current.strokes;
    drawStrokes(ctx, strokes, size.current.width);
  }, []);

  const commit = useCallback(
    (next: StrokeHistory) => {
      history.current = next;
      const s = { empty: next.strokes.length === 0, canUndo: next.strokes.length > 0, canRedo: next.undone.length > 0 };
      setState(s);
      onChangeRef.current?.(s);
      redraw();
    },
    [redraw],
  );

  // The canvas's pixels follow its CSS size and the screen's pixel ratio.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const fit = () => {
      const width = canvas.getBoundingClientRect().width || canvas.clientWidth || FALLBACK_WIDTH;
      const dpr = window.devicePixelRatio || 1;
      size.current = { width, height };
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      redraw();
    };
    fit();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [height, redraw]);

  useImperativeHandle(
    ref,
    () => ({
      clear: () => commit(clearStrokes(history.current)),
      undo: () => commit(undoStroke(history.current)),
      redo: () => commit(redoStroke(history.current)),
      isEmpty: () => history.current.strokes.length === 0,
      toPngBase64: () => {
        if (history.current.strokes.length === 0) return null;
        const { width, height: h } = size.current;
        const out = document.createElement('canvas');
        out.width = Math.round(width * EXPORT_SCALE);
        out.height = Math.round(h * EXPORT_SCALE);
        const ctx = out.getContext('2d');
        if (!ctx) return null;
        ctx.scale(EXPORT_SCALE, EXPORT_SCALE);
        drawStrokes(ctx, history.current.strokes, width);
        const url = out.toDataURL('image/png');
        const comma = url.indexOf(',');
        return comma >= 0 ? url.slice(comma + 1) : null;
      },
    }),
    [commit],
  );

  const pointAt = (event: PointerEvent): SignaturePoint => {
    const canvas = canvasRef.current!;
    const rect = canvas.getBoundingClientRect();
    const width = rect.width || size.current.width;
    return {
      x: Math.min(1, Math.max(0, (event.clientX - rect.left) / width)),
      y: Math.min(height / width, Math.max(0, (event.clientY - rect.top) / width)),
      pressure: pressureOf(event),
    };
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (disabled || drawing.current) return;
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drawing.current = { pointerId: event.pointerId, stroke: [pointAt(event.nativeEvent)] };
    redraw();
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const active = drawing.current;
    if (!active || active.pointerId !== event.pointerId) return;
    event.preventDefault();
    const native = event.nativeEvent;
    const samples = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    for (const sample of samples.length > 0 ? samples : [native]) active.stroke.push(pointAt(sample));
    redraw();
  };

  const onPointerEnd = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const active = drawing.current;
    if (!active || active.pointerId !== event.pointerId) return;
    drawing.current = null;
    commit(addStroke(history.current, active.stroke));
  };

  return (
    <div className="signature-pad" data-testid={testId}>
      <div style={{ ...AREA_STYLE, height, opacity: disabled ? 0.5 : 1 }}>
        <span style={BASELINE_STYLE} />
        <canvas
          ref={canvasRef}
          style={{ display: 'block', width: '100%', height, touchAction: 'none', cursor: disabled ? 'not-allowed' : 'crosshair' }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerEnd}
          onPointerCancel={onPointerEnd}
          role="img"
          aria-label={ariaLabel ?? t('signature.aria')}
          data-testid={`${testId}-canvas`}
          data-empty={state.empty}
        />
        {state.empty && <span style={HINT_STYLE}>{t('signature.hint')}</span>}
      </div>
      <Space size={4} style={{ marginTop: 8 }}>
        <Tooltip title={t('signature.undo')}>
          <Button
            icon={<UndoOutlined />}
            disabled={disabled || !state.canUndo}
            onClick={() => commit(undoStroke(history.current))}
            aria-label={t('signature.undo')}
            data-testid="signature-undo"
          />
        </Tooltip>
        <Tooltip title={t('signature.redo')}>
          <Button
            icon={<RedoOutlined />}
            disabled={disabled || !state.canRedo}
            onClick={() => commit(redoStroke(history.current))}
            aria-label={t('signature.redo')}
            data-testid="signature-redo"
          />
        </Tooltip>
        <Button
          icon={<ClearOutlined />}
          disabled={disabled || state.empty}
          onClick={() => commit(clearStrokes(history.current))}
          data-testid="signature-clear"
        >
          {t('signature.clear')}
        </Button>
      </Space>
    </div>
  );
}
