/**
 * Child process of the reminder calls' SIGKILL test: opens its own core on the data folder given, with the clock at
 * the instant given, runs one tick of the dialing job and reports the attempt it committed; then waits, its call in
 * flight, until the test kills it.
 *
 *   node --import tsx src/main/testing/children/reminder-caller.ts <dataDir> <isoInstant>
 *
 * Prints `ready`, `called <n>`, then `attempt <id>` once the attempt row is committed.
 */
import { ManualClock } from '../../clock';
import { defaultConfig } from '../../config';
import { createCore } from '../../core';
import { REMINDER_ENGINE } from '../../modules/reminders';

const [dir, at] = process.argv.slice(2);
if (!dir || !at) throw new Error('usage: reminder-caller.ts <dataDir> <isoInstant>');

const core = await createCore(defaultConfig(dir, { jobs: false, clock: new ManualClock(Date.parse(at)), log: (m, e) => console.error(m, e ?? '') }));
await core.ready;
process.stdout.write('ready\n');
const engine = core.services.get(REMINDER_ENGINE);
const report = await engine.tick();
process.stdout.write(`called ${report.called}\n`);
const row = core.sqlite.prepare('select id from reminder_attempt where ended_at is null').get() as { id: string } | undefined;
process.stdout.write(`attempt ${row?.id ?? 'none'}\n`);
// The call goes on until the test kills this process.
await new Promise(() => undefined);
