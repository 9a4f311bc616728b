/**
 * The organization's daily cap: at most N calls a day on its own clock. Calls beyond it wait for the next day while
 * that is still before the visit; when the cap is near, the soonest visits go first (their reminders cannot wait).
 */
import { Temporal } from 'temporal-polyfill';
import { instantAt, todayIn } from '../zonedTime';
import { ignoresQuietHours, placeOutsideQuiet } from './timing';
import type { CapDecision, DueReminder, ReminderOffset, ReminderPolicy } from './types';

/**
 * The organization's calendar day holding `at`: its date and its bounds as instants (`from` inclusive, `to`
 * exclusive), so the caller counts the day's attempts with one range query. A clock-change day is 23 or 25 hours.
 */
export function capDay(at: number, orgZone: string): { day: string; from: number; to: number } {
  const day = todayIn(orgZone, at);
  const next = Temporal.PlainDate.from(day).add({ days: 1 }).toString();
  return { day, from: Date.parse(instantAt(`${day}T00:00`, orgZone)!), to: Date.parse(instantAt(`${next}T00:00`, orgZone)!) };
}

/** The cap is reached (the admins' one e-mail of the day is owed the first time this turns true on a day). */
export function capReachedNow(placedToday: number, cap: number): boolean {
  return placedToday >= cap;
}

/**
 * The admins' informative e-mail: once, on the organization's day the cap is reached (`lastEmailDay` is the day of the
 * last one sent, `YYYY-MM-DD` on its clock), so a full day does not send one per refused call.
 */
export function capEmailDue(input: { placedToday: number; cap: number; today: string; lastEmailDay: string | null }): boolean {
  return capReachedNow(input.placedToday, input.cap) && input.lastEmailDay !== input.today;
}

/**
 * Whether a due call may go now. Under the cap: yes. At the cap: it waits for the organization's next day, placed by the
 * reminder's own quiet-hours rule (the next day's 00:00 is quiet, so usually 09:00 on the branch's clock), if that is
 * still before the visit; else it ends as "not called: daily limit" (it may not move back into today, which is full).
 */
export function capDecision(input: { now: number; placedToday: number; visitStart: number; offset: ReminderOffset; zone: string; orgZone: string; policy: ReminderPolicy }): CapDecision {
  if (input.placedToday < input.policy.dailyCap) return { call: true };
  const tomorrow = capDay(input.now, input.orgZone).to;
  if (tomorrow >= input.visitStart) return { none: 'daily_limit' };
  if (ignoresQuietHours(input.offset)) return { wait: tomorrow };
  const placed = placeOutsideQuiet({ due: tomorrow, visitStart: input.visitStart, zone: input.zone, quiet: input.policy.quietHours, notBefore: tomorrow });
  return 'at' in placed ? { wait: placed.at } : { none: 'daily_limit' };
}

/** Due reminders in the order they may use the day's remaining calls: soonest visit first, then the longest waiting, then id (stable). */
export function dueOrder<T extends DueReminder>(due: readonly T[]): T[] {
  return [...due].sort((a, b) => a.visitStart - b.visitStart || a.dueAt - b.dueAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The due reminders split by what is left of the day's cap: the first `left` in due order are called, the rest wait. */
export function withinCap<T extends DueReminder>(due: readonly T[], placedToday: number, cap: number): { call: T[]; wait: T[] } {
  const ordered = dueOrder(due);
  const left = Math.max(0, cap - placedToday);
  return { call: ordered.slice(0, left), wait: ordered.slice(left) };
}
