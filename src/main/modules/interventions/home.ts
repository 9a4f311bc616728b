import { sql } from 'kysely';
import { me, type Ctx, type HandlersFor } from '../../api/context';
import { inScope } from '../../api/scope';
import type { Priority, Status } from '../../../shared/api/interventions';
import { HOME_LIMIT } from '../../../shared/api/home';
import { dayAt, dayOf } from '../../../shared/rules/dayOf';
import { todayIn } from '../../../shared/rules/zonedTime';
import { PRIORITY_BY_RANK } from '../../../shared/rules/interventions';
import { can } from '../../../shared/permissions';
import { listApprovals } from './approvals';

/** My page's sections of the call centre: each read in the caller's branches, like the grid. */

const OPEN: Status[] = ['received', 'allocated', 'confirmed'];
/** How many rows match in all, beside the first HOME_LIMIT of them (one query: a window over the whole match). */
const ALL = sql<number>`count(*) over ()`.as('total');

function base(ctx: Ctx) {
  const user = me(ctx);
  return ctx.db
    .selectFrom('intervention as i')
    .innerJoin('branch as b', 'b.id', 'i.branch_id')
    .where(inScope(user, { org: 'i.org_id', branch: 'i.branch_id' }))
    .where('i.deleted_at', 'is', null);
}

/** What every section says of a document: which one, whose, where it stands, on which clock. */
function document(r: { id: string; number: string | null; client_name: string; status: string; priority: number; time_zone: string }) {
  return { id: r.id, number: r.number, client: r.client_name, status: r.status as Status, priority: PRIORITY_BY_RANK[r.priority] as Priority, timeZone: r.time_zone };
}

type DocumentRow = Parameters<typeof document>[0] & { total: number };

/** A section's first rows, each with what that section adds, and the count of all (the same on every row). */
function section<R extends DocumentRow, X>(rows: R[], extra: (r: R) => X) {
  return { total: rows[0]?.total ?? 0, rows: rows.map((r) => ({ ...document(r), ...extra(r) })) };
}

/** Given to the caller, or taken by them: who took a call is whoever wrote the document first (its change record). */
export async function openInterventions(ctx: Ctx) {
  const user = me(ctx);
  const q = base(ctx)
    .where('i.status', 'in', OPEN)
    .where((eb) =>
      eb.or([
        eb('i.taken_by_id', '=', user.id),
        eb('i.id', 'in', eb.selectFrom('change_log').select('row_id').where('user_id', '=', user.id).where('table_name', '=', 'intervention').where('op', '=', 'insert')),
      ]),
    );
  const rows = await q
    .select(['i.id', 'i.number', 'i.client_name', 'i.status', 'i.priority', 'i.doc_date', 'i.start_at', 'i.taken_by_id', 'b.time_zone', ALL])
    .orderBy('i.priority', 'desc')
    .orderBy(sql`coalesce(i.start_at, i.doc_date)`)
    .orderBy('i.id')
    .limit(HOME_LIMIT)
    .execute();
  return section(rows, (r) => ({ docDate: r.doc_date, startAt: r.start_at, assignedToMe: r.taken_by_id === user.id }));
}

/** How far ahead My page looks for the next day with appointments when today has none (the booking horizon). */
export const NEXT_DAY_HORIZON_DAYS = 14;

type Day = { from: string; to: string };

/** Appointments (not cancelled) in each branch's own window, `days` giving that window per branch. */
function appointmentsIn(ctx: Ctx, branches: { id: string; time_zone: string }[], days: (tz: string) => Day) {
  return base(ctx)
    .leftJoin('app_user as u', 'u.id', 'i.taken_by_id')
    .where('i.status', '!=', 'cancelled')
    .where('i.start_at', 'is not', null)
    .where((eb) =>
      eb.or(
        branches.map((b) => {
          const day = days(b.time_zone);
          return eb.and([eb('i.branch_id', '=', b.id), eb('i.start_at', '<', day.to), eb('i.end_at', '>', day.from)]);
        }),
      ),
    );
}

/**
 * Today's appointments, "today" read on each branch's own calendar (Rīga's day and Yerevan's are not the same hours).
 * A day without any (a Sunday, a holiday) shows the next day that has some, within the booking horizon, and says
 * which (`next`): a technician opening My page on Sunday wants Monday's round, not an empty box.
 */
export async function todaysAppointments(ctx: Ctx) {
  const user = me(ctx);
  const branches = await ctx.db
    .selectFrom('branch')
    .select(['id', 'time_zone'])
    .where(inScope(user, { org: 'org_id', branch: 'id' }))
    .where('deleted_at', 'is', null)
    .execute();
  if (!branches.length) return { rows: [], total: 0, next: null };
  const now = ctx.clock.now();
  const read = (days: (tz: string) => Day) =>
    appointmentsIn(ctx, branches, days)
      .select(['i.id', 'i.number', 'i.client_name', 'i.status', 'i.priority', 'i.start_at', 'i.end_at', 'i.taken_by_id', 'u.name as person', 'b.time_zone', ALL])
      .orderBy('i.start_at')
      .orderBy('i.id')
      .limit(HOME_LIMIT)
      .execute();
  const shown = (rows: Awaited<ReturnType<typeof read>>, next: string | null) => ({
    ...section(rows, (r) => ({ start: r.start_at!, end: r.end_at ?? r.start_at!, person: r.person ?? null, mine: r.taken_by_id === user.id })),
    next,
  });

  const today = await read((tz) => dayOf(tz, now));
  if (today.length) return shown(today, null);
  // The first appointment starting after today on its branch's calendar names the day; that day is then read on
  // every branch's calendar.
  const first = await base(ctx)
    .where('i.status', '!=', 'cancelled')
    .where((eb) =>
      eb.or(
        branches.map((b) => {
          const tomorrow = dayOf(b.time_zone, now).to;
          const horizon = new Date(Date.parse(tomorrow) + NEXT_DAY_HORIZON_DAYS * 86_400_000).toISOString();
          return eb.and([eb('i.branch_id', '=', b.id), eb('i.start_at', '>=', tomorrow), eb('i.start_at', '<', horizon), eb('i.end_at', 'is not', null)]);
        }),
      ),
    )
    .select(['i.start_at', 'b.time_zone'])
    .orderBy('i.start_at')
    .limit(1)
    .executeTakeFirst();
  if (!first) return shown([], null);
  const date = todayIn(first.time_zone, Date.parse(first.start_at!));
  return shown(await read((tz) => dayAt(tz, date)), date);
}

export const homeHandlers: HandlersFor<'home.openInterventions' | 'home.appointments' | 'home.approvals'> = {
  async 'home.openInterventions'(_input, ctx) {
    return openInterventions(ctx);
  },
  async 'home.appointments'(_input, ctx) {
    return todaysAppointments(ctx);
  },
  async 'home.approvals'(_input, ctx) {
    // Those who approve see what waits for them; the others, what they asked for and is still undecided.
    const user = me(ctx);
    const decides = can(user.role, 'interventions', 'approve');
    return { decides, rows: await listApprovals(ctx, decides ? undefined : user.id) };
  },
};
