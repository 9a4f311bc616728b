import type { Selectable } from 'kysely';
import type { Ctx } from '../../../api/context';
import type { InterventionWarningTable } from '../../../db/schema';
import type { WarningKind } from '../../../../shared/api/interventionSettings';
import { enqueueMail, isLanguage, mailConfigured, renderInterventionMail, type InterventionFacts } from '../../../mail';
import { rowsWhere } from '../listing';

/** What a mail and a push say of each document a run raised warnings on. */
export type WarnedFacts = Map<string, InterventionFacts>;

/** The documents' facts as a mail shows them (names, not ids): their grid rows, read as a page is, for the run's raised warnings. */
export async function factsOfWarned(ctx: Ctx, orgId: string, raised: Selectable<InterventionWarningTable>[]): Promise<WarnedFacts> {
  const out: WarnedFacts = new Map();
  const ids = [...new Set(raised.map((w) => w.intervention_id))];
  if (!ids.length) return out;
  const org = await ctx.db.selectFrom('org').select('name').where('id', '=', orgId).executeTakeFirstOrThrow();
  for (let k = 0; k < ids.length; k += 500) {
    const page = ctx.db.selectFrom('intervention').select('id').where('id', 'in', ids.slice(k, k + 500));
    for (const r of await rowsWhere(ctx.db, page, [])) {
      const address = [r.address, r.locality, r.county, r.country].filter(Boolean).join(', ') || null;
      // An open document has no reason for cancelling; its grid row says everything else a mail shows.
      out.set(r.id, { ...r, address, cancelReason: null, orgName: org.name });
    }
  }
  return out;
}

/**
 * Each raised warning, mailed once to the managers of its branch (active, with an e-mail) in their own language,
 * through the outbox in the run's transaction: the warning and its mails commit together, so a warning is never
 * mailed twice nor lost. Raised again after it was resolved, it is a new lapse and mailed again.
 */
export async function mailWarnings(ctx: Ctx, orgId: string, raised: Selectable<InterventionWarningTable>[], facts: WarnedFacts): Promise<void> {
  if (!raised.length || !(await mailConfigured(ctx.db, orgId))) return;
  const branches = [...new Set(raised.map((w) => w.branch_id))];
  const managers = await ctx.db
    .selectFrom('app_user as u')
    .innerJoin('user_branch as ub', (j) => j.onRef('ub.user_id', '=', 'u.id').on('ub.deleted_at', 'is', null))
    .select(['u.name', 'u.email', 'u.language', 'ub.branch_id'])
    .where('u.org_id', '=', orgId)
    .where('u.role', '=', 'branch_manager')
    .where('u.active', '=', 1)
    .where('u.deleted_at', 'is', null)
    .where('u.email', 'is not', null)
    .where('ub.branch_id', 'in', branches)
    .execute();
  for (const w of raised) {
    const f = facts.get(w.intervention_id);
    if (!f) continue;
    for (const m of managers.filter((x) => x.branch_id === w.branch_id)) {
      const mail = renderInterventionMail(isLanguage(m.language) ? m.language : 'en', f, { kind: 'warning', warning: w.kind as WarningKind }, m.name);
      await enqueueMail(ctx, { orgId, to: m.email!, ...mail, refEntity: 'intervention_warning', refId: w.id });
    }
  }
}
