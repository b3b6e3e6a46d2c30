import {
  customFieldDefSiblings,
  findCustomFieldDefByTitle,
  findCustomFieldOptionByName,
  getCustomFieldDef,
  listCustomFieldDefs,
  listCustomFieldOptions,
  openCustomFieldDefs,
  nextSortOrder,
} from '../../db/queries/custom-fields.js';
import type { TxWriter } from '../../db/write.js';
import type { Handlers } from '../../shared/api/contract.js';
import type { CustomFieldDef, CustomFieldOption, CustomFieldType } from '../../shared/domain/custom-fields.js';
import { AppError } from '../../shared/errors.js';
import type { ServiceContext } from './context.js';
import { applyMove } from './reorder.js';
import { withActorNames } from './actors.js';

type CustomFieldHandlers = Pick<
  Handlers,
  | 'customField.list'
  | 'customField.get'
  | 'customField.create'
  | 'customField.update'
  | 'customField.setEnabled'
  | 'customField.move'
  | 'customField.options'
  | 'customField.formFields'
  | 'customField.addOption'
  | 'customField.updateOption'
  | 'customField.setOptionInvalid'
  | 'customField.moveOption'
>;

function assertUniqueTitle(ctx: ServiceContext, target: string, title: string, exceptId?: string): void {
  if (findCustomFieldDefByTitle(ctx.db, target, title, exceptId)) {
    throw new AppError('DUPLICATE_NAME', `标题“${title}”已存在，请换一个标题`, { title: `标题“${title}”已存在` });
  }
}

function assertUniqueOption(ctx: ServiceContext, defId: string, name: string, exceptId?: string): void {
  if (findCustomFieldOptionByName(ctx.db, defId, name, exceptId)) {
    throw new AppError('DUPLICATE_NAME', `选项“${name}”已存在，请换一个名称`, { name: `选项“${name}”已存在` });
  }
}

/** Options are maintained only while their definition is closed (关闭): an open one is in use. */
function closedSelectDef(tx: TxWriter, defId: string): CustomFieldDef {
  const def = tx.get('customFieldDef', defId);
  if (def.fieldType !== 'select') throw new AppError('CUSTOM_FIELD_NOT_SELECT');
  if (def.enabled) throw new AppError('CUSTOM_FIELD_OPEN');
  return def;
}

/** An open definition is in use: its type cannot change under the values already entered. */
export function updateCustomFieldDef(
  ctx: ServiceContext,
  tx: TxWriter,
  id: string,
  patch: { title?: string; fieldType?: CustomFieldType; remark?: string; enabled?: boolean },
): CustomFieldDef {
  const def = tx.get('customFieldDef', id);
  if (patch.fieldType !== undefined && patch.fieldType !== def.fieldType && def.enabled) {
    throw new AppError('CUSTOM_FIELD_OPEN', '该自定义信息已开启，不能修改类型；请先关闭');
  }
  if (patch.title !== undefined) assertUniqueTitle(ctx, def.target, patch.title, id);
  if (patch.enabled === true && !def.enabled && (patch.fieldType ?? def.fieldType) === 'select') {
    const valid = listCustomFieldOptions(ctx.db, id).filter((o) => !o.invalid);
    if (valid.length === 0)
      throw new AppError('CUSTOM_FIELD_NO_OPTIONS', `“${def.title}”是下拉列表，至少需要一个有效选项才能开启`);
  }
  return tx.update('customFieldDef', id, patch);
}

export function updateCustomFieldOption(
  ctx: ServiceContext,
  tx: TxWriter,
  id: string,
  patch: { name?: string; invalid?: boolean },
): CustomFieldOption {
  const option = tx.get('customFieldOption', id);
  closedSelectDef(tx, option.defId);
  if (patch.name !== undefined) {
    if (option.invalid) throw new AppError('ITEM_INVALID');
    assertUniqueOption(ctx, option.defId, patch.name, id);
  }
  return tx.update('customFieldOption', id, patch);
}

export function customFieldHandlers(ctx: ServiceContext): CustomFieldHandlers {
  return {
    'customField.list': (args) => {
      const page = listCustomFieldDefs(ctx.db, args);
      return { ...page, items: withActorNames(ctx, page.items) };
    },
    'customField.get': ({ id }) => {
      const def = getCustomFieldDef(ctx.db, id);
      if (!def) throw new AppError('NOT_FOUND');
      return def;
    },
    'customField.create': ({ target, title, fieldType, remark }) =>
      ctx.writer.transaction((tx) => {
        assertUniqueTitle(ctx, target, title);
        return tx.create('customFieldDef', {
          projectId: null,
          target,
          title,
          fieldType,
          remark,
          enabled: false,
          sortOrder: nextSortOrder(customFieldDefSiblings(ctx.db, target)),
        });
      }),
    'customField.update': ({ id, title, fieldType, remark }) =>
      ctx.writer.transaction((tx) => updateCustomFieldDef(ctx, tx, id, { title, fieldType, remark })),
    'customField.setEnabled': ({ ids, enabled }) => ({
      changed: ctx.writer.transaction((tx) => {
        let changed = 0;
        for (const id of ids) {
          if (tx.get('customFieldDef', id).enabled === enabled) continue;
          updateCustomFieldDef(ctx, tx, id, { enabled });
          changed += 1;
        }
        return changed;
      }),
    }),
    'customField.move': ({ id, to }) =>
      ctx.writer.transaction((tx) => {
        const def = tx.get('customFieldDef', id);
        return applyMove(tx, 'customFieldDef', customFieldDefSiblings(ctx.db, def.target), id, to);
      }),
    'customField.formFields': ({ target }) =>
      openCustomFieldDefs(ctx.db, target).map((def) => ({
        def,
        options:
          def.fieldType === 'select'
            ? listCustomFieldOptions(ctx.db, def.id)
                .filter((o) => !o.invalid)
                .map((o) => o.name)
            : [],
      })),
    'customField.options': ({ defId }) => {
      if (!getCustomFieldDef(ctx.db, defId)) throw new AppError('NOT_FOUND');
      return withActorNames(ctx, listCustomFieldOptions(ctx.db, defId));
    },
    'customField.addOption': ({ defId, name }) =>
      ctx.writer.transaction((tx) => {
        closedSelectDef(tx, defId);
        assertUniqueOption(ctx, defId, name);
        return tx.create('customFieldOption', {
          projectId: null,
          defId,
          name,
          invalid: false,
          sortOrder: nextSortOrder(listCustomFieldOptions(ctx.db, defId)),
        });
      }),
    'customField.updateOption': ({ id, name }) => ctx.writer.transaction((tx) => updateCustomFieldOption(ctx, tx, id, { name })),
    'customField.setOptionInvalid': ({ ids, invalid }) => ({
      changed: ctx.writer.transaction((tx) => {
        let changed = 0;
        for (const id of ids) {
          if (tx.get('customFieldOption', id).invalid === invalid) continue;
          updateCustomFieldOption(ctx, tx, id, { invalid });
          changed += 1;
        }
        return changed;
      }),
    }),
    'customField.moveOption': ({ id, to }) =>
      ctx.writer.transaction((tx) => {
        const option = tx.get('customFieldOption', id);
        closedSelectDef(tx, option.defId);
        return applyMove(tx, 'customFieldOption', listCustomFieldOptions(ctx.db, option.defId), id, to);
      }),
  };
}
