import { describe, expect, it } from 'vitest';
import { instantAt, offsetCache, offsetMs, todayIn, wallClock, zoneCity, zonesDiffer } from './zonedTime';

describe("a branch's wall clock", () => {
  it('reads an instant on the branch clock, whatever the computer', () => {
    // 08:00 UTC in December: 10:00 in Rīga, 12:00 in Yerevan, 17:00 in Tokyo.
    expect(wallClock('2026-12-07T08:00:00.000Z', 'Europe/Riga')).toBe('2026-12-07T10:00');
    expect(wallClock('2026-12-07T08:00:00.000Z', 'Asia/Yerevan')).toBe('2026-12-07T12:00');
    expect(wallClock(Date.parse('2026-12-07T08:00:00Z'), 'Asia/Tokyo')).toBe('2026-12-07T17:00');
  });

  it('writes a typed wall clock as the instant of the branch clock, and back', () => {
    expect(instantAt('2026-12-07T10:00', 'Europe/Riga')).toBe('2026-12-07T08:00:00.000Z');
    expect(instantAt('2026-07-07T10:00', 'Europe/Riga')).toBe('2026-07-07T07:00:00.000Z');
    expect(instantAt('2026-12-07T10:00', 'Asia/Yerevan')).toBe('2026-12-07T06:00:00.000Z');
    for (const wall of ['2026-12-07T10:00', '2026-03-29T02:00', '2026-10-25T23:59']) expect(wallClock(instantAt(wall, 'Europe/Riga')!, 'Europe/Riga')).toBe(wall);
    expect(instantAt('not a time', 'Europe/Riga')).toBeNull();
    expect(instantAt('2026-02-31T10:00', 'Europe/Riga')).toBeNull();
  });

  it('a time skipped by the clock change moves on by the gap; one that happens twice takes the first', () => {
    // Rīga springs forward on 2026-03-29 from 03:00 to 04:00 and falls back on 2026-10-25 from 04:00 to 03:00.
    expect(wallClock(instantAt('2026-03-29T03:30', 'Europe/Riga')!, 'Europe/Riga')).toBe('2026-03-29T04:30');
    expect(instantAt('2026-10-25T03:30', 'Europe/Riga')).toBe('2026-10-25T00:30:00.000Z');
  });

  it("today is the branch's date, not the computer's", () => {
    const now = Date.parse('2026-12-06T22:30:00Z');
    expect(todayIn('Europe/Riga', now)).toBe('2026-12-07');
    expect(todayIn('America/New_York', now)).toBe('2026-12-06');
  });

  it('labels are needed only where the clocks differ', () => {
    const now = Date.parse('2026-12-07T08:00:00Z');
    expect(zonesDiffer('Europe/Riga', 'Europe/Riga', now)).toBe(false);
    expect(zonesDiffer('Europe/Riga', 'Europe/Vilnius', now)).toBe(false);
    expect(zonesDiffer('Europe/Riga', 'Asia/Tokyo', now)).toBe(true);
    expect(zoneCity('Europe/Riga')).toBe('Riga');
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
  });

  it('the offset cache answers as the zone does, across a clock change', () => {
    const off = offsetCache();
    expect(off('Europe/Riga', Date.parse('2026-03-29T00:59:00Z'))).toBe(2 * 3_600_000);
    expect(off('Europe/Riga', Date.parse('2026-03-29T01:00:00Z'))).toBe(3 * 3_600_000);
    expect(off('Asia/Yerevan', Date.parse('2026-03-29T01:00:00Z'))).toBe(4 * 3_600_000);
    // Asked in any order, across years and exactly at the changes, it answers as the zone does.
    const fresh = offsetCache();
    const times = [Date.parse('2026-10-25T01:00:00Z'), Date.parse('2026-10-25T00:59:59Z'), Date.parse('2021-07-01T00:00:00Z'), Date.parse('2026-03-29T01:00:00Z'), Date.parse('2031-12-31T23:00:00Z')];
    for (let i = 0; i < 2000; i++) times.push(Date.parse('2020-01-01T00:00:00Z') + ((i * 7_919_993_111) % (12 * 365 * 86_400_000)));
    for (const ms of times) for (const tz of ['Europe/Riga', 'Asia/Yerevan', 'America/New_York']) expect(fresh(tz, ms), `${tz} ${new Date(ms).toISOString()}`).toBe(offsetMs(tz, ms));
  });
});
