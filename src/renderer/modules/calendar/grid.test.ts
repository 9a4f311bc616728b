import { describe, expect, it } from 'vitest';
import { moveFocus, shiftPeriod, snapToSlot, todayFocus } from './grid';

describe('the calendar focus', () => {
  it('moves a slot up and down within the hours shown, a day left and right', () => {
    const f = { wall: '2026-03-28T11:30', col: 0 };
    expect(moveFocus(f, 'down', 'week', 1).wall).toBe('2026-03-28T12:00');
    expect(moveFocus(f, 'up', 'day', 1).wall).toBe('2026-03-28T11:00');
    expect(moveFocus({ wall: '2026-03-28T06:00', col: 0 }, 'up', 'day', 1).wall).toBe('2026-03-28T06:00');
    expect(moveFocus({ wall: '2026-03-28T21:30', col: 0 }, 'down', 'day', 1).wall).toBe('2026-03-28T21:30');
    // Across the night Riga's clock moves on: the wall clock does not care.
    expect(moveFocus(f, 'right', 'week', 1).wall).toBe('2026-03-29T11:30');
    expect(moveFocus(f, 'down', 'month', 1).wall).toBe('2026-04-04T11:30');
  });

  it('side by side, walks the employees\' columns and on to the next or previous day', () => {
    const f = { wall: '2026-03-28T11:30', col: 1 };
    expect(moveFocus(f, 'right', 'side', 3)).toEqual({ wall: '2026-03-28T11:30', col: 2 });
    expect(moveFocus({ ...f, col: 2 }, 'right', 'side', 3)).toEqual({ wall: '2026-03-29T11:30', col: 0 });
    expect(moveFocus({ ...f, col: 0 }, 'left', 'side', 3)).toEqual({ wall: '2026-03-27T11:30', col: 2 });
  });

  it('pages by the view\'s period and lands today on the slot of now', () => {
    const f = { wall: '2026-01-31T09:00', col: 0 };
    expect(shiftPeriod(f, 1, 'month').wall).toBe('2026-02-28T09:00');
    expect(shiftPeriod(f, -1, 'week').wall).toBe('2026-01-24T09:00');
    expect(shiftPeriod(f, 1, 'side').wall).toBe('2026-02-01T09:00');
    expect(todayFocus('2026-12-06T15:47').wall).toBe('2026-12-06T15:30');
    expect(snapToSlot('2026-12-06T02:10')).toBe('2026-12-06T06:00');
    expect(snapToSlot('2026-12-06T23:10')).toBe('2026-12-06T21:30');
  });
});
