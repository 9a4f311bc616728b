import type { CapDecision, DueReminder, ReminderOffset, ReminderPolicy } from './types';

/** The organization's calendar day containing `at`: `{ day: 'YYYY-MM-DD', from, to }` (from inclusive, to exclusive, ms). */
export function capDay(at: number, orgZone: string): { day: string; from: number; to: number } {
  void at; void orgZone;
  throw new Error('not yet');
}
export function capReachedNow(placedToday: number, cap: number): boolean {
  void placedToday; void cap;
  throw new Error('not yet');
}
/** Whether a due call may go now under the cap, waits (until when), or ends as "not called: daily limit". */
export function capDecision(input: { now: number; placedToday: number; visitStart: number; offset: ReminderOffset; zone: string; orgZone: string; policy: ReminderPolicy }): CapDecision {
  void input;
  throw new Error('not yet');
}
/** Soonest visit first. */
export function dueOrder<T extends DueReminder>(due: readonly T[]): T[] {
  void due;
  throw new Error('not yet');
}
