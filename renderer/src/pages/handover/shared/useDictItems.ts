import { useEffect, useState } from 'react';
import type { DictItem, DictTypeCode } from '../../../../../shared/domain/dictionaries.js';
import { api } from '../../../api/client.js';

/** The valid entries of one dictionary (户型, 责任单位…), for pickers that also take free text. */
export function useDictItems(typeCode: DictTypeCode): DictItem[] {
  const [items, setItems] = useState<DictItem[]>([]);
  useEffect(() => {
    let live = true;
    api
      .call('dict.options', { typeCode })
      .then((list) => {
        if (live) setItems(list.filter((i) => !i.invalid));
      })
      .catch(() => {
        // Suggestions only: the field still takes what is typed.
        if (live) setItems([]);
      });
    return () => {
      live = false;
    };
  }, [typeCode]);
  return items;
}
