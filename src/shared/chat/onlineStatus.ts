/**
 * What the website widget says about the staff: "answers now", or when the next working hours begin ("answers from
 * 09:00 tomorrow"), from each person's working hours and exceptions on their branch's clock. Pure; `now` is given.
 */
import { Temporal } from 'temporal-polyfill';
import { workingSpans, type Week, type WorkException } from '../rules/workingHours';
import { wallClock } from '../rules/zonedTime';

export interface StaffHours {
  userId: string;
  /** The branch's IANA zone: the week's wall times are read on its clock. */
  zone: string;
  week: Week;
  exceptions: readonly WorkException[];
  /** Connected now; unknown (undefined) counts as able to answer. */
  online?: boolean;
}

export type OnlineStatus =
  | { kind: 'now' }
  | {
      kind: 'from';
      /** The instant the next working hours begin (UTC ISO). */
      at: string;
      /** The branch's zone, so the widget shows the time as the branch's clock reads it. */
      zone: string;
      /** The branch's date and time of day then (`YYYY-MM-DD`, `HH:MM`). */
      date: string;
      time: string;
      /** `today`/`tomorrow` on the branch's calendar, else `later` (the widget names the weekday and date). */
      day: 'today' | 'tomorrow' | 'later';
    }
  /** Nobody has working hours in the days ahead: the widget says only that the message will be answered. */
  | { kind: 'unknown' };

/** How far ahead to look for working hours (a fortnight's holiday shows its end). */
export const LOOK_AHEAD_DAYS = 21;

function spansAround(s: StaffHours, nowMs: number) {
  const today = Temporal.PlainDate.from(wallClock(nowMs, s.zone).slice(0, 10));
  return workingSpans(today.subtract({ days: 1 }).toString(), today.add({ days: LOOK_AHEAD_DAYS }).toString(), s.week, s.exceptions, s.zone);
}

/**
 * "now" when someone online (or of unknown presence) is within working hours; otherwise the earliest start of anyone's
 * working hours after now — a person in working hours who is not connected is not an answer now.
 */
export function onlineStatus(staff: readonly StaffHours[], nowMs: number): OnlineStatus {
  const now = new Date(nowMs).toISOString();
  let next: { at: string; zone: string } | null = null;
  for (const s of staff) {
    for (const span of spansAround(s, nowMs)) {
      if (span.start <= now && now < span.end && s.online !== false) return { kind: 'now' };
      if (span.start > now && (!next || span.start < next.at)) next = { at: span.start, zone: s.zone };
    }
  }
  if (!next) return { kind: 'unknown' };
  const wall = wallClock(next.at, next.zone);
  const date = wall.slice(0, 10);
  const today = Temporal.PlainDate.from(wallClock(nowMs, next.zone).slice(0, 10));
  const day = date === today.toString() ? 'today' : date === today.add({ days: 1 }).toString() ? 'tomorrow' : 'later';
  return { kind: 'from', at: next.at, zone: next.zone, date, time: wall.slice(11, 16), day };
}

/** Whether one person is inside their working hours now (the routing's `inWorkingHours`). */
export function inWorkingHours(s: Omit<StaffHours, 'online'>, nowMs: number): boolean {
  const now = new Date(nowMs).toISOString();
  return spansAround({ ...s }, nowMs).some((span) => span.start <= now && now < span.end);
}
