import { useEffect, useReducer, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Button, Input, Tooltip, type InputRef } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/index.js';
import { move, newKey, type DraftEntry } from './templateDraft.js';

interface EntryListProps<E extends DraftEntry> {
  entries: readonly E[];
  onChange: (entries: E[]) => void;
  /** A blank entry to insert. */
  make: () => E;
  maxLength: number;
  placeholder: string;
  addLabel: string;
  readOnly?: boolean;
  selectedKey?: string | null;
  onSelect?: (key: string) => void;
  /** Beside the name: the area's item count. */
  extra?: (entry: E) => ReactNode;
  /** Ask to focus this entry's field (after an insert elsewhere). */
  focusKey?: string | null;
  onFocused?: () => void;
  invalid?: (entry: E) => boolean;
  testId: string;
}

/**
 * An ordered list of names, edited from the keyboard: Enter adds an entry below, ↑ ↓ move
 * between entries, Alt+↑ Alt+↓ move the entry itself, Backspace in an empty entry removes it.
 */
export function EntryList<E extends DraftEntry>({
  entries,
  onChange,
  make,
  maxLength,
  placeholder,
  addLabel,
  readOnly,
  selectedKey,
  onSelect,
  extra,
  focusKey,
  onFocused,
  invalid,
  testId,
}: EntryListProps<E>) {
  const t = useT();
  const inputs = useRef(new Map<string, InputRef>());
  const pending = useRef<string | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  const focus = (key: string | undefined) => {
    if (!key) return;
    pending.current = key;
  };

  // Focus lands once the entry it names is on screen.
  useEffect(() => {
    const key = pending.current ?? focusKey ?? null;
    if (!key) return;
    const input = inputs.current.get(key);
    if (input) {
      input.focus({ cursor: 'end' });
      pending.current = null;
      if (focusKey) onFocused?.();
    }
  });

  const insertAfter = (index: number) => {
    const entry = make();
    const next = [...entries];
    next.splice(index + 1, 0, entry);
    onChange(next);
    focus(entry.key);
    onSelect?.(entry.key);
  };

  const remove = (index: number) => {
    const next = entries.filter((_, i) => i !== index);
    onChange(next);
    focus((entries[index - 1] ?? entries[index + 1])?.key);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, index: number) => {
    const entry = entries[index];
    if (!entry) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      insertAfter(index);
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      const to = event.key === 'ArrowUp' ? index - 1 : index + 1;
      if (to < 0 || to >= entries.length) return;
      event.preventDefault();
      if (event.altKey) {
        onChange(move(entries, index, to));
        focus(entry.key);
      } else {
        const target = entries[to];
        focus(target?.key);
        if (target) onSelect?.(target.key);
        // The focus effect runs on the next render; make one.
        rerender();
      }
    } else if (event.key === 'Backspace' && entry.name === '' && entries.length > 1) {
      event.preventDefault();
      remove(index);
    }
  };

  return (
    <div className="tpl-list" data-testid={testId}>
      {entries.map((entry, index) => (
        <div
          key={entry.key}
          className={`tpl-row${entry.key === selectedKey ? ' tpl-row-selected' : ''}`}
          onClick={() => onSelect?.(entry.key)}
          data-testid={`${testId}-row-${index}`}
        >
          <span className="tpl-seq">{index + 1}</span>
          <Input
            ref={(el) => {
              if (el) inputs.current.set(entry.key, el);
              else inputs.current.delete(entry.key);
            }}
            size="small"
            variant={entry.key === selectedKey ? 'outlined' : 'filled'}
            status={invalid?.(entry) ? 'error' : undefined}
            value={entry.name}
            readOnly={readOnly}
            maxLength={maxLength}
            placeholder={placeholder}
            onFocus={() => onSelect?.(entry.key)}
            onChange={(e) => onChange(entries.map((x) => (x.key === entry.key ? { ...x, name: e.target.value } : x)))}
            onKeyDown={(e) => onKeyDown(e, index)}
            data-testid={`${testId}-name-${index}`}
          />
          {extra && <span className="tpl-extra">{extra(entry)}</span>}
          {!readOnly && (
            <span className="tpl-row-actions">
              <Tooltip title={`${t('common.moveUp')}（Alt+↑）`}>
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowUpOutlined />}
                  disabled={index === 0}
                  tabIndex={-1}
                  onClick={() => onChange(move(entries, index, index - 1))}
                  data-testid={`${testId}-up-${index}`}
                />
              </Tooltip>
              <Tooltip title={`${t('common.moveDown')}（Alt+↓）`}>
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowDownOutlined />}
                  disabled={index === entries.length - 1}
                  tabIndex={-1}
                  onClick={() => onChange(move(entries, index, index + 1))}
                  data-testid={`${testId}-down-${index}`}
                />
              </Tooltip>
              <Tooltip title={t('ho.tpl.remove')}>
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  tabIndex={-1}
                  onClick={(e) => {
                    e.stopPropagation();
                    remove(index);
                  }}
                  data-testid={`${testId}-remove-${index}`}
                />
              </Tooltip>
            </span>
          )}
        </div>
      ))}
      {!readOnly && (
        <Button
          size="small"
          type="dashed"
          block
          icon={<PlusOutlined />}
          onClick={() => insertAfter(entries.length - 1)}
          data-testid={`${testId}-add`}
        >
          {addLabel}
        </Button>
      )}
    </div>
  );
}

export function blankEntry(): DraftEntry {
  return { key: newKey(), name: '' };
}
