#!/usr/bin/env node
/**
 * `npm start`: builds SiteDesk and opens it in Electron. Where the Electron binary could
 * not be installed (machines without internet install with ELECTRON_SKIP_BINARY_DOWNLOAD),
 * say so plainly and point to the browser host, which runs the same app.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // The electron package exports the path of its binary, and throws when it is missing.
    return require('electron');
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
if (typeof binary !== 'string') {
  console.error(
    [
      'SiteDesk: 未找到 Electron 程序（Electron binary is not installed).',
      '本机安装时跳过了 Electron 下载（ELECTRON_SKIP_BINARY_DOWNLOAD=1），因此无法打开桌面窗口。',
      '请改用浏览器版，功能与数据完全相同 / Use the browser host instead:',
      '',
      '    npm run web',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
