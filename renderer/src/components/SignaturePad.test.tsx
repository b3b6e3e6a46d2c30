// @vitest-environment jsdom
import { act, createRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addStroke,
  clearStrokes,
  emptyHistory,
  redoStroke,
  SignaturePad,
  strokeWidth,
  undoStroke,
  type SignaturePadHandle,
  type SignatureState,
} from './SignaturePad.js';

/** jsdom draws nothing: a 2D context that only counts what it was asked to draw. */
function fakeContext() {
  const calls: Record<string, number> = {};
  const count = (name: string) => () => {
    calls[name] = (calls[name] ?? 0) + 1;
  };
  const ctx = new Proxy(
    { calls },
    {
      get: (target, prop: string) => (prop === 'calls' ? target.calls : count(prop)),
      set: () => true,
    },
  );
  return ctx as unknown as CanvasRenderingContext2D & { calls: Record<string, number> };
}

let ctx = fakeContext();
let root: Root;
let host: HTMLDivElement;

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
});

beforeEach(() => {
  ctx = fakeContext();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => ctx as never);
  vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,iVBORw0KGgo=');
  vi.spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect').mockReturnValue({
    left: 10,
    top: 20,
    width: 400,
    height: 200,
    right: 410,
    bottom: 220,
    x: 10,
    y: 20,
    toJSON: () => ({}),
  });
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.restoreAllMocks();
});

function render(props: Parameters<typeof SignaturePad>[0] = {}) {
  const ref = createRef<SignaturePadHandle>();
  const onChange = vi.fn<(s: SignatureState) => void>();
  act(() => root.render(<SignaturePad ref={ref} onChange={onChange} {...props} />));
  const canvas = host.querySelector('canvas')!;
  const button = (id: string) => host.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!;
  return { ref, onChange, canvas, button };
}

function pointer(target: Element, type: string, x: number, y: number, init: Partial<PointerEventInit> = {}) {
  act(() => {
    target.dispatchEvent(
      new PointerEvent(type, {
        bubbles: true,
        cancelable: true,
        clientX: x,
        clientY: y,
        pointerId: 1,
        pointerType: 'mouse',
        button: 0,
        ...init,
      }),
    );
  });
}

function drawLine(canvas: Element, init: Partial<PointerEventInit> = {}) {
  pointer(canvas, 'pointerdown', 20, 40, init);
  pointer(canvas, 'pointermove', 60, 60, init);
  pointer(canvas, 'pointermove', 120, 70, init);
  pointer(canvas, 'pointerup', 120, 70, init);
}

describe('SignaturePad', () => {
  it('starts empty: nothing to export, nothing to undo or clear', () => {
    const { ref, canvas, button } = render();
    expect(ref.current!.isEmpty()).toBe(true);
    expect(ref.current!.toPngBase64()).toBeNull();
    expect(canvas.getAttribute('data-empty')).toBe('true');
    expect(button('signature-undo').disabled).toBe(true);
    expect(button('signature-clear').disabled).toBe(true);
    expect(host.textContent).toContain('请在此处签名');
  });

  it('draws a stroke with the mouse and exports it as PNG base64', () => {
    const { ref, onChange, canvas, button } = render();
    drawLine(canvas);
    expect(ref.current!.isEmpty()).toBe(false);
    expect(onChange).toHaveBeenLastCalledWith({ empty: false, canUndo: true, canRedo: false });
    expect(canvas.getAttribute('data-empty')).toBe('false');
    expect(ctx.calls.quadraticCurveTo).toBeGreaterThan(0);
    expect(ctx.calls.stroke).toBeGreaterThan(0);
    expect(ref.current!.toPngBase64()).toBe('iVBORw0KGgo=');
    expect(HTMLCanvasElement.prototype.toDataURL).toHaveBeenCalledWith('image/png');
    expect(button('signature-undo').disabled).toBe(false);
  });

  it('works with a finger and a pen too, and a tap makes a dot', () => {
    const { ref, onChange, canvas } = render();
    drawLine(canvas, { pointerType: 'touch', pointerId: 7 });
    drawLine(canvas, { pointerType: 'pen', pointerId: 8, pressure: 0.9 });
    pointer(canvas, 'pointerdown', 200, 100, { pointerType: 'touch', pointerId: 9 });
    pointer(canvas, 'pointerup', 200, 100, { pointerType: 'touch', pointerId: 9 });
    expect(ref.current!.isEmpty()).toBe(false);
    expect(ctx.calls.arc).toBeGreaterThan(0);
    expect(onChange).toHaveBeenCalledTimes(3);
  });

  it('ignores a second finger (a palm) while one is drawing, and right clicks', () => {
    const { onChange, canvas } = render();
    pointer(canvas, 'pointerdown', 20, 40, { pointerType: 'touch', pointerId: 1 });
    pointer(canvas, 'pointerdown', 300, 150, { pointerType: 'touch', pointerId: 2 });
    pointer(canvas, 'pointermove', 320, 160, { pointerType: 'touch', pointerId: 2 });
    pointer(canvas, 'pointerup', 320, 160, { pointerType: 'touch', pointerId: 2 });
    expect(onChange).not.toHaveBeenCalled();
    pointer(canvas, 'pointermove', 60, 60, { pointerType: 'touch', pointerId: 1 });
    pointer(canvas, 'pointerup', 60, 60, { pointerType: 'touch', pointerId: 1 });
    expect(onChange).toHaveBeenCalledTimes(1);
    pointer(canvas, 'pointerdown', 20, 40, { button: 2 });
    pointer(canvas, 'pointerup', 20, 40, { button: 2 });
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('undoes, redoes and clears through its buttons and its handle', () => {
    const { ref, onChange, canvas, button } = render();
    drawLine(canvas);
    drawLine(canvas);
    act(() => button('signature-undo').click());
    expect(onChange).toHaveBeenLastCalledWith({ empty: false, canUndo: true, canRedo: true });
    act(() => button('signature-undo').click());
    expect(ref.current!.isEmpty()).toBe(true);
    act(() => button('signature-redo').click());
    expect(ref.current!.isEmpty()).toBe(false);
    act(() => button('signature-clear').click());
    expect(ref.current!.isEmpty()).toBe(true);
    expect(ref.current!.toPngBase64()).toBeNull();
    act(() => ref.current!.redo());
    expect(ref.current!.isEmpty()).toBe(false);
    act(() => ref.current!.clear());
    expect(canvas.getAttribute('data-empty')).toBe('true');
  });

  it('draws nothing while disabled', () => {
    const { ref, onChange, canvas, button } = render({ disabled: true });
    drawLine(canvas);
    expect(ref.current!.isEmpty()).toBe(true);
    expect(onChange).not.toHaveBeenCalled();
    expect(button('signature-clear').disabled).toBe(true);
  });
});

describe('signature strokes', () => {
  const p = (x: number) => ({ x, y: x, pressure: 0.5 });

  it('keeps undone strokes for redo until a new stroke is drawn', () => {
    let h = addStroke(addStroke(emptyHistory(), [p(0.1)]), [p(0.2)]);
    h = undoStroke(h);
    expect(h.strokes).toHaveLength(1);
    expect(h.undone).toHaveLength(1);
    expect(redoStroke(h).strokes).toHaveLength(2);
    h = addStroke(h, [p(0.3)]);
    expect(h.undone).toHaveLength(0);
    expect(addStroke(h, [])).toBe(h);
    expect(undoStroke(emptyHistory())).toEqual(emptyHistory());
  });

  it('brings a cleared drawing back stroke by stroke, in order', () => {
    const h = clearStrokes(addStroke(addStroke(emptyHistory(), [p(0.1)]), [p(0.2)]));
    expect(h.strokes).toEqual([]);
    expect(redoStroke(h).strokes).toEqual([[p(0.1)]]);
    expect(redoStroke(redoStroke(h)).strokes).toEqual([[p(0.1)], [p(0.2)]]);
  });

  it('draws harder pen pressure wider, and treats no pressure as a mouse', () => {
    expect(strokeWidth(1)).toBeGreaterThan(strokeWidth(0.2));
    expect(strokeWidth(0)).toBe(strokeWidth(0.5));
    expect(strokeWidth(Number.NaN)).toBe(strokeWidth(0.5));
  });
});
