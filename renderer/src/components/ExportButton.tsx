import { useState } from 'react';
import { Button, Tooltip } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { EXPORT_MAX_ROWS } from '../../../shared/api/calls/excel.js';
import type { CallInput } from '../../../shared/api/contract.js';
import { api } from '../api/client.js';
import { useT } from '../i18n/index.js';
import { downloadBase64 } from './download.js';
import { notifyError, notifySuccess } from './feedback.js';

export type ExportInput = CallInput<'export.list'>;

interface ExportButtonProps {
  /** The view and the filters the list shows now (what was last queried, not what is half-typed). */
  input: ExportInput;
  disabled?: boolean;
  testId?: string;
}

/** 导出Excel: every row of the list under its current filters, saved as an .xlsx. */
export function ExportButton({ input, disabled, testId = 'export-excel' }: ExportButtonProps) {
  const t = useT();
  const [working, setWorking] = useState(false);

  const run = async () => {
    setWorking(true);
    try {
      const file = await api.call('export.list', input);
      downloadBase64(file.base64, file.fileName);
      notifySuccess(t('export.done', { name: file.fileName }));
    } catch (error) {
      notifyError(error);
    } finally {
      setWorking(false);
    }
  };

  return (
    <Tooltip title={t('export.tooltip', { max: EXPORT_MAX_ROWS })}>
      <Button
        icon={<FileExcelOutlined />}
        loading={working}
        disabled={disabled}
        onClick={() => void (working ? undefined : run())}
        data-testid={testId}
      >
        {t('export.button')}
      </Button>
    </Tooltip>
  );
}
