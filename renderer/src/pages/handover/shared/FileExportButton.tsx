import { useState } from 'react';
import { Button } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { downloadBase64 } from '../../../components/download.js';
import { notifyError, notifySuccess } from '../../../components/feedback.js';
import { useT } from '../../../i18n/index.js';

interface FileExportButtonProps {
  /** The call that builds the workbook under the filters shown now. */
  run: () => Promise<{ fileName: string; dataBase64: string }>;
  disabled?: boolean;
  testId: string;
}

/** 导出Excel for the handover lists, whose workbooks come from their own calls (not export.list). */
export function FileExportButton({ run, disabled, testId }: FileExportButtonProps) {
  const t = useT();
  const [working, setWorking] = useState(false);

  const exportNow = async () => {
    setWorking(true);
    try {
      const file = await run();
      downloadBase64(file.dataBase64, file.fileName);
      notifySuccess(t('export.done', { name: file.fileName }));
    } catch (error) {
      notifyError(error);
    } finally {
      setWorking(false);
    }
  };

  return (
    <Button
      icon={<FileExcelOutlined />}
      loading={working}
      disabled={disabled}
      onClick={() => void (working ? undefined : exportNow())}
      data-testid={testId}
    >
      {t('export.button')}
    </Button>
  );
}
