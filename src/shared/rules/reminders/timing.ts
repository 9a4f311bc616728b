/**
 * When a reminder's calls are due: the offset before the visit, quiet hours on the branch's clock, and retries. Every
 * answer is an instant or "none, and why", so the reminder can say on the visit card why it was not called.
 */
import { DAY, MINUTE as MIN, instantOfLocal, localOf, midnightOf, minuteOfDay } from './localClock';
import { replied } from './outcome';
import type { AttemptDecision, QuietHours, ReminderAttempt, ReminderOffset, ReminderPolicy } from './types';

/** The seed's numbers: quiet 23:00–09:00, 2 retries 30 or 10 minutes apart, 50 calls a day. */
export const DEFAULT_POLICY: ReminderPolicy = { quietHours: { start: '23:00', end: '09:00' }, maxRetries: 2, retryGapLongMin: 30, retryGapShortMin: 10, dailyCap: 50 };

/**
 * The instant the offset names. Minutes and hours are elapsed time (a "1 hour" call is an hour before, even across a
 * clock change); days are the same wall-clock time N calendar days earlier on the branch's clock, because a client
 * reminded "a day before" expects the call at the hour of the visit, not an hour off after a clock change.
 */
export function dueTime(visitStart: number, offset: ReminderOffset, zone: string): number {
  if (offset.unit === 'day') return instantOfLocal(localOf(visitStart, zone) - offset.amount * DAY, zone);
  return visitStart - offset.amount * (offset.unit === 'hour' ? 60 : 1) * MIN;
}

/**
 * A reminder an hour or less before the visit: the "on your way" call. It ignores quiet hours (the client is about to
 * leave for an 08:00 visit, so 07:00 is fine) and retries 10 minutes apart, because 30 would pass the visit.
 */
export function ignoresQuietHours(offset: ReminderOffset): boolean {
  return offset.unit !== 'day' && offset.amount * (offset.unit === 'hour' ? 60 : 1) <= 60;
}

/** Minutes from the previous attempt's START to the next: short for reminders an hour or less before the visit. */
export function retryGapMin(offset: ReminderOffset, policy: ReminderPolicy): number {
  return ignoresQuietHours(offset) ? policy.retryGapShortMin : policy.retryGapLongMin;
}

/** A time of day on the branch's clock, `HH:MM` from 00:00 to 23:59 (the contract validates quiet hours with it). */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const hhmm = (text: string) => (TIME_OF_DAY.test(text) ? Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5)) : NaN);

/**
 * The quiet period holding `instant` on the branch's clock, as instants (`from` its first quiet minute, `to` its
 * first allowed one); null when the instant is outside quiet hours. Periods are found by wall clock, so a clock
 * change inside the night does not move 09:00.
 */
export function quietPeriod(instant: number, zone: string, quiet: QuietHours | null): { from: number; to: number } | null {
  if (!quiet) return null;
  const s = hhmm(quiet.start);
  const e = hhmm(quiet.end);
  if (Number.isNaN(s) || Number.isNaN(e)) throw new Error(`quiet hours must be HH:MM, not ${quiet.start}–${quiet.end}`);
  if (s === e) return null;
  const local = localOf(instant, zone);
  const m = minuteOfDay(local);
  const wraps = s > e;
  if (wraps ? m < s && m >= e : m < s || m >= e) return null;
  const midnight = midnightOf(local);
  const from = midnight + s * MIN - (wraps && m < e ? DAY : 0);
  const to = midnight + e * MIN + (wraps && m >= s ? DAY : 0);
  return { from: instantOfLocal(from, zone), to: instantOfLocal(to, zone) };
}

/** Whether an instant falls in quiet hours on the branch's clock. */
export function inQuietHours(instant: number, zone: string, quiet: QuietHours | null): boolean {
  return quietPeriod(instant, zone, quiet) !== null;
}

/**
 * The quiet-hours rule for one due instant: outside quiet hours it stands; inside, the call moves to the end of
 * the quiet period if that is still before the visit, else to the last allowed minute before the period began (22:59
 * the evening before), provided that is not before `notBefore` (now, the retry gap, the cap's next day); else none.
 */
export function placeOutsideQuiet(input: { due: number; visitStart: number; zone: string; quiet: QuietHours | null; notBefore?: number }): AttemptDecision {
  const { due, visitStart } = input;
  if (due >= visitStart) return { none: 'visit_started' };
  const period = quietPeriod(due, input.zone, input.quiet);
  if (!period) return { at: due };
  if (period.to < visitStart) return { at: period.to };
  const lastAllowed = period.from - MIN;
  if (lastAllowed >= (input.notBefore ?? -Infinity)) return { at: lastAllowed };
  return { none: 'quiet_hours' };
}

function place(due: number, visitStart: number, offset: ReminderOffset, zone: string, policy: ReminderPolicy, notBefore?: number): AttemptDecision {
  if (ignoresQuietHours(offset)) return due < visitStart ? { at: due } : { none: 'visit_started' };
  return placeOutsideQuiet({ due, visitStart, zone, quiet: policy.quietHours, notBefore });
}

/**
 * The planned first call of a reminder, for planning it when the visit is booked or moved. With `now`, a plan whose
 * moment has already passed is none ('too_late': a visit booked for tomorrow morning gets no "1 day before" call in
 * the middle of today), and a quiet-hours fallback that lies in the past is none ('quiet_hours').
 */
export function firstAttemptAt(visitStart: number, offset: ReminderOffset, zone: string, policy: ReminderPolicy, now?: number): AttemptDecision {
  if (now !== undefined && now >= visitStart) return { none: 'visit_started' };
  const due = dueTime(visitStart, offset, zone);
  const placed = place(due, visitStart, offset, zone, policy);
  if ('none' in placed || now === undefined || placed.at >= now) return placed;
  return { none: due < now ? 'too_late' : 'quiet_hours' };
}

/**
 * The scheduler's question at each tick: when may the next call of this reminder go, given its attempts so far? Never
 * earlier than `now`: a tick that comes late (or a restart after a stop) calls as soon as the rules allow, and moves
 * into no quiet hours a late call would now fall into. None, with the reason, when the client replied with a key, the
 * number does not exist, an attempt is still in flight, the retries are spent, or no allowed moment before the visit
 * remains. Retries are counted from the previous attempt's START, as the seed says, so a long ring does not delay them.
 */
export function nextAttemptAt(input: { visitStart: number; offset: ReminderOffset; zone: string; policy: ReminderPolicy; attempts: readonly ReminderAttempt[]; now: number }): AttemptDecision {
  const { visitStart, offset, zone, policy, now } = input;
  if (now >= visitStart) return { none: 'visit_started' };
  const attempts = [...input.attempts].sort((a, b) => a.startedAt - b.startedAt);
  const last = attempts[attempts.length - 1];
  if (!last) {
    const planned = place(dueTime(visitStart, offset, zone), visitStart, offset, zone, policy);
    if ('none' in planned || planned.at >= now) return planned;
    return place(now, visitStart, offset, zone, policy, now);
  }
  if (attempts.some((a) => a.outcome === null)) return { none: 'in_flight' };
  if (attempts.some((a) => a.outcome !== null && replied(a.outcome))) return { none: 'replied' };
  if (attempts.some((a) => a.outcome === 'not_found')) return { none: 'number_not_found' };
  if (attempts.length > policy.maxRetries) return { none: 'retries_exhausted' };
  const due = Math.max(last.startedAt + retryGapMin(offset, policy) * MIN, now);
  return place(due, visitStart, offset, zone, policy, due);
}
