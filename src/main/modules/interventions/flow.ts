import { sql } from 'kysely';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { createdStamps, newId } from '../../db/ids';
import { isoNow } from '../../clock';
import { can } from '../../../shared/permissions';
import { branchesOfPerson, inScope, loadInScope } from '../../api/scope';
import type { Priority, Status } from '../../../shared/api/interventions';
import { distribute, PRIORITY_BY_RANK } from '../../../shared/rules/interventions';
import { getBranch } from '../organization/service';
import { applyCancel, applyFinalize, loadRow, toDetail, updateIntervention } from './service';
import { editableFields } from '../../../shared/rules/interventions';

/** Assistant: the same rules as the form, applied to each selected document in one transaction (all or none). */
export async function allocateMany(ctx: Ctx, a: { ids: string[]; takenById: string; responsibleId: string; startAt: string; endAt: string }): Promise<number> {
  for (const [i, id] of a.ids.entries()) {
    const d = await toDetail(ctx, await loadRow(ctx, id, 'ids'));
    try {
      await updateIntervention(ctx, id, d.version, { ...editableFields(d), takenById: a.takenById, responsibleId: a.responsibleId, startAt: a.startAt, endAt: a.endAt });
    } catch (e) {
      // Name the document that stopped the batch, keeping the original reason.
      if (e && typeof e === 'object' && 'error' in e) (e as { error: { params?: Record<string, string | number> } }).error.params = { ...(e as any).error.params, row: i + 1 };
      throw e;
    }
  }
  return a.ids.length;
}

export async function distributeWaiting(ctx: Ctx, personIds: string[], branchId: string | null | undefined) {
  const user = me(ctx);
  if (branchId) await getBranch(ctx, branchId, 'branchId');
  const people: { id: string; load: number; branchIds: readonly string[] | null }[] = [];
  for (const p of new Set(personIds)) {
    const person = await branchesOfPerson(ctx.db, user.orgId, p);
    if (!person) throw fail.notFound('user_not_found', 'personIds');
    if (!person.active) throw fail.validation('user_inactive', 'personIds');
    people.push({ id: p, load: 0, branchIds: person.branches });
  }
  let waiting = ctx.db
    .selectFrom('intervention')
    .select(['id', 'priority', 'doc_date', 'branch_id'])
    .where(inScope(user, { org: 'intervention.org_id', branch: 'intervention.branch_id' }))
    .where('deleted_at', 'is', null)
    .where('status', '=', 'received')
    .where('taken_by_id', 'is', null);
  if (branchId) waiting = waiting.where('branch_id', '=', branchId);
  const rows = await waiting.execute();
  const loads = await ctx.db
    .selectFrom('intervention')
    .select(['taken_by_id', sql<number>`count(*)`.as('n')])
    .where('org_id', '=', user.orgId)
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['received', 'allocated', 'confirmed'])
    .where('taken_by_id', 'in', personIds)
    .groupBy('taken_by_id')
    .execute();
  const loadOf = new Map(loads.map((l) => [l.taken_by_id, Number(l.n)]));
  // Each document goes only to someone who sees its branch (the update below checks it again, as every assignment is).
  const plan = distribute(
    rows.map((r) => ({ id: r.id, priority: PRIORITY_BY_RANK[r.priority] as Priority, docDate: r.doc_date, branchId: r.branch_id })),
    people.map((p) => ({ ...p, load: loadOf.get(p.id) ?? 0 })),
  );
  for (const step of plan) {
    const d = await toDetail(ctx, await loadRow(ctx, step.id));
    await updateIntervention(ctx, step.id, d.version, { ...editableFields(d), takenById: step.personId });
  }
  return plan;
}

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
  }));
}

export async function reschedule(ctx: Ctx, a: { id: string; version: number; startAt: string; endAt: string; takenById?: string | null }) {
  const d = await toDetail(ctx, await loadRow(ctx, a.id));
  if (d.version !== a.version) throw fail.conflict('stale', 'version');
  return updateIntervention(ctx, a.id, a.version, { ...editableFields(d), startAt: a.startAt, endAt: a.endAt, takenById: a.takenById === undefined ? d.takenById : a.takenById });
}

export async function listApprovals(ctx: Ctx) {
  const user = me(ctx);
  const q = ctx.db
    .selectFrom('approval as a')
    .innerJoin('intervention as i', 'i.id', 'a.entity_id')
    .leftJoin('app_user as u', 'u.id', 'a.requested_by')
    .select(['a.id', 'a.entity_id', 'a.kind', 'a.reason', 'u.name as requested_by', 'a.requested_at', 'i.client_name', 'i.number'])
    .where(inScope(user, { org: 'a.org_id', branch: 'i.branch_id' }))
    .where('a.decision', 'is', null);
  const rows = await q.orderBy('a.requested_at').execute();
  return rows.map((r) => ({
    id: r.id,
    interventionId: r.entity_id,
    kind: r.kind as 'cancel' | 'finalize',
    reason: r.reason,
    requestedBy: r.requested_by ?? null,
    requestedAt: r.requested_at,
    client: r.client_name,
    number: r.number,
  }));
}

export async function decide(ctx: Ctx, approvalId: string, approve: boolean): Promise<void> {
  const user = me(ctx);
  // Loaded through the branch scope before anything is decided: another branch's request is not there for this caller.
  const a = await loadInScope(ctx.db, user, 'approval', approvalId, { key: 'approval_not_found', field: 'approvalId' });
  if (a.decision !== null) throw fail.notFound('approval_not_found', 'approvalId');
  const now = isoNow(ctx.clock);
  await ctx.db.updateTable('approval').set({ decision: approve ? 'approved' : 'rejected', decided_by: user.id, decided_at: now, updated_at: now }).where('id', '=', a.id).execute();
  if (!approve) return;
  const row = await loadRow(ctx, a.entity_id);
  if (row.cancelled_at || row.finalized_at) throw fail.conflict(row.cancelled_at ? 'intervention_cancelled' : 'intervention_finalized');
  if (a.kind === 'finalize') {
    if (row.status !== 'confirmed') throw fail.conflict('intervention_not_confirmed');
    await applyFinalize(ctx, row);
  } else await applyCancel(ctx, row, a.reason ?? '');
}

// ---- saved views and custom reports ----

function toView(v: { id: string; name: string; kind: string; user_id: string | null; favorite: number; config: string }, userId: string) {
  return { id: v.id, name: v.name, kind: v.kind as 'view' | 'report', shared: v.user_id == null, favorite: v.favorite === 1, mine: v.user_id === userId, config: v.config };
}

export async function listViews(ctx: Ctx, module: string) {
  const user = me(ctx);
  const rows = await ctx.db
    .selectFrom('saved_view')
    .selectAll()
    .where('org_id', '=', user.orgId)
    .where('module', '=', module)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '=', user.id)]))
    .orderBy('name')
    .execute();
  return rows.map((r) => toView(r, user.id));
}

async function ownView(ctx: Ctx, id: string) {
  const user = me(ctx);
  const v = await ctx.db.selectFrom('saved_view').selectAll().where('id', '=', id).where('org_id', '=', user.orgId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!v || (v.user_id !== null && v.user_id !== user.id)) throw fail.notFound('view_not_found', 'id');
  // Shared views and reports belong to everyone: managing them is a manager's right.
  if (v.user_id === null && !can(user.role, 'interventions', 'approve')) throw fail.forbidden('forbidden');
  return v;
}

export async function saveView(ctx: Ctx, a: { id?: string | null; module: string; kind: 'view' | 'report'; name: string; shared: boolean; config: string }) {
  const user = me(ctx);
  if (a.shared && !can(user.role, 'interventions', 'approve')) throw fail.forbidden('forbidden', 'shared');
  try {
    JSON.parse(a.config);
  } catch {
    throw fail.validation('invalid_format', 'config');
  }
  const now = isoNow(ctx.clock);
  if (a.id) {
    const v = await ownView(ctx, a.id);
    await ctx.db.updateTable('saved_view').set({ name: a.name, kind: a.kind, config: a.config, user_id: a.shared ? null : user.id, updated_at: now, version: v.version + 1 }).where('id', '=', v.id).execute();
  } else {
    a.id = newId(ctx.clock);
    await ctx.db
      .insertInto('saved_view')
      .values({ id: a.id, org_id: user.orgId, user_id: a.shared ? null : user.id, module: a.module, kind: a.kind, name: a.name, config: a.config, favorite: 0, ...createdStamps(ctx.clock), deleted_at: null })
      .execute();
  }
  const row = await ctx.db.selectFrom('saved_view').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
  return toView(row, user.id);
}

export async function setFavorite(ctx: Ctx, id: string, favorite: boolean) {
  const user = me(ctx);
  const v = await ctx.db.selectFrom('saved_view').selectAll().where('id', '=', id).where('org_id', '=', user.orgId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!v || (v.user_id !== null && v.user_id !== user.id)) throw fail.notFound('view_not_found', 'id');
  await ctx.db.updateTable('saved_view').set({ favorite: favorite ? 1 : 0, updated_at: isoNow(ctx.clock) }).where('id', '=', id).execute();
  return toView({ ...v, favorite: favorite ? 1 : 0 }, user.id);
}

export async function deleteView(ctx: Ctx, id: string) {
  const v = await ownView(ctx, id);
  const now = isoNow(ctx.clock);
  await ctx.db.updateTable('saved_view').set({ deleted_at: now, updated_at: now, version: v.version + 1 }).where('id', '=', id).execute();
}
