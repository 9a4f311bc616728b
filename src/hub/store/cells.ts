import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { CellMessage } from '../../shared/sync/protocol';
import type { Engine } from '../db/migrations';
import type { HubDb } from '../db/open';
import type { HubDB, HubDevice } from '../db/schema';
import { branchesOf } from './devices';
import { HUB_WRITER } from '../../shared/sync/numbered';
import { confirmProvisional } from './numbers';

type Device = Pick<HubDevice, 'id' | 'org_id' | 'branch_ids'>;

// Rows per INSERT: 9 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const CHUNK = 500;

/** Whether a device may push this cell: its branches' rows and organization-wide ones. */
export function servesBranch(device: Pick<HubDevice, 'branch_ids'>, branchId: string | null): boolean {
  const branches = branchesOf(device.branch_ids);
  return branchId === null || branches === null || branches.includes(branchId);
}

/**
 * Stores a pushed batch inside the caller's transaction. The organization's row is touched first: a row lock that
 * makes one organization's pushes take turns, so its cells commit in seq order and a pull's cursor never passes a
 * seq that a slower transaction commits later. A batch id seen before stores nothing; a cell already in the log (same
 * row, column and HLC, under any batch) stores nothing. The hub's current cells keep the greatest HLC per column; provisional
 * document numbers among the cells get their final numbers in the same transaction (`confirmProvisional`).
 */
export async function storeBatch(trx: HubDb, engine: Engine, device: Device, batchId: string, cells: CellMessage[], now: number): Promise<number> {
  await trx.updateTable('hub_organization').set({ last_push_at: now }).where('id', '=', device.org_id).execute();
  const fresh = await trx
    .insertInto('hub_batch')
    .values({ device_id: device.id, batch_id: batchId, accepted: 0, at: now })
    .onConflict((oc) => oc.columns(['device_id', 'batch_id']).doNothing())
    .returning('batch_id')
    .executeTakeFirst();
  if (!fresh) return 0;
  let accepted: number;
  if (engine === 'pg') accepted = await storePg(trx, device, batchId, cells);
  else {
    accepted = await storeRows(trx, device, cells);
    await trx.updateTable('hub_batch').set({ accepted }).where('device_id', '=', device.id).where('batch_id', '=', batchId).execute();
  }
  // Only a push that stored something can hold a provisional number not yet answered.
  if (accepted) await confirmProvisional(trx, device, cells, now);
  return accepted;
}

/**
 * Cells the hub writes itself (final numbers), inside the caller's transaction, logged under `HUB_WRITER` so every
 * device pulls them, the one whose push caused them included. Answers how many were stored.
 */
export async function storeHubCells(trx: HubDb, orgId: string, cells: CellMessage[]): Promise<number> {
  if (!cells.length) return 0;
  const stored = await appendRows(trx, { id: HUB_WRITER, org_id: orgId, branch_ids: null }, cells);
  for (let i = 0; i < stored.length; i += CHUNK) await currentRows(trx, orgId, stored.slice(i, i + CHUNK));
  return stored.length;
}

/** The portable path (SQLite): the log rows in chunks, then the current cells from what was stored. */
async function storeRows(trx: HubDb, device: Device, cells: CellMessage[]): Promise<number> {
  const stored = await appendRows(trx, device, cells);
  // One row per column in a statement (an upsert may not touch a row twice): the batch's latest.
  const latest = new Map<string, Stored>();
  for (const c of stored) {
    const key = JSON.stringify([c.table_name, c.row_id, c.column_name]);
    const seen = latest.get(key);
    if (!seen || c.hlc > seen.hlc) latest.set(key, c);
  }
  const current = [...latest.values()];
  for (let i = 0; i < current.length; i += CHUNK) await currentRows(trx, device.org_id, current.slice(i, i + CHUNK));
  return stored.length;
}

type Stored = { seq: number; table_name: string; row_id: string; column_name: string; value: string; hlc: string; branch_id: string | null };
const STORED = ['seq', 'table_name', 'row_id', 'column_name', 'value', 'hlc', 'branch_id'] as const;

async function appendRows(trx: HubDb, device: Device, cells: CellMessage[]): Promise<Stored[]> {
  const stored: Stored[] = [];
  for (let i = 0; i < cells.length; i += CHUNK) {
    const rows = cells.slice(i, i + CHUNK).map((c) => ({
      org_id: device.org_id,
      device_id: device.id,
      table_name: c.table,
      row_id: c.rowId,
      column_name: c.column,
      value: JSON.stringify(c.value),
      hlc: c.hlc,
      branch_id: c.branchId,
    }));
    stored.push(
      ...(await trx
        .insertInto('hub_cell_log')
        .values(rows)
        .onConflict((oc) => oc.columns(['org_id', 'table_name', 'row_id', 'column_name', 'hlc']).doNothing())
        .returning(STORED)
        .execute()),
    );
  }
  return stored;
}

async function currentRows(trx: HubDb, orgId: string, rows: Stored[]): Promise<void> {
  await trx
    .insertInto('hub_cell')
    .values(rows.map((c) => ({ org_id: orgId, ...c })))
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'table_name', 'row_id', 'column_name'])
        .doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          hlc: eb.ref('excluded.hlc'),
          branch_id: eb.ref('excluded.branch_id'),
          seq: eb.ref('excluded.seq'),
        }))
        .where((eb) => eb('hub_cell.hlc', '<', eb.ref('excluded.hlc'))),
    )
    .execute();
}

/*
 * PostgreSQL takes a whole batch in one statement of a few array parameters (unnest): the log rows, the current
 * cells from what was stored and the batch's count, never shipping the rows back to us. The same rules as the portable path above; HLCs
 * compare in the "C" collation, as text sorts in SQLite and JavaScript, whatever the database's locale.
 */
async function storePg(trx: HubDb, device: Device, batchId: string, cells: CellMessage[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with stored as (
      insert into hub_cell_log (org_id, device_id, table_name, row_id, column_name, value, hlc, branch_id)
      select ${device.org_id}, ${device.id}, t, r, c, v, h, b
        from unnest(${cells.map((c) => c.table)}::text[], ${cells.map((c) => c.rowId)}::text[], ${cells.map((c) => c.column)}::text[],
                    ${cells.map((c) => JSON.stringify(c.value))}::text[], ${cells.map((c) => c.hlc)}::text[], ${cells.map((c) => c.branchId)}::text[])
             as u(t, r, c, v, h, b)
      on conflict (org_id, table_name, row_id, column_name, hlc) do nothing
      returning seq, table_name, row_id, column_name, value, hlc, branch_id
    ), latest as (
      select distinct on (table_name, row_id, column_name) *
        from stored
       order by table_name, row_id, column_name, hlc collate "C" desc
    ), current as (
      insert into hub_cell (org_id, table_name, row_id, column_name, value, hlc, branch_id, seq)
      select ${device.org_id}, table_name, row_id, column_name, value, hlc, branch_id, seq from latest
      on conflict (org_id, table_name, row_id, column_name) do update
         set value = excluded.value, hlc = excluded.hlc, branch_id = excluded.branch_id, seq = excluded.seq
       where hub_cell.hlc collate "C" < excluded.hlc collate "C"
    ), counted as (
      update hub_batch set accepted = (select count(*) from stored) where device_id = ${device.id} and batch_id = ${batchId}
    )
    select count(*)::int as n from stored`.execute(trx);
  return rows[0]!.n;
}

function visibleTo(device: Device) {
  const branches = branchesOf(device.branch_ids);
  return (eb: ExpressionBuilder<HubDB, 'hub_cell_log'>): Expression<SqlBool> => {
    const own = eb.and([eb('org_id', '=', device.org_id), eb('device_id', '<>', device.id)]);
    if (branches === null) return own;
    return eb.and([own, branches.length ? eb.or([eb('branch_id', 'is', null), eb('branch_id', 'in', branches)]) : eb('branch_id', 'is', null)]);
  };
}

async function lastSeq(db: HubDb, orgId: string): Promise<number> {
  const row = await db.selectFrom('hub_cell_log').select((eb) => eb.fn.max('seq').as('m')).where('org_id', '=', orgId).executeTakeFirst();
  return Number(row?.m ?? 0);
}

/**
 * Everyone else's cells after `cursor` that this device may see, oldest first. The organization's last seq is read
 * first and the page taken at or below it: every cell up to it has committed (pushes take turns), so the cursor
 * handed back never skips one. When the page is not full the cursor moves to that last seq, past the device's own
 * cells, so they are not scanned again.
 */
export async function pullCells(db: HubDb, device: Device, cursor: number, limit: number): Promise<{ cells: CellMessage[]; cursor: number; more: boolean; remaining: number }> {
  const last = await lastSeq(db, device.org_id);
  if (last <= cursor) return { cells: [], cursor, more: false, remaining: 0 };
  const rows = await db
    .selectFrom('hub_cell_log')
    .select(['seq', 'table_name', 'row_id', 'column_name', 'value', 'hlc', 'branch_id'])
    .where(visibleTo(device))
    .where('seq', '>', cursor)
    .where('seq', '<=', last)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return {
    cells: page.map((r) => ({
      table: r.table_name,
      rowId: r.row_id,
      column: r.column_name,
      value: JSON.parse(r.value) as CellMessage['value'],
      hlc: r.hlc,
      branchId: r.branch_id,
    })),
    cursor: more ? page[page.length - 1]!.seq : last,
    more,
    // Only on a backlog (a first sync, a week offline): an idle round trip stays one indexed read.
    remaining: more ? await remainingAfter(db, device, page[page.length - 1]!.seq, last) : 0,
  };
}

/** How many cells this device may see after `cursor` up to `last`: what its progress shows as left to pull. */
async function remainingAfter(db: HubDb, device: Device, cursor: number, last: number): Promise<number> {
  const row = await db
    .selectFrom('hub_cell_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(visibleTo(device))
    .where('seq', '>', cursor)
    .where('seq', '<=', last)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Whether this device has anything to pull after `cursor` (the long poll's question). */
export async function hasCellsAfter(db: HubDb, device: Device, cursor: number): Promise<boolean> {
  const row = await db.selectFrom('hub_cell_log').select('seq').where(visibleTo(device)).where('seq', '>', cursor).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The hub's current value of one cell (tests, and the check command later). */
export async function currentCell(db: HubDb, orgId: string, table: string, rowId: string, column: string) {
  const row = await db
    .selectFrom('hub_cell')
    .select(['value', 'hlc', 'branch_id'])
    .where('org_id', '=', orgId)
    .where('table_name', '=', table)
    .where('row_id', '=', rowId)
    .where('column_name', '=', column)
    .executeTakeFirst();
  return row ? { value: JSON.parse(row.value) as CellMessage['value'], hlc: row.hlc, branchId: row.branch_id } : null;
}

/**
 * Forgets batch ids older than `before` (epoch ms). The id only spares a replay the work of storing nothing: a batch
 * sent again after its id is gone still stores nothing, each of its cells being in the log already (unique on row,
 * column and stamp). Answers how many were removed.
 */
export async function pruneBatches(db: HubDb, before: number): Promise<number> {
  const r = await db.deleteFrom('hub_batch').where('at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * A page of the hub's current cells of this device's organization and branches, in (table, row, column) order after
 * `after` (keyset paging: a walk over a large organization never re-reads what it passed).
 */
export async function currentCells(db: HubDb, device: Device, after: readonly [string, string, string] | null, limit: number) {
  const branches = branchesOf(device.branch_ids);
  let q = db
    .selectFrom('hub_cell')
    .select(['table_name', 'row_id', 'column_name', 'value', 'hlc', 'branch_id'])
    .where('org_id', '=', device.org_id)
    .orderBy('table_name')
    .orderBy('row_id')
    .orderBy('column_name')
    .limit(limit + 1);
  if (branches !== null) q = q.where((eb) => (branches.length ? eb.or([eb('branch_id', 'is', null), eb('branch_id', 'in', branches)]) : eb('branch_id', 'is', null)));
  if (after) q = q.where(sql<SqlBool>`(table_name, row_id, column_name) > (${after[0]}, ${after[1]}, ${after[2]})`);
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  const cells: CellMessage[] = page.map((r) => ({ table: r.table_name, rowId: r.row_id, column: r.column_name, value: JSON.parse(r.value) as CellMessage['value'], hlc: r.hlc, branchId: r.branch_id }));
  const last = page.at(-1);
  return { cells, next: rows.length > limit && last ? ([last.table_name, last.row_id, last.column_name] as [string, string, string]) : null };
}
