import { Layout, Segmented, Space, Typography } from 'antd';
import { DesktopOutlined, UserOutlined } from '@ant-design/icons';
import { useLangStore, useT, type Lang } from '../i18n/index.js';
import { useAppInfo } from '../store/appInfo.js';
import { HeaderSearch } from './HeaderSearch.js';
import { ProjectSwitcher } from './ProjectSwitcher.js';
import { SyncIndicator } from './SyncIndicator.js';

export function HeaderBar() {
  const t = useT();
  const lang = useLangStore((s) => s.lang);
  const setLang = useLangStore((s) => s.setLang);
  const operator = useAppInfo((s) => s.info?.operator);

  return (
    <Layout.Header className="app-header">
      <Space size={10} className="app-brand">
        <DesktopOutlined />
        <Typography.Title level={4} className="app-title" data-testid="app-title">
          {t('app.title')}
        </Typography.Title>
      </Space>
      <HeaderSearch />
      <Space size="large">
        <SyncIndicator />
        <ProjectSwitcher />
        <span className="app-operator" title={t('app.operator')} data-testid="app-operator">
          <UserOutlined /> {operator?.name ?? '…'}
        </span>
        <Segmented<Lang>
          size="small"
          value={lang}
          onChange={setLang}
          options={[
            { value: 'zh', label: '中文' },
            { value: 'en', label: 'English' },
          ]}
          data-testid="lang-switch"
        />
      </Space>
    </Layout.Header>
  );
}
