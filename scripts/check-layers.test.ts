import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../db/testing/temp-db.js';
import { checkLayers } from './check-layers.js';

function tree(files: Record<string, string>): string {
  const root = tempDir('sitedesk-layers-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('layering check', () => {
  it('passes on the repository itself', () => {
    const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
    expect(checkLayers(repo)).toEqual([]);
  });

  it('catches each wrong-way import', () => {
    const root = tree({
      'renderer/a.ts': "import { readFileSync } from 'node:fs';\nimport { x } from '../db/x.js';",
      'renderer/b.tsx': "import Database from 'better-sqlite3';",
      'shared/c.ts': "import { y } from '../electron/y.js';\nimport path from 'path';\nconst w = window.innerWidth;",
      'db/d.ts': "import { z } from '../electron/z.js';",
      'electron/host/e.ts': "import { app } from 'electron';",
      'server/f.ts': "import { q } from '../db/q.js';",
      'electron/shell/ok.ts': "import { app } from 'electron';\nimport { s } from '../../shared/s.js';",
    });
    const messages = checkLayers(root).map((v) => `${v.file}: ${v.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/renderer\/a.ts: renderer\/ must not import Node/),
        expect.stringMatching(/renderer\/a.ts: renderer\/ must not import db\//),
        expect.stringMatching(/renderer\/b.tsx: renderer\/ must not import 'better-sqlite3/),
        expect.stringMatching(/shared\/c.ts: shared\/ must not import electron\//),
        expect.stringMatching(/shared\/c.ts: shared\/ must not import Node/),
        expect.stringMatching(/shared\/c.ts: shared\/ must not use DOM globals/),
        expect.stringMatching(/db\/d.ts: db\/ must not import electron\//),
        expect.stringMatching(/electron\/host\/e.ts: only electron\/shell\/ may import Electron/),
        expect.stringMatching(/server\/f.ts: server\/ must not import db\//),
      ]),
    );
    expect(messages.filter((m) => m.startsWith('electron/shell/ok.ts'))).toEqual([]);
  });

  it('catches a table written around the write path', () => {
    const root = tree({
      'db/queries/sneaky.ts': 'export const f = (db: any, t: any) => db.update(t).set({ a: 1 }).run();',
      'electron/services/raw.ts': "export const g = (s: any) => s.exec('DELETE FROM dict_items');",
      'electron/services/fine.ts': "export const h = (tx: any) => tx.update('dictItem', 'id', { name: 'x' });",
      'db/write.ts': 'export const w = (db: any, t: any) => db.insert(t).values({}).run();',
      'db/sync-apply.ts': "export const a = (s: any) => s.prepare('DELETE FROM resources WHERE project_id = ?');",
      'electron/sync/engine.ts': "export const e = (s: any) => s.prepare('UPDATE change_log SET pushed_at = 1');",
    });
    const files = checkLayers(root).map((v) => v.file);
    expect(files).toEqual(
      expect.arrayContaining(['db/queries/sneaky.ts', 'electron/services/raw.ts', 'electron/sync/engine.ts']),
    );
    expect(files).not.toContain('electron/services/fine.ts');
    expect(files).not.toContain('db/write.ts');
    expect(files).not.toContain('db/sync-apply.ts');
  });

  it('lets the device-local writers write their own table and nothing else', () => {
    const root = tree({
      'db/blobs.ts': [
        "export const a = (s: any) => s.prepare('INSERT INTO local_blobs (hash) VALUES (?) ON CONFLICT (hash) DO UPDATE SET present = 1');",
        "export const b = (s: any) => s.prepare('UPDATE local_blobs SET present = 0 WHERE hash = ?');",
        "export const c = (s: any) => s.prepare('DELETE FROM local_blobs WHERE present = 0');",
        "export const d = (s: any) => s.prepare('UPDATE customers SET name = ? WHERE id = ?');",
        'export const e = (s: any, t: string) => s.prepare(`DELETE FROM "${t}"`);',
        'export const f = (db: any, t: any) => db.insert(t).values({}).run();',
      ].join('\n'),
      'db/meta.ts': [
        'export const g = (db: any, meta: any) => db.insert(meta).values({}).run();',
        "export const h = (s: any) => s.prepare('DELETE FROM change_log');",
      ].join('\n'),
    });
    const found = checkLayers(root).map((v) => `${v.file}:${v.line}`);
    expect(found.sort()).toEqual(['db/blobs.ts:4', 'db/blobs.ts:5', 'db/blobs.ts:6', 'db/meta.ts:2']);
  });
});
