import { useEffect } from 'react';
import { Badge, Button, Tooltip } from 'antd';
import { CloudUploadOutlined, LoadingOutlined, SyncOutlined, WarningOutlined } from '@ant-design/icons';
import { formatTime } from '../components/formatTime.js';
import { useLang, useT } from '../i18n/index.js';
import { agoText, connectionState, lastErrorText } from '../pages/sync/syncFormat.js';
import { useNavigation } from '../store/navigation.js';
import { useSync } from '../store/sync.js';
import '../pages/sync/sync.css';

const DOT: Record<ReturnType<typeof connectionState>, 'success' | 'default' | 'warning'> = {
  online: 'success',
  offline: 'warning',
  unregistered: 'default',
  unconfigured: 'default',
};

/**
 * 同步状态 in the header: 在线/离线/未登记/未配置, when the last sync succeeded (离线 · 上次同步
 * 刚刚, 离线 · 未同步过), what waits to
 * sync, open 冲突 (red), a spinner while syncing and the last error in the tooltip. Click
 * opens 数据同步; F9 (anywhere) syncs now.
 */
export function SyncIndicator() {
  const t = useT();
  const lang = useLang();
  const status = useSync((s) => s.status);
  const checkedAt = useSync((s) => s.checkedAt);
  const running = useSync((s) => s.running);
  const go = useNavigation((s) => s.go);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'F9' || event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      void useSync.getState().syncNow();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const state = connectionState(status);
  const syncing = running || Boolean(status?.syncing);
  const pending = status?.pendingChanges ?? 0;
  const photos = status?.pendingPhotos ?? 0;
  const conflicts = status?.conflicts ?? 0;
  const error = lastErrorText(lang, status);
  const ago = agoText(t, status?.lastSuccessAt ?? null, checkedAt || Date.now());
  const stateText = syncing ? t('sync.state.syncing') : t(`sync.state.${state}`);

  const tip = (
    <div className="sync-tip" data-testid="sync-indicator-tip">
      <div className="sync-tip-state">{t(`sync.state.${state}`)}</div>
      {state === 'unconfigured' || state === 'unregistered' ? (
        <div>{t(state === 'unconfigured' ? 'sync.header.tipUnconfigured' : 'sync.header.tipUnregistered')}</div>
      ) : (
        <div>
          {status?.lastSuccessAt
            ? t('sync.header.tipLastSuccess', { time: formatTime(status.lastSuccessAt) })
            : t('sync.header.neverSynced')}
        </div>
      )}
      {pending > 0 && <div>{t('sync.header.tipPending', { n: pending })}</div>}
      {photos > 0 && <div>{t('sync.header.tipPhotos', { n: photos })}</div>}
      {conflicts > 0 && <div className="sync-tip-conflicts">{t('sync.header.tipConflicts', { n: conflicts })}</div>}
      {error && (
        <div className="sync-tip-error" data-testid="sync-indicator-error">
          {error}
        </div>
      )}
      <div className="sync-tip-hint">
        {t('sync.header.tipOpen')} · {t('sync.now')}（{t('sync.nowShortcut')}）
      </div>
    </div>
  );

  return (
    <span className="sync-indicator-wrap">
      <Tooltip title={tip} placement="bottomRight" trigger={['hover', 'focus']}>
        <button
          type="button"
          className={`sync-indicator sync-indicator-${state}`}
          onClick={() => go('sync', { syncTab: conflicts > 0 ? 'conflicts' : 'status' })}
          data-testid="sync-indicator"
          data-state={state}
        >
          {syncing ? <LoadingOutlined className="sync-indicator-spin" data-testid="sync-indicator-spinner" /> : <Badge status={DOT[state]} />}
          <span className="sync-indicator-state" data-testid="sync-indicator-state">
            {stateText}
          </span>
          {state !== 'unconfigured' && state !== 'unregistered' && (
            <span className="sync-indicator-ago" data-testid="sync-indicator-ago">
              <span className="sync-indicator-sep" aria-hidden="true">
                ·
              </span>
              {ago ? t('sync.header.syncedAgo', { ago }) : t('sync.header.neverSynced')}
            </span>
          )}
          {pending > 0 && (
            <span className="sync-indicator-count" title={t('sync.header.pendingAria', { n: pending })} data-testid="sync-indicator-pending">
              <CloudUploadOutlined className="sync-indicator-icon" />
              <Badge count={pending} overflowCount={999} size="small" color="#1677ff" />
            </span>
          )}
          {conflicts > 0 && (
            <span
              className="sync-indicator-count"
              title={t('sync.header.conflictsAria', { n: conflicts })}
              data-testid="sync-indicator-conflicts"
            >
              <WarningOutlined className="sync-indicator-icon sync-indicator-warn" />
              <Badge count={conflicts} overflowCount={99} size="small" />
            </span>
          )}
        </button>
      </Tooltip>
      {state !== 'unconfigured' && (
        <Tooltip title={`${t('sync.now')}（${t('sync.nowShortcut')}）`}>
          <Button
            type="text"
            size="small"
            className="sync-now-header"
            icon={<SyncOutlined spin={syncing} />}
            disabled={syncing}
            onClick={() => void useSync.getState().syncNow()}
            aria-label={t('sync.now')}
            data-testid="sync-now-header"
          />
        </Tooltip>
      )}
    </span>
  );
}
