import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../../../shared/api/auth';
import type { ClientInterventionRow } from '../../../shared/api/interventions';
import { inScope } from '../../api/scope';
import { me, type HandlersFor } from '../../api/context';

/** One client's live documents the user may see; scoped like every intervention read. Walks the intervention_client index. */
function ofClient(db: Kysely<DB>, user: SessionUser, clientId: string) {
  return db
    .selectFrom('intervention as i')
    .where(inScope(user, { org: 'i.org_id', branch: 'i.branch_id' }))
    .where('i.client_id', '=', clientId)
    .where('i.deleted_at', 'is', null);
}

/**
 * The client card's history: newest document date first; on one day the one entered last first (ids are UUIDv7, so
 * they break a tie of the same instant in creation order too).
 */
export async function clientInterventions(db: Kysely<DB>, user: SessionUser, clientId: string, limit: number): Promise<{ rows: ClientInterventionRow[]; total: number }> {
  const rows = await ofClient(db, user, clientId)
    .leftJoin('nomenclature as t', 't.id', 'i.type_id')
    .leftJoin('app_user as tb', 'tb.id', 'i.taken_by_id')
    .select(['i.id', 'i.number', 'i.doc_date', 'i.status', 'i.valid', 't.name as type', 'tb.name as taken_by'])
    .orderBy('i.doc_date', 'desc')
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
  const total = rows.length < limit ? rows.length : Number((await ofClient(db, user, clientId).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      docDate: r.doc_date,
      status: r.status as ClientInterventionRow['status'],
      valid: !!r.valid,
      type: r.type ?? null,
      takenBy: r.taken_by ?? null,
    })),
    total,
  };
}

export const clientHistoryHandlers: HandlersFor<'interventions.ofClient'> = {
  async 'interventions.ofClient'(input, ctx) {
    return clientInterventions(ctx.db, me(ctx), input.clientId, input.limit ?? 50);
  },
};
