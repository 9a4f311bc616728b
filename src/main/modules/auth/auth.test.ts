import { afterEach, describe, expect, it } from 'vitest';
import { OWNER, setupOrg, startTestApp, type TestApp } from '../../testing/harness';

let app: TestApp;
afterEach(async () => app?.close());

describe('setup and login', () => {
  it('runs the wizard once, then logs the owner in and out', async () => {
    app = await startTestApp();
    expect(await app.call(null, 'setup.status', {})).toEqual({ needsSetup: true });
    const token = await setupOrg(app);
    const me = await app.call(token, 'auth.me', {});
    expect(me).toMatchObject({ login: OWNER.login, role: 'owner', orgName: 'Test Serviss' });
    expect(await app.call(null, 'setup.status', {})).toEqual({ needsSetup: false });

    const again = await app.raw(null, 'setup.run', {
      orgName: 'Second', country: 'LV', timeZone: 'Europe/Riga', languages: ['en'], branchName: 'B', ownerName: 'X', ownerLogin: 'x', ownerPassword: 'password1', ownerLanguage: 'en',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.already_set_up' } });

    const out = await app.core.dispatch({ name: 'auth.logout', input: {}, sessionToken: token });
    expect(out.sessionToken).toBeNull();
    expect(await app.call(token, 'auth.me', {})).toBeNull();
    expect(await app.raw(token, 'clients.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('refuses a wrong password, locks after five, and keeps the count though each call is refused', async () => {
    app = await startTestApp();
    await setupOrg(app);
    for (let i = 0; i < 4; i++) {
      expect(await app.raw(null, 'auth.login', { login: 'owner', password: 'wrong-one' })).toMatchObject({ ok: false, error: { key: 'errors.login_failed' } });
    }
    expect(await app.raw(null, 'auth.login', { login: 'owner', password: 'wrong-one' })).toMatchObject({ ok: false, error: { key: 'errors.login_locked' } });
    // Even the right password waits for the lockout to pass.
    expect(await app.raw(null, 'auth.login', OWNER)).toMatchObject({ ok: false, error: { key: 'errors.login_locked' } });
    app.clock.advance(6 * 60 * 1000);
    expect(await app.login(OWNER.login, OWNER.password)).toBeTruthy();
  });

  it('ends a session after the idle time, and slides it while in use', async () => {
    app = await startTestApp({ sessionIdleMs: 60 * 60 * 1000 });
    const token = await setupOrg(app);
    app.clock.advance(50 * 60 * 1000);
    expect(await app.call(token, 'auth.me', {})).not.toBeNull();
    app.clock.advance(50 * 60 * 1000);
    expect(await app.call(token, 'auth.me', {})).not.toBeNull();
    app.clock.advance(61 * 60 * 1000);
    expect(await app.call(token, 'auth.me', {})).toBeNull();
    expect(await app.raw(token, 'org.get', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated', key: 'errors.session_expired' } });
  });

  it('switches the user interface language and remembers it', async () => {
    app = await startTestApp();
    const token = await setupOrg(app);
    expect(await app.call(token, 'auth.setLanguage', { language: 'lv' })).toMatchObject({ language: 'lv' });
    expect(await app.call(token, 'auth.me', {})).toMatchObject({ language: 'lv' });
    const again = await app.login(OWNER.login, OWNER.password);
    expect(await app.call(again, 'auth.me', {})).toMatchObject({ language: 'lv' });
  });
});
