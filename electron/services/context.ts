import type { SiteDb } from '../../db/open.js';
import type { ChangeWriter } from '../../db/write.js';
import type { AppInfo } from '../../shared/api/contract.js';

/** What every service gets: the database for reads and the one writer for changes. */
export interface ServiceContext {
  db: SiteDb;
  writer: ChangeWriter;
  info: () => AppInfo;
}
