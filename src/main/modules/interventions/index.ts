import { defineModule } from '../../api/module';
import { approvalsHandlers } from './approvals';
import { assistantsHandlers } from './assistants';
import { calendarHandlers } from './calendar';
import { clientHistoryHandlers } from './clientHistory';
import { clientObjectsHandlers } from './clientObjects';
import { startInterventionIndex } from './gridIndex';
import { interventionsHandlers } from './handlers';
import { settingsHandlers } from './settings';
import { viewsHandlers } from './views';

/** Call-centre documents: the form and its workflow, the grid (memory index + SQL), assistants, calendar, approvals, views. */
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
  },
  start: startInterventionIndex,
});

// What reports and exports read: the grid (one source, memory index or SQL), its SQL scope, and one document with its labels.
export { INTERVENTION_INDEX } from './gridIndex';
export { gridOrder, gridSourceOf, type InterventionGrid } from './gridSource';
export { withLabels } from './listing';
export { scopedQuery } from './grid';
export { loadRow, toDetail } from './service';
// What the demo call centre writes through, like a dispatcher would.
export { cancelIntervention, confirmIntervention, createIntervention, finalizeIntervention, updateIntervention, validateIntervention, type InterventionInput } from './service';
export { addNote } from './notes';
export { uploadsOf } from './uploads';
