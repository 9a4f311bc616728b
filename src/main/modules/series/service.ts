import type { Selectable } from 'kysely';
import type { DocSeriesTable } from '../../db/schema';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import type { DOC_TYPES, SeriesRow } from '../../../shared/api/admin';
import { formatDocNumber } from '../../../shared/rules/series';
import { inScope, loadInScope } from '../../api/scope';
import { syncedRows } from '../../api/funnel';
import { getBranch } from '../organization';
import { prefixLooksProvisional, provisionalNumber } from '../../../shared/sync/provisional';
import { nextProvisionalCounter, provisionalMark } from './provisional';

type DocType = (typeof DOC_TYPES)[number];

const seriesRows = syncedRows({
  table: 'doc_series',
  module: 'series',
  summary: (s) => `${s.doc_type} ${s.prefix}`,
  snapshot: (s) => ({ prefix: s.prefix, padding: s.padding, next_number: s.next_number, active: s.active }),
  announce: (ctx, w) => ctx.emit('series.changed', {}, { branchIds: [w.after.branch_id] }),
});

function toRow(s: Selectable<DocSeriesTable>): SeriesRow {
  return { id: s.id, docType: s.doc_type as DocType, branchId: s.branch_id, prefix: s.prefix, padding: s.padding, nextNumber: s.next_number, active: s.active === 1, updatedAt: s.updated_at };
}

export async function listSeries(ctx: Ctx, docType?: DocType): Promise<SeriesRow[]> {
  const user = me(ctx);
  let q = ctx.db.selectFrom('doc_series').selectAll().where(inScope(user, { org: 'doc_series.org_id', branch: 'doc_series.branch_id' })).where('deleted_at', 'is', null);
  if (docType) q = q.where('doc_type', '=', docType);
  return (await q.orderBy('doc_type').orderBy('prefix').execute()).map(toRow);
}

async function getSeries(ctx: Ctx, id: string): Promise<Selectable<DocSeriesTable>> {
  return loadInScope(ctx.db, me(ctx), 'doc_series', id, { key: 'series_not_found', field: 'id' });
}

async function assertPrefixFree(ctx: Ctx, docType: string, prefix: string, exceptId: string) {
  // "RIX-P7-" would make final numbers read as provisional ones.
  if (prefixLooksProvisional(prefix)) throw fail.validation('series_prefix_provisional', 'prefix');
  const clash = await ctx.db
    .selectFrom('doc_series')
    .select('id')
    .where('org_id', '=', me(ctx).orgId)
    .where('doc_type', '=', docType)
    .where('prefix', '=', prefix)
    .where('id', '!=', exceptId)
    .executeTakeFirst();
  if (clash) throw fail.conflict('series_prefix_taken', 'prefix');
}

export async function createSeries(ctx: Ctx, input: { docType: DocType; branchId: string; prefix: string; padding: number; nextNumber: number }): Promise<SeriesRow> {
  await getBranch(ctx, input.branchId, 'branchId');
  await assertPrefixFree(ctx, input.docType, input.prefix, '');
  const row = await seriesRows.in(ctx).insert(
    { branch_id: input.branchId, doc_type: input.docType, prefix: input.prefix, padding: input.padding, next_number: input.nextNumber, active: 1 },
    { audit: { after: null } },
  );
  return toRow(row);
}

export async function updateSeries(ctx: Ctx, input: { id: string; prefix: string; padding: number; nextNumber: number; active: boolean }): Promise<SeriesRow> {
  const before = await getSeries(ctx, input.id);
  if (input.nextNumber < before.next_number) throw fail.validation('series_number_back', 'nextNumber', { min: before.next_number });
  await assertPrefixFree(ctx, before.doc_type, input.prefix, before.id);
  const values = { prefix: input.prefix, padding: input.padding, next_number: input.nextNumber, active: input.active ? 1 : 0 };
  return toRow(await seriesRows.in(ctx).update(before, values));
}

/** The branch's series for a kind of document when none is chosen: its first active one by prefix, if any. */
export async function defaultSeriesId(ctx: Ctx, orgId: string, branchId: string, docType: string): Promise<string | undefined> {
  const row = await ctx.db
    .selectFrom('doc_series')
    .select('id')
    .where('org_id', '=', orgId)
    .where('branch_id', '=', branchId)
    .where('doc_type', '=', docType)
    .where('active', '=', 1)
    .where('deleted_at', 'is', null)
    .orderBy('prefix')
    .executeTakeFirst();
  return row?.id;
}

/**
 * `orgId` is given by jobs that write without a session (the mail intake).
 * Hands out the series' next number inside the caller's transaction: if the document is not saved the number
 * goes back with the rollback (never skipped); the write lock of BEGIN IMMEDIATE serializes validations (never duplicated).
 * On an installation registered with a hub the number is provisional (the series' prefix, this device's mark, its own
 * counter): the hub answers with the final one on sync, and the series' next number moves only there.
 * `provisional_number` is what the document keeps of it for good (its history, and search by a printed number).
 */
export async function takeNumbering(ctx: Ctx, seriesId: string, orgId = me(ctx).orgId): Promise<{ number: string; provisional_number: string | null }> {
  const row = await ctx.db.selectFrom('doc_series').selectAll().where('id', '=', seriesId).where('org_id', '=', orgId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row || row.active !== 1) throw fail.validation(row ? 'series_inactive' : 'series_not_found', 'seriesId');
  const mark = await provisionalMark(ctx);
  if (mark) {
    const number = provisionalNumber(row.prefix, mark, await nextProvisionalCounter(ctx, row.id));
    return { number, provisional_number: number };
  }
  // The document's own entry tells which number it took.
  await seriesRows.in(ctx).update(row, { next_number: row.next_number + 1 }, { audit: false });
  return { number: formatDocNumber(row.prefix, row.next_number, row.padding), provisional_number: null };
}

/** `takeNumbering`'s number alone, for a document that keeps no provisional one. */
export async function takeNumber(ctx: Ctx, seriesId: string, orgId = me(ctx).orgId): Promise<string> {
  return (await takeNumbering(ctx, seriesId, orgId)).number;
}
