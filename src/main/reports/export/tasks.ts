import { me, type Ctx } from '../../api/context';
import type { TaskGridColumn, TaskGridRow, TaskGridScope, TaskSortField } from '../../../shared/api/taskGrid';
import type { ExportFormat } from '../../../shared/api/reports';
import { taskGridOf, taskGridOrder } from '../../modules/tasks';
import { reportEnv, baseName } from '../context';
import { writeReportFile } from '../files';
import { localeOf } from '../i18n';
import { taskCellText, taskCellValue, taskColumnKind, taskColumnTitle } from '../taskCells';
import { defaultDelimiter } from './csv';
import { writeSnapshot, type ExportSheet } from './write';
import type { ExportProgress } from './interventions';

export interface TaskExportInput {
  scope: TaskGridScope;
  columns: TaskGridColumn[];
  format: ExportFormat;
  sort?: TaskSortField;
  desc?: boolean;
  delimiter?: ',' | ';' | '\t';
}

const WIDTH: Partial<Record<TaskGridColumn, number>> = { number: 14, docDate: 11, dueDate: 11, priority: 12, status: 18, client: 32, address: 32, subject: 48, updatedAt: 17 };

/** Exactly the tasks grid's rows (filters, group path, sort) with its shown columns, streamed page by page like every grid's export. */
export async function exportTasks(ctx: Ctx, input: TaskExportInput, onProgress?: (p: ExportProgress) => void): Promise<{ fileId: string; fileName: string; rows: number }> {
  const user = me(ctx);
  const env = await reportEnv(ctx);
  const { fmt } = env;
  const sheet: ExportSheet<TaskGridRow> = {
    name: fmt.tr('reports.sheet'),
    columns: input.columns.map((c) => ({
      // The last change is an instant: its column names the zone it is written on.
      header: c === 'updatedAt' ? `${taskColumnTitle(fmt, c)} (${fmt.tz})` : taskColumnTitle(fmt, c),
      kind: taskColumnKind(c),
      width: WIDTH[c] ?? 18,
    })),
    delimiter: input.delimiter ?? defaultDelimiter(localeOf(user.language)),
    csv: (r) => input.columns.map((c) => (c === 'updatedAt' ? fmt.wallText(r.updatedAt) : c === 'docDate' ? r.docDate : c === 'dueDate' ? (r.dueDate ?? '') : taskCellText(fmt, r, c))),
    xlsx: (r) => input.columns.map((c) => taskCellValue(fmt, r, c)),
  };
  const snapshot = await (await taskGridOf(ctx)).snapshot(input.scope, taskGridOrder(input));
  const owner = { orgId: user.orgId, userId: user.id };
  const file = await writeReportFile(ctx.config.dataDir, input.format, baseName(env, fmt.tr('taskGrid.exportTitle')), owner, ctx.clock.now(), (path) =>
    writeSnapshot(path, input.format, snapshot, sheet, onProgress),
  );
  return { fileId: file.fileId, fileName: file.fileName, rows: file.written };
}
