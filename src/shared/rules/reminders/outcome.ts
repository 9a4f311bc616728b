/**
 * What a reminder's attempts came to: which outcomes are retried, which are billed, the visit's colour, and whether the
 * SMS fallback is owed.
 */
import type { AttemptOutcome, ReminderAttempt, ReminderChannel, ReminderOutcome } from './types';

/** A key was pressed: the client has told us, nothing more to ask. */
export function replied(outcome: AttemptOutcome): boolean {
  return outcome === 'confirmed' || outcome === 'declined';
}

/**
 * Billable only when the client answered, with or without a key (the seed: a silent answer is a call made). Busy, no
 * answer, rejected, a wrong number, a failure of the trunk, and an attempt lost in a crash ('unknown') cost nothing.
 */
export function isBillable(outcome: AttemptOutcome | null): boolean {
  return outcome === 'answered' || outcome === 'confirmed' || outcome === 'declined';
}

/**
 * Retried: the client could not be reached ('no_answer', 'failed': the network or trunk), was busy, answered without a
 * key ('answered'), rejected the call ('rejected': most phones send 486 or 603 for the same red button, so it is
 * treated as busy), or the attempt was lost in a crash ('unknown': the client may never have heard it). Not retried:
 * a key (done) and a number that does not exist ('not_found', 404/604: another call cannot reach it; the phone is
 * flagged instead).
 */
export function isRetried(outcome: AttemptOutcome): boolean {
  return !replied(outcome) && outcome !== 'not_found';
}

/**
 * The reminder's state and the visit's colour. A key decides (green or red); a number that does not exist, or attempts
 * that all ended without a key once no more will follow, are orange (no answer obtained: the clerk should phone); a
 * reminder never called is grey, like a pending one, because nobody was asked. `finished` means no further attempt will
 * be made (nextAttemptAt answered none).
 */
export function reminderOutcome(attempts: readonly ReminderAttempt[], finished: boolean): ReminderOutcome {
  const billable = attempts.filter((a) => isBillable(a.outcome)).length;
  const keyed = [...attempts].sort((a, b) => b.startedAt - a.startedAt).find((a) => a.outcome !== null && replied(a.outcome));
  if (keyed?.outcome === 'confirmed') return { state: 'confirmed', colour: 'will_come', billable };
  if (keyed?.outcome === 'declined') return { state: 'declined', colour: 'will_not_come', billable };
  if (attempts.some((a) => a.outcome === 'not_found')) return { state: 'wrong_number', colour: 'no_answer', billable };
  if (!finished || attempts.some((a) => a.outcome === null)) return { state: 'pending', colour: 'none', billable };
  if (attempts.length === 0) return { state: 'not_called', colour: 'none', billable };
  return { state: 'no_answer', colour: 'no_answer', billable };
}

/**
 * "Voice then SMS when every call attempt failed": owed once the calls are over, at least one was made, and none was
 * answered. Not after a wrong number (the number does not exist for a message either; the clerk fixes it), and not
 * when no call was made at all: what stopped the call (the cap, quiet hours, a plan already past) holds for the message.
 */
export function smsFallbackDue(channel: ReminderChannel, attempts: readonly ReminderAttempt[], finished: boolean): boolean {
  if (channel !== 'voice_then_sms' || !finished || attempts.length === 0) return false;
  return attempts.every((a) => a.outcome !== null && !isBillable(a.outcome) && a.outcome !== 'not_found');
}

/**
 * The visit's one colour from all its reminders (a day before, an hour before, the high-risk extra): the latest key
 * pressed on any of them decides green or red; without a key, orange as soon as one reminder ended unanswered (the clerk
 * should phone now, not after the last reminder); else grey.
 */
export function visitColour(reminders: readonly { attempts: readonly ReminderAttempt[]; finished: boolean }[]): ReminderOutcome['colour'] {
  const keyed = reminders
    .flatMap((r) => r.attempts)
    .filter((a) => a.outcome !== null && replied(a.outcome))
    .sort((a, b) => b.startedAt - a.startedAt)[0];
  if (keyed) return keyed.outcome === 'confirmed' ? 'will_come' : 'will_not_come';
  return reminders.some((r) => reminderOutcome(r.attempts, r.finished).colour === 'no_answer') ? 'no_answer' : 'none';
}
