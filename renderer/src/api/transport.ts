import type { CallName, Envelope, Invoke } from '../../../shared/api/contract.js';
import type { ApiError } from '../../../shared/errors.js';

interface SiteDeskBridge {
  invoke(name: CallName, input: unknown): Promise<Envelope<unknown>>;
}

declare global {
  interface Window {
    sitedesk?: SiteDeskBridge;
  }
}

const TOKEN_HEADER = 'x-sitedesk-token';
const UNREACHABLE: ApiError = { code: 'INTERNAL', message: '无法连接到本地服务，请重新打开应用' };

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** The browser host puts its per-run token into the page it serves; no other site can read it. */
function pageToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="sitedesk-token"]')?.content ?? '';
}

function httpInvoke(): Invoke {
  const token = pageToken();
  return async (name, input) => {
    try {
      const response = await fetch(`./api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      });
      const body: unknown = await response.json();
      return isEnvelope(body) ? body : { ok: false, error: UNREACHABLE };
    } catch {
      return { ok: false, error: UNREACHABLE };
    }
  };
}

function bridgeInvoke(bridge: SiteDeskBridge): Invoke {
  return async (name, input) => {
    try {
      const envelope = await bridge.invoke(name, input);
      return isEnvelope(envelope) ? envelope : { ok: false, error: UNREACHABLE };
    } catch {
      return { ok: false, error: UNREACHABLE };
    }
  };
}

/** Electron's preload bridge when present, otherwise the browser host over HTTP. */
export function pickTransport(): Invoke {
  return window.sitedesk ? bridgeInvoke(window.sitedesk) : httpInvoke();
}
