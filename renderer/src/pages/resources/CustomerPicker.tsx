import { useEffect, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import type { OmniResult } from '../../../../shared/api/calls/customers.js';
import { api } from '../../api/client.js';
import { notifyError } from '../../components/feedback.js';
import { useT } from '../../i18n/index.js';

type Found = OmniResult['customers'][number];

interface CustomerPickerProps {
  value?: string;
  onChange?: (id: string | undefined) => void;
  testId: string;
  autoFocus?: boolean;
}

/** A customer chosen by typing a name, phone or ID number (the omni search, customers only). */
export function CustomerPicker({ value, onChange, testId, autoFocus }: CustomerPickerProps) {
  const t = useT();
  const [found, setFound] = useState<Found[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const ticket = useRef(0);

  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (text: string) => {
    clearTimeout(timer.current);
    const query = text.trim();
    if (query.length === 0) return;
    timer.current = setTimeout(() => {
      const mine = ++ticket.current;
      setSearching(true);
      api
        .call('search.omni', { query, limit: 20 })
        .then((result) => {
          if (mine !== ticket.current) return;
          // Keep the chosen one in the options, so its label stays when the list changes.
          const chosen = found.find((c) => c.id === value);
          const next = result.customers;
          setFound(chosen && !next.some((c) => c.id === chosen.id) ? [chosen, ...next] : next);
        })
        .catch(notifyError)
        .finally(() => {
          if (mine === ticket.current) setSearching(false);
        });
    }, 250);
  };

  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      autoFocus={autoFocus}
      value={value}
      onChange={(id) => onChange?.(id)}
      placeholder={t('res.rel.customerPlaceholder')}
      notFoundContent={searching ? <Spin size="small" /> : t('res.rel.noCustomer')}
      options={found.map((c) => ({
        value: c.id,
        label: c.name,
        title: c.name,
        desc: [c.idNumberMasked, c.phones[0]].filter(Boolean).join('　'),
      }))}
      optionRender={(option) => (
        <span data-testid={`customer-option-${String(option.label)}`}>
          {option.label}
          <span className="res-tree-code" style={{ marginLeft: 8 }}>
            {option.data.desc}
          </span>
        </span>
      )}
      data-testid={testId}
    />
  );
}
