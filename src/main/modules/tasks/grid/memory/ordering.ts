import type { TaskSortField } from '../../../../../shared/api/taskGrid';
import { TASK_STATUSES } from '../../../../../shared/rules/tasks/status';
import { CLOSED_STATUSES } from '../../../../../shared/rules/tasks/overdue';
import { SortedOrder, type Compare } from '../../../../grid/memory/sortedOrder';
import { compareNullable, type TaskCodeColumn, type TaskColumns } from './columns';

/** The sorts the index keeps orders for; the others (by a type's or person's name, by subject) are SQL's. */
export const MEMORY_SORTS = ['rank', 'number', 'docDate', 'priority', 'status', 'client', 'address', 'dueDate', 'source', 'updatedAt'] as const;
export type MemorySort = (typeof MEMORY_SORTS)[number];

export function isMemorySort(sort: TaskSortField): sort is MemorySort {
  return (MEMORY_SORTS as readonly string[]).includes(sort);
}

const NO_DUE = '9999-12-31';

/**
 * Ascending comparison of two rowids exactly as the SQL grid orders them (its sort keys, then the rowid): the memory
 * index and SQL give the same pages. Descending is the reverse of the same total order.
 */
function comparatorFor(cols: TaskColumns, sort: MemorySort): Compare {
  const c = cols.code;
  const text = (column: TaskCodeColumn): Compare => {
    const values = cols.dicts[column === 'docDate' || column === 'dueDate' ? 'days' : column === 'status' || column === 'source' ? 'enums' : 'keys'].values;
    const col = c[column];
    return (a, b) => compareNullable(values[col[a]!] ?? null, values[col[b]!] ?? null) || a - b;
  };
  switch (sort) {
    case 'rank': {
      const enums = cols.dicts.enums.values;
      const days = cols.dicts.days.values;
      const ids = cols.dicts.ids.values;
      const closed = (code: number) => (CLOSED_STATUSES as readonly (string | null)[]).includes(enums[code] ?? null);
      return (a, b) =>
        Number(closed(c.status[a]!)) - Number(closed(c.status[b]!)) ||
        cols.rank[a]! - cols.rank[b]! ||
        compareNullable(days[c.dueDate[a]!] ?? NO_DUE, days[c.dueDate[b]!] ?? NO_DUE) ||
        compareNullable(ids[c.branch[a]!] ?? null, ids[c.branch[b]!] ?? null) ||
        compareNullable(enums[c.status[a]!] ?? null, enums[c.status[b]!] ?? null) ||
        compareNullable(days[c.dueDate[a]!] ?? null, days[c.dueDate[b]!] ?? null) ||
        a - b;
    }
    case 'number':
      return (a, b) => compareNullable(cols.numbers[a] ?? null, cols.numbers[b] ?? null) || a - b;
    case 'updatedAt':
      return (a, b) => compareNullable(cols.updated[a] ?? null, cols.updated[b] ?? null) || a - b;
    case 'priority':
      return (a, b) => cols.rank[a]! - cols.rank[b]! || a - b;
    case 'status': {
      // Workflow order; a status the grid does not know sorts first, as SQL's NULL does.
      const enums = cols.dicts.enums.values;
      const pos = (code: number) => (TASK_STATUSES as readonly (string | null)[]).indexOf(enums[code] ?? null);
      return (a, b) => pos(c.status[a]!) - pos(c.status[b]!) || a - b;
    }
    case 'docDate':
      return text('docDate');
    case 'dueDate':
      return text('dueDate');
    case 'source':
      return text('source');
    case 'client':
      return text('clientKey');
    case 'address':
      return text('address');
  }
}

/**
 * Every live task in one sort order, kept current as tasks change (a binary search and a shift each); a task not
 * where its order expects it is an error, so the index is read again.
 */
export class TaskOrder extends SortedOrder {
  constructor(cols: TaskColumns, sort: MemorySort) {
    super(cols, { compare: comparatorFor(cols, sort) }, true);
  }
}
