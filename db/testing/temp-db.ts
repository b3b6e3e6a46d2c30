import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HybridLogicalClock } from '../../shared/sync/hlc.js';
import { openDatabase, type OpenedDatabase } from '../open.js';
import { ChangeWriter } from '../write.js';

/** A real encrypted SQLite file in a fresh temp folder, for tests. */
export interface TempDatabase extends OpenedDatabase {
  dir: string;
  file: string;
  key: Buffer;
  writer: ChangeWriter;
  /** The writer's clock. */
  clock: HybridLogicalClock;
  /** Closes the database and removes its folder. */
  dispose(): void;
}

export function tempDir(prefix = 'sitedesk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tempDatabase(options: { contextProjectId?: () => string | null } = {}): TempDatabase {
  const dir = tempDir();
  const file = join(dir, 'test.db');
  const key = randomBytes(32);
  const opened = openDatabase({ file, key });
  const clock = new HybridLogicalClock('device-test');
  const writer = new ChangeWriter(opened.db, {
    actor: { id: 'u-test', name: '测试员' },
    deviceId: 'device-test',
    clock,
    contextProjectId: () => options.contextProjectId?.() ?? null,
  });
  return {
    ...opened,
    dir,
    file,
    key,
    writer,
    clock,
    dispose: () => {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
