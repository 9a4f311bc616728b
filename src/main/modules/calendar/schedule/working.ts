import type { Ctx } from '../../../api/context';
import { me } from '../../../api/context';
import { loadInScope } from '../../../api/scope';
import { wallClock } from '../../../../shared/rules/zonedTime';
import { workingSpans, type Span, type Week, type WorkException, type ExceptionKind } from '../../../../shared/rules/workingHours';

export type { Span };

export interface WorkingQuery {
  branchId: string;
  userIds: readonly string[];
  /** UTC instants, half-open. */
  from: string;
  to: string;
}

/** The branch's time zone, loaded in the caller's scope (another branch answers "not found" at `branchId`). */
export async function branchZone(ctx: Ctx, branchId: string): Promise<string> {
  const branch = await loadInScope(ctx.db, me(ctx), 'branch', branchId, { key: 'branch_not_found', field: 'branchId' });
  return branch.time_zone;
}

/**
 * The branch dates that [from, to) touches on the branch's clock. A branch east of UTC starts its day before UTC does
 * (Yerevan's 2026-03-02 begins at 20:00Z on the 1st), so the first date comes from the branch's wall clock at `from`.
 */
export function branchDays(from: string, to: string, tz: string): { fromDay: string; toDay: string } {
  const last = Math.max(Date.parse(from), Date.parse(to) - 1);
  return { fromDay: wallClock(from, tz).slice(0, 10), toDay: wallClock(last, tz).slice(0, 10) };
}

function clip(spans: readonly Span[], fromMs: number, toMs: number): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const a = Math.max(Date.parse(s.start), fromMs);
    const b = Math.min(Date.parse(s.end), toMs);
    if (a < b) out.push({ start: new Date(a).toISOString(), end: new Date(b).toISOString() });
  }
  return out;
}

export const parseIntervals = (json: string | null): [string, string][] | null => (json === null ? null : (JSON.parse(json) as [string, string][]));

/**
 * Each user's working spans in a branch over [from, to): their week and the exceptions of the dates it touches, turned
 * into UTC on the branch's clock and clipped to the range. A user without a week works only their extra hours.
 * Every asked user is in the answer (with no spans when they do not work then).
 */
export async function workingSpansOf(ctx: Ctx, q: WorkingQuery): Promise<Map<string, Span[]>> {
  const tz = await branchZone(ctx, q.branchId);
  const out = new Map<string, Span[]>(q.userIds.map((u) => [u, []]));
  if (!q.userIds.length || Date.parse(q.to) <= Date.parse(q.from)) return out;
  const { fromDay, toDay } = branchDays(q.from, q.to, tz);
  const orgId = me(ctx).orgId;
  const userIds = [...q.userIds];
  const weeks = await ctx.db
    .selectFrom('work_schedule')
    .select(['user_id', 'week'])
    .where('org_id', '=', orgId)
    .where('branch_id', '=', q.branchId)
    .where('user_id', 'in', userIds)
    .where('deleted_at', 'is', null)
    .execute();
  const exceptions = await ctx.db
    .selectFrom('work_exception')
    .select(['user_id', 'kind', 'day_from', 'day_to', 'intervals'])
    .where('org_id', '=', orgId)
    .where('branch_id', '=', q.branchId)
    .where('user_id', 'in', userIds)
    .where('deleted_at', 'is', null)
    .where('day_from', '<=', toDay)
    .where('day_to', '>=', fromDay)
    // Applied in the order they were made: a later partial day off cuts extra hours given before it.
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const weekOf = new Map(weeks.map((w) => [w.user_id, JSON.parse(w.week) as Week]));
  const exceptionsOf = new Map<string, WorkException[]>();
  for (const e of exceptions) {
    const list = exceptionsOf.get(e.user_id) ?? [];
    list.push({ kind: e.kind as ExceptionKind, dayFrom: e.day_from, dayTo: e.day_to, intervals: parseIntervals(e.intervals) });
    exceptionsOf.set(e.user_id, list);
  }
  const fromMs = Date.parse(q.from);
  const toMs = Date.parse(q.to);
  for (const userId of out.keys()) {
    const spans = workingSpans(fromDay, toDay, weekOf.get(userId) ?? {}, exceptionsOf.get(userId) ?? [], tz);
    out.set(userId, clip(spans, fromMs, toMs));
  }
  return out;
}
