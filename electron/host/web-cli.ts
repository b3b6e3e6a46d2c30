/**
 * `npm run web`: SiteDesk in a browser on this machine, on the same services and data
 * layout as the desktop app. The database key comes from SITEDESK_DB_KEY or a key file.
 * The sync worker starts once a group server URL is configured ('sync.configure', or
 * SITEDESK_SERVER_URL on a device that has none yet).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/errors.js';
import { consoleLogger, openHost } from './app.js';
import { envKeyStore, fileKeyStore } from './keys.js';
import { startWebHost } from './web-host.js';

const dataDir = resolve(process.env.SITEDESK_DATA_DIR ?? '.sitedesk-data');
const rendererDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
const keyStore = process.env.SITEDESK_DB_KEY
  ? envKeyStore('SITEDESK_DB_KEY')
  : fileKeyStore(process.env.SITEDESK_KEY_FILE ?? resolve(dataDir, 'sitedesk.key'));

try {
  const host = openHost({
    dataDir,
    keyStore,
    transport: 'http',
    ...(process.env.SITEDESK_SERVER_URL ? { serverUrl: process.env.SITEDESK_SERVER_URL } : {}),
  });
  const web = await startWebHost({ dispatch: host.dispatch, rendererDir, port: Number(process.env.PORT ?? 5180) });
  console.log(`SiteDesk 浏览器版已启动: ${web.url}`);
  console.log(`数据目录: ${dataDir}`);
  const stop = async () => {
    await web.close();
    await host.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} catch (error) {
  if (error instanceof AppError) {
    console.error(`无法启动 SiteDesk: ${error.message}`);
    process.exit(2);
  }
  consoleLogger('error', 'start-up failed', error);
  process.exit(1);
}
