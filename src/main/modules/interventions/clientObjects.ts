import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../../../shared/api/auth';
import type { ClientObject } from '../../../shared/api/interventions';
import { inScope } from '../../api/scope';
import { me, type HandlersFor } from '../../api/context';
import { likeLiteral, searchFilter } from '../../db/like';

export interface ClientObjectsArgs {
  clientId: string;
  search?: string;
  /** The document being edited: its own object is not "an earlier one". */
  excludeId?: string | null;
  limit: number;
}

/**
 * The client's objects as their past interventions name them: one row per distinct product + serial/lot, the most
 * recently serviced first. Scoped like every intervention read (the caller's organization, their branches unless they
 * see all, live documents only). The inner aggregate walks the partial index intervention_client (org_id, client_id,
 * doc_date) — one client's documents, not the table — and is joined to the product only after grouping (documents
 * without an object drop out there).
 * Sales (invoiced products) can be added here as a second source once invoicing exists.
 */
export function clientObjectsQuery(db: Kysely<DB>, user: SessionUser, a: ClientObjectsArgs) {
  let inner = db
    .selectFrom('intervention as i')
    .select([
      'i.object_product_id as product_id',
      sql<string | null>`nullif(i.object_serial, '')`.as('serial'),
      sql<string>`max(i.doc_date)`.as('last_date'),
      sql<string>`max(i.created_at)`.as('last_created'),
    ])
    .where(inScope(user, { org: 'i.org_id', branch: 'i.branch_id' }))
    .where('i.client_id', '=', a.clientId)
    .where('i.deleted_at', 'is', null);
  if (a.excludeId) inner = inner.where('i.id', '!=', a.excludeId);
  inner = inner.groupBy([sql.ref('product_id'), sql.ref('serial')]);

  let q = db
    .selectFrom(inner.as('o'))
    .innerJoin('product as p', 'p.id', 'o.product_id')
    .select(['o.product_id', 'o.serial', 'o.last_date', 'p.code', 'p.name', 'p.is_system', 'p.active'])
    .where('p.org_id', '=', user.orgId)
    .where('p.deleted_at', 'is', null);
  const term = a.search?.trim();
  if (term) {
    const byProduct = searchFilter(term, 'p');
    const bySerial = sql<SqlBool>`lower(o.serial) like ${`%${likeLiteral(term.toLowerCase())}%`} escape '\\'`;
    q = q.where(byProduct ? sql<SqlBool>`(${byProduct} or ${bySerial})` : bySerial);
  }
  return q.orderBy('o.last_date', 'desc').orderBy('o.last_created', 'desc').orderBy('p.name_key').orderBy('o.serial').limit(a.limit);
}

export async function clientObjects(db: Kysely<DB>, user: SessionUser, a: ClientObjectsArgs): Promise<ClientObject[]> {
  const rows = await clientObjectsQuery(db, user, a).execute();
  return rows.map((r) => ({
    productId: r.product_id!,
    code: r.code,
    name: r.name,
    isSystem: !!r.is_system,
    active: !!r.active,
    serial: r.serial,
    source: 'intervention' as const,
    lastDate: r.last_date,
  }));
}

export const clientObjectsHandlers: HandlersFor<'interventions.clientObjects'> = {
  async 'interventions.clientObjects'(input, ctx) {
    return clientObjects(ctx.db, me(ctx), { clientId: input.clientId, search: input.search, excludeId: input.excludeId, limit: input.limit ?? 30 });
  },
};
