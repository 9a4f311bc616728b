import { defineModule } from '../../api/module';
import { clientsHandlers } from './handlers';

export const clientsModule = defineModule({ name: 'clients', handlers: clientsHandlers });
export { createClient, getClient } from './service';
/** The reminder calls flag a number that does not exist. */
export { flagPhoneNotFound } from './service';
/** The tasks module's mail intake makes a client of an unknown sender. */
export { clientFromContact } from './service';
