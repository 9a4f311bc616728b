import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { doubleBookings, hlcNode } from '../../../shared/sync/conflicts';
import type { CellValue } from '../../../shared/sync/merge';

/**
 * One side of a conflict as stored: the writing device's node, when (the HLC's wall-clock part) and its values; for a
 * diverged field also its full stamp, which a later decision must pass to close the conflict on every computer.
 */
export interface ConflictSide {
  node: string;
  at: string;
  hlc?: string;
  values: Record<string, CellValue>;
}

export interface ConflictRow {
  kind: 'slot_double_booked' | 'status_diverged' | 'field_diverged';
  table: string;
  rowId: string;
  otherRowId: string | null;
  title: string;
  branchId: string | null;
  kept: ConflictSide;
  other: ConflictSide;
}

/** An id every replica derives alike from what the conflict is about, so a replayed batch records it once. */
export function conflictId(parts: readonly string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Records a conflict unless it is already listed; answers whether it is new. With `reopen`, one listed and closed
 * before is open again with the sides as they are now (a double booking settled and then made again by later moves
 * has the same id, and a closed row would hide it from everyone).
 */
export async function recordConflict(db: Kysely<DB>, orgId: string, id: string, c: ConflictRow, detectedAt: string, reopen = false): Promise<boolean> {
  const kept = JSON.stringify(c.kept);
  const other = JSON.stringify(c.other);
  const r = await db
    .insertInto('sync_conflict')
    .values({
      id,
      org_id: orgId,
      kind: c.kind,
      table_name: c.table,
      row_id: c.rowId,
      other_row_id: c.otherRowId,
      title: c.title,
      branch_id: c.branchId,
      detected_at: detectedAt,
      kept,
      other,
      resolved_at: null,
      resolved_by: null,
    })
    .onConflict((oc) =>
      reopen
        ? oc
            .column('id')
            .doUpdateSet({ title: c.title, branch_id: c.branchId, detected_at: detectedAt, kept, other, resolved_at: null, resolved_by: null })
            .where('sync_conflict.resolved_at', 'is not', null)
        : oc.column('id').doNothing(),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** What people call a visit: its client (or "break") and start; a document: its number, else its date, and client. */
export async function titleOf(db: Kysely<DB>, table: string, row: Record<string, unknown>): Promise<string> {
  if (table === 'visit') {
    const client = row.client_id ? await db.selectFrom('client').select('name').where('id', '=', row.client_id as string).executeTakeFirst() : null;
    return `${client?.name ?? String(row.kind)} ${String(row.starts_at)}`;
  }
  if (table === 'intervention') return `${String(row.number ?? row.doc_date)} ${String(row.client_name)}`;
  return `${table} ${String(row.id)}`;
}

interface VisitRow {
  id: string;
  user_id: string;
  branch_id: string;
  starts_at: string;
  ends_at: string;
  status: string;
  client_id: string | null;
  kind: string;
}

const sideOf = (v: VisitRow, node: string): ConflictSide => ({
  node,
  at: v.starts_at,
  values: { user_id: v.user_id, starts_at: v.starts_at, ends_at: v.ends_at, status: v.status, client_id: v.client_id },
});

/**
 * After pulled visits were written: the live, not cancelled visits of the people they concern that now overlap a
 * touched one (each branch booked the slot offline; the merge kept both). Each pair is listed once, on every replica
 * alike. Answers how many are new.
 */
export async function doubleBookingConflicts(db: Kysely<DB>, orgId: string, touched: ReadonlySet<string>, detectedAt: string): Promise<number> {
  if (touched.size === 0) return 0;
  const ids = [...touched];
  const spans = await db.selectFrom('visit').select(['user_id', 'starts_at', 'ends_at']).where('id', 'in', ids).execute();
  let found = 0;
  const byUser = new Map<string, { from: string; to: string }>();
  for (const s of spans) {
    const w = byUser.get(s.user_id);
    byUser.set(s.user_id, { from: !w || s.starts_at < w.from ? s.starts_at : w.from, to: !w || s.ends_at > w.to ? s.ends_at : w.to });
  }
  for (const [userId, w] of byUser) {
    const visits = (await db
      .selectFrom('visit')
      .select(['id', 'user_id', 'branch_id', 'starts_at', 'ends_at', 'status', 'client_id', 'kind'])
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .where('deleted_at', 'is', null)
      .where('status', '!=', 'cancelled')
      .where('starts_at', '<', w.to)
      .where('ends_at', '>', w.from)
      .execute()) as VisitRow[];
    const byId = new Map(visits.map((v) => [v.id, v]));
    const pairs = doubleBookings(visits.map((v) => ({ id: v.id, staffId: v.user_id, start: v.starts_at, end: v.ends_at, active: true, branchId: v.branch_id })));
    for (const [a, b] of pairs) {
      if (!touched.has(a) && !touched.has(b)) continue;
      const kept = byId.get(a)!;
      const other = byId.get(b)!;
      const writers = await db.selectFrom('sync_cell').select(['row_id', 'node']).where('table_name', '=', 'visit').where('column_name', '=', 'starts_at').where('row_id', 'in', [a, b]).execute();
      // A time never moved has no cell stamp: the visit's first change (its booking) tells which computer wrote it.
      const booked = await db.selectFrom('change_log').select(['row_id', 'hlc']).where('table_name', '=', 'visit').where('row_id', 'in', [a, b]).where('op', '=', 'insert').execute();
      const nodeOf = (id: string) => writers.find((w) => w.row_id === id)?.node ?? hlcNode(booked.find((w) => w.row_id === id)?.hlc ?? '');
      const row: ConflictRow = {
        kind: 'slot_double_booked',
        table: 'visit',
        rowId: a,
        otherRowId: b,
        title: await titleOf(db, 'visit', kept as unknown as Record<string, unknown>),
        branchId: kept.branch_id,
        kept: sideOf(kept, nodeOf(a)),
        other: sideOf(other, nodeOf(b)),
      };
      if (await recordConflict(db, orgId, conflictId(['slot_double_booked', a, b]), row, detectedAt, true)) found++;
    }
  }
  return found;
}

/**
 * Double bookings that no longer hold — one of the two visits cancelled, deleted, moved or given to another person,
 * here or on another branch — are closed (`resolved_by` null: settled by a change, not decided here). So a person's
 * decision on one computer closes the same pair on every other one once the change arrives. Answers how many closed.
 */
export async function settleDoubleBookings(db: Kysely<DB>, orgId: string, nowIso: string): Promise<number> {
  const open = await db
    .selectFrom('sync_conflict')
    .select(['id', 'row_id', 'other_row_id'])
    .where('org_id', '=', orgId)
    .where('kind', '=', 'slot_double_booked')
    .where('resolved_at', 'is', null)
    .execute();
  if (open.length === 0) return 0;
  const ids = [...new Set(open.flatMap((c) => [c.row_id, c.other_row_id ?? c.row_id]))];
  const visits = await db
    .selectFrom('visit')
    .select(['id', 'user_id', 'branch_id', 'starts_at', 'ends_at', 'status', 'deleted_at'])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(visits.map((v) => [v.id, v]));
  const settled = open
    .filter((c) => {
      const [a, b] = [byId.get(c.row_id), byId.get(c.other_row_id ?? '')];
      if (!a || !b) return false;
      const live = [a, b].map((v) => ({ id: v.id, staffId: v.user_id, start: v.starts_at, end: v.ends_at, active: !v.deleted_at && v.status !== 'cancelled', branchId: v.branch_id }));
      return doubleBookings(live).length === 0;
    })
    .map((c) => c.id);
  if (settled.length === 0) return 0;
  await db.updateTable('sync_conflict').set({ resolved_at: nowIso, resolved_by: null }).where('id', 'in', settled).where('resolved_at', 'is', null).execute();
  return settled.length;
}
