import { syncedRows } from '../../../api/funnel';

/** Annex templates are the organization's paper, audited with the documents they print for. */
export const annexTemplateRows = syncedRows({
  table: 'annex_template',
  module: 'interventions',
  entity: 'annex_template',
  summary: (r) => r.name,
  snapshot: (r) => ({ name: r.name, typeId: r.type_id, body: r.body }),
});
