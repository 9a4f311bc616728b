import type { Ctx } from '../../api/context';
import { riskScore, type PastVisit, type RiskScore } from '../../../shared/rules/reminders';
import { policyOfBranch } from './policy';

/**
 * The no-show risk of a visit from its client's history (the pure rule scores it; here its history is read): past
 * visits with their attendance, and whether the client pressed 2 on a reminder of one.
 */
interface ScoredRow {
  id: string;
  client_id: string | null;
  starts_at: string;
  created_at: string;
  branch_id: string;
}

/** The client's visits before this one (at most the last 200): enough history, bounded cost. */
async function historyOf(ctx: Ctx, visit: ScoredRow): Promise<PastVisit[]> {
  if (!visit.client_id) return [];
  const rows = await ctx.db
    .selectFrom('visit as v')
    .select(['v.id', 'v.starts_at', 'v.status'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('reminder_attempt as a').select('a.id').whereRef('a.visit_id', '=', 'v.id').where('a.outcome', '=', 'declined'))
        .as('declined'),
    )
    .where('v.client_id', '=', visit.client_id)
    .where('v.kind', '=', 'visit')
    .where('v.deleted_at', 'is', null)
    .where('v.id', '!=', visit.id)
    .where('v.starts_at', '<', visit.starts_at)
    .orderBy('v.starts_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ start: Date.parse(r.starts_at), status: r.status as PastVisit['status'], declined: !!r.declined }));
}

export async function scoreOf(ctx: Ctx, visit: ScoredRow): Promise<RiskScore> {
  const zone = (await ctx.db.selectFrom('branch').select('time_zone').where('id', '=', visit.branch_id).executeTakeFirstOrThrow()).time_zone;
  return riskScore(await historyOf(ctx, visit), { start: Date.parse(visit.starts_at), bookedAt: Date.parse(visit.created_at), zone }, ctx.clock.now());
}

/** The score as the visit card shows it: each reason an i18n key (`reminders.risk.<code>`) with its numbers. */
export async function visitRisk(ctx: Ctx, visit: ScoredRow) {
  const s = await scoreOf(ctx, visit);
  return { score: s.score, reasons: s.reasons.map((r) => ({ key: `reminders.risk.${r.code}`, points: r.points, params: r.params })) };
}

/**
 * The organization's extra reminder for a visit at high risk of a no-show: its offset when the score reaches the
 * policy's threshold, none otherwise (or when the policy names no extra reminder).
 */
export async function extraOffsetsFor(ctx: Ctx, visitId: string): Promise<string[]> {
  const visit = await ctx.db.selectFrom('visit').select(['id', 'org_id', 'client_id', 'starts_at', 'created_at', 'branch_id']).where('id', '=', visitId).executeTakeFirst();
  if (!visit?.client_id) return [];
  const policy = await policyOfBranch(ctx.db, visit.org_id, visit.branch_id);
  if (!policy.riskOffset) return [];
  return (await scoreOf(ctx, visit)).score >= policy.riskThreshold ? [policy.riskOffset] : [];
}
