import {
  dictPickerOptions,
  dictSiblings,
  findDictItemByName,
  getDictItem,
  listDictItems,
  nextDictSortOrder,
} from '../../db/queries/dictionaries.js';
import type { TxWriter } from '../../db/write.js';
import type { Handlers } from '../../shared/api/contract.js';
import type { DictItem } from '../../shared/domain/dictionaries.js';
import { AppError } from '../../shared/errors.js';
import type { ServiceContext } from './context.js';
import { applyMove } from './reorder.js';
import { withActorNames } from './actors.js';

type DictHandlers = Pick<
  Handlers,
  'dict.list' | 'dict.get' | 'dict.create' | 'dict.update' | 'dict.setInvalid' | 'dict.move' | 'dict.options'
>;

function assertUniqueName(ctx: ServiceContext, typeCode: string, name: string, exceptId?: string): void {
  if (findDictItemByName(ctx.db, typeCode, name, exceptId)) {
    throw new AppError('DUPLICATE_NAME', `名称“${name}”已存在，请换一个名称`, { name: `名称“${name}”已存在` });
  }
}

/** Edits name and remark of a valid entry; invalid entries are view-only. */
export function updateDictItem(
  ctx: ServiceContext,
  tx: TxWriter,
  id: string,
  patch: { name?: string; remark?: string },
): DictItem {
  const item = tx.get('dictItem', id);
  if (item.invalid) throw new AppError('ITEM_INVALID');
  if (patch.name !== undefined) assertUniqueName(ctx, item.typeCode, patch.name, id);
  return tx.update('dictItem', id, patch) as DictItem;
}

export function setDictItemsInvalid(tx: TxWriter, ids: readonly string[], invalid: boolean): number {
  let changed = 0;
  for (const id of ids) {
    const item = tx.get('dictItem', id);
    if (item.invalid !== invalid) {
      tx.update('dictItem', id, { invalid });
      changed += 1;
    }
  }
  return changed;
}

export function dictionaryHandlers(ctx: ServiceContext): DictHandlers {
  return {
    'dict.list': (args) => {
      const page = listDictItems(ctx.db, args);
      return { ...page, items: withActorNames(ctx, page.items) };
    },
    'dict.get': ({ id }) => {
      const item = getDictItem(ctx.db, id);
      if (!item) throw new AppError('NOT_FOUND');
      return item;
    },
    'dict.create': ({ typeCode, name, remark }) =>
      ctx.writer.transaction((tx) => {
        assertUniqueName(ctx, typeCode, name);
        return tx.create('dictItem', {
          projectId: null,
          typeCode,
          name,
          remark,
          sortOrder: nextDictSortOrder(ctx.db, typeCode),
          invalid: false,
        }) as DictItem;
      }),
    'dict.update': ({ id, name, remark }) => ctx.writer.transaction((tx) => updateDictItem(ctx, tx, id, { name, remark })),
    'dict.setInvalid': ({ ids, invalid }) => ({
      changed: ctx.writer.transaction((tx) => setDictItemsInvalid(tx, ids, invalid)),
    }),
    'dict.move': ({ id, to }) =>
      ctx.writer.transaction((tx) => {
        const item = tx.get('dictItem', id);
        return applyMove(tx, 'dictItem', dictSiblings(ctx.db, item.typeCode), id, to);
      }),
    'dict.options': ({ typeCode, keepIds }) => dictPickerOptions(ctx.db, typeCode, keepIds),
  };
}
