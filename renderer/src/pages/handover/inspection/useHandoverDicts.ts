import { useEffect, useState } from 'react';
import type { DictItem, DictTypeCode } from '../../../../../shared/domain/dictionaries.js';
import { api } from '../../../api/client.js';
import { notifyError } from '../../../components/feedback.js';

export type HandoverDictType = Extract<DictTypeCode, 'defectCategory' | 'contractor' | 'handoverItem' | 'refusalReason'>;

const cache = new Map<string, Promise<DictItem[]>>();

/** One handover dictionary's picker entries (valid ones, plus any in keepIds), read once per screen visit. */
export function useDictItems(typeCode: HandoverDictType, keepIds: readonly string[] = []): DictItem[] {
  const [items, setItems] = useState<DictItem[]>([]);
  const keepKey = [...keepIds].sort().join(',');
  useEffect(() => {
    let live = true;
    const key = `${typeCode}:${keepKey}`;
    let answer = cache.get(key);
    if (!answer) {
      answer = api.call('dict.options', { typeCode, keepIds: keepKey ? keepKey.split(',') : [] });
      cache.set(key, answer);
      answer.catch(() => cache.delete(key));
    }
    answer
      .then((list) => {
        if (live) setItems(list);
      })
      .catch((error: unknown) => {
        if (live) notifyError(error);
      });
    return () => {
      live = false;
    };
  }, [typeCode, keepKey]);
  return items;
}

/** Dictionaries change on another screen: the inspection screen reads them afresh when opened. */
export function forgetDictItems(): void {
  cache.clear();
}

/** Names for an AutoComplete (free text is allowed too), valid entries only. */
export function nameOptions(items: readonly DictItem[], typed = ''): { value: string }[] {
  const needle = typed.trim().toLowerCase();
  return items
    .filter((item) => !item.invalid && (!needle || item.name.toLowerCase().includes(needle)))
    .map((item) => ({ value: item.name }));
}
