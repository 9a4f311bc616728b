import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupOrg, startTestApp, type TestApp } from '../../testing/harness';

let app: TestApp;
let owner: string;
let branchId: string;
let clientId: string;

beforeEach(async () => {
  app = await startTestApp();
  owner = await setupOrg(app);
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  const c = await app.call(owner, 'clients.create', { kind: 'person', name: 'Jānis Bērziņš', phones: [], emails: [], addresses: [], contacts: [] });
  clientId = c.client.id;
  for (const [docDate, priority] of [
    ['2026-11-20', 'low'],
    ['2026-11-23', 'high'],
    ['2026-11-21', 'high'],
  ] as const) {
    await app.call(owner, 'interventions.create', { branchId, clientId, priority, docDate, notes: `call of ${docDate}` });
  }
});
afterEach(async () => app.close());

describe('interventions.count with the first rows', () => {
  it('answers the count and the first rows of the same order, as a page would', async () => {
    const scope = { filters: {} };
    const both = await app.call(owner, 'interventions.count', { scope, sort: 'docDate', desc: false, first: 2 });
    const page = await app.call(owner, 'interventions.list', { scope, sort: 'docDate', desc: false, offset: 0, limit: 2 });
    expect(both.total).toBe(3);
    expect(both.rows!.map((r) => r.docDate)).toEqual(['2026-11-20', '2026-11-21']);
    expect(both.rows).toEqual(page.rows);
    // Without a sort: main's own order, the newest first.
    const newest = await app.call(owner, 'interventions.count', { scope: { filters: { priorities: ['high'] } }, first: 100 });
    expect(newest).toMatchObject({ total: 2 });
    expect(newest.rows!.map((r) => r.docDate)).toEqual(['2026-11-23', '2026-11-21']);
  });

  it('leaves the rows out when not asked, answers none for an empty scope, and refuses too many', async () => {
    expect(await app.call(owner, 'interventions.count', { scope: { filters: {} } })).toEqual({ total: 3 });
    expect(await app.call(owner, 'interventions.count', { scope: { filters: { search: 'nobody-like-this' } }, first: 50 })).toEqual({ total: 0, rows: [] });
    expect(await app.raw(owner, 'interventions.count', { scope: { filters: {} }, first: 501 })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});
