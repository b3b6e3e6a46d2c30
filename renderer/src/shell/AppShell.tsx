import { useEffect } from 'react';
import { Layout } from 'antd';
import { useAppInfo } from '../store/appInfo.js';
import { useNavigation } from '../store/navigation.js';
import { useSession } from '../store/session.js';
import { startSyncPolling, useSync } from '../store/sync.js';
import { PAGES } from './pages.js';
import { HeaderBar } from './HeaderBar.js';
import { MainMenu } from './MainMenu.js';

export function AppShell() {
  const page = useNavigation((s) => s.page);
  const Page = PAGES[page];

  useEffect(() => {
    void useAppInfo.getState().load();
    void useSession.getState().load();
  }, []);

  useEffect(() => startSyncPolling(), []);

  // Who works here and which projects they see come from the group server: after a sign-in,
  // and after every sync that succeeded (a grant given or taken away), read them again.
  const employeeId = useSync((s) => s.status?.employee?.id ?? null);
  const lastSuccessAt = useSync((s) => s.status?.lastSuccessAt ?? null);
  useEffect(() => {
    if (employeeId === null && lastSuccessAt === null) return;
    void useAppInfo.getState().load();
    void useSession.getState().load();
  }, [employeeId, lastSuccessAt]);

  return (
    <Layout className="app-shell">
      <HeaderBar />
      <Layout>
        <Layout.Sider width={200} theme="light" className="app-sider">
          <MainMenu />
        </Layout.Sider>
        <Layout.Content className="app-content">
          <Page />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
