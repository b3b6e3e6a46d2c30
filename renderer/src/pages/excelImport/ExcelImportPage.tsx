import { Card, Empty } from 'antd';
import { useT } from '../../i18n/index.js';

export function ExcelImportPage() {
  const t = useT();
  return (
    <Card title={t('menu.excelImport')}>
      <Empty />
    </Card>
  );
}
