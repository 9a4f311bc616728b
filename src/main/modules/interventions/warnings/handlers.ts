import { sql } from 'kysely';
import { me, type HandlersFor } from '../../../api/context';
import { inScope } from '../../../api/scope';
import type { Status } from '../../../../shared/api/interventions';
import type { WarningKind } from '../../../../shared/api/interventionSettings';
import { WARNINGS_SHOWN } from '../../../../shared/api/interventionWarnings';

/** The open warnings the caller may see (their branches, enforced here), newest first. */
export const warningsHandlers: HandlersFor<'interventions.warnings.list'> = {
  async 'interventions.warnings.list'(_input, ctx) {
    const user = me(ctx);
    const open = ctx.db
      .selectFrom('intervention_warning as w')
      .where('w.resolved_at', 'is', null)
      .where('w.deleted_at', 'is', null)
      .where(inScope(user, { org: 'w.org_id', branch: 'w.branch_id' }));
    const rows = await open
      .innerJoin('intervention as i', 'i.id', 'w.intervention_id')
      .where('i.deleted_at', 'is', null)
      .leftJoin('branch as b', 'b.id', 'w.branch_id')
      .select(['w.id', 'w.intervention_id', 'w.kind', 'w.due_at', 'w.raised_at', 'w.branch_id', 'i.number', 'i.client_name', 'i.status', 'i.start_at', 'i.end_at', 'b.time_zone'])
      .orderBy('w.raised_at', 'desc')
      .orderBy(sql`w.rowid`, 'desc')
      .limit(WARNINGS_SHOWN)
      .execute();
    // Not joined: the few deleted documents are set aside once (migration 0033's index), where a join would look up
    // each of tens of thousands of open warnings' documents.
    const { n } = await open
      .where('w.intervention_id', 'not in', (eb) => eb.selectFrom('intervention').select('id').where('deleted_at', 'is not', null))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return {
      total: Number(n),
      rows: rows.map((r) => ({
        id: r.id,
        interventionId: r.intervention_id,
        kind: r.kind as WarningKind,
        dueAt: r.due_at,
        raisedAt: r.raised_at,
        number: r.number,
        client: r.client_name,
        status: r.status as Status,
        branchId: r.branch_id,
        startAt: r.start_at,
        endAt: r.end_at,
        timeZone: r.time_zone ?? 'UTC',
      })),
    };
  },
};
