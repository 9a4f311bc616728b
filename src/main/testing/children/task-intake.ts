/**
 * Child process of the task mail intake's SIGKILL test: opens its own core on the data folder given and starts the
 * mailboxes' readers; prints `taken <uid> <outcome>` for each message as it is marked, until the test kills it.
 *
 *   node --import tsx src/main/testing/children/task-intake.ts <dataDir>
 */
import { defaultConfig } from '../../config';
import { createCore } from '../../core';
import { TASK_INTAKE } from '../../modules/tasks';

const [dir] = process.argv.slice(2);
if (!dir) throw new Error('usage: task-intake.ts <dataDir>');

const core = await createCore(defaultConfig(dir, { jobs: false, log: (m, e) => console.error(m, e ?? '') }));
await core.ready;
const intake = core.services.get(TASK_INTAKE);
intake.events.taken = (_box, uid, outcome) => void process.stdout.write(`taken ${uid} ${outcome}\n`);
await intake.sync();
process.stdout.write('ready\n');
// Reads until the test kills this process.
await new Promise(() => undefined);
