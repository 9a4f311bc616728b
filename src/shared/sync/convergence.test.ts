import { describe, expect, it } from 'vitest';
import { random, type Random } from '../random';
import { type Booking, divergedField, doubleBookings, isConflictColumn } from './conflicts';
import { DEFAULT_MAX_DRIFT_MS, driftTooLarge, formatHlc, type Hlc, nodeOf, PEER_MAX_DRIFT_MS, parseHlc, receive, tick, zeroHlc } from './hlc';
import { type Cell, cellKey, type CellOf, DELETED, isDeleted, latestCells, mergeStore, rowValues, type Store, wins } from './merge';
import { confirmNumbers, isProvisional, provisionalNumber } from './provisional';

/**
 * A seeded world of replicas (plain maps) and a pure hub (an append-only log), driven by random creates, edits,
 * deletes, restores and offline validations on skewed clocks, synced over a network that drops requests and answers,
 * delivers twice and shuffles pages, by devices that go offline and crash part way through applying a page. After everyone has synced everything, every replica must equal the hub and the
 * oracle (each cell's greatest stamp among all ever written), and every pair of edits of a conflict column made
 * without either side seeing the other must have been listed by some replica. `SEEDS=300 STEPS=3000` searches wider
 * (each seed reproducible: a failing one is rerun alone with `-t 'seed N'`).
 */
const T0 = Date.parse('2026-12-01T08:00:00.000Z');
const TABLES = { client: ['name', 'phone'], visit: ['user_id', 'starts_at', 'ends_at', 'status', 'notes', 'number'] } as const;
type Table = keyof typeof TABLES;
const STATUSES = ['booked', 'arrived', 'cancelled'];
const PAGE = 7;
const PUSH = 12;

interface Stamped extends CellOf { branchId: null }
interface Replica {
  node: string;
  skew: number;
  clock: Hlc;
  store: Store;
  /** Every local write in order (the change record); `acked` of them the hub has acknowledged. */
  changes: Stamped[];
  acked: number;
  /** Sent but not acknowledged, or acknowledged but not yet followed by a pull that reached the hub's end. */
  unsettled: Map<string, string>;
  ackedSinceFullPull: Set<string>;
  cursor: number;
  online: boolean;
  /** Per cell key, every stamp this replica has held: what it had seen when it wrote. */
  seen: Map<string, Set<string>>;
  conflicts: Set<string>;
  counter: number;
}
interface Hub { log: Stamped[]; origin: string[]; batches: Set<string>; store: Store; clock: Hlc; finalOf: Map<string, number>; lastFinal: number }
interface Written { cell: Stamped; node: string; seenThen: Set<string> }

const hex = (r: Random) => Array.from({ length: 32 }, () => r.int(0, 15).toString(16)).join('');
const valueOf = (store: Store, c: { table: string; rowId: string; column: string }) => store.get(c.table)?.get(c.rowId)?.get(c.column);

function world(seed: number) {
  const r = random(seed);
  let t = T0;
  const n = r.int(3, 5);
  const replicas: Replica[] = Array.from({ length: n }, () => {
    const node = hex(r);
    return { node, skew: r.int(-DEFAULT_MAX_DRIFT_MS + 2000, DEFAULT_MAX_DRIFT_MS - 2000), clock: zeroHlc(node), store: new Map(), changes: [], acked: 0, unsettled: new Map(), ackedSinceFullPull: new Set(), cursor: 0, online: true, seen: new Map(), conflicts: new Set(), counter: 0 };
  });
  const hub: Hub = { log: [], origin: [], batches: new Set(), store: new Map(), clock: zeroHlc(hex(r)), finalOf: new Map(), lastFinal: 0 };
  const written: Written[] = [];
  const stats = { staleAfterTombstone: 0, replays: 0, dropped: 0, crashed: 0, restores: 0, finals: 0, reasserted: 0 };
  const wall = (x: Replica) => t + x.skew - (r.chance(0.05) ? r.int(0, 1500) : 0);

  function remember(x: Replica, c: Stamped) {
    const k = cellKey(c.table, c.rowId, c.column);
    x.seen.set(k, (x.seen.get(k) ?? new Set()).add(c.hlc));
  }

  function write(x: Replica, table: Table, rowId: string, column: string, value: Stamped['value']) {
    const next = tick(x.clock, wall(x));
    const hlc = formatHlc(next);
    expect(hlc > formatHlc(x.clock)).toBe(true);
    x.clock = next;
    const cell: Stamped = { table, rowId, column, value, hlc, branchId: null };
    const k = cellKey(table, rowId, column);
    written.push({ cell, node: x.node, seenThen: new Set(x.seen.get(k)) });
    mergeStore(x.store, [cell]);
    remember(x, cell);
    x.changes.push(cell);
    x.unsettled.set(k, hlc);
    x.ackedSinceFullPull.delete(k);
  }

  function act(x: Replica) {
    const rows: [Table, string][] = (['visit', 'client'] as const).flatMap((table) => [...(x.store.get(table)?.keys() ?? [])].map((id): [Table, string] => [table, id]));
    const op = rows.length === 0 ? 'create' : r.weighted({ create: 2, edit: 8, delete: 1, restore: 1, validate: 1 });
    if (op === 'create') {
      const table = r.pick(['client', 'visit'] as const);
      const id = `${x.node.slice(0, 6)}-${++x.counter}`;
      for (const column of TABLES[table]) write(x, table, id, column, column === 'number' ? null : pickValue(column));
      return;
    }
    const [table, id] = r.pick(rows);
    const row = x.store.get(table)!.get(id)!;
    if (op === 'delete') write(x, table, id, DELETED, true);
    else if (op === 'restore' && isDeleted(row)) {
      stats.restores++;
      write(x, table, id, DELETED, false);
    } else if (op === 'validate' && table === 'visit' && row.get('number')?.value == null) {
      write(x, table, id, 'number', provisionalNumber('RIX-', `P${replicas.indexOf(x) + 1}`, ++x.counter));
    } else {
      const column = r.pick(TABLES[table].filter((c) => c !== 'number'));
      write(x, table, id, column, pickValue(column));
    }
  }

  function pickValue(column: string): Stamped['value'] {
    if (column === 'status') return r.pick(STATUSES);
    if (column === 'user_id') return r.pick(['anna', 'ben']);
    if (column === 'starts_at' || column === 'ends_at') return `2026-12-07T${String(8 + r.int(0, 3) + (column === 'ends_at' ? 1 : 0)).padStart(2, '0')}:00:00.000Z`;
    return `v${r.int(0, 999)}`;
  }

  /**
   * The hub takes a batch once (after the clock check), and gives validated documents their final numbers in the
   * order they were validated. A provisional number arriving for a document already numbered (validated offline on
   * two devices) would outrank the final one by its later stamp: the hub stamps the final number again after it.
   */
  function hubPush(from: Replica, now: number, batchId: string, cells: Stamped[]) {
    expect(driftTooLarge(now, t)).toBe(false);
    if (hub.batches.has(batchId)) return void stats.replays++;
    hub.batches.add(batchId);
    for (const c of cells) append(c, from.node);
    const provisional = cells.filter((c) => c.column === 'number' && typeof c.value === 'string' && isProvisional(c.value));
    for (const c of provisional) hub.clock = receive(hub.clock, parseHlc(c.hlc), t, PEER_MAX_DRIFT_MS);
    const { confirm, lastFinal } = confirmNumbers(provisional.map((c) => ({ id: c.rowId, hlc: c.hlc })), hub.finalOf, hub.lastFinal);
    hub.lastFinal = lastFinal;
    for (const f of confirm) {
      hub.finalOf.set(f.id, f.final);
      stats[f.fresh ? 'finals' : 'reasserted']++;
      hub.clock = tick(hub.clock, t);
      const cell: Stamped = { table: 'visit', rowId: f.id, column: 'number', value: `RIX-${String(f.final).padStart(6, '0')}`, hlc: formatHlc(hub.clock), branchId: null };
      written.push({ cell, node: hub.clock.node, seenThen: new Set() });
      append(cell, hub.clock.node);
    }
  }
  function append(c: Stamped, node: string) {
    hub.log.push(c);
    hub.origin.push(node);
    mergeStore(hub.store, [c]);
  }

  /** Applies a page in a random order; a crash part way leaves what was applied and moves neither cursor nor push. */
  function apply(x: Replica, cells: Stamped[]): boolean {
    const order = [...cells];
    for (let i = order.length - 1; i > 0; i--) {
      const j = r.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const crashAt = r.chance(0.05) ? r.int(0, order.length) : -1;
    for (const [i, c] of order.entries()) {
      if (i === crashAt) return false;
      const k = cellKey(c.table, c.rowId, c.column);
      const held = valueOf(x.store, c);
      const mine = x.unsettled.get(k);
      if (isConflictColumn(c.table, c.column) && mine && held) {
        if (divergedField({ hlc: mine, pending: true, value: held.hlc === mine ? held.value : undefined }, { hlc: c.hlc, value: c.value })) x.conflicts.add(k);
      }
      const tomb = valueOf(x.store, { ...c, column: DELETED });
      if (tomb?.value === true && c.column !== DELETED && !wins(c.hlc, tomb.hlc)) stats.staleAfterTombstone++;
      x.clock = receive(x.clock, parseHlc(c.hlc), wall(x), PEER_MAX_DRIFT_MS);
      expect(formatHlc(tick(x.clock, wall(x))) > c.hlc).toBe(true);
      mergeStore(x.store, [c]);
      remember(x, c);
    }
    return true;
  }

  /**
   * One request: push what waits, pull one page after the cursor; the request or its answer may be lost, or sent
   * twice. `script` replaces chance with given faults (a whole push, nothing doubled), for a scenario told step by step.
   */
  function sync(x: Replica, script?: { lostRequest?: boolean; lostAnswer?: boolean }) {
    const fault = (p: number, scripted?: boolean) => (script ? !!scripted : r.chance(p));
    // A batch is named by the range of changes it covers, never by its folded content: a later write replacing one
    // cell of a lost-answer batch must not be taken for that batch's replay.
    const end = script ? x.changes.length : Math.min(x.changes.length, x.acked + r.int(1, PUSH));
    const batch = latestCells(x.changes.slice(x.acked, end));
    const batchId = `${x.node}:${x.acked}-${end}`;
    if (fault(0.1, script?.lostRequest)) return void stats.dropped++;
    hubPush(x, wall(x), batchId, batch);
    if (fault(0.1)) hubPush(x, wall(x), batchId, batch);
    const page: Stamped[] = [];
    let cursor = x.cursor;
    while (cursor < hub.log.length && page.length < PAGE) {
      if (hub.origin[cursor] !== x.node) page.push(hub.log[cursor]!);
      cursor++;
    }
    if (fault(0.1, script?.lostAnswer)) return void stats.dropped++;
    if (!apply(x, page) || (fault(0.1) && !apply(x, page))) return void stats.crashed++;
    x.cursor = cursor;
    x.acked = end;
    for (const c of batch) if (x.unsettled.get(cellKey(c.table, c.rowId, c.column)) === c.hlc) x.ackedSinceFullPull.add(cellKey(c.table, c.rowId, c.column));
    if (cursor === hub.log.length) {
      for (const k of x.ackedSinceFullPull) x.unsettled.delete(k);
      x.ackedSinceFullPull.clear();
    }
  }

  return { r, replicas, hub, written, stats, advance: (ms: number) => (t += ms), act, write, sync, settled: () => replicas.every((x) => x.acked === x.changes.length && x.cursor === hub.log.length) };
}

function run(seed: number, steps = Number(process.env.STEPS ?? 400)) {
  const w = world(seed);
  for (let i = 0; i < steps; i++) {
    w.advance(w.r.chance(0.2) ? 0 : w.r.int(1, 3000));
    const x = w.r.pick(w.replicas);
    if (w.r.chance(0.05)) x.online = !x.online;
    if (w.r.chance(0.6)) w.act(x);
    else if (x.online) w.sync(x);
  }
  for (let round = 0; round < 10_000 && !w.settled(); round++) {
    w.advance(w.r.int(0, 500));
    w.sync(w.r.pick(w.replicas));
  }
  return w;
}

/** Every cell as one sorted line: a difference reads as the cells that differ. */
const flat = (store: Store) => [...store].flatMap(([table, rows]) => [...rows].flatMap(([id, row]) => [...row].map(([column, c]) => `${table} ${id} ${column} = ${JSON.stringify(c.value)} @ ${c.hlc}`))).sort();

const SEEDS = Array.from({ length: Number(process.env.SEEDS ?? 20) }, (_, i) => 1000 + i * 7919);

describe('replicas converge', () => {
  const totals = { staleAfterTombstone: 0, replays: 0, dropped: 0, crashed: 0, restores: 0, finals: 0, reasserted: 0, crossed: 0, listed: 0 };

  it.each(SEEDS)('seed %i: every replica equals the hub and the oracle, every conflict is listed, final numbers have no gaps', (seed) => {
    const w = run(seed);
    expect(w.settled()).toBe(true);
    const oracle: Store = new Map();
    mergeStore(oracle, w.written.map((x) => x.cell));
    expect(flat(w.hub.store)).toEqual(flat(oracle));
    for (const x of w.replicas) expect(flat(x.store)).toEqual(flat(oracle));

    // Tombstones hold: a row deleted by its latest `_deleted` cell is deleted everywhere, older edits notwithstanding.
    for (const [table, rows] of oracle) for (const [id, row] of rows) for (const x of w.replicas) expect(isDeleted(x.store.get(table)!.get(id)!)).toBe(isDeleted(row));

    // Each device's last word on a conflict column that reached the hub: two with different values, neither written
    // having seen the other, must be listed (both sides' intermediate values may cross; they settle on their last).
    const listed = new Set(w.replicas.flatMap((x) => [...x.conflicts]));
    const byKey = new Map<string, typeof w.written>();
    for (const wr of w.written) if (isConflictColumn(wr.cell.table, wr.cell.column)) byKey.set(cellKey(wr.cell.table, wr.cell.rowId, wr.cell.column), [...(byKey.get(cellKey(wr.cell.table, wr.cell.rowId, wr.cell.column)) ?? []), wr]);
    const pushed = new Set(w.hub.log.map((c) => c.hlc));
    for (const [k, list] of byKey) {
      const last = new Map<string, Written>();
      for (const wr of list) if (pushed.has(wr.cell.hlc) && wins(wr.cell.hlc, last.get(wr.node)?.cell.hlc)) last.set(wr.node, wr);
      const reached = [...last.values()];
      const crossed = reached.some((a) => reached.some((b) => a.node !== b.node && a.cell.value !== b.cell.value && !a.seenThen.has(b.cell.hlc) && !b.seenThen.has(a.cell.hlc)));
      if (!crossed) continue;
      totals.crossed++;
      expect(listed.has(k), k).toBe(true);
    }

    // Final numbers: one per validated document, 1…n without a gap, and no document left with a provisional one.
    const finals = [...w.hub.finalOf.values()].sort((a, b) => a - b);
    expect(finals).toEqual(finals.map((_, i) => i + 1));
    for (const [id, row] of oracle.get('visit') ?? []) {
      const number = row.get('number')?.value;
      expect(number === null || number === `RIX-${String(w.hub.finalOf.get(id)).padStart(6, '0')}`, `${id} ${number}`).toBe(true);
    }
    const bookings = (x: { store: Store }): Booking[] =>
      [...(x.store.get('visit') ?? new Map<string, Map<string, Cell>>())].map(([id, row]) => {
        const v = rowValues(row);
        return { id, staffId: v.user_id as string, start: v.starts_at as string, end: v.ends_at as string, active: !isDeleted(row) && v.status !== 'cancelled', branchId: null };
      });
    for (const x of w.replicas) expect(doubleBookings(bookings(x))).toEqual(doubleBookings(bookings({ store: oracle })));

    for (const [k, v] of Object.entries(w.stats)) totals[k as keyof typeof totals] += v;
    totals.listed += listed.size;
  });

  it('the seeds covered what they are for: replays, losses, restores, stale edits after deletes, conflicts, final numbers', () => {
    for (const [k, v] of Object.entries(totals)) expect(v, k).toBeGreaterThan(0);
  });

  it('two devices each within the drift of the hub may be twice the drift apart: a replica receives with PEER_MAX_DRIFT_MS', () => {
    const hub = T0;
    const slow = hub - DEFAULT_MAX_DRIFT_MS + 1000;
    const fast = { millis: hub + DEFAULT_MAX_DRIFT_MS - 1000, counter: 0, node: nodeOf('01a241d8-3c60-722c-b6cc-d3ca7370b92b') };
    const mine = zeroHlc(nodeOf('01a241a3-22a0-760d-bf88-d77457c9db65'));
    expect(driftTooLarge(slow, hub) || driftTooLarge(fast.millis, hub)).toBe(false);
    expect(() => receive(mine, fast, slow)).toThrow(/ahead/);
    expect(formatHlc(tick(receive(mine, fast, slow, PEER_MAX_DRIFT_MS), slow)) > formatHlc(fast)).toBe(true);
  });

  it('a batch whose answer was lost, one of its cells rewritten before the resend: the resend is no replay', () => {
    const w = world(SEEDS[0]!);
    const [x] = w.replicas as [Replica];
    w.write(x, 'client', 'c1', 'name', 'Anna');
    w.write(x, 'client', 'c1', 'phone', '+371 2000 0001');
    w.sync(x, { lostAnswer: true });
    w.advance(1000);
    w.write(x, 'client', 'c1', 'phone', '+371 2000 0002');
    w.sync(x, {});
    expect(valueOf(w.hub.store, { table: 'client', rowId: 'c1', column: 'phone' })?.value).toBe('+371 2000 0002');
    expect(x.acked).toBe(x.changes.length);
  });

  it('is reproducible: one seed gives the same world twice', () => {
    const a = run(SEEDS[3]!, 150);
    const b = run(SEEDS[3]!, 150);
    expect(a.hub.log).toEqual(b.hub.log);
    expect(a.replicas.map((x) => x.store)).toEqual(b.replicas.map((x) => x.store));
  });
});
