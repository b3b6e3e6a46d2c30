/** Where to move an entry in a user-ordered list (上移, 下移, 置顶, 置底, 移至第N位). */
export type MoveTarget = 'up' | 'down' | 'top' | 'bottom' | number;

/**
 * The new order of a list after moving one entry, and the 1-based position it lands on.
 * Returns null when the target is outside the list (a position past the end).
 */
export function moveInOrder(ids: readonly string[], id: string, to: MoveTarget): { order: string[]; position: number } | null {
  const from = ids.indexOf(id);
  if (from < 0) return null;
  let dest: number;
  if (to === 'up') dest = Math.max(0, from - 1);
  else if (to === 'down') dest = Math.min(ids.length - 1, from + 1);
  else if (to === 'top') dest = 0;
  else if (to === 'bottom') dest = ids.length - 1;
  else {
    if (!Number.isInteger(to) || to < 1 || to > ids.length) return null;
    dest = to - 1;
  }
  const order = ids.filter((x) => x !== id);
  order.splice(dest, 0, id);
  return { order, position: dest + 1 };
}
