import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { GridGroup } from './scope';

/** The most groups one level lists. */
export const MAX_GROUPS = 10_000;

/** Tables whose rows have a name: a group keyed by one of their ids is shown by that name. */
type NamedTable = { [T in keyof DB]: DB[T] extends { id: unknown; name: unknown } ? T : never }[keyof DB];

/** How a grid's groups are named and listed, per group field. */
export interface GroupNaming<G extends string> {
  /** Fields keyed by ids of a named table: the label is its name. */
  tables: Partial<Record<G, NamedTable>>;
  /** Fields whose source gives the label itself (a client's name), listed by it too. */
  labelled?: readonly G[];
}

const byKey = (a: GridGroup, b: GridGroup) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0);

/**
 * The first `MAX_GROUPS` groups of a level, named; groups with names are listed by name (then key, for namesakes),
 * the others stay in the order the source gave (dates ascending, enums in their own order).
 */
export async function nameGroups<G extends string>(db: Kysely<DB>, naming: GroupNaming<G>, field: G, all: GridGroup[]): Promise<GridGroup[]> {
  const groups = all.slice(0, MAX_GROUPS);
  const table = naming.tables[field];
  if (table) {
    const labels = new Map<string, string>();
    const ids = groups.map((g) => g.key).filter((k): k is string => k != null);
    for (let i = 0; i < ids.length; i += 500) {
      const found = (await db.selectFrom(table as 'nomenclature').select(['id', 'name']).where('id', 'in', ids.slice(i, i + 500)).execute()) as { id: string; name: string }[];
      for (const f of found) labels.set(f.id, f.name);
    }
    for (const g of groups) g.label = g.key != null ? labels.get(g.key) ?? null : null;
  }
  if (table || naming.labelled?.includes(field)) groups.sort((a, b) => (a.label ?? '').localeCompare(b.label ?? '') || byKey(a, b));
  return groups;
}
