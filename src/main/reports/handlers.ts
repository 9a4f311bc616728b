import crypto from 'node:crypto';
import type { HandlersFor, Ctx } from '../api/context';
import { annexReportHandlers } from './annex';
import { exportInterventions, type ExportProgress } from './export/interventions';
import { evolutionSheetReport, interventionFormReport } from './interventionDocs';
import { interventionListReport } from './interventionList';
import { objectsDetailedReport, objectsListReport, productsListReport } from './objects';

type Names =
  | 'reports.interventionForm'
  | 'reports.evolutionSheet'
  | 'reports.interventionList'
  | 'reports.objectsList'
  | 'reports.objectsDetailed'
  | 'reports.productsList'
  | 'export.interventions'
  | keyof typeof annexReportHandlers;

/**
 * Progress of a long export. `ctx.emit` queues events until the call's transaction commits, so through it the renderer hears
 * them all at the end; `ctx.emitNow` publishes at once, so the bar moves live. Either way progress is at most every ~2% plus the last page.
 */
export function progressSink(ctx: Ctx, jobId: string): (p: ExportProgress) => void {
  const send = ctx.emitNow;
  let last = -1;
  return ({ done, total }) => {
    const step = Math.max(1, Math.floor(total / 50));
    if (done !== total && done !== 0 && Math.floor(done / step) === last) return;
    last = Math.floor(done / step);
    send('export.progress', { jobId, done, total });
  };
}

export const reportsHandlers: HandlersFor<Names> = {
  ...annexReportHandlers,
  async 'reports.interventionForm'(input, ctx) {
    return interventionFormReport(ctx, input.id);
  },
  async 'reports.evolutionSheet'(input, ctx) {
    return evolutionSheetReport(ctx, input.id);
  },
  async 'reports.interventionList'(input, ctx) {
    return interventionListReport(ctx, input);
  },
  async 'reports.objectsList'(input, ctx) {
    return objectsListReport(ctx, input.scope);
  },
  async 'reports.objectsDetailed'(input, ctx) {
    return objectsDetailedReport(ctx, input.scope);
  },
  async 'reports.productsList'(input, ctx) {
    return productsListReport(ctx, input.scope);
  },
  async 'export.interventions'(input, ctx) {
    const jobId = input.jobId ?? crypto.randomUUID();
    const out = await exportInterventions(ctx, input, progressSink(ctx, jobId));
    return { ...out, jobId };
  },
};
