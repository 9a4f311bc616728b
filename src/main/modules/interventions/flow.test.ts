import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { distribute } from '../../../shared/rules/interventions';
import { setupOrg, startTestApp, userWithRole, type TestApp } from '../../testing/harness';

let app: TestApp;
let owner: string;
let ownerId: string;
let branchId: string;
let clientId: string;

beforeEach(async () => {
  app = await startTestApp();
  owner = await setupOrg(app);
  ownerId = (await app.call(owner, 'auth.me', {}))!.id;
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  clientId = (await app.call(owner, 'clients.create', { kind: 'person', name: 'Rūta', phones: [], emails: [], addresses: [], contacts: [] })).client.id;
});
afterEach(async () => app.close());

const draft = (over: Record<string, unknown> = {}) => ({ branchId, clientId, priority: 'medium' as const, docDate: '2026-11-23', ...over });

describe('assistants, calendar, approvals and saved views', () => {
  it('distributes waiting interventions by priority and by what each person already has', () => {
    const plan = distribute(
      [
        { id: 'a', priority: 'low', docDate: '2026-11-01' },
        { id: 'b', priority: 'high', docDate: '2026-11-03' },
        { id: 'c', priority: 'high', docDate: '2026-11-02' },
        { id: 'd', priority: 'medium', docDate: '2026-11-01' },
      ],
      [
        { id: 'busy', load: 2 },
        { id: 'free', load: 0 },
      ],
    );
    expect(plan).toEqual([
      { id: 'c', personId: 'free' },
      { id: 'b', personId: 'free' },
      { id: 'd', personId: 'busy' },
      { id: 'a', personId: 'free' },
    ]);
  });

  it("hands each waiting document only to someone who sees its branch, and leaves it waiting when nobody does", () => {
    const plan = distribute(
      [
        { id: 'riga-1', priority: 'high', docDate: '2026-11-01', branchId: 'riga' },
        { id: 'riga-2', priority: 'high', docDate: '2026-11-02', branchId: 'riga' },
        { id: 'yerevan-1', priority: 'low', docDate: '2026-11-01', branchId: 'yerevan' },
        { id: 'vilnius-1', priority: 'low', docDate: '2026-11-01', branchId: 'vilnius' },
      ],
      [
        { id: 'yerevan.tech', load: 0, branchIds: ['yerevan'] },
        { id: 'riga.tech', load: 5, branchIds: ['riga'] },
        { id: 'owner', load: 9, branchIds: null },
      ],
    );
    expect(plan).toEqual([
      { id: 'riga-1', personId: 'riga.tech' },
      { id: 'riga-2', personId: 'riga.tech' },
      { id: 'vilnius-1', personId: 'owner' },
      { id: 'yerevan-1', personId: 'yerevan.tech' },
    ]);
    expect(distribute([{ id: 'vilnius-1', priority: 'low', docDate: '2026-11-01', branchId: 'vilnius' }], [{ id: 'riga.tech', load: 0, branchIds: ['riga'] }])).toEqual([]);
  });

  it('allocates many in one go and distributes the waiting through the dispatcher', async () => {
    const t1 = await userWithRole(app, owner, 'employee', 'tech.a');
    const t2 = await userWithRole(app, owner, 'employee', 'tech.b');
    const ids = [];
    for (const p of ['high', 'low', 'medium'] as const) ids.push((await app.call(owner, 'interventions.create', draft({ priority: p }))).id);
    const out = await app.call(owner, 'interventions.distribute', { personIds: [t1.id, t2.id] });
    expect(out.assignments.map((a) => a.personId)).toEqual([t1.id, t2.id, t1.id]);
    await app.call(owner, 'interventions.allocateMany', { ids, takenById: t2.id, responsibleId: ownerId, startAt: '2026-11-25T08:00:00Z', endAt: '2026-11-25T10:00:00Z' });
    const rows = await app.call(owner, 'interventions.list', { scope: { filters: { takenById: t2.id } }, offset: 0, limit: 10 });
    expect(rows.rows.map((r) => r.status)).toEqual(['allocated', 'allocated', 'allocated']);
    const events = await app.call(owner, 'interventions.calendar', { from: '2026-11-25T00:00:00Z', to: '2026-11-26T00:00:00Z' });
    expect(events).toHaveLength(3);
    const moved = await app.call(owner, 'interventions.reschedule', { id: events[0]!.id, version: events[0]!.version, startAt: '2026-11-26T08:00:00Z', endAt: '2026-11-26T07:00:00Z' }).catch((e: Error) => e.message);
    expect(String(moved)).toContain('errors.end_before_start');
  });

  it('sends cancel and finalize to a manager when approvals are on', async () => {
    const disp = await userWithRole(app, owner, 'dispatcher', 'disp.a');
    const settings = await app.call(owner, 'interventions.settings', {});
    await app.call(owner, 'interventions.setSettings', { ...settings, approvals: true });
    const c = await app.call(disp.token, 'interventions.create', draft());
    const pending = await app.call(disp.token, 'interventions.cancel', { id: c.id, version: c.version, reason: 'Duplicate call' });
    expect(pending).toMatchObject({ status: 'received', pendingApproval: 'cancel' });
    expect(await app.raw(disp.token, 'interventions.cancel', { id: c.id, version: c.version, reason: 'again' })).toMatchObject({ ok: false, error: { key: 'errors.approval_pending' } });
    const queue = await app.call(owner, 'interventions.approvals', {});
    expect(queue).toMatchObject([{ kind: 'cancel', reason: 'Duplicate call', requestedBy: 'Test dispatcher', client: 'Rūta' }]);
    expect(await app.raw(disp.token, 'interventions.approvals', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await app.call(owner, 'interventions.decide', { approvalId: queue[0]!.id, approve: true });
    expect(await app.call(owner, 'interventions.get', { id: c.id })).toMatchObject({ status: 'cancelled', cancelReason: 'Duplicate call', pendingApproval: null });
  });

  it('locks the module for changes when its session is locked', async () => {
    const settings = await app.call(owner, 'interventions.settings', {});
    await app.call(owner, 'interventions.setSettings', { ...settings, lockSession: true });
    expect(await app.raw(owner, 'interventions.create', draft())).toMatchObject({ ok: false, error: { key: 'errors.module_session_locked' } });
  });

  it('saves named views and shared reports, with favorites, per user', async () => {
    const emp = await userWithRole(app, owner, 'employee', 'emp.v');
    const mine = await app.call(emp.token, 'views.save', { module: 'interventions', kind: 'view', name: 'My open', shared: false, config: '{"filters":{}}' });
    const shared = await app.call(owner, 'views.save', { module: 'interventions', kind: 'report', name: 'By zone', shared: true, config: '{"groupBy":[{"field":"zone"}]}' });
    expect(await app.raw(emp.token, 'views.save', { module: 'interventions', kind: 'report', name: 'x', shared: true, config: '{}' })).toMatchObject({ ok: false });
    await app.call(emp.token, 'views.setFavorite', { id: mine.id, favorite: true });
    expect((await app.call(emp.token, 'views.list', { module: 'interventions' })).map((v) => [v.name, v.shared, v.favorite])).toEqual([
      ['By zone', true, false],
      ['My open', false, true],
    ]);
    expect((await app.call(owner, 'views.list', { module: 'interventions' })).map((v) => v.name)).toEqual(['By zone']);
    expect(await app.raw(owner, 'views.delete', { id: mine.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(shared.shared).toBe(true);
  });
});
