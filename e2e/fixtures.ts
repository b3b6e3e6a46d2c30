import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type Page } from '@playwright/test';
import { openHost, type HostOptions, type SiteDeskHost } from '../electron/host/app.js';
import { fileKeyStore } from '../electron/host/keys.js';
import { startWebHost, type WebHost } from '../electron/host/web-host.js';

/**
 * Each test gets its own browser host on a fresh encrypted database in a temp folder,
 * serving the built renderer (npm run build:renderer) exactly as `npm run web` does.
 */
export interface HostFixture {
  url: string;
  dataDir: string;
  host: SiteDeskHost;
  web: WebHost;
}

export const SCREENSHOT_DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));
const rendererDir = fileURLToPath(new URL('../dist/renderer/', import.meta.url));

/** More options for the host (e.g. `serverUrl` and `sync` for a host that syncs with a real server). */
export type SiteOptions = Partial<Pick<HostOptions, 'serverUrl' | 'sync' | 'log'>>;

export const test = base.extend<{ site: HostFixture; siteOptions: SiteOptions }>({
  siteOptions: [{}, { option: true }],
  site: async ({ siteOptions }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sitedesk-e2e-'));
    const host = openHost({
      dataDir,
      keyStore: fileKeyStore(join(dataDir, 'sitedesk.key')),
      transport: 'http',
      log: () => undefined,
      ...siteOptions,
    });
    const web = await startWebHost({ dispatch: host.dispatch, rendererDir });
    await use({ url: web.url, dataDir, host, web });
    await web.close();
    host.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

/**
 * Screenshots wait for dialogs, drawers and tooltips to finish moving. Spinners loop forever;
 * only finite motion is waited for, and not for long. (The e2e tsconfig has no DOM types, and
 * the page's CSP forbids evaluating strings.)
 */
export async function settle(page: Page): Promise<void> {
  type Anim = { playState: string; effect: { getComputedTiming(): { endTime?: number | string } } | null };
  type Doc = { getAnimations(): Anim[] };
  await page
    .waitForFunction(
      () =>
        (globalThis as unknown as { document: Doc }).document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
}

export { expect } from '@playwright/test';
