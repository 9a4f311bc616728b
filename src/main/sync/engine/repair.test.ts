import { describe, expect, it } from 'vitest';
import { systemClock } from '../../clock';
import { defaultConfig } from '../../config';
import { personInput, startTestApp, OWNER, type TestApp } from '../../testing/harness';
import { SYNC_DESK } from '../index';
import { resetFromHub } from '../reset';
import { compareWithHub } from './check';
import { keyContext, loadDevice } from './device';
import { createHubClient } from './hubClient';
import { useDesks } from './deskTesting';
import { requestReset, startRebuild } from '../../../hub/store/repair';
import { secretsFor } from '../../mail';
import type { TestHub } from './hubTesting';

/**
 * Repair against a real hub over HTTP, on the embedded SQLite hub and on a real PostgreSQL: a device reset from the
 * hub (its file rebuilt from the hub's cells, its unpushed change kept), and a hub rebuilt from three devices after
 * its database was lost.
 */
const { hubFor, headOffice, branchJoins, opened } = useDesks();

async function differences(app: TestApp) {
  const dev = (await loadDevice(app.core.db))!;
  const key = secretsFor(app.core.config).decrypt(dev.device_key_enc!, keyContext(dev.installation_id));
  return compareWithHub(app.core.db, createHubClient(dev.hub_url!), key, dev.org_id!);
}

/** A core closed and opened again on the same folder (the one the desks close after the test is replaced). */
async function reopen(app: TestApp): Promise<TestApp> {
  const again = await startTestApp({ clock: systemClock }, app.dir);
  opened[opened.indexOf(app)] = again;
  return again;
}

const syncNow = (app: TestApp) => app.core.services.get(SYNC_DESK).engine.syncNow();
const names = async (app: TestApp) => (await app.core.db.selectFrom('client').select('name').where('deleted_at', 'is', null).orderBy('name').execute()).map((r) => r.name);

describe.each(['sqlite', 'pg'] as const)('repair on the %s hub', (engine) => {
  it('resets a damaged, diverged device from the hub: its unpushed change kept, then equal to the hub', async () => {
    const hub = await hubFor({ engine });
    const a = await headOffice(hub);
    const { client } = await a.app.call(a.owner, 'clients.create', personInput('Anna Liepiņa'));
    const gone = await a.app.call(a.owner, 'clients.create', personInput('Pēteris Ozols'));
    await syncNow(a.app);
    let b = await branchJoins(hub, a.orgId);

    // The file changed behind the sync: a hand edit, a row lost; then a real change made offline (its engine stopped).
    b.app.core.sqlite.prepare('update client set name = ? where id = ?').run('Anna (damaged)', client.id);
    b.app.core.sqlite.pragma('foreign_keys = OFF');
    b.app.core.sqlite.prepare('delete from client_phone where client_id = ?').run(gone.client.id);
    b.app.core.sqlite.prepare('delete from client where id = ?').run(gone.client.id);
    b.app.core.sqlite.pragma('foreign_keys = ON');
    await b.app.core.services.get(SYNC_DESK).engine.stop();
    const made = await b.app.call(b.owner, 'clients.create', personInput('Jānis Bērziņš'));
    expect((await differences(b.app)).length).toBeGreaterThan(0);

    const dev = (await loadDevice(b.app.core.db))!;
    expect(await requestReset(hub.hub.db, dev.device_id!, Date.now())).toBe(true);
    // At its next sync the device pushes, is told, and says so in its status; the rebuild waits for the file to be free.
    b.app = await reopen(b.app);
    await syncNow(b.app);
    const desk = b.app.core.services.get(SYNC_DESK);
    expect(desk.engine.view()).toMatchObject({ state: 'refused', problem: { key: 'errors.sync_reset_pending' } });
    expect((await loadDevice(b.app.core.db))!.reset_requested_at).not.toBeNull();
    await b.app.close();

    const report = await resetFromHub(defaultConfig(b.app.dir, { clock: systemClock, log: () => undefined }));
    expect(report.cells).toBeGreaterThan(0);
    expect(report.backup).toMatch(/before-reset\.db$/);
    b = { ...b, app: await reopen(b.app) };
    b.owner = await b.app.login(OWNER.login, OWNER.password);
    expect(await names(b.app)).toEqual(['Anna Liepiņa', 'Jānis Bērziņš', 'Pēteris Ozols']);
    expect(await differences(b.app)).toEqual([]);
    // The device key was kept: the next round reaches the hub, reports the reset done, and the mark is gone.
    await syncNow(b.app);
    expect(b.app.core.services.get(SYNC_DESK).engine.view().state).toBe('idle');
    const row = await hub.hub.db.selectFrom('hub_device').select('reset_requested_at').where('id', '=', dev.device_id!).executeTakeFirstOrThrow();
    expect(row.reset_requested_at).toBeNull();
    // The unpushed change reached the other branch through the hub.
    await syncNow(a.app);
    expect(await names(a.app)).toContain('Jānis Bērziņš');
    expect(made.client.id).toBeTruthy();
  });

  it('rebuilds a wiped hub from the devices (three synced, two left): its cells equal what it had', async () => {
    const hub = await hubFor({ engine });
    const a = await headOffice(hub);
    const first = await a.app.call(a.owner, 'clients.create', personInput('Anna Liepiņa'));
    await syncNow(a.app);
    const b = await branchJoins(hub, a.orgId);
    const c = await branchJoins(hub, a.orgId);
    const cur = (await b.app.core.db.selectFrom('client').select('version').where('id', '=', first.client.id).executeTakeFirstOrThrow()).version;
    await b.app.call(b.owner, 'clients.update', { id: first.client.id, version: cur, ...personInput('Anna Liepiņa-Kalniņa') });
    const byC = await c.app.call(c.owner, 'clients.create', personInput('Gohar Sargsyan'));
    await c.app.call(c.owner, 'clients.delete', { id: byC.client.id });
    await c.app.call(c.owner, 'clients.create', personInput('Ion Popescu'));
    for (const d of [b, c, a, b, c]) await syncNow(d.app);
    const before = await hub.cells();
    expect(before.length).toBeGreaterThan(20);
    for (const d of [a, b, c]) expect(await differences(d.app)).toEqual([]);

    await hub.wipe();
    expect(await hub.cells()).toEqual([]);
    const codes = await startRebuild(hub.hub.db, { orgId: a.orgId, name: 'Test Serviss', branches: [] }, Date.now(), 3_600_000);
    await expect(startRebuild(hub.hub.db, { orgId: a.orgId, name: 'Again', branches: [] }, Date.now(), 3_600_000)).rejects.toThrow(/already on this hub/);
    // The third branch's computer is gone with the hub: what it made comes back from the two that pulled it.
    const more = [codes[0]!.code, await hub.joinCode(a.orgId)];
    for (const [i, d] of [a, b].entries()) {
      const input = { hubUrl: hub.url, code: more[i]!, deviceName: `desk ${i}` };
      // A kept-alive connection to the wiped hub's previous process may fail first, as a person at the desk would
      // see it ("the hub cannot be reached"); trying again reaches the new one.
      const once = await d.app.raw(d.owner, 'sync.register', input);
      if (!once.ok) {
        expect(once.error.key).toBe('errors.hub_offline');
        await d.app.call(d.owner, 'sync.register', input);
      }
      await syncNow(d.app);
    }
    for (const d of [a, b]) await syncNow(d.app);
    expect(sorted(await hub.cells())).toEqual(sorted(before));
    for (const d of [a, b]) expect(await differences(d.app)).toEqual([]);
    // Pushed once: the next round sends only changes again.
    expect((await loadDevice(a.app.core.db))!.full_push).toBe(0);
  });
});

function sorted(cells: Awaited<ReturnType<TestHub['cells']>>) {
  return cells.map((c) => [c.table_name, c.row_id, c.column_name, c.value, c.hlc, c.branch_id].join('|')).sort();
}
