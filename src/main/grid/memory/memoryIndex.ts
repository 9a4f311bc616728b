import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { CodeColumns, IndexedRowBase } from './codeColumns';
import { Lru } from './lru';
import type { SortedOrder } from './sortedOrder';

/** Rowids read per slice while loading: each slice holds the connection's lock for a few tens of milliseconds. */
export const LOAD_SLICE = 10_000;

/** Which table the index reads, which of its columns (in the row objects' field names) and its default sort. */
export interface IndexSource<S> {
  table: string;
  fields: readonly string[];
  /** Built as soon as the table is read: the grid's first page needs it. */
  defaultSort: S;
}

type AnyColumns<R extends IndexedRowBase> = CodeColumns<string, R, never>;

/**
 * A grid's rows in memory: the columns (read from the table in rowid slices after start), the sorted orders built so
 * far, and the answers kept until the next change. A module says what it reads (`IndexSource`), how its columns and
 * orders are made, and asks its questions of `cols` and `order`; until `ready` its grid asks SQL. Every committed
 * change reaches `apply`; one it cannot take makes the index not ready and tells `onBroken` (the core reads it again).
 */
export abstract class MemoryIndex<R extends IndexedRowBase, C extends AnyColumns<R>, S, O extends SortedOrder> {
  cols: C;
  private orders = new Map<S, O>();
  /** Answers that hold only until the next change. */
  private readonly kept: Lru<unknown>[] = [];
  ready = false;
  protected stopped = false;
  /** Bumped by every change: cached answers belong to one version. */
  version = 0;
  /** Told when a change could not be applied (the core logs it and reloads). */
  onBroken: ((e: unknown) => void) | null = null;

  protected constructor(private readonly source: IndexSource<S>) {
    this.cols = this.newColumns();
  }

  protected abstract newColumns(): C;
  protected abstract newOrder(sort: S): O;

  /** Before the first slice: statements the module prepares on the connection. */
  protected beforeLoad(sqlite: Database.Database): void {
    void sqlite;
  }

  /** After the last slice, before the index is ready; false leaves it not ready (the load was stopped). */
  protected afterLoad(db: Kysely<DB>, sqlite: Database.Database): Promise<boolean> {
    void db;
    void sqlite;
    return Promise.resolve(true);
  }

  /** A cache of answers dropped at every change and every reload. */
  protected keep<V>(max: number): Lru<V> {
    const lru = new Lru<V>(max);
    this.kept.push(lru as Lru<unknown>);
    return lru;
  }

  /** A committed row: out of every order while its old values still find it, written, and back in. */
  apply(row: R): void {
    try {
      if (this.cols.isLive(row.rowid)) for (const o of this.orders.values()) o.remove(row.rowid);
      if (this.cols.write(row)) for (const o of this.orders.values()) o.insert(row.rowid);
    } catch (e) {
      this.broken(e);
    } finally {
      this.changed();
    }
  }

  /** Something the answers depend on changed: they are dropped. */
  protected changed(): void {
    this.version++;
    for (const lru of this.kept) lru.clear();
  }

  protected broken(e: unknown): void {
    // The change is committed whatever happens here: the grid goes back to SQL and the index is read again.
    this.ready = false;
    this.onBroken?.(e);
  }

  /**
   * Reads every row in slices of rowids, each under the connection's lock (never inside another call's transaction),
   * yielding between slices so calls are answered meanwhile. Changes committed during the load are applied as they
   * come; a slice read later is never older than they are.
   */
  async load(db: Kysely<DB>, sqlite: Database.Database, pause: () => Promise<void> = () => new Promise((r) => setImmediate(r))): Promise<void> {
    const { table, fields } = this.source;
    const stmt = sqlite.prepare(`select rowid, ${fields.join(', ')} from ${table} where rowid > ? order by rowid limit ${LOAD_SLICE}`).raw();
    const max = Number(sqlite.prepare(`select coalesce(max(rowid), 0) from ${table}`).pluck().get());
    this.beforeLoad(sqlite);
    this.cols.reserve(Math.ceil((max + 1) * 1.05));
    // Rows are read one at a time into one reused object: a slice read whole would outlive V8's young generation
    // and be promoted, and the old generation would grow by gigabytes before collecting it.
    const row = {} as Record<string, unknown>;
    const n = fields.length;
    let after = 0;
    for (;;) {
      if (this.stopped) return;
      const read = await db.connection().execute(async () => {
        const cols = this.cols;
        let count = 0;
        for (const values of stmt.iterate(after) as IterableIterator<unknown[]>) {
          row.rowid = values[0];
          for (let i = 0; i < n; i++) row[fields[i]!] = values[i + 1];
          cols.write(row as unknown as R);
          after = values[0] as number;
          count++;
        }
        return count;
      });
      if (read < LOAD_SLICE) break;
      await pause();
    }
    if (!(await this.afterLoad(db, sqlite))) return;
    this.order(this.source.defaultSort);
    this.version++;
    this.ready = true;
  }

  /** Takes columns read elsewhere (a snapshot, caught up) instead of reading the table. */
  protected adoptColumns(cols: C): void {
    this.reset(cols);
    this.order(this.source.defaultSort);
    this.version++;
    this.ready = true;
  }

  private reset(cols: C): void {
    this.cols = cols;
    this.orders = new Map();
    for (const lru of this.kept) lru.clear();
  }

  /** Forgets everything and reads the table again: for rows written around the funnel (bulk imports, tests). */
  async reload(db: Kysely<DB>, sqlite: Database.Database): Promise<void> {
    this.ready = false;
    this.reset(this.newColumns());
    await this.load(db, sqlite);
  }

  /** Ends a load under way (the core is closing). */
  stop(): void {
    this.stopped = true;
  }

  /** The sort's order, built on first use and kept current from then on. */
  protected order(sort: S): O {
    let o = this.orders.get(sort);
    if (!o) {
      o = this.newOrder(sort);
      this.orders.set(sort, o);
    }
    return o;
  }

  /** Drops the orders `stale` names (built on values read elsewhere that have since changed). */
  protected dropOrders(stale: (sort: S) => boolean): void {
    for (const s of [...this.orders.keys()]) if (stale(s)) this.orders.delete(s);
  }
}
