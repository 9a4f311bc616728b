import type { DateBucket } from '../../shared/api/interventions';

/**
 * What every grid asks, whatever its rows: filters (the quick search among them), grouping levels, the group being
 * looked into, an order and a page. A module's grid gives its own filter type, group fields and sort fields.
 */

/** One grouping level: a field, and for a date the bucket its groups span. */
export interface GridLevel<G extends string = string> {
  field: G;
  bucket?: DateBucket;
}

/** The rows a grid shows: its filters, then (with `groupBy`) the group `groupPath` names, one key per level. */
export interface GridScopeOf<F = unknown, G extends string = string> {
  filters: F;
  groupBy?: GridLevel<G>[];
  groupPath?: (string | null)[];
}

export interface GridOrder<S extends string = string> {
  sort: S;
  desc: boolean;
}

/** A group at one level: its key (an id, an enum value, a date bucket's first day; null for "(empty)"), its name when it has one, its rows. */
export interface GridGroup {
  key: string | null;
  label: string | null;
  count: number;
}

/** How many levels down the scope looks (the groups above it are fixed by its path). */
export function depthOf(scope: GridScopeOf): number {
  return scope.groupPath?.length ?? 0;
}

/** The level whose groups are listed under the scope's path; none when the path is as deep as the grouping. */
export function levelBelow<G extends string>(scope: GridScopeOf<unknown, G>): GridLevel<G> | undefined {
  return scope.groupBy?.[depthOf(scope)];
}

/** The scope one group further down. */
export function intoGroup<T extends GridScopeOf>(scope: T, key: string | null): T {
  return { ...scope, groupPath: [...(scope.groupPath ?? []), key] };
}
