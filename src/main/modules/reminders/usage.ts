import { sql } from 'kysely';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import type { UsageReport, UsageRow } from '../../../shared/api/reminders';
import { instantAt } from '../../../shared/rules/zonedTime';

/**
 * The month's reminder calls per branch and in total, on the organization's clock: attempts made, billable calls
 * (answered, with or without a key) and their minutes (each call rounded up to the whole minute, as trunks bill),
 * confirmed (1), declined (2), and no answer (every ended attempt without a key). Test calls are not counted.
 */
export function monthBounds(month: string, zone: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: instantAt(`${month}-01T00:00`, zone)!, to: instantAt(`${next}-01T00:00`, zone)! };
}

const empty = (branchId: string | null, branchName: string | null): UsageRow => ({ branchId, branchName, attempts: 0, billable: 0, minutes: 0, seconds: 0, confirmed: 0, declined: 0, noAnswer: 0 });

export async function usageReport(ctx: Ctx, month: string, branchId: string | null | undefined): Promise<UsageReport> {
  const user = me(ctx);
  const org = await ctx.db.selectFrom('org').select('time_zone').where('id', '=', user.orgId).executeTakeFirstOrThrow();
  const branches = await ctx.db
    .selectFrom('branch')
    .select(['id', 'name'])
    .where('org_id', '=', user.orgId)
    .where('deleted_at', 'is', null)
    .$if(!!branchId, (q) => q.where('id', '=', branchId!))
    .orderBy('name')
    .execute();
  if (branchId && !branches.length) throw fail.notFound('branch_not_found', 'branchId');
  const { from, to } = monthBounds(month, org.time_zone);
  const sums = await ctx.db
    .selectFrom('reminder_attempt')
    .select('branch_id')
    .select([
      sql<number>`count(*)`.as('attempts'),
      sql<number>`sum(billable)`.as('billable'),
      sql<number>`sum(case when billable = 1 then seconds else 0 end)`.as('seconds'),
      sql<number>`sum(case when billable = 1 then (seconds + 59) / 60 else 0 end)`.as('minutes'),
      sql<number>`sum(outcome = 'confirmed')`.as('confirmed'),
      sql<number>`sum(outcome = 'declined')`.as('declined'),
      sql<number>`sum(outcome is not null and outcome not in ('confirmed', 'declined'))`.as('no_answer'),
    ])
    .where('org_id', '=', user.orgId)
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .where('test', '=', 0)
    .where('deleted_at', 'is', null)
    .$if(!!branchId, (q) => q.where('branch_id', '=', branchId!))
    .groupBy('branch_id')
    .execute();
  const rows = branches.map((b) => {
    const s = sums.find((x) => x.branch_id === b.id);
    if (!s) return empty(b.id, b.name);
    return { branchId: b.id, branchName: b.name, attempts: Number(s.attempts), billable: Number(s.billable), minutes: Number(s.minutes), seconds: Number(s.seconds), confirmed: Number(s.confirmed), declined: Number(s.declined), noAnswer: Number(s.no_answer) };
  });
  const total = rows.reduce<UsageRow>(
    (t, r) => ({ ...t, attempts: t.attempts + r.attempts, billable: t.billable + r.billable, minutes: t.minutes + r.minutes, seconds: t.seconds + r.seconds, confirmed: t.confirmed + r.confirmed, declined: t.declined + r.declined, noAnswer: t.noAnswer + r.noAnswer }),
    empty(null, null),
  );
  return { month, timeZone: org.time_zone, rows, total };
}
