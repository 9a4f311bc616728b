import { describe, expect, it } from 'vitest';
import { dayOf } from './dayOf';

describe('a zone\'s today', () => {
  it('starts and ends at the zone\'s midnights, whatever the UTC date', () => {
    // 22:30 UTC on 5 December is already 6 December in Yerevan (UTC+4) and Rīga (UTC+2), still the 5th in New York.
    const now = Date.parse('2026-12-05T22:30:00Z');
    expect(dayOf('Asia/Yerevan', now)).toEqual({ date: '2026-12-06', from: '2026-12-05T20:00:00.000Z', to: '2026-12-06T20:00:00.000Z' });
    expect(dayOf('Europe/Riga', now)).toEqual({ date: '2026-12-06', from: '2026-12-05T22:00:00.000Z', to: '2026-12-06T22:00:00.000Z' });
    expect(dayOf('America/New_York', now).date).toBe('2026-12-05');
  });

  it('is 23 hours long on the day the clocks go forward', () => {
    const d = dayOf('Europe/Riga', Date.parse('2026-03-29T10:00:00Z'));
    expect(d.date).toBe('2026-03-29');
    expect(Date.parse(d.to) - Date.parse(d.from)).toBe(23 * 3600_000);
  });
});
