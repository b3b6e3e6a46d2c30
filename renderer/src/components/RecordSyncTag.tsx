import { useEffect, useState } from 'react';
import { Tag, Tooltip } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import type { EntityName } from '../../../shared/domain/audit.js';
import type { RecordSyncState } from '../../../shared/domain/sync.js';
import { api } from '../api/client.js';
import { useT } from '../i18n/index.js';
import { useNavigation } from '../store/navigation.js';
import { useSync } from '../store/sync.js';

interface RecordSyncTagProps {
  entity: EntityName;
  id: string | null | undefined;
  /** Changes when the record was saved here, so the tag asks again at once. */
  refreshKey?: unknown;
}

/**
 * 已同步 / 待同步 / 冲突 beside a record's title. Hidden while no group server is set up
 * (everything would read 待同步). A conflict opens the 冲突 list.
 */
export function RecordSyncTag({ entity, id, refreshKey }: RecordSyncTagProps) {
  const t = useT();
  const configured = useSync((s) => s.status?.configured ?? false);
  const version = useSync((s) => s.version);
  const [answer, setAnswer] = useState<{ key: string; state: RecordSyncState } | null>(null);
  const key = `${entity}:${id ?? ''}`;

  useEffect(() => {
    if (!configured || !id) return undefined;
    let live = true;
    api
      .call('sync.recordState', { entity, id })
      .then(({ state }) => {
        if (live) setAnswer({ key: `${entity}:${id}`, state });
      })
      .catch(() => {
        // A badge is a hint: without an answer it stays hidden rather than nag.
        if (live) setAnswer(null);
      });
    return () => {
      live = false;
    };
  }, [configured, entity, id, version, refreshKey]);

  if (!configured || !id || !answer || answer.key !== key) return null;

  switch (answer.state) {
    case 'synced':
      return (
        <Tooltip title={t('sync.record.syncedTip')}>
          <Tag color="success" icon={<CheckCircleOutlined />} data-testid="record-sync-tag" data-state="synced">
            {t('sync.record.synced')}
          </Tag>
        </Tooltip>
      );
    case 'pending':
      return (
        <Tooltip title={t('sync.record.pendingTip')}>
          <Tag color="processing" icon={<CloudUploadOutlined />} data-testid="record-sync-tag" data-state="pending">
            {t('sync.record.pending')}
          </Tag>
        </Tooltip>
      );
    case 'conflict':
      return (
        <Tooltip title={t('sync.record.conflictTip')}>
          <Tag
            color="error"
            icon={<ExclamationCircleOutlined />}
            className="record-sync-conflict"
            role="link"
            tabIndex={0}
            onClick={() => useNavigation.getState().go('sync', { syncTab: 'conflicts' })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') useNavigation.getState().go('sync', { syncTab: 'conflicts' });
            }}
            data-testid="record-sync-tag"
            data-state="conflict"
          >
            {t('sync.record.conflict')}
          </Tag>
        </Tooltip>
      );
  }
}
