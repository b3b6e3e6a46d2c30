import { Tag, Typography } from 'antd';
import type { CustomerBrief } from '../../../../shared/domain/customers.js';
import { useLang } from '../../i18n/index.js';
import { idTypeName, phoneDisplay } from './customerFormat.js';

interface DuplicateListProps {
  items: readonly CustomerBrief[];
  /** Why each one is listed (同名同电话 / 同电话), by customer id. */
  reasons?: ReadonlyMap<string, string>;
  testId?: string;
}

/** Customers a registration may duplicate: name, masked document and phones, enough to tell people apart. */
export function DuplicateList({ items, reasons, testId }: DuplicateListProps) {
  const lang = useLang();
  return (
    <ul className="dup-list" data-testid={testId}>
      {items.map((b) => (
        <li key={b.id} data-testid="dup-item">
          {reasons?.get(b.id) && <Tag color="orange">{reasons.get(b.id)}</Tag>}
          <Typography.Text strong>{b.name}</Typography.Text>
          <Typography.Text type="secondary">
            {idTypeName(lang, b.idType)} {b.idNumberMasked}
          </Typography.Text>
          {b.phones.length > 0 && <Typography.Text>{b.phones.map(phoneDisplay).join('，')}</Typography.Text>}
        </li>
      ))}
    </ul>
  );
}
