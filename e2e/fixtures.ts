import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
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

/**
 * Collects the page's errors (uncaught exceptions, console errors) from now on: a test
 * expects the list empty at its end.
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  return problems;
}

/** Opens the app (watching for page errors, which fail the test at its end) once it has its operator. */
export async function open(page: Page, site: HostFixture): Promise<string[]> {
  const problems = watchProblems(page);
  await page.goto(site.url);
  await expect(page.getByTestId('app-operator')).toContainText('系统管理员');
  return problems;
}

/**
 * Moves the mouse away and waits until no tooltip is left over the screen (with `toasts`, no
 * message either) and nothing moves: before a screenshot.
 */
export async function calm(page: Page, options: { toasts?: boolean } = {}): Promise<void> {
  await page.mouse.move(0, 0);
  await expect(page.locator('.ant-tooltip:not(.ant-tooltip-hidden)')).toHaveCount(0);
  if (options.toasts) await expect(page.locator('.ant-message-notice')).toHaveCount(0);
  await settle(page);
}

/** Picks an option of an antd Select by its visible text. */
export async function choose(page: Page, select: Locator, text: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

export { expect };
