import { useEffect, useState } from 'react';
import { Badge, Card, Space, Tabs } from 'antd';
import { CloudSyncOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/index.js';
import { useNavigation } from '../../store/navigation.js';
import { useSync } from '../../store/sync.js';
import { ConflictsTab } from './ConflictsTab.js';
import { SyncSetupForms } from './SyncSetupForms.js';
import { SyncStatusPanel } from './SyncStatusPanel.js';
import './sync.css';

type SyncTab = 'status' | 'conflicts';

/** 数据同步: the sync's state and set-up (server, device, sign-in), and the 冲突 list. */
export function SyncPage() {
  const t = useT();
  const focus = useNavigation((s) => s.focus);
  const conflicts = useSync((s) => s.status?.conflicts ?? 0);
  const [tab, setTab] = useState<SyncTab>(focus.syncTab ?? 'status');

  // The header's badge or a record's 冲突 tag asks for a tab, also while the page is open.
  useEffect(() => {
    if (focus.syncTab) setTab(focus.syncTab);
  }, [focus]);

  useEffect(() => {
    void useSync.getState().refresh();
  }, []);

  return (
    <Card
      title={
        <Space>
          <CloudSyncOutlined />
          {t('menu.sync')}
        </Space>
      }
      className="page-card sync-page"
      data-testid="sync-page"
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as SyncTab)}
        items={[
          {
            key: 'status',
            label: <span data-testid="sync-tab-status">{t('sync.tab.status')}</span>,
            children: (
              <div className="sync-status-layout">
                <div className="sync-status-main">
                  <SyncStatusPanel onConflicts={() => setTab('conflicts')} />
                </div>
                <SyncSetupForms />
              </div>
            ),
          },
          {
            key: 'conflicts',
            label: (
              <span data-testid="sync-tab-conflicts">
                {t('sync.tab.conflicts')}
                {conflicts > 0 && <Badge count={conflicts} size="small" className="sync-tab-badge" />}
              </span>
            ),
            children: <ConflictsTab active={tab === 'conflicts'} />,
          },
        ]}
      />
    </Card>
  );
}
