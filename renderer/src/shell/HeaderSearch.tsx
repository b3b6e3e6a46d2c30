import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { Input, Spin, Tag, Typography, type InputRef } from 'antd';
import { CarOutlined, HomeOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import type { OmniResult } from '../../../shared/api/calls/customers.js';
import { api } from '../api/client.js';
import { notifyError } from '../components/feedback.js';
import { useLang, useT, type MessageKey } from '../i18n/index.js';
import { useNavigation } from '../store/navigation.js';
import { kindName, matchedText, phoneDisplay } from '../pages/customers/customerFormat.js';
import '../pages/customers/customers.css';

const DEBOUNCE_MS = 150;
const LIMIT = 8;

type Hit =
  | { kind: 'customer'; item: OmniResult['customers'][number] }
  | { kind: 'resource'; item: OmniResult['resources'][number] }
  | { kind: 'vehicle'; item: OmniResult['vehicles'][number] };

const GROUPS: { kind: Hit['kind']; title: MessageKey; icon: ReactNode }[] = [
  { kind: 'customer', title: 'search.customers', icon: <UserOutlined /> },
  { kind: 'resource', title: 'search.resources', icon: <HomeOutlined /> },
  { kind: 'vehicle', title: 'search.vehicles', icon: <CarOutlined /> },
];

function hitsOf(result: OmniResult | null): Hit[] {
  if (!result) return [];
  return [
    ...result.customers.map((item) => ({ kind: 'customer' as const, item })),
    ...result.resources.map((item) => ({ kind: 'resource' as const, item })),
    ...result.vehicles.map((item) => ({ kind: 'vehicle' as const, item })),
  ];
}

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

/**
 * 全能搜索 in the header: one box for customers (name, pinyin, phone or ID tail), rooms and
 * plates. Ctrl+K or / puts the cursor in it; arrows choose, Enter opens, Esc closes.
 */
export function HeaderSearch() {
  const t = useT();
  const lang = useLang();
  const go = useNavigation((s) => s.go);
  const inputRef = useRef<InputRef>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<OmniResult | null>(null);
  const [searched, setSearched] = useState('');
  const [loading, setLoading] = useState(false);
  const [active, setActive] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const ticket = useRef(0);
  /** Enter pressed before the answer to the latest query came: open its best hit when it does. */
  const pendingEnter = useRef(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const ctrlK = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k';
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !typingIn(event.target);
      if (!ctrlK && !slash) return;
      event.preventDefault();
      inputRef.current?.focus({ cursor: 'all' });
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      clearTimeout(timer.current);
    };
  }, []);

  const search = (value: string) => {
    setText(value);
    setOpen(true);
    clearTimeout(timer.current);
    const query = value.trim().slice(0, 60);
    const mine = ++ticket.current;
    pendingEnter.current = false;
    if (!query) {
      setResult(null);
      setSearched('');
      setLoading(false);
      return;
    }
    setLoading(true);
    timer.current = setTimeout(() => {
      api
        .call('search.omni', { query, limit: LIMIT })
        .then((found) => {
          if (mine !== ticket.current) return;
          setResult(found);
          setSearched(query);
          setActive(0);
          if (pendingEnter.current) {
            pendingEnter.current = false;
            choose(hitsOf(found)[0]);
          }
        })
        .catch((error: unknown) => {
          if (mine === ticket.current) notifyError(error);
        })
        .finally(() => {
          if (mine === ticket.current) setLoading(false);
        });
    }, DEBOUNCE_MS);
  };

  const hits = hitsOf(result);

  const close = () => {
    setOpen(false);
    inputRef.current?.blur();
  };

  const choose = (hit: Hit | undefined) => {
    if (!hit) return;
    close();
    if (hit.kind === 'customer') go('customers', { customerId: hit.item.id });
    else if (hit.kind === 'resource') go('resources', { resourceId: hit.item.id });
    else go('customers', { customerId: hit.item.customerId });
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (hits.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + hits.length) % hits.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // A query typed faster than the debounce: wait for its answer rather than open a stale hit.
      if (loading) pendingEnter.current = true;
      else choose(hits[active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };

  const showPanel = open && text.trim() !== '' && (result !== null || loading);
  let index = -1;

  return (
    <div className="header-search" data-testid="omni">
      <Input
        ref={inputRef}
        value={text}
        allowClear
        placeholder={t('search.placeholder')}
        prefix={<SearchOutlined />}
        suffix={loading ? <Spin size="small" /> : <span />}
        onChange={(e) => search(e.target.value)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded={showPanel}
        aria-controls="omni-results"
        data-testid="omni-input"
      />
      {showPanel && (
        <div className="omni-panel" id="omni-results" role="listbox" data-testid="omni-results">
          {hits.length === 0 && result !== null && searched !== '' ? (
            <div className="omni-empty" data-testid="omni-empty">
              {t('search.empty')}
            </div>
          ) : (
            GROUPS.map((group) => {
              const inGroup = hits.filter((h) => h.kind === group.kind);
              if (inGroup.length === 0) return null;
              return (
                <div key={group.kind} className="omni-group" data-testid={`omni-group-${group.kind}`}>
                  <div className="omni-group-title">
                    {group.icon} {t(group.title)}
                  </div>
                  {inGroup.map((hit) => {
                    index += 1;
                    const mine = index;
                    return (
                      <div
                        key={`${hit.kind}-${hit.item.id}`}
                        role="option"
                        aria-selected={mine === active}
                        className={`omni-item${mine === active ? ' omni-item-active' : ''}`}
                        onMouseDown={(e) => {
                          e.preventDefault();
                          choose(hit);
                        }}
                        onMouseEnter={() => setActive(mine)}
                        data-testid={`omni-item-${hit.kind}`}
                      >
                        <HitLine hit={hit} lang={lang} t={t} />
                      </div>
                    );
                  })}
                </div>
              );
            })
          )}
          <div className="omni-hint">{t('search.hint')}</div>
        </div>
      )}
    </div>
  );
}

function HitLine({ hit, lang, t }: { hit: Hit; lang: ReturnType<typeof useLang>; t: ReturnType<typeof useT> }) {
  const matched = (
    <Tag color="blue" className="omni-matched" data-testid="omni-matched">
      {matchedText(t, hit.item.matched)}
    </Tag>
  );
  switch (hit.kind) {
    case 'customer': {
      const c = hit.item;
      return (
        <>
          <span className="omni-main">
            <Typography.Text strong>{c.name}</Typography.Text>
            {c.kind === 'company' && <Tag>{kindName(lang, c.kind)}</Tag>}
          </span>
          <span className="omni-sub">
            <span>{c.idNumberMasked}</span>
            {c.phones.length > 0 && <span>{c.phones.slice(0, 2).map(phoneDisplay).join('，')}</span>}
          </span>
          {matched}
        </>
      );
    }
    case 'resource': {
      const r = hit.item;
      return (
        <>
          <span className="omni-main">
            <Typography.Text strong>{r.code}</Typography.Text>
          </span>
          <span className="omni-sub">
            <span>{r.projectName}</span>
            <span>{r.owners.length > 0 ? t('search.owners', { names: r.owners.join('、') }) : t('search.noOwner')}</span>
          </span>
          {matched}
        </>
      );
    }
    case 'vehicle': {
      const v = hit.item;
      return (
        <>
          <span className="omni-main">
            <Typography.Text strong>{v.plate}</Typography.Text>
          </span>
          <span className="omni-sub">{t('search.vehicleOwner', { name: v.customerName })}</span>
          {matched}
        </>
      );
    }
  }
}
