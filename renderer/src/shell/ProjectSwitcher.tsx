import { Select } from 'antd';
import { useT } from '../i18n/index.js';
import { useSession } from '../store/session.js';

/** One click to change the project the user works in. */
export function ProjectSwitcher() {
  const t = useT();
  const session = useSession((s) => s.session);
  const switchProject = useSession((s) => s.switchProject);
  if (!session) return null;
  return (
    <Select
      size="small"
      className="project-switcher"
      value={session.currentProjectId ?? undefined}
      placeholder={t('app.noProject')}
      onChange={(id: string) => void switchProject(id)}
      options={session.projects.map((p) => ({ value: p.id, label: p.name }))}
      popupMatchSelectWidth={false}
      showSearch
      optionFilterProp="label"
      data-testid="project-switcher"
    />
  );
}
