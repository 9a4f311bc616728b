import type { Selectable } from 'kysely';
import type { Ctx } from '../../../api/context';
import type { InterventionWarningTable } from '../../../db/schema';
import type { Status } from '../../../../shared/api/interventions';
import type { WarningKind } from '../../../../shared/api/interventionSettings';
import { PRIORITY_BY_RANK } from '../../../../shared/rules/interventions';
import { enqueueMail, isLanguage, mailConfigured, renderInterventionMail, type InterventionFacts } from '../../../mail';
import { withLabels } from '../listing';

/** What a mail and a push say of each document a run raised warnings on. */
export type WarnedFacts = Map<string, InterventionFacts>;

/** The documents' facts as a mail shows them (names, not ids), read in one query for the run's raised warnings. */
export async function factsOfWarned(ctx: Ctx, orgId: string, raised: Selectable<InterventionWarningTable>[]): Promise<WarnedFacts> {
  const out: WarnedFacts = new Map();
  const ids = [...new Set(raised.map((w) => w.intervention_id))];
  if (!ids.length) return out;
  const org = await ctx.db.selectFrom('org').select(['name', 'time_zone']).where('id', '=', orgId).executeTakeFirstOrThrow();
  for (let k = 0; k < ids.length; k += 500) {
    const rows = await withLabels(ctx.db)
      .select(['i.id', 'i.number', 'i.doc_date', 'i.client_name', 'i.client_phone', 'i.address', 'i.locality', 'i.county', 'i.country', 'i.object_serial', 'i.start_at', 'i.end_at', 'i.status', 'i.priority', 'i.notes', 'i.cancel_reason'])
      .select(['t.name as type', 'p.name as object', 'tb.name as taken_by', 'rs.name as responsible', 'bz.time_zone as time_zone'])
      .where('i.id', 'in', ids.slice(k, k + 500))
      .execute();
    for (const r of rows) {
      out.set(r.id, {
        number: r.number,
        docDate: r.doc_date,
        client: r.client_name,
        address: [r.address, r.locality, r.county, r.country].filter(Boolean).join(', ') || null,
        phone: r.client_phone,
        type: r.type ?? null,
        object: r.object ?? null,
        objectSerial: r.object_serial,
        startAt: r.start_at,
        endAt: r.end_at,
        status: r.status as Status,
        priority: PRIORITY_BY_RANK[r.priority]!,
        takenBy: r.taken_by ?? null,
        responsible: r.responsible ?? null,
        notes: r.notes,
        cancelReason: r.cancel_reason,
        timeZone: r.time_zone ?? org.time_zone,
        orgName: org.name,
      });
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
