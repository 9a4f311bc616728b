import { describe, expect, it } from 'vitest';
import { snapshotDb, type TestApp } from '../../testing/harness';
import { withTestOrg } from '../../testing/fixtures';

let app: TestApp;
let owner: string;
withTestOrg('test', (org) => ({ app, owner } = org));

const base = { kind: 'person' as const, phones: [], emails: [], addresses: [], contacts: [] };

describe('clients', () => {
  it('refuses a bad phone, naming the field, and saves nothing', async () => {
    const before = snapshotDb(app.core);
    const r = await app.raw(owner, 'clients.create', { ...base, name: 'Jānis Bērziņš', phones: [{ number: '+37129123456' }, { number: '12ab' }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', key: 'errors.phone_invalid', field: 'phones.1.number' } });
    expect(snapshotDb(app.core)).toBe(before);
  });

  it('stores phones in E.164 read against the organization country and finds clients by trailing digits', async () => {
    const { client } = await app.call(owner, 'clients.create', { ...base, name: 'Jānis Bērziņš', phones: [{ number: '29 123 456', label: 'mobile' }] });
    expect(client.phones).toEqual([{ number: '+37129123456', label: 'mobile' }]);
    await app.call(owner, 'clients.create', { ...base, name: 'Other Person', phones: [{ number: '+37126000000' }] });
    for (const q of ['123456', '29123456', '+371 29123456']) {
      const found = await app.call(owner, 'clients.list', { search: q });
      expect(found.rows.map((r) => r.name), q).toEqual(['Jānis Bērziņš']);
    }
  });

  it('finds by any word of the name, typed without diacritics, and by fiscal code prefix', async () => {
    await app.call(owner, 'clients.create', { ...base, name: 'Jānis Bērziņš' });
    await app.call(owner, 'clients.create', { ...base, kind: 'company', name: 'SIA Ģertrūdes Serviss', fiscalCode: 'lv40003123456' });
    await app.call(owner, 'clients.create', { ...base, name: 'Ольга Смирнова' });
    const names = async (search: string) => (await app.call(owner, 'clients.list', { search })).rows.map((r) => r.name);
    expect(await names('berz')).toEqual(['Jānis Bērziņš']);
    expect(await names('jan berz')).toEqual(['Jānis Bērziņš']);
    expect(await names('gertr')).toEqual(['SIA Ģertrūdes Serviss']);
    expect(await names('LV40003')).toEqual(['SIA Ģertrūdes Serviss']);
    expect(await names('смир')).toEqual(['Ольга Смирнова']);
    expect(await names('"; drop table client; --')).toEqual([]);
    expect((await app.call(owner, 'clients.list', {})).total).toBe(3);
  });

  it('warns when a phone, e-mail or fiscal code already belongs to another client', async () => {
    const first = await app.call(owner, 'clients.create', { ...base, name: 'Anna', phones: [{ number: '+37129111111' }], emails: [{ address: 'anna@example.lv' }], fiscalCode: '010101-12345' });
    expect(first.duplicates).toEqual([]);
    const dupes = await app.call(owner, 'clients.checkDuplicates', { phones: ['29111111'], emails: ['ANNA@example.lv'], fiscalCode: '010101-12345' });
    expect(dupes.map((d) => [d.kind, d.clientName])).toEqual([
      ['phone', 'Anna'],
      ['email', 'Anna'],
      ['fiscalCode', 'Anna'],
    ]);
    const second = await app.call(owner, 'clients.create', { ...base, name: 'Anna 2', phones: [{ number: '+37129111111' }] });
    expect(second.duplicates).toEqual([{ kind: 'phone', value: '+37129111111', clientId: first.client.id, clientName: 'Anna' }]);
    expect(await app.call(owner, 'clients.checkDuplicates', { excludeId: first.client.id, phones: [], emails: ['anna@example.lv'] })).toEqual([]);
  });

  it('updates in place, tombstones removed children, and refuses a stale version', async () => {
    const { client } = await app.call(owner, 'clients.create', {
      ...base,
      name: 'Rūta',
      phones: [{ number: '+37129000001' }, { number: '+37129000002' }],
      contacts: [{ name: 'Tomas', position: 'manager' }],
    });
    const { client: updated } = await app.call(owner, 'clients.update', { ...base, id: client.id, version: client.version, name: 'Rūta P.', phones: [{ number: '+37129000003' }], contacts: [] });
    expect(updated.version).toBe(2);
    expect(updated.phones.map((p) => p.number)).toEqual(['+37129000003']);
    const rows = app.core.sqlite.prepare('select number, deleted_at is not null as gone from client_phone where client_id = ? order by position').all(client.id);
    expect(rows).toEqual([
      { number: '+37129000003', gone: 0 },
      { number: '+37129000002', gone: 1 },
    ]);
    expect((await app.call(owner, 'clients.list', { search: '29000002' })).total).toBe(0);
    const stale = await app.raw(owner, 'clients.update', { ...base, id: client.id, version: 1, name: 'Lost update' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.stale' } });
    expect((await app.call(owner, 'clients.get', { id: client.id })).name).toBe('Rūta P.');
  });

  it('deletes with a tombstone: gone from lists, still in the file', async () => {
    const { client } = await app.call(owner, 'clients.create', { ...base, name: 'To Delete' });
    await app.call(owner, 'clients.delete', { id: client.id });
    expect((await app.call(owner, 'clients.list', {})).total).toBe(0);
    expect(await app.raw(owner, 'clients.get', { id: client.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(app.core.sqlite.prepare('select count(*) n from client where id = ?').get(client.id)).toEqual({ n: 1 });
  });

  it('pages and sorts in SQL', async () => {
    for (const n of ['Čaks', 'Ābele', 'Zariņš', 'Bērziņš']) await app.call(owner, 'clients.create', { ...base, name: n });
    const page = await app.call(owner, 'clients.list', { limit: 2, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.name)).toEqual(['Bērziņš', 'Čaks']);
    expect((await app.call(owner, 'clients.list', { desc: true, limit: 1 })).rows[0]!.name).toBe('Zariņš');
  });

  it('pages and sorts a search as it does the whole list, and says the total also on a page past its end', async () => {
    for (const n of ['Ozola Anna', 'Ozoliņš Jānis', 'Ābele Ozola', 'Zariņš', 'Ozols Pēteris']) await app.call(owner, 'clients.create', { ...base, name: n });
    const names = async (input: object) => (await app.call(owner, 'clients.list', { search: 'ozol', ...input })).rows.map((r) => r.name);
    expect(await names({})).toEqual(['Ābele Ozola', 'Ozola Anna', 'Ozoliņš Jānis', 'Ozols Pēteris']);
    expect(await names({ desc: true, limit: 2, offset: 1 })).toEqual(['Ozoliņš Jānis', 'Ozola Anna']);
    const past = await app.call(owner, 'clients.list', { search: 'ozol', offset: 10 });
    expect(past).toEqual({ rows: [], total: 4 });
    expect(await app.call(owner, 'clients.list', { search: 'nobody' })).toEqual({ rows: [], total: 0 });
  });

  it('keeps the total of the whole list exact through creating, deleting and a failed save', async () => {
    const total = async () => (await app.call(owner, 'clients.list', {})).total;
    const before = await total();
    const { client: a } = await app.call(owner, 'clients.create', { ...base, name: 'Counted One' });
    await app.call(owner, 'clients.create', { ...base, name: 'Counted Two' });
    expect(await total()).toBe(before + 2);
    await app.call(owner, 'clients.delete', { id: a.id });
    expect(await total()).toBe(before + 1);
    expect(await app.raw(owner, 'clients.create', { ...base, name: 'Bad Phone', phones: [{ number: '12ab' }] })).toMatchObject({ ok: false });
    expect(await total()).toBe(before + 1);
  });
});
