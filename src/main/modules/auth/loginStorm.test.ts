import { describe, expect, it } from 'vitest';
import { OWNER, type TestApp } from '../../testing/harness';
import { withTestOrg } from '../../testing/fixtures';

let app: TestApp;
let owner: string;
withTestOrg('test', (org) => ({ app, owner } = org));

const PAGE_CALL_LIMIT_MS = 50;

function badLogin(login: string, source: string, i: number) {
  return app.core.dispatch({ name: 'auth.login', input: { login, password: `wrong-${i}` }, sessionToken: null, source });
}

/** Times a clerk's page call again and again until `storm` settles; returns every duration. */
async function pageCallsDuring(token: string, storm: Promise<unknown>): Promise<number[]> {
  let settled = false;
  void storm.finally(() => (settled = true));
  const took: number[] = [];
  // The first call starts while every login of the storm is already queued.
  await new Promise((r) => setImmediate(r));
  while (!settled || took.length < 5) {
    const start = performance.now();
    const r = await app.raw(token, 'clients.list', { limit: 50 });
    took.push(performance.now() - start);
    expect(r.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 25));
  }
  return took;
}

describe('a storm of wrong passwords', () => {
  it('from 60 places at once: every password is checked, and a clerk’s page call still answers within 50 ms', async () => {
    const storm = Promise.all(Array.from({ length: 60 }, (_, i) => badLogin(`nobody.${i}`, `198.51.100.${i}`, i)));
    const took = await pageCallsDuring(owner, storm);
    const outcomes = await storm;
    // None was refused before its password was checked: each source tried once.
    expect(outcomes.every((o) => !o.result.ok && o.result.error.key === 'errors.login_failed')).toBe(true);
    const sorted = [...took].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
    console.info(`60 bad logins from 60 sources: ${took.length} page calls, p50 ${at(0.5)} p95 ${at(0.95)} p99 ${at(0.99)} max ${at(1)} ms`);
    // Hundreds of calls over the storm's seconds: on two cores shared with other test workers the OS can pause
    // this process for ~100 ms now and then, so the bound is on the 99th percentile, with
    // the slowest call still far from a hash queue's seconds (7.7 s before).
    expect(Number(at(0.99))).toBeLessThanOrEqual(PAGE_CALL_LIMIT_MS);
    expect(Math.max(...took)).toBeLessThanOrEqual(10 * PAGE_CALL_LIMIT_MS);
    // Sixty hashes one after another on a busy machine: more than the default minute may pass.
  }, 180_000);

  it('from one place at once: that place is throttled without hashing, and the owner still logs in from another', async () => {
    const storm = Promise.all(Array.from({ length: 60 }, (_, i) => badLogin(OWNER.login, '203.0.113.9', i)));
    const took = await pageCallsDuring(owner, storm);
    const outcomes = await storm;
    const failed = outcomes.filter((o) => !o.result.ok && o.result.error.key === 'errors.login_failed').length;
    const locked = outcomes.filter((o) => !o.result.ok && o.result.error.key === 'errors.login_locked').length;
    // At most five passwords were checked from that place; the rest were refused at once.
    expect(failed).toBeLessThanOrEqual(5);
    expect(failed + locked).toBe(60);
    const median = [...took].sort((x, y) => x - y)[Math.floor(took.length / 2)]!;
    console.info(`60 bad logins from 1 source: ${failed} checked, ${locked} refused; page calls median ${median.toFixed(1)}, slowest ${Math.max(...took).toFixed(1)} ms`);
    // A handful of calls on two cores shared with other test workers: one may be paused by the OS for ~100 ms, so
    // the median holds the 50 ms and the slowest stays far below the hash queue's 677 ms of before.
    expect(median).toBeLessThanOrEqual(PAGE_CALL_LIMIT_MS);
    expect(Math.max(...took)).toBeLessThanOrEqual(5 * PAGE_CALL_LIMIT_MS);

    // The real owner, from their own machine, is not locked out by someone else's guesses.
    const mine = await app.core.dispatch({ name: 'auth.login', input: OWNER, sessionToken: null, source: '192.0.2.10' });
    expect(mine.result).toMatchObject({ ok: true, data: { login: OWNER.login } });
    // The guessing place stays refused, even with the right password, until its lock has passed.
    expect((await app.core.dispatch({ name: 'auth.login', input: OWNER, sessionToken: null, source: '203.0.113.9' })).result).toMatchObject({
      ok: false,
      error: { key: 'errors.login_locked' },
    });
    app.clock.advance(6 * 60_000);
    expect((await app.core.dispatch({ name: 'auth.login', input: OWNER, sessionToken: null, source: '203.0.113.9' })).result).toMatchObject({ ok: true });
  });

  it('logins racing on one account lose no failure from its count, and a correct one among them still succeeds', async () => {
    const racing = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => badLogin(OWNER.login, `198.51.100.${i}`, i)),
      app.core.dispatch({ name: 'auth.login', input: OWNER, sessionToken: null, source: '192.0.2.10' }),
    ]);
    expect(racing.filter((o) => o.result.ok)).toHaveLength(1);
    const row = await app.core.db.selectFrom('login_attempt').select('failures').where('login', '=', OWNER.login).executeTakeFirst();
    // The success may land before or after any of the failures: it clears those counted before it.
    expect(row?.failures ?? 0).toBeLessThanOrEqual(6);
    const again = await Promise.all(Array.from({ length: 6 }, (_, i) => badLogin(OWNER.login, `198.51.101.${i}`, i)));
    expect(again.every((o) => !o.result.ok)).toBe(true);
    const after = await app.core.db.selectFrom('login_attempt').select('failures').where('login', '=', OWNER.login).executeTakeFirstOrThrow();
    expect(after.failures).toBe((row?.failures ?? 0) + 6);
  });
});
