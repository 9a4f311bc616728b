import { sql } from 'kysely';
import { me, type Ctx, type HandlersFor } from '../../api/context';
import { fail } from '../../api/errors';
import { branchesOfPerson, inScope } from '../../api/scope';
import type { Priority } from '../../../shared/api/interventions';
import { distribute, editableFields, PRIORITY_BY_RANK } from '../../../shared/rules/interventions';
import { getBranch } from '../organization';
import { loadRow, toDetail, updateIntervention } from './service';

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

export const assistantsHandlers: HandlersFor<'interventions.allocateMany' | 'interventions.distribute'> = {
  async 'interventions.allocateMany'(input, ctx) {
    return { updated: await allocateMany(ctx, input) };
  },
  async 'interventions.distribute'(input, ctx) {
    return { assignments: await distributeWaiting(ctx, input.personIds, input.branchId) };
  },
};
