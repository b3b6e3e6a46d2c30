import { useEffect, useMemo, useState } from 'react';
import type { DictItem, DictTypeCode } from '../../../../shared/domain/dictionaries.js';
import { api } from '../../api/client.js';
import { notifyError } from '../../components/feedback.js';

export type CustomerDictType = Extract<
  DictTypeCode,
  'customerSource' | 'customerIntention' | 'customerStatus' | 'customerTag' | 'relationType'
>;

const TYPES: readonly CustomerDictType[] = [
  'customerSource',
  'customerIntention',
  'customerStatus',
  'customerTag',
  'relationType',
];

export type DictOptions = Record<CustomerDictType, DictItem[]>;

const EMPTY: DictOptions = {
  customerSource: [],
  customerIntention: [],
  customerStatus: [],
  customerTag: [],
  relationType: [],
};

/**
 * The picker entries of the customer dictionaries: the valid ones plus any the record
 * already names (keepIds), so an entry made invalid later still shows on old records.
 */
export function useCustomerDicts(keepIds: readonly string[] = []): { options: DictOptions; names: Map<string, string> } {
  const [options, setOptions] = useState<DictOptions>(EMPTY);
  const keepKey = [...keepIds].sort().join(',');
  useEffect(() => {
    let live = true;
    const keep = keepKey ? keepKey.split(',') : [];
    Promise.all(TYPES.map((typeCode) => api.call('dict.options', { typeCode, keepIds: keep })))
      .then((lists) => {
        if (!live) return;
        setOptions(Object.fromEntries(TYPES.map((type, i) => [type, lists[i] ?? []])) as DictOptions);
      })
      .catch((error: unknown) => {
        if (live) notifyError(error);
      });
    return () => {
      live = false;
    };
  }, [keepKey]);
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const type of TYPES) for (const item of options[type]) map.set(item.id, item.name);
    return map;
  }, [options]);
  return { options, names };
}

export function dictSelectOptions(items: readonly DictItem[]): { value: string; label: string; disabled?: boolean }[] {
  return items.map((item) => ({ value: item.id, label: item.name, disabled: item.invalid }));
}
