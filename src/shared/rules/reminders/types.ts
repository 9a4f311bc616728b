/**
 * The shapes every reminder rule speaks. Instants are epoch milliseconds (UTC), as the dialer reports them; zones are
 * IANA names; wall-clock times of day are `HH:MM` on the branch's clock.
 */
import type { ReminderState } from '../../api/visits';

/** How long before the visit a reminder fires. Minutes and hours are elapsed time; days are calendar days on the branch's clock. */
export interface ReminderOffset {
  unit: 'minute' | 'hour' | 'day';
  amount: number;
}

/** The channel a reminder uses: a call, an SMS, or a call then an SMS when no call was answered. */
export type ReminderChannel = 'voice' | 'sms' | 'voice_then_sms';

/** Quiet hours on the branch's clock; `start` after `end` wraps midnight (23:00–09:00). Equal times mean none. */
export interface QuietHours {
  start: string;
  end: string;
}

/** An organization's reminder policy (the numbers the settings screen edits). */
export interface ReminderPolicy {
  /** null: calls at any hour. */
  quietHours: QuietHours | null;
  /** Retries after the first attempt (the seed: 2). */
  maxRetries: number;
  /** Minutes after the previous attempt BEGAN, for a reminder more than an hour before the visit (30). */
  retryGapLongMin: number;
  /** The same for a reminder an hour or less before the visit (10). */
  retryGapShortMin: number;
  /** Calls per day on the organization's clock (50). */
  dailyCap: number;
}

/**
 * What one call attempt ended as: the dialer's outcome, or `unknown` for an attempt the core lost in flight (a crash or
 * kill) and closed on restart.
 */
export type AttemptOutcome = 'confirmed' | 'declined' | 'answered' | 'busy' | 'no_answer' | 'rejected' | 'not_found' | 'failed' | 'unknown';

/** One attempt so far; `outcome` null while it is in flight. */
export interface ReminderAttempt {
  startedAt: number;
  outcome: AttemptOutcome | null;
}

/** Why no (further) attempt is due. */
export type NoAttemptReason =
  | 'quiet_hours' // no allowed minute between now and the visit
  | 'visit_started' // the visit has begun (or the due time is at or after it)
  | 'retries_exhausted'
  | 'replied' // the client pressed 1 or 2: nothing more to ask
  | 'number_not_found' // 404/604: the phone is flagged, never retried
  | 'in_flight' // the previous attempt has not ended yet
  | 'too_late' // planned after its moment had passed (booked or moved too close to the visit)
  | 'daily_limit'; // the organization's cap left no call before the visit

/** When the next attempt is due, or none and why. */
export type AttemptDecision = { at: number } | { none: NoAttemptReason };

/** What a reminder came to after its attempts. */
export type ReminderFinal =
  | 'pending' // attempts may still follow (or none made yet)
  | 'confirmed' // key 1
  | 'declined' // key 2
  | 'no_answer' // every attempt made, none gave a key
  | 'wrong_number' // the number does not exist
  | 'not_called'; // no attempt could be made (quiet hours, visit started, daily limit)

export interface ReminderOutcome {
  state: ReminderFinal;
  /** The visit's colour (grey = none, green, red, orange). */
  colour: ReminderState;
  /** Attempts the client answered (billable). */
  billable: number;
}

/** The daily cap's verdict for one due call. */
export type CapDecision = { call: true } | { wait: number } | { none: 'daily_limit' };

/** A reminder due now, as the ordering needs it. */
export interface DueReminder {
  id: string;
  visitStart: number;
  dueAt: number;
}

/** A past visit of the client, as the risk score reads it. */
export interface PastVisit {
  start: number;
  /** 'booked' past its start counts as neither came nor missed. */
  status: 'booked' | 'arrived' | 'no_show' | 'cancelled';
  /** The client pressed 2 ("will not come") on a reminder for it. */
  declined: boolean;
}

/** The visit being scored. */
export interface ScoredVisit {
  start: number;
  /** When it was booked (lead time = start − bookedAt). */
  bookedAt: number;
  /** The branch's zone: weekday and hour are on its clock. */
  zone: string;
}

export type RiskReasonCode = 'past_no_shows' | 'past_declines' | 'long_lead_time' | 'weekday_pattern' | 'hour_pattern' | 'new_client';

/** One cause of the score, with the points it added and the numbers a sentence needs (i18n params). */
export interface RiskReason {
  code: RiskReasonCode;
  points: number;
  params: Record<string, number | string>;
}

export interface RiskScore {
  /** 0–100. */
  score: number;
  level: 'low' | 'medium' | 'high';
  reasons: RiskReason[];
}
