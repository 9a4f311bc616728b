import { instantAt, offsetMs } from '../../shared/rules/zonedTime';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Field work starts on the half hour between 08:00 and 17:30 on the branch's own clock. */
export const FIRST_SLOT_HOUR = 8;
export const LAST_SLOT_HOUR = 17;

/** `YYYY-MM-DD` plus `days` on the calendar (no clock involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday, of a calendar date. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The instant a branch's wall clock reads `date hh:mm`. */
export function at(date: string, hour: number, minute: number, tz: string): number {
  const wall = `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return Date.parse(instantAt(wall, tz)!);
}

/** What the branch's clock adds to UTC on a date's working day (clocks change at night, never during work), remembered. */
const noonOffsets = new Map<string, number>();
function workdayOffset(date: string, tz: string): number {
  const key = `${tz} ${date}`;
  let off = noonOffsets.get(key);
  if (off === undefined) noonOffsets.set(key, (off = Date.parse(`${date}T12:00:00Z`) - at(date, 12, 0, tz)));
  return off;
}

/** The branch's offset from UTC during one hour, remembered: zones change their clocks on the hour. */
const hourOffsets = new Map<string, number>();
function offsetDuring(tz: string, ms: number): number {
  const key = `${tz} ${Math.floor(ms / HOUR)}`;
  let off = hourOffsets.get(key);
  if (off === undefined) hourOffsets.set(key, (off = offsetMs(tz, ms)));
  return off;
}

/** The calendar day (`YYYY-MM-DD`) on the branch's clock at an instant: `todayIn`, fast enough for thousands of calls. */
export function localDay(tz: string, ms: number): string {
  return new Date(ms + offsetDuring(tz, ms)).toISOString().slice(0, 10);
}

/** The instant of a working-hours wall clock time (08:00–20:00) on a date, on the branch's clock. */
export function workingInstant(date: string, hour: number, minute: number, tz: string): number {
  return Date.parse(`${date}T00:00:00Z`) + hour * HOUR + minute * MINUTE - workdayOffset(date, tz);
}

/**
 * Working slots (start instants) on the branch's clock on `days` calendar days from the day of `from`, that start
 * after `from` and, with `length` ms of work, end before `until`. Weekends only when nothing else fits.
 */
export function slotsBetween(tz: string, from: number, until: number, days: number, length: number): number[] {
  const first = localDay(tz, from);
  const out: number[] = [];
  for (let d = 0; d < days; d++) {
    const date = addDays(first, d);
    if (weekday(date) === 0) continue;
    for (let h = FIRST_SLOT_HOUR; h <= LAST_SLOT_HOUR; h++) {
      for (const m of [0, 30]) {
        const start = workingInstant(date, h, m, tz);
        if (start > from && start + length < until) out.push(start);
      }
    }
  }
  return out;
}
