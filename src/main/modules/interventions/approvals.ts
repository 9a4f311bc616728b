import { me, type Ctx, type HandlersFor } from '../../api/context';
import { fail } from '../../api/errors';
import { inScope } from '../../api/scope';
import { isoNow } from '../../clock';
import { applyCancel, applyFinalize, loadRow } from './service';
import { approvalRows } from './tables';

/** The undecided requests in the caller's branches; `requestedBy`: only that person's. */
export async function listApprovals(ctx: Ctx, requestedBy?: string) {
  const user = me(ctx);
  let q = ctx.db
    .selectFrom('approval as a')
    .innerJoin('intervention as i', 'i.id', 'a.entity_id')
    .leftJoin('app_user as u', 'u.id', 'a.requested_by')
    .select(['a.id', 'a.entity_id', 'a.kind', 'a.reason', 'u.name as requested_by', 'a.requested_at', 'i.client_name', 'i.number'])
    .where(inScope(user, { org: 'a.org_id', branch: 'i.branch_id' }))
    .where('a.decision', 'is', null);
  if (requestedBy) q = q.where('a.requested_by', '=', requestedBy);
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
  const approvals = approvalRows.in(ctx);
  const a = await approvals.load(approvalId, { key: 'approval_not_found', field: 'approvalId' });
  if (a.decision !== null) throw fail.notFound('approval_not_found', 'approvalId');
  // A rejection is recorded like an approval: who decided what, and when.
  await approvals.update(a, { decision: approve ? 'approved' : 'rejected', decided_by: user.id, decided_at: isoNow(ctx.clock) }, { audit: { action: 'status' } });
  if (!approve) return;
  const row = await loadRow(ctx, a.entity_id);
  if (row.cancelled_at || row.finalized_at) throw fail.conflict(row.cancelled_at ? 'intervention_cancelled' : 'intervention_finalized');
  if (a.kind === 'finalize') {
    if (row.status !== 'confirmed') throw fail.conflict('intervention_not_confirmed');
    await applyFinalize(ctx, row);
  } else await applyCancel(ctx, row, a.reason ?? '');
}

export const approvalsHandlers: HandlersFor<'interventions.approvals' | 'interventions.decide'> = {
  async 'interventions.approvals'(_input, ctx) {
    return listApprovals(ctx);
  },
  async 'interventions.decide'(input, ctx) {
    await decide(ctx, input.approvalId, input.approve);
    return { ok: true as const };
  },
};
