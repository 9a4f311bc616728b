import { performance } from 'node:perf_hooks';
import type { Core } from '../../src/main/core';
import { discardReportFile } from '../../src/main/reports/files';
import type { GridColumn, GridScope } from '../../src/shared/api/interventions';
import { call } from './app';

export interface DuringExport {
  /** interventions.list (first page, 100 rows) durations while the export ran. */
  page: number[];
  /** interventions.get + update durations while the export ran. */
  save: number[];
  exportMs: number;
  rows: number;
}

/**
 * Starts an XLSX export and, until it ends, asks a grid page then saves an intervention, one after the other with
 * a short pause: what another clerk sees while someone exports. Only answers given before the export ended count.
 */
export async function gridAndSaveDuringExport(core: Core, token: string, opts: { scope: GridScope; columns: GridColumn[]; victims: string[] }): Promise<DuringExport> {
  const page: number[] = [];
  const save: number[] = [];
  // Warmed up first: the figures are about waiting on the export, not about a first call's compiling.
  await call(core, token, 'interventions.list', { scope: { filters: {} }, offset: 0, limit: 100 });
  let finished = false;
  const t0 = performance.now();
  const exporting = call(core, token, 'export.interventions', { scope: opts.scope, columns: opts.columns, format: 'xlsx', jobId: 'bench-during' }).finally(() => (finished = true));
  for (let i = 0; !finished; i++) {
    await new Promise((r) => setTimeout(r, 20));
    let t = performance.now();
    await call(core, token, 'interventions.list', { scope: { filters: {} }, offset: 0, limit: 100 });
    if (!finished) page.push(performance.now() - t);
    t = performance.now();
    const d = await call(core, token, 'interventions.get', { id: opts.victims[i % opts.victims.length]! });
    await call(core, token, 'interventions.update', { id: d.id, version: d.version, branchId: d.branchId, clientId: d.clientId, priority: d.priority === 'high' ? 'low' : 'high', docDate: d.docDate, notes: `${d.notes ?? ''} ·` });
    if (!finished) save.push(performance.now() - t);
  }
  const r = await exporting;
  const exportMs = performance.now() - t0;
  discardReportFile(core.config.dataDir, r.fileId);
  return { page, save, exportMs, rows: r.rows };
}
