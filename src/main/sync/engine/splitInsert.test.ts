import { describe, expect, it } from 'vitest';
import { personInput } from '../../testing/harness';
import { SYNC_DESK } from '../index';
import { compareWithHub } from './check';
import { useDesks } from './deskTesting';

/**
 * Found by the killed-devices property test: a pull page can end inside a row's insert, so the row is made from its
 * first part and the rest (its creation time, who made it) arrives on the next page. The installation must then hold
 * the hub's values, not the stand-ins it made the row with.
 */
const { hubFor, headOffice, branchJoins } = useDesks();

describe('an insert cut by a pull page', () => {
  it.each([3, 4, 5, 7])("ends with the hub's values on the joining installation (creation time, who booked), for every row of a first sync in pages of %i", async (page) => {
    const hub = await hubFor();
    const a = await headOffice(hub);
    for (let i = 0; i < 5; i++) await a.app.call(a.owner, 'clients.create', personInput(`Klients ${i}`));
    // A break's columns run past a page of 3: who booked it (`created_by`) came on a later page and was lost.
    const ownerId = (await a.app.call(a.owner, 'auth.me', {}))!.id;
    await a.app.call(a.owner, 'visits.bookBreak', { userId: ownerId, start: '2027-01-11T10:00:00.000Z', durationMin: 30, outsideHoursConfirmed: true });
    await a.app.call(a.owner, 'sync.now', {});
    const b = await branchJoins(hub, a.orgId, { syncPullLimit: page });
    const access = (await b.app.core.services.get(SYNC_DESK).hub())!;
    const diffs = await compareWithHub(b.app.core.db, access.client, access.key, access.orgId);
    expect(diffs).toEqual([]);
    const names = (await b.app.call(b.owner, 'clients.list', {})).rows.map((c) => c.name);
    expect(names).toHaveLength(5);
  }, 60_000);
});
