/**
 * Planora benchmarks: `npm run bench` (not part of `npm test`).
 *
 *   npm run bench                      every suite; writes bench/results.json
 *   npm run bench -- --only clients    some suites (comma-separated ids); other lines of results.json are kept
 *
 * Generated databases are cached in bench/.cache/ (gitignored), keyed by generator version and schema, so only
 * the first run pays for generating the 1 GB database. Each figure's `target` is the most its p95 may be.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { BENCH_DIR } from './lib/datasets';
import { Results } from './lib/results';
import type { Suite } from './lib/suite';
import { clientsSuite } from './suites/clients';
import { interventionsSuite } from './suites/interventions';
import { startupSuite } from './suites/startup';
import { calendarSuite } from './suites/calendar';
import { dialerSuite } from './suites/dialer';
import { browserSuite } from './suites/browser';
import { remindersSuite } from './suites/reminders';
import { hubSuite } from './suites/hub';
import { invoicesSuite } from './suites/invoices';

import { tasksMailSuite, tasksSuite } from './suites/tasks';
import { chatSuite } from './suites/chat';

const SUITES: Suite[] = [startupSuite, clientsSuite, interventionsSuite, calendarSuite, dialerSuite, remindersSuite, hubSuite, browserSuite, tasksSuite, tasksMailSuite, invoicesSuite, chatSuite];

const { values } = parseArgs({ options: { only: { type: 'string' }, out: { type: 'string' } } });
const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null;
const chosen = SUITES.filter((s) => !only || only.has(s.id));
if (only && chosen.length !== only.size) {
  console.error(`unknown suite in --only; known: ${SUITES.map((s) => s.id).join(', ')}`);
  process.exit(2);
}
const outFile = path.resolve(values.out ?? path.join(BENCH_DIR, 'results.json'));

const mem = new Database(':memory:');
const sqliteVersion = mem.prepare('select sqlite_version()').pluck().get() as string;
mem.close();
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`Planora bench — node ${process.version}, SQLite ${sqliteVersion}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM`);
console.log(`load average at start: ${load()}`);

const results = new Results();
const t0 = Date.now();
for (const suite of chosen) {
  console.log(`\n== ${suite.title} [${suite.id}]`);
  const started = Date.now();
  await suite.run({ results, log: (msg) => console.log(`  ${msg}`) });
  console.log(`  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

// Peak resident memory of this process (the generator runs in its own process and is not counted).
const peakMb = process.resourceUsage().maxRSS / 1024;
results.addValue('bench process peak RSS', 'MB', peakMb, null, 'includes a 1 GB database open through the core');

console.log(`\nload average at end: ${load()}; total ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
results.print();
results.write(outFile, only !== null);
console.log(`\nwritten: ${path.relative(process.cwd(), outFile)}`);
const over = results.failures();
if (over.length) console.log(`over target: ${over.map((f) => f.name).join('; ')}`);
