import type { Core } from '../../core';
import { random } from '../../../shared/random';
import { CONFLICT_COLUMNS } from '../../../shared/sync/conflicts';
import { DELETED, LOCAL_COLUMNS } from '../replica/columns';

/**
 * A clerk at one installation for the sync property tests: seeded random creates, edits and deletes of clients and
 * of breaks in the calendar, each through the core's procedures as a person makes them. What the core acknowledged
 * (the call returned) is reported with the change records it wrote, so a test can hold the hub to every one of them.
 */

/** One cell a clerk's acknowledged call wrote: its stamp, and for a conflict column the value and the stamp it replaced here. */
export interface AckedCell {
  table: string;
  rowId: string;
  column: string;
  hlc: string;
  value?: unknown;
  /** The stamp this installation held for the cell just before (what the clerk had seen). */
  prev?: string;
}

export interface Ack {
  call: string;
  /** For a client created: its name's key (`K<device>-<n>`), unique across the world. */
  created?: string;
  cells: AckedCell[];
}

/** The day the breaks are booked and moved on, half-hour slots from 08:00 UTC. */
const DAY = Date.parse('2027-01-11T08:00:00.000Z');
const slot = (n: number) => new Date(DAY + n * 30 * 60_000).toISOString();

interface Row {
  id: string;
  version: number;
}

export interface Clerk {
  /**
   * `count` seeded acts (`moves`: only moves of the oldest break; `book`: only bookings); each acknowledged one reported
   * through `ack` as soon as the call returned.
   */
  act(seed: number, count: number, ack: (a: Ack) => void, only?: 'moves' | 'book'): Promise<number>;
}

export function clerkOf(core: Core, token: string, tag: string): Clerk {
  const q = <T>(text: string, ...args: unknown[]) => core.sqlite.prepare(text).all(...args) as T[];
  const call = async (name: string, input: unknown) => (await core.dispatch({ name, input, sessionToken: token })).result as { ok: boolean; data?: any; error?: unknown };
  const ownerId = () => q<{ id: string }>(`select id from app_user where login = 'owner'`)[0]!.id;
  const topSeq = () => Number(q<{ m: number | null }>('select max(seq) as m from change_log')[0]!.m ?? 0);

  /** The stamp each conflict column of a visit holds here now: its own edit's, else the row's first change's. */
  function visitStamps(id: string): Map<string, string> {
    const out = new Map<string, string>();
    const first = q<{ hlc: string | null }>('select hlc from change_log where table_name = ? and row_id = ? order by seq limit 1', 'visit', id)[0]?.hlc;
    for (const c of CONFLICT_COLUMNS.visit!) if (first) out.set(c, first);
    for (const s of q<{ column_name: string; hlc: string }>('select column_name, hlc from sync_cell where table_name = ? and row_id = ?', 'visit', id)) if (out.has(s.column_name)) out.set(s.column_name, s.hlc);
    return out;
  }

  /** The cells the calls since `afterSeq` wrote, as their change records say. */
  function written(afterSeq: number, target: string | null, before: Map<string, string> | null, values: Record<string, unknown>): AckedCell[] {
    const changes = q<{ table_name: string; row_id: string; columns: string; hlc: string }>(
      'select table_name, row_id, columns, hlc from change_log where seq > ? and origin is null order by seq',
      afterSeq,
    );
    const cells: AckedCell[] = [];
    for (const c of changes) {
      for (const column of JSON.parse(c.columns) as string[]) {
        if (LOCAL_COLUMNS.has(column)) continue;
        const cell: AckedCell = { table: c.table_name, rowId: c.row_id, column: column === 'deleted_at' ? DELETED : column, hlc: c.hlc };
        if (c.table_name === 'visit' && c.row_id === target && before && CONFLICT_COLUMNS.visit!.includes(column)) {
          // From the call itself: a pull landing after the call's commit must not be read as the clerk's value.
          cell.value = values[column];
          cell.prev = before.get(column);
        }
        cells.push(cell);
      }
    }
    return cells;
  }

  return {
    async act(seed, count, ack, only) {
      const movesOnly = only === 'moves';
      const r = random(seed);
      let done = 0;
      for (let i = 0; i < count; i++) {
        const clients = q<Row & { name: string }>('select id, version, name from client where deleted_at is null order by id');
        const breaks = q<Row>(`select id, version from visit where deleted_at is null and kind = 'break' and status != 'cancelled' order by id`);
        if (movesOnly && breaks.length === 0) break;
        const op = movesOnly ? 'move' : only === 'book' ? 'book' : r.weighted({ createClient: 3, editClient: clients.length ? 3 : 0, deleteClient: clients.length ? 1 : 0, book: 3, move: breaks.length ? 6 : 0, deleteBreak: breaks.length ? 1 : 0 });
        const seq = topSeq();
        let before: Map<string, string> | null = null;
        let target: string | null = null;
        let values: Record<string, unknown> = {};
        let name = '';
        let input: unknown;
        let created: string | undefined;
        if (op === 'createClient') {
          created = `K${tag}-${seed}-${i}`;
          name = 'clients.create';
          input = { kind: 'person', name: created, phones: [], emails: [], addresses: [], contacts: [] };
        } else if (op === 'editClient') {
          const c = r.pick(clients);
          name = 'clients.update';
          input = { id: c.id, version: c.version, kind: 'person', name: `${c.name.split(' ')[0]} ${tag}${r.int(0, 99)}`, phones: [], emails: [], addresses: [], contacts: [] };
        } else if (op === 'deleteClient') {
          name = 'clients.delete';
          input = { id: r.pick(clients).id };
        } else if (op === 'book') {
          name = 'visits.bookBreak';
          input = { userId: ownerId(), start: slot(r.int(0, 5)), durationMin: 30, outsideHoursConfirmed: true };
        } else if (op === 'move') {
          // Apart, both sides reach for the same break (the oldest id): that is where edits cross.
          const b = movesOnly ? breaks[0]! : r.pick(breaks);
          target = b.id;
          before = visitStamps(b.id);
          const at = r.int(0, 15);
          name = 'visits.move';
          values = { user_id: ownerId(), starts_at: slot(at), ends_at: slot(at + 1) };
          input = { id: b.id, version: b.version, userId: values.user_id, start: values.starts_at, end: values.ends_at, outsideHoursConfirmed: true };
        } else {
          const b = r.pick(breaks);
          target = b.id;
          before = visitStamps(b.id);
          name = 'visits.delete';
          input = { id: b.id, version: b.version };
        }
        // Refused (stale after a pull, a slot taken here): the clerk sees the message and nothing was written.
        const res = await call(name, input);
        if (!res.ok) continue;
        done += 1;
        ack({ call: name, ...(created ? { created } : {}), cells: written(seq, target, before, values) });
      }
      return done;
    },
  };
}
