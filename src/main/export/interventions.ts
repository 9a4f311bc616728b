import { me, type Ctx } from '../api/context';
import type { GridColumn, GridScope, SortField } from '../../shared/api/interventions';
import type { ExportFormat } from '../../shared/api/reports';
import { countScope, listPage } from '../modules/interventions/listing';
import { reportEnv, baseName } from '../reports/context';
import { discardReportFile, newReportFile } from '../reports/files';
import { cellCsv, cellValue, columnTitle, DATE_COLUMNS, INSTANT_COLUMNS } from '../reports/format';
import { localeOf } from '../reports/i18n';
import { CsvWriter, defaultDelimiter } from './csv';
import { XlsxWriter, type XlsxKind } from './xlsx';

/** Rows read per query: big enough to amortize the query, small enough to keep memory flat. */
export const EXPORT_PAGE = 2000;

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

/** Lets the event loop breathe: file streams flush and other work (web mode, progress) runs between pages. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Exactly the grid's rows (its filters, group path and sort) with exactly its shown columns, read page by page from the same
 * query the grid uses and streamed to DATA/reports. Progress goes to `onProgress` after every page.
 */
export async function exportInterventions(ctx: Ctx, input: ExportInput, onProgress?: (p: ExportProgress) => void): Promise<{ fileId: string; fileName: string; rows: number }> {
  const user = me(ctx);
  const env = await reportEnv(ctx);
  const { fmt } = env;
  const total = await countScope(ctx.db, user, input.scope, ctx.interventionIndex);
  const file = newReportFile(ctx.config.dataDir, input.format, baseName(env, fmt.tr('reports.titles.export')), { orgId: user.orgId, userId: user.id }, ctx.clock.now());
  const headers = input.columns.map((c) => columnTitle(fmt, c));
  const sort = input.sort ?? 'docDate';
  const desc = input.desc ?? true;
  const nowMs = ctx.clock.now();
  let done = 0;
  onProgress?.({ done, total });
  try {
    if (input.format === 'csv') {
      const out = new CsvWriter(file.path, input.delimiter ?? defaultDelimiter(localeOf(user.language)));
      try {
        await out.row(headers);
        for (let offset = 0; ; offset += EXPORT_PAGE) {
          const rows = await listPage(ctx.db, user, { scope: input.scope, sort, desc, offset, limit: EXPORT_PAGE, nowMs, warningHours: null }, ctx.interventionIndex);
          for (const r of rows) await out.row(input.columns.map((c) => cellCsv(fmt, r, c)));
          done += rows.length;
          onProgress?.({ done, total: Math.max(total, done) });
          if (rows.length < EXPORT_PAGE) break;
          await breathe();
        }
        await out.close();
      } catch (e) {
        out.abort();
        throw e;
      }
    } else {
      const kinds: XlsxKind[] = input.columns.map((c) => (DATE_COLUMNS.has(c) ? 'date' : INSTANT_COLUMNS.has(c) ? 'dateTime' : 'text'));
      const out = new XlsxWriter(
        file.path,
        fmt.tr('reports.sheet'),
        input.columns.map((c, i) => ({ header: headers[i]!, kind: kinds[i]!, width: WIDTH[c] ?? 18 })),
      );
      for (let offset = 0; ; offset += EXPORT_PAGE) {
        const rows = await listPage(ctx.db, user, { scope: input.scope, sort, desc, offset, limit: EXPORT_PAGE, nowMs, warningHours: null }, ctx.interventionIndex);
        for (const r of rows) out.row(input.columns.map((c) => cellValue(fmt, r, c)));
        done += rows.length;
        onProgress?.({ done, total: Math.max(total, done) });
        if (rows.length < EXPORT_PAGE) break;
        await out.settle();
        await breathe();
      }
      await out.close();
    }
  } catch (e) {
    discardReportFile(ctx.config.dataDir, file.fileId);
    throw e;
  }
  return { fileId: file.fileId, fileName: file.fileName, rows: done };
}
