import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../clock';
import { secretsFor } from '../../mail';
import { disposeTestApp, openTestOrg, personInput, type TestOrg } from '../../testing/harness';
import { SYNC_DESK } from '../index';
import { keyContext, loadDevice } from './device';

/** A port nothing listens on: the hub "down". */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let org: TestOrg | undefined;
afterEach(async () => {
  if (org) await disposeTestApp(org.app);
  org = undefined;
});

describe('a registered installation whose hub cannot be reached', () => {
  it('keeps working: the state is offline with the reason, and the changes wait here, counted', async () => {
    org = await openTestOrg({ config: { clock: systemClock } });
    const { app, owner } = org;
    const dev = (await loadDevice(app.core.db))!;
    const me = await app.call(owner, 'auth.me', {});
    // As a registration leaves it, but the hub's address answers nothing.
    await app.core.db
      .updateTable('sync_device')
      .set({
        hub_url: `http://127.0.0.1:${await deadPort()}`,
        device_id: 'dev-1',
        device_name: 'Rīga desk',
        org_id: me!.orgId,
        device_key_enc: secretsFor(app.core.config).encrypt('a-device-key', keyContext(dev.installation_id)),
      })
      .execute();
    await app.core.services.get(SYNC_DESK).engine.restart();

    const first = await app.call(owner, 'sync.now', {});
    expect(first).toMatchObject({ state: 'offline', problem: { key: 'errors.hub_offline' }, deviceName: 'Rīga desk', lastSyncAt: null });

    await app.call(owner, 'clients.create', personInput('Anna Liepiņa'));
    const after = await app.call(owner, 'sync.status', {});
    expect(after.state).toBe('offline');
    expect(after.pending).toBeGreaterThan(first.pending);
    // Nothing was acknowledged, so nothing moved.
    expect(await loadDevice(app.core.db)).toMatchObject({ cursor: 0, pushed_seq: 0, last_sync_at: null });
  });
});
