import { useEffect } from 'react';
import { Layout } from 'antd';
import { CustomFieldsPage } from '../pages/customFields/CustomFieldsPage.js';
import { DictionariesPage } from '../pages/dictionaries/DictionariesPage.js';
import { useAppInfo } from '../store/appInfo.js';
import { useNavigation } from '../store/navigation.js';
import { HeaderBar } from './HeaderBar.js';
import { MainMenu } from './MainMenu.js';

export function AppShell() {
  const page = useNavigation((s) => s.page);

  useEffect(() => {
    void useAppInfo.getState().load();
  }, []);

  return (
    <Layout className="app-shell">
      <HeaderBar />
      <Layout>
        <Layout.Sider width={200} theme="light" className="app-sider">
          <MainMenu />
        </Layout.Sider>
        <Layout.Content className="app-content">
          {page === 'dictionaries' ? <DictionariesPage /> : <CustomFieldsPage />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
