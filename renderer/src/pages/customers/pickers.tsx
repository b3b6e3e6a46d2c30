import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Select, Space, Tag, Typography } from 'antd';
import type { OmniResult } from '../../../../shared/api/calls/customers.js';
import type { CustomerBrief } from '../../../../shared/domain/customers.js';
import { api } from '../../api/client.js';
import { notifyError } from '../../components/feedback.js';
import { useLang } from '../../i18n/index.js';
import { kindName, phoneDisplay } from './customerFormat.js';

const DEBOUNCE_MS = 150;

/** Debounced omni search; answers to older queries are dropped. */
function useOmni(limit: number): { result: OmniResult | null; loading: boolean; search: (q: string) => void } {
  const [result, setResult] = useState<OmniResult | null>(null);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const ticket = useRef(0);
  useEffect(() => () => clearTimeout(timer.current), []);
  const search = (q: string) => {
    clearTimeout(timer.current);
    const query = q.trim();
    const mine = ++ticket.current;
    if (!query) {
      setResult(null);
      setLoading(false);
      return;
    }
    setLoading(true);
    timer.current = setTimeout(() => {
      api
        .call('search.omni', { query: query.slice(0, 60), limit })
        .then((found) => {
          if (mine === ticket.current) setResult(found);
        })
        .catch((error: unknown) => {
          if (mine === ticket.current) notifyError(error);
        })
        .finally(() => {
          if (mine === ticket.current) setLoading(false);
        });
    }, DEBOUNCE_MS);
  };
  return { result, loading, search };
}

export function CustomerLabel({ brief }: { brief: CustomerBrief }) {
  const lang = useLang();
  return (
    <Space size={6} className="customer-label">
      <Typography.Text strong>{brief.name}</Typography.Text>
      {brief.kind === 'company' && <Tag>{kindName(lang, brief.kind)}</Tag>}
      <Typography.Text type="secondary">{brief.idNumberMasked}</Typography.Text>
      {brief.phones[0] && <Typography.Text type="secondary">{phoneDisplay(brief.phones[0])}</Typography.Text>}
    </Space>
  );
}

interface CustomerSelectProps {
  value?: string | undefined;
  onChange?: (id: string | undefined, brief: CustomerBrief | undefined) => void;
  placeholder?: string;
  excludeIds?: readonly string[];
  /** A customer known before any search (an edited form, a preselected row). */
  initial?: CustomerBrief | undefined;
  autoFocus?: boolean;
  testId: string;
  status?: '' | 'error' | 'warning';
}

/** Picks an existing customer by whatever the front desk knows: name, pinyin, phone or ID tail. */
export function CustomerSelect({
  value,
  onChange,
  placeholder,
  excludeIds,
  initial,
  autoFocus,
  testId,
  status,
}: CustomerSelectProps) {
  const { result, loading, search } = useOmni(20);
  const [known, setKnown] = useState<Map<string, CustomerBrief>>(() => new Map(initial ? [[initial.id, initial]] : []));
  const found = (result?.customers ?? []).filter((c) => !excludeIds?.includes(c.id));
  const chosen = value ? known.get(value) : undefined;
  const options = [...(chosen && !found.some((c) => c.id === chosen.id) ? [chosen] : []), ...found].map((brief) => ({
    value: brief.id,
    label: <CustomerLabel brief={brief} />,
    brief,
  }));
  return (
    <Select<string, { value: string; label: ReactNode; brief: CustomerBrief }>
      value={value}
      placeholder={placeholder}
      allowClear
      autoFocus={autoFocus}
      status={status}
      loading={loading}
      showSearch={{ filterOption: false, onSearch: search }}
      notFoundContent={null}
      options={options}
      onChange={(id, option) => {
        const brief = option && !Array.isArray(option) ? option.brief : undefined;
        if (brief) setKnown((m) => new Map(m).set(brief.id, brief));
        onChange?.(id, brief);
      }}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

type ResourceHit = OmniResult['resources'][number];

interface ResourceSelectProps {
  value?: string | undefined;
  onChange?: (id: string | undefined) => void;
  placeholder?: string;
  testId: string;
}

/** Picks a room (or parking space, shop) by its code, in the projects the user may see. */
export function ResourceSelect({ value, onChange, placeholder, testId }: ResourceSelectProps) {
  const { result, loading, search } = useOmni(20);
  const [chosen, setChosen] = useState<ResourceHit | undefined>(undefined);
  const found = result?.resources ?? [];
  const list = chosen && chosen.id === value && !found.some((r) => r.id === chosen.id) ? [chosen, ...found] : found;
  return (
    <Select<string, { value: string; label: ReactNode; hit: ResourceHit }>
      value={value}
      placeholder={placeholder}
      allowClear
      loading={loading}
      showSearch={{ filterOption: false, onSearch: search }}
      notFoundContent={null}
      options={list.map((hit) => ({
        value: hit.id,
        hit,
        label: (
          <Space size={6}>
            <Typography.Text strong>{hit.code}</Typography.Text>
            <Typography.Text type="secondary">{hit.projectName}</Typography.Text>
            {hit.owners.length > 0 && <Typography.Text type="secondary">{hit.owners.join('、')}</Typography.Text>}
          </Space>
        ),
      }))}
      onChange={(id, option) => {
        setChosen(option && !Array.isArray(option) ? option.hit : undefined);
        onChange?.(id);
      }}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
