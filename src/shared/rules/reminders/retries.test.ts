import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, nextAttemptAt } from './timing';
import { RIGA, read, t } from './testClock';
import type { AttemptOutcome, ReminderAttempt, ReminderOffset, ReminderPolicy } from './types';

const HOUR: ReminderOffset = { unit: 'hour', amount: 1 };
const MIN61: ReminderOffset = { unit: 'minute', amount: 61 };
const DAY1: ReminderOffset = { unit: 'day', amount: 1 };

const tried = (...list: [string, AttemptOutcome | null][]): ReminderAttempt[] => list.map(([wall, outcome]) => ({ startedAt: t(wall), outcome }));
function next(visit: string, offset: ReminderOffset, attempts: ReminderAttempt[], now: string, policy: ReminderPolicy = DEFAULT_POLICY): string {
  return read(nextAttemptAt({ visitStart: t(visit), offset, zone: RIGA, policy, attempts, now: t(now) }));
}

describe('retries', () => {
  const visit = '2026-12-10T15:00';

  it('busy, then no answer: 30 minutes after the previous attempt BEGAN, twice, then none', () => {
    expect(next(visit, DAY1, [], '2026-12-09T12:00')).toBe('2026-12-09T15:00');
    expect(next(visit, DAY1, tried(['2026-12-09T15:00', 'busy']), '2026-12-09T15:01')).toBe('2026-12-09T15:30');
    expect(next(visit, DAY1, tried(['2026-12-09T15:00', 'busy'], ['2026-12-09T15:30', 'no_answer']), '2026-12-09T15:31')).toBe('2026-12-09T16:00');
    expect(next(visit, DAY1, tried(['2026-12-09T15:00', 'busy'], ['2026-12-09T15:30', 'no_answer'], ['2026-12-09T16:00', 'answered']), '2026-12-09T16:01')).toBe('none:retries_exhausted');
  });

  it('counts from the start of the previous attempt, to the second (a long ring does not delay the retry)', () => {
    const d = nextAttemptAt({ visitStart: t(visit), offset: DAY1, zone: RIGA, policy: DEFAULT_POLICY, attempts: tried(['2026-12-09T15:00:07', 'no_answer']), now: t('2026-12-09T15:01:10') });
    expect('at' in d && d.at - t('2026-12-09T15:00:07')).toBe(30 * 60_000);
  });

  it('an hour or less before the visit: 10 minutes apart, inside quiet hours too (visit 08:00 → 07:00, 07:10, 07:20)', () => {
    expect(next('2026-12-10T08:00', HOUR, [], '2026-12-09T20:00')).toBe('2026-12-10T07:00');
    expect(next('2026-12-10T08:00', HOUR, tried(['2026-12-10T07:00', 'no_answer']), '2026-12-10T07:01')).toBe('2026-12-10T07:10');
    expect(next('2026-12-10T08:00', HOUR, tried(['2026-12-10T07:00', 'no_answer'], ['2026-12-10T07:10', 'busy']), '2026-12-10T07:11')).toBe('2026-12-10T07:20');
    // 61 minutes is more than an hour: 30 minutes apart.
    expect(next('2026-12-10T14:00', MIN61, tried(['2026-12-10T12:59', 'no_answer']), '2026-12-10T13:00')).toBe('2026-12-10T13:29');
  });

  it('retried: unreachable, busy, answered without a key, rejected, failed, lost in a crash (unknown)', () => {
    for (const outcome of ['no_answer', 'busy', 'answered', 'rejected', 'failed', 'unknown'] as const) {
      expect(next(visit, DAY1, tried(['2026-12-09T15:00', outcome]), '2026-12-09T15:02'), outcome).toBe('2026-12-09T15:30');
    }
  });

  it('a key ends the reminder; a number that does not exist is never retried', () => {
    expect(next(visit, DAY1, tried(['2026-12-09T15:00', 'confirmed']), '2026-12-09T15:02')).toBe('none:replied');
    expect(next(visit, DAY1, tried(['2026-12-09T15:00', 'busy'], ['2026-12-09T15:30', 'declined']), '2026-12-09T15:32')).toBe('none:replied');
    expect(next(visit, DAY1, tried(['2026-12-09T15:00', 'not_found']), '2026-12-09T15:02')).toBe('none:number_not_found');
  });

  it('nothing is due while an attempt is in flight', () => {
    expect(next(visit, DAY1, tried(['2026-12-09T15:00', null]), '2026-12-09T15:45')).toBe('none:in_flight');
  });

  it('the number of retries is the policy’s', () => {
    const none: ReminderPolicy = { ...DEFAULT_POLICY, maxRetries: 0 };
    expect(next(visit, DAY1, tried(['2026-12-09T15:00', 'busy']), '2026-12-09T15:02', none)).toBe('none:retries_exhausted');
    const four: ReminderPolicy = { ...DEFAULT_POLICY, maxRetries: 4, retryGapLongMin: 20 };
    const three = tried(['2026-12-09T15:00', 'busy'], ['2026-12-09T15:20', 'busy'], ['2026-12-09T15:40', 'busy']);
    expect(next(visit, DAY1, three, '2026-12-09T15:41', four)).toBe('2026-12-09T16:00');
  });

  it('never at or after the visit’s start', () => {
    // A late first attempt at 07:50 for an 08:00 visit: the retry would be 08:00, the visit's start.
    expect(next('2026-12-10T08:00', HOUR, tried(['2026-12-10T07:50', 'busy']), '2026-12-10T07:51')).toBe('none:visit_started');
    expect(next('2026-12-10T08:00', HOUR, tried(['2026-12-10T07:49', 'busy']), '2026-12-10T07:50')).toBe('2026-12-10T07:59');
    expect(next('2026-12-10T08:00', HOUR, [], '2026-12-10T08:00')).toBe('none:visit_started');
  });

  it('obey quiet hours the same way: to 09:00 if before the visit, else none (22:59 is before the retry gap)', () => {
    // Visit 22:45; 1 day before → 22:45 the evening before; the retry at 23:15 is quiet → 09:00 the visit's day.
    expect(next('2026-12-10T22:45', DAY1, tried(['2026-12-09T22:45', 'no_answer']), '2026-12-09T22:46')).toBe('2026-12-10T09:00');
    expect(next('2026-12-10T22:45', DAY1, tried(['2026-12-09T22:45', 'no_answer'], ['2026-12-10T09:00', 'busy']), '2026-12-10T09:01')).toBe('2026-12-10T09:30');
    // Visit 23:50; 61 minutes → 22:49; the retry at 23:19 is quiet, 09:00 is after the visit, 22:59 is before the gap.
    expect(next('2026-12-10T23:50', MIN61, tried(['2026-12-10T22:49', 'no_answer']), '2026-12-10T22:50')).toBe('none:quiet_hours');
  });

  it('a late tick (or a restart) calls as soon as allowed, never back in time, and not into quiet hours', () => {
    expect(next(visit, DAY1, [], '2026-12-09T15:02')).toBe('2026-12-09T15:02');
    expect(next(visit, DAY1, tried(['2026-12-09T15:00', 'unknown']), '2026-12-09T15:47')).toBe('2026-12-09T15:47');
    // The retry was due at 22:40; the core came back at 23:05, now quiet → 09:00 the visit's day.
    expect(next(visit, DAY1, tried(['2026-12-09T22:10', 'busy']), '2026-12-09T23:05')).toBe('2026-12-10T09:00');
    // The first call was due at 22:30 (61 min before 23:31); at 23:05 it is quiet, 09:00 is after the visit: none.
    expect(next('2026-12-09T23:31', MIN61, [], '2026-12-09T23:05')).toBe('none:quiet_hours');
    // A late "1 hour" call still goes: it ignores quiet hours.
    expect(next('2026-12-10T08:00', HOUR, [], '2026-12-10T07:20')).toBe('2026-12-10T07:20');
  });

  it('reads attempts in the order they began, whatever order they are given in', () => {
    const shuffled = tried(['2026-12-09T15:30', 'no_answer'], ['2026-12-09T15:00', 'busy']);
    expect(next(visit, DAY1, shuffled, '2026-12-09T15:31')).toBe('2026-12-09T16:00');
  });
});
