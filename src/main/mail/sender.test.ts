import { afterEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../shared/api/auth';
import { userWithRole, withCtx, type TestApp } from '../testing/harness';
import { withTestOrg } from '../testing/fixtures';
import { SecretBox } from '../secrets';
import { enqueueMail } from './outbox';
import { BACKOFF_CAP_MS, backoffMs, createOutboxSender, LEASE_MS, MAX_ATTEMPTS, runOutboxOnce } from './sender';
import { freePort, startSmtpPeer, type SmtpPeer } from './testing/smtpPeer';
import { configureSmtp, mailCall, mailRaw, outboxRows, sendOutbox, SMTP_LOGIN } from './testing/mailApp';

let app: TestApp;
let owner: string;
let ownerUser: SessionUser;
const peers: SmtpPeer[] = [];

withTestOrg('test', async (org) => {
  ({ app, owner } = org);
  ownerUser = (await app.core.sessions.resolve(owner))!;
});
afterEach(async () => {
  for (const p of peers.splice(0)) await p.close();
});

async function peerOn(port = 0, opts = {}): Promise<SmtpPeer> {
  const p = await startSmtpPeer({ login: SMTP_LOGIN, ...opts }, port);
  peers.push(p);
  return p;
}

function queue(to: string, subject = 'Sveiki', body = 'Ziņa ar garumzīmēm: ā č ē ģ ī ķ ļ ņ š ū ž.\n') {
  return withCtx(app, ownerUser, (ctx) => enqueueMail(ctx, { orgId: ownerUser.orgId, to, subject, body, refEntity: 'test', refId: null }));
}

const MIN = 60_000;

describe('SMTP settings', () => {
  it('keeps the password sealed at rest, never answers it, and keeps it when the form leaves it out', async () => {
    const peer = await peerOn();
    const saved = await configureSmtp(app, owner, peer.port);
    expect(saved).toEqual({ configured: true, host: '127.0.0.1', port: peer.port, secure: false, user: SMTP_LOGIN.user, from: 'Test Serviss <noreply@serviss.example.lv>', hasPassword: true, updatedAt: expect.any(String) });
    expect(JSON.stringify(saved)).not.toContain(SMTP_LOGIN.password);

    const row = await app.core.db.selectFrom('mail_setting').selectAll().executeTakeFirstOrThrow();
    expect(SecretBox.isSealed(row.password_enc!)).toBe(true);
    expect(row.password_enc).not.toContain(SMTP_LOGIN.password);
    // Nothing else in the file holds it either (the audit says only that it changed).
    const dump = JSON.stringify(app.core.sqlite.prepare('select * from audit_log').all());
    expect(dump).toContain('mail_setting');
    expect(dump).not.toContain(SMTP_LOGIN.password);

    // Saved again without a password: the stored one stays and still opens the server.
    await mailCall(app, owner, 'mail.setSettings', { host: '127.0.0.1', port: peer.port, secure: false, user: SMTP_LOGIN.user, from: 'noreply@serviss.example.lv' });
    expect(await mailCall(app, owner, 'mail.getSettings', {})).toMatchObject({ hasPassword: true, from: 'noreply@serviss.example.lv' });
    await queue('anna@example.lv');
    expect(await sendOutbox(app)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(peer.logins).toEqual([SMTP_LOGIN]);

    // Null forgets it.
    await mailCall(app, owner, 'mail.setSettings', { host: '127.0.0.1', port: peer.port, secure: false, user: null, password: null, from: 'noreply@serviss.example.lv' });
    expect(await mailCall(app, owner, 'mail.getSettings', {})).toMatchObject({ hasPassword: false, user: null });
  });

  it('refuses a bad sender, a password without a user, and non-admins', async () => {
    expect(await mailCall(app, owner, 'mail.getSettings', {})).toMatchObject({ configured: false, hasPassword: false });
    const bad = await mailRaw(app, owner, 'mail.setSettings', { host: 'smtp.example.lv', port: 587, secure: false, from: 'two@a.lv, three@b.lv' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', key: 'mail.errors.from_invalid', field: 'from' } });
    const noUser = await mailRaw(app, owner, 'mail.setSettings', { host: 'smtp.example.lv', port: 587, secure: false, password: 'x', from: 'a@b.lv' });
    expect(noUser).toMatchObject({ ok: false, error: { key: 'mail.errors.user_required', field: 'user' } });
    const hostile = await mailRaw(app, owner, 'mail.setSettings', { host: 'smtp.example.lv\r\nRCPT TO:<x@y.z>', port: 587, secure: false, from: 'a@b.lv' });
    expect(hostile).toMatchObject({ ok: false, error: { code: 'validation', field: 'host' } });
    expect(await mailCall(app, owner, 'mail.getSettings', {})).toMatchObject({ configured: false });

    const dispatcher = await userWithRole(app, owner, 'dispatcher');
    expect(await mailRaw(app, dispatcher.token, 'mail.setSettings', { host: 'evil.example', port: 25, secure: false, from: 'a@b.lv' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await mailRaw(app, dispatcher.token, 'mail.outbox', { limit: 10, offset: 0 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Reading the settings is allowed (the form shows them) but the password is never among them.
    expect(await mailRaw(app, dispatcher.token, 'mail.getSettings', {})).toMatchObject({ ok: true });
  });

  it('a password sealed under another key is refused, not used: the mail waits', async () => {
    const peer = await peerOn();
    await configureSmtp(app, owner, peer.port);
    await queue('anna@example.lv');
    const otherKey = { encrypt: () => '', decrypt: (s: string, c: string) => new SecretBox(Buffer.alloc(32, 7)).decrypt(s, c) };
    expect(await runOutboxOnce({ db: app.core.db, clock: app.clock, config: app.core.config, secrets: otherKey })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect((await outboxRows(app))[0]).toMatchObject({ status: 'pending', attempts: 0 });
    expect(peer.received).toHaveLength(0);
  });
});

describe('test message', () => {
  it('is queued, sent at once in the caller’s language, and shows in the outbox', async () => {
    const peer = await peerOn();
    await configureSmtp(app, owner, peer.port);
    await app.call(owner, 'auth.setLanguage', { language: 'lv' });
    const row = await mailCall(app, owner, 'mail.test', { to: 'admin@serviss.example.lv' });
    expect(row).toMatchObject({ status: 'pending', recipient: 'admin@serviss.example.lv', refEntity: 'mail_test', subject: 'Test Serviss testa ziņojums' });
    await sendOutbox(app);
    const [mail] = await peer.waitFor(1);
    expect(mail!.rcptTo).toEqual(['admin@serviss.example.lv']);
    expect(mail!.parsed.subject).toBe('Test Serviss testa ziņojums');
    expect(mail!.parsed.text).toContain('Ja jūs to lasāt, Test Serviss var sūtīt e-pastu caur 127.0.0.1.');
    const page = await mailCall(app, owner, 'mail.outbox', { limit: 10, offset: 0 });
    expect(page).toMatchObject({ total: 1, rows: [{ id: row.id, status: 'sent', attempts: 1, lastError: null, sentAt: expect.any(String) }] });
  });

  it('to a server that refuses the login fails once, with the server’s words, and is not retried', async () => {
    const peer = await peerOn(0, { login: { user: SMTP_LOGIN.user, password: 'another' } });
    await configureSmtp(app, owner, peer.port);
    const row = await mailCall(app, owner, 'mail.test', { to: 'admin@serviss.example.lv' });
    expect(await sendOutbox(app)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const [failed] = (await mailCall(app, owner, 'mail.outbox', { status: 'failed', limit: 10, offset: 0 })).rows;
    expect(failed).toMatchObject({ id: row.id, status: 'failed', attempts: 1 });
    expect(failed!.lastError).toMatch(/EAUTH.*535/);
  });

  it('needs settings first', async () => {
    expect(await mailRaw(app, owner, 'mail.test', { to: 'admin@serviss.example.lv' })).toMatchObject({ ok: false, error: { key: 'mail.errors.not_configured' } });
  });
});

describe('outbox sender', () => {
  it('backs off 1, 2, 4 … minutes, capped at an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffMs(n) / MIN)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(backoffMs(50)).toBe(BACKOFF_CAP_MS);
  });

  it('retries while the SMTP server is down, waiting longer each time, and delivers once it is up', async () => {
    const port = await freePort();
    await configureSmtp(app, owner, port);
    await queue('anna@example.lv', 'Pirmā');
    await queue('juris@example.lv', 'Otrā');

    expect(await sendOutbox(app)).toEqual({ sent: 0, retrying: 2, failed: 0 });
    let rows = await outboxRows(app);
    const t0 = app.clock.now();
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: new Date(t0 + MIN).toISOString() });
      expect(r.last_error).toMatch(/ECONNREFUSED/);
    }

    // Not due yet: nothing is tried.
    app.clock.advance(59_000);
    expect(await sendOutbox(app)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    app.clock.advance(1_000);
    expect(await sendOutbox(app)).toEqual({ sent: 0, retrying: 2, failed: 0 });
    rows = await outboxRows(app);
    for (const r of rows) expect(r).toMatchObject({ attempts: 2, next_attempt_at: new Date(app.clock.now() + 2 * MIN).toISOString() });

    const peer = await peerOn(port);
    app.clock.advance(2 * MIN);
    expect(await sendOutbox(app)).toEqual({ sent: 2, retrying: 0, failed: 0 });
    const mails = await peer.waitFor(2);
    expect(mails.map((m) => m.parsed.subject).sort()).toEqual(['Otrā', 'Pirmā']);
    expect(mails[0]!.parsed.text).toBe('Ziņa ar garumzīmēm: ā č ē ģ ī ķ ļ ņ š ū ž.\n');
    rows = await outboxRows(app);
    for (const r of rows) expect(r).toMatchObject({ status: 'sent', attempts: 3, last_error: null, sent_at: new Date(app.clock.now()).toISOString() });
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts; an admin puts the message back and it goes`, async () => {
    const port = await freePort();
    await configureSmtp(app, owner, port);
    const id = await queue('anna@example.lv');
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const r = await sendOutbox(app);
      expect(r).toEqual(i < MAX_ATTEMPTS ? { sent: 0, retrying: 1, failed: 0 } : { sent: 0, retrying: 0, failed: 1 });
      app.clock.advance(BACKOFF_CAP_MS);
    }
    expect((await outboxRows(app))[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(await sendOutbox(app)).toEqual({ sent: 0, retrying: 0, failed: 0 });

    const peer = await peerOn(port);
    expect(await mailCall(app, owner, 'mail.retry', { id })).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await mailRaw(app, owner, 'mail.retry', { id })).toMatchObject({ ok: false, error: { key: 'mail.errors.outbox_not_failed' } });
    expect(await sendOutbox(app)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    await peer.waitFor(1);
  });

  it('a recipient the server refuses for good fails at once; the rest of the batch still goes', async () => {
    const peer = await peerOn(0, { reject: ['nobody@example.lv'] });
    await configureSmtp(app, owner, peer.port);
    await queue('anna@example.lv');
    await queue('nobody@example.lv');
    await queue('juris@example.lv');
    expect(await sendOutbox(app)).toEqual({ sent: 2, retrying: 0, failed: 1 });
    const rows = await outboxRows(app);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'failed', 'sent']);
    expect(rows[1]!.last_error).toMatch(/550/);
    expect((await peer.waitFor(2)).flatMap((m) => m.rcptTo).sort()).toEqual(['anna@example.lv', 'juris@example.lv']);
  });

  it('overlapping runs send each message once', async () => {
    const peer = await peerOn();
    await configureSmtp(app, owner, peer.port);
    for (let i = 0; i < 30; i++) await queue(`client${i}@example.lv`, `Nr. ${i}`);
    const deps = { db: app.core.db, clock: app.clock, config: app.core.config };
    const results = await Promise.all([runOutboxOnce(deps), runOutboxOnce(deps), runOutboxOnce(deps)]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(30);
    await peer.waitFor(30);
    await new Promise((r) => setTimeout(r, 200));
    expect(peer.received).toHaveLength(30);
    expect(new Set(peer.received.map((m) => m.parsed.subject)).size).toBe(30);
  });

  it('a message claimed by a run that died is sent again once its lease is over', async () => {
    const peer = await peerOn();
    await configureSmtp(app, owner, peer.port);
    const id = await queue('anna@example.lv');
    // A run claimed it and then the process died before sending.
    await app.core.db.updateTable('outbox').set({ status: 'sending', attempts: 1, next_attempt_at: new Date(app.clock.now() + LEASE_MS).toISOString() }).where('id', '=', id).execute();
    expect(await sendOutbox(app)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    app.clock.advance(LEASE_MS);
    expect(await sendOutbox(app)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    await peer.waitFor(1);
    expect((await outboxRows(app))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('the running sender is woken by a committed change and sends within moments', async () => {
    const peer = await peerOn();
    await configureSmtp(app, owner, peer.port);
    const sender = createOutboxSender({ db: app.core.db, clock: app.clock, config: app.core.config });
    try {
      await mailCall(app, owner, 'mail.test', { to: 'admin@serviss.example.lv' });
      const [mail] = await peer.waitFor(1, 5_000);
      expect(mail!.rcptTo).toEqual(['admin@serviss.example.lv']);
    } finally {
      sender.stop();
      await sender.idle();
    }
    // Stopped: no more passes.
    await queue('anna@example.lv');
    expect(await sender.run()).toBeUndefined();
    expect((await outboxRows(app)).at(-1)).toMatchObject({ status: 'pending' });
  });
});
