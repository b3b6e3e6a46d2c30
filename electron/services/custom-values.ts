import { listCustomFieldOptions, openCustomFieldDefs } from '../../db/queries/custom-fields.js';
import { checkCustomFieldValue, type CustomFieldTarget } from '../../shared/domain/custom-fields.js';
import { AppError } from '../../shared/errors.js';
import type { ServiceContext } from './context.js';

/**
 * Values typed into custom fields (自定义信息), keyed by definition id, checked against
 * their open definitions: numbers must be numbers, a 下拉列表 value one of its valid options.
 * Returns the stored form, empty values left out.
 */
export function checkedCustomValues(
  ctx: ServiceContext,
  target: CustomFieldTarget,
  values: Record<string, string>,
): Record<string, string> {
  const entries = Object.entries(values);
  if (entries.length === 0) return {};
  const defs = new Map(openCustomFieldDefs(ctx.db, target).map((d) => [d.id, d]));
  const stored: Record<string, string> = {};
  for (const [defId, raw] of entries) {
    const def = defs.get(defId);
    if (!def)
      throw new AppError('VALIDATION', '自定义信息不存在或已关闭，请刷新后重试', { [`custom.${defId}`]: '该自定义信息已关闭' });
    const options =
      def.fieldType === 'select'
        ? listCustomFieldOptions(ctx.db, defId)
            .filter((o) => !o.invalid)
            .map((o) => o.name)
        : [];
    const checked = checkCustomFieldValue(def, raw, options);
    if (!checked.ok) throw new AppError('VALIDATION', checked.message, { [`custom.${defId}`]: checked.message });
    if (checked.value !== '') stored[defId] = checked.value;
  }
  return stored;
}
