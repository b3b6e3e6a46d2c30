import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_ATTACHMENT_BASE64 } from '../../shared/domain/attachments.js';
import { ERROR_MESSAGES } from '../../shared/errors.js';
import type { Dispatch } from './dispatcher.js';

/**
 * The browser host: the same dispatcher the Electron bridge uses, behind HTTP on
 * 127.0.0.1 only. A per-run token (served inside the page, which other sites cannot
 * read) guards every call, and the Host header check defeats DNS rebinding.
 */
export interface WebHostOptions {
  dispatch: Dispatch;
  /** The built renderer (vite build output). */
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  token: string;
  server: FastifyInstance;
  close(): Promise<void>;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // antd writes its CSS-in-JS into <style> tags at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  // The handover report (a PDF the page made into a blob) is shown in a frame.
  "frame-src blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export const TOKEN_HEADER = 'x-sitedesk-token';

/** Largest call body: the largest attachment as base64 (customer.addDocument) with room for the rest. */
export const WEB_BODY_LIMIT = Math.max(32 * 1024 * 1024, MAX_ATTACHMENT_BASE64 + 1024 * 1024);

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  // 32 MB: an Excel file for import arrives base64-encoded in one call (import.open).
  const server = Fastify({ bodyLimit: WEB_BODY_LIMIT, logger: false });
  let origin = '';

  server.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host ?? '';
    if (host !== origin && host !== origin.replace('127.0.0.1', 'localhost')) {
      return reply.code(421).type('text/plain').send('Misdirected request');
    }
  });

  server.post<{ Params: { name: string } }>('/api/:name', async (request, reply) => {
    if (!sameToken(request.headers[TOKEN_HEADER], token)) {
      return reply.code(401).send({ ok: false, error: { code: 'UNAUTHORIZED', message: ERROR_MESSAGES.UNAUTHORIZED } });
    }
    return options.dispatch(request.params.name, request.body);
  });

  // With or without a trailing slash in the option, a file must lie inside this folder.
  const rendererRoot = normalize(options.rendererDir).replace(/[\\/]+$/, '') + sep;

  const indexHtml = async () =>
    (await readFile(join(options.rendererDir, 'index.html'), 'utf8')).replace(
      '<meta name="sitedesk-token" content="" />',
      `<meta name="sitedesk-token" content="${token}" />`,
    );

  server.get('/*', async (request, reply) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const file = normalize(join(options.rendererDir, path));
    if (!file.startsWith(rendererRoot) || path === '/' || path === '/index.html') {
      return reply
        .type(MIME['.html']!)
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .header('cache-control', 'no-store')
        .send(await indexHtml());
    }
    try {
      const body = await readFile(file);
      return reply
        .type(MIME[extname(file)] ?? 'application/octet-stream')
        .header('cache-control', path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
        .send(body);
    } catch {
      // Unknown paths are client-side routes: the app decides what to show.
      return reply
        .type(MIME['.html']!)
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .header('cache-control', 'no-store')
        .send(await indexHtml());
    }
  });

  const address = await server.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const port = new URL(address).port;
  origin = `127.0.0.1:${port}`;
  return { url: `http://127.0.0.1:${port}/`, token, server, close: () => server.close() };
}

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
