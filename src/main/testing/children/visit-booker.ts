/**
 * Child process of the visits concurrency test: opens its own core on the data folder given, logs in, and on `go`
 * fires `count` bookings of the same slot at once through its dispatcher, as a clinic's second computer would.
 *
 *   node --import tsx src/main/testing/children/visit-booker.ts <dataDir> <login> <password> <count> <bookingJson>
 *
 * Prints `ready`, then `won <visitId>` or `refused <key>` per booking, then `done`.
 */
import readline from 'node:readline';
import { defaultConfig } from '../../config';
import { createCore } from '../../core';

const [dir, login, password, countArg, booking] = process.argv.slice(2);
if (!dir || !login || !password || !countArg || !booking) throw new Error('usage: visit-booker.ts <dataDir> <login> <password> <count> <bookingJson>');

const core = await createCore(defaultConfig(dir, { jobs: false, log: (m, e) => console.error(m, e ?? '') }));
const auth = await core.dispatch({ name: 'auth.login', sessionToken: null, input: { login, password } });
if (!auth.result.ok || !auth.sessionToken) throw new Error(`login ${login} failed: ${JSON.stringify(auth.result)}`);
const token = auth.sessionToken;

process.stdout.write('ready\n');
await new Promise<void>((resolve) => {
  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', (l) => {
    if (l.trim() !== 'go') return;
    rl.close();
    process.stdin.destroy();
    resolve();
  });
});

const input = JSON.parse(booking) as unknown;
const outcomes = await Promise.all(Array.from({ length: Number(countArg) }, () => core.dispatch({ name: 'visits.book', sessionToken: token, input })));
for (const o of outcomes) process.stdout.write(o.result.ok ? `won ${(o.result.data as { id: string }).id}\n` : `refused ${o.result.error.key}\n`);
await core.close();
process.stdout.write('done\n');
