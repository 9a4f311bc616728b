import { describe, expect, it } from 'vitest';
import { startSipp } from '../../telephony/testing/sipp';
import { pointTrunkAt, riga, withReminderOrg } from './fixtures';

/** The SMS channel, and voice then SMS when every call failed: the text goes through the mail outbox (channel sms). */
const t = withReminderOrg();

const smsOf = (visitId: string) => t.app.core.sqlite.prepare(`select recipient, body from outbox where channel = 'sms' and ref_id = ?`).all(visitId) as { recipient: string; body: string }[];
const book = async (start: string, offsets: string[], channel: 'sms' | 'voice_then_sms') => {
  const v = await t.app.call(t.c.clerk, 'visits.book', { clientId: t.c.clientId, userId: t.c.doctorId, serviceId: t.c.serviceId, start, durationMin: 30 });
  await t.app.call(t.c.clerk, 'reminders.setForVisit', { visitId: v.id, offsets, channel });
  return v;
};

describe('reminders by text message', () => {
  it('sends the SMS channel’s reminder at its time, in the organization’s language, with no call', async () => {
    t.app.clock.set(riga('2026-11-23T11:00'));
    const v = await book(riga('2026-11-25T12:00'), ['1d'], 'sms');
    t.app.clock.set(riga('2026-11-24T12:00'));
    expect(await t.engine.tick()).toEqual({ called: 0, waiting: 0, ended: 1 });
    expect(smsOf(v.id)).toEqual([{ recipient: '+37120000001', body: 'Atgādinājums: Rīga jūsu vizīte ir trešdiena, 25. novembris plkst. 12:00.' }]);
    expect((await t.app.call(t.c.clerk, 'reminders.ofVisit', { visitId: v.id })).reminders).toMatchObject([{ state: 'sms_sent', noneReason: null }]);
    expect(await t.app.call(t.c.clerk, 'reminders.attempts', { visitId: v.id })).toEqual([]);
  });

  it('texts the client once every call of a voice-then-SMS reminder failed', async () => {
    const v = await book(riga('2026-11-27T12:00'), ['1d'], 'voice_then_sms');
    const sipp = await startSipp({ scenario: 'busy-486.xml', calls: 3, timeoutSec: 40 });
    try {
      await pointTrunkAt(t.app, t.owner, sipp.port);
      for (const at of ['12:00', '12:30', '13:00']) {
        t.app.clock.set(riga(`2026-11-26T${at}`));
        expect((await t.engine.tick()).called).toBe(1);
        await t.engine.settled();
        expect(smsOf(v.id)).toHaveLength(at === '13:00' ? 1 : 0);
      }
      await sipp.passed();
    } finally {
      sipp.kill();
    }
    expect((await t.app.call(t.c.clerk, 'reminders.ofVisit', { visitId: v.id })).reminders).toMatchObject([{ state: 'sms_sent', noneReason: 'retries_exhausted' }]);
    expect((await t.app.call(t.c.clerk, 'visits.get', { id: v.id })).reminder).toBe('no_answer');
  }, 40_000);
});
