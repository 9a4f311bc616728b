import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROLE_GRANTS, ROLES } from '../../../shared/permissions';
import { addStaff, personInput, setupOrg, snapshotDb, startTestApp, userWithRole, type TestApp } from '../../testing/harness';

let app: TestApp;
let owner: string;
let branchId: string;
let clientId: string;
let otherClientId: string;

beforeEach(async () => {
  app = await startTestApp();
  owner = await setupOrg(app);
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  await app.call(owner, 'series.create', { docType: 'intervention', branchId, prefix: 'INT-', padding: 5, nextNumber: 1 });
  clientId = (await app.call(owner, 'clients.create', personInput('Ilze Kalniņa'))).client.id;
  otherClientId = (await app.call(owner, 'clients.create', personInput('Jānis Ozols'))).client.id;
});
afterEach(async () => app.close());

const create = (docDate: string, over: Record<string, unknown> = {}) => app.call(owner, 'interventions.create', { branchId, clientId, priority: 'medium', docDate, ...over });
const history = (token: string, input: { clientId?: string; limit?: number } = {}) => app.call(token, 'interventions.ofClient', { clientId, ...input });
const ids = async (token: string, input: Parameters<typeof history>[1] = {}) => (await history(token, input)).rows.map((r) => r.id);

describe('interventions.ofClient', () => {
  it("lists the client's documents newest first, with number, date, status, type and assignee", async () => {
    const type = (await app.call(owner, 'nomenclature.create', { kind: 'intervention_type', code: 'REP', name: 'Remonts' })).id;
    const tech = await addStaff(app, owner, 'tech.one', 'employee', branchId);
    const january = await create('2026-01-10');
    const march = await create('2026-03-02', { typeId: type, takenById: tech.id, startAt: '2026-03-03T07:00:00Z', endAt: '2026-03-03T08:00:00Z' });
    const february = await create('2026-02-20');
    await create('2026-04-01', { clientId: otherClientId });
    // Same day as March's, entered later: it comes first.
    app.clock.advance(60_000);
    const marchLater = await create('2026-03-02');
    const numbered = await app.call(owner, 'interventions.validate', { id: february.id, version: february.version });

    const list = await history(owner);
    expect(list.rows.map((r) => r.id)).toEqual([marchLater.id, march.id, february.id, january.id]);
    expect(list.total).toBe(4);
    expect(list.rows[1]).toEqual({ id: march.id, number: null, docDate: '2026-03-02', status: 'received', valid: false, type: 'Remonts', takenBy: 'tech.one' });
    expect(list.rows[2]).toMatchObject({ number: numbered.number, status: 'received', valid: true, type: null, takenBy: null });
    expect(await ids(owner, { clientId: otherClientId })).toHaveLength(1);

    // A limit keeps the newest and still counts them all; a deleted document is gone from both.
    expect(await history(owner, { limit: 2 })).toMatchObject({ rows: [{ id: marchLater.id }, { id: march.id }], total: 4 });
    await app.call(owner, 'interventions.delete', { id: january.id });
    expect(await history(owner, { limit: 2 })).toMatchObject({ total: 3 });
  });

  it("shows a branch's documents only to those who see that branch", async () => {
    const dispatcher = await userWithRole(app, owner, 'dispatcher');
    const riga = await create('2026-02-01');
    const liepaja = await app.call(owner, 'branches.create', { name: 'Liepāja', timeZone: 'Europe/Riga' });
    const far = await create('2026-03-01', { branchId: liepaja.id });
    expect(await ids(dispatcher.token)).toEqual([riga.id]);
    expect(await ids(owner)).toEqual([far.id, riga.id]);
  });

  it('is a read for whoever may read interventions, refused to anyone else and without a session, and changes nothing', async () => {
    await create('2026-02-01');
    for (const role of ROLES.filter((r) => r !== 'owner')) {
      const { token } = await userWithRole(app, owner, role);
      const before = snapshotDb(app.core);
      expect(await ids(token), role).toHaveLength(1);
      expect(snapshotDb(app.core)).toBe(before);
    }
    // The matrix is data: a role without the interventions read (as an organization's own matrix may make one) is refused
    // by the dispatcher, so the client card, which reads clients, cannot show interventions to them.
    const { token } = await userWithRole(app, owner, 'employee');
    const grants = ROLE_GRANTS.employee;
    ROLE_GRANTS.employee = { ...grants, interventions: [] };
    try {
      expect(await app.raw(token, 'interventions.ofClient', { clientId })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.forbidden' } });
      expect((await app.call(token, 'clients.get', { id: clientId })).name).toBe('Ilze Kalniņa');
    } finally {
      ROLE_GRANTS.employee = grants;
    }
    expect(await app.raw(null, 'interventions.ofClient', { clientId })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await app.raw(owner, 'interventions.ofClient', { clientId: 'nope' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'clientId' } });
    expect(await app.raw(owner, 'interventions.ofClient', { clientId, limit: 500 })).toMatchObject({ ok: false, error: { code: 'validation', field: 'limit' } });
  });
});
