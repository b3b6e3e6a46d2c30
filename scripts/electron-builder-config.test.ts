import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';

/**
 * electron-builder cannot build installers here (it downloads Electron), so its config is
 * checked with electron-builder's own loader and schema validation instead.
 */
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(dir: string, path: string | null, fromOptions: unknown): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

interface BuilderConfig {
  appId: string;
  artifactName: string;
  npmRebuild: boolean;
  asarUnpack: string[];
  files: string[];
  win: { target: { target: string }[]; icon: string };
  linux: { target: string[] };
}

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const raw = yaml.load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation", async () => {
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is checked for real: a misspelt option is refused', async () => {
    await expect(validateConfiguration({ ...raw, winn: {} }, new DebugLogger(false))).rejects.toThrow(/winn/);
  });

  it('builds Windows NSIS and MSI, Linux AppImage and deb, under a stable app id and artifact name', () => {
    expect(raw.appId).toBe('com.sitedesk.client');
    expect(raw.artifactName).toBe('${productName}-${version}-${os}-${arch}.${ext}');
    expect(raw.win.target.map((t) => t.target)).toEqual(['nsis', 'msi']);
    expect(raw.linux.target).toEqual(['AppImage', 'deb']);
    expect(raw.npmRebuild).toBe(false);
    expect(raw.asarUnpack).toContain('**/*.node');
    expect(existsSync(resolve(root, raw.win.icon))).toBe(true);
  });

  it('packs the entry point the package declares', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/shell/main.js');
    expect(existsSync(resolve(root, 'electron/shell/main.ts'))).toBe(true);
    expect(raw.files).toContain('dist/electron/**');
  });
});
