import { describe, expect, it } from 'vitest';
import { formatIntervals, hoursOf, parseIntervals } from './intervalsText';

describe("a day's intervals as text", () => {
  it('reads what a clerk types and writes it back as HH:MM', () => {
    expect(parseIntervals('9-13, 14:00 – 18')).toEqual({ ok: true, intervals: [['09:00', '13:00'], ['14:00', '18:00']] });
    expect(parseIntervals('0830-1230; 1330-1700')).toEqual({ ok: true, intervals: [['08:30', '12:30'], ['13:30', '17:00']] });
    expect(parseIntervals('20-24')).toEqual({ ok: true, intervals: [['20:00', '24:00']] });
    expect(parseIntervals('  ')).toEqual({ ok: true, intervals: [] });
    expect(formatIntervals([['09:00', '13:00'], ['14:00', '18:00']])).toBe('09:00–13:00, 14:00–18:00');
    expect(hoursOf([['09:00', '13:00'], ['14:00', '18:30']])).toBe(8.5);
  });

  it('refuses what is not a time', () => {
    for (const bad of ['9', '9-', '25-26', '9:75-10', '9-10-11', 'nine-ten', '24:30-25']) expect(parseIntervals(bad), bad).toEqual({ ok: false, key: 'errors.invalid_time' });
  });
});
