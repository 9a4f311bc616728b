import { describe, expect, it } from 'vitest';
import { personInput, type TestApp } from '../../testing/harness';
import { useDesks } from '../../sync/engine/deskTesting';

/**
 * A task numbered provisionally on a branch computer while the hub is away: when the hub confirms its final number,
 * its timeline gets one line saying so, written by that computer and synced, so both computers show the same one line.
 */
const { hubFor, headOffice, branchJoins } = useDesks();

const confirmations = async (app: TestApp, token: string, id: string) =>
  (await app.call(token, 'tasks.get', { id })).timeline.filter((n) => n.kind === 'change' && n.text.includes('numberConfirmed')).map((n) => JSON.parse(n.text) as unknown);

describe('a provisional task number confirmed by the hub', () => {
  it('is told once on the timeline of every computer, with both numbers', async () => {
    const hub = await hubFor();
    const a = await headOffice(hub);
    const [branch] = await a.app.call(a.owner, 'branches.list', {});
    await a.app.call(a.owner, 'series.create', { docType: 'task', branchId: branch!.id, prefix: 'UZ-', padding: 5, nextNumber: 1 });
    const clientId = (await a.app.call(a.owner, 'clients.create', personInput('Ona Onaitė'))).client.id;
    await a.app.call(a.owner, 'sync.now', {});
    const b = await branchJoins(hub, a.orgId);

    await hub.stop();
    const task = await b.app.call(b.owner, 'tasks.create', { branchId: branch!.id, clientId, priority: 'medium', subject: 'Neveikia katilas' });
    expect(task.number).toMatch(/^UZ-P\d+-000001$/);
    expect(await confirmations(b.app, b.owner, task.id)).toEqual([]);
    await hub.start();
    for (const [app, token] of [[b.app, b.owner], [a.app, a.owner], [b.app, b.owner]] as const) await app.call(token, 'sync.now', {});

    const line = { numberConfirmed: 'UZ-00001', was: task.number };
    expect(await confirmations(b.app, b.owner, task.id)).toEqual([line]);
    expect(await confirmations(a.app, a.owner, task.id)).toEqual([line]);
    expect((await a.app.call(a.owner, 'tasks.get', { id: task.id })).number).toBe('UZ-00001');
    // Further rounds write nothing more.
    expect(await a.app.call(a.owner, 'sync.now', {})).toMatchObject({ pending: 0 });
    expect(await b.app.call(b.owner, 'sync.now', {})).toMatchObject({ pending: 0 });
    expect(await confirmations(a.app, a.owner, task.id)).toEqual([line]);
  });
});
