/**
 * The no-show risk of a visit, from the client's own history, as points a clerk can read back: each reason says what
 * in the history caused it and how many points it added. Points, not a trained model: a clinic must be able to tell
 * a client why they got an extra reminder, and a few dozen visits per client would not train anything.
 */
import { DAY, localOf, minuteOfDay, weekdayOf } from './localClock';
import type { PastVisit, ReminderOffset, RiskReason, RiskScore, ScoredVisit } from './types';

/** At or above: high (the organization's policy adds an extra reminder). */
export const RISK_HIGH = 50;
/** At or above: medium (shown, no action). */
export const RISK_MEDIUM = 25;

/** The numbers of the score, named so the README and the tests read the same ones. */
export const RISK_WEIGHTS = {
  /** History older than this says little about the client now. */
  windowDays: 730,
  /** No-shows are counted among this many latest visits that were either attended or missed. */
  recentVisits: 10,
  /** Per no-show, plus `noShowRatePoints` × the share of those visits missed; at most `noShowMax`. */
  perNoShow: 15,
  noShowRatePoints: 20,
  noShowMax: 50,
  /** Per "2 — will not come" on a reminder (an honest cancellation: weaker than a silent no-show); at most `declineMax`. */
  perDecline: 8,
  declineMax: 20,
  /** Booked this many days ahead or more (plans made long ago are forgotten). */
  leadDays: 14,
  leadPoints: 10,
  longLeadDays: 30,
  longLeadPoints: 15,
  /** Missed at least this many visits on the same weekday, or in the same part of the day, as this visit. */
  patternNoShows: 2,
  patternPoints: 10,
  /** No attended or missed visit yet: nothing vouches for the client. */
  newClientPoints: 10,
} as const;

/** Morning before 12:00, afternoon before 17:00, evening after: the parts of a clinic's day. */
function partOfDay(hour: number): 'morning' | 'afternoon' | 'evening' {
  return hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening';
}

function clockOf(ms: number, zone: string): { weekday: number; part: ReturnType<typeof partOfDay> } {
  const local = localOf(ms, zone);
  return { weekday: weekdayOf(local), part: partOfDay(Math.floor(minuteOfDay(local) / 60)) };
}

/**
 * The score (0–100), its level and its reasons. Counts only the client's visits that began before `now` within the
 * last two years; weekday and part of the day are read on the scored visit's branch clock. Each reason appears exactly
 * when its cause is in the history: past no-shows, past declines, a long lead time, no-shows on this weekday, no-shows
 * at this part of the day, or no history at all.
 */
export function riskScore(history: readonly PastVisit[], visit: ScoredVisit, now: number): RiskScore {
  const w = RISK_WEIGHTS;
  const past = history.filter((v) => v.start < now && v.start >= now - w.windowDays * DAY);
  const decided = past
    .filter((v) => v.status === 'arrived' || v.status === 'no_show')
    .sort((a, b) => b.start - a.start)
    .slice(0, w.recentVisits);
  const noShows = decided.filter((v) => v.status === 'no_show');
  const reasons: RiskReason[] = [];

  if (noShows.length > 0) {
    const points = Math.min(w.noShowMax, w.perNoShow * noShows.length + Math.round((w.noShowRatePoints * noShows.length) / decided.length));
    reasons.push({ code: 'past_no_shows', points, params: { count: noShows.length, of: decided.length } });
  }
  const declines = past.filter((v) => v.declined).length;
  if (declines > 0) reasons.push({ code: 'past_declines', points: Math.min(w.declineMax, w.perDecline * declines), params: { count: declines } });

  const leadDays = Math.floor((visit.start - visit.bookedAt) / DAY);
  if (leadDays >= w.leadDays) reasons.push({ code: 'long_lead_time', points: leadDays >= w.longLeadDays ? w.longLeadPoints : w.leadPoints, params: { days: leadDays } });

  const here = clockOf(visit.start, visit.zone);
  const missedAt = noShows.map((v) => clockOf(v.start, visit.zone));
  const sameWeekday = missedAt.filter((c) => c.weekday === here.weekday).length;
  if (sameWeekday >= w.patternNoShows) reasons.push({ code: 'weekday_pattern', points: w.patternPoints, params: { weekday: here.weekday, count: sameWeekday } });
  const samePart = missedAt.filter((c) => c.part === here.part).length;
  if (samePart >= w.patternNoShows) reasons.push({ code: 'hour_pattern', points: w.patternPoints, params: { part: here.part, count: samePart } });

  if (decided.length === 0) reasons.push({ code: 'new_client', points: w.newClientPoints, params: {} });

  const score = Math.min(100, reasons.reduce((sum, r) => sum + r.points, 0));
  return { score, level: score >= RISK_HIGH ? 'high' : score >= RISK_MEDIUM ? 'medium' : 'low', reasons };
}

/**
 * The offsets a visit's reminders use: the organization's (or the visit's own), plus the policy's extra one when the
 * visit's risk is high and that offset is not already among them. Null `extra`: the organization adds none.
 */
export function offsetsWithRisk(offsets: readonly ReminderOffset[], risk: Pick<RiskScore, 'level'>, extra: ReminderOffset | null): ReminderOffset[] {
  const list = [...offsets];
  if (risk.level === 'high' && extra && !list.some((o) => o.unit === extra.unit && o.amount === extra.amount)) list.push(extra);
  return list;
}
