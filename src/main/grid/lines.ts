import { depthOf, intoGroup, type GridGroup, type GridOrder, type GridScopeOf } from './scope';
import type { GridSource } from './source';

/** A grouping level of this scope's grid. */
type LevelOf<Scope extends GridScopeOf> = NonNullable<Scope['groupBy']>[number];

/** A grid as printed: a group's heading (depth 0 under the scope), or a row. */
export type GridLine<Row, Level> = { kind: 'group'; depth: number; level: Level; group: GridGroup } | { kind: 'row'; row: Row };

/** Rows read per page while printing. */
const PAGE = 2000;

/**
 * The grid's rows in its order, under its groups' headings as the grid nests them (each group with its count),
 * up to `cap` rows; `total` is the whole scope's count, so the caller can say what was cut.
 */
export async function gridLines<Scope extends GridScopeOf, Sort extends string, Row>(
  grid: GridSource<Scope, Sort, Row>,
  scope: Scope,
  order: GridOrder<Sort>,
  cap: number,
): Promise<{ lines: GridLine<Row, LevelOf<Scope>>[]; rows: number; total: number }> {
  const lines: GridLine<Row, LevelOf<Scope>>[] = [];
  let rows = 0;
  const top = depthOf(scope);
  const rowsOf = async (at: Scope) => {
    for (let offset = 0; rows < cap; offset += PAGE) {
      const limit = Math.min(PAGE, cap - rows);
      const page = await grid.page(at, order, offset, limit);
      for (const row of page) lines.push({ kind: 'row', row });
      rows += page.length;
      if (page.length < limit) return;
    }
  };
  const walk = async (at: Scope): Promise<void> => {
    const level: LevelOf<Scope> | undefined = at.groupBy?.[depthOf(at)];
    if (!level) return rowsOf(at);
    for (const group of await grid.groups(at)) {
      if (rows >= cap) return;
      lines.push({ kind: 'group', depth: depthOf(at) - top, level, group });
      await walk(intoGroup(at, group.key));
    }
  };
  const total = await grid.count(scope);
  await walk(scope);
  return { lines, rows, total };
}
