import { beforeEach, describe, expect, it } from 'vitest';
import { addStaff, OWNER, personInput, snapshotDb, type TestApp } from '../../testing/harness';
import { withTestOrg } from '../../testing/fixtures';
import { addTime, doneTask, setRate } from './testing/work';

let app: TestApp;
let owner: string;
let branch: string;
let tech: { id: string; token: string };
let tech2: { id: string };
let acme: string;
let jonas: string;
let typeId: string;

withTestOrg('test', async (org) => {
  ({ app, owner } = org);
  branch = (await app.call(owner, 'branches.list', {}))[0]!.id;
  await app.call(owner, 'series.create', { docType: 'invoice', branchId: branch, prefix: 'SF-', padding: 4, nextNumber: 1 });
  const t = await addStaff(app, owner, 'tech.a', 'employee', branch);
  tech = { id: t.id, token: await app.login('tech.a', 'password-123') };
  tech2 = await addStaff(app, owner, 'tech.b', 'employee', branch);
  acme = (await app.call(owner, 'clients.create', { ...personInput('UAB Acme'), kind: 'company', fiscalCode: '304123456', preferredLanguage: 'lt', emails: [{ address: 'saskaitos@acme.test' }], addresses: [{ street: 'Gedimino pr. 1', locality: 'Vilnius', country: 'LT' }] } as never)).client.id;
  jonas = (await app.call(owner, 'clients.create', personInput('Jonas Jonaitis'))).client.id;
  typeId = (await app.call(owner, 'tasks.saveType', { name: 'Boiler service', active: true })).id;
  await setRate(app.core, 'task_type', typeId, 6000);
  await setRate(app.core, 'app_user', t.id, 3000);
});

/** Acme: a boiler service (type rate 60.00/h) with 1.5 h of tech and 0.5 h unbilled travel, plus a valve; Jonas: 1 h at tech's own rate. */
async function november(): Promise<{ boiler: string; repair: string }> {
  const boiler = await doneTask(app, owner, { branchId: branch, clientId: acme, assigneeId: tech.id, typeId, subject: 'Boiler', doneAt: '2026-11-10T10:00:00Z' });
  await addTime(app.core, { taskId: boiler, employeeId: tech.id, seconds: 3600, startedAt: '2026-11-10T07:00:00Z' });
  await addTime(app.core, { taskId: boiler, employeeId: tech.id, seconds: 1800, startedAt: '2026-11-10T08:30:00Z' });
  await addTime(app.core, { taskId: boiler, employeeId: tech.id, seconds: 1800, startedAt: '2026-11-10T06:00:00Z', billable: false });
  await app.call(owner, 'invoices.saveMaterial', { taskId: boiler, name: 'Valve ½"', quantityMilli: 2000, unit: 'H87', unitPriceMinor: 1250 });
  const repair = await doneTask(app, owner, { branchId: branch, clientId: jonas, assigneeId: tech.id, subject: 'Tap', doneAt: '2026-11-20T10:00:00Z' });
  await addTime(app.core, { taskId: repair, employeeId: tech.id, seconds: 3600, startedAt: '2026-11-20T08:00:00Z' });
  return { boiler, repair };
}

describe('invoices: generation', () => {
  it('makes one draft per client from the month’s done tasks: time × the type’s rate, else the employee’s, billable only, and materials', async () => {
    await november();
    // Done at 23:30 on 30 November in Rīga is 1 December there: not November's. (A week on, the owner logs in again.)
    app.clock.set('2026-11-30T22:30:00Z');
    owner = await app.login(OWNER.login, OWNER.password);
    const late = await doneTask(app, owner, { branchId: branch, clientId: jonas, assigneeId: tech.id, subject: 'Late', doneAt: '2026-11-30T22:30:00Z' });
    await addTime(app.core, { taskId: late, employeeId: tech.id, seconds: 3600, startedAt: '2026-11-30T21:00:00Z' });
    // Not done: not billed.
    const open = await app.call(owner, 'tasks.create', { branchId: branch, clientId: jonas, priority: 'medium', description: 'Open', assigneeId: tech.id });
    await addTime(app.core, { taskId: open.id, employeeId: tech.id, seconds: 3600, startedAt: '2026-11-21T08:00:00Z' });

    expect(await app.call(owner, 'invoices.generate', { month: '2026-11' })).toEqual({ drafts: 2, replaced: 0, unchanged: 0, kept: 0, tasks: 2 });
    const list = await app.call(owner, 'invoices.list', { month: '2026-11' });
    expect(list.map((i) => [i.clientName, i.status, i.netMinor, i.vatMinor, i.totalMinor, i.lineCount, i.language])).toEqual([
      ['Jonas Jonaitis', 'draft', 3000, 630, 3630, 1, 'lv'],
      ['UAB Acme', 'draft', 11500, 2415, 13915, 2, 'lt'],
    ]);
    const acmeInvoice = await app.call(owner, 'invoices.get', { id: list[1]!.id });
    expect(acmeInvoice.lines.map((l) => [l.kind, l.description, l.quantityMilli, l.unit, l.unitPriceMinor, l.netMinor, l.vatBp])).toEqual([
      ['time', 'Boiler service', 1500, 'HUR', 6000, 9000, 2100],
      ['material', 'Valve ½"', 2000, 'H87', 1250, 2500, 2100],
    ]);
    expect(acmeInvoice.tasks.map((t) => t.number)).toEqual([null]);
    expect(acmeInvoice).toMatchObject({ number: null, issueDate: '2026-11-30', dueDate: '2026-12-14', currency: 'EUR', clientCode: '304123456', breakdown: [{ category: 'S', vatBp: 2100, taxableMinor: 11500, vatMinor: 2415 }] });
    expect((await app.call(owner, 'invoices.generate', { month: '2026-12' })).drafts).toBe(1);
  });

  it('regenerates a month idempotently: the same drafts stay, changed ones are replaced, approved invoices and their tasks never billed twice', async () => {
    const { repair, boiler } = await november();
    await app.call(owner, 'invoices.generate', { month: '2026-11' });
    const first = await app.call(owner, 'invoices.list', { month: '2026-11' });
    const before = snapshotDb(app.core);
    expect(await app.call(owner, 'invoices.generate', { month: '2026-11' })).toEqual({ drafts: 0, replaced: 0, unchanged: 2, kept: 0, tasks: 2 });
    expect(snapshotDb(app.core)).toBe(before);
    // More time on Acme's boiler: its draft is replaced, Jonas's stays.
    await addTime(app.core, { taskId: boiler, employeeId: tech.id, seconds: 1800, startedAt: '2026-11-10T09:00:00Z' });
    expect(await app.call(owner, 'invoices.generate', { month: '2026-11' })).toEqual({ drafts: 1, replaced: 1, unchanged: 1, kept: 0, tasks: 2 });
    const second = await app.call(owner, 'invoices.list', { month: '2026-11' });
    expect(second.map((i) => [i.clientName, i.totalMinor])).toEqual([
      ['Jonas Jonaitis', 3630],
      ['UAB Acme', 13915 + 3630],
    ]);
    expect(second[0]!.id).toBe(first[0]!.id);
    expect(second[1]!.id).not.toBe(first[1]!.id);

    const jonasInvoice = second[0]!;
    const approved = await app.call(owner, 'invoices.approve', { id: jonasInvoice.id, version: jonasInvoice.version });
    expect(approved).toMatchObject({ status: 'approved', number: 'SF-0001' });
    // Acme's draft has no reason to change; Jonas's task is on the approved invoice, never billed again.
    expect(await app.call(owner, 'invoices.generate', { month: '2026-11' })).toEqual({ drafts: 0, replaced: 0, unchanged: 1, kept: 1, tasks: 1 });
    const third = await app.call(owner, 'invoices.list', { month: '2026-11' });
    expect(third.map((i) => [i.clientName, i.status])).toEqual([
      ['Jonas Jonaitis', 'approved'],
      ['UAB Acme', 'draft'],
    ]);
    // The approved task is on one live invoice only.
    const on = app.core.sqlite.prepare(`select count(*) from invoice i, json_each(i.task_ids) j where j.value = ? and i.deleted_at is null`).pluck().get(repair);
    expect(on).toBe(1);
  });

  it('refuses a locked month and changes nothing', async () => {
    await november();
    await app.call(owner, 'periods.lock', { month: '2026-11' });
    const before = snapshotDb(app.core);
    expect(await app.raw(owner, 'invoices.generate', { month: '2026-11' })).toMatchObject({ ok: false, error: { code: 'locked_period', key: 'errors.period_locked', field: 'month' } });
    expect(snapshotDb(app.core)).toBe(before);
  });
});

describe('invoices: review', () => {
  beforeEach(async () => {
    await november();
    await app.call(owner, 'invoices.generate', { month: '2026-11' });
  });
  const acmeDraft = async () => (await app.call(owner, 'invoices.list', { month: '2026-11' })).find((i) => i.clientName === 'UAB Acme')!;

  it('lets a manager edit, add and remove lines with totals recomputed, then approve (numbered, locked)', async () => {
    let inv = await app.call(owner, 'invoices.get', { id: (await acmeDraft()).id });
    const time = inv.lines[0]!;
    inv = await app.call(owner, 'invoices.saveLine', { id: inv.id, version: inv.version, line: { lineId: time.id, description: 'Boiler service', quantityMilli: 2000, unit: 'HUR', unitPriceMinor: 5555, vatBp: 2100 } });
    expect(inv.lines[0]).toMatchObject({ description: 'Boiler service', netMinor: 11110 });
    inv = await app.call(owner, 'invoices.saveLine', { id: inv.id, version: inv.version, line: { description: 'Call-out', quantityMilli: 1000, unit: 'C62', unitPriceMinor: 1000, vatBp: 0 } });
    expect(inv.lines.map((l) => l.kind)).toEqual(['time', 'material', 'manual']);
    expect(inv.breakdown).toEqual([
      { category: 'S', vatBp: 2100, taxableMinor: 13610, vatMinor: 2858 },
      { category: 'Z', vatBp: 0, taxableMinor: 1000, vatMinor: 0 },
    ]);
    expect(inv).toMatchObject({ netMinor: 14610, vatMinor: 2858, totalMinor: 17468 });
    inv = await app.call(owner, 'invoices.removeLine', { id: inv.id, version: inv.version, lineId: inv.lines[2]!.id });
    expect(inv.totalMinor).toBe(13610 + 2858);
    const stale = await app.raw(owner, 'invoices.approve', { id: inv.id, version: inv.version - 1 });
    expect(stale).toMatchObject({ ok: false, error: { key: 'errors.stale' } });
    inv = await app.call(owner, 'invoices.approve', { id: inv.id, version: inv.version });
    expect(inv).toMatchObject({ status: 'approved', number: 'SF-0001', approvedAt: '2026-11-20T10:00:00.000Z' });
    const before = snapshotDb(app.core);
    expect(await app.raw(owner, 'invoices.saveLine', { id: inv.id, version: inv.version, line: { description: 'x', quantityMilli: 1000, unit: 'C62', unitPriceMinor: 1, vatBp: 0 } })).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.invoice_locked' } });
    expect(await app.raw(owner, 'invoices.discard', { id: inv.id, version: inv.version })).toMatchObject({ ok: false, error: { key: 'errors.invoice_locked' } });
    expect(snapshotDb(app.core)).toBe(before);
  });

  it('will not approve time without a rate, nor without an invoice series', async () => {
    await setRate(app.core, 'app_user', tech.id, null);
    await app.call(owner, 'invoices.generate', { month: '2026-11' });
    const jonasDraft = (await app.call(owner, 'invoices.list', { month: '2026-11' })).find((i) => i.clientName === 'Jonas Jonaitis')!;
    expect(jonasDraft).toMatchObject({ missingRates: 1, totalMinor: 0 });
    expect(await app.raw(owner, 'invoices.approve', { id: jonasDraft.id, version: jonasDraft.version })).toMatchObject({ ok: false, error: { key: 'errors.invoice_missing_rate' } });
    const [series] = await app.call(owner, 'series.list', { docType: 'invoice' });
    await app.call(owner, 'series.update', { id: series!.id, prefix: series!.prefix, padding: series!.padding, nextNumber: series!.nextNumber, active: false });
    const acmeInv = await acmeDraft();
    expect(await app.raw(owner, 'invoices.approve', { id: acmeInv.id, version: acmeInv.version })).toMatchObject({ ok: false, error: { key: 'errors.invoice_no_series' } });
  });

  it('discards a draft, and keeps invoices from those without the right', async () => {
    const inv = await acmeDraft();
    expect(await app.raw(tech.token, 'invoices.list', { month: '2026-11' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const d = await addStaff(app, owner, 'disp.a', 'dispatcher', branch);
    const disp = await app.login('disp.a', 'password-123');
    expect(d.id).toBeTruthy();
    expect(await app.raw(disp, 'invoices.generate', { month: '2026-11' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.call(owner, 'invoices.discard', { id: inv.id, version: inv.version })).toEqual({ ok: true });
    expect((await app.call(owner, 'invoices.list', { month: '2026-11' })).map((i) => i.clientName)).toEqual(['Jonas Jonaitis']);
  });

  it('keeps materials on an approved invoice as they were billed', async () => {
    const inv = await acmeDraft();
    await app.call(owner, 'invoices.approve', { id: inv.id, version: inv.version });
    const detail = await app.call(owner, 'invoices.get', { id: inv.id });
    const taskId = detail.tasks[0]!.id;
    const [valve] = await app.call(owner, 'invoices.materials', { taskId });
    expect(valve).toMatchObject({ name: 'Valve ½"', invoiced: true });
    expect(await app.raw(tech.token, 'invoices.saveMaterial', { id: valve!.id, version: valve!.version, taskId, name: 'Valve', quantityMilli: 1000, unit: 'H87', unitPriceMinor: 1 })).toMatchObject({ ok: false, error: { key: 'errors.material_invoiced' } });
  });
});
