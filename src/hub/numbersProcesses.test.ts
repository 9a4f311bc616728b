import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellMessage } from '../shared/sync/protocol';
import { TestDevice, type HubEndpoint } from './testing/hub';
import { expectContiguous, latestValues, OfflineNumbering, seriesCells } from './testing/numbering';
import { openHubDb } from './db/open';
import { createCode } from './store/devices';
import { runHubCli, startHubProcess, type HubProcess } from './testing/process';
import { createDatabase, startPostgres, type TestPostgres } from './testing/postgres';

const clock = { now: () => Date.now() };

describe('two hub processes on one PostgreSQL giving final numbers at once', () => {
  let pg: TestPostgres;
  let url: string;
  let hubs: HubProcess[] = [];
  beforeAll(async () => {
    pg = await startPostgres();
    url = await createDatabase(pg.url, 'two_hubs_numbers');
    hubs = await Promise.all([startHubProcess([], { DATABASE_URL: url }), startHubProcess([], { DATABASE_URL: url })]);
  });
  afterAll(async () => {
    await Promise.all(hubs.map((h) => h.stop()));
    await pg.stop();
  });

  it('six devices pushing at the same moment through both: every number once, none skipped, each push a block in its order', async () => {
    const [one, two] = hubs.map((h): HubEndpoint => ({ url: h.url, clock }));
    const orgId = randomUUID();
    const founding = new TestDevice(one!, orgId);
    expect((await founding.register((await runHubCli(['code', '--new-org', 'Remonts SIA'], { DATABASE_URL: url })).stdout.trim())).status).toBe(200);
    // The other codes straight from the database: seven more CLI starts would only cost time.
    const admin = openHubDb({ pg: url, poolSize: 1 });
    const code = () => createCode(admin.db, { org: orgId, branches: [] }, Date.now());
    const devices: TestDevice[] = [];
    try {
      for (let i = 0; i < 7; i++) {
        const d = new TestDevice(i % 2 ? two! : one!);
        expect((await d.register(await code())).status).toBe(200);
        devices.push(d);
      }
    } finally {
      await admin.close();
    }
    const reader = devices.pop()!;
    const series = randomUUID();
    expect((await founding.sync(seriesCells(founding, series))).status).toBe(200);

    const numbering = devices.map((d) => new OfflineNumbering(d, series));
    const batches = numbering.map((n) => [n.validate(8), n.validate(8)]);
    // Each device pushes its two batches one after the other; the six devices all at once, half through each process.
    await Promise.all(
      devices.map(async (d, i) => {
        for (const cells of batches[i]!) expect((await d.sync(cells)).body).toMatchObject({ accepted: 16 });
      }),
    );

    const seen = latestValues(await reader.pullAll());
    const numberOf = (rowId: string) => String(seen.get(`intervention/${rowId}/number`)?.value);
    const all = numbering.flatMap((n) => n.docs.map((d) => numberOf(d.rowId)));
    expectContiguous(all);
    expect(seen.get(`doc_series/${series}/next_number`)?.value).toBe(all.length + 1);
    for (const batch of batches.flat()) {
      const rows = [...new Set(batch.filter((c: CellMessage) => c.column === 'number').map((c) => c.rowId))];
      const numbers = rows.map((r) => Number(numberOf(r).slice(4)));
      // One push is one transaction: its documents take consecutive numbers, in the order they were validated.
      expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
    }
    // Both processes numbered.
    expect(hubs.every((h) => h.logs.some((l) => l.msg === 'sync' && l.accepted === 16))).toBe(true);
  });
});
