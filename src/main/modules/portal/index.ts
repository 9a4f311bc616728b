import { defineModule } from '../../api/module';
import { SYNC_DESK } from '../../sync';
import { portalHandlers } from './handlers';
import { sendRevocations } from './links';

/**
 * The client portal on the desktop (issue 13): per-client links the hub signs, kept here sealed to copy again and
 * revoked from the client's card; the intervention mails to the client carry the newest one. The pages are the hub's.
 */
export const portalModule = defineModule({
  name: 'portal',
  handlers: portalHandlers,
  jobs(host) {
    // A revocation made while the hub was away reaches it within a minute of its return.
    const run = async () => {
      const hub = await host.services.get(SYNC_DESK).hub();
      if (hub) await sendRevocations(host.db, hub);
    };
    return { tasks: [{ name: 'portal revocations', cron: '* * * * *', run }] };
  },
});

export { portalUrlForMail } from './links';
