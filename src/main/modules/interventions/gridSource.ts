import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../../../shared/api/auth';
import { me, type Ctx } from '../../api/context';
import { PRIORITIES, STATUSES, type GridScope, type SortField } from '../../../shared/api/interventions';
import { gridTotals, type GridTally } from '../../grid/totals';
import type { GridOrder } from '../../grid/scope';
import type { InterventionGrid } from './listing';
import { interventionIndex } from './gridIndex';
import type { InterventionIndex } from './memory/memoryIndex';
import { memoryGridSource } from './memorySource';
import { sqlGridSource } from './sqlSource';

export type { InterventionGrid } from './listing';

/** The grid's order when the caller names none: newest document first. */
export function gridOrder(input: { sort?: SortField; desc?: boolean }): GridOrder<SortField> {
  return { sort: input.sort ?? 'docDate', desc: input.desc ?? true };
}

/** What the grid's footer and the printed list count the rows by, each in its workflow order (high priority first). */
export const TOTAL_FIELDS = ['status', 'priority'] as const;
const TOTAL_ORDER: Record<(typeof TOTAL_FIELDS)[number], readonly string[]> = { status: STATUSES, priority: [...PRIORITIES].reverse() };

export type InterventionTotals = { total: number } & Record<(typeof TOTAL_FIELDS)[number], GridTally[]>;

/** The caller's grid's totals for a scope (one group's alone when the scope looks into one). */
export async function interventionTotals(ctx: Ctx, scope: GridScope): Promise<InterventionTotals> {
  const { total, by } = await gridTotals(gridSourceOf(ctx), scope, TOTAL_FIELDS);
  const ordered = (field: (typeof TOTAL_FIELDS)[number]) => {
    const rank = (k: string | null) => (k == null ? Infinity : TOTAL_ORDER[field].indexOf(k));
    return [...by[field]].sort((a, b) => rank(a.key) - rank(b.key));
  };
  return { total, status: ordered('status'), priority: ordered('priority') };
}

/** The memory index once it is ready (and while it holds every change), else SQL: chosen here, once per call. */
export function interventionGrid(db: Kysely<DB>, user: SessionUser, index: InterventionIndex): InterventionGrid {
  return index.ready ? memoryGridSource(index, db, user) : sqlGridSource(db, user);
}

/** The caller's grid for this call (each row with its open warnings). */
export function gridSourceOf(ctx: Ctx): InterventionGrid {
  return interventionGrid(ctx.db, me(ctx), interventionIndex(ctx));
}
