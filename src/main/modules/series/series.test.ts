import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../shared/api/auth';
import { AppError } from '../../api/errors';
import { openSqlite } from '../../db/connection';
import { snapshotDb, userWithRole, type TestApp } from '../../testing/harness';
import { withTestOrg } from '../../testing/fixtures';
import { spawnTs } from '../../testing/processes';
import { inWriteTransaction } from '../../testing/transactions';
import { deviceMarkOf } from '../../../shared/sync/provisional';
import { takeNumber } from './service';

let app: TestApp;
let owner: string;
let user: SessionUser;
let seriesId: string;

withTestOrg('test', async (org) => {
  ({ app, owner } = org);
  user = (await app.call(owner, 'auth.me', {}))!;
  const [branch] = await app.call(owner, 'branches.list', {});
  seriesId = (await app.call(owner, 'series.create', { docType: 'intervention', branchId: branch!.id, prefix: 'RIX-', padding: 6, nextNumber: 1 })).id;
});

const deps = () => ({ db: app.core.db, clock: app.clock, config: app.core.config, sessions: app.core.sessions, services: app.core.services });
const take = (fn?: () => Promise<void>) =>
  inWriteTransaction(deps(), user, async (ctx) => {
    const n = await takeNumber(ctx, seriesId);
    await fn?.();
    return n;
  });
const nextNumber = () => app.core.sqlite.prepare('select next_number from doc_series where id = ?').pluck().get(seriesId) as number;
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

class RolledBack extends Error {}

describe('document series', () => {
  it('formats the number with prefix and padding', async () => {
    expect(await take()).toBe('RIX-000001');
    expect(await take()).toBe('RIX-000002');
    expect(nextNumber()).toBe(3);
  });

  it('hands out numbers without duplicates or gaps to 50 concurrent validations, some of which roll back', async () => {
    const outcomes = await Promise.all(
      range(50).map(async (i) => {
        let taken = '';
        try {
          await inWriteTransaction(deps(), user, async (ctx) => {
            taken = await takeNumber(ctx, seriesId);
            // The rest of the validation; other validations are queued meanwhile.
            await sleep(i % 3);
            if (i % 5 === 0) throw new RolledBack();
          });
          return { committed: true, n: Number(taken.slice(4)) };
        } catch (e) {
          if (!(e instanceof RolledBack)) throw e;
          return { committed: false, n: Number(taken.slice(4)) };
        }
      }),
    );
    const committed = outcomes.filter((o) => o.committed).map((o) => o.n);
    const rolledBack = outcomes.filter((o) => !o.committed).map((o) => o.n);
    expect(committed).toHaveLength(40);
    expect(rolledBack).toHaveLength(10);
    expect([...committed].sort((a, b) => a - b)).toEqual(range(40));
    // A rolled-back number went back to the series: it was handed out again (or is the next one).
    for (const n of rolledBack) expect(n).toBeLessThanOrEqual(41);
    expect(nextNumber()).toBe(41);
  });

  it('hands out numbers without duplicates or gaps to two OS processes writing the same file at once', async () => {
    const file = app.core.config.dbFile;
    await app.close();
    const PER_CHILD = 120;
    const ROLLBACK_EVERY = 4;
    const children = [0, 1].map(() => spawnTs('src/main/testing/children/series-taker.ts', [file, user.id, seriesId, String(PER_CHILD), String(ROLLBACK_EVERY)]));
    try {
      await Promise.all(children.map((c) => c.waitFor((l) => l.includes('ready'))));
      for (const c of children) c.send('go');
      await Promise.all(children.map((c) => c.waitFor((l) => l.some((x) => x.startsWith('done ')), 120_000)));
      for (const c of children) expect(await c.exited).toEqual({ code: 0, signal: null });
    } finally {
      for (const c of children) c.kill();
    }
    const numbers = (c: (typeof children)[number], kind: string) => c.lines.filter((l) => l.startsWith(`${kind} `)).map((l) => Number(l.split(' ')[1]));
    const perChild = children.map((c) => numbers(c, 'commit'));
    const all = perChild.flat();
    const expected = 2 * (PER_CHILD - PER_CHILD / ROLLBACK_EVERY);
    expect(all).toHaveLength(expected);
    expect([...all].sort((a, b) => a - b)).toEqual(range(expected));
    // The two really wrote side by side: their working times overlap.
    const when = (c: (typeof children)[number], kind: string) => Number(c.lines.find((l) => l.startsWith(`${kind} `))!.split(' ')[1]);
    const [a, b] = children as [(typeof children)[number], (typeof children)[number]];
    expect(when(a, 'start')).toBeLessThan(when(b, 'done'));
    expect(when(b, 'start')).toBeLessThan(when(a, 'done'));
    expect(perChild.every((nums) => nums.length === expected / 2)).toBe(true);

    const sqlite = openSqlite(file);
    try {
      expect(sqlite.prepare('select next_number from doc_series where id = ?').pluck().get(seriesId)).toBe(expected + 1);
    } finally {
      sqlite.close();
    }
  });

  it('refuses to move the next number back, naming the field, and changes nothing', async () => {
    await take();
    await take();
    await take();
    expect(nextNumber()).toBe(4);
    await app.call(owner, 'series.list', {});
    const before = snapshotDb(app.core);
    for (const back of [3, 1]) {
      const r = await app.raw(owner, 'series.update', { id: seriesId, prefix: 'RIX-', padding: 6, nextNumber: back, active: true });
      expect(r).toMatchObject({ ok: false, error: { code: 'validation', key: 'errors.series_number_back', field: 'nextNumber', params: { min: 4 } } });
      expect(snapshotDb(app.core)).toBe(before);
    }
    // Keeping it, or moving it forward, is allowed; the next validation continues from there.
    await app.call(owner, 'series.update', { id: seriesId, prefix: 'RIX-', padding: 6, nextNumber: 4, active: true });
    await app.call(owner, 'series.update', { id: seriesId, prefix: 'RIX-', padding: 6, nextNumber: 100, active: true });
    expect(await take()).toBe('RIX-000100');
  });

  it('a dispatcher may read series but not change them', async () => {
    const dispatcher = await userWithRole(app, owner, 'dispatcher');
    expect(await app.call(dispatcher.token, 'series.list', {})).toHaveLength(1);
    const before = snapshotDb(app.core);
    const r = await app.raw(dispatcher.token, 'series.update', { id: seriesId, prefix: 'RIX-', padding: 6, nextNumber: 50, active: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(snapshotDb(app.core)).toBe(before);
  });

  it('an inactive series hands out no number, and continues without a gap once active again', async () => {
    expect(await take()).toBe('RIX-000001');
    await app.call(owner, 'series.update', { id: seriesId, prefix: 'RIX-', padding: 6, nextNumber: 2, active: false });
    const before = snapshotDb(app.core);
    const refused = await take().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ error: { code: 'validation', field: 'seriesId' } });
    expect(snapshotDb(app.core)).toBe(before);
    expect(nextNumber()).toBe(2);
    await app.call(owner, 'series.update', { id: seriesId, prefix: 'RIX-', padding: 6, nextNumber: 2, active: true });
    expect(await take()).toBe('RIX-000002');
  });

  it("refuses another organization's series", async () => {
    const stranger: SessionUser = { ...user, orgId: '0190f000-0000-7000-8000-000000000000' };
    const refused = await inWriteTransaction(deps(), stranger, (ctx) => takeNumber(ctx, seriesId)).catch((e: unknown) => e);
    expect(refused).toMatchObject({ error: { code: 'validation', field: 'seriesId' } });
    expect(nextNumber()).toBe(1);
  });
});

describe('document series on an installation registered with a hub', () => {
  const register = () => app.core.sqlite.prepare(`update sync_device set registered_at = '2026-12-07T08:00:00.000Z', device_id = 'dev-1' where id = 1`).run();
  const installation = () => app.core.sqlite.prepare('select installation_id from sync_device where id = 1').pluck().get() as string;

  it('hands out provisional numbers by its own mark and counter, leaving the series’ next number to the hub; a rollback gives the counter back', async () => {
    expect(await take()).toBe('RIX-000001');
    register();
    const mark = deviceMarkOf(installation());
    expect(await take()).toBe(`RIX-${mark}-000001`);
    await expect(take(() => Promise.reject(new RolledBack()))).rejects.toBeInstanceOf(RolledBack);
    expect(await take()).toBe(`RIX-${mark}-000002`);
    expect(nextNumber()).toBe(2);
  });

  it('refuses a prefix that would make final numbers read as provisional ones, and changes nothing', async () => {
    const before = snapshotDb(app.core);
    const [branch] = await app.call(owner, 'branches.list', {});
    const r = await app.raw(owner, 'series.create', { docType: 'task', branchId: branch!.id, prefix: 'RIX-P7-', padding: 6, nextNumber: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', key: 'errors.series_prefix_provisional', field: 'prefix' } });
    expect(snapshotDb(app.core)).toBe(before);
  });
});
