import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { appendChange, type SyncedTable } from '../../api/funnel';
import { deriveStatus } from '../../../shared/rules/interventions';

/**
 * Fields a module derives from others are derived again after a merge. Column-level last-writer-wins merges each
 * column on its own, so two branches' edits can meet in a combination no rule produces: a document `finalized` whose
 * `finalized_at` the other branch's later edit cleared, a visit that holds two branches' payments but the paid sum of
 * only one. The replica writes what the rule gives, as a local change with a fresh stamp: it is pushed like any
 * edit, so the hub's copy follows, and every replica, deriving the same value from the same facts, agrees with it.
 */
export interface DerivedWrite {
  orgId: string;
  /** This file's clock (the core's config) and the time: the derived value's change is stamped as a local write. */
  owner: object | undefined;
  now: number;
}

type RowOf = Record<string, unknown>;

async function write(trx: Kysely<DB>, table: SyncedTable, before: RowOf, patch: RowOf, w: DerivedWrite): Promise<RowOf> {
  const at = new Date(w.now).toISOString();
  const version = (before.version as number) + 1;
  const res = await trx
    .updateTable(table)
    .set({ ...patch, updated_at: at, version } as never)
    .where('id', '=', before.id as string)
    .where('version', '=', before.version as number)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new Error(`${table} ${String(before.id)} changed while it was derived again`);
  const branchId = (before.branch_id as string | null | undefined) ?? null;
  const change = { orgId: w.orgId, branchId, table, rowId: before.id as string, op: 'update' as const, columns: Object.keys(patch), version, userId: null, at };
  await appendChange(trx, change, { owner: w.owner, now: w.now });
  return { ...before, ...patch, updated_at: at, version };
}

/** An intervention's status from the workflow facts it is derived from; the row as it now stands. */
export async function deriveIntervention(trx: Kysely<DB>, row: RowOf, w: DerivedWrite): Promise<RowOf> {
  const status = deriveStatus({
    startAt: row.start_at as string | null,
    endAt: row.end_at as string | null,
    takenById: row.taken_by_id as string | null,
    responsibleId: row.responsible_id as string | null,
    assigneeConfirmedAt: row.assignee_confirmed_at as string | null,
    finalizedAt: row.finalized_at as string | null,
    cancelledAt: row.cancelled_at as string | null,
  });
  return row.status === status ? row : write(trx, 'intervention', row, { status }, w);
}

/**
 * Visits' sums from their live lines (quantity × price) and payments, for visits whose row, lines or payments a pull
 * touched; the visits whose sums were written again.
 */
export async function deriveVisitSums(trx: Kysely<DB>, visitIds: ReadonlySet<string>, w: DerivedWrite): Promise<RowOf[]> {
  if (visitIds.size === 0) return [];
  const rows = await sql<RowOf & { lines_total: number; payments_total: number }>`
    select v.*,
      (select coalesce(sum(l.quantity * l.price_minor), 0) from visit_line l where l.visit_id = v.id and l.deleted_at is null) as lines_total,
      (select coalesce(sum(p.amount_minor), 0) from visit_payment p where p.visit_id = v.id and p.deleted_at is null) as payments_total
    from visit v where v.id in (${sql.join([...visitIds])}) and v.deleted_at is null`.execute(trx);
  const out: RowOf[] = [];
  for (const { lines_total, payments_total, ...row } of rows.rows) {
    const patch: RowOf = {};
    if (row.total_minor !== lines_total) patch.total_minor = lines_total;
    if (row.paid_minor !== payments_total) patch.paid_minor = payments_total;
    if (Object.keys(patch).length) out.push(await write(trx, 'visit', row, patch, w));
  }
  return out;
}
