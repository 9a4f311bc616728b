import { describe, expect, it } from 'vitest';
import { capDay, capDecision, capEmailDue, capReachedNow, dueOrder, withinCap } from './cap';
import { DEFAULT_POLICY } from './timing';
import { RIGA, read, t, utc } from './testClock';
import type { ReminderOffset } from './types';

const DAY1: ReminderOffset = { unit: 'day', amount: 1 };
const HOUR: ReminderOffset = { unit: 'hour', amount: 1 };
const decide = (now: string, placedToday: number, visit: string, offset: ReminderOffset = DAY1, zone = RIGA, orgZone = RIGA) =>
  capDecision({ now: t(now), placedToday, visitStart: t(visit, zone), offset, zone, orgZone, policy: DEFAULT_POLICY });

describe('the daily cap', () => {
  it("counts calls on the organization's calendar day", () => {
    const d = capDay(t('2026-12-10T00:30'), RIGA);
    expect([d.day, utc(d.from), utc(d.to)]).toEqual(['2026-12-10', '2026-12-09T22:00Z', '2026-12-10T22:00Z']);
    // 23:30 UTC on the 9th is already the 10th in Rīga.
    expect(capDay(Date.parse('2026-12-09T23:30:00Z'), RIGA).day).toBe('2026-12-10');
    expect(capDay(Date.parse('2026-12-09T23:30:00Z'), 'America/New_York').day).toBe('2026-12-09');
  });

  it('is reached at N calls (the default 50)', () => {
    expect(DEFAULT_POLICY.dailyCap).toBe(50);
    expect(capReachedNow(49, 50)).toBe(false);
    expect(capReachedNow(50, 50)).toBe(true);
  });

  it("the admins' e-mail goes once, the day the cap is reached", () => {
    expect(capEmailDue({ placedToday: 49, cap: 50, today: '2026-12-10', lastEmailDay: null })).toBe(false);
    expect(capEmailDue({ placedToday: 50, cap: 50, today: '2026-12-10', lastEmailDay: null })).toBe(true);
    expect(capEmailDue({ placedToday: 50, cap: 50, today: '2026-12-10', lastEmailDay: '2026-12-09' })).toBe(true);
    expect(capEmailDue({ placedToday: 51, cap: 50, today: '2026-12-10', lastEmailDay: '2026-12-10' })).toBe(false);
  });

  it('under the cap, the call goes', () => {
    expect(decide('2026-12-09T15:00', 49, '2026-12-10T15:00')).toEqual({ call: true });
  });

  it('beyond it, the call waits for the next day (09:00, after the night’s quiet hours) while that is before the visit', () => {
    const d = decide('2026-12-09T15:00', 50, '2026-12-10T15:00');
    expect('wait' in d && read({ at: d.wait })).toBe('2026-12-10T09:00');
  });

  it('else it ends as "not called: daily limit" (it never moves back into the full day)', () => {
    expect(decide('2026-12-09T15:00', 50, '2026-12-09T18:00')).toEqual({ none: 'daily_limit' });
    // Tomorrow 09:00 is after an 08:00 visit; 22:59 tonight is still today, which is full.
    expect(decide('2026-12-09T15:00', 50, '2026-12-10T08:00')).toEqual({ none: 'daily_limit' });
    expect(decide('2026-12-09T15:00', 50, '2026-12-10T00:00')).toEqual({ none: 'daily_limit' });
  });

  it('a reminder an hour or less before the visit waits only for midnight (it ignores quiet hours)', () => {
    const d = decide('2026-12-09T23:30', 50, '2026-12-10T00:30', HOUR);
    expect('wait' in d && read({ at: d.wait })).toBe('2026-12-10T00:00');
  });

  it("the day is the organization's, the quiet hours the branch's", () => {
    // Organization in Rīga, branch in Yerevan: Rīga's next day begins at 02:00 in Yerevan, quiet until 09:00 there.
    const d = decide('2026-12-09T20:00', 50, '2026-12-10T15:00', DAY1, 'Asia/Yerevan', RIGA);
    expect('wait' in d && [read({ at: d.wait }, 'Asia/Yerevan'), utc(d.wait)]).toEqual(['2026-12-10T09:00', '2026-12-10T05:00Z']);
  });
});

describe('who goes first when the cap is near', () => {
  const due = [
    { id: 'c', visitStart: t('2026-12-11T10:00'), dueAt: t('2026-12-10T09:00') },
    { id: 'a', visitStart: t('2026-12-10T11:00'), dueAt: t('2026-12-10T10:00') },
    { id: 'b', visitStart: t('2026-12-10T11:00'), dueAt: t('2026-12-09T11:00') },
    { id: 'd', visitStart: t('2026-12-10T11:00'), dueAt: t('2026-12-09T11:00') },
  ];
  it('soonest visit first, then the one waiting longest, then by id', () => {
    expect(dueOrder(due).map((r) => r.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(due.map((r) => r.id)).toEqual(['c', 'a', 'b', 'd']);
  });
  it('the day’s remaining calls go to the first in that order; the rest wait', () => {
    const split = withinCap(due, 48, 50);
    expect([split.call.map((r) => r.id), split.wait.map((r) => r.id)]).toEqual([['b', 'd'], ['a', 'c']]);
    expect(withinCap(due, 50, 50).call).toEqual([]);
    expect(withinCap(due, 55, 50).wait).toHaveLength(4);
    expect(withinCap(due, 0, 50).call).toHaveLength(4);
  });
});
