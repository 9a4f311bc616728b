import { afterEach, describe, expect, it } from 'vitest';
import { OWNER, setupOrg, startTestApp, type TestApp } from '../../testing/harness';

let app: TestApp;
afterEach(async () => app?.close());

async function loginIn(language?: string): Promise<{ token: string; user: unknown }> {
  const out = await app.core.dispatch({ name: 'auth.login', input: { ...OWNER, ...(language ? { language } : {}) }, sessionToken: null });
  if (!out.result.ok || !out.sessionToken) throw new Error(`login failed: ${JSON.stringify(out.result)}`);
  return { token: out.sessionToken, user: out.result.data };
}

describe('the language picked on the login screen', () => {
  it('is spoken by that session only, with the profile language beside it, until the user keeps it', async () => {
    app = await startTestApp();
    await setupOrg(app);
    const ru = await loginIn('ru');
    expect(ru.user).toMatchObject({ language: 'ru', savedLanguage: 'en' });
    // Read again after the session cache slides: still this session's choice.
    app.clock.advance(5 * 60_000);
    expect(await app.call(ru.token, 'auth.me', {})).toMatchObject({ language: 'ru', savedLanguage: 'en' });

    // Another session of the same user speaks the profile's language; the profile did not change.
    const plain = await loginIn();
    expect(plain.user).toMatchObject({ language: 'en' });
    expect(plain.user).not.toHaveProperty('savedLanguage');
    // Picking the profile's own language is no choice at all.
    expect((await loginIn('en')).user).not.toHaveProperty('savedLanguage');

    // Kept: the profile takes it, and the session no longer offers it.
    const kept = await app.call(ru.token, 'auth.setLanguage', { language: 'ru' });
    expect(kept).toMatchObject({ language: 'ru' });
    expect(kept).not.toHaveProperty('savedLanguage');
    expect(await app.call(plain.token, 'auth.me', {})).toMatchObject({ language: 'ru' });
  });

  it('refuses a language that is not one of the six, at the field, and logs nobody in', async () => {
    app = await startTestApp();
    await setupOrg(app);
    const out = await app.core.dispatch({ name: 'auth.login', input: { ...OWNER, language: 'de' }, sessionToken: null });
    expect(out.result).toMatchObject({ ok: false, error: { code: 'validation', field: 'language' } });
    expect(out.sessionToken ?? null).toBeNull();
  });
});
