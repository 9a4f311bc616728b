import { describe, expect, it } from 'vitest';
import { capDay } from './cap';
import { DEFAULT_POLICY, dueTime, firstAttemptAt, nextAttemptAt, quietPeriod } from './timing';
import { read, t, utc } from './testClock';
import type { ReminderOffset } from './types';

const HOUR: ReminderOffset = { unit: 'hour', amount: 1 };
const MIN61: ReminderOffset = { unit: 'minute', amount: 61 };
const DAY1: ReminderOffset = { unit: 'day', amount: 1 };
const DAY2: ReminderOffset = { unit: 'day', amount: 2 };
const H = 3_600_000;

/** The calendar date `n` days before `day` (plain date arithmetic, independent of the code under test). */
const before = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

// Both zones spring forward on 2026-03-29 (03:00 → 04:00) and fall back on 2026-10-25 (04:00 → 03:00), at 01:00 UTC.
describe.each(['Europe/Riga', 'Europe/Bucharest'])('daylight saving in %s', (zone) => {
  const first = (visit: string, offset: ReminderOffset) => firstAttemptAt(t(visit, zone), offset, zone, DEFAULT_POLICY);

  // On the change days and the days after, every visit keeps the wall-clock answers of an ordinary day.
  for (const day of ['2026-03-29', '2026-03-30', '2026-10-25', '2026-10-26']) {
    const [d1, d2] = [before(day, 1), before(day, 2)];
    const rows: [string, string, string, string, string][] = [
      ['00:30', `${d1}T23:30`, `${d1}T22:59`, `${d1}T09:00`, `${d2}T09:00`],
      ['08:00', `${day}T07:00`, `${d1}T22:59`, `${d1}T09:00`, `${d2}T09:00`],
      ['09:00', `${day}T08:00`, `${d1}T22:59`, `${d1}T09:00`, `${d2}T09:00`],
      ['09:20', `${day}T08:20`, `${day}T09:00`, `${d1}T09:20`, `${d2}T09:20`],
      ['23:30', `${day}T22:30`, `${day}T22:29`, `${day}T09:00`, `${d1}T09:00`],
    ];
    it(`visits on ${day} at 00:30, 08:00, 09:00, 09:20, 23:30 with reminders of 1 hour, 61 minutes, 1 day, 2 days`, () => {
      for (const [time, hour, min61, day1, day2] of rows) {
        const visit = `${day}T${time}`;
        expect([HOUR, MIN61, DAY1, DAY2].map((o) => read(first(visit, o), zone)), visit).toEqual([hour, min61, day1, day2]);
      }
    });
  }

  it('spring: a day before is the same wall clock, 23 hours earlier; two days, 47', () => {
    const visit = t('2026-03-29T10:00', zone);
    expect(utc(visit)).toBe('2026-03-29T07:00Z');
    expect(utc(dueTime(visit, DAY1, zone))).toBe('2026-03-28T08:00Z');
    expect(visit - dueTime(visit, DAY1, zone)).toBe(23 * H);
    expect(t('2026-03-30T10:00', zone) - dueTime(t('2026-03-30T10:00', zone), DAY2, zone)).toBe(47 * H);
  });

  it('autumn: a day before is the same wall clock, 25 hours earlier; two days, 49', () => {
    const visit = t('2026-10-25T10:00', zone);
    expect(utc(dueTime(visit, DAY1, zone))).toBe('2026-10-24T07:00Z');
    expect(visit - dueTime(visit, DAY1, zone)).toBe(25 * H);
    expect(t('2026-10-26T10:00', zone) - dueTime(t('2026-10-26T10:00', zone), DAY2, zone)).toBe(49 * H);
  });

  it('a day before a time the spring change skips moves on by the gap; one that happens twice takes the first', () => {
    expect(read({ at: dueTime(t('2026-03-30T03:30', zone), DAY1, zone) }, zone)).toBe('2026-03-29T04:30');
    expect(utc(dueTime(t('2026-10-26T03:30', zone), DAY1, zone))).toBe('2026-10-25T00:30Z');
  });

  it('an hour is elapsed time across the change: 04:30 after spring forward → 02:30; 03:30 twice → the first 03:30', () => {
    expect(read(first('2026-03-29T04:30', HOUR), zone)).toBe('2026-03-29T02:30');
    const second330 = Date.parse('2026-10-25T01:30:00Z');
    expect(read({ at: second330 }, zone)).toBe('2026-10-25T03:30');
    const call = firstAttemptAt(second330, HOUR, zone, DEFAULT_POLICY);
    expect('at' in call && utc(call.at)).toBe('2026-10-25T00:30Z');
    expect(read(call, zone)).toBe('2026-10-25T03:30');
  });

  it('61 minutes before a morning visit: quiet until 09:00 on the new clock, or 22:59 on the old one', () => {
    const spring = first('2026-03-29T09:20', MIN61);
    expect('at' in spring && utc(spring.at)).toBe('2026-03-29T06:00Z');
    const springFallback = first('2026-03-29T09:00', MIN61);
    expect('at' in springFallback && utc(springFallback.at)).toBe('2026-03-28T20:59Z');
    const autumn = first('2026-10-25T09:20', MIN61);
    expect('at' in autumn && utc(autumn.at)).toBe('2026-10-25T07:00Z');
    const autumnFallback = first('2026-10-25T09:00', MIN61);
    expect('at' in autumnFallback && utc(autumnFallback.at)).toBe('2026-10-24T19:59Z');
  });

  it('the quiet night of the change is 9 hours in spring and 11 in autumn (10 otherwise)', () => {
    const q = DEFAULT_POLICY.quietHours;
    const length = (wall: string) => {
      const p = quietPeriod(t(wall, zone), zone, q)!;
      return (p.to - p.from) / H;
    };
    expect([length('2026-03-29T02:00'), length('2026-10-25T02:00'), length('2026-12-10T02:00')]).toEqual([9, 11, 10]);
  });

  it('10-minute retries count elapsed minutes across the change', () => {
    const spring = nextAttemptAt({ visitStart: t('2026-03-29T04:30', zone), offset: HOUR, zone, policy: DEFAULT_POLICY, attempts: [{ startedAt: t('2026-03-29T02:55', zone), outcome: 'busy' }], now: t('2026-03-29T02:56', zone) });
    expect(read(spring, zone)).toBe('2026-03-29T04:05');
    const autumn = nextAttemptAt({ visitStart: Date.parse('2026-10-25T02:30:00Z'), offset: HOUR, zone, policy: DEFAULT_POLICY, attempts: [{ startedAt: Date.parse('2026-10-25T00:55:00Z'), outcome: 'busy' }], now: Date.parse('2026-10-25T00:56:00Z') });
    expect('at' in autumn && utc(autumn.at)).toBe('2026-10-25T01:05Z');
    expect(read(autumn, zone)).toBe('2026-10-25T03:05');
  });

  it("the cap's day is 23 hours on the spring change and 25 on the autumn one", () => {
    const spring = capDay(t('2026-03-29T12:00', zone), zone);
    const autumn = capDay(t('2026-10-25T12:00', zone), zone);
    expect([spring.day, (spring.to - spring.from) / H]).toEqual(['2026-03-29', 23]);
    expect([autumn.day, (autumn.to - autumn.from) / H]).toEqual(['2026-10-25', 25]);
  });
});
