/**
 * Child process of the SMS durability test: opens a core without jobs (so no sender runs) on the data folder given,
 * sets up an organization whose SMS go to the gateway URL given, queues a test message through the dispatcher,
 * prints `ack <outbox id>` once the call has resolved, and waits to be killed.
 *
 *   node --import tsx src/main/sms/testing/sms-queuer.ts <dataDir> <gatewayUrl>
 */
import { defaultConfig } from '../../config';
import { createCore } from '../../core';
import { SETUP_INPUT } from '../../testing/harness';

const [dir, url] = process.argv.slice(2);
if (!dir || !url) throw new Error('usage: sms-queuer.ts <dataDir> <gatewayUrl>');

const core = await createCore(defaultConfig(dir, { jobs: false, log: (m, e) => console.error(m, e) }));
const setup = await core.dispatch({ name: 'setup.run', sessionToken: null, input: { ...SETUP_INPUT, orgName: 'Klinika UAB' } });
if (!setup.result.ok || !setup.sessionToken) throw new Error(`setup failed: ${JSON.stringify(setup.result)}`);
const token = setup.sessionToken;

async function call(name: string, input: unknown): Promise<unknown> {
  const out = await core.dispatch({ name, input, sessionToken: token });
  if (!out.result.ok) throw new Error(`${name} refused: ${JSON.stringify(out.result.error)}`);
  return out.result.data;
}

await call('sms.setSettings', {
  enabled: true,
  provider: 'http',
  sender: 'Klinika',
  twilio: { baseUrl: '', accountSid: '' },
  http: { method: 'POST', url: `${url}/sms/send`, headers: [], format: 'json', bodyTemplate: '{"recipient": "{to}", "message": "{text}"}' },
});
const row = (await call('sms.test', { to: '+37060000001' })) as { id: string };
// stdout to a pipe is synchronous on Linux: once this line is out, the parent may count it.
process.stdout.write(`ack ${row.id}\n`);
// Killed here, before any sender could run.
setInterval(() => undefined, 60_000);
