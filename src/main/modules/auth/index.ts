import { defineModule } from '../../api/module';
import { authHandlers } from './handlers';

/** Login, sessions and the first-run setup of an organization. */
export const authModule = defineModule({ name: 'auth', handlers: authHandlers });
export { createOrg, type NewOrg } from './setup';
