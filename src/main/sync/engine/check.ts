import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { CellValue } from '../../../shared/sync/merge';
import { DELETED } from '../replica/columns';
import { cellValueOf, rowsById } from '../replica/outbound';
import { readShapes } from '../replica/tables';
import { SCHEMA_VERSION } from './device';
import type { HubClient } from './hubClient';

/** One cell on which this device and the hub differ; `absent`: the row is not there at all. */
export interface Difference {
  table: string;
  rowId: string;
  /** `*` when a whole row is missing on one side. */
  column: string;
  device: CellValue | 'absent';
  hub: CellValue | 'absent';
}

/** SQLite keeps booleans as 1/0 and blobs as bytes; the hub, as they travelled. Compared alike. */
const same = (device: CellValue, hub: CellValue) => device === hub || (typeof hub === 'boolean' && device === (hub ? 1 : 0));

/**
 * Compares this device's rows with the hub's current cells (the greatest stamp per column, as every replica should
 * hold after a full sync): every column the hub has that differs here, rows the hub has that are not here, and rows
 * here the hub has never received. Reads only. Meaningful after a sync round: cells waiting to be pushed or pulled
 * differ by design.
 */
export async function compareWithHub(db: Kysely<DB>, hub: HubClient, key: string, orgId: string): Promise<Difference[]> {
  const shapes = await readShapes(db);
  const out: Difference[] = [];
  const seen = new Map<string, Set<string>>();
  let after: [string, string, string] | null = null;
  do {
    const page = await hub.cells(key, { schemaVersion: SCHEMA_VERSION, after, limit: 2000 });
    const byTable = new Map<string, string[]>();
    for (const c of page.cells) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c.rowId]);
    const rows = new Map<string, Map<string, Record<string, unknown>>>();
    for (const [table, ids] of byTable) if (shapes.has(table)) rows.set(table, await rowsById(db, table, [...new Set(ids)]));
    const missing = new Set<string>();
    for (const c of page.cells) {
      let ids = seen.get(c.table);
      if (!ids) seen.set(c.table, (ids = new Set()));
      ids.add(c.rowId);
      const row = rows.get(c.table)?.get(c.rowId);
      if (!row) {
        const key = `${c.table}\u0000${c.rowId}`;
        if (!missing.has(key)) out.push({ table: c.table, rowId: c.rowId, column: '*', device: 'absent', hub: c.value });
        missing.add(key);
        continue;
      }
      const here = c.column === DELETED ? row.deleted_at != null : cellValueOf(row[c.column]);
      if (!same(here, c.value)) out.push({ table: c.table, rowId: c.rowId, column: c.column, device: here, hub: c.value });
    }
    after = page.next;
  } while (after);
  for (const [table, shape] of shapes) {
    const ids = await db
      .selectFrom(table as 'client')
      .select('id')
      .where(shape.orgColumn as 'org_id', '=', orgId)
      .execute();
    const known = seen.get(table);
    for (const { id } of ids) if (!known?.has(id)) out.push({ table, rowId: id, column: '*', device: 'present', hub: 'absent' });
  }
  return out;
}
