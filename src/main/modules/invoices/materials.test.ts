import { describe, expect, it } from 'vitest';
import { addStaff, personInput, snapshotDb, type TestApp } from '../../testing/harness';
import { withTestOrg } from '../../testing/fixtures';

/** A task's materials as its form reads and writes them: priced in the invoices' currency, kept by those who work the task. */
let app: TestApp;
let owner: string;
let tech: string;
let accountant: string;
let task: string;

withTestOrg('file', async (org) => {
  ({ app, owner } = org);
  const branch = (await app.call(owner, 'branches.list', {}))[0]!.id;
  const t = await addStaff(app, owner, 'tech.a', 'employee', branch);
  await addStaff(app, owner, 'buhaltere', 'accountant', branch);
  tech = await app.login('tech.a', 'password-123');
  accountant = await app.login('buhaltere', 'password-123');
  const client = (await app.call(owner, 'clients.create', personInput('Jonas Jonaitis'))).client.id;
  task = (await app.call(owner, 'tasks.create', { branchId: branch, clientId: client, priority: 'medium', description: 'Boiler', assigneeId: t.id })).id;
});

describe('task materials', () => {
  it('tells everyone who reads tasks the currency and default VAT, which the invoice settings set', async () => {
    expect(await app.call(tech, 'invoices.materialTerms', {})).toEqual({ currency: 'EUR', vatBp: 2100 });
    await app.call(owner, 'invoices.saveSettings', { currency: 'PLN', vatBp: 2300, paymentDays: 14 });
    expect(await app.call(accountant, 'invoices.materialTerms', {})).toEqual({ currency: 'PLN', vatBp: 2300 });
    // The settings themselves (seller, account) stay with those who invoice.
    expect(await app.raw(tech, 'invoices.settings', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lets the employee add, list and remove a material; the accountant only reads; bad input changes nothing', async () => {
    const valve = await app.call(tech, 'invoices.saveMaterial', { taskId: task, name: 'Vožtuvas ½"', quantityMilli: 1500, unit: 'H87', unitPriceMinor: 1250, vatBp: null });
    expect((await app.call(accountant, 'invoices.materials', { taskId: task })).map((m) => [m.name, m.quantityMilli, m.unitPriceMinor, m.vatBp, m.invoiced])).toEqual([['Vožtuvas ½"', 1500, 1250, null, false]]);
    const before = snapshotDb(app.core);
    expect(await app.raw(accountant, 'invoices.removeMaterial', { id: valve.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.raw(tech, 'invoices.saveMaterial', { taskId: task, name: 'Pipe', quantityMilli: 1000, unit: 'pcs', unitPriceMinor: 100 })).toMatchObject({ ok: false, error: { field: 'unit' } });
    expect(await app.raw(tech, 'invoices.saveMaterial', { taskId: task, name: 'Pipe', quantityMilli: 1000, unit: 'MTR', unitPriceMinor: 100, vatBp: 15000 })).toMatchObject({ ok: false, error: { field: 'vatBp' } });
    expect(snapshotDb(app.core)).toBe(before);
    expect(await app.call(tech, 'invoices.removeMaterial', { id: valve.id })).toEqual({ ok: true });
    expect(await app.call(tech, 'invoices.materials', { taskId: task })).toEqual([]);
  });
});
