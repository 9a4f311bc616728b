import { sql, type Selectable } from 'kysely';
import type { Ctx } from '../../../api/context';
import { me } from '../../../api/context';
import { inScope, loadInScope } from '../../../api/scope';
import type { ServiceTable } from '../../../db/schema';
import type { ServiceRow } from '../../../../shared/api/schedule';

/** Readers of a branch's services, for the services screen and for the visits that book them. */

export function toServiceRow(r: Selectable<ServiceTable>): ServiceRow {
  return {
    id: r.id,
    branchId: r.branch_id,
    name: r.name,
    durationMin: r.duration_min,
    priceMinor: r.price_minor,
    currency: r.currency,
    colour: r.colour,
    performerIds: JSON.parse(r.performers) as string[],
    active: r.active === 1,
    version: r.version,
  };
}

/** A live service the caller may see, or "not found" at `field` (another branch's service is not there for them). */
export async function serviceById(ctx: Ctx, id: string, field = 'serviceId'): Promise<ServiceRow> {
  return toServiceRow(await loadInScope(ctx.db, me(ctx), 'service', id, { key: 'service_not_found', field }));
}

/** The services of a branch (or of every branch the caller sees), by name; inactive ones only when asked. */
export async function servicesOf(ctx: Ctx, branchId?: string, opts: { includeInactive?: boolean } = {}): Promise<ServiceRow[]> {
  let q = ctx.db
    .selectFrom('service')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where(inScope(me(ctx), { org: 'service.org_id', branch: 'service.branch_id' }));
  if (branchId) q = q.where('branch_id', '=', branchId);
  if (!opts.includeInactive) q = q.where('active', '=', 1);
  const rows = await q.orderBy(sql`sort_key(name)`).orderBy('id').execute();
  return rows.map(toServiceRow);
}
