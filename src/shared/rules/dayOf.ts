import { Temporal } from 'temporal-polyfill';
import { todayIn } from './zonedTime';

/**
 * One calendar day (`YYYY-MM-DD`) on a zone's own calendar, as the instants it starts and ends (UTC ISO): a day is
 * 23 or 25 hours when the clocks change.
 */
export function dayAt(tz: string, date: string): { date: string; from: string; to: string } {
  const start = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: tz });
  return { date, from: new Date(start.epochMilliseconds).toISOString(), to: new Date(start.add({ days: 1 }).epochMilliseconds).toISOString() };
}

/** Today on a zone's own calendar: a branch's "today" is not the computer's. */
export function dayOf(tz: string, nowMs: number): { date: string; from: string; to: string } {
  return dayAt(tz, todayIn(tz, nowMs));
}
