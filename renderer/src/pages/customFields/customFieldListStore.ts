import type { CustomFieldDef, CustomFieldTarget } from '../../../../shared/domain/custom-fields.js';
import { api } from '../../api/client.js';
import { createPagedListStore } from '../../store/pagedList.js';

export interface CustomFieldQuery {
  target: CustomFieldTarget;
  title: string;
}

export const useCustomFieldList = createPagedListStore<CustomFieldQuery, CustomFieldDef>(
  { target: 'customer', title: '' },
  (query, page, pageSize) =>
    api.call('customField.list', { target: query.target, title: query.title || undefined, page, pageSize }),
);
