import { afterEach, describe, expect, it } from 'vitest';
import { SecretBox } from '../secrets';
import { snapshotDb, userWithRole, type TestApp } from '../testing/harness';
import { withTestOrg } from '../testing/fixtures';
import { sendOutbox } from '../mail/testing/mailApp';
import { startGatewayPeer, type GatewayPeer } from './testing/gatewayPeer';
import { HTTP_SECRET, httpSettings, smsRows, TWILIO_SID, TWILIO_TOKEN, twilioSettings } from './testing/smsApp';

let app: TestApp;
let owner: string;
withTestOrg('test', (org) => {
  ({ app, owner } = org);
});
const peers: GatewayPeer[] = [];
afterEach(async () => {
  for (const p of peers.splice(0)) await p.close();
});
async function gateway(): Promise<GatewayPeer> {
  const p = await startGatewayPeer();
  peers.push(p);
  return p;
}

describe('SMS settings', () => {
  it('start off; keep secrets sealed at rest, never answer them, and keep them when the form leaves them out', async () => {
    expect(await app.call(owner, 'sms.settings', {})).toMatchObject({ configured: false, enabled: false, provider: 'twilio', twilio: { baseUrl: 'https://api.twilio.com', hasAuthToken: false } });
    const gw = await gateway();
    const saved = await app.call(owner, 'sms.setSettings', twilioSettings(gw));
    expect(saved).toMatchObject({ configured: true, enabled: true, provider: 'twilio', sender: 'Klinika', twilio: { baseUrl: gw.url, accountSid: TWILIO_SID, hasAuthToken: true } });
    expect(JSON.stringify(saved)).not.toContain(TWILIO_TOKEN);

    const row = await app.core.db.selectFrom('module_setting').selectAll().where('module', '=', 'sms').executeTakeFirstOrThrow();
    const sealed = (JSON.parse(row.value) as { twilio: { authTokenSealed: string } }).twilio.authTokenSealed;
    expect(SecretBox.isSealed(sealed)).toBe(true);
    expect(row.value).not.toContain(TWILIO_TOKEN);
    const audit = JSON.stringify(app.core.sqlite.prepare('select * from audit_log').all());
    expect(audit).toContain('sms_settings');
    expect(audit).not.toContain(TWILIO_TOKEN);
    expect(audit).not.toContain(sealed);

    // Saved again without the token: the stored one stays and still opens the gateway.
    const { authToken: _left, ...withoutToken } = twilioSettings(gw).twilio;
    await app.call(owner, 'sms.setSettings', { ...twilioSettings(gw), twilio: withoutToken, sender: '+370 612 34567' });
    expect(await app.call(owner, 'sms.settings', {})).toMatchObject({ sender: '+37061234567', twilio: { hasAuthToken: true } });
    await app.call(owner, 'sms.test', { to: '+37060000001' });
    expect(await sendOutbox(app)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(gw.received[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString('base64')}`);

    // Null forgets it, and Twilio cannot work without one.
    const forget = await app.raw(owner, 'sms.setSettings', { ...twilioSettings(gw), twilio: { ...withoutToken, authToken: null } });
    expect(forget).toMatchObject({ ok: false, error: { code: 'validation', key: 'sms.errors.token_required', field: 'twilio.authToken' } });
  });

  it('refuses what cannot work, with the field to fix, and changes nothing', async () => {
    const gw = await gateway();
    const before = snapshotDb(app.core);
    const refusals: [unknown, string, string][] = [
      [twilioSettings(gw, { sender: 'Klinika Nr 12' }), 'sender_invalid', 'sender'],
      [twilioSettings(gw, { sender: '12' }), 'sender_invalid', 'sender'],
      [twilioSettings(gw, { twilio: { baseUrl: 'http://api.twilio.com', accountSid: TWILIO_SID, authToken: 't' } }), 'url_invalid', 'twilio.baseUrl'],
      [twilioSettings(gw, { twilio: { baseUrl: '', accountSid: 'AC123', authToken: 't' } }), 'account_sid_invalid', 'twilio.accountSid'],
      [httpSettings(gw, { http: { ...httpSettings(gw).http, url: 'ftp://sms.example.lt' } }), 'url_invalid', 'http.url'],
      [httpSettings(gw, { http: { ...httpSettings(gw).http, bodyTemplate: '{"to": "{to}", "text": {text}}' } }), 'body_not_json', 'http.bodyTemplate'],
      [httpSettings(gw, { http: { ...httpSettings(gw).http, bodyTemplate: '{"to": "{to}"}' } }), 'placeholders_missing', 'http.bodyTemplate'],
      [httpSettings(gw, { http: { ...httpSettings(gw).http, headers: [{ name: 'X-Key', value: 'slēpts' }] } }), 'header_invalid', 'http.headers'],
    ];
    for (const [input, key, field] of refusals) expect(await app.raw(owner, 'sms.setSettings', input), key).toMatchObject({ ok: false, error: { code: 'validation', key: `sms.errors.${key}`, field } });
    // A header name that is not a token never reaches main's rules.
    expect(await app.raw(owner, 'sms.setSettings', httpSettings(gw, { http: { ...httpSettings(gw).http, headers: [{ name: 'X-Key\r\nHost', value: 'x' }] } }))).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(snapshotDb(app.core)).toBe(before);
    expect(await app.raw(owner, 'sms.test', { to: '+37060000001' })).toMatchObject({ ok: false, error: { code: 'conflict', key: 'sms.errors.not_configured' } });
  });

  it('are read and set by owners and admins only', async () => {
    const gw = await gateway();
    await app.call(owner, 'sms.setSettings', httpSettings(gw));
    for (const role of ['branch_manager', 'dispatcher', 'employee'] as const) {
      const { token } = await userWithRole(app, owner, role);
      expect(await app.raw(token, 'sms.setSettings', httpSettings(gw, { enabled: false })), role).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await app.raw(token, 'sms.test', { to: '+37060000001' }), role).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await app.raw(token, 'sms.settings', {}), role).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const { token: admin } = await userWithRole(app, owner, 'admin');
    const read = await app.call(admin, 'sms.settings', {});
    expect(read).toMatchObject({ enabled: true, http: { hasSecret: true } });
    expect(JSON.stringify(read)).not.toContain(HTTP_SECRET);
    expect(await app.call(admin, 'sms.setSettings', httpSettings(gw, { enabled: false }))).toMatchObject({ enabled: false });
  });
});

describe('test message', () => {
  it('goes through the generic gateway in the caller’s language: method, path, header, body as configured', async () => {
    const gw = await gateway();
    await app.call(owner, 'sms.setSettings', httpSettings(gw));
    await app.call(owner, 'auth.setLanguage', { language: 'lv' });
    const row = await app.call(owner, 'sms.test', { to: '26 123 456' });
    expect(row).toMatchObject({ channel: 'sms', recipient: '+37126123456', status: 'pending', refEntity: 'sms_test', subject: 'Testa ziņa no Test Serviss: īsziņas klientiem darbojas.' });
    expect(await sendOutbox(app)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [req] = await gw.waitFor(1);
    expect(req).toMatchObject({ method: 'POST', path: '/sms/send', headers: { 'x-api-key': HTTP_SECRET, 'content-type': 'application/json' } });
    expect(JSON.parse(req!.body)).toEqual({ recipient: '+37126123456', sender: 'Klinika', message: 'Testa ziņa no Test Serviss: īsziņas klientiem darbojas.' });
    expect((await app.call(owner, 'mail.outbox', { limit: 10, offset: 0 })).rows).toMatchObject([{ id: row.id, channel: 'sms', status: 'sent', attempts: 1 }]);
  });

  it('to a number that is not one is refused at its field', async () => {
    const gw = await gateway();
    await app.call(owner, 'sms.setSettings', httpSettings(gw));
    expect(await app.raw(owner, 'sms.test', { to: '12ab' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'to' } });
    expect(await smsRows(app)).toEqual([]);
  });
});
