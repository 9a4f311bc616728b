import crypto from 'node:crypto';
import type { HandlersFor } from '../api/context';
import { exportTasks } from './export/tasks';
import { progressSink } from './handlers';
import { taskListReport } from './taskList';

/** The tasks grid's files: the export (CSV, XLSX, with live progress) and the printed list. */
export const taskGridReportHandlers: HandlersFor<'tasks.grid.export' | 'tasks.grid.print'> = {
  async 'tasks.grid.export'(input, ctx) {
    const jobId = input.jobId ?? crypto.randomUUID();
    return { ...(await exportTasks(ctx, input, progressSink(ctx, jobId))), jobId };
  },
  'tasks.grid.print': (input, ctx) => taskListReport(ctx, input),
};
