import { defineModule } from '../../api/module';
import { annexHandlers } from './annex';
import { approvalsHandlers } from './approvals';
import { assistantsHandlers } from './assistants';
import { calendarHandlers } from './calendar';
import { clientHistoryHandlers } from './clientHistory';
import { clientObjectsHandlers } from './clientObjects';
import { startInterventionIndex } from './gridIndex';
import { interventionsHandlers } from './handlers';
import { homeHandlers } from './home';
import { settingsHandlers } from './settings';
import { viewsHandlers } from './views';
import { warningsHandlers } from './warnings/handlers';
import { warningsJob } from './warnings/job';

/** Call-centre documents: the form and its workflow, the grid (memory index + SQL), assistants, calendar, approvals, views, warnings. */
export const interventionsModule = defineModule({
  name: 'interventions',
  handlers: {
    ...interventionsHandlers,
    ...clientObjectsHandlers,
    ...clientHistoryHandlers,
    ...settingsHandlers,
    ...assistantsHandlers,
    ...calendarHandlers,
    ...approvalsHandlers,
    ...viewsHandlers,
    ...homeHandlers,
    ...annexHandlers,
    ...warningsHandlers,
  },
  start: startInterventionIndex,
  jobs: warningsJob,
});

// What reports and exports read: the grid (one source, memory index or SQL), its SQL scope, and one document with its labels.
export { INTERVENTION_INDEX } from './gridIndex';
export { gridOrder, gridSourceOf, interventionTotals, TOTAL_FIELDS, type InterventionGrid, type InterventionTotals } from './gridSource';
export { withLabels } from './listing';
export { scopedQuery } from './grid';
export { loadRow, toDetail } from './service';
// What the demo call centre writes through, like a dispatcher would.
export { cancelIntervention, confirmIntervention, createIntervention, finalizeIntervention, updateIntervention, validateIntervention, type InterventionInput } from './service';
export { addNote } from './notes';
export { uploadsOf } from './uploads';
// Saved views are kept per module: the tasks grid keeps its own through these.
export { deleteView, listViews, saveView, setFavorite, type ViewModule } from './views';
// Annex forms: what the reports print them with, and what the demo writes its templates through.
export { annexTemplate, createTemplate as createAnnexTemplate, exportTemplates as exportAnnexTemplates, renderAnnex, type AnnexFormat, type AnnexPrint, type AnnexSource } from './annex';
// The warnings scan, for whoever runs it by hand (tests, the bench).
export { scanWarnings, type WarningsDeps } from './warnings/scan';
// What the printed form reads: the module's settings (the online report's QR code).
export { readSettings } from './settings';
