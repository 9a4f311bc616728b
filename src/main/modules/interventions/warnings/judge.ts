import type { Selectable } from 'kysely';
import type { Ctx } from '../../../api/context';
import type { InterventionWarningTable } from '../../../db/schema';
import type { Status } from '../../../../shared/api/interventions';
import { WARNING_KINDS, type WarningKind } from '../../../../shared/api/interventionSettings';
import { dueWarnings, type WarningLimits } from './rules';
import { warningRows } from './tables';

export type WarningRow = Selectable<InterventionWarningTable>;

/** What one slice of documents changed: warnings raised (new or again) and resolved, and the branches whose lists moved. */
export interface Judged {
  raised: WarningRow[];
  resolved: { interventionId: string; kind: WarningKind }[];
  /** Branch → documents whose warnings changed there (a grid and a panel to refresh). */
  touched: Map<string, Set<string>>;
}

const ISO = (ms: number) => new Date(ms).toISOString();

/**
 * Compares what is due for these documents with what is recorded, in the caller's write transaction, and writes the
 * difference through the funnel: one row per intervention × kind, raised once, reopened if its condition comes back.
 */
export async function judge(ctx: Ctx, orgId: string, ids: string[], limits: WarningLimits, out: Judged): Promise<void> {
  const now = ctx.clock.now();
  const docs = await ctx.db.selectFrom('intervention').select(['id', 'branch_id', 'status', 'created_at', 'allocated_at', 'end_at', 'deleted_at']).where('id', 'in', ids).where('org_id', '=', orgId).execute();
  const existing = await ctx.db.selectFrom('intervention_warning').selectAll().where('intervention_id', 'in', ids).execute();
  const byKey = new Map(existing.map((w) => [`${w.intervention_id}:${w.kind}`, w]));
  const rows = warningRows.in(ctx);
  for (const d of docs) {
    const facts = { status: d.status as Status, createdAt: d.created_at, allocatedAt: d.allocated_at, endAt: d.end_at, deleted: d.deleted_at != null };
    const due = new Map(dueWarnings(facts, limits, ctx.clock).map((w) => [w.kind, w.dueAt]));
    for (const kind of WARNING_KINDS) {
      const w = byKey.get(`${d.id}:${kind}`);
      const dueAt = due.get(kind);
      if (dueAt !== undefined && !w) {
        out.raised.push(await rows.insert({ org_id: orgId, branch_id: d.branch_id, intervention_id: d.id, kind, due_at: ISO(dueAt), raised_at: ISO(now), resolved_at: null, times: 1 }));
        touch(out, d.branch_id, d.id);
      } else if (dueAt !== undefined && w?.resolved_at) {
        // Its condition came back (received again after an allocation, a new end already past): a new lapse, told again.
        out.raised.push(await rows.update(w, { branch_id: d.branch_id, due_at: ISO(dueAt), raised_at: ISO(now), resolved_at: null, times: w.times + 1 }));
        touch(out, d.branch_id, d.id);
      } else if (dueAt === undefined && w && !w.resolved_at) {
        await rows.update(w, { resolved_at: ISO(now) });
        out.resolved.push({ interventionId: d.id, kind });
        touch(out, w.branch_id, d.id);
      } else if (w && !w.resolved_at && w.branch_id !== d.branch_id) {
        // The document moved to another branch: its warning follows (and leaves the first branch's panel).
        await rows.update(w, { branch_id: d.branch_id });
        touch(out, w.branch_id, d.id);
        touch(out, d.branch_id, d.id);
      }
    }
  }
}

function touch(out: Judged, branchId: string, id: string): void {
  const set = out.touched.get(branchId) ?? new Set<string>();
  set.add(id);
  out.touched.set(branchId, set);
}
