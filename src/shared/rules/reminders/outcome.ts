import type { AttemptOutcome, ReminderAttempt, ReminderChannel, ReminderOutcome } from './types';

export function isBillable(outcome: AttemptOutcome | null): boolean {
  void outcome;
  throw new Error('not yet');
}
export function isRetried(outcome: AttemptOutcome): boolean {
  void outcome;
  throw new Error('not yet');
}
/** `finished`: no further attempt will be made (nextAttemptAt said none). */
export function reminderOutcome(attempts: readonly ReminderAttempt[], finished: boolean): ReminderOutcome {
  void attempts; void finished;
  throw new Error('not yet');
}
export function smsFallbackDue(channel: ReminderChannel, attempts: readonly ReminderAttempt[], finished: boolean): boolean {
  void channel; void attempts; void finished;
  throw new Error('not yet');
}
