import { useState } from 'react';
import { Alert, Button, Space, Statistic, Table, Tabs, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckOutlined, DownloadOutlined, ExclamationCircleOutlined, ImportOutlined, RollbackOutlined } from '@ant-design/icons';
import type { ImportDryRunResult, ImportMode, ImportRejectedRow } from '../../../../shared/api/calls/excel.js';
import { PAGE_SIZES } from '../../../../shared/domain/paging.js';
import { PagerBar } from '../../components/PagerBar.js';
import { useConfirm } from '../../components/useConfirm.js';
import { useLang, useT } from '../../i18n/index.js';
import { fieldTexts } from './fieldText.js';
import { useImportWizard } from './importWizard.js';

type WarningRow = ImportDryRunResult['warnings'][number];

/** Client-side paging of a checked file's rows, with the paging bar every list uses. */
function usePaged<T>(rows: readonly T[]) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[0]);
  const last = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(page, last);
  return {
    items: rows.slice((current - 1) * pageSize, current * pageSize),
    // A short list needs no paging bar.
    bar: rows.length > PAGE_SIZES[0] && (
      <PagerBar
        total={rows.length}
        page={current}
        pageSize={pageSize}
        onChange={(p, size) => {
          setPage(p);
          setPageSize(size);
        }}
      />
    ),
  };
}

/** Step 3: the dry run's verdict on every row, and the choice of how to import. */
export function CheckStep({ checked, projectName }: { checked: ImportDryRunResult; projectName: string | null }) {
  const t = useT();
  const lang = useLang();
  const { confirm } = useConfirm();
  const { kind, busy, commit, downloadRejected, goTo } = useImportWizard();
  const rejected = checked.rejected.length;
  const keyFields = fieldTexts(lang, kind).filter((f) => f.required);
  const rejectedPage = usePaged(checked.rejected);
  const warningPage = usePaged(checked.warnings);

  const rowColumn = { title: t('excelImport.row'), dataIndex: 'row', width: 96, align: 'right' as const };
  const rejectedColumns: ColumnsType<ImportRejectedRow> = [
    rowColumn,
    ...keyFields.map((f) => ({
      title: f.label,
      key: f.key,
      width: 170,
      ellipsis: true,
      render: (_: unknown, r: ImportRejectedRow) => r.values[f.key] ?? '',
    })),
    {
      title: t('excelImport.reasons'),
      dataIndex: 'reasons',
      render: (reasons: string[]) => (
        <ul className="import-reasons">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ),
    },
  ];
  const warningColumns: ColumnsType<WarningRow> = [
    rowColumn,
    {
      title: t('excelImport.warningMessages'),
      dataIndex: 'messages',
      render: (messages: string[]) => (
        <ul className="import-warnings">
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ),
    },
  ];

  const ask = (mode: ImportMode) => {
    const n = mode === 'allOrNothing' ? checked.total : checked.valid;
    const lines = [
      rejected > 0 && mode === 'validOnly' ? t('excelImport.confirmSkipped', { n: rejected }) : '',
      projectName ? t('excelImport.confirmProject', { project: projectName }) : '',
    ].filter(Boolean);
    confirm({
      title: mode === 'allOrNothing' ? t('excelImport.confirmAll', { n }) : t('excelImport.confirmValid', { n }),
      content: lines.length > 0 ? lines.join(' ') : undefined,
      okText: t('excelImport.confirmOk'),
      cancelText: t('common.cancel'),
      onOk: () => commit(mode),
    });
  };

  const allBlocked = rejected > 0;
  const importAll = (
    <Button
      type={allBlocked ? 'default' : 'primary'}
      icon={<CheckOutlined />}
      disabled={allBlocked || busy !== null}
      loading={busy === 'commit'}
      onClick={() => ask('allOrNothing')}
      data-testid="import-commit-all"
    >
      {t('excelImport.importAll')}
    </Button>
  );

  return (
    <div className="import-step" data-testid="import-check-result">
      <div className="import-stats">
        <Statistic title={t('excelImport.stat.total')} value={checked.total} data-testid="import-stat-total" />
        <Statistic
          title={t('excelImport.stat.valid')}
          value={checked.valid}
          styles={{ content: { color: '#389e0d' } }}
          data-testid="import-stat-valid"
        />
        <Statistic
          title={t('excelImport.stat.rejected')}
          value={rejected}
          styles={{ content: { color: rejected > 0 ? '#cf1322' : undefined } }}
          data-testid="import-stat-rejected"
        />
        <Statistic
          title={t('excelImport.stat.warnings')}
          value={checked.warnings.length}
          styles={{ content: { color: checked.warnings.length > 0 ? '#d48806' : undefined } }}
          data-testid="import-stat-warnings"
        />
      </div>

      <Alert
        type={checked.valid === 0 ? 'error' : rejected > 0 ? 'warning' : 'success'}
        showIcon
        className="import-alert"
        title={
          <span data-testid="import-summary">
            {t('excelImport.summary', { total: checked.total, valid: checked.valid, rejected })}
          </span>
        }
        description={
          checked.valid === 0
            ? t('excelImport.noValid')
            : rejected > 0
              ? t('excelImport.someRejected')
              : t('excelImport.allValid')
        }
      />

      <Space wrap className="import-actions">
        <Button
          type={allBlocked ? 'primary' : 'default'}
          icon={<ImportOutlined />}
          disabled={checked.valid === 0 || busy !== null}
          loading={busy === 'commit'}
          onClick={() => ask('validOnly')}
          data-testid="import-commit-valid"
        >
          {t('excelImport.importValid')}
        </Button>
        {allBlocked ? (
          <Tooltip title={t('excelImport.importAllBlocked', { n: rejected })}>
            <span data-testid="import-commit-all-wrap">{importAll}</span>
          </Tooltip>
        ) : (
          importAll
        )}
        <Button
          icon={<DownloadOutlined />}
          disabled={rejected === 0 || (busy !== null && busy !== 'rejected')}
          loading={busy === 'rejected'}
          onClick={() => void downloadRejected()}
          data-testid="import-download-rejected"
        >
          {t('excelImport.downloadRejected')}
        </Button>
        <Button icon={<RollbackOutlined />} disabled={busy !== null} onClick={() => goTo(1)} data-testid="import-back-mapping">
          {t('excelImport.backToMapping')}
        </Button>
      </Space>
      {allBlocked && (
        <Typography.Paragraph type="secondary" className="import-all-note" data-testid="import-all-blocked">
          <ExclamationCircleOutlined /> {t('excelImport.importAllBlocked', { n: rejected })}
        </Typography.Paragraph>
      )}

      {(rejected > 0 || checked.warnings.length > 0) && (
        <Tabs
          defaultActiveKey={rejected > 0 ? 'rejected' : 'warnings'}
          items={[
            ...(rejected > 0
              ? [
                  {
                    key: 'rejected',
                    label: <span data-testid="import-tab-rejected">{t('excelImport.tab.rejected', { n: rejected })}</span>,
                    children: (
                      <>
                        <Table<ImportRejectedRow>
                          rowKey="row"
                          size="small"
                          bordered
                          pagination={false}
                          columns={rejectedColumns}
                          dataSource={rejectedPage.items}
                          data-testid="import-rejected"
                        />
                        {rejectedPage.bar}
                      </>
                    ),
                  },
                ]
              : []),
            ...(checked.warnings.length > 0
              ? [
                  {
                    key: 'warnings',
                    label: (
                      <span className="import-warning-tab" data-testid="import-tab-warnings">
                        {t('excelImport.tab.warnings', { n: checked.warnings.length })}
                      </span>
                    ),
                    children: (
                      <>
                        <Alert type="warning" showIcon className="import-alert" title={t('excelImport.warningsHint')} />
                        <Table<WarningRow>
                          rowKey="row"
                          size="small"
                          bordered
                          pagination={false}
                          columns={warningColumns}
                          dataSource={warningPage.items}
                          data-testid="import-warnings"
                        />
                        {warningPage.bar}
                      </>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </div>
  );
}
