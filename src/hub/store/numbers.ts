import { sql } from 'kysely';
import { formatHlc, parseHlc } from '../../shared/sync/hlc';
import { HUB_NODE, NUMBERED_TABLES } from '../../shared/sync/numbered';
import { assignFinal, isProvisional } from '../../shared/sync/provisional';
import type { CellMessage } from '../../shared/sync/protocol';
import { formatDocNumber } from '../../shared/rules/series';
import type { HubDb } from '../db/open';
import type { HubDevice } from '../db/schema';
import { storeHubCells } from './cells';

type Device = Pick<HubDevice, 'id' | 'org_id'>;
type Claim = { table: string; rowId: string; provisional: string; first: string; last: string; branchId: string | null };
type Series = { prefix: string; padding: number; nextNumber: number; branchId: string | null; known: boolean };

const key = (table: string, rowId: string) => `${table}\u0000${rowId}`;

/** The hub's stamp for a cell it writes: after `after` (the stamp it must win over) and not before the hub's now. */
export function hubStampAfter(after: string, now: number): string {
  const h = parseHlc(after);
  const millis = Math.max(now, h.millis);
  return formatHlc({ millis, counter: millis === h.millis ? h.counter + 1 : 0, node: HUB_NODE });
}

/** Provisional numbers among pushed cells: one claim per document, its first and last stamps. */
export function claimsOf(cells: readonly CellMessage[]): Claim[] {
  const claims = new Map<string, Claim>();
  for (const c of cells) {
    if (c.column !== 'number' || !NUMBERED_TABLES.has(c.table) || typeof c.value !== 'string' || !isProvisional(c.value)) continue;
    const k = key(c.table, c.rowId);
    const held = claims.get(k);
    if (!held) claims.set(k, { table: c.table, rowId: c.rowId, provisional: c.value, first: c.hlc, last: c.hlc, branchId: c.branchId });
    else {
      if (c.hlc < held.first) Object.assign(held, { first: c.hlc, provisional: c.value });
      if (c.hlc > held.last) held.last = c.hlc;
    }
  }
  return [...claims.values()];
}

async function currentValues(trx: HubDb, orgId: string, table: string, rowIds: string[], columns: string[]) {
  if (!rowIds.length) return [];
  return trx
    .selectFrom('hub_cell')
    .select(['row_id', 'column_name', 'value', 'hlc', 'branch_id'])
    .where('org_id', '=', orgId)
    .where('table_name', '=', table)
    .where('row_id', 'in', rowIds)
    .where('column_name', 'in', columns)
    .execute();
}

/** A series as the hub's cells know it; unknown (never pushed), the provisional number's own prefix and 6 digits. */
async function seriesOf(trx: HubDb, orgId: string, ids: string[]): Promise<Map<string, Series>> {
  const out = new Map<string, Series>();
  for (const r of await currentValues(trx, orgId, 'doc_series', ids, ['prefix', 'padding', 'next_number'])) {
    const s = out.get(r.row_id) ?? { prefix: '', padding: 6, nextNumber: 1, branchId: r.branch_id, known: true };
    const v = JSON.parse(r.value) as unknown;
    if (r.column_name === 'prefix' && typeof v === 'string') s.prefix = v;
    if (r.column_name === 'padding' && typeof v === 'number') s.padding = v;
    if (r.column_name === 'next_number' && typeof v === 'number') s.nextNumber = v;
    out.set(r.row_id, s);
  }
  for (const id of ids) if (!out.has(id)) out.set(id, { prefix: '', padding: 6, nextNumber: 1, branchId: null, known: false });
  return out;
}

/**
 * Gives the documents that arrived in one push with provisional numbers their final numbers, inside the push's
 * transaction (after its cells are stored, under the organization's push lock): per series, in the order they were
 * numbered on the device (stamp order), after the series' last final number — never below the series' own next
 * number — moved by one `UPDATE … RETURNING` on the series' counter row. A document already numbered keeps its
 * number (a replay, or a second device's validation of it); its final number is written again only if a provisional
 * one now stands stamped after it. The answers are ordinary cells (the document's `number`, the series'
 * `next_number`), stamped after what they answer, so they win on every replica. A failed push rolls all of it back:
 * no number is spent on a document the hub did not store. Answers how many cells were written.
 */
export async function confirmProvisional(trx: HubDb, device: Device, cells: readonly CellMessage[], now: number): Promise<number> {
  const claims = claimsOf(cells);
  if (!claims.length) return 0;
  const org = device.org_id;
  const byTable = new Map<string, Claim[]>();
  for (const c of claims) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);

  const known = new Map<string, { final: number; number: string; seriesId: string }>();
  const seriesIdOf = new Map<string, string>();
  const current = new Map<string, { value: string; hlc: string }>();
  const deleted = new Set<string>();
  for (const [table, list] of byTable) {
    const ids = list.map((c) => c.rowId);
    const rows = await trx.selectFrom('hub_number').select(['row_id', 'final', 'number', 'series_id']).where('org_id', '=', org).where('table_name', '=', table).where('row_id', 'in', ids).execute();
    for (const r of rows) known.set(key(table, r.row_id), { final: Number(r.final), number: r.number, seriesId: r.series_id });
    for (const r of await currentValues(trx, org, table, ids, ['series_id', 'number', '_deleted'])) {
      const v = JSON.parse(r.value) as unknown;
      if (r.column_name === 'series_id' && typeof v === 'string') seriesIdOf.set(key(table, r.row_id), v);
      if (r.column_name === 'number') current.set(key(table, r.row_id), { value: r.value, hlc: r.hlc });
      if (r.column_name === '_deleted' && v === true) deleted.add(key(table, r.row_id));
    }
  }

  // A document without a series cannot be numbered (it would never be), nor a deleted one: no number is spent on it.
  const fresh = claims.filter((c) => !known.has(key(c.table, c.rowId)) && seriesIdOf.has(key(c.table, c.rowId)) && !deleted.has(key(c.table, c.rowId)));
  const seriesIds = [...new Set([...fresh.map((c) => seriesIdOf.get(key(c.table, c.rowId))!)])].sort();
  const series = await seriesOf(trx, org, seriesIds);
  const out: CellMessage[] = [];

  for (const seriesId of seriesIds) {
    const s = series.get(seriesId)!;
    const mine = fresh.filter((c) => seriesIdOf.get(key(c.table, c.rowId)) === seriesId);
    await trx.insertInto('hub_series_counter').values({ org_id: org, series_id: seriesId, last_final: 0 }).onConflict((oc) => oc.columns(['org_id', 'series_id']).doNothing()).execute();
    const floor = Math.max(0, s.nextNumber - 1);
    const { last_final: last } = await trx
      .updateTable('hub_series_counter')
      .set({ last_final: sql<number>`(case when last_final < ${floor} then ${floor} else last_final end) + ${mine.length}` })
      .where('org_id', '=', org)
      .where('series_id', '=', seriesId)
      .returning('last_final')
      .executeTakeFirstOrThrow();
    const prefix = s.known ? s.prefix : mine[0]!.provisional.replace(/P\d{1,5}-\d+$/u, '');
    const claimOf = new Map(mine.map((c) => [key(c.table, c.rowId), c]));
    const given = assignFinal(
      mine.map((c) => ({ id: key(c.table, c.rowId), hlc: c.first })),
      Number(last) - mine.length,
    );
    const rows = given.map((g) => {
      const c = claimOf.get(g.id)!;
      const number = formatDocNumber(prefix, g.final, s.padding);
      known.set(g.id, { final: g.final, number, seriesId });
      return { org_id: org, table_name: c.table, row_id: c.rowId, series_id: seriesId, final: g.final, number, provisional: c.provisional, device_id: device.id, at: now };
    });
    await trx.insertInto('hub_number').values(rows).execute();
    if (s.known) {
      const [cell] = await currentValues(trx, org, 'doc_series', [seriesId], ['next_number']);
      const next = Number(last) + 1;
      if (!cell || JSON.parse(cell.value) !== next) {
        out.push({ table: 'doc_series', rowId: seriesId, column: 'next_number', value: next, hlc: hubStampAfter(cell?.hlc ?? formatHlc({ millis: 0, counter: 0, node: HUB_NODE }), now), branchId: s.branchId });
      }
    }
  }

  for (const c of claims) {
    const k = key(c.table, c.rowId);
    const final = known.get(k);
    if (!final) continue;
    const standing = current.get(k);
    if (standing && JSON.parse(standing.value) === final.number && standing.hlc > c.last) continue;
    const after = standing && standing.hlc > c.last ? standing.hlc : c.last;
    out.push({ table: c.table, rowId: c.rowId, column: 'number', value: final.number, hlc: hubStampAfter(after, now), branchId: c.branchId });
  }
  return storeHubCells(trx, org, out);
}
