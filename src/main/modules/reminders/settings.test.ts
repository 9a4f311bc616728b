import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PushEvent } from '../../api/events';
import { reportsDir } from '../../reports/files';
import { withTestOrg } from '../../testing/fixtures';
import { userWithRole, withCtx, type TestApp } from '../../testing/harness';
import { startSipp } from '../../telephony/testing/sipp';
import { toWav } from '../../telephony/prompts';
import { tone } from '../../telephony/testing/tone';
import { openReminderClinic, pointTrunkAt, riga, type ReminderClinic } from './fixtures';
import { recordDemoCalls } from './demo';

let app: TestApp;
let owner: string;
let c: ReminderClinic;
withTestOrg(
  'file',
  async (o) => {
    ({ app, owner } = o);
    c = await openReminderClinic(app, owner);
  },
  { config: { sessionIdleMs: 365 * 86_400_000 } },
);

const settingsInput = async (over: { trunk?: Record<string, unknown>; branches?: unknown[] } = {}) => {
  const s = await app.call(owner, 'reminders.settings', {});
  const { hasPassword: _h, note: _n, ...trunk } = s.trunk;
  return { policy: s.policy, dailyCap: s.dailyCap, trunk: { ...trunk, ...over.trunk }, branches: (over.branches ?? []) as never[] };
};

describe('reminder settings', () => {
  it('start from the issue’s defaults, and never return the trunk’s password, only that one is stored', async () => {
    const s = await app.call(owner, 'reminders.settings', {});
    expect(s).toMatchObject({ configured: false, dailyCap: 50, canRaiseCap: true, policy: { quietStart: '23:00', quietEnd: '09:00', maxRetries: 2, retryLongMin: 30, retryShortMin: 10, offsets: ['1d'], channel: 'voice' }, trunk: { enabled: false, hasPassword: false } });
    const saved = await app.call(owner, 'reminders.saveSettings', await settingsInput({ trunk: { host: 'sip.example.lv', user: 'clinic', password: 'Trunk pass 1' } }));
    expect(saved.trunk).toMatchObject({ host: 'sip.example.lv', user: 'clinic', hasPassword: true });
    expect(JSON.stringify(saved)).not.toContain('Trunk pass 1');
    expect(JSON.stringify(app.core.sqlite.prepare('select * from reminder_policy').all())).not.toContain('Trunk pass 1');
    expect(JSON.stringify(app.core.sqlite.prepare('select * from audit_log').all())).not.toContain('Trunk pass 1');
    // Omitted: kept. Null: forgotten.
    expect((await app.call(owner, 'reminders.saveSettings', await settingsInput())).trunk.hasPassword).toBe(true);
    expect((await app.call(owner, 'reminders.saveSettings', await settingsInput({ trunk: { password: null } }))).trunk.hasPassword).toBe(false);
  });

  it('lets a branch keep its own quiet hours, which its waiting reminders are placed by at once', async () => {
    app.clock.set(riga('2026-11-23T11:00'));
    const v = await app.call(c.clerk, 'visits.book', { clientId: c.clientId, userId: c.doctorId, serviceId: c.serviceId, start: riga('2026-11-26T09:30'), durationMin: 30 });
    expect((await app.call(c.clerk, 'reminders.ofVisit', { visitId: v.id })).reminders[0]).toMatchObject({ nextDueAt: riga('2026-11-25T09:30') });
    await app.call(owner, 'reminders.saveSettings', await settingsInput({ branches: [{ branchId: c.branchId, enabled: null, quietStart: '22:00', quietEnd: '10:00', offsets: null, channel: null }] }));
    // A day before is 09:30 on the 25th, now inside the branch's quiet hours until 10:00.
    expect((await app.call(c.clerk, 'reminders.ofVisit', { visitId: v.id })).reminders[0]).toMatchObject({ nextDueAt: riga('2026-11-25T10:00') });
    const w = await app.call(c.clerk, 'visits.book', { clientId: c.clientId, userId: c.doctorId, serviceId: c.serviceId, start: riga('2026-11-26T08:30'), durationMin: 30 });
    expect((await app.call(c.clerk, 'reminders.ofVisit', { visitId: w.id })).reminders[0]).toMatchObject({ nextDueAt: riga('2026-11-25T10:00') });
    const refused = await app.raw(owner, 'reminders.saveSettings', await settingsInput({ branches: [{ branchId: c.branchId, enabled: null, quietStart: '22:00', quietEnd: null, offsets: null, channel: null }] }));
    expect(refused.ok ? null : refused.error).toMatchObject({ key: 'reminders.errors.quiet_hours_both', field: 'branches.0.quietEnd' });
  });

  it('is the organization admins’ alone; a clerk reads a visit’s attempts and changes its reminders', async () => {
    const clerk = await userWithRole(app, owner, 'dispatcher');
    expect((await app.raw(clerk.token, 'reminders.settings', {})).ok).toBe(false);
    expect((await app.raw(clerk.token, 'reminders.usage', { month: '2026-11' })).ok).toBe(false);
    const v = await app.call(c.clerk, 'visits.book', { clientId: c.clientId, userId: c.doctorId, serviceId: c.serviceId, start: riga('2026-11-27T11:00'), durationMin: 30 });
    expect((await app.call(clerk.token, 'reminders.setForVisit', { visitId: v.id, offsets: ['2h'], channel: 'sms' })).reminders).toMatchObject([{ offset: '2h', channel: 'sms', state: 'planned' }]);
    expect(await app.call(clerk.token, 'reminders.attempts', { visitId: v.id })).toEqual([]);
  });
});

describe('the message, recordings and usage', () => {
  it('plays the sample message as a WAV, and an uploaded recording of a phrase takes its place', async () => {
    const before = await app.call(owner, 'reminders.playSample', { lang: 'lv' });
    const wav = Buffer.from(before.wavBase64, 'base64');
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(before).toMatchObject({ lang: 'lv' });
    expect(before.seconds).toBeGreaterThan(3);
    // The organization records its name: the message now greets with it (the rendered clips never say it).
    const rec = await app.call(owner, 'reminders.uploadRecording', { lang: 'lv', phrase: 'org_name', wavBase64: toWav(tone(1500)).toString('base64'), fileName: 'nosaukums.wav' });
    expect(rec).toMatchObject({ lang: 'lv', phrase: 'org_name', sourceName: 'nosaukums.wav' });
    expect(await app.call(owner, 'reminders.recordings', {})).toMatchObject([{ id: rec.id }]);
    const after = await app.call(owner, 'reminders.playSample', { lang: 'lv' });
    expect(after.wavBase64).not.toBe(before.wavBase64);
    const bad = await app.raw(owner, 'reminders.uploadRecording', { lang: 'lv', phrase: 'org_name', wavBase64: Buffer.from('not a wav file').toString('base64') });
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'validation', field: 'wavBase64' });
    const unknown = await app.raw(owner, 'reminders.uploadRecording', { lang: 'lv', phrase: 'weekday_1', wavBase64: toWav(tone(500)).toString('base64') });
    expect(unknown.ok ? null : unknown.error).toMatchObject({ key: 'reminders.errors.phrase_unknown', field: 'phrase' });
    await app.call(owner, 'reminders.deleteRecording', { id: rec.id });
    expect(await app.call(owner, 'reminders.recordings', {})).toEqual([]);
  });

  it('sums the month per branch and prints it', async () => {
    app.clock.set(riga('2026-11-23T11:00'));
    const v = await app.call(c.clerk, 'visits.book', { clientId: c.clientId, userId: c.doctorId, serviceId: c.serviceId, start: riga('2026-11-28T11:00'), durationMin: 30 });
    const w = await app.call(c.clerk, 'visits.book', { clientId: c.clientId, userId: c.doctorId, serviceId: c.serviceId, start: riga('2026-11-28T12:00'), durationMin: 30 });
    app.clock.set(riga('2026-11-27T12:00'));
    const me = await app.call(owner, 'auth.me', {});
    await withCtx(app, me, (ctx) => recordDemoCalls(ctx, v.id, 'will_come'));
    await withCtx(app, me, (ctx) => recordDemoCalls(ctx, w.id, 'no_answer'));
    const usage = await app.call(owner, 'reminders.usage', { month: '2026-11' });
    // 17 s confirmed (1 minute) and one silent answer of 31 s (1 minute); busy and no answer cost nothing.
    expect(usage.total).toEqual({ branchId: null, branchName: null, attempts: 4, billable: 2, minutes: 2, seconds: 48, confirmed: 1, declined: 0, noAnswer: 3 });
    expect(usage.rows).toMatchObject([{ branchId: c.branchId, attempts: 4 }]);
    expect((await app.call(owner, 'reminders.usage', { month: '2026-12' })).total.attempts).toBe(0);
    const file = await app.call(owner, 'reminders.usagePdf', { month: '2026-11' });
    const pdf = path.join(reportsDir(app.dir), fs.readdirSync(reportsDir(app.dir)).find((f) => f.startsWith(file.fileId) && f.endsWith('.pdf'))!);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Reminder calls: usage');
    expect(text).toMatch(/Organization total\s+4\s+2\s+2\s+1\s+0\s+3/);
  });

  it('places a test call over the saved trunk and tells only its caller how it goes', async () => {
    const events: PushEvent[] = [];
    const off = app.core.bus.on((e) => void events.push(e));
    const sipp = await startSipp({ scenario: 'answer-info-1.xml', timeoutSec: 40 });
    try {
      await pointTrunkAt(app, owner, sipp.port);
      const me = await app.call(owner, 'auth.me', {});
      const { callId } = await app.call(owner, 'reminders.testCall', { number: '+371 2000 0009', lang: 'lv' });
      for (let i = 0; i < 400 && !events.some((e) => e.name === 'reminders.testCall' && (e.payload as { state: string }).state === 'ended'); i++) await new Promise((r) => setTimeout(r, 100));
      await sipp.passed();
      const progress = events.filter((e) => e.name === 'reminders.testCall');
      expect(progress.every((e) => e.userId === me!.id && (e.payload as { callId: string }).callId === callId)).toBe(true);
      expect(progress.map((e) => (e.payload as { state: string }).state)).toEqual(expect.arrayContaining(['dialing', 'answered', 'ended']));
      expect(progress.at(-1)!.payload).toMatchObject({ state: 'ended', outcome: 'confirmed', key: '1' });
      // Not a reminder: it counts in no cap and in no usage.
      expect(app.core.sqlite.prepare('select test, reminder_id, phone from reminder_attempt where id = ?').get(callId)).toEqual({ test: 1, reminder_id: null, phone: '+37120000009' });
    } finally {
      off();
      sipp.kill();
    }
  }, 60_000);
});
