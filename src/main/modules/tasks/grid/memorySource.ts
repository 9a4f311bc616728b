import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { ScopeUser } from '../../../api/scope';
import { nameGroups } from '../../../grid/groups';
import { levelBelow } from '../../../grid/scope';
import { snapshotOfKeys } from '../../../grid/source';
import type { TaskGrid } from './source';
import { readRows } from './source';
import { TASK_GROUP_NAMING, TASK_GROUP_ORDER } from './groupNaming';
import { binaryKey } from './memory/columns';
import { isMemorySort } from './memory/ordering';
import type { TaskIndex } from './memory/taskIndex';

/**
 * The tasks grid from the memory index: it picks a page's rowids, counts and groups; SQL reads only the page's rows.
 * Sorts the index keeps no order for (by a type's or a person's name, by subject) are asked of `sqlGrid`.
 */
export function memoryTaskGrid(index: TaskIndex, db: Kysely<DB>, user: ScopeUser, todays: ReadonlyMap<string, string>, sqlGrid: () => Promise<TaskGrid>): TaskGrid {
  return {
    kind: 'memory',
    async page(scope, order, offset, limit) {
      if (!isMemorySort(order.sort)) return (await sqlGrid()).page(scope, order, offset, limit);
      return readRows(db, todays, index.page(user, todays, scope, order.sort, order.desc, offset, limit));
    },
    async count(scope, order) {
      return index.count(user, todays, scope, order && isMemorySort(order.sort) ? order.sort : undefined);
    },
    async groups(scope) {
      const level = levelBelow(scope);
      if (!level) return [];
      // As SQL lists them: by key (none first), then statuses and priorities in their workflow order.
      const keyed = index.groups(user, todays, scope, level.field).map((g) => ({ g, k: g.key === null ? null : binaryKey(g.key) }));
      keyed.sort((a, b) => (a.k === b.k ? 0 : a.k === null ? -1 : b.k === null ? 1 : a.k < b.k ? -1 : 1));
      const raw = keyed.map((x) => x.g);
      const own = TASK_GROUP_ORDER[level.field];
      if (own) raw.sort((a, b) => own.indexOf(a.key) - own.indexOf(b.key));
      return nameGroups(db, TASK_GROUP_NAMING, level.field, raw);
    },
    async snapshot(scope, order) {
      if (!isMemorySort(order.sort)) return (await sqlGrid()).snapshot(scope, order);
      // The order is taken once, here; its rows are read by rowid as the export asks (one deleted meanwhile is left out).
      const keys = index.page(user, todays, scope, order.sort, order.desc, 0, index.count(user, todays, scope, order.sort));
      return snapshotOfKeys(keys, (rowids) => readRows(db, todays, rowids));
    },
  };
}
