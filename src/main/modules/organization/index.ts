import { defineModule } from '../../api/module';
import { organizationHandlers } from './handlers';

/** The organization, its branches and its people. */
export const organizationModule = defineModule({ name: 'organization', handlers: organizationHandlers });
/** Other modules write a person's own settings (language, password) through the same funnel. */
export { userRows } from './tables';
export { checkTimeZone, createBranch, createOrg, type OrgInput, createUser, getBranch, getUser } from './service';
