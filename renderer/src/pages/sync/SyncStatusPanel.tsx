import { Alert, Badge, Button, Card, Descriptions, Space, Typography } from 'antd';
import { LoadingOutlined, ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import { formatTime } from '../../components/formatTime.js';
import { ToolbarButton } from '../../components/ToolbarButton.js';
import { useLang, useT } from '../../i18n/index.js';
import { useSync } from '../../store/sync.js';
import { agoText, connectionState, inText, lastErrorText } from './syncFormat.js';

const DOT = { online: 'success', offline: 'warning', unregistered: 'default', unconfigured: 'default' } as const;

/** Everything 'sync.status' says, with 立即同步 (F9). */
export function SyncStatusPanel({ onConflicts }: { onConflicts: () => void }) {
  const t = useT();
  const lang = useLang();
  const status = useSync((s) => s.status);
  const checkedAt = useSync((s) => s.checkedAt);
  const running = useSync((s) => s.running);
  const now = checkedAt || Date.now();

  const state = connectionState(status);
  const syncing = running || Boolean(status?.syncing);
  const error = lastErrorText(lang, status);
  const others = status?.othersPending ?? [];

  const when = (iso: string | null | undefined, relative: string | null, none: string, testId: string) => (
    <span className="sync-nowrap" data-testid={testId}>
      {iso ? (
        <>
          {formatTime(iso)}
          {relative && <Typography.Text type="secondary">（{relative}）</Typography.Text>}
        </>
      ) : (
        <Typography.Text type="secondary">{none}</Typography.Text>
      )}
    </span>
  );

  const items = [
    {
      key: 'server',
      label: t('sync.status.server'),
      span: 2,
      children: (
        <span data-testid="sync-status-server">
          {status?.serverUrl ?? <Typography.Text type="secondary">{t('sync.status.notSet')}</Typography.Text>}
        </span>
      ),
    },
    {
      key: 'connection',
      label: t('sync.status.connection'),
      children: (
        <span className="sync-nowrap" data-testid="sync-status-connection" data-state={state}>
          {syncing ? (
            <Space size={6}>
              <LoadingOutlined />
              {t('sync.state.syncing')}
            </Space>
          ) : (
            <Badge status={DOT[state]} text={t(`sync.state.${state}`)} />
          )}
        </span>
      ),
    },
    {
      key: 'device',
      label: t('sync.status.device'),
      children: (
        <span className="sync-nowrap" data-testid="sync-status-device">
          {status?.registered ? (
            <Badge status="success" text={t('sync.status.registered')} />
          ) : (
            <Badge status="default" text={t('sync.status.notRegistered')} />
          )}
        </span>
      ),
    },
    {
      key: 'employee',
      label: t('sync.status.employee'),
      span: 2,
      children: (
        <span data-testid="sync-status-employee">
          {status?.signedIn && status.employee ? (
            `${status.employee.name}（${status.employee.account}）`
          ) : (
            <Typography.Text type="secondary">{t('sync.status.notSignedIn')}</Typography.Text>
          )}
        </span>
      ),
    },
    {
      key: 'lastSuccess',
      label: t('sync.status.lastSuccess'),
      children: when(
        status?.lastSuccessAt,
        agoText(t, status?.lastSuccessAt ?? null, now),
        t('sync.status.never'),
        'sync-status-last-success',
      ),
    },
    {
      key: 'lastAttempt',
      label: t('sync.status.lastAttempt'),
      children: when(
        status?.lastAttemptAt,
        agoText(t, status?.lastAttemptAt ?? null, now),
        t('sync.status.never'),
        'sync-status-last-attempt',
      ),
    },
    {
      key: 'nextAttempt',
      label: t('sync.status.nextAttempt'),
      span: 2,
      children: when(
        status?.nextAttemptAt,
        inText(t, status?.nextAttemptAt ?? null, now),
        t('sync.status.notPlanned'),
        'sync-status-next-attempt',
      ),
    },
    {
      key: 'pendingChanges',
      label: t('sync.status.pendingChanges'),
      children: (
        <Typography.Text strong={(status?.pendingChanges ?? 0) > 0} data-testid="sync-status-pending">
          {t('sync.status.count', { n: status?.pendingChanges ?? 0 })}
        </Typography.Text>
      ),
    },
    {
      key: 'pendingPhotos',
      label: t('sync.status.pendingPhotos'),
      children: (
        <span data-testid="sync-status-photos">{t('sync.status.photoCount', { n: status?.pendingPhotos ?? 0 })}</span>
      ),
    },
    {
      key: 'conflicts',
      label: t('sync.status.conflicts'),
      span: 2,
      children: (
        <Space data-testid="sync-status-conflicts">
          <Typography.Text type={(status?.conflicts ?? 0) > 0 ? 'danger' : undefined} strong={(status?.conflicts ?? 0) > 0}>
            {t('sync.status.count', { n: status?.conflicts ?? 0 })}
          </Typography.Text>
          {(status?.conflicts ?? 0) > 0 && (
            <Button size="small" type="link" onClick={onConflicts} data-testid="sync-status-conflicts-open">
              {t('sync.status.viewConflicts')}
            </Button>
          )}
        </Space>
      ),
    },
    {
      key: 'lastError',
      label: t('sync.status.lastError'),
      span: 2,
      children: error ? (
        <Typography.Text type="danger" data-testid="sync-status-error">
          {error}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary" data-testid="sync-status-error">
          {t('sync.status.none')}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('sync.status.title')}
      className="sync-status-card"
      extra={
        <Space>
          <ToolbarButton
            primary
            label={t('sync.now')}
            icon={<SyncOutlined spin={syncing} />}
            shortcut={t('sync.nowShortcut')}
            disabled={!status?.configured || syncing}
            testId="sync-now"
            onClick={() => void useSync.getState().syncNow()}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void useSync.getState().refresh()} data-testid="sync-refresh">
            {t('sync.refresh')}
          </Button>
        </Space>
      }
    >
      <Descriptions
        bordered
        size="small"
        column={2}
        styles={{ label: { width: 140 } }}
        items={items}
        data-testid="sync-status"
      />
      {others.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="sync-others-pending"
          data-testid="sync-status-others"
          title={t('sync.status.othersPending', {
            n: others.reduce((sum, o) => sum + o.count, 0),
            names: others.map((o) => o.name).join(lang === 'zh' ? '、' : ', '),
          })}
          description={t('sync.status.othersPendingHint')}
        />
      )}
      <Alert type="info" showIcon title={t('sync.status.savedLocally')} className="sync-saved-locally" />
    </Card>
  );
}
