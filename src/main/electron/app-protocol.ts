import fs from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { desktopContentSecurityPolicy } from './csp';

/**
 * The renderer is served as app://planora/… rather than file://: the page gets a real origin of its own,
 * so CSP 'self' means our bundle and not the whole disk, and the page cannot fetch arbitrary local files.
 * Chromium does not run webRequest header hooks for custom schemes, so the CSP is set here on every answer.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'planora';
export const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** True for our page itself (any hash or query), the only place the window may be. */
export function isAppPage(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && (u.pathname === '/index.html' || u.pathname === '/');
  } catch {
    return false;
  }
}

export function isAppOrigin(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

const headers = (type: string) => ({
  'Content-Type': type,
  'Content-Security-Policy': desktopContentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
});

const refuse = (status: number) => new Response(null, { status, headers: headers('text/plain; charset=utf-8') });

/** Serves files of the built renderer only; anything outside it is a 404, whatever the URL says. */
export function serveRenderer(rendererDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    let file: string;
    try {
      const u = new URL(request.url);
      if (u.host !== APP_HOST) return refuse(404);
      const rel = decodeURIComponent(u.pathname).replace(/^\/+/, '') || 'index.html';
      if (rel.includes('\0')) return refuse(404);
      file = path.resolve(root, rel);
    } catch {
      return refuse(400);
    }
    const inside = path.relative(root, file);
    if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return refuse(404);
    try {
      const body = await fs.readFile(file);
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headers(type) });
    } catch {
      return refuse(404);
    }
  });
}
