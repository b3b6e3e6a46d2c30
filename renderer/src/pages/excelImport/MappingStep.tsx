import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowLeftOutlined, ArrowRightOutlined } from '@ant-design/icons';
import type { ImportOpenResult } from '../../../../shared/api/calls/excel.js';
import { useLang, useT } from '../../i18n/index.js';
import { fieldTexts, type FieldText } from './fieldText.js';
import { mappingGaps, useImportWizard } from './importWizard.js';

/** Column letters as Excel shows them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The first non-blank sample of a column: what the user recognises the column by. */
function sampleOf(opened: ImportOpenResult, column: number | null | undefined): string {
  if (column === null || column === undefined) return '';
  return opened.sampleRows.map((r) => r[column] ?? '').find((v) => v !== '') ?? '';
}

/** Step 2: which Excel column feeds which field, with the first rows of the file to go by. */
export function MappingStep({ opened }: { opened: ImportOpenResult }) {
  const t = useT();
  const lang = useLang();
  const { kind, mapping, busy, selectSheet, setColumn, check, restart } = useImportWizard();
  const fields = fieldTexts(lang, kind);
  const labelOf = new Map(fields.map((f) => [f.key, f.label]));
  const fieldOfColumn = new Map(
    Object.entries(mapping)
      .filter(([, index]) => index !== null)
      .map(([key, index]) => [index as number, labelOf.get(key) ?? key]),
  );
  const { missing, noAreaField } = mappingGaps(kind, mapping);
  const separator = lang === 'zh' ? '、' : ', ';

  const fieldColumns: ColumnsType<FieldText> = [
    {
      title: t('excelImport.field'),
      dataIndex: 'label',
      width: 170,
      render: (label: string, f) => (
        <span data-testid={`import-field-${f.key}`}>
          {f.required && (
            <span className="import-required-mark" title={t('excelImport.required')}>
              *
            </span>
          )}
          {label}
        </span>
      ),
    },
    {
      title: t('excelImport.column'),
      key: 'column',
      width: 260,
      render: (_: unknown, f) => {
        const value = mapping[f.key] ?? null;
        return (
          <Select<number>
            size="small"
            style={{ width: '100%' }}
            allowClear
            value={value ?? undefined}
            placeholder={t('excelImport.columnPlaceholder')}
            status={f.required && value === null ? 'error' : undefined}
            disabled={busy !== null}
            onChange={(index) => setColumn(f.key, index ?? null)}
            options={opened.headers.map((header, index) => ({ value: index, label: header }))}
            optionRender={(option) => {
              const index = option.value as number;
              const usedBy = fieldOfColumn.get(index);
              return (
                <div className="import-column-option">
                  <span>{option.label}</span>
                  <Typography.Text type="secondary" className="import-column-letter">
                    {usedBy && usedBy !== f.label
                      ? t('excelImport.columnUsedBy', { field: usedBy })
                      : t('excelImport.columnLetter', { letter: columnLetter(index) })}
                  </Typography.Text>
                </div>
              );
            }}
            showSearch
            optionFilterProp="label"
            data-testid={`import-map-${f.key}`}
          />
        );
      },
    },
    {
      title: t('excelImport.sample'),
      key: 'sample',
      width: 220,
      ellipsis: true,
      render: (_: unknown, f) => <span data-testid={`import-sample-${f.key}`}>{sampleOf(opened, mapping[f.key])}</span>,
    },
    {
      title: t('excelImport.hint'),
      dataIndex: 'hint',
      render: (hint: string | undefined) => <Typography.Text type="secondary">{hint}</Typography.Text>,
    },
  ];

  const previewColumns: ColumnsType<{ key: number; cells: string[] }> = opened.headers.map((header, index) => {
    const field = fieldOfColumn.get(index);
    return {
      key: String(index),
      title: (
        <div className="import-preview-head">
          <div>{header}</div>
          {field ? (
            <Tag color="blue" className="import-preview-tag">
              {t('excelImport.mappedTo', { field })}
            </Tag>
          ) : (
            <Typography.Text type="secondary" className="import-preview-unused">
              {t('excelImport.columnPlaceholder')}
            </Typography.Text>
          )}
        </div>
      ),
      width: 150,
      ellipsis: true,
      className: field ? 'import-col-mapped' : 'import-col-unused',
      render: (_: unknown, row) => row.cells[index] ?? '',
    };
  });

  const blocked = missing.length > 0 || noAreaField;

  return (
    <div className="import-step" data-testid="import-mapping">
      <Space wrap size={16} className="import-file-line">
        <Typography.Text strong data-testid="import-file-summary">
          {t('excelImport.fileSummary', { file: opened.fileName, rows: opened.rowCount })}
        </Typography.Text>
        <Space size={6}>
          <span>{t('excelImport.sheet')}</span>
          <Select<string>
            style={{ minWidth: 160 }}
            value={opened.sheet}
            disabled={opened.sheets.length < 2 || busy !== null}
            loading={busy === 'sheet'}
            onChange={(sheet) => void selectSheet(sheet)}
            options={opened.sheets.map((s) => ({ value: s, label: s }))}
            data-testid="import-sheet"
          />
        </Space>
      </Space>

      <Table<FieldText>
        rowKey="key"
        size="small"
        bordered
        pagination={false}
        columns={fieldColumns}
        dataSource={fields}
        className="import-fields"
        data-testid="import-fields"
      />

      {missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="import-alert"
          title={t('excelImport.missingRequired', { fields: missing.map((k) => labelOf.get(k) ?? k).join(separator) })}
          data-testid="import-missing"
        />
      )}
      {noAreaField && (
        <Alert
          type="error"
          showIcon
          className="import-alert"
          title={t('excelImport.needAreaField')}
          data-testid="import-missing"
        />
      )}

      <Typography.Title level={5} className="import-subtitle">
        {t('excelImport.preview', { n: opened.sampleRows.length })}
      </Typography.Title>
      <Table<{ key: number; cells: string[] }>
        size="small"
        bordered
        pagination={false}
        columns={previewColumns}
        dataSource={opened.sampleRows.map((cells, key) => ({ key, cells }))}
        scroll={{ x: 'max-content' }}
        className="import-preview"
        data-testid="import-preview"
      />

      <Space className="import-actions">
        <Button icon={<ArrowLeftOutlined />} disabled={busy !== null} onClick={restart} data-testid="import-choose-again">
          {t('excelImport.chooseAgain')}
        </Button>
        <Button
          type="primary"
          icon={<ArrowRightOutlined />}
          iconPlacement="end"
          disabled={blocked}
          loading={busy === 'check'}
          onClick={() => void check()}
          data-testid="import-check"
        >
          {t('excelImport.check')}
        </Button>
      </Space>
    </div>
  );
}
