import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordImported } from '../../api/funnel';
import { ROLES, can } from '../../../shared/permissions';
import { loadSessionUser } from '../../auth/sessions';
import { plan } from '../../testing/migrations';
import { setupOrg, snapshotDb, startTestApp, userWithRole, withCtx, type TestApp } from '../../testing/harness';
import { createOrg } from '../auth/setup';
import { createBranch, createUser } from '../organization/service';
import { clientObjectsQuery } from './clientObjects';

let app: TestApp;
let owner: string;
let branchId: string;
let clientId: string;
let otherClientId: string;
let boiler: string;
let pump: string;

const clientBase = { kind: 'company' as const, phones: [], emails: [], addresses: [], contacts: [] };

beforeEach(async () => {
  app = await startTestApp();
  owner = await setupOrg(app);
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  clientId = (await app.call(owner, 'clients.create', { ...clientBase, name: 'SIA Ģertrūdes Serviss' })).client.id;
  otherClientId = (await app.call(owner, 'clients.create', { ...clientBase, name: 'SIA Cits' })).client.id;
  boiler = (await app.call(owner, 'products.create', { code: 'BO-80', name: 'Boiler 80 l', isSystem: false })).id;
  pump = (await app.call(owner, 'products.create', { code: null, name: 'Siltumsūknis', isSystem: true })).id;
});
afterEach(async () => app.close());

async function intervention(docDate: string, objectProductId: string | null, objectSerial: string | null, over: { clientId?: string; branchId?: string } = {}) {
  return app.call(owner, 'interventions.create', { branchId, clientId, priority: 'medium', docDate, objectProductId, objectSerial, ...over });
}
const objects = (token: string, input: { clientId?: string; search?: string; excludeId?: string; limit?: number } = {}) =>
  app.call(token, 'interventions.clientObjects', { clientId, ...input });
const pairs = async (token: string, input: Parameters<typeof objects>[1] = {}) => (await objects(token, input)).map((o) => `${o.name}|${o.serial ?? ''}|${o.lastDate}`);

describe('interventions.clientObjects', () => {
  it('lists each product + serial the client had once, the most recently serviced first', async () => {
    await intervention('2026-01-10', boiler, 'SN-1');
    await intervention('2026-05-02', boiler, 'SN-1');
    await intervention('2026-03-15', boiler, 'SN-2');
    await intervention('2026-04-01', pump, null);
    await intervention('2026-02-01', pump, '');
    await intervention('2026-06-01', null, 'no product');
    await intervention('2026-07-01', boiler, 'OTHER', { clientId: otherClientId });

    const list = await objects(owner);
    expect(list.map((o) => `${o.name}|${o.serial ?? ''}|${o.lastDate}`)).toEqual(['Boiler 80 l|SN-1|2026-05-02', 'Siltumsūknis||2026-04-01', 'Boiler 80 l|SN-2|2026-03-15']);
    expect(list[0]).toEqual({ productId: boiler, code: 'BO-80', name: 'Boiler 80 l', isSystem: false, active: true, serial: 'SN-1', source: 'intervention', lastDate: '2026-05-02' });
    expect(list[1]).toMatchObject({ productId: pump, isSystem: true, serial: null });

    // Same day: the one entered last comes first.
    app.clock.advance(60_000);
    await intervention('2026-05-02', pump, 'P-9');
    expect((await pairs(owner)).slice(0, 2)).toEqual(['Siltumsūknis|P-9|2026-05-02', 'Boiler 80 l|SN-1|2026-05-02']);

    expect(await pairs(owner, { clientId: otherClientId })).toEqual(['Boiler 80 l|OTHER|2026-07-01']);
    expect(await pairs(owner, { limit: 1 })).toEqual(['Siltumsūknis|P-9|2026-05-02']);
  });

  it('finds by product name (diacritics folded), code or serial, and leaves out the document being edited', async () => {
    await intervention('2026-01-10', boiler, 'SN-100');
    await intervention('2026-02-10', pump, 'X-7');
    const editing = await intervention('2026-03-10', boiler, 'SN-200');
    expect(await pairs(owner, { search: 'siltumsu' })).toEqual(['Siltumsūknis|X-7|2026-02-10']);
    expect(await pairs(owner, { search: 'bo-8' })).toEqual(['Boiler 80 l|SN-200|2026-03-10', 'Boiler 80 l|SN-100|2026-01-10']);
    expect(await pairs(owner, { search: 'sn-1' })).toEqual(['Boiler 80 l|SN-100|2026-01-10']);
    expect(await pairs(owner, { search: '%' })).toEqual([]);
    expect(await pairs(owner, { excludeId: editing.id })).toEqual(['Siltumsūknis|X-7|2026-02-10', 'Boiler 80 l|SN-100|2026-01-10']);
  });

  it('leaves out deleted interventions and deleted products; an inactive product stays, marked', async () => {
    const gone = await intervention('2026-05-01', boiler, 'SN-DEL');
    await intervention('2026-04-01', boiler, 'SN-KEEP');
    await intervention('2026-03-01', pump, 'P-1');
    await app.call(owner, 'interventions.delete', { id: gone.id });
    expect(await pairs(owner)).toEqual(['Boiler 80 l|SN-KEEP|2026-04-01', 'Siltumsūknis|P-1|2026-03-01']);

    const p = (await app.call(owner, 'products.list', { include: [pump] })).rows.find((r) => r.id === pump)!;
    await app.call(owner, 'products.update', { id: pump, version: p.version, code: null, name: p.name, isSystem: true, active: false });
    expect((await objects(owner)).find((o) => o.productId === pump)).toMatchObject({ active: false });
    app.core.sqlite.prepare(`update product set deleted_at = '2026-11-23T09:00:00.000Z' where id = ?`).run(pump);
    expect(await pairs(owner)).toEqual(['Boiler 80 l|SN-KEEP|2026-04-01']);
  });

  it("shows only the caller's branches (unless they see all) and never another organization's documents", async () => {
    // Both in the first branch (Rīga), made before Liepāja exists.
    const dispatcher = await userWithRole(app, owner, 'dispatcher');
    const admin = await userWithRole(app, owner, 'admin');
    const riga = await intervention('2026-02-01', boiler, 'RIGA');
    const liepaja = await app.call(owner, 'branches.create', { name: 'Liepāja', timeZone: 'Europe/Riga' });
    await intervention('2026-03-01', pump, 'LIEPAJA', { branchId: liepaja.id });

    expect(await pairs(dispatcher.token)).toEqual(['Boiler 80 l|RIGA|2026-02-01']);
    expect(await pairs(admin.token)).toEqual(['Siltumsūknis|LIEPAJA|2026-03-01', 'Boiler 80 l|RIGA|2026-02-01']);

    // A row of another organization naming our client and product (it cannot be made through the API) stays unseen,
    // and that organization sees nothing of ours.
    await withCtx(app, null, async (ctx) => {
      const orgId = await createOrg(ctx, { name: 'Other Org', country: 'RO', timeZone: 'Europe/Bucharest', languages: ['ro'] });
      const b = await createBranch(ctx, { name: 'București', timeZone: 'Europe/Bucharest' }, { orgId });
      await createUser(ctx, { login: 'other.owner', password: 'password-123', name: 'Other Owner', role: 'owner', language: 'ro', branchIds: [b.id] }, { orgId });
      app.core.sqlite
        .prepare(
          `insert into intervention select '00000000-0000-7000-8000-000000000001', ?, ?, series_id, number, '2026-09-09', client_id, contact_id, priority, confirmed_real, type_id, object_product_id, 'FOREIGN', responsible_id, taken_by_id, start_at, end_at, start_local, end_local, status, assignee_confirmed_at, finalized_at, valid, validated_at, cancelled_at, cancel_reason, notes, contract_id, estimate_id, vehicle_id, classification_id, classification2_id, classification3_id, zone_id, client_name, client_name_key, client_fiscal_code, client_phone, client_email, address, address_key, locality, county, country, created_at, updated_at, deleted_at, version, allocated_at, provisional_number from intervention where id = ?`,
        )
        .run(orgId, b.id, riga.id);
      recordImported(app.core.sqlite, 'intervention');
    });
    expect(await pairs(owner)).toEqual(['Siltumsūknis|LIEPAJA|2026-03-01', 'Boiler 80 l|RIGA|2026-02-01']);
    const other = await app.login('other.owner', 'password-123');
    expect(await pairs(other)).toEqual([]);
  });

  it('is a read every role may make, refused without a session, and changes nothing', async () => {
    await intervention('2026-02-01', boiler, 'SN-1');
    for (const role of ROLES) {
      // The matrix grants every role the read (the contract-wide test proves the dispatcher enforces it either way).
      expect(can(role, 'interventions', 'read'), role).toBe(true);
      const token = role === 'owner' ? owner : (await userWithRole(app, owner, role)).token;
      const before = snapshotDb(app.core);
      expect(await pairs(token), role).toEqual(['Boiler 80 l|SN-1|2026-02-01']);
      expect(snapshotDb(app.core)).toBe(before);
    }
    expect(await app.raw(null, 'interventions.clientObjects', { clientId })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await app.raw(owner, 'interventions.clientObjects', { clientId: 'nope' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'clientId' } });
  });

  it("reads one client's documents through the intervention_client index", async () => {
    // A realistic spread for the planner's statistics: 500 products, 3,000 documents of 300 clients, some on objects.
    const template = await intervention('2026-01-01', boiler, 'S0');
    const copy = app.core.sqlite.prepare(
      `insert into intervention (id, org_id, branch_id, doc_date, client_id, priority, status, object_product_id, object_serial, client_name, client_name_key, created_at, updated_at, version)
       select ?, org_id, branch_id, ?, ?, priority, status, ?, ?, client_name, client_name_key, created_at, updated_at, 1 from intervention where id = ?`,
    );
    const product = app.core.sqlite.prepare(
      `insert into product (id, org_id, code, name, name_key, is_system, active, created_at, updated_at, version) select ?, org_id, null, ?, ?, 0, 1, created_at, updated_at, 1 from product where id = ?`,
    );
    app.core.sqlite.transaction(() => {
      for (let i = 0; i < 500; i++) product.run(`00000000-0000-7000-a000-${String(i).padStart(12, '0')}`, `Produkts ${i}`, `produkts ${i}`, boiler);
      for (let i = 0; i < 3000; i++) {
        const client = i % 300 === 0 ? clientId : `00000000-0000-7000-8000-${String(i % 300).padStart(12, '0')}`;
        const id = `00000000-0000-7000-9000-${String(i).padStart(12, '0')}`;
        copy.run(id, `2026-${String(1 + (i % 12)).padStart(2, '0')}-01`, client, i % 4 ? (i % 2 ? boiler : pump) : null, `S${i % 7}`, template.id);
      }
      recordImported(app.core.sqlite, 'product');
      recordImported(app.core.sqlite, 'intervention');
    })();
    app.core.sqlite.exec('analyze');
    const me = await withCtx(app, null, async (ctx) => {
      const row = app.core.sqlite.prepare(`select id from app_user where login = 'owner'`).get() as { id: string };
      return loadSessionUser(ctx.db, row.id);
    });
    const dispatcher = { ...me!, role: 'dispatcher' as const, branchIds: [branchId] };
    for (const user of [me!, dispatcher]) {
      for (const search of [undefined, 'boi']) {
        const q = clientObjectsQuery(app.core.db, user, { clientId, search, excludeId: template.id, limit: 30 }).compile();
        const detail = plan(app.core.sqlite, q.sql, ...q.parameters);
        expect(detail, `${user.role} ${search}`).toMatch(/SEARCH i USING INDEX intervention_client \(org_id=\? AND client_id=\?\)/);
        expect(detail).not.toMatch(/SCAN (i|intervention)\b/);
        expect(detail).toMatch(/SEARCH p USING INDEX sqlite_autoindex_product_1 \(id=\?\)/);
        expect(detail).not.toMatch(/SCAN (p|product)\b/);
      }
    }
    expect((await objects(owner)).map((o) => o.serial)).toEqual(expect.arrayContaining(['S0']));
  });
});
