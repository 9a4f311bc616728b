import type { Selectable } from 'kysely';
import type { BranchTable } from '../../../db/schema';
import { me, type Ctx } from '../../../api/context';
import { fail } from '../../../api/errors';
import { assertAssignable, branchesOfPerson, seesBranch } from '../../../api/scope';
import { isoNow } from '../../../clock';
import { getBranch } from '../../organization';
import { assertPeriodOpen } from '../../periods';
import { dateWindow, withinWindow } from '../../../../shared/rules/dateWindow';
import { withinSpans } from '../../../../shared/rules/workingHours';
import { instantAt, wallClock } from '../../../../shared/rules/zonedTime';
import { serviceById } from '../schedule/services';
import { workingSpansOf } from '../schedule/working';
import type { ServiceRow } from '../../../../shared/api/schedule';
import { LONGEST_VISIT_MS, shift } from './read';

export type Branch = Selectable<BranchTable>;

/** Minutes a visit may last, as the contract's duration allows. */
const MIN_MS = 5 * 60_000;

/**
 * The visit's branch: the main service's, else the one named, else the employee's only branch the caller sees. A
 * person may work in several branches: then the branch must be named, for a booking must never land in a branch the
 * clerk did not mean.
 */
export async function resolveBranch(
  ctx: Ctx,
  branchId: string | null | undefined,
  serviceId: string | null | undefined,
  userId?: string,
): Promise<{ branch: Branch; service: ServiceRow | null }> {
  const service = serviceId ? await serviceById(ctx, serviceId, 'serviceId') : null;
  if (service && branchId && service.branchId !== branchId) throw fail.validation('visit_service_not_in_branch', 'serviceId');
  const id = service?.branchId ?? branchId ?? (userId ? await onlyBranchOf(ctx, userId) : null);
  if (!id) throw fail.validation('visit_branch_required', 'branchId');
  return { branch: await getBranch(ctx, id, 'branchId'), service };
}

async function onlyBranchOf(ctx: Ctx, userId: string): Promise<string | null> {
  const caller = me(ctx);
  const person = await branchesOfPerson(ctx.db, caller.orgId, userId);
  if (!person) throw fail.notFound('user_not_found', 'userId');
  const theirs = person.branches ?? (await ctx.db.selectFrom('branch').select('id').where('org_id', '=', caller.orgId).where('deleted_at', 'is', null).execute()).map((b) => b.id);
  const options = theirs.filter((b) => seesBranch(caller, b));
  if (!options.length) throw fail.validation('assignee_not_in_branch', 'userId');
  return options.length === 1 ? options[0]! : null;
}

/** Who may be booked: someone working in the branch; an employee books only their own calendar. */
export async function assertBookable(ctx: Ctx, userId: string, branchId: string): Promise<void> {
  const user = me(ctx);
  if (user.role === 'employee' && userId !== user.id) throw fail.forbidden('visit_own_calendar', 'userId');
  await assertAssignable(ctx.db, user, userId, branchId, 'userId');
}

export async function assertClient(ctx: Ctx, clientId: string): Promise<{ id: string; name: string }> {
  const c = await ctx.db.selectFrom('client').select(['id', 'name']).where('id', '=', clientId).where('org_id', '=', me(ctx).orgId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!c) throw fail.notFound('client_not_found', 'clientId');
  return c;
}

export async function assertSource(ctx: Ctx, sourceId: string | null | undefined): Promise<void> {
  if (!sourceId) return;
  const n = await ctx.db.selectFrom('nomenclature').select('kind').where('id', '=', sourceId).where('org_id', '=', me(ctx).orgId).where('deleted_at', 'is', null).executeTakeFirst();
  if (n?.kind !== 'visit_source') throw fail.validation('nomenclature_not_found', 'sourceId');
}

/**
 * A span the calendar can hold: it ends after it starts, lasts at most a day (the overlap search relies on it), lies
 * in the document date window and in an open period (its date on the branch's clock).
 */
export async function assertSpanAllowed(ctx: Ctx, span: { start: string; end: string }, tz: string, field = 'start'): Promise<void> {
  const length = Date.parse(span.end) - Date.parse(span.start);
  if (length < MIN_MS) throw fail.validation('end_before_start', 'end');
  if (length > LONGEST_VISIT_MS) throw fail.validation('visit_too_long', 'end', { hours: LONGEST_VISIT_MS / 3_600_000 });
  const bounds = dateWindow(isoNow(ctx.clock).slice(0, 10), ctx.config.documentDates);
  if (!withinWindow(span.start, bounds) || !withinWindow(span.end, bounds)) throw fail.validation('date_out_of_range', field, bounds);
  await assertPeriodOpen(ctx, wallClock(span.start, tz).slice(0, 10), field);
}

const hhmm = (iso: string, tz: string) => wallClock(iso, tz).slice(11, 16);

/**
 * Outside the employee's working hours, a booking waits for the clerk's confirmation. The refusal names the day's
 * hours on the branch's clock ("09:00–13:00, 14:00–18:00"), or says the day is not worked.
 */
export async function assertWithinHours(ctx: Ctx, branch: Branch, userId: string, span: { start: string; end: string }, confirmed: boolean | undefined): Promise<void> {
  if (confirmed) return;
  const day = wallClock(span.start, branch.time_zone).slice(0, 10);
  const dayStart = instantAt(`${day}T00:00`, branch.time_zone)!;
  const dayEnd = [shift(dayStart, 36 * 3_600_000), span.end].sort().pop()!;
  const spans = (await workingSpansOf(ctx, { branchId: branch.id, userIds: [userId], from: dayStart, to: dayEnd })).get(userId) ?? [];
  if (withinSpans(span, spans)) return;
  const ofDay = spans.filter((s) => wallClock(s.start, branch.time_zone).startsWith(day));
  const hours = ofDay.map((s) => `${hhmm(s.start, branch.time_zone)}–${hhmm(s.end, branch.time_zone)}`).join(', ');
  const params: Record<string, string> = { start: hhmm(span.start, branch.time_zone), end: hhmm(span.end, branch.time_zone), hours };
  if (!hours) params.context = 'day_off';
  throw fail.validation('visit_outside_hours', 'start', params);
}

/** Live, not cancelled visits and breaks of the person overlapping the span (other than `exceptId`), in time order. */
function overlapping(ctx: Ctx, userId: string, span: { start: string; end: string }, exceptId?: string) {
  return ctx.db
    .selectFrom('visit as v')
    .leftJoin('client as c', 'c.id', 'v.client_id')
    .select(['v.id', 'v.kind', 'v.starts_at', 'v.ends_at', 'c.name as client_name'])
    .where('v.user_id', '=', userId)
    .where('v.deleted_at', 'is', null)
    .where('v.starts_at', '>', shift(span.start, -LONGEST_VISIT_MS))
    .where('v.starts_at', '<', span.end)
    .where('v.ends_at', '>', span.start)
    .where('v.status', '!=', 'cancelled')
    .where('v.org_id', '=', me(ctx).orgId)
    .$if(!!exceptId, (q) => q.where('v.id', '!=', exceptId!))
    .orderBy('v.starts_at');
}

export const findClash = (ctx: Ctx, userId: string, span: { start: string; end: string }, exceptId?: string) => overlapping(ctx, userId, span, exceptId).limit(1).executeTakeFirst();

/** Everything of the person within the span: one read for many candidate moves (the ASAP offers). */
export const busyWithin = (ctx: Ctx, userId: string, span: { start: string; end: string }) => overlapping(ctx, userId, span).execute();

/**
 * No double booking: refused when another visit or break of the same person overlaps the span. Runs inside the write
 * transaction (the writer's BEGIN IMMEDIATE), so of two clerks saving the same slot only the first finds it free. The
 * start index is read as a range a day long at most (visit_user_start), not the person's whole history.
 */
export async function assertNoClash(ctx: Ctx, userId: string, span: { start: string; end: string }, tz: string, exceptId?: string): Promise<void> {
  const clash = await findClash(ctx, userId, span, exceptId);
  if (!clash) return;
  const start = wallClock(clash.starts_at, tz).replace('T', ' ');
  const params: Record<string, string> = { client: clash.client_name ?? '', start, end: hhmm(clash.ends_at, tz) };
  if (clash.kind === 'break') params.context = 'break';
  throw fail.conflict('visit_overlap', 'start', params);
}
