/**
 * Electron main process: a thin shell. Everything it calls (the host, services, database)
 * is plain Node code tested without Electron; this file only wires windows, security and IPC.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { AppError } from '../../shared/errors.js';
import { openHost, type SiteDeskHost } from '../host/app.js';
import { CONTENT_SECURITY_POLICY } from '../host/web-host.js';
import { safeStorageKeyStore } from './safe-storage-key.js';

const API_CHANNEL = 'sitedesk:api';
const rendererIndex = fileURLToPath(new URL('../../renderer/index.html', import.meta.url));
const preloadPath = fileURLToPath(new URL('./preload.cjs', import.meta.url));

let host: SiteDeskHost | undefined;
let mainWindow: BrowserWindow | undefined;

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same database: hand over to the first one instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.whenReady().then(start, (error: unknown) => fail(error));
}

function start(): void {
  const dataDir = app.getPath('userData');
  try {
    host = openHost({ dataDir, keyStore: safeStorageKeyStore(join(dataDir, 'sitedesk.key.enc')), transport: 'ipc' });
  } catch (error) {
    fail(error);
    return;
  }

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // The camera (defect and meter photos) for our own page only; everything else is refused.
  session.defaultSession.setPermissionRequestHandler((webContents, permission, grant, details) => {
    const ours = webContents.getURL().startsWith('file://');
    const cameraOnly = permission === 'media' && 'mediaTypes' in details && (details.mediaTypes ?? []).every((t) => t === 'video');
    grant(ours && cameraOnly);
  });

  ipcMain.handle(API_CHANNEL, (event, name: unknown, input: unknown) => {
    // Only our own page may call: not an iframe, not a page navigated elsewhere.
    const frameUrl = event.senderFrame?.url ?? '';
    if (!host || !frameUrl.startsWith('file://') || event.senderFrame !== event.sender.mainFrame) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: '访问凭证无效，请重新打开应用' } };
    }
    return host.dispatch(name, input);
  });

  mainWindow = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'SiteDesk 现场客户与资源管理',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  mainWindow.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  mainWindow.webContents.on('will-navigate', (event) => event.preventDefault());
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  void mainWindow.loadFile(rendererIndex);
}

function fail(error: unknown): void {
  const message = error instanceof AppError ? error.message : '启动失败，请联系IT人员';
  console.error(error);
  dialog.showErrorBox('SiteDesk 无法启动', message);
  app.exit(1);
}

app.on('window-all-closed', () => {
  host?.close();
  host = undefined;
  app.quit();
});
