import type { DictItem, DictTypeCode } from '../../../../shared/domain/dictionaries.js';
import { api } from '../../api/client.js';
import { createPagedListStore } from '../../store/pagedList.js';

export type InvalidFilter = 'all' | 'yes' | 'no';

export interface DictQuery {
  typeCode: DictTypeCode;
  name: string;
  invalid: InvalidFilter;
}

export const useDictList = createPagedListStore<DictQuery, DictItem>(
  { typeCode: 'customerSource', name: '', invalid: 'all' },
  (query, page, pageSize) =>
    api.call('dict.list', {
      typeCode: query.typeCode,
      name: query.name || undefined,
      invalid: query.invalid,
      page,
      pageSize,
    }),
);
