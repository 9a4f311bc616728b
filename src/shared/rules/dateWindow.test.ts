import { describe, expect, it } from 'vitest';
import { dateWindow, withinWindow } from './dateWindow';

describe('the document date window', () => {
  it('runs from 2000-01-01 to ten years past today, both ends included', () => {
    const w = dateWindow('2026-11-23');
    expect(w).toEqual({ min: '2000-01-01', max: '2036-11-23' });
    expect(withinWindow('2000-01-01', w)).toBe(true);
    expect(withinWindow('2036-11-23', w)).toBe(true);
    expect(withinWindow('1999-12-31', w)).toBe(false);
    expect(withinWindow('1900-01-01', w)).toBe(false);
    expect(withinWindow('2036-11-24', w)).toBe(false);
    expect(withinWindow('2999-12-31', w)).toBe(false);
    expect(withinWindow('2036-11-23T23:59:00.000Z', w)).toBe(true);
  });

  it('moves with the clock and its configuration', () => {
    expect(dateWindow('2028-02-29')).toEqual({ min: '2000-01-01', max: '2038-02-28' });
    expect(dateWindow('2026-11-23', { earliest: '1990-01-01', yearsAhead: 2 })).toEqual({ min: '1990-01-01', max: '2028-11-23' });
  });
});
