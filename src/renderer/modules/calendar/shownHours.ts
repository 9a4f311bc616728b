import { wallClock } from '../../../shared/rules/zonedTime';
import { FIRST_SLOT } from './grid';

/** The time grid ends here unless a visit ends later. */
export const LAST_SHOWN = '22:00';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const asTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;

/**
 * The hours the day and week grids show: the clinic's usual day, widened to whole hours around any visit outside
 * it, so a visit booked at 23:30 or 05:15 is never hidden from the grid it was booked in.
 */
export function shownHours(visits: readonly { start: string; end: string }[], tz: string): { min: string; max: string } {
  let min = minutesOf(FIRST_SLOT);
  let max = minutesOf(LAST_SHOWN);
  for (const v of visits) {
    const start = wallClock(Date.parse(v.start), tz);
    const end = wallClock(Date.parse(v.end), tz);
    min = Math.min(min, Math.floor(minutesOf(start.slice(11, 16)) / 60) * 60);
    // A visit running past midnight fills the day to its end.
    const endMinutes = end.slice(0, 10) > start.slice(0, 10) ? 24 * 60 : Math.ceil(minutesOf(end.slice(11, 16)) / 60) * 60;
    max = Math.max(max, endMinutes);
  }
  return { min: asTime(min), max: asTime(max) };
}
