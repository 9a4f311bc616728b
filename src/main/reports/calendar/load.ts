import { Temporal } from 'temporal-polyfill';
import type { Ctx } from '../../api/context';
import { me } from '../../api/context';
import { fail } from '../../api/errors';
import { inScope } from '../../api/scope';
import { MAX_REPORT_DAYS, periodDays } from '../../../shared/api/calendarReports';
import type { VisitStatus } from '../../../shared/api/visits';
import { instantAt } from '../../../shared/rules/zonedTime';
import { workingSpans, type Week, type WorkException } from '../../../shared/rules/workingHours';
import type { VisitFact, Worker } from './aggregate';

export interface Filter {
  from: string;
  to: string;
  branchId?: string | null;
  userId?: string | null;
}

export interface ScopedBranch {
  id: string;
  name: string;
  timeZone: string;
  /** The period's bounds on this branch's clock, as UTC instants (half-open). */
  fromUtc: string;
  toUtc: string;
}

const nextDay = (day: string) => Temporal.PlainDate.from(day).add({ days: 1 }).toString();

/**
 * The branches a report reads (the caller's, or the one asked for, which must be one of them) with the period's
 * bounds on each branch's own clock; and whose visits: an employee reads only their own calendar, whatever they ask.
 */
export async function scopeOf(ctx: Ctx, f: Filter): Promise<{ branches: ScopedBranch[]; userId: string | null }> {
  const user = me(ctx);
  if (periodDays(f) > MAX_REPORT_DAYS) throw fail.validation('too_big', 'to', { max: MAX_REPORT_DAYS });
  if (user.role === 'employee' && f.userId && f.userId !== user.id) throw fail.forbidden('forbidden', 'userId');
  const rows = await ctx.db
    .selectFrom('branch as b')
    .select(['b.id', 'b.name', 'b.time_zone'])
    .where(inScope(user, { org: 'b.org_id', branch: 'b.id' }))
    .where('b.deleted_at', 'is', null)
    .$if(!!f.branchId, (q) => q.where('b.id', '=', f.branchId!))
    .orderBy('b.name')
    .execute();
  if (f.branchId && !rows.length) throw fail.notFound('branch_not_found', 'branchId');
  const branches = rows.map((b) => ({
    id: b.id,
    name: b.name,
    timeZone: b.time_zone,
    fromUtc: instantAt(`${f.from}T00:00`, b.time_zone)!,
    toUtc: instantAt(`${nextDay(f.to)}T00:00`, b.time_zone)!,
  }));
  return { branches, userId: user.role === 'employee' ? user.id : (f.userId ?? null) };
}

/** Every visit and break (cancelled ones too) starting within the period on its branch's clock, one index range per branch. */
export async function visitFacts(ctx: Ctx, branches: readonly ScopedBranch[], userId: string | null): Promise<VisitFact[]> {
  const orgId = me(ctx).orgId;
  const out: VisitFact[] = [];
  for (const b of branches) {
    const rows = await ctx.db
      .selectFrom('visit as v')
      .innerJoin('app_user as u', 'u.id', 'v.user_id')
      .leftJoin('client as c', 'c.id', 'v.client_id')
      .leftJoin('service as s', 's.id', 'v.service_id')
      .leftJoin('nomenclature as n', 'n.id', 'v.source_id')
      .select([
        'v.id',
        'v.kind',
        'v.user_id',
        'u.name as user_name',
        'v.client_id',
        'c.name as client_name',
        'c.primary_phone',
        's.name as service_name',
        'v.source_id',
        'n.name as source_name',
        'v.starts_at',
        'v.ends_at',
        'v.status',
        'v.first_consultation',
        'v.asap',
        'v.notes',
        'v.currency',
        'v.total_minor',
        'v.paid_minor',
      ])
      .where('v.org_id', '=', orgId)
      .where('v.branch_id', '=', b.id)
      .where('v.starts_at', '>=', b.fromUtc)
      .where('v.starts_at', '<', b.toUtc)
      .where('v.deleted_at', 'is', null)
      .$if(!!userId, (q) => q.where('v.user_id', '=', userId!))
      .orderBy('v.starts_at')
      .execute();
    for (const r of rows) {
      out.push({
        id: r.id,
        kind: r.kind === 'break' ? 'break' : 'visit',
        branchId: b.id,
        userId: r.user_id,
        userName: r.user_name,
        clientId: r.client_id,
        clientName: r.client_name,
        clientPhone: r.primary_phone,
        serviceName: r.service_name,
        sourceId: r.source_id,
        sourceName: r.source_name,
        start: r.starts_at,
        end: r.ends_at,
        status: r.status as VisitStatus,
        firstConsultation: !!r.first_consultation,
        asap: !!r.asap,
        notes: r.notes,
        currency: r.currency,
        totalMinor: r.total_minor,
        paidMinor: r.paid_minor,
        timeZone: b.timeZone,
      });
    }
  }
  return out;
}

/** Employees with a week in the branches, and the minutes they work in the period (template and exceptions, on the branch's clock). */
export async function workersOf(ctx: Ctx, branches: readonly ScopedBranch[], userId: string | null, f: Filter): Promise<Worker[]> {
  if (!branches.length) return [];
  const orgId = me(ctx).orgId;
  const ids = branches.map((b) => b.id);
  const weeks = await ctx.db
    .selectFrom('work_schedule as w')
    .innerJoin('app_user as u', 'u.id', 'w.user_id')
    .select(['w.branch_id', 'w.user_id', 'w.week', 'u.name'])
    .where('w.org_id', '=', orgId)
    .where('w.branch_id', 'in', ids)
    .where('w.deleted_at', 'is', null)
    .$if(!!userId, (q) => q.where('w.user_id', '=', userId!))
    .execute();
  const exceptions = await ctx.db
    .selectFrom('work_exception')
    .select(['branch_id', 'user_id', 'kind', 'day_from', 'day_to', 'intervals'])
    .where('org_id', '=', orgId)
    .where('branch_id', 'in', ids)
    .where('deleted_at', 'is', null)
    .where('day_from', '<=', f.to)
    .where('day_to', '>=', f.from)
    .execute();
  const byBranch = new Map(branches.map((b) => [b.id, b]));
  return weeks.map((w) => {
    const b = byBranch.get(w.branch_id)!;
    const own: WorkException[] = exceptions
      .filter((e) => e.user_id === w.user_id && e.branch_id === w.branch_id)
      .map((e) => ({ kind: e.kind as WorkException['kind'], dayFrom: e.day_from, dayTo: e.day_to, intervals: e.intervals ? (JSON.parse(e.intervals) as [string, string][]) : null }));
    const spans = workingSpans(f.from, f.to, JSON.parse(w.week) as Week, own, b.timeZone);
    const workingMin = spans.reduce((s, x) => s + Math.round((Date.parse(x.end) - Date.parse(x.start)) / 60_000), 0);
    return { userId: w.user_id, userName: w.name, branchId: b.id, branchName: b.name, workingMin };
  });
}
