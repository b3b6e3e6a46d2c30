import type { ReactNode } from 'react';
import { Button } from 'antd';
import { CheckOutlined, CloseOutlined, MinusOutlined } from '@ant-design/icons';
import { ITEM_RESULTS, type ItemResult } from '../../../../../shared/domain/handover.js';
import { localName, useLang } from '../../../i18n/index.js';

const LOOK: Record<ItemResult, { color: 'green' | 'danger' | 'default'; icon: ReactNode }> = {
  pass: { color: 'green', icon: <CheckOutlined /> },
  fail: { color: 'danger', icon: <CloseOutlined /> },
  na: { color: 'default', icon: <MinusOutlined /> },
};

interface ResultButtonsProps {
  value: ItemResult | null;
  onChange: (result: ItemResult) => void;
  disabled?: boolean;
}

/** 合格 / 不合格 / 不适用 as three large buttons, the chosen one filled; each shows its key. */
export function ResultButtons({ value, onChange, disabled }: ResultButtonsProps) {
  const lang = useLang();
  return (
    <div className="insp-results" role="group">
      {ITEM_RESULTS.map((r) => {
        const on = value === r.code;
        return (
          <Button
            key={r.code}
            size="large"
            color={LOOK[r.code].color}
            variant={on ? 'solid' : 'outlined'}
            icon={LOOK[r.code].icon}
            aria-pressed={on}
            disabled={disabled && !on}
            tabIndex={-1}
            className={`insp-result insp-result-${r.code}${on ? ' insp-result-on' : ''}${disabled ? ' insp-result-locked' : ''}`}
            onClick={(event) => {
              event.stopPropagation();
              if (!disabled) onChange(r.code);
            }}
            data-testid={`result-${r.code}`}
          >
            {localName(lang, r)}
            <kbd className="insp-key">{r.key}</kbd>
          </Button>
        );
      })}
    </div>
  );
}
