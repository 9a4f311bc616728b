import type { GridGroup, GridOrder, GridScopeOf } from './scope';

/**
 * The rows of a scope in one order, fixed when it was taken: an export reads it page by page while saves go on,
 * so it never skips or repeats a row that moved meanwhile.
 */
export interface GridSnapshot<Row> {
  total: number;
  read(offset: number, limit: number): Promise<Row[]>;
}

/**
 * Everything a grid asks, answered by one source chosen once per call (a module keeps, say, an index in memory and
 * falls back to SQL until it is ready): callers never ask which one answers, and both answer alike.
 */
export interface GridSource<Scope extends GridScopeOf, Sort extends string, Row> {
  /** Which implementation answers ('memory', 'sql'): for logs and tests, never for a decision. */
  readonly kind: string;
  page(scope: Scope, order: GridOrder<Sort>, offset: number, limit: number): Promise<Row[]>;
  /** With an order, a source may also put the rows in that order for the pages that follow. */
  count(scope: Scope, order?: GridOrder<Sort>): Promise<number>;
  /** The groups at the level below the scope's path, named and in display order; none when there is no such level. */
  groups(scope: Scope): Promise<GridGroup[]>;
  /** The whole order, for an export. */
  snapshot(scope: Scope, order: GridOrder<Sort>): Promise<GridSnapshot<Row>>;
}

/** A snapshot of row keys taken at once; the rows are read by key when asked (one that has gone is left out). */
export function snapshotOfKeys<K, Row>(keys: K[], rowsOf: (keys: K[]) => Promise<Row[]>): GridSnapshot<Row> {
  return { total: keys.length, read: (offset, limit) => rowsOf(keys.slice(offset, offset + limit)) };
}
