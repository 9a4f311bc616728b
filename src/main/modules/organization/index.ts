import { defineModule } from '../../api/module';
import { organizationHandlers } from './handlers';

/** The organization, its branches and its people. */
export const organizationModule = defineModule({ name: 'organization', handlers: organizationHandlers });
export { checkTimeZone, createBranch, createUser, getBranch, getUser } from './service';
