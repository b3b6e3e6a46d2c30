import { Card, Empty } from 'antd';
import { useT } from '../../i18n/index.js';

export function ResourcesPage() {
  const t = useT();
  return (
    <Card title={t('menu.resources')}>
      <Empty />
    </Card>
  );
}
