import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OWNER, setupOrg, snapshotDb, startTestApp, type TestApp } from '../../testing/harness';

let app: TestApp;
let owner: string;
let branchId: string;
let clientId: string;

async function start(over: Parameters<typeof startTestApp>[0] = {}) {
  app = await startTestApp(over);
  owner = await setupOrg(app);
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  clientId = (await app.call(owner, 'clients.create', { kind: 'person', name: 'Jānis Bērziņš', phones: [], emails: [], addresses: [], contacts: [] })).client.id;
}
afterEach(async () => {
  await app.close();
  fs.rmSync(app.dir, { recursive: true, force: true });
});

const draft = (docDate: string) => ({ branchId, clientId, priority: 'low' as const, docDate });

describe('document dates stay within 2000-01-01 … today + 10 years (the clock says 2026-11-23)', () => {
  beforeEach(() => start());

  it('refuses 1900-01-01 and 2999-12-31 with the window in the message, and changes nothing', async () => {
    const before = snapshotDb(app.core);
    for (const docDate of ['1900-01-01', '1999-12-31', '2036-11-24', '2999-12-31']) {
      const r = await app.raw(owner, 'interventions.create', draft(docDate));
      expect(r, docDate).toEqual({ ok: false, error: { code: 'validation', key: 'errors.date_out_of_range', field: 'docDate', params: { min: '2000-01-01', max: '2036-11-23' } } });
    }
    expect(snapshotDb(app.core)).toBe(before);
  });

  it('takes both ends of the window, and moves with the clock', async () => {
    expect(await app.raw(owner, 'interventions.create', draft('2000-01-01'))).toMatchObject({ ok: true });
    expect((await app.raw(owner, 'interventions.create', draft('2036-11-23'))).ok).toBe(true);
    app.clock.set('2027-01-01T09:00:00Z');
    owner = await app.login(OWNER.login, OWNER.password);
    expect((await app.raw(owner, 'interventions.create', draft('2036-11-24'))).ok).toBe(true);
  });

  it('refuses a visit time far off, on create, update and reschedule', async () => {
    const far = { startAt: '2999-12-31T08:00:00.000Z', endAt: '2999-12-31T10:00:00.000Z' };
    const created = await app.raw(owner, 'interventions.create', { ...draft('2026-11-23'), ...far });
    expect(created.ok ? null : created.error).toMatchObject({ key: 'errors.date_out_of_range', field: 'startAt' });
    const doc = await app.call(owner, 'interventions.create', draft('2026-11-23'));
    const before = snapshotDb(app.core);
    const updated = await app.raw(owner, 'interventions.update', { ...draft('2999-12-31'), id: doc.id, version: doc.version });
    expect(updated.ok ? null : updated.error).toMatchObject({ key: 'errors.date_out_of_range', field: 'docDate' });
    const moved = await app.raw(owner, 'interventions.reschedule', { id: doc.id, version: doc.version, ...far });
    expect(moved.ok ? null : moved.error).toMatchObject({ key: 'errors.date_out_of_range', field: 'startAt' });
    expect(snapshotDb(app.core)).toBe(before);
  });

  it('keeps an old document editable: only a date it newly takes is checked', async () => {
    const doc = await app.call(owner, 'interventions.create', draft('2001-05-01'));
    app.clock.set('2040-01-01T09:00:00Z');
    owner = await app.login(OWNER.login, OWNER.password);
    const r = await app.raw(owner, 'interventions.update', { ...draft('2001-05-01'), id: doc.id, version: doc.version, notes: 'Archive copy' });
    expect(r).toMatchObject({ ok: true });
  });
});

describe('the window is configurable', () => {
  beforeEach(() => start({ documentDates: { earliest: '1990-01-01', yearsAhead: 1 } }));

  it('takes the configured bounds', async () => {
    expect((await app.raw(owner, 'interventions.create', draft('1995-03-03'))).ok).toBe(true);
    const r = await app.raw(owner, 'interventions.create', draft('2028-01-01'));
    expect(r.ok ? null : r.error).toMatchObject({ key: 'errors.date_out_of_range', params: { min: '1990-01-01', max: '2027-11-23' } });
  });
});
