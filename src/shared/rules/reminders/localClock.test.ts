import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { instantAt, wallClock } from '../zonedTime';
import { instantOfLocal, localOf, midnightOf, minuteOfDay, weekdayOf } from './localClock';

const Q = 15 * 60_000;
const local = (wall: string) => Date.parse(`${wall}:00Z`);
const wallOf = (l: number) => new Date(l).toISOString().slice(0, 16);

// Zones with odd changes: 30-minute DST (Lord Howe), changes at midnight (Santiago, Havana), 45-minute offsets, none.
const zones = ['Europe/Riga', 'Europe/Bucharest', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'America/Havana', 'Asia/Kathmandu', 'Asia/Yerevan'];
// Two days around each of the year's changes in either hemisphere, every quarter hour.
const spans = ['2026-03-07', '2026-03-28', '2026-04-04', '2026-09-05', '2026-10-03', '2026-10-24', '2026-10-31', '2026-11-01'];

describe("the branch's clock as numbers agrees with zonedTime at every quarter hour around clock changes", () => {
  for (const zone of zones) {
    it(zone, () => {
      let checked = 0;
      for (const day of spans) {
        const from = local(`${day}T00:00`);
        for (let l = from; l < from + 3 * 86_400_000; l += Q) {
          const wall = wallOf(l);
          expect(instantOfLocal(l, zone), `${zone} ${wall}`).toBe(Date.parse(instantAt(wall, zone)!));
          const instant = l - 2 * 3_600_000;
          expect(wallOf(localOf(instant, zone)), `${zone} ${new Date(instant).toISOString()}`).toBe(wallClock(instant, zone));
          checked++;
        }
      }
      expect(checked).toBe(spans.length * 3 * 96);
    });
  }

  it('a day earlier on the wall clock is what Temporal says, across every change', () => {
    for (const zone of zones) {
      for (const day of spans) {
        for (let i = 0; i < 3 * 96; i++) {
          const instant = Date.parse(`${day}T00:00:00Z`) + i * Q;
          const expected = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone).subtract({ days: 1 }).epochMilliseconds;
          expect(instantOfLocal(localOf(instant, zone) - 86_400_000, zone), `${zone} ${new Date(instant).toISOString()}`).toBe(expected);
        }
      }
    }
  });

  it('keeps seconds, and reads minute of day, midnight and ISO weekday', () => {
    expect(instantOfLocal(local('2026-03-29T03:30') + 7_000, 'Europe/Riga')).toBe(Date.parse('2026-03-29T01:30:07Z'));
    expect(instantOfLocal(local('2026-12-10T10:00') + 59_000, 'Europe/Riga')).toBe(Date.parse('2026-12-10T08:00:59Z'));
    expect(minuteOfDay(local('2026-12-10T22:59'))).toBe(22 * 60 + 59);
    expect(wallOf(midnightOf(local('2026-12-10T22:59')))).toBe('2026-12-10T00:00');
    expect([weekdayOf(local('2026-12-07T10:00')), weekdayOf(local('2026-12-13T23:59'))]).toEqual([1, 7]);
    expect(minuteOfDay(local('1969-12-31T23:30'))).toBe(23 * 60 + 30);
  });
});
