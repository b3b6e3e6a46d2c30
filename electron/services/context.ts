import type { SiteDb } from '../../db/open.js';
import type { ChangeWriter } from '../../db/write.js';
import type { AppInfo } from '../../shared/api/contract.js';
import type { LocalBlobStore } from '../sync/attachments.js';
import type { SyncControl } from '../sync/host.js';

/**
 * The session's current project (the header's 当前项目), held in memory: the write path
 * stamps it on every change (change_log.context_project_id), so it must not cost a query.
 * 'session.get' and 'session.setProject' keep it up to date.
 */
export interface SessionState {
  projectId: string | null;
}

/** What every service gets: the database for reads and the one writer for changes. */
export interface ServiceContext {
  db: SiteDb;
  writer: ChangeWriter;
  info: () => AppInfo;
  session?: SessionState;
  /** The sync engine's controls, when this host syncs (absent: sync is off on this host). */
  sync?: SyncControl;
  /** The device's attachment files (`<dataDir>/attachments`), content-addressed. */
  attachments?: LocalBlobStore;
}
