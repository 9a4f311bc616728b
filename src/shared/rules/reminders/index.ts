/**
 * Issue 10's reminder rules in one place: when each call attempt is due (offsets, quiet hours, retries), what the
 * attempts came to (colour, billing, SMS fallback), the daily cap, and the no-show risk score. Pure: the clock (`now`)
 * and the zones come in as arguments, so the scheduler, the planner, the bench and the tests get the same answers.
 */
export * from './types';
export { DEFAULT_POLICY, dueTime, firstAttemptAt, ignoresQuietHours, inQuietHours, nextAttemptAt, placeOutsideQuiet, quietPeriod, retryGapMin, TIME_OF_DAY } from './timing';
export { isBillable, isRetried, reminderOutcome, replied, smsFallbackDue, visitColour } from './outcome';
export { capDay, capDecision, capEmailDue, capReachedNow, dueOrder, withinCap } from './cap';
export { RISK_HIGH, RISK_MEDIUM, RISK_WEIGHTS, offsetsWithRisk, riskScore } from './risk';
