import type { AttemptDecision, QuietHours, ReminderAttempt, ReminderOffset, ReminderPolicy } from './types';

export const DEFAULT_POLICY: ReminderPolicy = { quietHours: { start: '23:00', end: '09:00' }, maxRetries: 2, retryGapLongMin: 30, retryGapShortMin: 10, dailyCap: 50 };

/** The instant the offset names: elapsed time for minutes and hours, the same wall clock N days earlier for days. */
export function dueTime(visitStart: number, offset: ReminderOffset, zone: string): number {
  void visitStart; void offset; void zone;
  throw new Error('not yet');
}
/** Reminders an hour or less before the visit are the "on your way" call: quiet hours do not hold them back. */
export function ignoresQuietHours(offset: ReminderOffset): boolean {
  void offset;
  throw new Error('not yet');
}
/** Minutes between attempts (from the previous one's start). */
export function retryGapMin(offset: ReminderOffset, policy: ReminderPolicy): number {
  void offset; void policy;
  throw new Error('not yet');
}
export function inQuietHours(at: number, zone: string, quiet: QuietHours | null): boolean {
  void at; void zone; void quiet;
  throw new Error('not yet');
}
/** Moves a due time out of quiet hours: to their end if before the visit, else to the last minute before they began, not before `notBefore`. */
export function placeOutsideQuiet(input: { due: number; visitStart: number; zone: string; quiet: QuietHours | null; notBefore?: number }): AttemptDecision {
  void input;
  throw new Error('not yet');
}
/** When the first call of a reminder is due, or none and why. */
export function firstAttemptAt(visitStart: number, offset: ReminderOffset, zone: string, policy: ReminderPolicy, now?: number): AttemptDecision {
  void visitStart; void offset; void zone; void policy; void now;
  throw new Error('not yet');
}
/** When the next call is due given the attempts so far, or none and why. */
export function nextAttemptAt(input: { visitStart: number; offset: ReminderOffset; zone: string; policy: ReminderPolicy; attempts: readonly ReminderAttempt[]; now: number }): AttemptDecision {
  void input;
  throw new Error('not yet');
}
