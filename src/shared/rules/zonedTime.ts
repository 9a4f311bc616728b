/**
 * A branch's times are its own wall clock: read and written in the branch's IANA zone, whatever zone the computer
 * showing or printing them is in. Instants stay UTC in the database; these turn them into the branch's wall clock
 * and back, the same way on screen (renderer), on paper and in exports (main).
 */
import { Temporal } from 'temporal-polyfill';

/** `YYYY-MM-DDTHH:MM`: a wall clock without a zone (what a clerk types and reads). */
export type WallClock = string;

const WALL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

/** The wall clock of an instant in a zone. */
export function wallClock(instant: string | number, tz: string): WallClock {
  const i = typeof instant === 'number' ? Temporal.Instant.fromEpochMilliseconds(instant) : Temporal.Instant.from(instant);
  return i.toZonedDateTimeISO(tz).toPlainDateTime().toString({ smallestUnit: 'minute' });
}

/**
 * The instant (UTC ISO, as the contract takes it) at which a zone's wall clock reads `wall`; null when `wall` is not one.
 * A time skipped by a clock change (spring forward) moves on by the gap; a time that happens twice takes the first.
 */
export function instantAt(wall: string, tz: string): string | null {
  const m = WALL.exec(wall);
  if (!m) return null;
  try {
    const ms = Temporal.PlainDateTime.from(`${m[1]}T${m[2]}`).toZonedDateTime(tz, { disambiguation: 'compatible' }).epochMilliseconds;
    return new Date(ms).toISOString();
  } catch {
    return null;
  }
}

/** Today's date (`YYYY-MM-DD`) on a zone's calendar. */
export function todayIn(tz: string, nowMs: number): string {
  return wallClock(nowMs, tz).slice(0, 10);
}

/** What a zone's wall clock adds to UTC at an instant, in milliseconds. */
export function offsetMs(tz: string, ms: number): number {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz).offsetNanoseconds / 1e6;
}

/**
 * The same, remembered per zone as the spans between its clock changes: an export asks for every row, and 100,000 rows
 * over six years fall into a dozen spans per zone (a lookup per quarter hour cost 4 s for 200,000 times).
 */
export function offsetCache(): (tz: string, ms: number) => number {
  const spans = new Map<string, { from: number; to: number; off: number }[]>();
  return (tz, ms) => {
    let list = spans.get(tz);
    if (!list) spans.set(tz, (list = []));
    for (const s of list) if (ms >= s.from && ms < s.to) return s.off;
    const at = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz);
    const off = at.offsetNanoseconds / 1e6;
    const prev = at.getTimeZoneTransition('previous');
    const next = at.getTimeZoneTransition('next');
    // `ms` may itself be the change: then the span starts there, not at the change before it.
    const from = prev && offsetMs(tz, prev.epochMilliseconds) === off ? prev.epochMilliseconds : prev ? ms : -Infinity;
    list.push({ from, to: next ? next.epochMilliseconds : Infinity, off });
    return off;
  };
}

/** True when two zones' wall clocks differ at that instant: then a time must say whose clock it is on. */
export function zonesDiffer(tz: string, other: string, ms: number): boolean {
  return tz !== other && offsetMs(tz, ms) !== offsetMs(other, ms);
}

/** The zone's place, short enough for a grid cell: "Europe/Riga" → "Riga", "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function zoneCity(tz: string): string {
  return (tz.split('/').pop() ?? tz).replace(/_/g, ' ');
}
