import { describe, expect, it } from 'vitest';
import type { PushEvent } from '../../api/events';
import { ROLES, can } from '../../../shared/permissions';
import { snapshotDb, userWithRole, withCtx, type TestApp } from '../../testing/harness';
import { withTestOrg } from '../../testing/fixtures';
import { createOrg } from '../auth/setup';
import { createBranch, createUser } from '../organization/service';

let app: TestApp;
let owner: string;
let branchId: string;
let events: PushEvent[];

withTestOrg('test', async (org) => {
  ({ app, owner } = org);
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  events = [];
  app.core.bus.on((e) => events.push(e));
});

const clientBase = { kind: 'company' as const, phones: [], emails: [], addresses: [], contacts: [] };
async function newClient(name: string): Promise<string> {
  return (await app.call(owner, 'clients.create', { ...clientBase, name })).client.id;
}
const names = async (input: Parameters<typeof listOf>[0]) => (await listOf(input)).map((r) => r.name);
const listOf = (input: { kind: 'zone' | 'intervention_type' | 'contract' | 'estimate' | 'vehicle'; search?: string; includeInactive?: boolean; clientId?: string; include?: string[] }) =>
  app.call(owner, 'nomenclature.list', input);
const auditRows = (entityId: string) =>
  app.core.sqlite.prepare('select module, entity, action, summary from audit_log where entity_id = ? order by at, rowid').all(entityId) as { module: string; entity: string; action: string; summary: string }[];

describe('nomenclature', () => {
  it('creates, lists by kind in name order, updates with a version, and audits every write', async () => {
    const north = await app.call(owner, 'nomenclature.create', { kind: 'zone', code: 'Z02', name: 'Zona Nord' });
    await app.call(owner, 'nomenclature.create', { kind: 'zone', code: 'Z01', name: 'Zona Centru' });
    await app.call(owner, 'nomenclature.create', { kind: 'intervention_type', name: 'Reparație' });
    expect(north).toMatchObject({ kind: 'zone', code: 'Z02', name: 'Zona Nord', clientId: null, clientName: null, active: true, version: 1 });
    expect(await names({ kind: 'zone' })).toEqual(['Zona Centru', 'Zona Nord']);
    expect(await names({ kind: 'intervention_type' })).toEqual(['Reparație']);

    const renamed = await app.call(owner, 'nomenclature.update', { id: north.id, version: 1, code: ' ', name: 'Zona Nord-Est', active: true });
    expect(renamed).toMatchObject({ code: null, name: 'Zona Nord-Est', version: 2 });
    expect(await app.raw(owner, 'nomenclature.update', { id: north.id, version: 1, name: 'Lost update', active: true })).toMatchObject({
      ok: false,
      error: { code: 'conflict', key: 'errors.stale' },
    });

    expect(auditRows(north.id)).toEqual([
      { module: 'interventions', entity: 'nomenclature', action: 'create', summary: 'Z02 Zona Nord' },
      { module: 'interventions', entity: 'nomenclature', action: 'update', summary: 'Zona Nord-Est' },
    ]);
    expect(events.filter((e) => e.name === 'nomenclature.changed').map((e) => e.payload)).toContainEqual({ kind: 'zone', ids: [north.id] });
  });

  it('finds by name prefix or word prefix without diacritics, and by code prefix', async () => {
    await app.call(owner, 'nomenclature.create', { kind: 'intervention_type', code: 'REP', name: 'Reparație centrală termică' });
    await app.call(owner, 'nomenclature.create', { kind: 'intervention_type', code: 'MON', name: 'Montaj' });
    await app.call(owner, 'nomenclature.create', { kind: 'intervention_type', code: 'R-100%', name: 'Revizie' });
    expect(await names({ kind: 'intervention_type', search: 'repa' })).toEqual(['Reparație centrală termică']);
    expect(await names({ kind: 'intervention_type', search: 'centrala' })).toEqual(['Reparație centrală termică']);
    expect(await names({ kind: 'intervention_type', search: 'mo' })).toEqual(['Montaj']);
    expect(await names({ kind: 'intervention_type', search: 'r-100%' })).toEqual(['Revizie']);
    // LIKE wildcards typed by a user are plain characters.
    expect(await names({ kind: 'intervention_type', search: '%' })).toEqual([]);
    expect(await names({ kind: 'intervention_type', search: '_' })).toEqual([]);
    expect(await names({ kind: 'intervention_type', search: 'r' })).toEqual(['Reparație centrală termică', 'Revizie']);
    expect(await names({ kind: 'zone', search: 'repa' })).toEqual([]);
  });

  it('keeps codes unique per kind (case aside) and says so on the code field', async () => {
    const a = await app.call(owner, 'nomenclature.create', { kind: 'zone', code: 'Z01', name: 'Centru' });
    const before = snapshotDb(app.core);
    expect(await app.raw(owner, 'nomenclature.create', { kind: 'zone', code: 'z01', name: 'Other' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', key: 'errors.nomenclature_code_taken', field: 'code', params: { code: 'z01' } },
    });
    expect(snapshotDb(app.core)).toBe(before);
    // The same code in another kind, and items without a code, are fine.
    await app.call(owner, 'nomenclature.create', { kind: 'vehicle', code: 'Z01', name: 'Dacia Logan B-01-XYZ' });
    const b = await app.call(owner, 'nomenclature.create', { kind: 'zone', name: 'Sud' });
    await app.call(owner, 'nomenclature.create', { kind: 'zone', name: 'Vest' });
    expect(await app.raw(owner, 'nomenclature.update', { id: b.id, version: b.version, code: 'Z01', name: 'Sud', active: true })).toMatchObject({
      ok: false,
      error: { key: 'errors.nomenclature_code_taken', field: 'code' },
    });
    // An item keeps its own code when saved again; a deleted item frees its code.
    await app.call(owner, 'nomenclature.update', { id: a.id, version: a.version, code: 'Z01', name: 'Centru vechi', active: true });
    await app.call(owner, 'nomenclature.delete', { id: a.id });
    expect((await app.call(owner, 'nomenclature.create', { kind: 'zone', code: 'Z01', name: 'Centru nou' })).code).toBe('Z01');
  });

  it('binds contracts and estimates to a client, filters by client, and refuses a client on other kinds', async () => {
    const acme = await newClient('SC Acme SRL');
    const beta = await newClient('Beta Serv SRL');
    expect(await app.raw(owner, 'nomenclature.create', { kind: 'contract', code: 'C-1', name: 'Contract mentenanță' })).toMatchObject({
      ok: false,
      error: { code: 'validation', key: 'errors.nomenclature_client_required', field: 'clientId' },
    });
    expect(await app.raw(owner, 'nomenclature.create', { kind: 'zone', name: 'Nord', clientId: acme })).toMatchObject({
      ok: false,
      error: { key: 'errors.nomenclature_client_not_allowed', field: 'clientId' },
    });
    expect(await app.raw(owner, 'nomenclature.create', { kind: 'contract', name: 'Ghost', clientId: '01900000-0000-7000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', key: 'errors.client_not_found', field: 'clientId' },
    });
    const c1 = await app.call(owner, 'nomenclature.create', { kind: 'contract', code: 'C-1', name: 'Contract mentenanță', clientId: acme });
    await app.call(owner, 'nomenclature.create', { kind: 'contract', code: 'C-2', name: 'Contract service', clientId: beta });
    await app.call(owner, 'nomenclature.create', { kind: 'estimate', code: 'D-1', name: 'Deviz centrală', clientId: acme });
    expect(c1).toMatchObject({ clientId: acme, clientName: 'SC Acme SRL' });
    expect(await names({ kind: 'contract', clientId: acme })).toEqual(['Contract mentenanță']);
    expect(await names({ kind: 'contract', clientId: beta })).toEqual(['Contract service']);
    expect(await names({ kind: 'contract' })).toEqual(['Contract mentenanță', 'Contract service']);
    expect(await names({ kind: 'estimate', clientId: beta })).toEqual([]);
    // Codes are unique per kind across clients.
    expect(await app.raw(owner, 'nomenclature.create', { kind: 'contract', code: 'c-1', name: 'Dup', clientId: beta })).toMatchObject({ ok: false, error: { key: 'errors.nomenclature_code_taken' } });
    // The client can change while no intervention uses the contract.
    const moved = await app.call(owner, 'nomenclature.update', { id: c1.id, version: c1.version, code: 'C-1', name: 'Contract mentenanță', active: true, clientId: beta });
    expect(moved).toMatchObject({ clientId: beta, clientName: 'Beta Serv SRL' });
    expect(await app.raw(owner, 'nomenclature.update', { id: c1.id, version: moved.version, name: 'x', active: true, clientId: null })).toMatchObject({
      ok: false,
      error: { key: 'errors.nomenclature_client_required', field: 'clientId' },
    });
  });

  it('hides inactive items unless asked, but always returns the ones a select already holds', async () => {
    const old = await app.call(owner, 'nomenclature.create', { kind: 'vehicle', code: 'B-01', name: 'Dacia Logan' });
    await app.call(owner, 'nomenclature.create', { kind: 'vehicle', code: 'B-02', name: 'Ford Transit' });
    await app.call(owner, 'nomenclature.update', { id: old.id, version: old.version, code: 'B-01', name: 'Dacia Logan', active: false });
    expect(await names({ kind: 'vehicle' })).toEqual(['Ford Transit']);
    expect(await names({ kind: 'vehicle', includeInactive: true })).toEqual(['Dacia Logan', 'Ford Transit']);
    expect(await names({ kind: 'vehicle', search: 'ford', include: [old.id] })).toEqual(['Dacia Logan', 'Ford Transit']);
    expect((await listOf({ kind: 'vehicle', includeInactive: true }))[0]).toMatchObject({ active: false, version: 2 });
  });

  it('refuses to delete an item a live intervention uses, then deletes it with a tombstone once that intervention is gone', async () => {
    const clientId = await newClient('SC Acme SRL');
    const zone = await app.call(owner, 'nomenclature.create', { kind: 'zone', code: 'Z01', name: 'Centru' });
    const type = await app.call(owner, 'nomenclature.create', { kind: 'intervention_type', name: 'Reparație' });
    const contract = await app.call(owner, 'nomenclature.create', { kind: 'contract', code: 'C-1', name: 'Contract', clientId });
    const unused = await app.call(owner, 'nomenclature.create', { kind: 'zone', code: 'Z02', name: 'Nord' });
    const product = await app.call(owner, 'products.create', { code: 'CT-24', name: 'Centrală termică 24 kW', isSystem: false });
    const doc = await app.call(owner, 'interventions.create', {
      branchId,
      clientId,
      priority: 'medium',
      docDate: '2026-11-23',
      zoneId: zone.id,
      typeId: type.id,
      contractId: contract.id,
      objectProductId: product.id,
    });

    const before = snapshotDb(app.core);
    for (const id of [zone.id, type.id, contract.id]) {
      expect(await app.raw(owner, 'nomenclature.delete', { id })).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.nomenclature_in_use', field: 'id', params: { count: 1 } } });
    }
    expect(await app.raw(owner, 'products.delete', { id: product.id })).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.product_in_use', params: { count: 1 } } });
    // The contract's interventions belong to its client: it cannot move to another client.
    const other = await newClient('Beta Serv SRL');
    const snapshotWithOther = snapshotDb(app.core);
    expect(await app.raw(owner, 'nomenclature.update', { id: contract.id, version: contract.version, code: 'C-1', name: 'Contract', active: true, clientId: other })).toMatchObject({
      ok: false,
      error: { code: 'conflict', key: 'errors.nomenclature_client_in_use', field: 'clientId' },
    });
    expect(snapshotDb(app.core)).toBe(snapshotWithOther);
    expect(before).not.toBe(snapshotWithOther);

    // Making it inactive is how an item in use is retired.
    expect(await app.call(owner, 'nomenclature.update', { id: zone.id, version: zone.version, code: 'Z01', name: 'Centru', active: false })).toMatchObject({ active: false });

    await app.call(owner, 'nomenclature.delete', { id: unused.id });
    expect(await names({ kind: 'zone', includeInactive: true })).toEqual(['Centru']);
    expect(app.core.sqlite.prepare('select deleted_at is not null as gone, version from nomenclature where id = ?').get(unused.id)).toEqual({ gone: 1, version: 2 });
    expect(await app.raw(owner, 'nomenclature.delete', { id: unused.id })).toMatchObject({ ok: false, error: { code: 'not_found', key: 'errors.nomenclature_not_found' } });
    expect(auditRows(unused.id).map((r) => r.action)).toEqual(['create', 'delete']);

    await app.call(owner, 'interventions.delete', { id: doc.id });
    await app.call(owner, 'nomenclature.delete', { id: zone.id });
    await app.call(owner, 'nomenclature.delete', { id: contract.id });
    await app.call(owner, 'products.delete', { id: product.id });
    expect((await app.call(owner, 'products.list', { includeInactive: true })).total).toBe(0);
  });

  it('products: pages in name order, searches, keeps codes unique, hides inactive ones', async () => {
    for (const [code, name, isSystem] of [
      ['CT-24', 'Centrală termică 24 kW', false],
      ['AC-12', 'Aer condiționat 12000 BTU', false],
      ['SYS-1', 'Sistem de încălzire', true],
      [null, 'Boiler 80 l', false],
    ] as const) {
      await app.call(owner, 'products.create', { code, name, isSystem });
    }
    const page = await app.call(owner, 'products.list', { limit: 2, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.name)).toEqual(['Boiler 80 l', 'Centrală termică 24 kW']);
    expect((await app.call(owner, 'products.list', { search: 'incalz' })).rows).toMatchObject([{ code: 'SYS-1', isSystem: true }]);
    expect((await app.call(owner, 'products.list', { search: 'ct-' })).rows.map((r) => r.code)).toEqual(['CT-24']);
    expect(await app.raw(owner, 'products.create', { code: 'ct-24', name: 'Copy', isSystem: false })).toMatchObject({
      ok: false,
      error: { code: 'conflict', key: 'errors.product_code_taken', field: 'code' },
    });
    const boiler = (await app.call(owner, 'products.list', { search: 'boiler' })).rows[0]!;
    const updated = await app.call(owner, 'products.update', { id: boiler.id, version: boiler.version, code: 'BO-80', name: 'Boiler 80 l', isSystem: false, active: false });
    expect(updated).toMatchObject({ code: 'BO-80', active: false, version: 2 });
    expect((await app.call(owner, 'products.list', {})).total).toBe(3);
    expect((await app.call(owner, 'products.list', { includeInactive: true })).total).toBe(4);
    expect((await app.call(owner, 'products.list', { search: 'zzz', include: [boiler.id] })).rows.map((r) => r.name)).toEqual(['Boiler 80 l']);
    expect(await app.raw(owner, 'products.update', { id: boiler.id, version: 1, name: 'Lost', isSystem: false, active: true })).toMatchObject({ ok: false, error: { key: 'errors.stale' } });
    expect(auditRows(boiler.id)).toEqual([
      { module: 'interventions', entity: 'product', action: 'create', summary: 'Boiler 80 l' },
      { module: 'interventions', entity: 'product', action: 'update', summary: 'BO-80 Boiler 80 l' },
    ]);
    expect(events.some((e) => e.name === 'nomenclature.changed' && (e.payload as { kind: string }).kind === 'product')).toBe(true);
  });

  it('keeps each organization to its own lists: codes, reads, writes and client bindings', async () => {
    const zone = await app.call(owner, 'nomenclature.create', { kind: 'zone', code: 'Z01', name: 'Centru' });
    const product = await app.call(owner, 'products.create', { code: 'CT-24', name: 'Centrală', isSystem: false });
    const ourClient = await newClient('SC Acme SRL');
    await withCtx(app, null, async (ctx) => {
      const orgId = await createOrg(ctx, { name: 'Other Org', country: 'RO', timeZone: 'Europe/Bucharest', languages: ['ro'] });
      const b = await createBranch(ctx, { name: 'București', timeZone: 'Europe/Bucharest' }, { orgId });
      await createUser(ctx, { login: 'other.owner', password: 'password-123', name: 'Other Owner', role: 'owner', language: 'ro', branchIds: [b.id] }, { orgId });
    });
    const other = await app.login('other.owner', 'password-123');
    expect(await app.call(other, 'nomenclature.list', { kind: 'zone', includeInactive: true, include: [zone.id] })).toEqual([]);
    expect((await app.call(other, 'products.list', { include: [product.id] })).total).toBe(0);
    const before = snapshotDb(app.core);
    expect(await app.raw(other, 'nomenclature.update', { id: zone.id, version: 1, name: 'Hijacked', active: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await app.raw(other, 'nomenclature.delete', { id: zone.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await app.raw(other, 'products.delete', { id: product.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await app.raw(other, 'nomenclature.create', { kind: 'contract', name: 'Theirs', clientId: ourClient })).toMatchObject({ ok: false, error: { key: 'errors.client_not_found' } });
    expect(snapshotDb(app.core)).toBe(before);
    // Codes are unique within an organization, not across them.
    expect((await app.call(other, 'nomenclature.create', { kind: 'zone', code: 'Z01', name: 'Centru' })).code).toBe('Z01');
  });

  it('follows the permission matrix for every role: write to add and edit, delete to delete', async () => {
    const zone = await app.call(owner, 'nomenclature.create', { kind: 'zone', code: 'Z00', name: 'Centru' });
    for (const role of ROLES.filter((r) => r !== 'owner')) {
      const { token } = await userWithRole(app, owner, role);
      expect((await app.call(token, 'nomenclature.list', { kind: 'zone', search: 'centru' })).map((r) => r.name), role).toEqual(['Centru']);
      const before = snapshotDb(app.core);
      const made = await app.raw(token, 'nomenclature.create', { kind: 'zone', name: `Zona ${role}` });
      const product = await app.raw(token, 'products.create', { name: `Produs ${role}`, isSystem: false });
      if (can(role, 'nomenclature', 'write')) {
        expect(made.ok && product.ok, role).toBe(true);
      } else {
        expect(made, role).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.forbidden' } });
        expect(product, role).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        expect(snapshotDb(app.core)).toBe(before);
      }
      const target = made.ok ? made.data.id : zone.id;
      const afterWrites = snapshotDb(app.core);
      const removed = await app.raw(token, 'nomenclature.delete', { id: target });
      if (can(role, 'nomenclature', 'delete')) {
        expect(removed, role).toEqual({ ok: true, data: { ok: true } });
      } else {
        expect(removed, role).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.forbidden' } });
        expect(snapshotDb(app.core)).toBe(afterWrites);
      }
    }
    // The matrix has roles on both sides of the write and delete rights, so both branches above ran.
    expect(ROLES.some((r) => !can(r, 'nomenclature', 'delete'))).toBe(true);
    expect(ROLES.some((r) => !can(r, 'nomenclature', 'write'))).toBe(true);
    expect(await app.raw(null, 'nomenclature.list', { kind: 'zone' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
