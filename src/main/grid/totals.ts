import { depthOf, type GridScopeOf } from './scope';
import type { GridSource } from './source';

/** A field this scope's grid can group by. */
type FieldOf<Scope extends GridScopeOf> = NonNullable<Scope['groupBy']>[number]['field'];

/** How many rows of a scope hold each value of one field (null: none), in the field's group order. */
export interface GridTally {
  key: string | null;
  count: number;
}

/** A scope's count, and for each field asked its rows counted per value. */
export interface GridTotals<G extends string> {
  total: number;
  by: Record<G, GridTally[]>;
}

/**
 * A footer's totals are the groups one level below the scope, on the field asked: so the memory index and SQL count
 * them as they count any group, and a group being looked into (`groupPath`) is counted on its own.
 */
export async function gridTotals<Scope extends GridScopeOf, G extends FieldOf<Scope>, Sort extends string, Row>(
  grid: GridSource<Scope, Sort, Row>,
  scope: Scope,
  fields: readonly G[],
): Promise<GridTotals<G>> {
  const fixed = (scope.groupBy ?? []).slice(0, depthOf(scope));
  const by = {} as Record<G, GridTally[]>;
  for (const field of fields) {
    const groups = await grid.groups({ ...scope, groupBy: [...fixed, { field }], groupPath: scope.groupPath ?? [] } as Scope);
    by[field] = groups.map((g) => ({ key: g.key, count: g.count }));
  }
  return { total: await grid.count(scope), by };
}

