import type { ProcName } from '../../shared/api';
import type { HandlersFor } from '../api/context';
import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { clientsHandlers } from './clients/handlers';
import { organizationHandlers } from './organization/handlers';
import { periodsHandlers } from './periods/handlers';
import { seriesHandlers } from './series/handlers';
import { interventionsHandlers } from './interventions/handlers';
import { clientObjectsHandlers } from './interventions/clientObjects';
import { reportsHandlers } from '../reports/handlers';
import { interventionsFlowHandlers } from './interventions/flowHandlers';
import { mailHandlers } from '../mail/handlers';
import { nomenclatureHandlers } from './nomenclature/handlers';

/** One handler per procedure of the contract; the type fails to compile when one is missing. */
export const handlers: HandlersFor<ProcName> = {
  ...authHandlers,
  ...organizationHandlers,
  ...clientsHandlers,
  ...auditHandlers,
  ...periodsHandlers,
  ...seriesHandlers,
  ...interventionsHandlers,
  ...clientObjectsHandlers,
  ...reportsHandlers,
  ...interventionsFlowHandlers,
  ...nomenclatureHandlers,
  ...mailHandlers,
};
