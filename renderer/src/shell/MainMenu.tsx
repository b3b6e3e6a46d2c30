import { Menu } from 'antd';
import {
  ApartmentOutlined,
  CloudSyncOutlined,
  DatabaseOutlined,
  FormOutlined,
  HomeOutlined,
  ImportOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useT } from '../i18n/index.js';
import { useNavigation, type PageKey } from '../store/navigation.js';

export function MainMenu() {
  const t = useT();
  const page = useNavigation((s) => s.page);
  const go = useNavigation((s) => s.go);
  return (
    <Menu
      mode="inline"
      selectedKeys={[page]}
      defaultOpenKeys={['basicData']}
      onClick={({ key }) => go(key as PageKey)}
      items={[
        { key: 'customers', icon: <TeamOutlined />, label: <span data-testid="menu-customers">{t('menu.customers')}</span> },
        { key: 'resources', icon: <HomeOutlined />, label: <span data-testid="menu-resources">{t('menu.resources')}</span> },
        {
          key: 'excelImport',
          icon: <ImportOutlined />,
          label: <span data-testid="menu-excel-import">{t('menu.excelImport')}</span>,
        },
        { key: 'sync', icon: <CloudSyncOutlined />, label: <span data-testid="menu-sync">{t('menu.sync')}</span> },
        {
          key: 'basicData',
          icon: <SettingOutlined />,
          label: t('menu.basicData'),
          children: [
            {
              key: 'dictionaries',
              icon: <DatabaseOutlined />,
              label: <span data-testid="menu-dictionaries">{t('menu.dictionaries')}</span>,
            },
            {
              key: 'customFields',
              icon: <FormOutlined />,
              label: <span data-testid="menu-custom-fields">{t('menu.customFields')}</span>,
            },
            {
              key: 'organization',
              icon: <ApartmentOutlined />,
              label: <span data-testid="menu-organization">{t('menu.organization')}</span>,
            },
          ],
        },
      ]}
      data-testid="main-menu"
    />
  );
}
