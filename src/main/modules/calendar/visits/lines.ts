import type { Ctx } from '../../../api/context';
import { me } from '../../../api/context';
import { fail } from '../../../api/errors';
import type { ServiceRow } from '../../../../shared/api/schedule';
import { servicesOf } from '../schedule/services';
import { lineRows } from './tables';
import type { VisitRow } from './read';

export interface LineInput {
  kind: 'service' | 'product';
  serviceId?: string | null;
  productId?: string | null;
  name: string;
  quantity: number;
  priceMinor: number;
}

export const totalOf = (lines: readonly Pick<LineInput, 'quantity' | 'priceMinor'>[]) => lines.reduce((sum, l) => sum + l.quantity * l.priceMinor, 0);

/** The main service as the visit's one line, at its price, when the clerk gives no lines. */
export const serviceLine = (s: ServiceRow): LineInput => ({ kind: 'service', serviceId: s.id, productId: null, name: s.name, quantity: 1, priceMinor: s.priceMinor });

/** Each line's service must be one of the visit's branch, its product one of the organization's (refused at the line's field). */
export async function assertLines(ctx: Ctx, branchId: string, lines: readonly LineInput[]): Promise<void> {
  const serviceIds = [...new Set(lines.map((l) => l.serviceId).filter((x): x is string => !!x))];
  if (serviceIds.length) {
    const found = await ctx.db.selectFrom('service').select('id').where('id', 'in', serviceIds).where('branch_id', '=', branchId).where('org_id', '=', me(ctx).orgId).where('deleted_at', 'is', null).execute();
    if (found.length !== serviceIds.length) throw fail.validation('visit_service_not_in_branch', 'serviceId');
  }
  const productIds = [...new Set(lines.map((l) => l.productId).filter((x): x is string => !!x))];
  if (productIds.length) {
    const found = await ctx.db.selectFrom('product').select('id').where('id', 'in', productIds).where('org_id', '=', me(ctx).orgId).where('deleted_at', 'is', null).execute();
    if (found.length !== productIds.length) throw fail.validation('product_not_found', 'productId');
  }
}

/** The currency of a visit without a service: the branch's services' (one branch keeps one), else the euro. */
export async function branchCurrency(ctx: Ctx, branchId: string): Promise<string> {
  return (await servicesOf(ctx, branchId, { includeInactive: true }))[0]?.currency ?? 'EUR';
}

/** The lines are told by the visit's own audit entry (its total changes with them). */
const QUIET = { audit: false } as const;

export async function insertLines(ctx: Ctx, visit: Pick<VisitRow, 'id' | 'branch_id'>, lines: readonly LineInput[]): Promise<void> {
  const rows = lineRows.in(ctx);
  for (const l of lines) {
    await rows.insert({ branch_id: visit.branch_id, visit_id: visit.id, kind: l.kind, service_id: l.serviceId ?? null, product_id: l.productId ?? null, name: l.name, quantity: l.quantity, price_minor: l.priceMinor }, QUIET);
  }
}

/** Replaces a visit's lines (the form sends them all), leaving tombstones for the ones taken away. */
export async function replaceLines(ctx: Ctx, visit: Pick<VisitRow, 'id' | 'branch_id'>, lines: readonly LineInput[]): Promise<void> {
  const rows = lineRows.in(ctx);
  const old = await ctx.db.selectFrom('visit_line').selectAll().where('visit_id', '=', visit.id).where('deleted_at', 'is', null).execute();
  for (const l of old) await rows.remove(l, QUIET);
  await insertLines(ctx, visit, lines);
}
