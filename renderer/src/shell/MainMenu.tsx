import { Menu } from 'antd';
import { DatabaseOutlined, FormOutlined, SettingOutlined } from '@ant-design/icons';
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
          ],
        },
      ]}
      data-testid="main-menu"
    />
  );
}
