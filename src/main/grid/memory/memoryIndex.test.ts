import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../db/schema';
import { CodeColumns, grown, type CodeColumnSpec } from './codeColumns';
import { Dictionary } from './dictionary';
import { LOAD_SLICE, MemoryIndex } from './memoryIndex';
import { SortedOrder } from './sortedOrder';

/**
 * The core on a table of its own (not any module's): a module that declares two code columns beside organization
 * and branch, keeps one value of its own, and sorts by colour or by size. What the core promises is checked against
 * SQL on a real SQLite file: loading in slices, changes, orders kept sorted, answers dropped at a change.
 */

type ThingRow = { rowid: number; org_id: string; branch_id: string; deleted_at: string | null; color: string | null; size: number };
const FIELDS = ['org_id', 'branch_id', 'deleted_at', 'color', 'size'] as const;
type Sort = 'color' | 'size';

const COLUMNS: readonly CodeColumnSpec<'org' | 'branch' | 'color', ThingRow, ThingColumns>[] = [
  { name: 'org', code: (r, c) => c.ids.encode(r.org_id) },
  { name: 'branch', code: (r, c) => c.ids.encode(r.branch_id) },
  {
    name: 'color',
    code: (r, c) => {
      if (r.color === 'poison') throw new Error('a value this module cannot take');
      return c.colors.encode(r.color);
    },
  },
];

class ThingColumns extends CodeColumns<'org' | 'branch' | 'color', ThingRow, ThingColumns> {
  ids = new Dictionary();
  colors = new Dictionary();
  size = new Float64Array(0);
  constructor(capacity = 1024) {
    super(COLUMNS);
    this.grow(capacity);
  }
  protected override growMore(cap: number): void {
    this.size = grown(this.size, cap);
  }
  protected override writeMore(s: number, r: ThingRow): void {
    this.size[s] = r.size;
  }
}

class ThingIndex extends MemoryIndex<ThingRow, ThingColumns, Sort, SortedOrder> {
  readonly answers = this.keep<number>(4);
  builtOrders: Sort[] = [];
  constructor() {
    super({ table: 'thing', fields: FIELDS, defaultSort: 'size' });
  }
  protected newColumns(): ThingColumns {
    return new ThingColumns();
  }
  protected newOrder(sort: Sort): SortedOrder {
    this.builtOrders.push(sort);
    const c = this.cols;
    const colors = c.colors.values;
    if (sort === 'size') return new SortedOrder(c, { compare: (a, b) => c.size[a]! - c.size[b]! || a - b }, true);
    const key = (s: number) => colors[c.code.color[s]!] ?? null;
    return new SortedOrder(c, { compare: (a, b) => (key(a) === key(b) ? 0 : key(a) === null ? -1 : key(b) === null ? 1 : key(a)! < key(b)! ? -1 : 1) || a - b }, true);
  }
  /** The rowids of a sort, as a test reads them. */
  sorted(sort: Sort): number[] {
    return Array.from(this.order(sort).rows);
  }
}

let dir: string;
let sqlite: Database.Database;
let db: Kysely<DB>;

const COLORS = ['red', 'green', 'blue', null, 'Ähre', 'zinc'];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grid-memory-'));
  sqlite = new Database(path.join(dir, 'things.db'));
  sqlite.exec('create table thing (id integer primary key, org_id text not null, branch_id text not null, deleted_at text, color text, size real not null)');
  const insert = sqlite.prepare('insert into thing (org_id, branch_id, deleted_at, color, size) values (?, ?, ?, ?, ?)');
  sqlite.transaction(() => {
    // Enough rows for three slices; every seventh a tombstone, sizes repeating so ties fall to the rowid.
    for (let i = 0; i < LOAD_SLICE * 2 + 537; i++) insert.run(`org-${i % 2}`, `branch-${i % 3}`, i % 7 === 6 ? '2026-01-01' : null, COLORS[i % COLORS.length], (i * 7919) % 1000);
  })();
  db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
});

afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rowOf = (rowid: number) => sqlite.prepare(`select rowid as rowid, ${FIELDS.join(', ')} from thing where rowid = ?`).get(rowid) as ThingRow;
const sqlOrder = (sort: Sort) => sqlite.prepare(`select rowid from thing where deleted_at is null order by ${sort === 'color' ? 'color' : 'size'}, rowid`).pluck().all() as number[];
const liveBy = (column: 'org_id' | 'branch_id') => new Map(sqlite.prepare(`select ${column}, count(*) from thing where deleted_at is null group by 1`).raw().all() as [string, number][]);

async function loaded(): Promise<ThingIndex> {
  const index = new ThingIndex();
  await index.load(db, sqlite);
  return index;
}

/** What the columns hold agrees with the table, row by row and in the live counts. */
function expectMatchesTable(index: ThingIndex): void {
  const { cols } = index;
  const rows = sqlite.prepare(`select rowid as rowid, ${FIELDS.join(', ')} from thing`).all() as ThingRow[];
  for (const r of rows) {
    expect(cols.isLive(r.rowid)).toBe(r.deleted_at == null);
    if (r.deleted_at != null) continue;
    expect(cols.colors.decode(cols.code.color[r.rowid]!)).toBe(r.color);
    expect(cols.ids.decode(cols.code.branch[r.rowid]!)).toBe(r.branch_id);
    expect(cols.size[r.rowid]).toBe(r.size);
  }
  expect(cols.liveCount).toBe(rows.filter((r) => r.deleted_at == null).length);
  for (const [column, counted] of [['org_id', cols.liveByOrg], ['branch_id', cols.liveByBranch]] as const) {
    const inMemory = new Map([...counted].filter(([, n]) => n > 0).map(([code, n]) => [cols.ids.decode(code)!, n]));
    expect(inMemory).toEqual(liveBy(column));
  }
}

describe('the grid memory index core', () => {
  it('reads the table in slices of rowids, yielding between them, and is ready with its default order', async () => {
    const index = new ThingIndex();
    let pauses = 0;
    const ready: boolean[] = [];
    await index.load(db, sqlite, async () => {
      pauses++;
      ready.push(index.ready);
    });
    // 20,537 rows: two full slices, each followed by a pause, then a short one that ends the read.
    expect(pauses).toBe(2);
    expect(ready).toEqual([false, false]);
    expect(index.ready).toBe(true);
    expect(index.builtOrders).toEqual(['size']);
    expectMatchesTable(index);
    expect(index.sorted('size')).toEqual(sqlOrder('size'));
    expect(index.sorted('color')).toEqual(sqlOrder('color'));
  });

  it('applies changes, tombstones and new rows so every kept order stays as SQL sorts', async () => {
    const index = await loaded();
    index.sorted('color');
    const update = sqlite.prepare('update thing set color = ?, size = ?, branch_id = ?, deleted_at = ? where rowid = ?');
    const changes: [string | null, number, string, string | null, number][] = [
      ['aaa', 999, 'branch-9', null, 1],
      [null, -5, 'branch-0', null, 500],
      ['blue', 3, 'branch-1', '2026-02-02', 12_000],
      // A tombstone brought back.
      ['green', 1, 'branch-2', null, 7],
    ];
    for (const [color, size, branch, deleted, rowid] of changes) {
      update.run(color, size, branch, deleted, rowid);
      index.apply(rowOf(rowid));
    }
    const added = Number(sqlite.prepare("insert into thing (org_id, branch_id, deleted_at, color, size) values ('org-7', 'branch-7', null, 'mauve', 0.5)").run().lastInsertRowid);
    // Past the capacity the load reserved: the columns grow.
    sqlite.prepare("insert into thing (id, org_id, branch_id, deleted_at, color, size) values (?, 'org-0', 'branch-0', null, 'red', 2)").run(index.cols.capacity + 10);
    index.apply(rowOf(added));
    index.apply(rowOf(index.cols.capacity + 10));
    expect(index.ready).toBe(true);
    expectMatchesTable(index);
    expect(index.sorted('size')).toEqual(sqlOrder('size'));
    expect(index.sorted('color')).toEqual(sqlOrder('color'));
  });

  it('drops kept answers at every change and reload, bumping the version', async () => {
    const index = await loaded();
    index.answers.set('count', 42);
    const before = index.version;
    sqlite.prepare("update thing set size = 1 where rowid = 2").run();
    index.apply(rowOf(2));
    expect(index.answers.get('count')).toBeUndefined();
    expect(index.version).toBe(before + 1);
    index.answers.set('count', 43);
    await index.reload(db, sqlite);
    expect(index.answers.get('count')).toBeUndefined();
    expect(index.ready).toBe(true);
  });

  it('a change it cannot take leaves it not ready and says so, without throwing; a reload makes it whole', async () => {
    const index = await loaded();
    const told: unknown[] = [];
    index.onBroken = (e) => void told.push(e);
    index.answers.set('count', 1);
    sqlite.prepare("update thing set color = 'poison' where rowid = 3").run();
    expect(() => index.apply(rowOf(3))).not.toThrow();
    expect(index.ready).toBe(false);
    expect(told).toHaveLength(1);
    expect(index.answers.get('count')).toBeUndefined();
    sqlite.prepare("update thing set color = 'violet' where rowid = 3").run();
    await index.reload(db, sqlite);
    expect(index.ready).toBe(true);
    expectMatchesTable(index);
    expect(index.sorted('color')).toEqual(sqlOrder('color'));
  });

  it('a load stopped before it starts reads nothing and is never ready', async () => {
    const index = new ThingIndex();
    index.stop();
    await index.load(db, sqlite);
    expect(index.ready).toBe(false);
    expect(index.cols.liveCount).toBe(0);
  });
});

describe('a kept sorted order', () => {
  const rows = (n: number) => ({ live: new Uint8Array(n).fill(1), capacity: n, liveCount: n });

  it('builds with the faster comparison when given, and answers with the exact one after', () => {
    const values = [5, 3, 5, 1, 4];
    const o = new SortedOrder(rows(5), { compare: (a, b) => values[a]! - values[b]! || a - b, build: () => (a, b) => values[a]! - values[b]! || a - b });
    expect(Array.from(o.rows)).toEqual([3, 1, 4, 0, 2]);
    // Out while its old value still finds it, changed, then back in.
    o.remove(1);
    expect(Array.from(o.rows)).toEqual([3, 4, 0, 2]);
    values[1] = 9;
    o.insert(1);
    expect(Array.from(o.rows)).toEqual([3, 4, 0, 2, 1]);
  });

  it('grows past its room, and a row not where it should be is an error only when strict', () => {
    const values = Array.from({ length: 3000 }, (_, i) => 3000 - i);
    const live = new Uint8Array(3000);
    const o = new SortedOrder({ live, capacity: 3000, liveCount: 0 }, { compare: (a, b) => values[a]! - values[b]! || a - b }, true);
    for (let s = 0; s < 3000; s++) o.insert(s);
    expect(o.length).toBe(3000);
    expect(o.rows[0]).toBe(2999);
    expect(o.rows[2999]).toBe(0);
    values[5] = -1;
    expect(() => o.remove(5)).toThrow(/not where its order expects it/);
    const lenient = new SortedOrder(rows(3), { compare: (a, b) => a - b });
    lenient.remove(7);
    expect(lenient.length).toBe(3);
  });

  it('grown keeps a typed array and its values', () => {
    const a = grown(Float64Array.from([1.5, 2.5]), 4);
    expect(a).toBeInstanceOf(Float64Array);
    expect(Array.from(a)).toEqual([1.5, 2.5, 0, 0]);
  });
});
