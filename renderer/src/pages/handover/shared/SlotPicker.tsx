import { useState } from 'react';
import { Badge, Input, Radio, Space } from 'antd';
import { DEFAULT_SLOTS } from '../../../../../shared/domain/handover.js';
import { useT } from '../../../i18n/index.js';

const CUSTOM = 'custom';

interface SlotPickerProps {
  value?: string;
  onChange?: (slot: string) => void;
  /** Live appointments already in each slot of the chosen day. */
  counts?: Readonly<Record<string, number>>;
  testId: string;
}

/** The reception's slots as buttons (Tab and arrows move, Space picks), or a slot typed in. */
export function SlotPicker({ value, onChange, counts = {}, testId }: SlotPickerProps) {
  const t = useT();
  const [custom, setCustom] = useState(() => value !== undefined && value !== '' && !DEFAULT_SLOTS.includes(value));

  return (
    <Space orientation="vertical" size={6} style={{ width: '100%' }} data-testid={testId}>
      <Radio.Group
        optionType="button"
        value={custom ? CUSTOM : value}
        onChange={(e) => {
          const next = String(e.target.value);
          if (next === CUSTOM) {
            setCustom(true);
            onChange?.('');
          } else {
            setCustom(false);
            onChange?.(next);
          }
        }}
      >
        {DEFAULT_SLOTS.map((slot) => (
          <Radio.Button key={slot} value={slot}>
            <span className="ho-slot-label" data-testid={`${testId}-${slot}`}>
              {slot}
              {(counts[slot] ?? 0) > 0 && <Badge count={counts[slot]} size="small" color="#8c8c8c" offset={[4, -2]} />}
            </span>
          </Radio.Button>
        ))}
        <Radio.Button value={CUSTOM}>
          <span data-testid={`${testId}-custom`}>{t('ho.slot.custom')}</span>
        </Radio.Button>
      </Radio.Group>
      {custom && (
        <Input
          autoFocus
          style={{ width: 200 }}
          placeholder="09:00-10:00"
          maxLength={11}
          value={value}
          onChange={(e) => onChange?.(e.target.value.replace(/\s|：/g, (c) => (c === '：' ? ':' : '')).replace(/[~～—–]/g, '-'))}
          data-testid={`${testId}-input`}
        />
      )}
    </Space>
  );
}
