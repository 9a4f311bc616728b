import { describe, expect, it } from 'vitest';
import { isProvisional } from '../../../shared/sync/provisional';
import { personInput, type TestApp } from '../../testing/harness';
import { useDesks } from './deskTesting';

/**
 * Documents validated on two branch computers while the hub is away: provisional numbers at once, final ones from the
 * hub on sync — in the order each computer reached it — and the provisional number kept and still found.
 */

const { hubFor, headOffice, branchJoins } = useDesks();

async function validated(app: TestApp, token: string, branchId: string, clientId: string) {
  const draft = await app.call(token, 'interventions.create', { branchId, clientId, priority: 'medium', docDate: '2026-12-07' });
  return app.call(token, 'interventions.validate', { id: draft.id, version: draft.version });
}
const numberOf = async (app: TestApp, token: string, id: string) => {
  const d = await app.call(token, 'interventions.get', { id });
  return { number: d.number, provisional: d.provisionalNumber };
};
const found = async (app: TestApp, token: string, search: string) =>
  (await app.call(token, 'interventions.list', { scope: { filters: { search } }, offset: 0, limit: 10 })).rows.map((r) => r.id);

describe('provisional document numbers through a real hub', () => {
  it('two computers number offline; the hub confirms 1…3 in the order they sync; both show the final numbers and find the provisional ones', async () => {
    const hub = await hubFor();
    const a = await headOffice(hub);
    const branchId = (await a.app.call(a.owner, 'branches.list', {}))[0]!.id;
    const series = await a.app.call(a.owner, 'series.create', { docType: 'intervention', branchId, prefix: 'RIX-', padding: 6, nextNumber: 1 });
    const clientId = (await a.app.call(a.owner, 'clients.create', personInput('Anna Liepiņa'))).client.id;
    await a.app.call(a.owner, 'sync.now', {});
    const b = await branchJoins(hub, a.orgId);

    await hub.stop();
    const a1 = await validated(a.app, a.owner, branchId, clientId);
    const a2 = await validated(a.app, a.owner, branchId, clientId);
    const b1 = await validated(b.app, b.owner, branchId, clientId);
    // Usable at once: numbered provisionally, each computer by its own mark; the series' next number untouched.
    for (const d of [a1, a2, b1]) expect(isProvisional(d.number!)).toBe(true);
    expect(a1.number).toMatch(/^RIX-P\d+-000001$/);
    expect(a2.number).toMatch(/^RIX-P\d+-000002$/);
    expect(b1.number).toMatch(/^RIX-P\d+-000001$/);
    expect(b1.number).not.toBe(a1.number);
    expect(a1.provisionalNumber).toBe(a1.number);

    await hub.start();
    await b.app.call(b.owner, 'sync.now', {});
    await a.app.call(a.owner, 'sync.now', {});
    await b.app.call(b.owner, 'sync.now', {});
    for (const [app, token] of [
      [a.app, a.owner],
      [b.app, b.owner],
    ] as const) {
      expect(await numberOf(app, token, b1.id)).toEqual({ number: 'RIX-000001', provisional: b1.number });
      expect(await numberOf(app, token, a1.id)).toEqual({ number: 'RIX-000002', provisional: a1.number });
      expect(await numberOf(app, token, a2.id)).toEqual({ number: 'RIX-000003', provisional: a2.number });
      // A paper printed with the provisional number still finds its document, on either computer.
      // (The quick search matches words, not the whole text: A's first document, now RIX-000002, holds them all too.)
      expect(await found(app, token, a2.number!)).toEqual(expect.arrayContaining([a2.id]));
      expect(await found(app, token, b1.number!)).toEqual([b1.id]);
      expect(await found(app, token, 'RIX-000003')).toEqual([a2.id]);
      const s = (await app.call(token, 'series.list', {})).find((r) => r.id === series.id)!;
      expect(s.nextNumber).toBe(4);
    }
    // Nothing left to push or pull: the hub's answer is not pushed back.
    expect(await a.app.call(a.owner, 'sync.now', {})).toMatchObject({ pending: 0, conflicts: 0 });
    expect(await b.app.call(b.owner, 'sync.now', {})).toMatchObject({ pending: 0, conflicts: 0 });
  });

});
