import type { Content, TableCell } from 'pdfmake/interfaces';
import type { Ctx } from '../api/context';
import type { TaskGridColumn, TaskGridScope, TaskSortField } from '../../shared/api/taskGrid';
import type { ReportFile } from '../../shared/api/reports';
import { taskGridOf, taskGridOrder } from '../modules/tasks';
import { gridLines } from '../grid/lines';
import { frameFor, reportEnv, savePdf } from './context';
import { rowCap } from './interventionList';
import { contentWidth } from './pdf';
import { taskCellText, taskColumnTitle, taskGroupTitle } from './taskCells';

export interface TaskListInput {
  scope: TaskGridScope;
  columns: TaskGridColumn[];
  sort?: TaskSortField;
  desc?: boolean;
}

/** Relative widths: dates and codes narrow, names and the subject wide. */
const WEIGHT: Partial<Record<TaskGridColumn, number>> = { number: 6, docDate: 5, dueDate: 7, priority: 5, status: 7, source: 5, updatedAt: 8, client: 11, address: 11, subject: 14 };

/** The tasks grid on paper: its rows in its order under its groups' headings with their counts, cut (and said so) past what a PDF holds. */
export async function taskListReport(ctx: Ctx, input: TaskListInput): Promise<ReportFile> {
  const env = await reportEnv(ctx);
  const { fmt } = env;
  const { lines, rows, total } = await gridLines(await taskGridOf(ctx), input.scope, taskGridOrder(input), rowCap(input.columns.length));
  const truncated = rows < total;
  const landscape = input.columns.length > 6;
  const weights = input.columns.map((c) => WEIGHT[c] ?? 8);
  const sum = weights.reduce((a, b) => a + b, 0);
  const width = contentWidth(landscape) - input.columns.length * 4 - 1;
  const body: TableCell[][] = [input.columns.map((c) => ({ text: taskColumnTitle(fmt, c), style: 'th' }))];
  for (const line of lines) {
    if (line.kind === 'group') {
      const text = taskGroupTitle(fmt, line.level.field, line.group.key, line.group.label, line.group.count);
      body.push([{ text, colSpan: input.columns.length, bold: true, fillColor: line.depth === 0 ? '#dde6ee' : '#eef2f5', margin: [line.depth * 8, 0.5, 0, 0.5] }, ...input.columns.slice(1).map(() => ({}))]);
    } else {
      const row = line.row;
      // Urgent and overdue stand out on paper as on screen.
      body.push(input.columns.map((c) => ({ text: taskCellText(fmt, row, c), bold: (c === 'priority' && row.priority === 'urgent') || (c === 'dueDate' && row.overdue) })));
    }
  }
  const content: Content[] = total
    ? [{ table: { headerRows: 1, widths: weights.map((w) => (w / sum) * width), body }, layout: 'dense', style: 'dense', fontSize: 7 }]
    : [{ text: fmt.tr('reports.nothing'), style: 'muted' }];
  const grouped = input.scope.groupBy?.length ? fmt.tr('reports.groupedBy', { fields: input.scope.groupBy.map((g) => taskColumnTitle(fmt, g.field)).join(', ') }) : '';
  const summary = [grouped, fmt.tr('reports.rowCount', { count: total })].filter(Boolean);
  if (truncated) summary.push(fmt.tr('reports.truncated', { shown: rows, total }));
  const frame = frameFor(env, fmt.tr('taskGrid.listTitle'), { landscape, subtitle: summary.join(' · ') });
  return savePdf(env, frame, content, null, { rows, truncated });
}
