import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../../../../db/schema';
import type { ScopeUser } from '../../../../api/scope';
import type { TaskGridScope, TaskGroupField } from '../../../../../shared/api/taskGrid';
import { MemoryIndex } from '../../../../grid/memory/memoryIndex';
import { compareText, TASK_INDEXED_COLUMNS, TaskColumns, type TaskIndexedRow } from './columns';
import { filterFor, GROUP_COLUMN, hasTests, matcher, searchFlags, type TaskFilter } from './filter';
import { TaskOrder, type MemorySort } from './ordering';
import { WebReferences, type IntakeRow } from './webReferences';

const CACHED_RESULTS = 8;
const CACHED_SEARCHES = 4;

/** A scope's rows in one order, found as deep as pages have asked (a count finds them all). */
class OrderedRows {
  private rows: number[] = [];
  private next = 0;
  private done = false;
  private readonly passes: (s: number) => boolean;

  constructor(
    cols: TaskColumns,
    private readonly f: TaskFilter,
    private readonly order: TaskOrder,
  ) {
    if (f.none) this.done = true;
    this.passes = matcher(cols, f);
  }

  private findTo(need: number): void {
    const { rows, passes } = this;
    const order = this.order.rows;
    const end = this.order.length;
    let s = this.next;
    for (; s < end && rows.length < need; s++) if (passes(order[s]!)) rows.push(order[s]!);
    this.next = s;
    this.done = s >= end;
  }

  total(): number {
    if (this.f.none) return 0;
    if (!hasTests(this.f)) return this.order.length;
    if (!this.done) this.findTo(Number.MAX_SAFE_INTEGER);
    return this.rows.length;
  }

  /** Rowids of rows `offset` to `offset + limit` of the scope, ascending or descending. */
  page(offset: number, limit: number, desc: boolean): number[] {
    if (this.f.none) return [];
    if (!hasTests(this.f)) {
      const rows = this.order.rows;
      const n = rows.length;
      const out: number[] = [];
      for (let i = offset; i < Math.min(n, offset + limit); i++) out.push(rows[desc ? n - 1 - i : i]!);
      return out;
    }
    if (desc) {
      // From the end: every row is needed to know which is last.
      this.total();
      const n = this.rows.length;
      const out: number[] = [];
      for (let i = offset; i < Math.min(n, offset + limit); i++) out.push(this.rows[n - 1 - i]!);
      return out;
    }
    if (!this.done && this.rows.length < offset + limit) this.findTo(Math.max(offset + limit, this.rows.length * 2, 1000));
    return this.rows.slice(offset, offset + limit);
  }
}

/** Who asks what: one kept result each, until the next change. */
function resultKey(user: ScopeUser, todays: ReadonlyMap<string, string>, scope: TaskGridScope, sort: MemorySort): string {
  return JSON.stringify([user.orgId, user.role, user.branchIds, [...todays], scope, sort]);
}

export interface RawTaskGroup {
  /** The group's value (an id, a status, a priority); null for "(empty)". */
  key: string | null;
  /** The client's name as the latest-named of their tasks shows it (the greatest, as SQL's `max`). */
  label: string | null;
  count: number;
}

/**
 * The tasks grid's filters, sorts, counts and groups answered from memory; SQL then reads only a page's rows by rowid.
 * Loaded in slices after start (until then `ready` is false and the grid asks SQL); every committed change of a task
 * reaches `apply` from the task table's write funnel.
 */
export class TaskIndex extends MemoryIndex<TaskIndexedRow, TaskColumns, MemorySort, TaskOrder> {
  readonly references = new WebReferences();
  private readonly results = this.keep<OrderedRows>(CACHED_RESULTS);
  private readonly searches = this.keep<Uint8Array>(CACHED_SEARCHES);
  /** Counts asked without an order (the grid's footer, a refresh), until the next change. */
  private readonly counts = this.keep<number>(CACHED_RESULTS);
  private rowidOf: Database.Statement | null = null;

  constructor() {
    // The dispatcher's order, ready before the first page is asked for.
    super({ table: 'task', fields: TASK_INDEXED_COLUMNS, defaultSort: 'rank' });
  }

  protected newColumns(): TaskColumns {
    return new TaskColumns();
  }

  protected newOrder(sort: MemorySort): TaskOrder {
    return new TaskOrder(this.cols, sort);
  }

  /** A committed task (the funnel's row, which does not carry its rowid: read here, once the write has committed). */
  applyCommitted(row: Omit<TaskIndexedRow, 'rowid'> & { id: string }): void {
    try {
      const rowid = this.rowidOf?.get(row.id) as number | undefined;
      if (rowid === undefined) throw new Error(`task ${row.id} has no row`);
      this.references.found(row.id, rowid);
      this.apply({ ...row, rowid });
    } catch (e) {
      this.broken(e);
    }
  }

  /**
   * A committed web intake row (its reference finds its task). Before the index has read the table its task's rowid
   * is not asked: the load reads every reference anyway.
   */
  applyIntake(row: IntakeRow): void {
    try {
      const rowid = row.deleted_at == null ? (this.rowidOf?.get(row.task_id) as number | undefined) : undefined;
      this.references.write(row, rowid);
    } catch (e) {
      this.broken(e);
    } finally {
      this.changed();
    }
  }

  protected override beforeLoad(sqlite: Database.Database): void {
    this.rowidOf = sqlite.prepare('select rowid from task where id = ?').pluck();
  }

  protected override async afterLoad(db: Kysely<DB>, sqlite: Database.Database): Promise<boolean> {
    if (this.stopped) return false;
    // Read last, under the lock: a reference committed since comes through `applyIntake`.
    const references = sqlite.prepare('select w.id, w.task_id, w.reference, w.deleted_at, t.rowid as rowid from task_web_intake w left join task t on t.id = w.task_id where w.deleted_at is null');
    await db.connection().execute(async () => {
      const rows = references.all() as (IntakeRow & { rowid: number | null })[];
      this.references.replace(rows.map((r) => [r, r.rowid ?? undefined]));
    });
    return true;
  }

  private filter(user: ScopeUser, todays: ReadonlyMap<string, string>, scope: TaskGridScope): TaskFilter {
    const text = scope.filters.search?.trim();
    return filterFor(this.cols, user, todays, scope, text ? this.search(text) : null);
  }

  private search(text: string): Uint8Array {
    let flags = this.searches.get(text);
    if (!flags) {
      flags = searchFlags(this.cols, this.references, text);
      this.searches.set(text, flags);
    }
    return flags;
  }

  private result(user: ScopeUser, todays: ReadonlyMap<string, string>, scope: TaskGridScope, sort: MemorySort): OrderedRows {
    const key = resultKey(user, todays, scope, sort);
    let r = this.results.get(key);
    if (!r) {
      r = new OrderedRows(this.cols, this.filter(user, todays, scope), this.order(sort));
      this.results.set(key, r);
    }
    return r;
  }

  /** Rowids of a page in the grid's order. */
  page(user: ScopeUser, todays: ReadonlyMap<string, string>, scope: TaskGridScope, sort: MemorySort, desc: boolean, offset: number, limit: number): number[] {
    return this.result(user, todays, scope, sort).page(offset, limit, desc);
  }

  /** With an order, the scope's rows are put in it, and the pages that follow are slices. */
  count(user: ScopeUser, todays: ReadonlyMap<string, string>, scope: TaskGridScope, sort?: MemorySort): number {
    if (sort) return this.result(user, todays, scope, sort).total();
    const key = resultKey(user, todays, scope, 'rank');
    const kept = this.counts.get(key);
    if (kept !== undefined) return kept;
    const f = this.filter(user, todays, scope);
    let n = 0;
    if (f.none) n = 0;
    else if (!hasTests(f)) n = this.cols.liveCount;
    else {
      const passes = matcher(this.cols, f);
      for (let s = 0; s < this.cols.capacity; s++) if (passes(s)) n++;
    }
    this.counts.set(key, n);
    return n;
  }

  /** Counts per value of `field` among the scope's rows, in code order (the caller orders them as SQL does). */
  groups(user: ScopeUser, todays: ReadonlyMap<string, string>, scope: TaskGridScope, field: TaskGroupField): RawTaskGroup[] {
    const f = this.filter(user, todays, scope);
    if (f.none) return [];
    const cols = this.cols;
    const column = GROUP_COLUMN[field];
    const col = cols.code[column];
    const counts = new Int32Array(cols.dicts[field === 'status' || field === 'priority' ? 'enums' : 'ids'].size);
    const labels = field === 'client' ? new Int32Array(counts.length) : null;
    const names = cols.dicts.names.values;
    const passes = matcher(cols, f);
    for (let s = 0; s < cols.capacity; s++) {
      if (!passes(s)) continue;
      const code = col[s]!;
      counts[code]!++;
      if (labels) {
        const name = cols.code.clientName[s]!;
        const had = labels[code]!;
        if (name !== 0 && name !== had && (had === 0 || compareText(names[name]!, names[had]!) > 0)) labels[code] = name;
      }
    }
    const out: RawTaskGroup[] = [];
    const values = cols.dicts[field === 'status' || field === 'priority' ? 'enums' : 'ids'].values;
    counts.forEach((count, code) => void (count > 0 && out.push({ key: values[code] ?? null, label: labels ? (names[labels[code]!] ?? null) : null, count })));
    return out;
  }
}
