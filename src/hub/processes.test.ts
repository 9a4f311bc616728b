import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestDevice, type HubEndpoint } from './testing/hub';
import { runHubCli, startHubProcess, type HubProcess } from './testing/process';
import { createDatabase, startPostgres, type TestPostgres } from './testing/postgres';

const clock = { now: () => Date.now() };

describe('two hub processes on one PostgreSQL', () => {
  let pg: TestPostgres;
  let url: string;
  let hubs: HubProcess[] = [];
  beforeAll(async () => {
    pg = await startPostgres();
    url = await createDatabase(pg.url, 'two_hubs');
    // DATABASE_URL, as a hosted deployment gives it; both start at once and take turns on the migrations.
    hubs = await Promise.all([startHubProcess([], { DATABASE_URL: url }), startHubProcess([], { DATABASE_URL: url })]);
  });
  afterAll(async () => {
    await Promise.all(hubs.map((h) => h.stop()));
    await pg.stop();
  });

  it('a change pushed to one wakes a device long-polling the other, which then pulls it there', async () => {
    const [one, two] = hubs.map((h): HubEndpoint => ({ url: h.url, clock }));
    const orgId = randomUUID();
    const founding = await runHubCli(['code', '--new-org', 'Remonts SIA'], { DATABASE_URL: url });
    expect(founding.code).toBe(0);
    const a = new TestDevice(one!, orgId);
    expect((await a.register(founding.stdout.trim())).status).toBe(200);
    const joining = await runHubCli(['code', '--org', orgId, '--branch', 'riga', '--pg', url]);
    const b = new TestDevice(two!, null);
    expect((await b.register(joining.stdout.trim())).body).toMatchObject({ orgId, branchIds: ['riga'] });

    const t0 = performance.now();
    const waiting = b.wait(30_000);
    await new Promise((r) => setTimeout(r, 500));
    const cell = a.cell('visits', 'visit-1', 'status', 'arrived', { branchId: 'riga' });
    expect((await a.sync([cell])).body).toMatchObject({ accepted: 1 });
    expect((await waiting).body).toEqual({ changed: true, cursor: 0 });
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(await b.pullAll()).toEqual([cell]);

    // Revoked through the CLI: refused at once by both processes, nothing cached anywhere.
    const revoke = await runHubCli(['device', 'revoke', b.deviceId], { DATABASE_URL: url });
    expect(revoke.stdout).toContain(`revoked ${b.deviceId}`);
    expect((await b.sync()).body.code).toBe('hub.device_revoked');
    const viaOne = new TestDevice(one!);
    viaOne.key = b.key;
    expect((await viaOne.sync()).body.code).toBe('hub.device_revoked');
    const list = await runHubCli(['device', 'list'], { DATABASE_URL: url });
    expect(list.stdout).toMatch(new RegExp(`${b.deviceId}.*REVOKED`));

    // Structured logs: one JSON line per request, never a device key.
    const logged = JSON.stringify(hubs.flatMap((h) => h.logs));
    expect(hubs[0]!.logs.some((l) => l.msg === 'sync' && l.accepted === 1)).toBe(true);
    expect(logged).not.toContain(a.key);
    expect(logged).not.toContain(b.key);
  });
});
