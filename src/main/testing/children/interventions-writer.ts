/**
 * Child process of the index snapshot test: opens a core on the data folder given as argument, sets up an
 * organization and a client, waits until the interventions index has written its snapshot, then creates
 * interventions through the dispatcher in an endless loop, printing `ack <id>` only after the call has resolved.
 * The parent kills it with SIGKILL mid-stream.
 *
 *   node --import tsx src/main/testing/children/interventions-writer.ts <dataDir>
 */
import fs from 'node:fs';
import { defaultConfig } from '../../config';
import { createCore } from '../../core';
import { SETUP_INPUT } from '../harness';

const dir = process.argv[2];
if (!dir) throw new Error('usage: interventions-writer.ts <dataDir>');

const config = defaultConfig(dir, { jobs: false, log: (m, e) => console.error(m, e ?? '') });
const core = await createCore(config);
const call = async (token: string | null, name: string, input: unknown) => {
  const out = await core.dispatch({ name, sessionToken: token, input });
  if (!out.result.ok) throw new Error(`${name} refused: ${JSON.stringify(out.result.error)}`);
  return { data: out.result.data as { id: string; client?: { id: string } }, token: out.sessionToken };
};
const setup = await call(null, 'setup.run', { ...SETUP_INPUT, orgName: 'Snapshot SIA' });
const token = setup.token!;
const branchId = ((await core.dispatch({ name: 'branches.list', sessionToken: token, input: {} })).result as { ok: true; data: { id: string }[] }).data[0]!.id;
const client = await call(token, 'clients.create', { kind: 'person', name: 'Jānis Bērziņš', phones: [], emails: [], addresses: [], contacts: [] });
await core.ready;
// The index wrote its snapshot after reading the table: every save below comes after it.
while (!fs.existsSync(`${config.dbFile}.grid-index`)) await new Promise((r) => setTimeout(r, 20));
process.stdout.write(`snapshot ${process.pid}\n`);

for (let i = 0; i < 1_000_000; i++) {
  const doc = await call(token, 'interventions.create', { branchId, clientId: client.data.client!.id, priority: 'medium', docDate: '2026-11-20', notes: `Katls ${i}` });
  process.stdout.write(`ack ${doc.data.id}\n`);
}
