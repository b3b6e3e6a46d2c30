import { findChange, recordHistory } from '../../db/queries/history.js';
import type { TxWriter } from '../../db/write.js';
import type { Handlers } from '../../shared/api/contract.js';
import { type RESTORABLE_FIELDS, type EntityName } from '../../shared/domain/audit.js';
import { AppError } from '../../shared/errors.js';
import type { ServiceContext } from './context.js';
import { setDictItemsInvalid, updateDictItem } from './dictionaries.js';
import { updateCustomFieldDef, updateCustomFieldOption } from './custom-fields.js';

/**
 * 恢复 writes an earlier value back through the same rules as a user's edit, so a
 * restore can never produce what the form would have refused (a duplicate name, say).
 */
type Restorer = (ctx: ServiceContext, tx: TxWriter, id: string, value: unknown) => void;

const restorers: { [E in EntityName]: Record<(typeof RESTORABLE_FIELDS)[E][number], Restorer> } = {
  dictItem: {
    name: (ctx, tx, id, value) => void updateDictItem(ctx, tx, id, { name: String(value) }),
    remark: (ctx, tx, id, value) => void updateDictItem(ctx, tx, id, { remark: String(value ?? '') }),
    invalid: (_ctx, tx, id, value) => void setDictItemsInvalid(tx, [id], value === true),
  },
  customFieldDef: {
    title: (ctx, tx, id, value) => void updateCustomFieldDef(ctx, tx, id, { title: String(value) }),
    remark: (ctx, tx, id, value) => void updateCustomFieldDef(ctx, tx, id, { remark: String(value ?? '') }),
    enabled: (ctx, tx, id, value) => void updateCustomFieldDef(ctx, tx, id, { enabled: value === true }),
  },
  customFieldOption: {
    name: (ctx, tx, id, value) => void updateCustomFieldOption(ctx, tx, id, { name: String(value) }),
    invalid: (ctx, tx, id, value) => void updateCustomFieldOption(ctx, tx, id, { invalid: value === true }),
  },
};

export function historyHandlers(ctx: ServiceContext): Pick<Handlers, 'history.list' | 'history.restore'> {
  return {
    'history.list': ({ entity, entityId }) => recordHistory(ctx.db, entity, entityId),
    'history.restore': ({ changeId, field }) => {
      const change = findChange(ctx.db, changeId);
      if (!change) throw new AppError('NOT_FOUND');
      const fieldChange = change.changes[field];
      const restore = (restorers[change.entity] as Record<string, Restorer | undefined>)[field];
      if (change.op !== 'update' || !fieldChange || !restore) throw new AppError('NOTHING_TO_RESTORE');
      ctx.writer.transaction((tx) => restore(ctx, tx, change.entityId, fieldChange.old));
      return { restored: true };
    },
  };
}
