import { Tag } from 'antd';

/** 有效/失效 or 开启/关闭: green for the usable state, grey for the other. */
export function StatusTag({ on, onText, offText }: { on: boolean; onText: string; offText: string }) {
  return <Tag color={on ? 'success' : 'default'}>{on ? onText : offText}</Tag>;
}
