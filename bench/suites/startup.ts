import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../src/main/core';
import { benchConfig } from '../lib/app';
import { ensureDataset } from '../lib/datasets';
import { CLIENTS_1GB, type Suite } from '../lib/suite';
import { sample } from '../lib/timing';

/** createCore until ready (checks, migrations, handlers, jobs), as the program starts; closing is not timed. */
export const startupSuite: Suite = {
  id: 'startup',
  title: 'Core cold start',
  async run({ results, log }) {
    let dir = '';
    let core: Core | undefined;
    const closeCore = async () => {
      await core?.close();
      core = undefined;
    };

    log('cold start on an empty data folder (creates and migrates the file)');
    const empty = await sample(
      async () => {
        core = await createCore(benchConfig(dir));
      },
      {
        warmup: 3,
        samples: 40,
        before: () => {
          dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-bench-empty-'));
        },
        after: async () => {
          await closeCore();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      },
    );
    results.addSamples('core cold start, empty data folder', empty, 500);

    const ds = await ensureDataset(CLIENTS_1GB, log);
    const gb = (ds.meta.bytes / 1024 ** 3).toFixed(2);
    log(`cold start on the ${gb} GiB database (${ds.meta.clients.toLocaleString('en')} clients, ${ds.meta.auditRows.toLocaleString('en')} audit rows), after a clean close`);
    const big = await sample(
      async () => {
        core = await createCore(benchConfig(ds.dir));
      },
      { warmup: 1, samples: 7, after: closeCore },
    );
    results.addSamples('core cold start, 1 GB database', big, 1500, { note: `${gb} GiB file, OS cache warm` });

    log('start after an unclean shutdown on the same file (the .running marker forces quick_check)');
    const marker = `${benchConfig(ds.dir).dbFile}.running`;
    const crashed = await sample(
      async () => {
        core = await createCore(benchConfig(ds.dir));
      },
      { warmup: 0, samples: 3, before: () => fs.writeFileSync(marker, 'bench'), after: closeCore },
    );
    results.addSamples('core start after a crash (quick_check), 1 GB database', crashed, null, { note: 'for the record: no target set' });
  },
};
