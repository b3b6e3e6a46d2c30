import { useRef } from 'react';
import { Menu } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CloudSyncOutlined,
  DatabaseOutlined,
  FormOutlined,
  HomeOutlined,
  ImportOutlined,
  KeyOutlined,
  ProfileOutlined,
  SettingOutlined,
  TeamOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { useT } from '../i18n/index.js';
import { useNavigation, type PageKey } from '../store/navigation.js';

export function MainMenu() {
  const t = useT();
  const page = useNavigation((s) => s.page);
  const go = useNavigation((s) => s.go);
  // The inspection screen has no menu entry: the menu keeps showing the screen it was opened from.
  const cameFrom = useRef<PageKey>('handoverDay');
  if (page !== 'inspection') cameFrom.current = page;
  const selected = page === 'inspection' ? cameFrom.current : page;
  return (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      defaultOpenKeys={['handover', 'basicData']}
      onClick={({ key }) => go(key as PageKey)}
      items={[
        { key: 'customers', icon: <TeamOutlined />, label: <span data-testid="menu-customers">{t('menu.customers')}</span> },
        { key: 'resources', icon: <HomeOutlined />, label: <span data-testid="menu-resources">{t('menu.resources')}</span> },
        {
          key: 'handover',
          icon: <KeyOutlined />,
          label: <span data-testid="menu-handover">{t('menu.handover')}</span>,
          children: [
            {
              key: 'handoverDay',
              icon: <CalendarOutlined />,
              label: <span data-testid="menu-handoverDay">{t('menu.handoverDay')}</span>,
            },
            {
              key: 'handoverBatches',
              icon: <ProfileOutlined />,
              label: <span data-testid="menu-handoverBatches">{t('menu.handoverBatches')}</span>,
            },
            {
              key: 'defects',
              icon: <ToolOutlined />,
              label: <span data-testid="menu-defects">{t('menu.defects')}</span>,
            },
            {
              key: 'handoverProgress',
              icon: <BarChartOutlined />,
              label: <span data-testid="menu-handoverProgress">{t('menu.handoverProgress')}</span>,
            },
            {
              key: 'inspectionTemplates',
              icon: <AuditOutlined />,
              label: <span data-testid="menu-inspectionTemplates">{t('menu.inspectionTemplates')}</span>,
            },
          ],
        },
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
