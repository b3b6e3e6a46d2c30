import { Card, Tabs } from 'antd';
import { useT } from '../../i18n/index.js';
import { EmployeesTab } from './EmployeesTab.js';
import { ProjectsTab } from './ProjectsTab.js';

/** 集团 → 区域 → 项目, and the employees with the projects each may see. */
export function OrganizationPage() {
  const t = useT();
  return (
    <Card title={t('menu.organization')} className="page-card">
      <Tabs
        items={[
          { key: 'projects', label: t('org.tab.projects'), children: <ProjectsTab /> },
          { key: 'employees', label: t('org.tab.employees'), children: <EmployeesTab /> },
        ]}
      />
    </Card>
  );
}
