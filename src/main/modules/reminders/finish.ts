import type { Selectable } from 'kysely';
import type { Ctx } from '../../api/context';
import type { ReminderAttemptTable } from '../../db/schema';
import type { AttemptOutcome, ReminderChannel, ReminderRowState } from '../../../shared/api/reminders';
import { isBillable, nextAttemptAt, reminderOutcome, smsFallbackDue, visitColour, type AttemptDecision, type NoAttemptReason, type ReminderAttempt, type ReminderFinal } from '../../../shared/rules/reminders';
import { setVisitReminder } from '../calendar';
import { flagPhoneNotFound } from '../clients';
import { dailyCapOf, effectivePolicy, policyRows } from './policy';
import { liveReminders, parseOffset, rulesPolicy } from './plan';
import { attemptTable, reminderTable } from './tables';
import { queueReminderSms } from './notify';
import { orgLanguage } from './lang';

/**
 * An attempt ended (the dialer's result, or `unknown` for one a crash left in flight): it is written, then the rules
 * say what follows for its reminder — another attempt and when, or the reminder's end, the visit's colour, the phone's
 * flag, the SMS fallback. All inside the caller's transaction.
 */
export type AttemptRecord = Selectable<ReminderAttemptTable>;

export interface Ended {
  outcome: AttemptOutcome;
  key: '1' | '2' | null;
  sipCode: number | null;
  answeredAt: number | null;
  endedAt: number;
}

/** What the caller does once this has committed: offer the slot of a visit whose client pressed 2. */
export interface FollowUp {
  declinedVisitId: string | null;
}

const FINAL_STATE: Record<ReminderFinal, ReminderRowState> = {
  pending: 'planned',
  confirmed: 'confirmed',
  declined: 'declined',
  no_answer: 'no_answer',
  wrong_number: 'not_found',
  not_called: 'not_made',
};

export async function closeAttempt(ctx: Ctx, attempt: AttemptRecord, ended: Ended): Promise<FollowUp> {
  const seconds = ended.answeredAt === null ? 0 : Math.max(0, Math.round((ended.endedAt - ended.answeredAt) / 1000));
  await attemptTable.in(ctx).update(
    attempt,
    // The call's length is the dialer's measure; when it ended is the core's clock, like every stamp.
    { ended_at: new Date(Math.max(ctx.clock.now(), Date.parse(attempt.started_at))).toISOString(), outcome: ended.outcome, key: ended.key, sip_code: ended.sipCode, seconds, billable: isBillable(ended.outcome) ? 1 : 0 },
    { audit: false },
  );
  if (!attempt.reminder_id) return { declinedVisitId: null };
  return afterAttempt(ctx, attempt.reminder_id);
}

/**
 * After an attempt: the rules say whether another follows and when; else the reminder ends. `stop` ends it now for a
 * reason found outside the timing rules (the daily cap left no call before the visit).
 */
export async function afterAttempt(ctx: Ctx, reminderId: string, stop?: NoAttemptReason): Promise<FollowUp> {
  const none: FollowUp = { declinedVisitId: null };
  const r = await ctx.db.selectFrom('reminder').selectAll().where('id', '=', reminderId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!r) return none;
  const visit = await ctx.db
    .selectFrom('visit as v')
    .innerJoin('branch as b', 'b.id', 'v.branch_id')
    .leftJoin('client as c', 'c.id', 'v.client_id')
    .select(['v.id', 'v.org_id', 'v.branch_id', 'v.starts_at', 'v.status', 'v.client_id', 'v.deleted_at', 'b.time_zone', 'b.name as branch_name', 'c.preferred_language'])
    .where('v.id', '=', r.visit_id)
    .executeTakeFirstOrThrow();
  const rows = await ctx.db.selectFrom('reminder_attempt').selectAll().where('reminder_id', '=', r.id).where('deleted_at', 'is', null).orderBy('started_at').execute();
  const attempts: ReminderAttempt[] = rows.map((a) => ({ startedAt: Date.parse(a.started_at), outcome: a.outcome as AttemptOutcome | null }));
  const { org, branches } = await policyRows(ctx.db, visit.org_id);
  const policy = rulesPolicy(effectivePolicy(org, branches.find((b) => b.branch_id === visit.branch_id)), dailyCapOf(org));
  const live = !visit.deleted_at && visit.status === 'booked';
  const decision: AttemptDecision = stop
    ? { none: stop }
    : live
      ? nextAttemptAt({ visitStart: Date.parse(visit.starts_at), offset: parseOffset(r.offset), zone: visit.time_zone, policy, attempts, now: ctx.clock.now() })
      : { none: 'visit_started' };
  const rowsWriter = reminderTable.in(ctx);
  if ('at' in decision) {
    await rowsWriter.update(r, { state: 'planned', next_due_at: new Date(decision.at).toISOString(), none_reason: null }, { audit: false });
    return none;
  }
  const result = reminderOutcome(attempts, true);
  let state = FINAL_STATE[result.state];
  const last = rows[rows.length - 1];
  if (last && smsFallbackDue(r.channel as ReminderChannel, attempts, true) && live) {
    const lang = visit.preferred_language ?? (await orgLanguage(ctx, visit.org_id));
    const sent = await queueReminderSms(ctx, { orgId: visit.org_id, visitId: visit.id, to: last.phone, lang, branch: visit.branch_name, start: visit.starts_at, zone: visit.time_zone });
    if (sent) state = 'sms_sent';
  }
  await rowsWriter.update(r, { state, next_due_at: null, none_reason: decision.none === 'in_flight' ? null : decision.none }, { audit: { action: 'status' } });
  if (!live) return none;
  await setVisitReminder(ctx, visit.id, await colourOf(ctx, visit.id));
  if (result.state === 'wrong_number' && last && visit.client_id) await flagPhoneNotFound(ctx, visit.client_id, last.phone);
  if (result.state === 'confirmed' || result.state === 'declined') {
    // The client has answered for this visit: its other reminders have nothing left to ask.
    for (const other of (await liveReminders(ctx, visit.id)).filter((o) => o.id !== r.id && o.state === 'planned')) {
      await rowsWriter.update(other, { state: 'not_made', next_due_at: null, none_reason: 'replied' }, { audit: false });
    }
  }
  return { declinedVisitId: result.state === 'declined' ? visit.id : null };
}

/** The visit's one colour from every reminder it has had (a later key wins; orange once one ended unanswered). */
async function colourOf(ctx: Ctx, visitId: string) {
  const reminders = await liveReminders(ctx, visitId);
  const attempts = await ctx.db.selectFrom('reminder_attempt').select(['reminder_id', 'started_at', 'outcome']).where('visit_id', '=', visitId).where('deleted_at', 'is', null).execute();
  return visitColour(
    reminders
      .filter((r) => r.state !== 'cancelled')
      .map((r) => ({
        attempts: attempts.filter((a) => a.reminder_id === r.id).map((a) => ({ startedAt: Date.parse(a.started_at), outcome: a.outcome as AttemptOutcome | null })),
        finished: r.state !== 'planned' && r.state !== 'calling',
      })),
  );
}
