import type { Selectable } from 'kysely';
import type { InterventionTable } from '../../db/schema';
import { syncedRows } from '../../api/funnel';
import { reindexPulled } from './reindex';

/** What the audit log compares of a document: its fields, without stamps and derived search keys. */
function documentSnapshot(r: Selectable<InterventionTable>): Record<string, unknown> {
  const { created_at: _c, updated_at: _u, version: _v, client_name_key: _k, address_key: _a, start_local: _s, end_local: _e, deleted_at: _d, ...rest } = r;
  return rest;
}

/** How the module's rows are written (the write funnel): each with its audit entry, change record and event. */
export const interventionRows = syncedRows({
  table: 'intervention',
  module: 'interventions',
  summary: (r) => `${r.number ?? r.doc_date} ${r.client_name}: ${r.status}`,
  snapshot: documentSnapshot,
  // Readers of the branch a document left hear of it too (it leaves their grid).
  announce: (ctx, w) => ctx.emit('interventions.changed', { ids: [w.after.id] }, { branchIds: [...new Set([w.after.branch_id, w.before?.branch_id ?? w.after.branch_id])] }),
  pulled: (ctx, row) => reindexPulled(ctx, row.id),
});

/** Timeline notes: their branch is their document's, given with each write. */
export const noteRows = syncedRows({
  table: 'intervention_note',
  module: 'interventions',
  summary: (n) => n.text.slice(0, 120),
  announce: (ctx, w) => ctx.emit('interventions.changed', { ids: [w.after.intervention_id] }, w.branchId ? { branchIds: [w.branchId] } : undefined),
});

export const approvalRows = syncedRows({
  table: 'approval',
  module: 'interventions',
  summary: (a) => `${a.kind}: ${a.decision ?? 'requested'}`,
  announce: (ctx, w) => ctx.emit('interventions.changed', { ids: [w.after.entity_id] }, w.branchId ? { branchIds: [w.branchId] } : undefined),
});

export const viewRows = syncedRows({ table: 'saved_view', module: 'interventions', entity: 'view', summary: (v) => v.name });

export const settingRows = syncedRows({ table: 'module_setting', module: 'interventions', entity: 'settings' });
