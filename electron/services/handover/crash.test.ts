import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../db/testing/temp-db.js';
import { STANDARD_TEMPLATE } from '../../../shared/domain/handover-template.js';
import { tempHost, type TempHost } from '../../testing/temp-host.js';
import { handoverSite, roomId } from './testing/site.js';

/**
 * Every tap is saved at once: a process killed in the middle of an inspection (a crash, a flat
 * battery) loses none of the items it had recorded. A child process opens the real encrypted
 * database file and records items one by one, reporting each after its call returned; it is
 * killed with SIGKILL mid-way; reopened, the database holds every item it reported.
 */
const child = fileURLToPath(new URL('./testing/crash-child.ts', import.meta.url));

let dir: string;
let h: TempHost | undefined;
afterEach(() => {
  h?.host.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Killed {
  reported: Map<string, string>;
  total: number;
  signal: NodeJS.Signals | null;
  done: boolean;
}

function recordAndKill(inspectionId: string, killAfter: number): Promise<Killed> {
  return new Promise((resolve, reject) => {
    // node itself with tsx's loader (the tsx command would run the script in a grandchild, which
    // a SIGKILL of the command would leave running).
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dir, inspectionId, '3'], {
      cwd: fileURLToPath(new URL('../../../', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reported = new Map<string, string>();
    let total = 0;
    let done = false;
    let buffer = '';
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        const [word, a, b] = line.split(' ');
        if (word === 'ready') total = Number(a);
        if (word === 'done') done = true;
        if (word === 'recorded' && a && b) {
          reported.set(a, b);
          if (reported.size === killAfter) proc.kill('SIGKILL');
        }
      }
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ reported, total, signal, done });
    });
  });
}

describe('a crash in the middle of an inspection', () => {
  it('loses no recorded item', { timeout: 90_000 }, async () => {
    dir = tempDir('sitedesk-crash-');
    h = tempHost({}, dir);
    const site = await handoverSite(h, { template: false });
    const template = await h.call('template.create', { ...STANDARD_TEMPLATE, areas: [...STANDARD_TEMPLATE.areas] });
    await h.call('template.publish', { id: template.id });
    const resourceId = roomId(site, '9-1-0101');
    const view = await h.call('inspection.start', { resourceId, kind: 'pre' });
    const inspectionId = view.inspection.id;
    h.host.close();
    h = undefined;

    const killed = await recordAndKill(inspectionId, 25);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.done).toBe(false);
    expect(killed.total).toBe(view.items.length);
    expect(killed.reported.size).toBeGreaterThanOrEqual(25);
    expect(killed.reported.size).toBeLessThan(view.items.length);

    h = tempHost({}, dir);
    const after = await h.call('inspection.view', { id: inspectionId });
    const byId = new Map(after.items.map((i) => [i.id, i]));
    for (const [id, result] of killed.reported) {
      expect(byId.get(id)?.result).toBe(result);
    }
    // Taps the child made while the kill was on its way may be there too, but only whole and in
    // order: the items recorded are the first ones of the walk, each with its result and remark.
    const recorded = after.items.filter((i) => i.result !== null);
    expect(recorded.length).toBeGreaterThanOrEqual(killed.reported.size);
    expect(recorded.length).toBeLessThan(after.items.length);
    expect(recorded.map((i) => i.id)).toEqual(after.items.slice(0, recorded.length).map((i) => i.id));
    expect(recorded.every((i, n) => i.remark === `第${n + 1}项`)).toBe(true);
    // Each tap is in the change log with its item (the record history and the sync outbox).
    const logged = h.host.database.db.$client
      .prepare("SELECT count(DISTINCT entity_id) AS n FROM change_log WHERE entity = 'inspectionItem' AND op = 'update'")
      .get() as { n: number };
    expect(logged.n).toBe(recorded.length);
    // The walk goes on where it stopped.
    const next = after.items[recorded.length]!;
    expect((await h.call('inspection.setItem', { id: next.id, result: 'pass' })).result).toBe('pass');
  });
});
