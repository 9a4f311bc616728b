import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { OWNER, personInput, type TestApp } from './testing/harness';
import { withTestWeb } from './testing/fixtures';
import { apiPost, loginCookie } from './testing/web';
import { SESSION_COOKIE, type WebServer } from './server';
import { uploaded } from './testing/uploads';


let app: TestApp;
let server: WebServer;

withTestWeb((web) => ({ app, server } = web));

const post = (name: string, body: unknown, headers: Record<string, string> = {}) => apiPost(server, name, body, headers);

describe('web mode', () => {
  it('listens on loopback only', () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
  });

  it('sets an httpOnly SameSite=Strict session cookie and clears it at logout', async () => {
    const res = await post('auth.login', OWNER);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await (await post('auth.me', {}, { cookie: cookie.split(';')[0]! })).json();
    expect(me).toMatchObject({ ok: true, data: { login: 'owner' } });
    const out = await post('auth.logout', {}, { cookie: cookie.split(';')[0]! });
    expect(out.headers.get('set-cookie')).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
  });

  it('refuses calls from another origin or without one, even with a valid session', async () => {
    const cookie = await loginCookie(server);
    for (const origin of ['http://evil.example', 'null']) {
      const res = await post('clients.list', {}, { cookie, origin });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ ok: false, error: { code: 'forbidden', key: 'errors.bad_origin' } });
    }
    const none = await fetch(`${server.url}/api/call/auth.me`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    expect(none.status).toBe(403);
  });

  it('answers malformed or oversize bodies with a translated refusal, never a stack trace', async () => {
    const cookie = await loginCookie(server);
    const bad = await post('clients.create', '{"kind": "person",', { cookie });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ ok: false, error: { code: 'validation', key: 'errors.bad_request' } });
    const big = await post('clients.create', { name: 'x'.repeat(3 * 1024 * 1024) }, { cookie });
    expect(big.status).toBe(413);
    expect((await big.json()).error.key).toBe('errors.too_big_body');
  });

  it('sends a strict Content-Security-Policy', async () => {
    const res = await post('setup.status', {});
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });

  it('pushes committed changes to the logged-in organization over the WebSocket', async () => {
    const cookie = await loginCookie(server);
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/events`, { headers: { cookie, origin: server.url } });
    await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
    const got = new Promise<{ name: string; payload: { ids: string[] } }>((r) => ws.once('message', (m) => r(JSON.parse(String(m)))));
    const created = await (await post('clients.create', personInput('Event Person'), { cookie })).json();
    const event = await got;
    expect(event).toEqual({ name: 'clients.changed', payload: { ids: [created.data.client.id] } });
    ws.close();
  });

  it('serves an export only to the user who made it', async () => {
    const cookie = await loginCookie(server);
    const made = await (await post('export.interventions', { scope: { filters: {} }, columns: ['number', 'client'], format: 'csv' }, { cookie })).json();
    expect(made.ok).toBe(true);
    const file = await fetch(`${server.url}/api/files/${made.data.fileId}`, { headers: { cookie } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/attachment/);
    expect((await file.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toMatch(/Nr|Number|No/i);
    expect((await fetch(`${server.url}/api/files/${made.data.fileId}`)).status).toBe(401);
    await app.call(await app.login('owner', 'owner-pass-1'), 'users.create', { login: 'other.user', password: 'password-123', name: 'Other', role: 'admin', language: 'en', branchIds: [] });
    const other = await loginCookie(server, { login: 'other.user', password: 'password-123' });
    expect((await fetch(`${server.url}/api/files/${made.data.fileId}`, { headers: { cookie: other } })).status).toBe(404);
    expect((await fetch(`${server.url}/api/files/..%2F..%2Fplanora.db`, { headers: { cookie } })).status).toBe(404);
  });

  it('serves a timeline file to its organization and branch only', async () => {
    const cookie = await loginCookie(server);
    const owner = await app.login('owner', 'owner-pass-1');
    const branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
    const client = await app.call(owner, 'clients.create', { kind: 'person', name: 'File Person', phones: [], emails: [], addresses: [], contacts: [] });
    const doc = await app.call(owner, 'interventions.create', { branchId, clientId: client.client.id, priority: 'low', docDate: '2026-11-23' });
    const note = await app.call(owner, 'interventions.addNote', { id: doc.id, style: 1, text: 'scan', attachment: { name: 'akts-Ķemeri.txt', uploadId: await uploaded(app, owner, 'signed act') } });
    const url = `${server.url}/api/attachments/${note.attachmentSha256}`;
    const res = await fetch(url, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('signed act');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('akts-Ķemeri.txt'));
    expect((await fetch(url)).status).toBe(401);
    const other = await app.call(owner, 'branches.create', { name: 'Other', timeZone: 'Europe/Riga' });
    await app.call(owner, 'users.create', { login: 'far.tech', password: 'password-123', name: 'Far', role: 'employee', language: 'en', branchIds: [other.id] });
    const far = await loginCookie(server, { login: 'far.tech', password: 'password-123' });
    expect((await fetch(url, { headers: { cookie: far } })).status).toBe(404);
    expect((await fetch(`${server.url}/api/attachments/${'0'.repeat(64)}`, { headers: { cookie } })).status).toBe(404);
  });

  it('closes an events socket that has no session', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/events`, { headers: { origin: server.url } });
    const code = await new Promise<number>((r) => ws.once('close', (c) => r(c)));
    expect(code).toBe(4401);
  });
});
