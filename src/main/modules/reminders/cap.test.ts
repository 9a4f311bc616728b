import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureSmtp, outboxRows, sendOutbox, SMTP_LOGIN } from '../../mail/testing/mailApp';
import { startSmtpPeer, type SmtpPeer } from '../../mail/testing/smtpPeer';
import { startSipp, type SippRun } from '../../telephony/testing/sipp';
import { pointTrunkAt, riga, testEngine, withReminderOrg } from './fixtures';

/**
 * The daily cap on the organization's clock: the soonest visits go first, what cannot wait ends as "not called: daily
 * limit", what can waits for the next day; the admins get one e-mail the day it is reached (through the outbox, to a
 * real SMTP server); a restart in the middle of a call closes it as unknown and the cap still counts it.
 */
const t = withReminderOrg();
let smtp: SmtpPeer;
let sipp: SippRun;
beforeAll(async () => {
  smtp = await startSmtpPeer({ login: SMTP_LOGIN });
  await configureSmtp(t.app, t.owner, smtp.port);
  await t.app.call(t.owner, 'users.create', { login: 'adm', password: 'password-123', name: 'Anna Admin', email: 'admin@serviss.example.lv', role: 'admin', language: 'lv', branchIds: [t.c.branchId] });
  // A manager with an address is not told: the cap is the organization's business.
  await t.app.call(t.owner, 'users.create', { login: 'mgr', password: 'password-123', name: 'Max Manager', email: 'mgr@serviss.example.lv', role: 'branch_manager', language: 'en', branchIds: [t.c.branchId] });
});
afterAll(async () => {
  sipp?.kill();
  await smtp.close();
});

const book = async (start: string, offsets: string[]) => {
  const v = await t.app.call(t.c.clerk, 'visits.book', { clientId: t.c.clientId, userId: t.c.doctorId, serviceId: t.c.serviceId, start, durationMin: 30 });
  await t.app.call(t.c.clerk, 'reminders.setForVisit', { visitId: v.id, offsets, channel: 'voice' });
  return v;
};
const reminderOf = async (visitId: string) => (await t.app.call(t.c.clerk, 'reminders.ofVisit', { visitId })).reminders.filter((r) => r.state !== 'cancelled');

describe('the daily cap', () => {
  it('calls the soonest visits first, ends what cannot wait, lets the rest wait for tomorrow, and mails the admins once', async () => {
    t.app.clock.set(riga('2026-11-23T11:00'));
    // All four come due at 12:00 on the 24th; the cap is 2 calls a day.
    const a = await book(riga('2026-11-24T14:00'), ['2h']);
    const b = await book(riga('2026-11-24T15:00'), ['3h']);
    const later = await book(riga('2026-11-24T16:00'), ['4h']);
    const nextWeek = await book(riga('2026-11-26T12:00'), ['2d']);
    sipp = await startSipp({ scenario: 'busy-486.xml', calls: 3, timeoutSec: 60 });
    await pointTrunkAt(t.app, t.owner, sipp.port, {}, 2);

    t.app.clock.set(riga('2026-11-24T12:00'));
    expect(await t.engine.tick()).toEqual({ called: 2, waiting: 1, ended: 1 });
    await t.engine.settled();
    expect((await t.app.call(t.c.clerk, 'reminders.attempts', { visitId: a.id })).map((x) => x.outcome)).toEqual(['busy']);
    expect((await t.app.call(t.c.clerk, 'reminders.attempts', { visitId: b.id })).map((x) => x.outcome)).toEqual(['busy']);
    expect(await reminderOf(later.id)).toMatchObject([{ state: 'not_made', noneReason: 'daily_limit' }]);
    // Tomorrow's first allowed minute on the branch's clock (quiet hours end at 09:00).
    expect(await reminderOf(nextWeek.id)).toMatchObject([{ state: 'planned', nextDueAt: riga('2026-11-25T09:00') }]);

    // The retries of the busy ones come due at 12:30: the day is full and their visits are today.
    t.app.clock.set(riga('2026-11-24T12:30'));
    expect(await t.engine.tick()).toEqual({ called: 0, waiting: 0, ended: 2 });
    expect(await reminderOf(a.id)).toMatchObject([{ state: 'no_answer', noneReason: 'daily_limit' }]);

    const mails = (await outboxRows(t.app)).filter((m) => m.channel === 'email');
    expect(mails.map((m) => [m.recipient, m.ref_entity])).toEqual([['admin@serviss.example.lv', 'reminder_cap']]);
    await sendOutbox(t.app);
    const [got] = await smtp.waitFor(1);
    expect(got!.rcptTo).toEqual(['admin@serviss.example.lv']);
    expect(got!.parsed.subject).toBe('Atgādinājuma zvani: sasniegts šodienas limits — 2 zvani');

    // The next day has its own count: the waiting reminder is called, and no second e-mail is owed for it.
    t.app.clock.set(riga('2026-11-25T09:00'));
    expect((await t.engine.tick()).called).toBe(1);
    await t.engine.settled();
    await sipp.passed();
    expect((await outboxRows(t.app)).filter((m) => m.channel === 'email')).toHaveLength(1);
    const usage = await t.app.call(t.owner, 'reminders.usage', { month: '2026-11' });
    expect(usage.total).toMatchObject({ attempts: 3, billable: 0, noAnswer: 3, confirmed: 0 });
  }, 60_000);

  it('only the t.owner raises the cap; an admin may lower it', async () => {
    const admin = await t.app.login('adm', 'password-123');
    const s = await t.app.call(admin, 'reminders.settings', {});
    expect(s.canRaiseCap).toBe(false);
    const { hasPassword: _h, note: _n, ...trunk } = s.trunk;
    const save = (dailyCap: number) => t.app.raw(admin, 'reminders.saveSettings', { policy: s.policy, dailyCap, trunk, branches: [] });
    const refused = await save(s.dailyCap + 1);
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'forbidden', key: 'reminders.errors.cap_owner_only', field: 'dailyCap', params: { cap: 2 } });
    expect((await save(1)).ok).toBe(true);
    expect((await t.app.call(t.owner, 'reminders.settings', {})).canRaiseCap).toBe(true);
  });
});

describe('a restart with a call in flight', () => {
  it('closes the attempt as unknown (not billable), plans the retry from when it began, and the cap still counts it', async () => {
    const v = await book(riga('2026-11-27T12:00'), ['1d']);
    const peer = await startSipp({ scenario: 'never-answer.xml', timeoutSec: 20 });
    try {
      await pointTrunkAt(t.app, t.owner, peer.port, {}, 5);
      t.app.clock.set(riga('2026-11-26T12:00'));
      expect((await t.engine.tick()).called).toBe(1);
      // What a restarted core runs first, while the first core's call is still ringing.
      expect(await testEngine(t.app).recover()).toBe(1);
      await t.engine.settled();
    } finally {
      peer.kill();
    }
    expect(await t.app.call(t.c.clerk, 'reminders.attempts', { visitId: v.id })).toMatchObject([{ outcome: 'unknown', billable: false, startedAt: riga('2026-11-26T12:00') }]);
    expect(await reminderOf(v.id)).toMatchObject([{ state: 'planned', nextDueAt: riga('2026-11-26T12:30'), attempts: 1 }]);
    const today = t.app.core.sqlite.prepare(`select count(*) from reminder_attempt where started_at >= ? and test = 0`).pluck().get(riga('2026-11-26T00:00'));
    expect(today).toBe(1);
  }, 30_000);
});
