import { describe, expect, it } from 'vitest';
import { recordImported } from '../../../api/funnel';
import { withTestOrg } from '../../../testing/fixtures';
import { personInput, snapshotDb, userWithRole, type TestApp } from '../../../testing/harness';

let app: TestApp;
let owner: string;
withTestOrg('test', (o) => {
  ({ app, owner } = o);
});

describe("visit sources: an organization's editable list, kept with the other reference lists", () => {
  it('a dispatcher adds and renames sources; everyone reads them in name order', async () => {
    const dispatcher = await userWithRole(app, owner, 'dispatcher');
    const employee = await userWithRole(app, owner, 'employee');
    const sms = await app.call(dispatcher.token, 'nomenclature.create', { kind: 'visit_source', name: 'SMS akcija' });
    await app.call(dispatcher.token, 'nomenclature.create', { kind: 'visit_source', name: 'Google reklama' });
    await app.call(dispatcher.token, 'nomenclature.update', { id: sms.id, version: sms.version, name: 'SMS kampanija', active: true });
    expect((await app.call(employee.token, 'nomenclature.list', { kind: 'visit_source' })).map((r) => r.name)).toEqual(['Google reklama', 'SMS kampanija']);
    expect(await app.raw(dispatcher.token, 'nomenclature.create', { kind: 'visit_source', name: 'Rekomendacija', clientId: (await app.call(owner, 'clients.create', personInput('Ona'))).client.id })).toMatchObject({
      ok: false,
      error: { key: 'errors.nomenclature_client_not_allowed' },
    });
  });

  it('refuses to delete a source a visit carries, saying visits use it', async () => {
    const walkIn = await app.call(owner, 'nomenclature.create', { kind: 'visit_source', name: 'Walk-in' });
    const spare = await app.call(owner, 'nomenclature.create', { kind: 'visit_source', name: 'Radio' });
    const me = (await app.call(owner, 'auth.me', {}))!;
    const branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
    app.core.sqlite
      .prepare(
        `insert into visit (id, org_id, created_at, updated_at, version, branch_id, user_id, kind, starts_at, ends_at, status, source_id, currency)
         values ('00000000-0000-7000-8000-0000000000a1', ?, '2026-11-23T09:00:00.000Z', '2026-11-23T09:00:00.000Z', 1, ?, ?, 'visit', '2026-11-20T08:00:00.000Z', '2026-11-20T08:30:00.000Z', 'arrived', ?, 'EUR')`,
      )
      .run(me.orgId, branchId, me.id, walkIn.id);
    recordImported(app.core.sqlite, 'visit');
    const before = snapshotDb(app.core);
    expect(await app.raw(owner, 'nomenclature.delete', { id: walkIn.id })).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.visit_source_in_use', params: { count: 1 } } });
    expect(snapshotDb(app.core)).toBe(before);
    await app.call(owner, 'nomenclature.delete', { id: spare.id });
    expect((await app.call(owner, 'nomenclature.list', { kind: 'visit_source' })).map((r) => r.name)).toEqual(['Walk-in']);
  });
});
