import { syncedRows } from '../../../api/funnel';

/**
 * Raised warnings, written through the funnel like any synced row (its branch is its document's). No event per
 * row: the scan announces what it raised and resolved once per branch and run (`scan.ts`).
 */
export const warningRows = syncedRows({
  table: 'intervention_warning',
  module: 'interventions',
  entity: 'warning',
  summary: (w) => `${w.kind}: ${w.resolved_at ? 'resolved' : 'raised'}`,
});
