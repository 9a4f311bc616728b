import { afterEach, describe, expect, it } from 'vitest';
import { setupOrg, startTestApp, tempDir, type TestApp } from '../../testing/harness';

let app: TestApp | undefined;
afterEach(async () => app?.close());

describe('quick-search table filled at start', () => {
  it('indexes the documents of a file migrated from before it (live ones only), once', async () => {
    const dir = tempDir();
    app = await startTestApp({}, dir);
    const owner = await setupOrg(app);
    const [branch] = await app.call(owner, 'branches.list', {});
    const c = await app.call(owner, 'clients.create', { kind: 'person', name: 'Kalniņš Jānis', phones: [{ number: '+37129123456' }], emails: [], addresses: [], contacts: [] });
    const doc = (notes: string) => app!.call(owner, 'interventions.create', { branchId: branch!.id, clientId: c.client.id, priority: 'medium', docDate: '2026-11-23', notes });
    const kept = await doc('Katls pil');
    const gone = await doc('Katls vecs');
    await app.call(owner, 'interventions.delete', { id: gone.id });
    // As a file from before migration 0005 has it: the table there, empty.
    app.core.sqlite.exec(`delete from intervention_search`);
    await app.close();

    const logs: string[] = [];
    app = await startTestApp({ log: (m) => void logs.push(m) }, dir);
    const token = await app.login('owner', 'owner-pass-1');
    const found = await app.call(token, 'interventions.list', { scope: { filters: { search: 'kat' } }, offset: 0, limit: 10 });
    expect(found.rows.map((r) => r.id)).toEqual([kept.id]);
    const byPhone = await app.call(token, 'interventions.list', { scope: { filters: { search: '29123456' } }, offset: 0, limit: 10 });
    expect(byPhone.rows.map((r) => r.id)).toEqual([kept.id]);
    expect(logs).toContain('quick search: indexed 1 interventions');
    await app.close();

    // Filled once: a later start finds it full and leaves it.
    const again: string[] = [];
    app = await startTestApp({ log: (m) => void again.push(m) }, dir);
    expect(again.filter((m) => m.startsWith('quick search'))).toEqual([]);
  });
});
