import fs from 'node:fs';
import path from 'node:path';
import type { WebServer } from '../server';
import { OWNER, tempDir } from './harness';

/** A procedure called over real HTTP as the browser does: JSON, the page's own Origin, and the cookie if any. */
export function apiPost(server: WebServer, name: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Logs in over HTTP and returns the session cookie (`name=value`) to send back. */
export async function loginCookie(server: WebServer, credentials: { login: string; password: string } = OWNER): Promise<string> {
  const res = await apiPost(server, 'auth.login', credentials);
  const cookie = res.headers.get('set-cookie');
  if (res.status !== 200 || !cookie) throw new Error(`web login ${credentials.login} failed: ${res.status} ${await res.text()}`);
  return cookie.split(';')[0]!;
}

/** A stand-in for the built renderer: a folder with one index.html, enough for web mode to serve pages. */
export function stubRenderer(): string {
  const dir = tempDir('planora-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Planora</title>');
  return dir;
}
