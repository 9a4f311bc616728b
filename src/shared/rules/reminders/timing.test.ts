import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, dueTime, firstAttemptAt, ignoresQuietHours, inQuietHours, placeOutsideQuiet, quietPeriod, retryGapMin, TIME_OF_DAY } from './timing';
import { RIGA, read, t } from './testClock';
import type { ReminderOffset } from './types';

const HOUR: ReminderOffset = { unit: 'hour', amount: 1 };
const MIN61: ReminderOffset = { unit: 'minute', amount: 61 };
const DAY1: ReminderOffset = { unit: 'day', amount: 1 };
const DAY2: ReminderOffset = { unit: 'day', amount: 2 };
const first = (visit: string, offset: ReminderOffset, policy = DEFAULT_POLICY) => read(firstAttemptAt(t(visit), offset, RIGA, policy));

describe('the first call of a reminder (winter, Rīga, default quiet hours 23:00–09:00)', () => {
  // Visits on Thursday 2026-12-10; each row: the visit's time, then the call for 1 hour, 61 minutes, 1 day, 2 days.
  const table: [string, string, string, string, string][] = [
    // 00:30: 1 hour ignores quiet hours; 61 min is quiet until 09:00 (after the visit) → 22:59 the evening before;
    // 1 and 2 days fall at 00:30 → the end of that night's quiet period, 09:00.
    ['00:30', '2026-12-09T23:30', '2026-12-09T22:59', '2026-12-09T09:00', '2026-12-08T09:00'],
    // 08:00: the seed's example (1 hour → 07:00); 61 min → 06:59 is quiet and 09:00 is after the visit → 22:59.
    ['08:00', '2026-12-10T07:00', '2026-12-09T22:59', '2026-12-09T09:00', '2026-12-08T09:00'],
    // 09:00: 61 min → 07:59; the quiet period ends exactly at the visit, which is not "before" it → 22:59.
    ['09:00', '2026-12-10T08:00', '2026-12-09T22:59', '2026-12-09T09:00', '2026-12-08T09:00'],
    // 09:20: 61 min → 08:19, quiet; 09:00 is still before the visit → 09:00 the same morning.
    ['09:20', '2026-12-10T08:20', '2026-12-10T09:00', '2026-12-09T09:20', '2026-12-08T09:20'],
    // 23:30: 1 day → 23:30 the evening before, quiet until 09:00 the visit's own day, which is before 23:30 → 09:00.
    ['23:30', '2026-12-10T22:30', '2026-12-10T22:29', '2026-12-10T09:00', '2026-12-09T09:00'],
  ];
  for (const [time, hour, min61, day1, day2] of table) {
    it(`visit at ${time}: 1 hour → ${hour}, 61 minutes → ${min61}, 1 day → ${day1}, 2 days → ${day2}`, () => {
      const visit = `2026-12-10T${time}`;
      expect(first(visit, HOUR)).toBe(hour);
      expect(first(visit, MIN61)).toBe(min61);
      expect(first(visit, DAY1)).toBe(day1);
      expect(first(visit, DAY2)).toBe(day2);
    });
  }
});

describe('offsets', () => {
  it('minutes and hours are elapsed time, days the same wall clock N calendar days earlier', () => {
    const visit = t('2026-12-10T14:45');
    expect(visit - dueTime(visit, { unit: 'minute', amount: 61 }, RIGA)).toBe(61 * 60_000);
    expect(visit - dueTime(visit, { unit: 'hour', amount: 2 }, RIGA)).toBe(2 * 3_600_000);
    expect(read({ at: dueTime(visit, DAY1, RIGA) })).toBe('2026-12-09T14:45');
    expect(read({ at: dueTime(visit, { unit: 'day', amount: 7 }, RIGA) })).toBe('2026-12-03T14:45');
  });

  it('an hour or less ignores quiet hours and retries 10 minutes apart; anything longer obeys them and waits 30', () => {
    const cases: [ReminderOffset, boolean][] = [
      [{ unit: 'minute', amount: 30 }, true],
      [{ unit: 'minute', amount: 60 }, true],
      [HOUR, true],
      [MIN61, false],
      [{ unit: 'hour', amount: 2 }, false],
      [DAY1, false],
    ];
    for (const [offset, short] of cases) {
      expect(ignoresQuietHours(offset), JSON.stringify(offset)).toBe(short);
      expect(retryGapMin(offset, DEFAULT_POLICY), JSON.stringify(offset)).toBe(short ? 10 : 30);
    }
    expect(retryGapMin(MIN61, { ...DEFAULT_POLICY, retryGapLongMin: 45 })).toBe(45);
    expect(retryGapMin(HOUR, { ...DEFAULT_POLICY, retryGapShortMin: 5 })).toBe(5);
  });

  it('a reminder of 1 hour at 08:00 calls at 07:00 inside quiet hours; a 61-minute one never calls inside them', () => {
    for (const time of ['00:30', '08:00', '09:00', '09:20', '23:30']) {
      const visit = t(`2026-12-10T${time}`);
      const h = firstAttemptAt(visit, HOUR, RIGA, DEFAULT_POLICY);
      const m = firstAttemptAt(visit, MIN61, RIGA, DEFAULT_POLICY);
      expect('at' in h && h.at).toBe(visit - 3_600_000);
      expect('at' in m && !inQuietHours(m.at, RIGA, DEFAULT_POLICY.quietHours)).toBe(true);
    }
  });
});

describe('quiet hours', () => {
  const q = DEFAULT_POLICY.quietHours;
  it('begin at 23:00 and end at 09:00 on the branch clock: 22:59 and 09:00 are allowed', () => {
    expect(inQuietHours(t('2026-12-10T22:59'), RIGA, q)).toBe(false);
    expect(inQuietHours(t('2026-12-10T22:59:59'), RIGA, q)).toBe(false);
    expect(inQuietHours(t('2026-12-10T23:00'), RIGA, q)).toBe(true);
    expect(inQuietHours(t('2026-12-11T03:00'), RIGA, q)).toBe(true);
    expect(inQuietHours(t('2026-12-11T08:59'), RIGA, q)).toBe(true);
    expect(inQuietHours(t('2026-12-11T09:00'), RIGA, q)).toBe(false);
    // 10:30 in Yerevan is 08:30 in Rīga: the branch's clock decides, not UTC or the computer's.
    expect(inQuietHours(t('2026-12-11T10:30', 'Asia/Yerevan'), 'Asia/Yerevan', q)).toBe(false);
    expect(inQuietHours(t('2026-12-11T10:30', 'Asia/Yerevan'), RIGA, q)).toBe(true);
  });

  it('the period holding an instant runs from its 23:00 to the next 09:00, before or after midnight', () => {
    for (const inside of ['2026-12-10T23:40', '2026-12-11T02:00']) {
      const p = quietPeriod(t(inside), RIGA, q)!;
      expect([read({ at: p.from }), read({ at: p.to })]).toEqual(['2026-12-10T23:00', '2026-12-11T09:00']);
    }
    expect(quietPeriod(t('2026-12-11T12:00'), RIGA, q)).toBeNull();
  });

  it('are per organization: other hours, a period that does not cross midnight, none', () => {
    const late = { ...DEFAULT_POLICY, quietHours: { start: '22:00', end: '08:00' } };
    expect(first('2026-12-10T08:30', DAY1, late)).toBe('2026-12-09T08:30');
    expect(first('2026-12-10T08:30', DAY1)).toBe('2026-12-09T09:00');
    expect(first('2026-12-10T23:30', { unit: 'hour', amount: 2 }, late)).toBe('2026-12-10T21:30');
    expect(first('2026-12-10T23:30', { unit: 'minute', amount: 90 }, late)).toBe('2026-12-10T21:59');
    expect(first('2026-12-10T23:30', { unit: 'minute', amount: 90 })).toBe('2026-12-10T22:00');
    const lunch = { ...DEFAULT_POLICY, quietHours: { start: '13:00', end: '14:00' } };
    expect(first('2026-12-10T16:30', { unit: 'hour', amount: 3 }, lunch)).toBe('2026-12-10T14:00');
    expect(first('2026-12-10T14:00', { unit: 'hour', amount: 2 }, lunch)).toBe('2026-12-10T12:00');
    expect(first('2026-12-10T14:30', MIN61, lunch)).toBe('2026-12-10T14:00');
    expect(first('2026-12-10T08:00', { unit: 'hour', amount: 5 }, lunch)).toBe('2026-12-10T03:00');
    const none = { ...DEFAULT_POLICY, quietHours: null };
    expect(first('2026-12-10T08:00', { unit: 'hour', amount: 5 }, none)).toBe('2026-12-10T03:00');
    const equal = { ...DEFAULT_POLICY, quietHours: { start: '09:00', end: '09:00' } };
    expect(first('2026-12-10T08:00', { unit: 'hour', amount: 5 }, equal)).toBe('2026-12-10T03:00');
  });

  it('are HH:MM from 00:00 to 23:59; anything else is refused, not guessed', () => {
    expect(['00:00', '09:00', '23:59'].every((x) => TIME_OF_DAY.test(x))).toBe(true);
    expect(['24:00', '9:00', '10:75', '', '10:00:00'].some((x) => TIME_OF_DAY.test(x))).toBe(false);
    expect(() => inQuietHours(t('2026-12-10T12:00'), RIGA, { start: '25:00', end: '09:00' })).toThrow(/HH:MM/);
  });

  it('a due call inside them moves to their end if before the visit, else to 22:59 before they began, else none', () => {
    const base = { zone: RIGA, quiet: q };
    expect(read(placeOutsideQuiet({ ...base, due: t('2026-12-10T02:00'), visitStart: t('2026-12-10T10:00') }))).toBe('2026-12-10T09:00');
    expect(read(placeOutsideQuiet({ ...base, due: t('2026-12-10T02:00'), visitStart: t('2026-12-10T09:00') }))).toBe('2026-12-09T22:59');
    expect(read(placeOutsideQuiet({ ...base, due: t('2026-12-10T02:00'), visitStart: t('2026-12-10T09:00'), notBefore: t('2026-12-09T22:59') }))).toBe('2026-12-09T22:59');
    expect(read(placeOutsideQuiet({ ...base, due: t('2026-12-10T02:00'), visitStart: t('2026-12-10T09:00'), notBefore: t('2026-12-09T23:00') }))).toBe('none:quiet_hours');
    expect(read(placeOutsideQuiet({ ...base, due: t('2026-12-10T12:00'), visitStart: t('2026-12-10T12:00') }))).toBe('none:visit_started');
    expect(read(placeOutsideQuiet({ ...base, due: t('2026-12-10T11:00'), visitStart: t('2026-12-10T12:00') }))).toBe('2026-12-10T11:00');
  });
});

describe('planning the first call when the visit is booked or moved (now given)', () => {
  it('plans in the future stand', () => {
    expect(read(firstAttemptAt(t('2026-12-10T15:00'), DAY1, RIGA, DEFAULT_POLICY, t('2026-12-01T12:00')))).toBe('2026-12-09T15:00');
  });
  it('a plan already past is none (too_late), unless quiet hours moved it to a moment still ahead', () => {
    // Booked at 20:00 for tomorrow 10:00: the "1 day before" moment (10:00 today) has passed.
    expect(read(firstAttemptAt(t('2026-12-10T10:00'), DAY1, RIGA, DEFAULT_POLICY, t('2026-12-09T20:00')))).toBe('none:too_late');
    // Booked at 08:30 for tomorrow 07:00: 07:00 today is quiet, so the plan is 09:00 today, still ahead.
    expect(read(firstAttemptAt(t('2026-12-10T07:00'), DAY1, RIGA, DEFAULT_POLICY, t('2026-12-09T08:30')))).toBe('2026-12-09T09:00');
  });
  it('a quiet-hours fallback already past leaves no allowed moment: none (quiet_hours)', () => {
    // 23:10, visit tomorrow 08:00, 61 minutes → 06:59 (quiet); 09:00 is after the visit; 22:59 has passed.
    expect(read(firstAttemptAt(t('2026-12-10T08:00'), MIN61, RIGA, DEFAULT_POLICY, t('2026-12-09T23:10')))).toBe('none:quiet_hours');
    expect(read(firstAttemptAt(t('2026-12-10T08:00'), MIN61, RIGA, DEFAULT_POLICY, t('2026-12-09T22:50')))).toBe('2026-12-09T22:59');
  });
  it('a visit that has begun gets none (visit_started)', () => {
    expect(read(firstAttemptAt(t('2026-12-10T10:00'), HOUR, RIGA, DEFAULT_POLICY, t('2026-12-10T10:00')))).toBe('none:visit_started');
    expect(read(firstAttemptAt(t('2026-12-10T10:00'), { unit: 'minute', amount: 0 }, RIGA, DEFAULT_POLICY))).toBe('none:visit_started');
  });
});
