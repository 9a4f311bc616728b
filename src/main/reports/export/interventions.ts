import { me, type Ctx } from '../../api/context';
import type { GridColumn, GridRow, GridScope, SortField } from '../../../shared/api/interventions';
import type { ExportFormat } from '../../../shared/api/reports';
import { gridOrder, gridSourceOf } from '../../modules/interventions';
import { reportEnv, baseName } from '../context';
import { writeReportFile } from '../files';
import { cellCsv, cellValue, columnTitle, DATE_COLUMNS, INSTANT_COLUMNS } from '../format';
import { localeOf } from '../i18n';
import { inScope } from '../../api/scope';
import { defaultDelimiter } from './csv';
import { writeSnapshot, type ExportSheet } from './write';
import type { XlsxKind } from './xlsx';

export { EXPORT_PAGE } from './write';

export interface ExportInput {
  scope: GridScope;
  columns: GridColumn[];
  format: ExportFormat;
  sort?: SortField;
  desc?: boolean;
  delimiter?: ',' | ';' | '\t';
}

export interface ExportProgress {
  done: number;
  total: number;
}

const WIDTH: Partial<Record<GridColumn, number>> = { series: 8, number: 13, docDate: 11, startAt: 16, endAt: 16, status: 16, priority: 10, valid: 8, cancelled: 9, client: 32, notes: 48, email: 28, address: 30, phone: 16, object: 24 };

/** The zones of the branches whose rows the scope can hold (the caller's, or the one filtered on). */
async function scopeZones(ctx: Ctx, scope: GridScope): Promise<string[]> {
  const user = me(ctx);
  let q = ctx.db.selectFrom('branch').select('time_zone').distinct().where(inScope(user, { org: 'org_id', branch: 'id' })).where('deleted_at', 'is', null);
  if (scope.filters.branchId) q = q.where('id', '=', scope.filters.branchId);
  return (await q.orderBy('time_zone').execute()).map((r) => r.time_zone);
}

/**
 * Exactly the grid's rows (its filters, group path and sort) with exactly its shown columns, read page by page from the same
 * query the grid uses and streamed to DATA/reports. Progress goes to `onProgress` after every page.
 */
export async function exportInterventions(ctx: Ctx, input: ExportInput, onProgress?: (p: ExportProgress) => void): Promise<{ fileId: string; fileName: string; rows: number }> {
  const user = me(ctx);
  const env = await reportEnv(ctx);
  const { fmt } = env;
  // Times are the wall clock of each row's branch (spreadsheets have no zones): the header names the zone when the
  // branches the export can hold share one, else a last column gives each row's.
  const zones = input.columns.some((c) => INSTANT_COLUMNS.has(c)) ? await scopeZones(ctx, input.scope) : [];
  const zoneColumn = zones.length > 1;
  const headers = input.columns.map((c) => (zones.length === 1 && INSTANT_COLUMNS.has(c) ? `${columnTitle(fmt, c)} (${zones[0]})` : columnTitle(fmt, c)));
  const kinds: XlsxKind[] = input.columns.map((c) => (DATE_COLUMNS.has(c) ? 'date' : INSTANT_COLUMNS.has(c) ? 'dateTime' : 'text'));
  const widths = input.columns.map((c) => WIDTH[c] ?? 18);
  if (zoneColumn) {
    headers.push(fmt.tr('reports.timeZone'));
    kinds.push('text');
    widths.push(18);
  }
  const extra = (r: GridRow) => (zoneColumn ? [r.timeZone] : []);
  const sheet: ExportSheet<GridRow> = {
    name: fmt.tr('reports.sheet'),
    columns: headers.map((header, i) => ({ header, kind: kinds[i]!, width: widths[i]! })),
    delimiter: input.delimiter ?? defaultDelimiter(localeOf(user.language)),
    csv: (r) => [...input.columns.map((c) => cellCsv(fmt, r, c)), ...extra(r)],
    xlsx: (r) => [...input.columns.map((c) => cellValue(fmt, r, c)), ...extra(r)],
  };
  // Taken once, at the start, from the grid's one source: saves go on meanwhile and never move these rows.
  const snapshot = await gridSourceOf(ctx).snapshot(input.scope, gridOrder(input));
  const owner = { orgId: user.orgId, userId: user.id };
  const file = await writeReportFile(ctx.config.dataDir, input.format, baseName(env, fmt.tr('reports.titles.export')), owner, ctx.clock.now(), (path) =>
    writeSnapshot(path, input.format, snapshot, sheet, onProgress),
  );
  return { fileId: file.fileId, fileName: file.fileName, rows: file.written };
}
