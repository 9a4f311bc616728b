import { describe, expect, it } from 'vitest';
import { offsetsWithRisk, RISK_HIGH, RISK_MEDIUM, riskScore } from './risk';
import { RIGA, t } from './testClock';
import type { PastVisit, RiskReasonCode, ScoredVisit } from './types';

const NOW = t('2026-12-06T12:00');
const DAY = 86_400_000;
// Monday 2026-12-07 10:00, booked three days before.
const MONDAY_MORNING: ScoredVisit = { start: t('2026-12-07T10:00'), bookedAt: t('2026-12-04T10:00'), zone: RIGA };

const past = (wall: string, status: PastVisit['status'] = 'arrived', declined = false): PastVisit => ({ start: t(wall), status, declined });
/** Visits every week at a Wednesday 15:00 before `NOW`, newest first. */
const wednesdays = (n: number, status: PastVisit['status'] = 'arrived') => Array.from({ length: n }, (_, i) => ({ start: t('2026-12-02T15:00') - i * 7 * DAY, status, declined: false }));
const codes = (h: PastVisit[], v = MONDAY_MORNING): RiskReasonCode[] => riskScore(h, v, NOW).reasons.map((r) => r.code);

describe('no-show risk', () => {
  it('a reliable client scores 0, low, with no reasons', () => {
    expect(riskScore(wednesdays(10), MONDAY_MORNING, NOW)).toEqual({ score: 0, level: 'low', reasons: [] });
  });

  it('a client with repeated Monday-morning no-shows scores high, and says why', () => {
    const h = [...wednesdays(2), past('2026-11-30T09:00', 'no_show'), past('2026-11-23T10:30', 'no_show'), past('2026-11-16T11:00', 'no_show')];
    const r = riskScore(h, MONDAY_MORNING, NOW);
    // 3 no-shows of 5: 3 × 15 + 20 × 3/5 = 57, at most 50; Monday twice or more +10; morning twice or more +10.
    expect(r.reasons).toEqual([
      { code: 'past_no_shows', points: 50, params: { count: 3, of: 5 } },
      { code: 'weekday_pattern', points: 10, params: { weekday: 1, count: 3 } },
      { code: 'hour_pattern', points: 10, params: { part: 'morning', count: 3 } },
    ]);
    expect([r.score, r.level]).toEqual([70, 'high']);
    expect(r.score).toBeGreaterThanOrEqual(RISK_HIGH);
  });

  it('past no-shows: present exactly when the latest ten attended-or-missed visits hold one, scored by count and share', () => {
    expect(codes(wednesdays(10))).not.toContain('past_no_shows');
    const one = riskScore([past('2026-11-30T15:00', 'no_show'), ...wednesdays(9)], MONDAY_MORNING, NOW);
    expect(one.reasons).toEqual([{ code: 'past_no_shows', points: 17, params: { count: 1, of: 10 } }]);
    // An eleventh-latest no-show, one over two years old, a future one, and unmarked or cancelled visits do not count.
    const ignored = [...wednesdays(10), past('2024-12-01T15:00', 'no_show'), past('2026-12-20T15:00', 'no_show'), past('2026-12-05T15:00', 'booked'), past('2026-12-04T15:00', 'cancelled')];
    ignored.push({ start: t('2026-12-02T15:00') - 10 * 7 * DAY, status: 'no_show', declined: false });
    expect(riskScore(ignored, MONDAY_MORNING, NOW).reasons).toEqual([]);
  });

  it('past declines: present exactly when the client pressed 2 before, 8 points each, at most 20', () => {
    expect(codes(wednesdays(5))).not.toContain('past_declines');
    const once = [...wednesdays(5), past('2026-11-20T12:00', 'cancelled', true)];
    expect(riskScore(once, MONDAY_MORNING, NOW).reasons).toEqual([{ code: 'past_declines', points: 8, params: { count: 1 } }]);
    const thrice = [...wednesdays(5), past('2026-11-20T12:00', 'cancelled', true), past('2026-10-20T12:00', 'arrived', true), past('2026-09-20T12:00', 'cancelled', true)];
    expect(riskScore(thrice, MONDAY_MORNING, NOW).reasons).toEqual([{ code: 'past_declines', points: 20, params: { count: 3 } }]);
  });

  it('long lead time: present from 14 days between booking and visit, more from 30', () => {
    const lead = (days: number) => riskScore(wednesdays(5), { ...MONDAY_MORNING, bookedAt: MONDAY_MORNING.start - days * DAY }, NOW).reasons;
    expect(lead(13)).toEqual([]);
    expect(lead(14)).toEqual([{ code: 'long_lead_time', points: 10, params: { days: 14 } }]);
    expect(lead(29)).toEqual([{ code: 'long_lead_time', points: 10, params: { days: 29 } }]);
    expect(lead(30)).toEqual([{ code: 'long_lead_time', points: 15, params: { days: 30 } }]);
  });

  it('weekday pattern: present exactly when two or more no-shows fell on the visit’s weekday', () => {
    const twoMondaysEvening = [...wednesdays(4), past('2026-11-30T18:00', 'no_show'), past('2026-11-09T19:00', 'no_show')];
    expect(codes(twoMondaysEvening)).toEqual(['past_no_shows', 'weekday_pattern']);
    expect(codes(twoMondaysEvening, { ...MONDAY_MORNING, start: t('2026-12-08T10:00') })).toEqual(['past_no_shows']);
    expect(codes([...wednesdays(4), past('2026-11-30T18:00', 'no_show'), past('2026-11-10T19:00', 'no_show')])).toEqual(['past_no_shows']);
  });

  it('hour pattern: present exactly when two or more no-shows fell in the visit’s part of the day', () => {
    const twoMornings = [...wednesdays(4), past('2026-12-01T09:00', 'no_show'), past('2026-11-19T11:59', 'no_show')];
    expect(codes(twoMornings)).toEqual(['past_no_shows', 'hour_pattern']);
    expect(riskScore(twoMornings, MONDAY_MORNING, NOW).reasons[1]).toEqual({ code: 'hour_pattern', points: 10, params: { part: 'morning', count: 2 } });
    expect(codes(twoMornings, { ...MONDAY_MORNING, start: t('2026-12-07T17:00') })).toEqual(['past_no_shows']);
    expect(codes([...wednesdays(4), past('2026-12-01T09:00', 'no_show'), past('2026-11-19T12:00', 'no_show')])).toEqual(['past_no_shows']);
  });

  it("weekday and hour are read on the branch's clock (01:00 Monday in Rīga is Sunday in UTC)", () => {
    const h = [...wednesdays(3), past('2026-11-30T01:00', 'no_show'), past('2026-11-23T01:00', 'no_show')];
    expect(codes(h, { ...MONDAY_MORNING, start: t('2026-12-07T01:30') })).toEqual(['past_no_shows', 'weekday_pattern', 'hour_pattern']);
    expect(codes(h, { ...MONDAY_MORNING, start: t('2026-12-06T23:30') })).toEqual(['past_no_shows']);
  });

  it('new client: present exactly when no visit was attended or missed yet', () => {
    expect(riskScore([], MONDAY_MORNING, NOW)).toEqual({ score: 10, level: 'low', reasons: [{ code: 'new_client', points: 10, params: {} }] });
    expect(codes([past('2026-11-30T10:00', 'cancelled')])).toEqual(['new_client']);
    expect(codes([past('2026-11-30T10:00', 'arrived')])).toEqual([]);
  });

  it(`levels: high from ${RISK_HIGH}, medium from ${RISK_MEDIUM}`, () => {
    // Two of two missed: 2 × 15 + 20 = 50, high.
    expect(riskScore([past('2026-11-25T15:00', 'no_show'), past('2026-11-18T15:00', 'no_show')], MONDAY_MORNING, NOW)).toMatchObject({ score: 50, level: 'high' });
    // One of one missed: 15 + 20 = 35, medium.
    expect(riskScore([past('2026-11-25T15:00', 'no_show')], MONDAY_MORNING, NOW)).toMatchObject({ score: 35, level: 'medium' });
    // A new client booked 30 days ahead: 10 + 15 = 25, medium; 14 days ahead: 20, low.
    expect(riskScore([], { ...MONDAY_MORNING, bookedAt: MONDAY_MORNING.start - 30 * DAY }, NOW)).toMatchObject({ score: 25, level: 'medium' });
    expect(riskScore([], { ...MONDAY_MORNING, bookedAt: MONDAY_MORNING.start - 14 * DAY }, NOW)).toMatchObject({ score: 20, level: 'low' });
  });

  it('never above 100', () => {
    const worst = Array.from({ length: 10 }, (_, i) => ({ start: t('2026-11-30T09:00') - i * 7 * DAY, status: 'no_show' as const, declined: true }));
    const r = riskScore(worst, { ...MONDAY_MORNING, bookedAt: MONDAY_MORNING.start - 40 * DAY }, NOW);
    expect(r.reasons.reduce((s, x) => s + x.points, 0)).toBe(105);
    expect([r.score, r.level]).toEqual([100, 'high']);
  });
});

describe('the extra reminder for high-risk visits', () => {
  const day = { unit: 'day', amount: 1 } as const;
  const hour = { unit: 'hour', amount: 2 } as const;
  it("is added by the organization's policy when the risk is high, once", () => {
    expect(offsetsWithRisk([day], { level: 'high' }, hour)).toEqual([day, hour]);
    expect(offsetsWithRisk([day, hour], { level: 'high' }, { unit: 'hour', amount: 2 })).toEqual([day, hour]);
  });
  it('not when the risk is lower, nor when the organization adds none', () => {
    expect(offsetsWithRisk([day], { level: 'medium' }, hour)).toEqual([day]);
    expect(offsetsWithRisk([day], { level: 'high' }, null)).toEqual([day]);
  });
});
