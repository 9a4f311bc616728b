import type { Selectable } from 'kysely';
import type { Ctx } from '../../api/context';
import type { ReminderAttemptTable } from '../../db/schema';
import type { AttemptOutcome, AttemptRow, ReminderChannel, ReminderNoneReason, ReminderRowState, VisitReminders } from '../../../shared/api/reminders';
import { loadVisit } from '../calendar';
import { effectivePolicy, policyRows } from './policy';
import { choiceOf, liveReminders, replanVisit } from './plan';
import { visitRisk } from './risk';
import { remindersError } from './settings';

/** The visit card's view of its reminders: each with its next time or why none, and the no-show risk. */

export function toAttempt(a: Selectable<ReminderAttemptTable>): AttemptRow {
  return {
    id: a.id,
    reminderId: a.reminder_id,
    startedAt: a.started_at,
    endedAt: a.ended_at,
    outcome: a.outcome as AttemptOutcome | null,
    key: a.key === '1' || a.key === '2' ? a.key : null,
    sipCode: a.sip_code,
    seconds: a.seconds,
    billable: a.billable === 1,
    phone: a.phone,
    lang: a.lang,
  };
}

export async function visitReminders(ctx: Ctx, visitId: string): Promise<VisitReminders> {
  const visit = await loadVisit(ctx, visitId, 'visitId');
  const rows = await liveReminders(ctx, visit.id);
  const counts = new Map(
    (await ctx.db.selectFrom('reminder_attempt').select(['reminder_id']).select((eb) => eb.fn.countAll<number>().as('n')).where('visit_id', '=', visit.id).groupBy('reminder_id').execute()).map((c) => [c.reminder_id, Number(c.n)]),
  );
  const { org, branches } = await policyRows(ctx.db, visit.org_id);
  const choice = choiceOf(rows, effectivePolicy(org, branches.find((b) => b.branch_id === visit.branch_id)));
  return {
    visitId: visit.id,
    offsets: choice.offsets,
    channel: choice.channel,
    reminders: rows.map((r) => ({
      id: r.id,
      offset: r.offset,
      channel: r.channel as ReminderChannel,
      state: r.state as ReminderRowState,
      nextDueAt: r.next_due_at,
      noneReason: r.none_reason as ReminderNoneReason | null,
      extra: r.extra === 1,
      attempts: counts.get(r.id) ?? 0,
    })),
    risk: visit.kind === 'visit' && visit.client_id ? await visitRisk(ctx, visit) : null,
  };
}

export async function setVisitReminders(ctx: Ctx, visitId: string, offsets: string[], channel: ReminderChannel): Promise<VisitReminders> {
  const visit = await loadVisit(ctx, visitId, 'visitId');
  if (visit.kind !== 'visit' || !visit.client_id) throw remindersError('validation', 'visit_without_client', 'visitId');
  if (visit.status === 'cancelled') throw remindersError('validation', 'visit_cancelled', 'visitId');
  await replanVisit(ctx, visit.id, offsets, channel);
  return visitReminders(ctx, visit.id);
}

export async function visitAttempts(ctx: Ctx, visitId: string): Promise<AttemptRow[]> {
  const visit = await loadVisit(ctx, visitId, 'visitId');
  const rows = await ctx.db.selectFrom('reminder_attempt').selectAll().where('visit_id', '=', visit.id).where('deleted_at', 'is', null).orderBy('started_at').orderBy('id').execute();
  return rows.map(toAttempt);
}
