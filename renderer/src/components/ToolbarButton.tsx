import type { ReactNode } from 'react';
import { Button, Tooltip } from 'antd';

interface ToolbarButtonProps {
  label: string;
  icon?: ReactNode;
  shortcut?: string;
  disabled?: boolean;
  primary?: boolean;
  danger?: boolean;
  testId: string;
  onClick: () => void;
}

/** A toolbar command whose tooltip tells the keyboard shortcut, when it has one. */
export function ToolbarButton({ label, icon, shortcut, disabled, primary, danger, testId, onClick }: ToolbarButtonProps) {
  const button = (
    <Button
      icon={icon}
      type={primary ? 'primary' : 'default'}
      danger={danger}
      disabled={disabled}
      onClick={onClick}
      data-testid={testId}
    >
      {label}
    </Button>
  );
  return shortcut ? <Tooltip title={`${label}（${shortcut}）`}>{button}</Tooltip> : button;
}
