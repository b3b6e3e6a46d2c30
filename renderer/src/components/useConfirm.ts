import { useState } from 'react';
import { App } from 'antd';

interface ConfirmOptions {
  title: string;
  content?: string;
  danger?: boolean;
  okText: string;
  cancelText: string;
  onOk: () => Promise<void>;
}

/**
 * antd's confirm plus whether one is showing, so the screen can switch its shortcuts
 * off while a confirm has the keyboard.
 */
export function useConfirm(): { confirming: boolean; confirm: (options: ConfirmOptions) => void } {
  const { modal } = App.useApp();
  const [confirming, setConfirming] = useState(false);
  const confirm = ({ title, content, danger, okText, cancelText, onOk }: ConfirmOptions) => {
    setConfirming(true);
    modal.confirm({
      title,
      content,
      okText,
      cancelText,
      okButtonProps: { danger, 'data-testid': 'confirm-ok' },
      cancelButtonProps: { 'data-testid': 'confirm-cancel' },
      onOk: async () => {
        try {
          await onOk();
        } finally {
          setConfirming(false);
        }
      },
      onCancel: () => setConfirming(false),
    });
  };
  return { confirming, confirm };
}
