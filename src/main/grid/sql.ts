import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DateBucket } from '../../shared/api/interventions';
import { depthOf, type GridLevel, type GridScopeOf } from './scope';

/** A date or local time column cut to its group's first day: the day, the week's Monday or the month's first. */
export function dateBucketExpr(column: string, bucket: DateBucket = 'day'): RawBuilder<string | null> {
  const col = sql.ref(column);
  const day = sql`substr(${col}, 1, 10)`;
  if (bucket === 'month') return sql<string>`substr(${col}, 1, 7) || '-01'`;
  if (bucket === 'week') return sql<string>`date(${day}, '-' || ((cast(strftime('%w', ${day}) as integer) + 6) % 7) || ' days')`;
  return sql<string>`${day}`;
}

/** How a grid's SQL reads one group level: the key's expression, and a key as the API gives it turned into its stored value. */
export interface SqlGroupKeys<G extends string> {
  expr(level: GridLevel<G>): Expression<unknown>;
  value(field: G, key: string): string | number;
}

/** Keeps, of a grid query, the rows of the group its scope's path names down to `depth` ("(empty)" is null). */
export function withinGroups<Q extends SelectQueryBuilder<any, any, any>, G extends string>(q: Q, scope: GridScopeOf<unknown, G>, keys: SqlGroupKeys<G>, depth = depthOf(scope)): Q {
  const levels = scope.groupBy ?? [];
  (scope.groupPath ?? []).slice(0, depth).forEach((key, i) => {
    const level = levels[i];
    if (!level) return;
    const expr = keys.expr(level);
    q = (key == null ? q.where(sql<SqlBool>`${expr} is null`) : q.where(sql<SqlBool>`${expr} = ${keys.value(level.field, key)}`)) as Q;
  });
  return q;
}
