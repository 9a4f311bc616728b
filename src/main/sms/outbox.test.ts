import { afterEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../shared/api/auth';
import { disposeTestApp, startTestApp, tempDir, withCtx, type TestApp } from '../testing/harness';
import { withTestOrg } from '../testing/fixtures';
import { spawnTs } from '../testing/processes';
import { enqueueMail, enqueueSms } from '../mail/outbox';
import { configureSmtp, outboxRows, sendOutbox } from '../mail/testing/mailApp';
import { startSmtpPeer } from '../mail/testing/smtpPeer';
import { startGatewayPeer, type GatewayPeer } from './testing/gatewayPeer';
import { httpSettings, smsRows, twilioSettings } from './testing/smsApp';

let app: TestApp;
let owner: string;
let ownerUser: SessionUser;
withTestOrg('test', async (org) => {
  ({ app, owner } = org);
  ownerUser = (await app.core.sessions.resolve(owner))!;
});
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});
async function gateway(): Promise<GatewayPeer> {
  const p = await startGatewayPeer();
  closers.push(() => p.close());
  return p;
}

const MIN = 60_000;
const queue = (to: string, text = 'Jūsų vizitas užregistruotas.') => withCtx(app, ownerUser, (ctx) => enqueueSms(ctx, { orgId: ownerUser.orgId, to, text, refEntity: 'visit', refId: null }));

describe('text messages in the outbox', () => {
  it('a 503 is retried with backoff and delivered once the gateway is back; the batch waits with it', async () => {
    const gw = await gateway();
    await app.call(owner, 'sms.setSettings', twilioSettings(gw));
    await queue('+37060000001', 'Pirmā');
    await queue('+37060000002', 'Otrā');
    gw.answers.push({ status: 503, body: 'Service Unavailable' });

    // The first answer says the gateway is down: the second message is not even tried.
    expect(await sendOutbox(app)).toEqual({ sent: 0, retrying: 2, failed: 0 });
    expect(gw.received).toHaveLength(1);
    const t0 = app.clock.now();
    for (const r of await smsRows(app)) expect(r).toMatchObject({ status: 'pending', attempts: 1, last_error: 'HTTP 503 Service Unavailable', next_attempt_at: new Date(t0 + MIN).toISOString() });

    app.clock.advance(MIN - 1_000);
    expect(await sendOutbox(app)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    gw.answers.push({ status: 503 });
    app.clock.advance(1_000);
    expect(await sendOutbox(app)).toEqual({ sent: 0, retrying: 2, failed: 0 });
    for (const r of await smsRows(app)) expect(r).toMatchObject({ attempts: 2, next_attempt_at: new Date(app.clock.now() + 2 * MIN).toISOString() });

    app.clock.advance(2 * MIN);
    expect(await sendOutbox(app)).toEqual({ sent: 2, retrying: 0, failed: 0 });
    const bodies = gw.received.slice(2).map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    expect(bodies).toEqual([
      { To: '+37060000001', From: 'Klinika', Body: 'Pirmā' },
      { To: '+37060000002', From: 'Klinika', Body: 'Otrā' },
    ]);
    // Twilio's sid of each message is kept, to follow one up with the provider.
    expect((await smsRows(app)).map((r) => [r.status, r.attempts, r.last_error, r.provider_ref])).toEqual([
      ['sent', 3, null, `SM${'3'.padStart(32, '0')}`],
      ['sent', 3, null, `SM${'4'.padStart(32, '0')}`],
    ]);
  });

  it('a 400 is permanent: that message fails at once and is never tried again; the rest of the batch goes', async () => {
    const gw = await gateway();
    await app.call(owner, 'sms.setSettings', httpSettings(gw));
    await queue('+37060000001');
    await queue('+37060000002');
    gw.answers.push({ status: 400, body: '{"error": "unknown recipient"}' });
    expect(await sendOutbox(app)).toEqual({ sent: 1, retrying: 0, failed: 1 });
    const rows = await smsRows(app);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['failed', 1],
      ['sent', 1],
    ]);
    expect(rows[0]!.last_error).toBe('HTTP 400 {"error": "unknown recipient"}');
    app.clock.advance(24 * 60 * MIN);
    expect(await sendOutbox(app)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(gw.received).toHaveLength(2);
  });

  it('a test message is tried once, never retried', async () => {
    const gw = await gateway();
    await app.call(owner, 'sms.setSettings', httpSettings(gw));
    gw.answers.push({ status: 503 });
    await app.call(owner, 'sms.test', { to: '+37060000001' });
    expect(await sendOutbox(app)).toEqual({ sent: 0, retrying: 0, failed: 1 });
  });

  it('waits while no gateway is set up, and e-mail and text messages of one organization leave in the same run', async () => {
    await queue('+37060000001');
    expect(await sendOutbox(app)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await smsRows(app)).toMatchObject([{ status: 'pending', attempts: 0 }]);

    const gw = await gateway();
    const smtp = await startSmtpPeer({ login: { user: 'planora', password: 'Slepena parole #1 ā' } });
    closers.push(() => smtp.close());
    await configureSmtp(app, owner, smtp.port);
    await app.call(owner, 'sms.setSettings', httpSettings(gw, { enabled: false }));
    await withCtx(app, ownerUser, (ctx) => enqueueMail(ctx, { orgId: ownerUser.orgId, to: 'anna@example.lv', subject: 'Sveiki', body: 'Teksts\n' }));
    // Turned off: bookings queue nothing new, but what was queued goes out.
    expect(await sendOutbox(app)).toEqual({ sent: 2, retrying: 0, failed: 0 });
    await smtp.waitFor(1);
    expect((await gw.waitFor(1))[0]!.path).toBe('/sms/send');
    expect((await outboxRows(app)).map((r) => [r.channel, r.status])).toEqual([
      ['sms', 'sent'],
      ['email', 'sent'],
    ]);
  });
});

describe('durability', () => {
  it('a booking acknowledged by a process killed before its sender ran: visit and message are there at the next start, and it goes', async () => {
    const gw = await gateway();
    const dir = tempDir();
    const child = spawnTs('src/main/sms/testing/sms-queuer.ts', [dir, gw.url]);
    try {
      await child.waitFor((lines) => lines.some((l) => l.startsWith('ack ')), 90_000);
      child.kill('SIGKILL');
      await child.exited;
    } finally {
      child.kill('SIGKILL');
    }
    const visitId = child.lines.find((l) => l.startsWith('ack '))!.slice(4);
    expect(gw.received).toEqual([]);

    // The child ran on the same test clock (2026-11-23 09:00 UTC).
    const next = await startTestApp({}, dir);
    closers.push(() => disposeTestApp(next));
    expect(await next.core.db.selectFrom('visit').select('status').where('id', '=', visitId).executeTakeFirstOrThrow()).toEqual({ status: 'booked' });
    expect(await smsRows(next)).toMatchObject([{ ref_id: visitId, status: 'pending', attempts: 0, recipient: '+37061234567' }]);
    expect(await sendOutbox(next)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(JSON.parse((await gw.waitFor(1))[0]!.body)).toEqual({ recipient: '+37061234567', message: 'Rīga: jūsų vizitas užregistruotas lapkričio 24 d., antradienis 11:30 (Consultation).' });
  });
});
