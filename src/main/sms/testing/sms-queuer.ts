/**
 * Child process of the SMS durability test: opens a core without jobs (so no sender runs) on the data folder given,
 * sets up a clinic whose SMS go to the gateway URL given, books a visit for a client with a mobile phone through the
 * dispatcher, prints `ack <visit id>` once the call has resolved, and waits to be killed.
 *
 *   node --import tsx src/main/sms/testing/sms-queuer.ts <dataDir> <gatewayUrl>
 */
import { personInput, setupOrg, startTestApp } from '../../testing/harness';
import { at, openClinic } from '../../modules/calendar/visits/visitFixtures';

const [dir, url] = process.argv.slice(2);
if (!dir || !url) throw new Error('usage: sms-queuer.ts <dataDir> <gatewayUrl>');

const app = await startTestApp({}, dir);
const owner = await setupOrg(app, { orgName: 'Klinika UAB' });
const clinic = await openClinic(app, owner);
await app.call(owner, 'sms.setSettings', {
  enabled: true,
  provider: 'http',
  sender: 'Klinika',
  twilio: { baseUrl: '', accountSid: '' },
  http: { method: 'POST', url: `${url}/sms/send`, headers: [], format: 'json', bodyTemplate: '{"recipient": "{to}", "message": "{text}"}' },
});
const client = await app.call(owner, 'clients.create', { ...personInput('Rūta Jonaitienė'), preferredLanguage: 'lt', phones: [{ number: '+37061234567' }] });
const visit = await app.call(clinic.clerk, 'visits.book', { userId: clinic.doctor.id, clientId: client.client.id, start: at('11:30'), durationMin: 30, serviceId: clinic.serviceId });
// stdout to a pipe is synchronous on Linux: once this line is out, the parent may count it.
process.stdout.write(`ack ${visit.id}\n`);
// Killed here, before any sender could run.
setInterval(() => undefined, 60_000);
