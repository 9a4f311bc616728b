import { describe, expect, it } from 'vitest';
import { shownHours } from './shownHours';

const TZ = 'Europe/Riga';

describe('the hours the time grid shows', () => {
  it('is the usual day when every visit is inside it', () => {
    expect(shownHours([{ start: '2026-12-07T07:00:00.000Z', end: '2026-12-07T07:30:00.000Z' }], TZ)).toEqual({ min: '06:00:00', max: '22:00:00' });
  });

  it('widens to whole hours around a late or an early visit, on the branch clock', () => {
    // 23:30–23:50 and 05:15–05:45 in Rīga (UTC+2 in December).
    expect(shownHours([{ start: '2026-12-07T21:30:00.000Z', end: '2026-12-07T21:50:00.000Z' }], TZ)).toEqual({ min: '06:00:00', max: '24:00:00' });
    expect(shownHours([{ start: '2026-12-08T03:15:00.000Z', end: '2026-12-08T03:45:00.000Z' }], TZ)).toEqual({ min: '05:00:00', max: '22:00:00' });
  });

  it('fills the day to midnight for a visit running past it', () => {
    expect(shownHours([{ start: '2026-12-07T21:00:00.000Z', end: '2026-12-07T22:30:00.000Z' }], TZ)).toEqual({ min: '06:00:00', max: '24:00:00' });
  });

  it('reads the hour on the clock of the day, also when the clocks change', () => {
    // 2026-03-29 in Rīga: 22:30 local is 19:30 UTC (UTC+3 after the change).
    expect(shownHours([{ start: '2026-03-29T19:30:00.000Z', end: '2026-03-29T20:00:00.000Z' }], TZ)).toEqual({ min: '06:00:00', max: '23:00:00' });
  });
});
