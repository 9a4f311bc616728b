import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../../../shared/api/auth';
import type { GroupLevel } from '../../../shared/api/interventions';
import { nameGroups } from '../../grid/groups';
import { snapshotOfKeys } from '../../grid/source';
import { levelBelow, type GridGroup } from '../../grid/scope';
import { PRIORITY_BY_RANK } from '../../../shared/rules/interventions';
import { STATUS_ORDER } from './memory/columns';
import { isoOfDay, NO_TIME } from './memory/dates';
import type { InterventionIndex } from './memory/memoryIndex';
import type { RawGroup } from './memory/queries';
import { GROUP_NAMING } from './grid';
import { rowsOf, type InterventionGrid } from './listing';

/** The index's group codes as the API's keys (dates as their bucket's first day, enums by name, ids decoded). */
function groupKeys(index: InterventionIndex, level: GroupLevel, raw: RawGroup[]): GridGroup[] {
  const cols = index.cols;
  return raw.map(({ code, count }) => {
    if (level.field === 'docDate' || level.field === 'startAt' || level.field === 'endAt') return { key: code === NO_TIME ? null : isoOfDay(code), label: null, count };
    if (level.field === 'status') return { key: STATUS_ORDER[code - 1] ?? null, label: null, count };
    if (level.field === 'priority') return { key: PRIORITY_BY_RANK[code] ?? null, label: null, count };
    return { key: cols.ids.decode(code), label: level.field === 'client' ? cols.clientNames.get(code) ?? null : null, count };
  });
}

/** The grid from the memory index: it picks the rowids, counts and groups; SQL reads only the page's rows by rowid. */
export function memoryGridSource(index: InterventionIndex, db: Kysely<DB>, user: SessionUser): InterventionGrid {
  return {
    kind: 'memory',
    page: async (scope, order, offset, limit) => rowsOf(db, user, await index.pageOf(db, user, scope, order.sort, order.desc, offset, limit)),
    count: (scope, order) => index.countOf(db, user, scope, order),
    async groups(scope) {
      const level = levelBelow(scope);
      return level ? nameGroups(db, GROUP_NAMING, level.field, groupKeys(index, level, await index.groupsOf(db, user, scope, level))) : [];
    },
    async snapshot(scope, order) {
      // The index follows every save while the export reads from its own snapshot: the order is taken once, here,
      // and its rows are read by rowid (one deleted meanwhile is left out, one changed comes as it was).
      const total = await index.countOf(db, user, scope, order);
      const keys = await index.pageOf(db, user, scope, order.sort, order.desc, 0, total);
      return snapshotOfKeys(keys, (rowids) => rowsOf(db, user, rowids));
    },
  };
}
