import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { CellMessage } from '../../../shared/sync/protocol';

/**
 * Pulled cells of a row not here yet whose batch lacked a column the row cannot be inserted without (a batch
 * boundary split the row): kept, the greatest stamp per cell, and taken back before the next batch is applied.
 */
export async function parkCells(db: Kysely<DB>, orgId: string, cells: readonly CellMessage[], at: string): Promise<number> {
  for (const c of cells) {
    await db
      .insertInto('sync_inbox')
      .values({ table_name: c.table, row_id: c.rowId, column_name: c.column, org_id: orgId, branch_id: c.branchId, value: JSON.stringify(c.value), hlc: c.hlc, received_at: at })
      .onConflict((oc) =>
        oc
          .columns(['table_name', 'row_id', 'column_name'])
          .doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), hlc: eb.ref('excluded.hlc'), branch_id: eb.ref('excluded.branch_id'), received_at: eb.ref('excluded.received_at') }))
          .where('excluded.hlc', '>', (eb) => eb.ref('sync_inbox.hlc')),
      )
      .execute();
  }
  return cells.length;
}

/** Every waiting cell of the organization, removed from the inbox (those still incomplete are parked again). */
export async function takeInbox(db: Kysely<DB>, orgId: string): Promise<CellMessage[]> {
  const rows = await db.selectFrom('sync_inbox').selectAll().where('org_id', '=', orgId).execute();
  if (rows.length === 0) return [];
  await db.deleteFrom('sync_inbox').where('org_id', '=', orgId).execute();
  return rows.map((r) => ({ table: r.table_name, rowId: r.row_id, column: r.column_name, value: JSON.parse(r.value ?? 'null') as CellMessage['value'], hlc: r.hlc, branchId: r.branch_id }));
}

/** How many cells wait for the rest of their row. */
export async function inboxSize(db: Kysely<DB>, orgId: string): Promise<number> {
  const r = await db.selectFrom('sync_inbox').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', orgId).executeTakeFirst();
  return Number(r?.n ?? 0);
}
