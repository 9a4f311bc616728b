import { describe, expect, it } from 'vitest';
import { addStaff, personInput, snapshotDb } from '../../testing/harness';
import { withTestOrg } from '../../testing/fixtures';
import type { TestApp } from '../../testing/harness';
import { addTime, doneTask, setRate } from './testing/work';

/**
 * The accountant (a role of its own): reads the tasks and the time behind them, generates, approves and exports the
 * month's invoices and keeps the seller's details; dispatches nothing and changes no task.
 */
let app: TestApp;
let owner: string;
let accountant: string;
let branch: string;
let task: string;
let techId: string;

withTestOrg('file', async (org) => {
  ({ app, owner } = org);
  branch = (await app.call(owner, 'branches.list', {}))[0]!.id;
  await app.call(owner, 'series.create', { docType: 'invoice', branchId: branch, prefix: 'SF-', padding: 4, nextNumber: 1 });
  const tech = await addStaff(app, owner, 'tech.a', 'employee', branch);
  techId = tech.id;
  await setRate(app.core, 'app_user', tech.id, 4000);
  await addStaff(app, owner, 'buhaltere', 'accountant', branch);
  accountant = await app.login('buhaltere', 'password-123');
  const client = (await app.call(owner, 'clients.create', personInput('Jonas Jonaitis'))).client.id;
  task = await doneTask(app, owner, { branchId: branch, clientId: client, assigneeId: tech.id, subject: 'Katilas', doneAt: '2026-11-10T10:00:00Z' });
  await addTime(app.core, { taskId: task, employeeId: tech.id, seconds: 5400, startedAt: '2026-11-10T07:00:00Z' });
});

describe('the accountant', () => {
  it('reads tasks and their time, generates, approves and exports the month\'s invoices, and keeps the seller\'s details', async () => {
    expect((await app.call(accountant, 'tasks.list', { limit: 10, offset: 0 })).rows.map((r) => r.id)).toEqual([task]);
    expect((await app.call(accountant, 'tasks.get', { id: task })).status).toBe('done');
    const time = await app.call(accountant, 'tasks.time.list', { taskId: task });
    expect(JSON.stringify(time)).toContain('5400');
    await app.call(accountant, 'invoices.generate', { month: '2026-11' });
    const [draft] = await app.call(accountant, 'invoices.list', { month: '2026-11' });
    expect(draft).toMatchObject({ clientName: 'Jonas Jonaitis', netMinor: 6000 });
    const approved = await app.call(accountant, 'invoices.approve', { id: draft!.id, version: draft!.version });
    expect(approved).toMatchObject({ status: 'approved', number: 'SF-0001' });
    expect((await app.call(accountant, 'invoices.exportUbl', { id: approved.id })).fileName).toMatch(/\.xml$/);
    expect((await app.call(accountant, 'invoices.exportRivile', { month: '2026-11' })).fileName).toBeTruthy();
    const saved = await app.call(accountant, 'invoices.saveSettings', { currency: 'EUR', vatBp: 2100, paymentDays: 30, sellerName: 'UAB Šiluma', iban: 'lt12 1000 0111 0100 1000' });
    expect(saved).toMatchObject({ sellerName: 'UAB Šiluma', iban: 'LT121000011101001000', paymentDays: 30 });
  });

  it('dispatches nothing and changes no task or time: each refused, nothing written', async () => {
    const t = await app.call(owner, 'tasks.get', { id: task });
    const before = snapshotDb(app.core);
    const refused = [
      await app.raw(accountant, 'tasks.create', { branchId: branch, clientId: t.clientId, priority: 'urgent', description: 'x' }),
      await app.raw(accountant, 'tasks.update', { id: t.id, version: t.version, branchId: branch, clientId: t.clientId, priority: 'urgent', assigneeId: null }),
      await app.raw(accountant, 'tasks.move', { id: t.id, version: t.version, status: 'in_progress' }),
      await app.raw(accountant, 'tasks.time.add', { taskId: task, employeeId: techId, startedAt: '2026-11-10T12:00:00.000Z', endedAt: '2026-11-10T13:00:00.000Z' }),
      await app.raw(accountant, 'tasks.notices.saveSettings', { escalateMinutes: 5 }),
      await app.raw(accountant, 'users.create', { login: 'x', password: 'password-123', name: 'x', role: 'employee', language: 'en', branchIds: [branch] }),
    ];
    for (const r of refused) expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(snapshotDb(app.core)).toBe(before);
  });

  it('is refused a mistyped bank account, with nothing changed', async () => {
    const before = snapshotDb(app.core);
    const r = await app.raw(accountant, 'invoices.saveSettings', { currency: 'EUR', vatBp: 2100, paymentDays: 14, iban: 'LT12 1000 0111 0100 1001' });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', key: 'errors.iban_invalid', field: 'iban' } });
    expect(snapshotDb(app.core)).toBe(before);
  });
});
