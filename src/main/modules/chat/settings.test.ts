import { afterEach, describe, expect, it } from 'vitest';
import { disposeTestApp, openTestOrg, snapshotDb, userWithRole, type TestOrg } from '../../testing/harness';
import type { Input } from '../../../shared/api';

let org: TestOrg | undefined;
afterEach(async () => {
  if (org) await disposeTestApp(org.app);
  org = undefined;
});

const orgInput = (over: Partial<Input<'chatSettings.saveOrg'>> = {}): Input<'chatSettings.saveOrg'> => ({
  version: 0,
  strategy: 'cheapest_first',
  escalateAfterMinutes: 4,
  maxChatsEach: 2,
  questionnaire: { name: 'required', phone: 'required', email: 'asked', topic: 'required' },
  topics: ['Implants', 'Whitening'],
  greetings: { en: 'Hello! How can we help?', hy: 'Բարև Ձեզ։ Ինչո՞վ կարող ենք օգնել։' },
  ...over,
});

describe('chat settings', () => {
  it('start from defaults; a manager saves the organization’s, which read back whole and stale saves are refused', async () => {
    org = await openTestOrg();
    const { app, owner } = org;
    const first = await app.call(owner, 'chatSettings.get', {});
    expect(first.org).toEqual({ version: 0, strategy: 'experienced_first', escalateAfterMinutes: 5, maxChatsEach: 3, questionnaire: { name: 'required', phone: 'asked', email: 'asked', topic: 'off' }, topics: [], greetings: {}, logoUrl: null });
    expect(first.operators.map((o) => [o.experience, o.cost, o.smsOnStart, o.version])).toEqual([[3, 3, false, 0]]);

    const manager = await userWithRole(app, owner, 'branch_manager');
    const saved = await app.call(manager.token, 'chatSettings.saveOrg', orgInput({ greetings: { en: 'Hello! How can we help?', hy: 'Բարև Ձեզ։', lv: '' } }));
    expect(saved.org).toEqual({
      version: 1,
      strategy: 'cheapest_first',
      escalateAfterMinutes: 4,
      maxChatsEach: 2,
      questionnaire: { name: 'required', phone: 'required', email: 'asked', topic: 'required' },
      topics: ['Implants', 'Whitening'],
      greetings: { en: 'Hello! How can we help?', hy: 'Բարև Ձեզ։' },
      logoUrl: null,
    });
    const me = await app.call(owner, 'auth.me', {});
    // The row's id is the organization's: every computer that saves first writes the same row.
    expect(await app.core.db.selectFrom('chat_setting').select(['id', 'org_id']).execute()).toEqual([{ id: me!.orgId, org_id: me!.orgId }]);

    expect(await app.raw(owner, 'chatSettings.saveOrg', orgInput({ version: 0 }))).toMatchObject({ ok: false, error: { key: 'errors.stale' } });
    const again = await app.call(owner, 'chatSettings.saveOrg', orgInput({ version: 1, strategy: 'experienced_first' }));
    expect(again.org).toMatchObject({ version: 2, strategy: 'experienced_first' });
    const audit = await app.core.db.selectFrom('audit_log').select(['entity', 'action']).where('entity', '=', 'chat_setting').execute();
    expect(audit).toEqual([{ entity: 'chat_setting', action: 'create' }, { entity: 'chat_setting', action: 'update' }]);
  });

  it('everyone reads; only managers and owners write, and a refusal changes nothing', async () => {
    org = await openTestOrg();
    const { app, owner } = org;
    const employee = await userWithRole(app, owner, 'employee');
    const dispatcher = await userWithRole(app, owner, 'dispatcher');
    expect((await app.call(employee.token, 'chatSettings.get', {})).operators).toHaveLength(3);
    const before = snapshotDb(app.core);
    for (const token of [employee.token, dispatcher.token]) {
      expect(await app.raw(token, 'chatSettings.saveOrg', orgInput())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await app.raw(token, 'chatSettings.saveOperator', { userId: employee.id, version: 0, experience: 5, cost: 1, smsOnStart: false })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(snapshotDb(app.core)).toBe(before);
  });

  it('bad input gets a named, translated refusal and nothing is written', async () => {
    org = await openTestOrg();
    const { app, owner } = org;
    const before = snapshotDb(app.core);
    const refused = async (input: unknown, key: string, field?: string) => {
      const r = await app.raw(owner, 'chatSettings.saveOrg', input);
      expect(r).toMatchObject({ ok: false, error: { key, ...(field ? { field } : {}) } });
    };
    await refused(orgInput({ questionnaire: { name: 'asked', phone: 'off', email: 'off', topic: 'off' } }), 'errors.chat_contact_needed', 'questionnaire.phone');
    await refused(orgInput({ topics: [] }), 'errors.chat_topics_needed', 'topics');
    await refused(orgInput({ topics: ['Implants', ' implants '] }), 'errors.chat_topic_twice', 'topics.1');
    await refused({ ...orgInput(), escalateAfterMinutes: 241 }, 'errors.too_big');
    await refused({ ...orgInput(), maxChatsEach: 0 }, 'errors.too_small');
    await refused({ ...orgInput(), strategy: 'random' }, 'errors.invalid_choice');
    await refused({ ...orgInput(), greetings: { de: 'Hallo' } }, 'errors.unknown_field');
    // The widget loads these on the organization's site: https only.
    for (const bad of ['http://smaids.example/logo.png', 'javascript:alert(1)', 'logo.png', 'https://smaids.example/a b.png', 'https://smaids.example/"onerror="x.png']) {
      await refused(orgInput({ logoUrl: bad }), 'errors.chat_picture_https', 'logoUrl');
    }
    const me = (await app.call(owner, 'chatSettings.get', {})).operators[0]!;
    const op = (input: unknown) => app.raw(owner, 'chatSettings.saveOperator', input);
    expect(await op({ userId: me.userId, version: 0, experience: 6, cost: 1, smsOnStart: false })).toMatchObject({ ok: false, error: { field: 'experience' } });
    expect(await op({ userId: me.userId, version: 0, experience: 2, cost: 0, smsOnStart: false })).toMatchObject({ ok: false, error: { field: 'cost' } });
    expect(await op({ userId: me.userId, version: 0, experience: 2, cost: 2, smsOnStart: true })).toMatchObject({ ok: false, error: { key: 'errors.chat_sms_no_phone', field: 'smsOnStart' } });
    expect(await op({ userId: '0190f0f0-0000-7000-8000-000000000000', version: 0, experience: 2, cost: 2, smsOnStart: false })).toMatchObject({ ok: false, error: { key: 'errors.user_not_found' } });
    expect(await op({ userId: me.userId, version: 0, experience: 2, cost: 2, smsOnStart: false, photoUrl: 'ftp://smaids.example/me.jpg' })).toMatchObject({ ok: false, error: { key: 'errors.chat_picture_https', field: 'photoUrl' } });
    expect(snapshotDb(app.core)).toBe(before);
  });

  it('an employee’s levels and text message: saved on a row named by the employee, the number from their notice settings', async () => {
    org = await openTestOrg();
    const { app, owner } = org;
    const employee = await userWithRole(app, owner, 'employee');
    await app.call(owner, 'tasks.notices.savePrefs', { userId: employee.id, prefs: { urgent: 'sms', medium: 'email', notUrgent: 'none', phone: '+37491234567' } });
    const saved = await app.call(owner, 'chatSettings.saveOperator', { userId: employee.id, version: 0, experience: 1, cost: 2, smsOnStart: true });
    expect(saved.operators.find((o) => o.userId === employee.id)).toMatchObject({ experience: 1, cost: 2, smsOnStart: true, version: 1, phone: '+37491234567' });
    expect(await app.core.db.selectFrom('chat_operator').select(['id', 'user_id']).execute()).toEqual([{ id: employee.id, user_id: employee.id }]);
    expect(await app.raw(owner, 'chatSettings.saveOperator', { userId: employee.id, version: 0, experience: 5, cost: 5, smsOnStart: false })).toMatchObject({ ok: false, error: { key: 'errors.stale' } });
    const next = await app.call(owner, 'chatSettings.saveOperator', { userId: employee.id, version: 1, experience: 5, cost: 5, smsOnStart: false });
    expect(next.operators.find((o) => o.userId === employee.id)).toMatchObject({ experience: 5, cost: 5, smsOnStart: false, version: 2 });
  });

  it('the logo and each person’s photo: saved as https addresses, kept when a save leaves the photo out, cleared when emptied', async () => {
    org = await openTestOrg();
    const { app, owner } = org;
    const me = (await app.call(owner, 'chatSettings.get', {})).operators[0]!;
    const saved = await app.call(owner, 'chatSettings.saveOrg', orgInput({ logoUrl: '  https://smaids.example/logo.png ' }));
    expect(saved.org.logoUrl).toBe('https://smaids.example/logo.png');
    const withPhoto = await app.call(owner, 'chatSettings.saveOperator', { userId: me.userId, version: 0, experience: 4, cost: 2, smsOnStart: false, photoUrl: 'https://smaids.example/team/me.jpg' });
    expect(withPhoto.operators[0]).toMatchObject({ photoUrl: 'https://smaids.example/team/me.jpg', version: 1 });
    // A level changed on its own (the screen saves each at once) keeps the photo.
    const levels = await app.call(owner, 'chatSettings.saveOperator', { userId: me.userId, version: 1, experience: 5, cost: 2, smsOnStart: false });
    expect(levels.operators[0]).toMatchObject({ photoUrl: 'https://smaids.example/team/me.jpg', experience: 5 });
    const cleared = await app.call(owner, 'chatSettings.saveOperator', { userId: me.userId, version: 2, experience: 5, cost: 2, smsOnStart: false, photoUrl: '' });
    expect(cleared.operators[0]!.photoUrl).toBeNull();
    const noLogo = await app.call(owner, 'chatSettings.saveOrg', orgInput({ version: 1, logoUrl: '' }));
    expect(noLogo.org.logoUrl).toBeNull();
    expect(await app.core.db.selectFrom('chat_setting').select('logo_url').execute()).toEqual([{ logo_url: null }]);
  });
});
