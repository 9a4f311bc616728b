import { describe, expect, it } from 'vitest';
import { columnOf, dayRange, fromColumn, toColumn } from './sideBySide';

describe('the side-by-side day', () => {
  it('draws each employee\'s times in their column at the branch\'s wall clock, also on the day the clock springs forward', () => {
    // 2026-03-29 in Riga: 03:00 becomes 04:00. 09:00 local is 06:00 UTC that day, 07:00 UTC the day before.
    expect(toColumn('2026-03-29T06:00:00.000Z', 'Europe/Riga', '2026-03-29', 0)).toBe('2001-01-01T09:00:00Z');
    expect(toColumn('2026-03-29T06:00:00.000Z', 'Europe/Riga', '2026-03-29', 2)).toBe('2001-01-03T09:00:00Z');
    expect(toColumn('2026-03-28T07:00:00.000Z', 'Europe/Riga', '2026-03-28', 1)).toBe('2001-01-02T09:00:00Z');
    // What lies outside the day is clipped to its edges.
    expect(toColumn('2026-03-28T20:00:00.000Z', 'Europe/Riga', '2026-03-29', 1)).toBe('2001-01-02T00:00:00Z');
    expect(toColumn('2026-03-29T22:30:00.000Z', 'Europe/Riga', '2026-03-29', 1)).toBe('2001-01-03T00:00:00Z');
    expect(columnOf(new Date('2001-01-03T00:00:00Z'))).toBe(2);
  });

  it('reads a place on the grid back as the employee\'s column and the real instant', () => {
    expect(fromColumn(new Date('2001-01-02T11:30:00Z'), 'Europe/Riga', '2026-03-29', 3)).toEqual({ col: 1, instant: '2026-03-29T08:30:00.000Z' });
    expect(fromColumn(new Date('2001-01-01T09:00:00Z'), 'Europe/Riga', '2026-03-29', 3)).toEqual({ col: 0, instant: '2026-03-29T06:00:00.000Z' });
    // The bottom of column 0 as an end is its own midnight.
    expect(fromColumn(new Date('2001-01-02T00:00:00Z'), 'Europe/Riga', '2026-03-29', 3, true)).toEqual({ col: 0, instant: '2026-03-29T21:00:00.000Z' });
    // Beyond the last column stays in it.
    expect(fromColumn(new Date('2001-01-08T10:00:00Z'), 'Europe/Riga', '2026-03-29', 3).col).toBe(2);
  });

  it('asks main for the branch\'s day, 23 hours long when the clock springs forward', () => {
    expect(dayRange('2026-03-29', 'Europe/Riga')).toEqual({ from: '2026-03-28T22:00:00.000Z', to: '2026-03-29T21:00:00.000Z' });
  });
});
