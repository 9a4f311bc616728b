import { defineModule } from '../../api/module';
import { auditHandlers } from './handlers';

/** The audit trail: every write records its entry through the write funnel (`src/main/api/funnel`); this module reads them and sets the levels. */
export const auditModule = defineModule({ name: 'audit', handlers: auditHandlers });
