import type { ReactNode } from 'react';
import { Button, Card, Empty, Spin } from 'antd';
import { useT } from '../../../i18n/index.js';
import { useNavigation } from '../../../store/navigation.js';
import { useCurrentProjectId, useSession } from '../../../store/session.js';

/**
 * Handover works inside the current project (the host answers for it). Without one the screen
 * says where to make one; a project switch starts the screen afresh.
 */
export function ProjectGate({
  testId,
  children,
}: {
  testId: string;
  children: (project: { id: string; name: string }) => ReactNode;
}) {
  const t = useT();
  const session = useSession((s) => s.session);
  const projectId = useCurrentProjectId();
  if (!session) return <Spin className="ho-spin" />;
  const project = session.projects.find((p) => p.id === projectId);
  if (!projectId || !project) {
    return (
      <Card className="full-card" data-testid={`${testId}-no-project`}>
        <Empty className="ho-empty" description={t('ho.noProject')}>
          <Button type="primary" onClick={() => useNavigation.getState().go('organization')} data-testid={`${testId}-go-org`}>
            {t('res.goOrganization')}
          </Button>
        </Empty>
      </Card>
    );
  }
  return (
    <div key={projectId} className="ho-gate">
      {children({ id: projectId, name: project.name })}
    </div>
  );
}
