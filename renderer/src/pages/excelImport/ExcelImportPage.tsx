import { Alert, Card, Steps } from 'antd';
import { useT } from '../../i18n/index.js';
import { useCurrentProjectId, useSession } from '../../store/session.js';
import { CheckStep } from './CheckStep.js';
import { ChooseStep } from './ChooseStep.js';
import { DoneStep } from './DoneStep.js';
import { needsProject, useImportWizard } from './importWizard.js';
import { MappingStep } from './MappingStep.js';
import './excelImport.css';

/**
 * Excel导入: choose what and which file → match columns to fields → see every row checked
 * (nothing written yet) → import the valid rows, or all of them only when all are valid.
 */
export function ExcelImportPage() {
  const t = useT();
  const currentProjectId = useCurrentProjectId();
  const projects = useSession((s) => s.session?.projects ?? []);
  const { step, kind, projectId: chosenProjectId, opened, checked, result, problem } = useImportWizard();

  // The session's project unless another was chosen here (or the file was opened for it).
  const projectId = chosenProjectId ?? currentProjectId;
  const projectName = needsProject(kind) ? (projects.find((p) => p.id === projectId)?.name ?? null) : null;

  return (
    <Card size="small" className="full-card import-page" title={t('menu.excelImport')} data-testid="import-page">
      <Steps
        className="import-steps"
        current={step}
        items={[
          { title: t('excelImport.step.choose') },
          { title: t('excelImport.step.mapping') },
          { title: t('excelImport.step.check') },
          { title: t('excelImport.step.done') },
        ]}
        data-testid="import-steps"
      />
      {problem && (
        <Alert
          type="error"
          showIcon
          className="import-alert"
          title={problem.title}
          description={problem.detail}
          closable={{ onClose: () => useImportWizard.setState({ problem: null }) }}
          data-testid="import-problem"
        />
      )}
      {step === 0 || !opened ? (
        <ChooseStep projectId={projectId} />
      ) : step === 1 || !checked ? (
        <MappingStep opened={opened} />
      ) : step === 2 || !result ? (
        <CheckStep checked={checked} projectName={projectName} />
      ) : (
        <DoneStep result={result} />
      )}
    </Card>
  );
}
