import { Card, Empty } from 'antd';
import { useT } from '../../i18n/index.js';

export function CustomersPage() {
  const t = useT();
  return (
    <Card title={t('menu.customers')}>
      <Empty />
    </Card>
  );
}
