import { Tag } from 'antd';
import type { InspectionTemplate } from '../../../../../shared/domain/handover.js';
import { useT, type MessageKey } from '../../../i18n/index.js';

const LOOK: Record<InspectionTemplate['status'], { color: string; key: MessageKey }> = {
  draft: { color: 'processing', key: 'ho.tpl.status.draft' },
  published: { color: 'success', key: 'ho.tpl.status.published' },
  retired: { color: 'default', key: 'ho.tpl.status.retired' },
};

/** 草稿 / 已发布 / 已停用. */
export function TemplateStatusTag({ status }: { status: InspectionTemplate['status'] }) {
  const t = useT();
  const look = LOOK[status];
  return (
    <Tag color={look.color} data-testid="template-status" data-status={status}>
      {t(look.key)}
    </Tag>
  );
}
