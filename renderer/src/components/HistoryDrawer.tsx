import { useCallback, useEffect, useState } from 'react';
import { Button, Drawer, Empty, Spin, Tag, Tooltip, Typography } from 'antd';
import { HistoryOutlined, RollbackOutlined } from '@ant-design/icons';
import { RESTORABLE_FIELDS, type ChangeOp, type EntityName, type HistoryEntry } from '../../../shared/domain/audit.js';
import { api } from '../api/client.js';
import { useLang, useT, type MessageKey } from '../i18n/index.js';
import { notifyError, notifySuccess } from './feedback.js';
import { formatTime } from './formatTime.js';
import { fieldLabel, fieldValue, visibleFields } from './historyFormat.js';

interface HistoryDrawerProps {
  open: boolean;
  entity: EntityName;
  entityId: string | null;
  recordName: string;
  onClose: () => void;
  /** The record changed through 恢复: the list behind should show it. */
  onRestored: () => void;
}

const OP_KEYS: Record<ChangeOp, MessageKey> = {
  create: 'history.op.create',
  update: 'history.op.update',
  delete: 'history.op.delete',
  undelete: 'history.op.undelete',
};

const OP_COLORS: Record<ChangeOp, string> = { create: 'green', update: 'blue', delete: 'red', undelete: 'orange' };

export function HistoryDrawer({ open, entity, entityId, recordName, onClose, onRestored }: HistoryDrawerProps) {
  const t = useT();
  const lang = useLang();
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!entityId) return;
    setLoading(true);
    try {
      const list = await api.call('history.list', { entity, entityId });
      // The host answers oldest first; people look for the latest change first.
      setEntries([...list].reverse());
    } catch (error) {
      notifyError(error);
    } finally {
      setLoading(false);
    }
  }, [entity, entityId]);

  useEffect(() => {
    if (open) void load();
    else setEntries([]);
  }, [open, load]);

  const restorable = RESTORABLE_FIELDS[entity] as readonly string[];

  const restore = async (changeId: string, field: string) => {
    setBusy(true);
    try {
      await api.call('history.restore', { changeId, field });
      notifySuccess(t('history.restored'));
      onRestored();
      await load();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      destroyOnHidden
      title={
        <span>
          <HistoryOutlined /> {t('history.subtitle', { name: recordName })}
        </span>
      }
      data-testid="history-drawer"
    >
      <Spin spinning={loading}>
        {entries.length === 0 && !loading ? (
          <Empty description={t('history.empty')} />
        ) : (
          <ol className="history-list" data-testid="history-list">
            {entries.map((entry) => (
              <li key={entry.changeId} className="history-entry" data-testid="history-entry">
                <div className="history-entry-head">
                  <Tag color={OP_COLORS[entry.op]}>{t(OP_KEYS[entry.op])}</Tag>
                  <Typography.Text strong data-testid="history-time">
                    {formatTime(entry.at)}
                  </Typography.Text>
                  <Typography.Text type="secondary" data-testid="history-actor">
                    {t('history.by')}：{entry.actorName}
                  </Typography.Text>
                </div>
                <ul className="history-changes">
                  {visibleFields(entry.changes).map((field) => {
                    const change = entry.changes[field];
                    if (!change) return null;
                    const label = fieldLabel(t, field);
                    const oldText = fieldValue(t, lang, field, change.old);
                    const newText = fieldValue(t, lang, field, change.new);
                    return (
                      <li key={field} className="history-change" data-testid={`history-change-${field}`}>
                        <span className="history-field">{label}：</span>
                        {entry.op === 'create' ? (
                          <span>{newText}</span>
                        ) : (
                          <span>
                            <span className="history-old">{oldText}</span>
                            <span className="history-arrow"> → </span>
                            <span className="history-new">{newText}</span>
                          </span>
                        )}
                        {entry.op === 'update' && restorable.includes(field) && (
                          <Tooltip title={t('history.restoreTip', { field: label, value: oldText })}>
                            <Button
                              size="small"
                              type="link"
                              icon={<RollbackOutlined />}
                              disabled={busy}
                              onClick={() => void restore(entry.changeId, field)}
                              data-testid={`history-restore-${field}`}
                            >
                              {t('history.restore')}
                            </Button>
                          </Tooltip>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </Spin>
    </Drawer>
  );
}
