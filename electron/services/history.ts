import { findChange, recordHistory } from '../../db/queries/history.js';
import type { TxWriter } from '../../db/write.js';
import type { Handlers } from '../../shared/api/contract.js';
import { RESTORABLE_FIELDS, type EntityName } from '../../shared/domain/audit.js';
import { AppError } from '../../shared/errors.js';
import type { ServiceContext } from './context.js';
import { setDictItemsInvalid, updateDictItem } from './dictionaries.js';
import { updateCustomFieldDef, updateCustomFieldOption } from './custom-fields.js';
import { liveCustomer } from './customers.js';

/**
 * 恢复 writes an earlier value back through the same rules as a user's edit, so a
 * restore can never produce what the form would have refused (a duplicate name, say).
 * Each entity with restorable fields names here the service function that edits it.
 */
export type Updater = (ctx: ServiceContext, tx: TxWriter, id: string, patch: Record<string, unknown>) => void;

const updaters = new Map<EntityName, Updater>([
  [
    'dictItem',
    (ctx, tx, id, patch) => {
      if ('invalid' in patch) setDictItemsInvalid(tx, [id], patch.invalid === true);
      else updateDictItem(ctx, tx, id, patch as { name?: string; remark?: string });
    },
  ],
  ['customFieldDef', (ctx, tx, id, patch) => void updateCustomFieldDef(ctx, tx, id, patch)],
  ['customFieldOption', (ctx, tx, id, patch) => void updateCustomFieldOption(ctx, tx, id, patch)],
  // A customer's plain fields have no rule beyond the customer being live (not merged away);
  // the search keys of a name written back are the write path's (shared/domain/derived.ts).
  [
    'customer',
    (_ctx, tx, id, patch) => {
      liveCustomer(tx, id);
      tx.update('customer', id, patch);
    },
  ],
]);

export function historyHandlers(ctx: ServiceContext): Pick<Handlers, 'history.list' | 'history.restore'> {
  return {
    'history.list': ({ entity, entityId }) => recordHistory(ctx.db, entity, entityId),
    'history.restore': ({ changeId, field }) => {
      const change = findChange(ctx.db, changeId);
      if (!change) throw new AppError('NOT_FOUND');
      const fieldChange = change.changes[field];
      const restorable = (RESTORABLE_FIELDS[change.entity] as readonly string[]).includes(field);
      const update = updaters.get(change.entity);
      if (change.op !== 'update' || !fieldChange || !restorable || !update) throw new AppError('NOTHING_TO_RESTORE');
      ctx.writer.transaction((tx) => update(ctx, tx, change.entityId, { [field]: fieldChange.old }));
      return { restored: true };
    },
  };
}
