import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Ctx } from '../../api/context';
import type { EventScope } from '../../api/events';
import type { CoreConfig } from '../../config';
import type { Services } from '../../api/services';
import { appendChange, specsOf, type ChangeOp, type Row, type SyncedTable } from '../../api/funnel';
import { inWriteTransaction } from '../../db/connection';
import type { CellMessage } from '../../../shared/sync/protocol';
import { formatHlc, nodeOf } from '../../../shared/sync/hlc';
import { latestCells, wins } from '../../../shared/sync/merge';
import { divergedField, hlcNode, isConflictColumn } from '../../../shared/sync/conflicts';
import { DELETED } from './columns';
import { observeStamp } from './clock';
import { rowsById } from './outbound';
import { insertStamps, insertUnlessTaken, stampsOf, type Stamp } from './rowState';
import { settable, type TableShape } from './tables';
import { conflictId, doubleBookingConflicts, recordConflict, settleDoubleBookings, titleOf, type ConflictRow } from './conflicts';
import { parkCells, takeInbox } from './inbox';
import { raiseThreshold, settleDecidedFields } from './decided';
import { deriveIntervention, deriveVisitSums } from './derived';

export interface ReplicaDeps {
  now: () => number;
  /** A module's change event, after commit; `scope` as the module declared it (the branches it belongs to). */
  emit: (name: string, payload: unknown, scope?: EventScope) => void;
  /** The core's config: holds this file's clock in memory (without it the clock is read from the file at each stamp). */
  config?: CoreConfig;
  /** The modules' services (the interventions memory index follows pulled documents). */
  services?: Services;
}

export interface ApplyOptions {
  /** The last change the hub had acknowledged before this round (default: the device row's): later local cells are pending. */
  pendingAfterSeq?: number;
}

/** The HLC time of a stamp, as the row's stamps are written. */
const timeOf = (hlc: string) => hlc.slice(0, 24);
const maxOf = (hlcs: readonly string[]) => hlcs.reduce((a, b) => (b > a ? b : a));

/** A cell's value as the column stores it. */
function stored(shape: TableShape, column: string, value: CellMessage['value']): unknown {
  if (shape.blobs.has(column) && typeof value === 'string') return Buffer.from(value, 'base64');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function check(shapes: ReadonlyMap<string, TableShape>, c: CellMessage): TableShape {
  const shape = shapes.get(c.table);
  if (!shape) throw new Error(`a pulled cell of a table this installation does not sync: ${c.table}`);
  if (c.column !== DELETED && c.column !== 'created_at' && !settable(shape, c.column)) throw new Error(`a pulled cell of an unknown column: ${c.table}.${c.column}`);
  return shape;
}

/**
 * Applies pulled cells in one write transaction: per cell the greater stamp wins (a column without a stamp is as old
 * as its row's first change); winners are written into the row (a row not here yet is inserted once its cells hold
 * every required column, else they wait in the inbox, as do rows whose natural key another row here holds, or
 * that refer to a row not here yet), the version bumped and a change record appended as 'remote', so the funnel's
 * bookkeeping holds and no push sends them back. Conflict columns both sides changed, and visits that now overlap, are listed. Events and hooks fire after
 * commit.
 */
export async function applyCells(
  db: Kysely<DB>,
  shapes: ReadonlyMap<string, TableShape>,
  deps: ReplicaDeps,
  orgId: string,
  pulled: readonly CellMessage[],
  opts: ApplyOptions = {},
): Promise<{ applied: number; conflicts: number; parked: number }> {
  // Rows that would refer to a row not here yet (its insert comes on a later pull page) wait in the inbox. The check
  // reads every row of the batch's tables, so it runs only once a commit failed on a reference.
  const waiting = new Set<string>();
  let findDangling = false;
  for (;;) {
    const out = await applyOnce(db, shapes, deps, orgId, pulled, opts, waiting, findDangling).catch((e: unknown) => {
      if (findDangling || (e as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw e;
      return null;
    });
    if (!out) findDangling = true;
    else if ('result' in out) return out.result;
    else for (const key of out.dangling) waiting.add(key);
  }
}

const rowKey = (table: string, rowId: string) => `${table}\u0000${rowId}`;

/** The synced rows this transaction leaves referring to rows that are not here; null when something else does. */
async function danglingRows(trx: Kysely<DB>, shapes: ReadonlyMap<string, TableShape>, tables: Iterable<string>): Promise<string[] | null> {
  const bad: { table: string; rowid: number | null }[] = [];
  for (const t of tables) bad.push(...(await sql<{ table: string; rowid: number | null }>`select * from pragma_foreign_key_check(${t})`.execute(trx)).rows);
  const keys: string[] = [];
  for (const b of bad) {
    if (!shapes.has(b.table) || b.rowid === null) return null;
    const row = (await sql<{ id: string }>`select id from ${sql.table(b.table)} where rowid = ${b.rowid}`.execute(trx)).rows[0];
    if (!row) return null;
    keys.push(rowKey(b.table, row.id));
  }
  return keys;
}

class Dangling extends Error {
  constructor(readonly rows: string[]) {
    super('pulled rows refer to rows not here yet');
  }
}

/** One try of the apply: rolled back, it names the pulled rows that referred to rows not here, to wait on the next. */
async function applyOnce(
  db: Kysely<DB>,
  shapes: ReadonlyMap<string, TableShape>,
  deps: ReplicaDeps,
  orgId: string,
  pulled: readonly CellMessage[],
  opts: ApplyOptions,
  waiting: ReadonlySet<string>,
  findDangling: boolean,
): Promise<{ result: { applied: number; conflicts: number; parked: number } } | { dangling: string[] }> {
  const events: { name: string; payload: unknown; scope?: EventScope }[] = [];
  const after: (() => void)[] = [];
  let top: string | null = null;
  const result = await inWriteTransaction(db, async (trx) => {
    // Rows arrive table by table, not in the order they refer to each other (a branch names its manager, a user
    // created after it): references are checked when the whole batch is in.
    await sql`pragma defer_foreign_keys = on`.execute(trx);
    const nowIso = new Date(deps.now()).toISOString();
    const device = await trx.selectFrom('sync_device').select(['installation_id', 'pushed_seq']).where('id', '=', 1).executeTakeFirstOrThrow();
    const me = nodeOf(device.installation_id);
    const pendingAfter = opts.pendingAfterSeq ?? device.pushed_seq;
    const ctx = {
      db: trx,
      user: null,
      clock: { now: deps.now },
      config: deps.config,
      services: deps.services,
      sessions: null,
      sessionToken: null,
      emit: (name: string, payload: unknown, scope?: EventScope) => void events.push({ name, payload, scope }),
      emitNow: () => undefined,
      setSession: () => undefined,
      afterCommit: (fn: () => void) => void after.push(fn),
    } as unknown as Ctx;

    // Cells waiting for the rest of their row go first: the new batch's later cells of the same column replace them.
    const cells = latestCells([...(await takeInbox(trx, orgId)), ...pulled]);
    for (const c of cells) check(shapes, c);
    if (cells.length) top = maxOf(cells.map((c) => c.hlc));
    const byRow = new Map<string, CellMessage[]>();
    for (const c of cells) {
      const key = rowKey(c.table, c.rowId);
      byRow.set(key, [...(byRow.get(key) ?? []), c]);
    }
    const tables = new Map<string, string[]>();
    for (const c of cells) tables.set(c.table, [...(tables.get(c.table) ?? []), c.rowId]);

    let applied = 0;
    let conflicts = 0;
    let parked = 0;
    const touchedVisits = new Set<string>();
    const listedHere = new Map<string, string>();
    const sums = new Set<string>();
    const derive = { orgId, owner: deps.config, now: deps.now() };
    for (const [table, allIds] of tables) {
      const shape = shapes.get(table)!;
      const ids = [...new Set(allIds)];
      const rows = await rowsById(trx, table, ids);
      const stamps = await stampsOf(trx, table, ids);
      const created = await insertStamps(trx, table, [...rows.values()], me);
      for (const rowId of ids) {
        const rowCells = byRow.get(rowKey(table, rowId))!;
        if (waiting.has(rowKey(table, rowId))) {
          parked += await parkCells(trx, orgId, rowCells, nowIso);
          continue;
        }
        const before = rows.get(rowId) ?? null;
        if (before && before[shape.orgColumn] !== orgId) throw new Error(`a pulled cell of another organization's row: ${table} ${rowId}`);
        const held = stamps.get(rowId) ?? new Map<string, Stamp>();
        // A column not written since the row's insert has no cell stamp: it is as old as the insert's change (a row
        // recorded before stamps existed: its creation). No tombstone stamp: never deleted (a row deleted before
        // stamps existed: as of its last write).
        const unstamped = (column: string) =>
          !before ? null : column !== DELETED ? (created.get(rowId) ?? null) : before.deleted_at ? formatHlc({ millis: Date.parse(before.updated_at as string), counter: 0, node: me }) : null;
        const winners: CellMessage[] = [];
        const diverged: { column: string; local: Stamp; localValue: unknown; remote: CellMessage; remoteWins: boolean }[] = [];
        let createdAt: CellMessage | null = null;
        for (const c of rowCells) {
          if (c.column === 'created_at') {
            createdAt = c;
            continue;
          }
          const local = held.get(c.column);
          const won = wins(c.hlc, local?.hlc ?? unstamped(c.column));
          if (won) winners.push(c);
          if (before && local && isConflictColumn(table, c.column)) {
            const localValue = before[c.column];
            const pending = local.node === me && (local.seq ?? 0) > pendingAfter;
            if (divergedField({ hlc: local.hlc, pending, value: localValue as CellMessage['value'] }, { hlc: c.hlc, value: stored(shape, c.column, c.value) as CellMessage['value'] })) {
              diverged.push({ column: c.column, local, localValue, remote: c, remoteWins: won });
            }
          }
        }
        if (diverged.length) {
          const remoteWins = diverged.some((d) => d.remoteWins);
          const [localHlc, remoteHlc] = [maxOf(diverged.map((d) => d.local.hlc)), maxOf(diverged.map((d) => d.remote.hlc))];
          const local = { node: me, at: timeOf(localHlc), hlc: localHlc, values: Object.fromEntries(diverged.map((d) => [d.column, d.localValue])) };
          const remote = { node: hlcNode(diverged[0]!.remote.hlc), at: timeOf(remoteHlc), hlc: remoteHlc, values: Object.fromEntries(diverged.map((d) => [d.column, d.remote.value])) };
          const row: ConflictRow = {
            kind: diverged.some((d) => d.column === 'status') ? 'status_diverged' : 'field_diverged',
            table,
            rowId,
            otherRowId: null,
            title: await titleOf(trx, table, before!),
            branchId: rowCells[0]!.branchId,
            kept: (remoteWins ? remote : local) as ConflictRow['kept'],
            other: (remoteWins ? local : remote) as ConflictRow['other'],
          };
          const hlcs = diverged.flatMap((d) => [d.local.hlc, d.remote.hlc]).sort();
          const id = conflictId([row.kind, table, rowId, ...hlcs]);
          if (await recordConflict(trx, orgId, id, row, nowIso)) {
            conflicts++;
            listedHere.set(rowKey(table, rowId), id);
          }
        }
        // An insert cut by a pull page: the row was made from its first part with a stand-in creation time (its stamp's
        // clock), and the insert's own, arriving on a later page, must still land: it is what the hub and the others hold.
        if (before && typeof createdAt?.value === 'string' && before.created_at !== createdAt.value) {
          await trx
            .updateTable(table as SyncedTable)
            .set({ created_at: createdAt.value } as never)
            .where('id', '=', rowId)
            .execute();
          before.created_at = createdAt.value;
        }
        if (winners.length === 0) continue;

        const patch: Record<string, unknown> = {};
        let deletedCell: CellMessage | null = null;
        for (const w of winners) {
          if (w.column === DELETED) {
            deletedCell = w;
            patch.deleted_at = w.value === true || w.value === 1 ? timeOf(w.hlc) : null;
          } else patch[w.column] = stored(shape, w.column, w.value);
        }
        let written: Record<string, unknown>;
        let op: ChangeOp;
        if (!before) {
          const missing = shape.required.filter((col) => !(col in patch));
          if (missing.length) {
            parked += await parkCells(trx, orgId, createdAt ? [...winners, createdAt] : winners, nowIso);
            continue;
          }
          written = {
            ...patch,
            id: rowId,
            ...(shape.orgColumn === 'org_id' ? { org_id: orgId } : {}),
            created_at: typeof createdAt?.value === 'string' ? createdAt.value : timeOf(maxOf(winners.map((w) => w.hlc))),
            updated_at: nowIso,
            deleted_at: patch.deleted_at ?? null,
            version: 1,
          };
          if (!(await insertUnlessTaken(trx, table, written))) {
            // Another row here already holds this row's natural key (two branches added the same one offline): the
            // pulled row waits, and a person is told; the rest of the batch goes on.
            parked += await parkCells(trx, orgId, createdAt ? [...winners, createdAt] : winners, nowIso);
            const stamp = maxOf(winners.map((w) => w.hlc));
            const values = Object.fromEntries(winners.map((w) => [w.column, w.value]));
            const taken: ConflictRow = {
              kind: 'field_diverged',
              table,
              rowId,
              otherRowId: null,
              title: await titleOf(trx, table, written),
              branchId: winners[0]!.branchId,
              kept: { node: me, at: nowIso, values: {} },
              other: { node: hlcNode(stamp), at: timeOf(stamp), values },
            };
            if (await recordConflict(trx, orgId, conflictId(['taken', table, rowId]), taken, nowIso)) conflicts++;
            continue;
          }
          op = 'insert';
        } else {
          const version = (before.version as number) + 1;
          const res = await trx
            .updateTable(table as SyncedTable)
            .set({ ...patch, updated_at: nowIso, version } as never)
            .where('id', '=', rowId)
            .where('version', '=', before.version as number)
            .executeTakeFirst();
          if (Number(res.numUpdatedRows) !== 1) throw new Error(`${table} ${rowId} changed while a pull was applied`);
          written = { ...before, ...patch, updated_at: nowIso, version };
          op = deletedCell && patch.deleted_at ? 'delete' : 'update';
        }
        const columns = op === 'insert' ? Object.keys(written).filter((k) => !['created_at', 'updated_at', 'deleted_at', 'version'].includes(k)) : Object.keys(patch);
        const branchId = winners[0]!.branchId;
        const stamp = maxOf(winners.map((w) => w.hlc));
        await appendChange(trx, { orgId, branchId, table, rowId, op, columns, version: written.version as number, userId: null, at: nowIso }, { hlc: stamp, origin: 'remote' });
        await sql`insert into sync_cell (table_name, row_id, column_name, hlc, node, seq)
          select ${table}, ${rowId}, j.value ->> 0, j.value ->> 1, j.value ->> 2, null from json_each(${JSON.stringify(winners.map((w) => [w.column, w.hlc, hlcNode(w.hlc)]))}) j where true
          on conflict (table_name, row_id, column_name) do update set hlc = excluded.hlc, node = excluded.node, seq = null`.execute(trx);
        applied += winners.length;
        if (table === 'visit') touchedVisits.add(rowId);
        if (table === 'visit' || table === 'visit_line' || table === 'visit_payment') sums.add(table === 'visit' ? rowId : (written.visit_id as string));
        if (table === 'intervention') {
          const merged = written;
          written = await deriveIntervention(trx, written, derive);
          const listed = listedHere.get(rowKey(table, rowId));
          // The status derived again is a machine's write, not a decision: the conflict just listed must outlast it.
          if (listed && written !== merged) await raiseThreshold(trx, listed, table, rowId);
        }

        for (const spec of specsOf(table)) {
          spec.announce?.(ctx, { op, after: written as unknown as Row<SyncedTable>, before: before as unknown as Row<SyncedTable> | null, branchId });
          await spec.pulled?.(ctx, written as unknown as Row<SyncedTable>, before as unknown as Row<SyncedTable> | null);
        }
      }
    }
    for (const v of await deriveVisitSums(trx, sums, derive)) {
      for (const spec of specsOf('visit')) spec.announce?.(ctx, { op: 'update', after: v as unknown as Row<SyncedTable>, before: null, branchId: v.branch_id as string });
    }
    conflicts += await doubleBookingConflicts(trx, orgId, touchedVisits, nowIso);
    if (touchedVisits.size) await settleDoubleBookings(trx, orgId, nowIso);
    // A decision made on another computer (or a later edit) arrived: the same crossing edit closes here too.
    if (cells.length) await settleDecidedFields(trx, orgId, nowIso);
    // Only rows of this batch may wait; anything else dangling fails the commit as before.
    const dangling = findDangling ? await danglingRows(trx, shapes, tables.keys()) : null;
    if (dangling?.length && dangling.every((k) => byRow.has(k) && !waiting.has(k))) throw new Dangling(dangling);
    return { applied, conflicts, parked };
  }).catch((e: unknown) => {
    if (e instanceof Dangling) return e;
    throw e;
  });
  if (result instanceof Dangling) return { dangling: result.rows };
  if (top) observeStamp(deps.config, top);
  for (const e of events) deps.emit(e.name, e.payload, e.scope);
  for (const fn of after) fn();
  return { result };
}
