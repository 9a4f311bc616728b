import { describe, expect, it } from 'vitest';
import { systemClock } from '../../clock';
import { openTestOrg, personInput, type TestApp } from '../../testing/harness';
import { loadDevice } from './device';
import { useDesks } from './deskTesting';

/**
 * The desktop's sync against a real hub (SQLite, in this process, over HTTP on 127.0.0.1) and real cores: the rounds,
 * what they leave in the device row, and what a person reads in `sync.status` when the hub is away or refuses.
 */

const { hubFor, headOffice, branchJoins, opened } = useDesks();

const names = async (app: TestApp, token: string) => (await app.call(token, 'clients.list', {})).rows.map((c) => c.name).sort();

describe('two installations through a real hub', () => {
  it("A registers and founds the hub's organization; B joins by a code and has A's data after a round; B's change reaches A", async () => {
    const hub = await hubFor();
    const a = await headOffice(hub);
    expect(a.status).toMatchObject({ hubUrl: hub.url, deviceName: 'Rīga desk' });
    await a.app.call(a.owner, 'clients.create', personInput('Anna Liepiņa'));
    const afterA = await a.app.call(a.owner, 'sync.now', {});
    expect(afterA).toMatchObject({ state: 'idle', pending: 0, problem: null, conflicts: 0 });
    expect(afterA.lastSyncAt).not.toBeNull();

    const b = await branchJoins(hub, a.orgId);
    expect(await names(b.app, b.owner)).toEqual(['Anna Liepiņa']);
    await b.app.call(b.owner, 'clients.create', personInput('Jānis Bērziņš'));
    expect((await b.app.call(b.owner, 'sync.status', {})).pending).toBeGreaterThan(0);
    expect(await b.app.call(b.owner, 'sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });

    await a.app.call(a.owner, 'sync.now', {});
    expect(await names(a.app, a.owner)).toEqual(['Anna Liepiņa', 'Jānis Bērziņš']);
    // The cursors moved only as far as the hub acknowledged.
    const devA = (await loadDevice(a.app.core.db))!;
    expect(devA.cursor).toBeGreaterThan(0);
    expect(devA.pushed_seq).toBeGreaterThan(0);
  });

  it('with the hub away A keeps working, offline, its changes counted; when the hub is back both converge', async () => {
    const hub = await hubFor();
    const a = await headOffice(hub);
    await a.app.call(a.owner, 'sync.now', {});
    const b = await branchJoins(hub, a.orgId);

    await hub.stop();
    await a.app.call(a.owner, 'clients.create', personInput('Offline Klients'));
    const offline = await a.app.call(a.owner, 'sync.now', {});
    expect(offline).toMatchObject({ state: 'offline', problem: { key: 'errors.hub_offline' } });
    const waiting = offline.pending;
    await a.app.call(a.owner, 'clients.create', personInput('Otrs Klients'));
    expect((await a.app.call(a.owner, 'sync.status', {})).pending).toBeGreaterThan(waiting);

    await hub.start();
    expect(await a.app.call(a.owner, 'sync.now', {})).toMatchObject({ state: 'idle', pending: 0, problem: null });
    await b.app.call(b.owner, 'sync.now', {});
    expect(await names(b.app, b.owner)).toEqual(await names(a.app, a.owner));
    expect(await names(b.app, b.owner)).toEqual(['Offline Klients', 'Otrs Klients']);
  });
});

describe('the hub refuses', () => {
  it("a computer whose clock is 10 minutes off: refused before anything is written, the minutes said", async () => {
    const hub = await hubFor();
    const ahead = { now: () => Date.now() + 10 * 60_000 };
    const a = await headOffice(hub, ahead);
    const status = await a.app.call(a.owner, 'sync.now', {});
    expect(status).toMatchObject({ state: 'refused', problem: { key: 'errors.hub_clock_drift', params: { minutes: 10 } } });
    expect(await hub.cellCount()).toBe(0);
    // The refusal is kept with the device: a restart shows it until a round goes through.
    expect(await loadDevice(a.app.core.db)).toMatchObject({ problem_key: 'errors.hub_clock_drift', pushed_seq: 0, cursor: 0 });
  });

  it('a revoked computer: refused at once, and it stops asking', async () => {
    const hub = await hubFor();
    const a = await headOffice(hub);
    await a.app.call(a.owner, 'sync.now', {});
    await hub.revoke((await loadDevice(a.app.core.db))!.device_id!);
    await a.app.call(a.owner, 'clients.create', personInput('Anna Liepiņa'));
    const status = await a.app.call(a.owner, 'sync.now', {});
    expect(status).toMatchObject({ state: 'refused', problem: { key: 'errors.hub_device_revoked' } });
    expect(status.pending).toBeGreaterThan(0);
    // Offline would try again after about 2 s; a refusal waits for a person.
    const asked = hub.requests();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(hub.requests()).toBe(asked);
    expect((await a.app.call(a.owner, 'sync.status', {})).state).toBe('refused');
  });

  it('a wrong code is said on its field, and nothing is stored', async () => {
    const hub = await hubFor();
    const org = await openTestOrg({ config: { clock: systemClock } });
    opened.push(org.app);
    const r = await org.app.raw(org.owner, 'sync.register', { hubUrl: hub.url, code: 'WRONG-CODE-1', deviceName: 'Rīga desk' });
    expect(r).toMatchObject({ ok: false, error: { key: 'errors.hub_code_invalid', field: 'code' } });
    expect(await loadDevice(org.app.core.db)).toMatchObject({ device_key_enc: null, hub_url: null });
    expect(await org.app.call(org.owner, 'sync.status', {})).toMatchObject({ state: 'unregistered' });
  });
});

describe('a conflict made by two installations', () => {
  it('one break moved differently on each side: listed with both versions, and "put the other back" wins everywhere', async () => {
    const hub = await hubFor();
    const a = await headOffice(hub);
    const ownerId = (await a.app.call(a.owner, 'auth.me', {}))!.id;
    const start = new Date(Date.now() + 86_400_000).toISOString().slice(0, 11) + '10:00:00.000Z';
    const booked = await a.app.call(a.owner, 'visits.bookBreak', { userId: ownerId, start, durationMin: 30, outsideHoursConfirmed: true });
    await a.app.call(a.owner, 'sync.now', {});
    const b = await branchJoins(hub, a.orgId);

    // Apart (the hub down, so neither hears the other at once): each side moves the break to its own hour.
    await hub.stop();
    const at = (h: string) => start.replace('10:00', h);
    const end = (h: string) => start.replace('10:00', h.replace(':00', ':30'));
    await a.app.call(a.owner, 'visits.move', { id: booked.id, version: booked.version, userId: ownerId, start: at('11:00'), end: end('11:00'), outsideHoursConfirmed: true });
    const onB = await b.app.call(b.owner, 'visits.get', { id: booked.id });
    await b.app.call(b.owner, 'visits.move', { id: booked.id, version: onB.version, userId: ownerId, start: at('12:00'), end: end('12:00'), outsideHoursConfirmed: true });
    await hub.start();
    await a.app.call(a.owner, 'sync.now', {});
    const statusB = await b.app.call(b.owner, 'sync.now', {});
    await a.app.call(a.owner, 'sync.now', {});
    expect(statusB.conflicts).toBeGreaterThan(0);

    const [conflict] = await b.app.call(b.owner, 'sync.conflicts', {});
    expect(conflict).toMatchObject({ table: 'visit', rowId: booked.id });
    expect(conflict!.kept.values.starts_at).not.toEqual(conflict!.other.values.starts_at);
    // The merge kept one hour on both sides; the other is offered back.
    const kept = conflict!.kept.values.starts_at;
    const other = conflict!.other.values.starts_at;
    expect((await a.app.call(a.owner, 'visits.get', { id: booked.id })).start).toBe(kept);
    expect((await b.app.call(b.owner, 'visits.get', { id: booked.id })).start).toBe(kept);

    expect(await b.app.call(b.owner, 'sync.resolveConflict', { id: conflict!.id, keep: 'other' })).toEqual({ ok: true });
    expect((await b.app.call(b.owner, 'sync.status', {})).conflicts).toBe(0);
    await b.app.call(b.owner, 'sync.now', {});
    await a.app.call(a.owner, 'sync.now', {});
    expect((await a.app.call(a.owner, 'visits.get', { id: booked.id })).start).toBe(other);
    expect((await b.app.call(b.owner, 'visits.get', { id: booked.id })).start).toBe(other);
    // A second decision on the same conflict is refused.
    expect(await b.app.raw(b.owner, 'sync.resolveConflict', { id: conflict!.id, keep: 'kept' })).toMatchObject({ ok: false, error: { key: 'errors.sync_conflict_not_found' } });
  });
});
