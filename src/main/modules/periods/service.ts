import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { isoNow } from '../../clock';
import { monthsOf, periodOf } from '../../../shared/rules/periods';
import { syncedRows } from '../../api/funnel';

const periodRows = syncedRows({ table: 'work_period', module: 'periods', summary: (p) => p.month, announce: (ctx) => ctx.emit('periods.changed', {}) });

export async function isLocked(ctx: Ctx, orgId: string, month: string): Promise<boolean> {
  const row = await ctx.db.selectFrom('work_period').select('locked').where('org_id', '=', orgId).where('month', '=', month).executeTakeFirst();
  return row?.locked === 1;
}

/** Every document service calls this before writing a document dated `date`. */
export async function assertPeriodOpen(ctx: Ctx, date: string, field = 'date'): Promise<void> {
  const month = periodOf(date);
  if (await isLocked(ctx, me(ctx).orgId, month)) throw fail.lockedPeriod('period_locked', field, { month });
}

export async function listPeriods(ctx: Ctx, year: number) {
  const rows = await ctx.db
    .selectFrom('work_period as p')
    .leftJoin('app_user as u', 'u.id', 'p.locked_by')
    .select(['p.month', 'p.locked', 'p.locked_at', 'u.name as locked_by_name'])
    .where('p.org_id', '=', me(ctx).orgId)
    .where('p.month', 'like', `${year}-%`)
    .execute();
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return monthsOf(year).map((month) => {
    const r = byMonth.get(month);
    return { month, locked: r?.locked === 1, lockedAt: r?.locked === 1 ? r.locked_at : null, lockedBy: r?.locked === 1 ? (r.locked_by_name ?? null) : null };
  });
}

export async function setLocked(ctx: Ctx, month: string, locked: boolean): Promise<void> {
  const user = me(ctx);
  const now = isoNow(ctx.clock);
  const values = { locked: locked ? 1 : 0, locked_at: locked ? now : null, locked_by: locked ? user.id : null };
  const before = await ctx.db.selectFrom('work_period').selectAll().where('org_id', '=', user.orgId).where('month', '=', month).executeTakeFirst();
  const audit = { action: locked ? ('lock' as const) : ('unlock' as const), entityId: month };
  if (before) await periodRows.in(ctx).update(before, values, { audit });
  else await periodRows.in(ctx).insert({ month, ...values }, { audit });
}
