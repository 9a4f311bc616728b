import { sql, type Selectable } from 'kysely';
import type { Ctx } from '../../../api/context';
import { me } from '../../../api/context';
import { fail } from '../../../api/errors';
import { assertAssignable, inScope, loadInScope } from '../../../api/scope';
import type { ServiceTable } from '../../../db/schema';
import type { ServiceRow } from '../../../../shared/api/schedule';
import { foldKey } from '../../../../shared/rules/text';
import { serviceRows } from './tables';

/** A branch's services: readers for the services screen and for the visits that book them, and their writes. */

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

export interface ServiceInput {
  name: string;
  durationMin: number;
  priceMinor: number;
  currency: string;
  colour: string;
  performerIds: readonly string[];
}

/** Names are told apart as a clerk reads them: "Konsultacija" and "konsultacija " are one service. */
async function assertNameFree(ctx: Ctx, branchId: string, name: string, exceptId: string | null): Promise<void> {
  const key = foldKey(name);
  // A branch has dozens of services, not thousands: compared here with the whole name folded.
  const names = await ctx.db.selectFrom('service').select(['id', 'name']).where('org_id', '=', me(ctx).orgId).where('branch_id', '=', branchId).where('deleted_at', 'is', null).execute();
  if (names.some((s) => s.id !== exceptId && foldKey(s.name) === key)) throw fail.conflict('service_name_taken', 'name', { name });
}

/** Each performer must work in the branch (or be someone who may be given its work); listed once, in the given order. */
async function checkedPerformers(ctx: Ctx, branchId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  for (const id of unique) await assertAssignable(ctx.db, me(ctx), id, branchId, 'performerIds');
  return unique;
}

const serviceValues = (input: ServiceInput, performers: string[]) => ({
  name: input.name.trim(),
  duration_min: input.durationMin,
  price_minor: input.priceMinor,
  currency: input.currency,
  colour: input.colour,
  performers: JSON.stringify(performers),
});

export async function createService(ctx: Ctx, input: ServiceInput & { branchId: string }): Promise<ServiceRow> {
  await loadInScope(ctx.db, me(ctx), 'branch', input.branchId, { key: 'branch_not_found', field: 'branchId' });
  await assertNameFree(ctx, input.branchId, input.name.trim(), null);
  const performers = await checkedPerformers(ctx, input.branchId, input.performerIds);
  return toServiceRow(await serviceRows.in(ctx).insert({ branch_id: input.branchId, ...serviceValues(input, performers), active: 1 }));
}

export async function updateService(ctx: Ctx, input: ServiceInput & { id: string; version: number; active: boolean }): Promise<ServiceRow> {
  const rows = serviceRows.in(ctx);
  const before = await rows.load(input.id, { key: 'service_not_found', field: 'id' });
  await assertNameFree(ctx, before.branch_id, input.name.trim(), before.id);
  const performers = await checkedPerformers(ctx, before.branch_id, input.performerIds);
  return toServiceRow(await rows.update(before, { ...serviceValues(input, performers), active: input.active ? 1 : 0 }, { expect: input.version }));
}

/** Booked visits still to come keep their service: those are counted, and the service is made inactive instead. */
export async function deleteService(ctx: Ctx, id: string): Promise<void> {
  const rows = serviceRows.in(ctx);
  const before = await rows.load(id, { key: 'service_not_found', field: 'id' });
  const uses = await ctx.db
    .selectFrom('visit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', before.org_id)
    .where('deleted_at', 'is', null)
    .where('status', '=', 'booked')
    .where((eb) =>
      eb.or([
        eb('service_id', '=', id),
        eb.exists(eb.selectFrom('visit_line as l').select('l.id').whereRef('l.visit_id', '=', 'visit.id').where('l.service_id', '=', id).where('l.deleted_at', 'is', null)),
      ]),
    )
    .executeTakeFirstOrThrow();
  if (uses.n) throw fail.conflict('service_in_use', 'id', { count: uses.n });
  await rows.remove(before);
}
