import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { openHubDb, migrateHub } from '../../src/hub/db/open';
import { createCode, redeemCode } from '../../src/hub/store/devices';
import { DESKTOP_SCHEMA_VERSION } from '../../src/hub/server';
import { TestDevice, type HubEndpoint } from '../../src/hub/testing/device';
import { startPostgres, createDatabase } from '../../src/hub/testing/postgres';
import { startHubProcess } from '../../src/hub/testing/process';
import { MAX_PUSH_CELLS } from '../../src/shared/sync/protocol';
import { sample } from '../lib/timing';
import type { Suite } from '../lib/suite';

const WEEK_CELLS = 50_000;
const DEVICES = 200;
const LOAD_SECONDS = 10;
const LOAD_INTERVAL_MS = 2000;

/**
 * The hub on a throwaway PostgreSQL, in a process of its own (logs at warn), driven over real HTTP on 127.0.0.1:
 * an idle sync round trip, a branch back after a week offline (50,000 cells pushed in full batches, then pulled by
 * another device), and 200 devices syncing small batches every 2 s for 10 s. Load is local and bounded.
 */
export const hubSuite: Suite = {
  id: 'hub',
  title: 'Hub: sync on PostgreSQL',
  async run({ results, log }) {
    const pg = await startPostgres();
    const url = await createDatabase(pg.url, 'bench_hub');
    const hub = await startHubProcess(['--pg', url], { HUB_LOG_LEVEL: 'warn' });
    const opened = openHubDb({ pg: url });
    try {
      await migrateHub(opened);
      const endpoint: HubEndpoint = { url: hub.url, clock: { now: () => Date.now() } };
      // Devices registered straight in the database: registration over HTTP is rate-limited, and not what is measured.
      const orgId = randomUUID();
      const enrol = async (orgOfDevice: string | null, spec: Parameters<typeof createCode>[1]) => {
        const code = await createCode(opened.db, spec, Date.now());
        const r = await redeemCode(opened.db, { code, deviceName: 'bench', orgId: orgOfDevice, schemaVersion: DESKTOP_SCHEMA_VERSION }, Date.now());
        if (!r.ok) throw new Error(r.code);
        const d = new TestDevice(endpoint, r.orgId);
        d.deviceId = r.deviceId;
        d.key = r.deviceKey;
        return d;
      };
      const branch = await enrol(orgId, { newOrg: 'Bench' });
      const office = await enrol(null, { org: orgId, branches: [] });

      // A week offline: 50,000 cells of 10,000 rows, in full batches, then another device pulls them.
      const cells = Array.from({ length: WEEK_CELLS }, (_, i) =>
        branch.cell(['visits', 'clients', 'interventions'][i % 3]!, `row-${Math.floor(i / 5)}`, `col_${i % 5}`, `value ${i}`, { branchId: 'riga' }),
      );
      let t0 = performance.now();
      for (let i = 0; i < cells.length; i += MAX_PUSH_CELLS) {
        const r = await branch.sync(cells.slice(i, i + MAX_PUSH_CELLS));
        if (r.status !== 200 || r.body.accepted !== Math.min(MAX_PUSH_CELLS, cells.length - i)) throw new Error(`push refused: ${JSON.stringify(r.body).slice(0, 200)}`);
      }
      const pushMs = performance.now() - t0;
      t0 = performance.now();
      const pulled = await office.pullAll(MAX_PUSH_CELLS);
      const pullMs = performance.now() - t0;
      if (pulled.length !== WEEK_CELLS) throw new Error(`pulled ${pulled.length} of ${WEEK_CELLS}`);
      log(`50,000 cells: pushed in ${pushMs.toFixed(0)} ms (${MAX_PUSH_CELLS} a batch), pulled by another device in ${pullMs.toFixed(0)} ms`);
      results.addValue('hub: a week offline, 50,000 cells pushed and pulled (PostgreSQL)', 'ms', pushMs + pullMs, 10_000, `push ${pushMs.toFixed(0)} ms + pull ${pullMs.toFixed(0)} ms, batches of ${MAX_PUSH_CELLS}`);

      // Idle round trip: nothing to push or pull.
      const idle = await sample(() => office.sync(), { warmup: 10, samples: 200, budgetMs: 20_000 });
      results.addSamples('hub: idle sync round trip (PostgreSQL)', idle, 50, { note: 'HTTP on 127.0.0.1: key check, handshake, a pull that finds nothing (an idle sync writes nothing)' });

      // 200 devices, each pushing 5 cells and pulling every 2 s, staggered, for 10 s.
      const fleet: TestDevice[] = [];
      for (let i = 0; i < DEVICES; i++) fleet.push(await enrol(null, { org: orgId, branches: [`branch-${i % 10}`] }));
      for (const d of fleet) d.cursor = office.cursor;
      const latencies: number[] = [];
      let refused = 0;
      const until = performance.now() + LOAD_SECONDS * 1000;
      await Promise.all(
        fleet.map(async (d, i) => {
          await new Promise((r) => setTimeout(r, (i * LOAD_INTERVAL_MS) / DEVICES));
          while (performance.now() < until) {
            const started = performance.now();
            const batch = Array.from({ length: 5 }, (_, k) => d.cell('visits', `${d.deviceId}-${k}`, 'status', 'arrived', { branchId: `branch-${i % 10}` }));
            const r = await d.sync(batch);
            latencies.push(performance.now() - started);
            if (r.status !== 200) refused++;
            await new Promise((res) => setTimeout(res, Math.max(0, LOAD_INTERVAL_MS - (performance.now() - started))));
          }
        }),
      );
      if (refused) throw new Error(`${refused} syncs refused under load`);
      const load = os.loadavg()[0]!.toFixed(1);
      log(`${latencies.length} syncs by ${DEVICES} devices in ${LOAD_SECONDS} s; load average ${load}`);
      results.addSamples(`hub: ${DEVICES} devices syncing 5 cells every 2 s (PostgreSQL)`, latencies, 100, { note: `${latencies.length} syncs in ${LOAD_SECONDS} s; load average ${load} on ${os.cpus().length} cores` });
    } finally {
      await opened.close();
      await hub.stop();
      await pg.stop();
    }
  },
};
