/**
 * The only bridge between the sandboxed renderer and the app: one `invoke` that carries a
 * call name and its input to the main process, where the contract validates it. No Node
 * object ever reaches the page. (CommonJS: sandboxed preloads cannot be ES modules.)
 */
import { contextBridge, ipcRenderer } from 'electron';

const API_CHANNEL = 'sitedesk:api';

contextBridge.exposeInMainWorld('sitedesk', {
  invoke: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(API_CHANNEL, name, input),
});
