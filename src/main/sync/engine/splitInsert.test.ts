import { describe, expect, it } from 'vitest';
import { personInput } from '../../testing/harness';
import { SYNC_DESK } from '../index';
import { compareWithHub } from './check';
import { useDesks } from './deskTesting';

/**
 * Found by the killed-devices property test: a pull page can end inside a row's insert, so the row is made from its
 * first part and its creation time arrives on the next page. The installation must then hold the hub's creation time,
 * not the stand-in it made the row with.
 */
const { hubFor, headOffice, branchJoins } = useDesks();

describe('an insert cut by a pull page', () => {
  it("ends with the hub's creation time on the joining installation, for every row of a first sync in pages of 3", async () => {
    const hub = await hubFor();
    const a = await headOffice(hub);
    for (let i = 0; i < 5; i++) await a.app.call(a.owner, 'clients.create', personInput(`Klients ${i}`));
    await a.app.call(a.owner, 'sync.now', {});
    const b = await branchJoins(hub, a.orgId, { syncPullLimit: 3 });
    const access = (await b.app.core.services.get(SYNC_DESK).hub())!;
    const diffs = await compareWithHub(b.app.core.db, access.client, access.key, access.orgId);
    expect(diffs).toEqual([]);
    const names = (await b.app.call(b.owner, 'clients.list', {})).rows.map((c) => c.name);
    expect(names).toHaveLength(5);
  }, 60_000);
});
