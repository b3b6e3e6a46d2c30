import { Card, Empty } from 'antd';
import { useT } from '../../i18n/index.js';

export function OrganizationPage() {
  const t = useT();
  return (
    <Card title={t('menu.organization')}>
      <Empty />
    </Card>
  );
}
