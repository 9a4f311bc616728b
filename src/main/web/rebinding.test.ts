import fs from 'node:fs';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { OWNER, snapshotDb, startTestApp, type TestApp } from '../testing/harness';
import { withTestWeb } from '../testing/fixtures';
import { startServer, type WebServer } from '../server';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** node:http, because fetch will not send a Host header of the caller's choosing — an attacker's browser does. */
function request(server: WebServer, method: string, urlPath: string, host: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path: urlPath, headers: { host, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const call = (server: WebServer, name: string, host: string, input: unknown, headers: Record<string, string> = {}) =>
  request(server, 'POST', `/api/call/${name}`, host, input, { origin: `http://${host}`, ...headers });

const SETUP = {
  orgName: 'Rebound Ltd',
  country: 'LV',
  timeZone: 'Europe/Riga',
  languages: ['en'],
  branchName: 'Rīga',
  ownerName: 'Mallory',
  ownerLogin: 'mallory',
  ownerPassword: 'mallory-pass-1',
  ownerLanguage: 'en',
};

describe('web mode answers only at its own names (DNS rebinding)', () => {
  let app: TestApp;
  let server: WebServer;
  let port: string;
  let rebound: string;
  withTestWeb(
    (web) => {
      ({ app, server } = web);
      port = new URL(server.url).port;
      rebound = `rebind.evil.example:${port}`;
    },
    { pages: true, server: { allowHosts: ['planora.lan'] } },
  );

  async function ownCookie(host = `127.0.0.1:${port}`): Promise<string> {
    const res = await call(server, 'auth.login', host, OWNER);
    expect(res.status).toBe(200);
    return String(res.headers['set-cookie']![0]).split(';')[0]!;
  }

  it('refuses auth.login, users.list and clients.list under a rebound name with its own matching Origin', async () => {
    const cookie = await ownCookie();
    const before = snapshotDb(app.core);
    const login = await call(server, 'auth.login', rebound, OWNER);
    expect(login.status).toBe(421);
    expect(login.headers['set-cookie']).toBeUndefined();
    expect(JSON.parse(login.body)).toEqual({ ok: false, error: { code: 'forbidden', key: 'errors.bad_host', params: { address: `http://127.0.0.1:${port}` } } });
    // Even with a valid session cookie.
    for (const name of ['users.list', 'clients.list']) {
      const res = await call(server, name, rebound, {}, { cookie });
      expect(res.status, name).toBe(421);
      expect(res.body).not.toContain('owner');
    }
    expect(snapshotDb(app.core)).toBe(before);
  });

  it('refuses the pages too, with a short translated text', async () => {
    for (const p of ['/', '/index.html', '/clients']) {
      const res = await request(server, 'GET', p, rebound, undefined, { 'accept-language': 'lv-LV,lv;q=0.9,en;q=0.5' });
      expect(res.status, p).toBe(421);
      expect(res.body).toBe(`Pieprasījums noraidīts: Planora atbild tikai savā adresē http://127.0.0.1:${port}`);
      expect(res.body).not.toContain('<title>Planora');
    }
    expect((await request(server, 'GET', '/', 'rebind.evil.example')).status).toBe(421);
    expect((await request(server, 'GET', '/api/attachments/x', rebound)).status).toBe(421);
  });

  it('opens no events socket under a rebound name', async () => {
    const cookie = await ownCookie();
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers: { cookie, origin: `http://${rebound}`, host: rebound } });
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (req, res) => {
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
      ws.once('open', () => {
        ws.close();
        resolve(101);
      });
    });
    expect(status).toBe(421);
  });

  it('still answers at 127.0.0.1, localhost and [::1] with its port, and at a name its operator allowed', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`, `planora.lan:${port}`]) {
      const cookie = await ownCookie(host);
      const me = await call(server, 'auth.me', host, {}, { cookie });
      expect(me.status, host).toBe(200);
      expect(JSON.parse(me.body)).toMatchObject({ ok: true, data: { login: 'owner' } });
      expect((await request(server, 'GET', '/', host)).body).toContain('<title>Planora');
    }
    // Our own name on another port is another site.
    expect((await call(server, 'auth.me', `127.0.0.1:1`, {})).status).toBe(421);
    // Our name as Host with a foreign Origin: the CSRF rule still refuses it.
    expect((await call(server, 'auth.me', `localhost:${port}`, {}, { origin: `http://rebind.evil.example:${port}` })).status).toBe(403);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers: { cookie: await ownCookie(), origin: `http://localhost:${port}`, host: `localhost:${port}` } });
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    ws.close();
  });

  it('refuses setup.run on an empty folder under a rebound name, which would hand the organization to the attacker', async () => {
    const empty = await startTestApp();
    const fresh = await startServer(empty.core, { port: 0 });
    try {
      const host = `rebind.evil.example:${new URL(fresh.url).port}`;
      const res = await call(fresh, 'setup.run', host, SETUP);
      expect(res.status).toBe(421);
      const status = await call(fresh, 'setup.status', `127.0.0.1:${new URL(fresh.url).port}`, {});
      expect(JSON.parse(status.body)).toEqual({ ok: true, data: { needsSetup: true } });
    } finally {
      await fresh.close();
      await empty.close();
      fs.rmSync(empty.dir, { recursive: true, force: true });
    }
  });
});
