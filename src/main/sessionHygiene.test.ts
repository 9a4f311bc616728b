import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { OWNER, personInput, userWithRole, type TestApp } from './testing/harness';
import { withTestWeb } from './testing/fixtures';
import { apiPost, loginCookie } from './testing/web';
import type { WebServer } from './server';

let app: TestApp;
let server: WebServer;
let ownerToken: string;

withTestWeb((web) => ({ app, owner: ownerToken, server } = web));

const post = (name: string, body: unknown, headers: Record<string, string> = {}) => apiPost(server, name, body, headers);
const webLogin = (login: string, password: string) => loginCookie(server, { login, password });

/** An events socket with everything it received and how it closed. */
async function eventsSocket(cookie: string) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/events`, { headers: { cookie, origin: server.url } });
  const got: string[] = [];
  ws.on('message', (m) => got.push(JSON.parse(String(m)).name));
  const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  return { ws, got, closed };
}

/** How the socket closed, or 'still open' after a while. */
const closing = (s: { closed: Promise<number> }) => Promise.race([s.closed, new Promise<string>((r) => setTimeout(() => r('still open'), 3000))]);


describe('session hygiene', () => {
  it('changing one’s password ends the user’s other sessions and keeps the current one', async () => {
    const { token: here } = await userWithRole(app, ownerToken, 'dispatcher', 'pw.changer');
    const elsewhere = await app.login('pw.changer', 'password-123');
    expect(await app.call(elsewhere, 'auth.me', {})).not.toBeNull();
    expect(await app.call(here, 'auth.changePassword', { current: 'password-123', next: 'new-password-456' })).toEqual({ ok: true });
    expect(await app.call(elsewhere, 'auth.me', {})).toBeNull();
    expect(await app.raw(elsewhere, 'clients.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await app.call(here, 'auth.me', {})).toMatchObject({ login: 'pw.changer' });
    expect(await app.raw(null, 'auth.login', { login: 'pw.changer', password: 'password-123' })).toMatchObject({ ok: false, error: { key: 'errors.login_failed' } });
    expect(await app.login('pw.changer', 'new-password-456')).toBeTruthy();
  });

  it('a wrong current password changes nothing and ends no session', async () => {
    const { token: here } = await userWithRole(app, ownerToken, 'employee', 'pw.wrong');
    const elsewhere = await app.login('pw.wrong', 'password-123');
    expect(await app.raw(here, 'auth.changePassword', { current: 'not-it-000', next: 'new-password-456' })).toMatchObject({
      ok: false,
      error: { key: 'errors.password_wrong', field: 'current' },
    });
    expect(await app.call(elsewhere, 'auth.me', {})).toMatchObject({ login: 'pw.wrong' });
    expect(await app.login('pw.wrong', 'password-123')).toBeTruthy();
  });

  it('logging in as another user over an open session ends that session', async () => {
    await userWithRole(app, ownerToken, 'employee', 'second.user');
    const first = await app.login(OWNER.login, OWNER.password);
    const out = await app.core.dispatch({ name: 'auth.login', input: { login: 'second.user', password: 'password-123' }, sessionToken: first });
    expect(out.result).toMatchObject({ ok: true, data: { login: 'second.user' } });
    expect(out.sessionToken).toBeTruthy();
    expect(await app.call(first, 'auth.me', {})).toBeNull();
    expect(await app.call(out.sessionToken!, 'auth.me', {})).toMatchObject({ login: 'second.user' });
    // A failed login leaves the open session as it was.
    const failed = await app.core.dispatch({ name: 'auth.login', input: { login: 'second.user', password: 'wrong-000' }, sessionToken: out.sessionToken! });
    expect(failed.sessionToken).toBeUndefined();
    expect(await app.call(out.sessionToken!, 'auth.me', {})).toMatchObject({ login: 'second.user' });
  });

  it('in the browser too: the old cookie’s session ends when another user logs in over it', async () => {
    const first = await webLogin(OWNER.login, OWNER.password);
    const res = await post('auth.login', { login: 'second.user', password: 'password-123' }, { cookie: first });
    expect(res.status).toBe(200);
    expect(await (await post('auth.me', {}, { cookie: first })).json()).toEqual({ ok: true, data: null });
  });

  it('after logout, an open event socket is closed and receives nothing more', async () => {
    const cookie = await webLogin(OWNER.login, OWNER.password);
    const stays = await eventsSocket(await webLogin(OWNER.login, OWNER.password));
    const leaves = await eventsSocket(cookie);
    expect((await post('auth.logout', {}, { cookie })).status).toBe(200);
    await app.call(ownerToken, 'clients.create', personInput('After Logout'));
    expect(await closing(leaves)).toBe(4401);
    await new Promise((r) => setTimeout(r, 50));
    expect(leaves.got).toEqual([]);
    expect(stays.got).toEqual(['clients.changed']);
    stays.ws.close();
  });

  it('after a password change elsewhere, that session’s event socket is closed too', async () => {
    await userWithRole(app, ownerToken, 'dispatcher', 'socket.user');
    const other = await webLogin('socket.user', 'password-123');
    const socket = await eventsSocket(other);
    const here = await app.login('socket.user', 'password-123');
    await app.call(here, 'auth.changePassword', { current: 'password-123', next: 'new-password-789' });
    await app.call(ownerToken, 'clients.create', personInput('After Password Change'));
    expect(await closing(socket)).toBe(4401);
    expect(socket.got).toEqual([]);
  });

  it('wrong passwords over HTTP lock the web source, not the owner at this machine', async () => {
    for (let i = 0; i < 5; i++) await post('auth.login', { login: 'second.user', password: `wrong-${i}` });
    const refused = await (await post('auth.login', { login: 'second.user', password: 'password-123' })).json();
    expect(refused).toMatchObject({ ok: false, error: { key: 'errors.login_locked' } });
    expect(await app.login('second.user', 'password-123')).toBeTruthy();
  });
});
