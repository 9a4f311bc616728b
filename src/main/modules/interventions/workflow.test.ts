import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupOrg, snapshotDb, startTestApp, userWithRole, type TestApp } from '../../testing/harness';
import { uploaded } from '../../testing/uploads';


let app: TestApp;
let owner: string;
let branchId: string;
let clientId: string;
let tech: { token: string; id: string };
let ownerId: string;

beforeEach(async () => {
  app = await startTestApp();
  owner = await setupOrg(app);
  ownerId = (await app.call(owner, 'auth.me', {}))!.id;
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  await app.call(owner, 'series.create', { docType: 'intervention', branchId, prefix: 'INT-', padding: 5, nextNumber: 1 });
  const c = await app.call(owner, 'clients.create', {
    kind: 'company',
    name: 'SIA Ģertrūdes Serviss',
    fiscalCode: 'LV40003123456',
    phones: [{ number: '+37167111222' }],
    emails: [{ address: 'serviss@example.lv' }],
    addresses: [{ street: 'Ģertrūdes iela 10', locality: 'Rīga', country: 'LV' }],
    contacts: [],
  });
  clientId = c.client.id;
  tech = await userWithRole(app, owner, 'employee', 'tech.one');
});
afterEach(async () => app.close());

const draft = () => ({ branchId, clientId, priority: 'high' as const, docDate: '2026-11-23', notes: 'Boiler leaks' });

describe('intervention workflow', () => {
  it('derives status from the fields: received → allocated → confirmed → finalized, numbered at validation', async () => {
    const created = await app.call(owner, 'interventions.create', draft());
    expect(created).toMatchObject({ status: 'received', valid: false, number: null, clientInfo: expect.stringContaining('LV40003123456') });

    const allocated = await app.call(owner, 'interventions.update', {
      ...draft(),
      id: created.id,
      version: created.version,
      takenById: tech.id,
      responsibleId: ownerId,
      startAt: '2026-11-24T07:00:00Z',
      endAt: '2026-11-24T09:00:00Z',
    });
    expect(allocated.status).toBe('allocated');

    expect(await app.raw(owner, 'interventions.finalize', { id: created.id, version: allocated.version })).toMatchObject({ ok: false, error: { key: 'errors.intervention_not_confirmed' } });
    const confirmed = await app.call(tech.token, 'interventions.confirm', { id: created.id, version: allocated.version });
    expect(confirmed.status).toBe('confirmed');
    const valid = await app.call(owner, 'interventions.validate', { id: created.id, version: confirmed.version });
    expect(valid).toMatchObject({ valid: true, number: 'INT-00001', series: 'INT' });
    const done = await app.call(owner, 'interventions.finalize', { id: created.id, version: valid.version });
    expect(done.status).toBe('finalized');
    expect(await app.raw(owner, 'interventions.update', { ...draft(), id: created.id, version: done.version })).toMatchObject({ ok: false, error: { key: 'errors.intervention_finalized' } });

    for (const phone of ['67111222', '37167111222', '+371 6711']) {
      const byPhone = await app.call(owner, 'interventions.list', { scope: { filters: { search: phone } }, offset: 0, limit: 10 });
      expect(byPhone.rows.map((r) => r.id), phone).toEqual([created.id]);
    }
    const found = await app.call(owner, 'interventions.list', { scope: { filters: { search: 'INT-00001' } }, offset: 0, limit: 10 });
    expect(found.rows.map((r) => r.id)).toEqual([created.id]);
    expect(found.rows[0]).toMatchObject({ status: 'finalized', takenBy: 'Test employee', client: 'SIA Ģertrūdes Serviss', phone: '+37167111222', locality: 'Rīga' });
  });

  it('only the assignee (or an approver) confirms, and a new person or time needs a new confirmation', async () => {
    const other = await userWithRole(app, owner, 'employee', 'tech.two');
    const c = await app.call(owner, 'interventions.create', { ...draft(), takenById: tech.id, responsibleId: ownerId, startAt: '2026-11-24T07:00:00Z', endAt: '2026-11-24T08:00:00Z' });
    expect(c.status).toBe('allocated');
    expect(await app.raw(other.token, 'interventions.confirm', { id: c.id, version: c.version })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.not_assignee' } });
    const ok = await app.call(tech.token, 'interventions.confirm', { id: c.id, version: c.version });
    const moved = await app.call(owner, 'interventions.update', { ...draft(), id: c.id, version: ok.version, takenById: other.id, responsibleId: ownerId, startAt: '2026-11-24T07:00:00Z', endAt: '2026-11-24T08:00:00Z' });
    expect(moved.status).toBe('allocated');
  });

  it('refuses with a clear error and changes nothing: end before start, locked period, deleting a numbered document', async () => {
    const c = await app.call(owner, 'interventions.create', draft());
    const before = snapshotDb(app.core);
    expect(await app.raw(owner, 'interventions.update', { ...draft(), id: c.id, version: c.version, startAt: '2026-11-24T09:00:00Z', endAt: '2026-11-24T08:00:00Z' })).toMatchObject({
      ok: false,
      error: { code: 'validation', key: 'errors.end_before_start', field: 'endAt' },
    });
    expect(snapshotDb(app.core)).toBe(before);
    await app.call(owner, 'periods.lock', { month: '2026-10' });
    expect(await app.raw(owner, 'interventions.create', { ...draft(), docDate: '2026-10-30' })).toMatchObject({ ok: false, error: { code: 'locked_period', field: 'docDate' } });
    const v = await app.call(owner, 'interventions.validate', { id: c.id, version: c.version });
    expect(await app.raw(owner, 'interventions.delete', { id: c.id })).toMatchObject({ ok: false, error: { key: 'errors.intervention_valid_delete' } });
    const cancelled = await app.call(owner, 'interventions.cancel', { id: c.id, version: v.version, reason: 'Client solved it' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Client solved it', number: 'INT-00001' });
  });

  it('groups with counts, by status (in workflow order) then priority, and by week', async () => {
    await app.call(owner, 'interventions.create', draft());
    await app.call(owner, 'interventions.create', { ...draft(), priority: 'low' });
    await app.call(owner, 'interventions.create', { ...draft(), docDate: '2026-10-28', takenById: tech.id, responsibleId: ownerId, startAt: '2026-11-24T07:00:00Z', endAt: '2026-11-24T08:00:00Z' });
    const groupBy = [{ field: 'status' as const }, { field: 'priority' as const }];
    const top = await app.call(owner, 'interventions.groups', { scope: { filters: {}, groupBy } });
    expect(top).toEqual([
      { key: 'received', label: null, count: 2 },
      { key: 'allocated', label: null, count: 1 },
    ]);
    const sub = await app.call(owner, 'interventions.groups', { scope: { filters: {}, groupBy, groupPath: ['received'] } });
    expect(sub).toEqual([
      { key: 'low', label: null, count: 1 },
      { key: 'high', label: null, count: 1 },
    ]);
    const rows = await app.call(owner, 'interventions.list', { scope: { filters: {}, groupBy, groupPath: ['received', 'low'] }, offset: 0, limit: 50 });
    expect(rows.rows.map((r) => r.priority)).toEqual(['low']);
    const months = await app.call(owner, 'interventions.groups', { scope: { filters: {}, groupBy: [{ field: 'docDate', bucket: 'week' }] } });
    expect(months).toEqual([
      { key: '2026-10-26', label: null, count: 1 },
      { key: '2026-11-23', label: null, count: 2 },
    ]);
    expect((await app.call(owner, 'interventions.count', { scope: { filters: { priorities: ['high'] } } })).total).toBe(2);
  });

  it('keeps timeline lines with files stored under their SHA-256 name', async () => {
    const c = await app.call(owner, 'interventions.create', draft());
    const note = await app.call(owner, 'interventions.addNote', { id: c.id, style: 1, text: 'Photo of the boiler', registryRef: 'REG-12', attachment: { name: 'boiler.txt', uploadId: await uploaded(app, owner, 'hello') } });
    expect(note).toMatchObject({ person: 'Ilze Kalniņa', attachmentSize: 5, attachmentSha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', registryRef: 'REG-12' });
    const detail = await app.call(owner, 'interventions.get', { id: c.id });
    expect(detail.timeline.map((n) => n.text)).toEqual(['Photo of the boiler']);
  });
});
