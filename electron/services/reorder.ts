import type { TxWriter } from '../../db/write.js';
import type { EntityName } from '../../shared/domain/audit.js';
import { moveInOrder, type MoveTarget } from '../../shared/domain/ordering.js';
import { AppError } from '../../shared/errors.js';

/**
 * Moves one entry of a user-ordered list and renumbers sort orders 1..n, writing only
 * the rows whose number changed (a step up or down touches two rows).
 */
export function applyMove(
  tx: TxWriter,
  entity: Extract<EntityName, 'dictItem' | 'customFieldDef' | 'customFieldOption'>,
  siblings: readonly { id: string; sortOrder: number }[],
  id: string,
  to: MoveTarget,
): { position: number } {
  const moved = moveInOrder(
    siblings.map((s) => s.id),
    id,
    to,
  );
  if (!moved) throw new AppError('MOVE_OUT_OF_RANGE', `无法移动到该位置：位置应在 1 到 ${siblings.length} 之间`);
  const current = new Map(siblings.map((s) => [s.id, s.sortOrder]));
  moved.order.forEach((entryId, index) => {
    if (current.get(entryId) !== index + 1) tx.update(entity, entryId, { sortOrder: index + 1 });
  });
  return { position: moved.position };
}
