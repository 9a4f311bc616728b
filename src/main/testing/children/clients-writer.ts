/**
 * Child process of the durability test: opens a core on the data folder given as argument, sets up an
 * organization, then creates clients through the dispatcher in an endless loop, printing `ack <id>` only after
 * the call has resolved. The parent kills it with SIGKILL mid-stream.
 *
 *   node --import tsx src/main/testing/children/clients-writer.ts <dataDir>
 */
import { defaultConfig } from '../../config';
import { createCore } from '../../core';
import { SETUP_INPUT } from '../harness';

const dir = process.argv[2];
if (!dir) throw new Error('usage: clients-writer.ts <dataDir>');

const core = await createCore(defaultConfig(dir, { jobs: false, log: (m, e) => console.error(m, e) }));
const setup = await core.dispatch({
  name: 'setup.run',
  sessionToken: null,
  input: { ...SETUP_INPUT, orgName: 'Durability SIA' },
});
if (!setup.result.ok || !setup.sessionToken) throw new Error(`setup failed: ${JSON.stringify(setup.result)}`);
const token = setup.sessionToken;
process.stdout.write(`ready ${process.pid}\n`);

// Bounded only so a forgotten child cannot run for ever; the parent kills it long before.
for (let i = 0; i < 1_000_000; i++) {
  const out = await core.dispatch({
    name: 'clients.create',
    sessionToken: token,
    input: {
      kind: 'person',
      name: `Jānis Bērziņš ${i}`,
      fiscalCode: `010190-${String(10000 + (i % 90000))}`,
      phones: [{ number: `+3712${String(1000000 + i).slice(-7)}`, label: 'mobile' }],
      emails: [{ address: `janis.${i}@example.lv` }],
      addresses: [{ street: `Brīvības iela ${1 + (i % 200)}`, locality: 'Rīga', country: 'LV' }],
      contacts: [],
    },
  });
  if (!out.result.ok) {
    console.error(`create ${i} refused: ${JSON.stringify(out.result.error)}`);
    process.exit(3);
  }
  // stdout to a pipe is synchronous on Linux: once this line is out, the parent may count it.
  process.stdout.write(`ack ${(out.result.data as { client: { id: string } }).client.id}\n`);
}
await core.close();
