import { beforeAll, describe, expect, it } from 'vitest';
import { withTestOrg } from '../../testing/fixtures';
import { addStaff, personInput, snapshotDb, type TestApp } from '../../testing/harness';

let app: TestApp;
let owner: string;
let branchId: string;
let clientId: string;
let tech: string;
let tech2: string;
withTestOrg('file', (o) => {
  app = o.app;
  owner = o.owner;
});
beforeAll(async () => {
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  clientId = (await app.call(owner, 'clients.create', personInput('Ilze Kalniņa'))).client.id;
  tech = (await addStaff(app, owner, 'tech.overlap', 'employee', branchId)).id;
  tech2 = (await addStaff(app, owner, 'tech2.overlap', 'employee', branchId)).id;
});

const at = (h: number, m = 0) => `2026-11-25T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00.000Z`;
const job = (takenById: string, from: number, to: number) =>
  app.call(owner, 'interventions.create', { branchId, clientId, priority: 'medium', docDate: '2026-11-23', takenById, responsibleId: takenById, startAt: at(from), endAt: at(to) });

describe("a technician's other scheduled work (checked in main, a warning that does not block)", () => {
  it('lists the work a planned time overlaps, not back-to-back visits, not the document itself, not other people', async () => {
    const morning = await job(tech, 9, 11);
    const noon = await job(tech, 11, 12);
    await job(tech2, 9, 11);
    const found = await app.call(owner, 'interventions.overlaps', { personId: tech, startAt: at(10), endAt: at(11, 30), excludeId: null });
    expect(found.map((r) => r.id)).toEqual([morning.id, noon.id]);
    expect(found[0]).toMatchObject({ client: 'Ilze Kalniņa', start: at(9), end: at(11), status: 'allocated' });
    expect(await app.call(owner, 'interventions.overlaps', { personId: tech, startAt: at(12), endAt: at(13), excludeId: null })).toEqual([]);
    expect((await app.call(owner, 'interventions.overlaps', { personId: tech, startAt: at(9), endAt: at(11), excludeId: morning.id })).map((r) => r.id)).toEqual([]);
    // Instants without milliseconds are read as the same times.
    expect((await app.call(owner, 'interventions.overlaps', { personId: tech, startAt: '2026-11-25T10:59:00Z', endAt: '2026-11-25T11:00:00Z', excludeId: null })).map((r) => r.id)).toEqual([morning.id]);
  });

  it('still saves an overlapping allocation (the dispatcher was warned) and the calendar marks both jobs', async () => {
    const first = await job(tech2, 14, 16);
    const second = await job(tech2, 17, 18);
    const moved = await app.call(owner, 'interventions.reschedule', { id: second.id, version: second.version, startAt: at(15), endAt: at(17) });
    expect(moved.startAt).toBe(at(15));
    const events = await app.call(owner, 'interventions.calendar', { from: at(13), to: at(19), personId: tech2, branchId: null });
    expect(events.filter((e) => e.overlap).map((e) => e.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('leaves cancelled work out', async () => {
    const a = await job(tech, 6, 7);
    await app.call(owner, 'interventions.cancel', { id: a.id, version: a.version, reason: 'Client called off' });
    expect(await app.call(owner, 'interventions.overlaps', { personId: tech, startAt: at(6), endAt: at(7), excludeId: null })).toEqual([]);
  });

  it('refuses a bad time with a translated error and changes nothing', async () => {
    const before = snapshotDb(app.core);
    const r = await app.raw(owner, 'interventions.overlaps', { personId: tech, startAt: 'tomorrow', endAt: at(7), excludeId: null });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'validation', field: 'startAt' });
    expect(snapshotDb(app.core)).toBe(before);
  });
});
