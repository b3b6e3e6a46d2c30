import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempHost, type TempHost } from '../testing/temp-host.js';
import { startWebHost, TOKEN_HEADER, WEB_BODY_LIMIT, type WebHost } from './web-host.js';

let h: TempHost;
let web: WebHost;

beforeAll(async () => {
  h = tempHost();
  const rendererDir = join(h.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<html><head><meta name="sitedesk-token" content="" /></head><body>SiteDesk</body></html>',
  );
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  web = await startWebHost({ dispatch: h.host.dispatch, rendererDir });
});
afterAll(async () => {
  await web.close();
  h.dispose();
});

/** Raw HTTP, so the Host header can be forged the way a DNS-rebinding page would. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const url = new URL(path, web.url);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: url.port, path: url.pathname, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const apiHeaders = (token: string) => ({ 'content-type': 'application/json', [TOKEN_HEADER]: token });

describe('browser host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('answers calls through the same contract when the token is right', async () => {
    const res = await send('/api/dict.create', {
      method: 'POST',
      headers: apiHeaders(web.token),
      body: JSON.stringify({ typeCode: 'customerSource', name: '来电' }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { name: '来电' } });
    const bad = await send('/api/dict.create', {
      method: 'POST',
      headers: apiHeaders(web.token),
      body: JSON.stringify({ typeCode: 'customerSource' }),
    });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { name: '请输入名称' } } });
  });

  it('refuses calls without the per-run token', async () => {
    for (const token of ['', 'wrong', web.token.slice(0, -1) + 'x']) {
      const res = await send('/api/dict.list', {
        method: 'POST',
        headers: apiHeaders(token),
        body: '{"typeCode":"customerSource"}',
      });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const res = await send('/api/dict.list', {
      method: 'POST',
      headers: { ...apiHeaders(web.token), host: 'evil.example:80' },
      body: '{"typeCode":"customerSource"}',
    });
    expect(res.status).toBe(421);
  });

  it('serves the page with the token and a strict CSP, and no files outside the renderer', async () => {
    const page = await send('/');
    expect(page.body).toContain(`content="${web.token}"`);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    const asset = await send('/assets/app.js');
    expect(asset.body).toBe('console.log(1)');
    const traversal = await send('/..%2f..%2fsitedesk.key');
    expect(traversal.body).not.toMatch(/^[0-9a-f]{64}/);
  });

  it('limits request size', async () => {
    const res = await send('/api/dict.create', {
      method: 'POST',
      headers: apiHeaders(web.token),
      body: JSON.stringify({ typeCode: 'customerSource', name: 'x'.repeat(WEB_BODY_LIMIT + 1024) }),
    });
    expect(res.status).toBe(413);
  });
});
