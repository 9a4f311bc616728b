import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { scanWarnings } from '../src/main/modules/interventions';
import { openCore } from './lib/app';
import { generateInterventions } from './lib/generateInterventions';

/**
 * The warnings job on generated data: `npx tsx bench/warnings.ts [interventions=1000000]`. Times the first run (every
 * open document looked at, every warning due raised: once per organization, and again only when the limits change)
 * and the runs of every minute after it (what fell due or changed since). Not part of `npm run bench`'s targets.
 */
const total = Number(process.argv[2] ?? 1_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-bench-warnings-'));
try {
  const meta = await generateInterventions(dir, () => undefined, total);
  console.log(`${meta.interventions.toLocaleString('en')} interventions generated in ${meta.seconds.toFixed(0)} s: ${JSON.stringify(meta.byStatus)}`);
  const core = await openCore(dir);
  try {
    const deps = { db: core.db, clock: core.clock, config: core.config, publish: () => undefined };
    const timed = async (label: string) => {
      const t0 = performance.now();
      const r = await scanWarnings(deps);
      console.log(`${label}: ${(performance.now() - t0).toFixed(1)} ms — looked at ${r.looked.toLocaleString('en')}, raised ${r.raised.length.toLocaleString('en')}, resolved ${r.resolved.length}`);
    };
    await timed('first run');
    const open = core.sqlite.prepare('select count(*) from intervention_warning where resolved_at is null').pluck().get() as number;
    console.log(`open warnings: ${open.toLocaleString('en')}`);
    for (let i = 1; i <= 5; i++) await timed(`run ${i} after it`);
  } finally {
    await core.close();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
