import { Button, InputNumber, Space } from 'antd';
import { MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/index.js';

interface CountStepperProps {
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  disabled?: boolean;
  size?: 'middle' | 'large';
  testId?: string;
}

/** − n +: a count with buttons big enough for a finger. */
export function CountStepper({
  value,
  onChange,
  min = 0,
  max = 99,
  disabled,
  size = 'middle',
  testId = 'count',
}: CountStepperProps) {
  const t = useT();
  const set = (n: number) => onChange(Math.min(max, Math.max(min, n)));
  return (
    <Space.Compact>
      <Button
        size={size}
        icon={<MinusOutlined />}
        disabled={disabled || value <= min}
        onClick={() => set(value - 1)}
        aria-label={t('insp.count.less')}
        data-testid={`${testId}-dec`}
      />
      <InputNumber<number>
        size={size}
        min={min}
        max={max}
        precision={0}
        controls={false}
        value={value}
        disabled={disabled}
        onChange={(v) => v !== null && set(v)}
        style={{ width: 56, textAlign: 'center' }}
        data-testid={`${testId}-value`}
      />
      <Button
        size={size}
        icon={<PlusOutlined />}
        disabled={disabled || value >= max}
        onClick={() => set(value + 1)}
        aria-label={t('insp.count.more')}
        data-testid={`${testId}-inc`}
      />
    </Space.Compact>
  );
}
