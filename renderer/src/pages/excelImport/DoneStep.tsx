import { Button, Result } from 'antd';
import { DownloadOutlined, RedoOutlined, RightOutlined } from '@ant-design/icons';
import type { ImportCommitResult } from '../../../../shared/api/calls/excel.js';
import { useT } from '../../i18n/index.js';
import { useNavigation } from '../../store/navigation.js';
import { useImportWizard } from './importWizard.js';

/** Step 4: how many rows went in, and the rows left to fix. */
export function DoneStep({ result }: { result: ImportCommitResult }) {
  const t = useT();
  const go = useNavigation((s) => s.go);
  const { kind, busy, downloadRejected, restart } = useImportWizard();
  const target = kind === 'customers' ? 'customers' : 'resources';
  return (
    <Result
      status={result.rejected > 0 ? 'warning' : 'success'}
      title={<span data-testid="import-done-title">{t('excelImport.doneTitle', { n: result.imported })}</span>}
      subTitle={
        <span data-testid="import-done-subtitle">
          {result.rejected > 0 ? t('excelImport.doneRejected', { n: result.rejected }) : t('excelImport.doneAll')}
        </span>
      }
      extra={[
        result.rejected > 0 && (
          <Button
            key="rejected"
            icon={<DownloadOutlined />}
            loading={busy === 'rejected'}
            onClick={() => void downloadRejected()}
            data-testid="import-done-download-rejected"
          >
            {t('excelImport.downloadRejected')}
          </Button>
        ),
        <Button key="again" type="primary" icon={<RedoOutlined />} onClick={restart} data-testid="import-again">
          {t('excelImport.again')}
        </Button>,
        <Button key="goto" icon={<RightOutlined />} onClick={() => go(target)} data-testid="import-goto">
          {target === 'customers' ? t('excelImport.gotoCustomers') : t('excelImport.gotoResources')}
        </Button>,
      ]}
      data-testid="import-done"
    />
  );
}
