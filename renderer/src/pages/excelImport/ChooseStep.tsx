import { useState } from 'react';
import { Alert, Button, Form, Radio, Select, Spin, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { IMPORT_KINDS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportKind } from '../../../../shared/api/calls/excel.js';
import { localName, useLang, useT } from '../../i18n/index.js';
import { useSession } from '../../store/session.js';
import { fieldTexts } from './fieldText.js';
import { needsProject, useImportWizard } from './importWizard.js';

const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Step 1: what to import, into which project, from which file. */
export function ChooseStep({ projectId }: { projectId: string | null }) {
  const t = useT();
  const lang = useLang();
  const projects = useSession((s) => s.session?.projects ?? []);
  const { kind, busy, setKind, setProject, openFile, downloadTemplate } = useImportWizard();
  const [reading, setReading] = useState('');

  const projectNeeded = needsProject(kind);
  const blocked = projectNeeded && !projectId;
  const required = fieldTexts(lang, kind)
    .filter((f) => f.required)
    .map((f) => f.label)
    .join(lang === 'zh' ? '、' : ', ');

  return (
    <Form layout="horizontal" labelCol={{ flex: '120px' }} wrapperCol={{ flex: '1 1 auto' }} className="import-choose">
      <Form.Item label={t('excelImport.kind')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          value={kind}
          disabled={busy !== null}
          onChange={(e) => setKind(e.target.value as ImportKind)}
          options={IMPORT_KINDS.map((k) => ({
            value: k.code,
            label: <span data-testid={`import-kind-${k.code}`}>{localName(lang, k)}</span>,
          }))}
          data-testid="import-kind"
        />
      </Form.Item>
      <Form.Item label={t('excelImport.project')}>
        {projectNeeded ? (
          projects.length === 0 ? (
            <Alert type="warning" showIcon title={t('excelImport.noProjects')} data-testid="import-no-projects" />
          ) : (
            <Select
              style={{ width: 320 }}
              value={projectId ?? undefined}
              placeholder={t('excelImport.projectPlaceholder')}
              disabled={busy !== null}
              onChange={(id: string) => setProject(id)}
              options={projects.map((p) => ({ value: p.id, label: p.name }))}
              showSearch
              optionFilterProp="label"
              data-testid="import-project"
            />
          )
        ) : (
          <Typography.Text type="secondary" data-testid="import-project-not-needed">
            {t('excelImport.projectNotNeeded')}
          </Typography.Text>
        )}
      </Form.Item>
      <Form.Item label={t('excelImport.file')} extra={blocked ? t('excelImport.chooseProjectFirst') : undefined}>
        <div className="import-dragger" data-testid="import-file">
          <Upload.Dragger
            accept={XLSX_ACCEPT}
            multiple={false}
            showUploadList={false}
            disabled={blocked || busy !== null}
            beforeUpload={(file) => {
              setReading(file.name);
              void openFile(file, projectId);
              // Nothing is uploaded anywhere: the file is read here and handed to the local host.
              return Upload.LIST_IGNORE;
            }}
          >
            <Spin spinning={busy === 'open'} description={t('excelImport.reading', { name: reading })}>
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('excelImport.dropTitle')}</p>
              <p className="ant-upload-hint">
                {t('excelImport.dropHint', { rows: IMPORT_MAX_ROWS, mb: IMPORT_MAX_BYTES / 1024 / 1024 })}
              </p>
            </Spin>
          </Upload.Dragger>
        </div>
        <div className="import-template-line">
          <Typography.Text type="secondary" data-testid="import-required-columns">
            {t('excelImport.requiredColumns', { fields: required })}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">{t('excelImport.templateHint')}</Typography.Text>
            <Button
              type="link"
              size="small"
              icon={<DownloadOutlined />}
              loading={busy === 'template'}
              onClick={() => void downloadTemplate()}
              data-testid="import-template"
            >
              {t('excelImport.template')}
            </Button>
          </div>
        </div>
      </Form.Item>
    </Form>
  );
}
