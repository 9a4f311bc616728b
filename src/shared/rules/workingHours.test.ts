import { describe, expect, it } from 'vitest';
import { dayIntervals, validIntervals, withinSpans, workingSpans, type Week } from './workingHours';

const week: Week = { '1': [['09:00', '13:00'], ['14:00', '18:00']], '7': [['09:00', '18:00']] };

describe('working hours', () => {
  it('keeps 09:00–18:00 on the wall clock across the spring clock change in Riga (2026-03-29)', () => {
    // Sunday 29 March 2026: Riga moves from +02:00 to +03:00 at 03:00.
    expect(workingSpans('2026-03-28', '2026-03-29', { '6': [['09:00', '18:00']], '7': [['09:00', '18:00']] }, [], 'Europe/Riga')).toEqual([
      { start: '2026-03-28T07:00:00.000Z', end: '2026-03-28T16:00:00.000Z' },
      { start: '2026-03-29T06:00:00.000Z', end: '2026-03-29T15:00:00.000Z' },
    ]);
  });

  it('takes a whole day off, a partial day off and extra hours from the exceptions', () => {
    expect(dayIntervals('2026-12-07', week, [])).toEqual([['09:00', '13:00'], ['14:00', '18:00']]);
    expect(dayIntervals('2026-12-07', week, [{ kind: 'vacation', dayFrom: '2026-12-01', dayTo: '2026-12-10', intervals: null }])).toEqual([]);
    expect(dayIntervals('2026-12-07', week, [{ kind: 'day_off', dayFrom: '2026-12-07', dayTo: '2026-12-07', intervals: [['15:00', '18:00']] }])).toEqual([
      ['09:00', '13:00'],
      ['14:00', '15:00'],
    ]);
    expect(dayIntervals('2026-12-07', week, [{ kind: 'extra', dayFrom: '2026-12-07', dayTo: '2026-12-07', intervals: [['18:00', '20:00']] }])).toEqual([
      ['09:00', '13:00'],
      ['14:00', '20:00'],
    ]);
    expect(dayIntervals('2026-12-08', week, [])).toEqual([]);
  });

  it('refuses intervals that end before they start or overlap', () => {
    expect(validIntervals([['09:00', '13:00'], ['14:00', '24:00']])).toBe(true);
    expect(validIntervals([['13:00', '09:00']])).toBe(false);
    expect(validIntervals([['09:00', '13:00'], ['12:00', '14:00']])).toBe(false);
    expect(validIntervals([['9:00', '13:00']])).toBe(false);
  });

  it('says whether a visit lies within working time, the lunch break excluded', () => {
    const spans = workingSpans('2026-12-07', '2026-12-07', week, [], 'Europe/Riga');
    expect(withinSpans({ start: '2026-12-07T09:30:00.000Z', end: '2026-12-07T10:00:00.000Z' }, spans)).toBe(true);
    expect(withinSpans({ start: '2026-12-07T10:30:00.000Z', end: '2026-12-07T12:30:00.000Z' }, spans)).toBe(false);
    expect(withinSpans({ start: '2026-12-07T06:30:00.000Z', end: '2026-12-07T07:30:00.000Z' }, spans)).toBe(false);
  });
});
