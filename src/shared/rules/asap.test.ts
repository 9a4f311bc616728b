import { describe, expect, it } from 'vitest';
import { daysEarlier, fitsSlot, rankAsap, type AsapCandidate } from './asap';

const TZ = 'Europe/Riga';
// Tuesday 2026-11-24 11:30–12:00 Riga (UTC+2) is freed.
const slot = { userId: 'doc', start: '2026-11-24T09:30:00.000Z', end: '2026-11-24T10:00:00.000Z' };
const cand = (visitId: string, start: string, minutes: number, userId = 'doc', slotUserPerforms = true): AsapCandidate => ({
  visitId,
  userId,
  start,
  end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
  slotUserPerforms,
  tz: TZ,
});

describe('ASAP offers for a freed slot', () => {
  it('counts days on the branch clock, not in UTC', () => {
    // 00:30 Riga on the 27th is still the 26th in UTC.
    expect(daysEarlier('2026-11-26T22:30:00.000Z', slot.start, TZ)).toBe(3);
    expect(daysEarlier('2026-11-24T14:00:00.000Z', slot.start, TZ)).toBe(0);
  });

  it('fits only later visits no longer than the slot, of the same employee or a service the slot employee performs', () => {
    expect(fitsSlot(cand('later', '2026-11-25T09:00:00.000Z', 30), slot)).toBe(true);
    expect(fitsSlot(cand('earlier', '2026-11-24T08:00:00.000Z', 30), slot)).toBe(false);
    expect(fitsSlot(cand('same time', slot.start, 30), slot)).toBe(false);
    expect(fitsSlot(cand('too long', '2026-11-25T09:00:00.000Z', 45), slot)).toBe(false);
    expect(fitsSlot(cand('other doctor, performs', '2026-11-25T09:00:00.000Z', 30, 'nurse', true), slot)).toBe(true);
    expect(fitsSlot(cand('other doctor, does not perform', '2026-11-25T09:00:00.000Z', 30, 'nurse', false), slot)).toBe(false);
  });

  it('ranks most days gained first, then the same employee, then the duration closest to the slot', () => {
    const ranked = rankAsap(
      [
        cand('tomorrow', '2026-11-25T09:00:00.000Z', 30),
        cand('next week, other doctor', '2026-12-01T09:00:00.000Z', 30, 'nurse'),
        cand('next week, 20 min', '2026-12-01T12:00:00.000Z', 20),
        cand('next week, 30 min', '2026-12-01T13:00:00.000Z', 30),
        cand('too long', '2026-12-10T09:00:00.000Z', 60),
      ],
      slot,
    );
    expect(ranked.map((c) => c.visitId)).toEqual(['next week, 30 min', 'next week, 20 min', 'next week, other doctor', 'tomorrow']);
  });

  it('on equal days, employee and fit, the one waiting longest in the day comes first, then a stable order', () => {
    const ranked = rankAsap([cand('b', '2026-11-26T09:00:00.000Z', 30), cand('a', '2026-11-26T09:00:00.000Z', 30), cand('late', '2026-11-26T14:00:00.000Z', 30)], slot);
    expect(ranked.map((c) => c.visitId)).toEqual(['late', 'a', 'b']);
  });
});
