import { me, type Ctx, type HandlersFor } from '../../api/context';
import { fail } from '../../api/errors';
import { inScope } from '../../api/scope';
import type { Priority, Status } from '../../../shared/api/interventions';
import { editableFields, PRIORITY_BY_RANK } from '../../../shared/rules/interventions';
import { overlappingIds } from '../../../shared/rules/overlap';
import { loadRow, toDetail, updateIntervention } from './service';

export async function calendarEvents(ctx: Ctx, a: { from: string; to: string; personId?: string | null; branchId?: string | null }) {
  const user = me(ctx);
  let q = ctx.db
    .selectFrom('intervention as i')
    .leftJoin('app_user as u', 'u.id', 'i.taken_by_id')
    .select(['i.id', 'i.number', 'i.client_name', 'i.start_at', 'i.end_at', 'i.taken_by_id', 'u.name as person', 'i.status', 'i.priority', 'i.version'])
    .where(inScope(user, { org: 'i.org_id', branch: 'i.branch_id' }))
    .where('i.deleted_at', 'is', null)
    .where('i.start_at', 'is not', null)
    .where('i.start_at', '<', a.to)
    .where('i.end_at', '>', a.from)
    .where('i.status', '!=', 'cancelled');
  if (a.personId) q = q.where('i.taken_by_id', '=', a.personId);
  if (a.branchId) q = q.where('i.branch_id', '=', a.branchId);
  const rows = await q.orderBy('i.start_at').limit(5000).execute();
  const clashing = overlappingIds(rows.map((r) => ({ id: r.id, personId: r.taken_by_id, start: r.start_at!, end: r.end_at! })));
  return rows.map((r) => ({
    id: r.id,
    title: `${r.number ? `${r.number} ` : ''}${r.client_name}`,
    start: r.start_at!,
    end: r.end_at!,
    personId: r.taken_by_id,
    person: r.person ?? null,
    status: r.status as Status,
    priority: PRIORITY_BY_RANK[r.priority] as Priority,
    version: r.version,
    overlap: clashing.has(r.id),
  }));
}

/** The person's other live, scheduled work that shares time with [startAt, endAt), in the caller's branches. */
export async function overlapsOf(ctx: Ctx, a: { personId: string; startAt: string; endAt: string; excludeId?: string | null }) {
  const user = me(ctx);
  // Stored instants are toISOString() text (with milliseconds); compared as text, the input must have that form too.
  const startAt = new Date(a.startAt).toISOString();
  const endAt = new Date(a.endAt).toISOString();
  let q = ctx.db
    .selectFrom('intervention as i')
    .leftJoin('branch as b', 'b.id', 'i.branch_id')
    .select(['i.id', 'i.number', 'i.client_name', 'i.start_at', 'i.end_at', 'i.status', 'b.time_zone'])
    .where(inScope(user, { org: 'i.org_id', branch: 'i.branch_id' }))
    .where('i.deleted_at', 'is', null)
    .where('i.taken_by_id', '=', a.personId)
    .where('i.start_at', '<', endAt)
    .where('i.end_at', '>', startAt)
    .where('i.status', '!=', 'cancelled');
  if (a.excludeId) q = q.where('i.id', '!=', a.excludeId);
  const rows = await q.orderBy('i.start_at').limit(20).execute();
  return rows.map((r) => ({ id: r.id, number: r.number, client: r.client_name, start: r.start_at!, end: r.end_at!, status: r.status as Status, timeZone: r.time_zone ?? 'UTC' }));
}

export async function reschedule(ctx: Ctx, a: { id: string; version: number; startAt: string; endAt: string; takenById?: string | null }) {
  const d = await toDetail(ctx, await loadRow(ctx, a.id));
  if (d.version !== a.version) throw fail.conflict('stale', 'version');
  return updateIntervention(ctx, a.id, a.version, { ...editableFields(d), startAt: a.startAt, endAt: a.endAt, takenById: a.takenById === undefined ? d.takenById : a.takenById });
}

export const calendarHandlers: HandlersFor<'interventions.calendar' | 'interventions.reschedule' | 'interventions.overlaps'> = {
  async 'interventions.overlaps'(input, ctx) {
    return overlapsOf(ctx, input);
  },
  async 'interventions.calendar'(input, ctx) {
    return calendarEvents(ctx, input);
  },
  async 'interventions.reschedule'(input, ctx) {
    return reschedule(ctx, input);
  },
};
