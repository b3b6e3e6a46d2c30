import { ITEM_RESULTS, type ItemResult } from '../../../../../shared/domain/handover.js';

/**
 * The inspector's keys on the check list, as pure functions so they are tested apart from
 * the screen: ↑/↓ (or k/j) move, ←/→ change area, 1/2/3 set 合格/不合格/不适用 and move on,
 * Enter opens the defect of a failed item, A passes the rest of the area (其余合格).
 */
export type KeyCommand =
  | { kind: 'move'; delta: 1 | -1 }
  | { kind: 'area'; delta: 1 | -1 }
  | { kind: 'result'; result: ItemResult }
  | { kind: 'defect' }
  | { kind: 'passRemaining' };

export interface KeyLike {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

export function keyCommand(event: KeyLike): KeyCommand | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  switch (event.key) {
    case 'ArrowDown':
    case 'j':
      return { kind: 'move', delta: 1 };
    case 'ArrowUp':
    case 'k':
      return { kind: 'move', delta: -1 };
    case 'ArrowRight':
      return { kind: 'area', delta: 1 };
    case 'ArrowLeft':
      return { kind: 'area', delta: -1 };
    case 'Enter':
      return { kind: 'defect' };
    case 'a':
    case 'A':
      return { kind: 'passRemaining' };
  }
  const result = ITEM_RESULTS.find((r) => r.key === event.key);
  return result ? { kind: 'result', result: result.code } : null;
}

/** Keys typed into a field, a list box, a tab or an editable element are that element's, not the list's. */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const el = target as { tagName?: string; isContentEditable?: boolean; getAttribute?: (name: string) => string | null };
  const tag = (el.tagName ?? '').toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (el.isContentEditable) return true;
  // A focused tab or slider uses the arrows itself.
  const role = el.getAttribute?.('role');
  return role === 'combobox' || role === 'textbox' || role === 'spinbutton' || role === 'tab' || role === 'slider';
}

export interface CursorItem {
  id: string;
  area: string;
  result: ItemResult | null;
}

/** The areas in template order (the order items first name them). */
export function areasOf(items: readonly CursorItem[]): string[] {
  const seen: string[] = [];
  for (const item of items) if (!seen.includes(item.area)) seen.push(item.area);
  return seen;
}

/** One step up or down the whole list, across areas; stays at either end. */
export function moveCursor(items: readonly CursorItem[], cursor: string | null, delta: 1 | -1): string | null {
  if (items.length === 0) return null;
  const at = items.findIndex((i) => i.id === cursor);
  if (at < 0) return items[0]!.id;
  const next = Math.min(items.length - 1, Math.max(0, at + delta));
  return items[next]!.id;
}

/** Where an area opens: its first unchecked item, else its first. */
export function firstOfArea(items: readonly CursorItem[], area: string): string | null {
  const inArea = items.filter((i) => i.area === area);
  return (inArea.find((i) => i.result === null) ?? inArea[0])?.id ?? null;
}

/** The neighbouring area (no wrap), and where its cursor lands. */
export function stepArea(
  items: readonly CursorItem[],
  area: string | null,
  delta: 1 | -1,
): { area: string; cursor: string | null } | null {
  const areas = areasOf(items);
  if (areas.length === 0) return null;
  const at = area === null ? -1 : areas.indexOf(area);
  const next = at < 0 ? areas[0]! : areas[Math.min(areas.length - 1, Math.max(0, at + delta))]!;
  return { area: next, cursor: firstOfArea(items, next) };
}

/**
 * After 其余合格 of an area: the next area that still has unchecked items (or the next area),
 * so the walk goes on without a key.
 */
export function afterArea(items: readonly CursorItem[], area: string): { area: string; cursor: string | null } {
  const areas = areasOf(items);
  const at = areas.indexOf(area);
  const later = areas.slice(at + 1);
  const open = later.find((a) => items.some((i) => i.area === a && i.result === null));
  const next = open ?? later[0] ?? area;
  return { area: next, cursor: next === area ? firstOfArea(items, area) : firstOfArea(items, next) };
}

/** Counts per area for the area list: checked, total and failed. */
export function areaProgress(items: readonly CursorItem[]): { area: string; checked: number; total: number; failed: number }[] {
  return areasOf(items).map((area) => {
    const inArea = items.filter((i) => i.area === area);
    return {
      area,
      total: inArea.length,
      checked: inArea.filter((i) => i.result !== null).length,
      failed: inArea.filter((i) => i.result === 'fail').length,
    };
  });
}
