import { Input } from 'antd';
import type { TextAreaProps } from 'antd/es/input';
import { REMARK_MAX } from '../../../shared/domain/dictionaries.js';
import { charLength } from '../../../shared/domain/text.js';

/**
 * 备注 with a counter that counts as the limit does (code points, so a rare
 * character is one). It never truncates: the schema rule reports an overlong text.
 */
export function RemarkInput(props: TextAreaProps & { onCtrlEnter?: () => void }) {
  const { onCtrlEnter, ...rest } = props;
  return (
    <Input.TextArea
      autoSize={{ minRows: 3, maxRows: 8 }}
      count={{ show: true, max: REMARK_MAX, strategy: charLength }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && onCtrlEnter) {
          e.preventDefault();
          onCtrlEnter();
        }
      }}
      {...rest}
    />
  );
}
