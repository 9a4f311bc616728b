import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushEvent } from '../events';
import { setupOrg, startTestApp, userWithRole, withCtx, type TestApp } from '../../testing/harness';
import { loadSessionUser } from '../../auth/sessions';
import { changesSince, funnelGaps, syncedRows, syncedTableNames } from './index';
import { scanWarnings } from '../../modules/interventions';
import { recordDemoCalls } from '../../modules/reminders';
import { fieldActionApplier, pullWebIntake, takeMessage } from '../../modules/tasks';
import { toWav } from '../../telephony/prompts';
import { tone } from '../../telephony/testing/tone';

let app: TestApp;
let owner: string;
let orgId: string;
let branchId: string;
const events: PushEvent[] = [];

beforeEach(async () => {
  app = await startTestApp();
  owner = await setupOrg(app);
  orgId = (await app.call(owner, 'auth.me', {}))!.orgId;
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  events.length = 0;
  app.core.bus.on((e) => events.push(e));
});
afterEach(async () => app.close());

const person = (name: string) => ({ kind: 'person' as const, name, phones: [{ number: '+37129000001' }], emails: [{ address: 'rita@example.lv' }], addresses: [{ street: 'Brīvības 1', locality: 'Rīga', country: 'LV' }], contacts: [{ name: 'Jānis' }] });

/** One call of each module's writes: every synced table of the schema gets rows. */
async function everyModuleWrites(): Promise<void> {
  const disp = await userWithRole(app, owner, 'dispatcher', 'disp.funnel');
  await app.call(owner, 'org.update', { name: 'Serviss', country: 'LV', timeZone: 'Europe/Riga', languages: ['lv', 'en'], phone: null });
  await app.call(owner, 'audit.setLevel', { module: 'clients', level: 'detailed' });
  await app.call(owner, 'periods.lock', { month: '2025-01' });
  await app.call(owner, 'series.create', { docType: 'intervention', branchId, prefix: 'RIX-', padding: 6, nextNumber: 1 });
  const client = (await app.call(owner, 'clients.create', person('Rita'))).client;
  await app.call(owner, 'nomenclature.create', { kind: 'zone', code: null, name: 'Centrs', clientId: null });
  await app.call(owner, 'products.create', { code: 'B-80', name: 'Boiler 80 l', isSystem: false });
  await app.call(owner, 'views.save', { module: 'interventions', kind: 'view', name: 'Open', shared: false, config: '{}' });
  await app.call(owner, 'favorites.setScreen', { screen: 'clients', on: true });
  await app.call(owner, 'annexForms.create', { name: 'Acceptance', body: '<p>{{ intervention.number }}</p>' });
  await app.call(owner, 'mail.setSettings', { host: 'smtp.example.lv', port: 587, secure: false, from: 'serviss@example.lv' });
  // The calendar's working hours and services.
  await app.call(owner, 'schedule.setWeek', { branchId, userId: disp.id, week: { '1': [['09:00', '18:00']] }, version: 0 });
  await app.call(owner, 'schedule.createException', { branchId, userId: disp.id, kind: 'vacation', dayFrom: '2026-12-01', dayTo: '2026-12-02', intervals: null, note: null });
  const service = await app.call(owner, 'services.create', { branchId, name: 'Consultation', durationMin: 30, priceMinor: 3000, currency: 'EUR', colour: '#2b8a3e', performerIds: [disp.id] });
  // A visit with its service as a line, and a payment.
  const visit = await app.call(owner, 'visits.book', { userId: disp.id, clientId: client.id, serviceId: service.id, start: '2026-11-30T08:00:00.000Z', durationMin: 30 });
  await app.call(owner, 'visits.addPayment', { id: visit.id, version: visit.version, method: 'cash', amountMinor: 3000 });
  // The reminder calls: the policy and trunk, a recording of a phrase, the booked visit's call (as the demo writes it).
  const reminders = await app.call(owner, 'reminders.settings', {});
  const { hasPassword: _p, note: _n, ...trunk } = reminders.trunk;
  await app.call(owner, 'reminders.saveSettings', { policy: reminders.policy, dailyCap: 50, trunk: { ...trunk, host: 'sip.example.lv', password: 'secret' }, branches: [] });
  await app.call(owner, 'reminders.uploadRecording', { lang: 'lv', phrase: 'greeting', wavBase64: toWav(tone(500)).toString('base64') });
  const me = await app.call(owner, 'auth.me', {});
  await withCtx(app, me, (ctx) => recordDemoCalls(ctx, visit.id, 'will_come'));
  const settings = await app.call(owner, 'interventions.settings', {});
  await app.call(owner, 'interventions.setSettings', { ...settings, approvals: true });
  const doc = await app.call(disp.token, 'interventions.create', { branchId, clientId: client.id, priority: 'medium', docDate: '2026-11-23' });
  await app.call(disp.token, 'interventions.addNote', { id: doc.id, style: 2, text: 'Called back' });
  await app.call(disp.token, 'interventions.cancel', { id: doc.id, version: doc.version, reason: 'Duplicate call' });
  // The warnings job writes too: calls still not allocated a day later (the cancelled one waits for its approval).
  await app.call(disp.token, 'interventions.create', { branchId, clientId: client.id, priority: 'high', docDate: '2026-11-23' });
  // Tasks: a type, a task with a note, a mailbox, and a mail with a file taken from it (as the intake does).
  const type = await app.call(owner, 'tasks.saveType', { name: 'Repair', active: true });
  // Its checklist template, copied onto the task below.
  await app.call(owner, 'tasks.types.save', { id: type.id, version: type.version, name: 'Repair', active: true, hourlyRateMinor: null, items: [{ text: 'Photo of the work', required: false }] });
  const task = await app.call(disp.token, 'tasks.create', { branchId, clientId: client.id, priority: 'urgent', typeId: type.id });
  await app.call(disp.token, 'tasks.addNote', { taskId: task.id, text: 'Called the client' });
  await app.call(disp.token, 'tasks.time.add', { taskId: task.id, employeeId: disp.id, startedAt: '2026-11-23T07:00:00.000Z', endedAt: '2026-11-23T08:00:00.000Z', billable: true });
  const box = await app.call(owner, 'tasks.saveMailbox', { branchId, name: 'Help', host: 'imap.invalid', port: 993, tls: true, login: 'help', folder: 'INBOX', enabled: false, pollSec: 60 });
  const boxRow = app.core.sqlite.prepare('select * from task_mailbox where id = ?').get(box.id) as never;
  const raw = ['From: rita@example.lv', 'Subject: Leak', 'Message-ID: <leak@example.lv>', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: text/plain', '', 'Water on the floor.', '--b', 'Content-Type: text/plain; name=a.txt', 'Content-Disposition: attachment; filename=a.txt', '', 'file', '--b--', ''].join('\r\n');
  const jobDeps = { db: app.core.db, clock: app.clock, config: app.core.config, services: app.core.services, publish: () => undefined, log: () => undefined };
  expect(await takeMessage(jobDeps, boxRow, { uid: 1, uidValidity: '1', source: Buffer.from(raw) })).toMatchObject({ outcome: 'task' });
  // Invoices: a material on a done task, the month's draft with its lines, and the module's settings.
  await app.call(owner, 'invoices.saveMaterial', { taskId: task.id, name: 'Valve', quantityMilli: 1000, unit: 'H87', unitPriceMinor: 1250 });
  let moved = await app.call(owner, 'tasks.move', { id: task.id, version: (await app.call(owner, 'tasks.get', { id: task.id })).version, status: 'assigned', assigneeId: disp.id });
  moved = await app.call(owner, 'tasks.move', { id: moved.id, version: moved.version, status: 'in_progress' });
  // It has a checklist: done only from awaiting approval.
  moved = await app.call(owner, 'tasks.move', { id: moved.id, version: moved.version, status: 'awaiting_approval' });
  moved = await app.call(owner, 'tasks.move', { id: moved.id, version: moved.version, status: 'done' });
  await app.call(owner, 'invoices.saveSettings', { currency: 'EUR', vatBp: 2100, paymentDays: 14 });
  expect((await app.call(owner, 'invoices.generate', { month: '2026-11' })).drafts).toBe(1);
  // A web form submission as the sync round's pull hands it over.
  const web = { id: 'sub-1', seq: 1, branchId, reference: 'W-ABCDEFG', receivedAt: app.clock.now(), attachments: [] };
  const fields = { name: 'Rita', phone: '', email: 'rita@example.lv', address: '', description: 'Leak', priority: 'medium' as const, employeeId: null, branchId, language: 'lv' as const };
  let served = false;
  expect(await pullWebIntake(jobDeps, orgId, async () => ({ items: served ? [] : ((served = true), [{ ...web, fields }]), more: false }))).toBe(1);
  // A phone's action on a task this desk does not have: refused, and the outcome is a synced row.
  await fieldActionApplier(jobDeps).apply(orgId, [{ id: 'act-1', seq: 1, kind: 'note', taskId: 'gone', employeeId: 'nobody', branchId, at: app.clock.now(), text: 'On my way' }], 1);
  // The website chat's routing settings and one person's levels.
  await app.call(owner, 'chatSettings.saveOrg', { version: 0, strategy: 'cheapest_first', escalateAfterMinutes: 5, maxChatsEach: 3, questionnaire: { name: 'required', phone: 'asked', email: 'asked', topic: 'off' }, topics: [], greetings: {} });
  await app.call(owner, 'chatSettings.saveOperator', { userId: disp.id, version: 0, experience: 2, cost: 1, smsOnStart: false });
  app.clock.advance(25 * 3_600_000);
  const scanned = await scanWarnings({ db: app.core.db, clock: app.clock, config: app.core.config, publish: () => undefined });
  expect(scanned.raised.map((w) => w.kind)).toEqual(['unallocated', 'unallocated']);
}

describe('the write funnel', () => {
  it('records a change for every write of every synced table, one per version, none around it', async () => {
    await everyModuleWrites();
    const written = new Set((await withCtx(app, null, (ctx) => changesSince(ctx.db, orgId, 0, 10_000))).map((c) => c.table));
    expect([...written].sort()).toEqual(syncedTableNames(app.core.sqlite).sort());
    expect(funnelGaps(app.core.sqlite)).toEqual([]);
  });

  it('says what changed: the columns, the new version, who, the branch; a delete is a tombstone', async () => {
    const { client } = await app.call(owner, 'clients.create', person('Rita'));
    const after = await app.call(owner, 'clients.update', { id: client.id, version: client.version, ...person('Rita Ozola') });
    await app.call(owner, 'clients.delete', { id: client.id });
    const doc = await app.call(owner, 'interventions.create', { branchId, clientId: client.id, priority: 'medium', docDate: '2026-11-23' }).catch((e: Error) => e.message);
    expect(String(doc)).toContain('client_not_found');

    const me = (await app.call(owner, 'auth.me', {}))!;
    const changes = (await withCtx(app, null, (ctx) => changesSince(ctx.db, orgId, 0, 10_000))).filter((c) => c.table === 'client');
    expect(changes.map((c) => [c.op, c.version, c.userId, c.branchId])).toEqual([
      ['insert', 1, me.id, null],
      ['update', 2, me.id, null],
      ['delete', 3, me.id, null],
    ]);
    expect(changes[1]!.columns.sort()).toEqual(['name', 'name_key']);
    expect(after.client.version).toBe(2);
    const row = app.core.sqlite.prepare('select deleted_at, version from client where id = ?').get(client.id) as { deleted_at: string | null; version: number };
    expect(row).toEqual({ deleted_at: expect.any(String), version: 3 });
    const doc2 = await app.call(owner, 'interventions.create', { branchId, clientId: (await app.call(owner, 'clients.create', person('Ilze'))).client.id, priority: 'high', docDate: '2026-11-23' });
    const docChange = (await withCtx(app, null, (ctx) => changesSince(ctx.db, orgId, 0, 10_000))).find((c) => c.rowId === doc2.id)!;
    expect(docChange).toMatchObject({ table: 'intervention', op: 'insert', version: 1, branchId });
  });

  it('lets only one of two writers of the same version win, and the loser changes nothing', async () => {
    const { client } = await app.call(owner, 'clients.create', person('Rita'));
    const user = await withCtx(app, null, (ctx) => loadSessionUser(ctx.db, app.core.sqlite.prepare(`select id from app_user where login = 'owner'`).pluck().get() as string));
    const rows = syncedRows({ table: 'client', module: 'clients' });
    const seen = await withCtx(app, user, (ctx) => ctx.db.selectFrom('client').selectAll().where('id', '=', client.id).executeTakeFirstOrThrow());
    await withCtx(app, user, (ctx) => rows.in(ctx).update(seen, { notes: 'first' }));
    await expect(withCtx(app, user, (ctx) => rows.in(ctx).update(seen, { notes: 'second' }))).rejects.toMatchObject({ error: { code: 'conflict', key: 'errors.stale' } });
    await expect(withCtx(app, user, (ctx) => rows.in(ctx).update({ ...seen, version: 2 }, { notes: 'third' }, { expect: 1 }))).rejects.toMatchObject({ error: { code: 'conflict' } });
    expect(app.core.sqlite.prepare('select notes, version from client where id = ?').get(client.id)).toEqual({ notes: 'first', version: 2 });
    expect(funnelGaps(app.core.sqlite)).toEqual([]);
  });

  it('never writes into another organization, whatever row it is handed', async () => {
    const { client } = await app.call(owner, 'clients.create', person('Rita'));
    const seen = app.core.sqlite.prepare('select * from client where id = ?').get(client.id) as never;
    const stranger = { id: 'u-x', orgId: 'another-org', login: 'x', name: 'X', role: 'owner' as const, language: 'en' as const, branchIds: [] };
    const rows = syncedRows({ table: 'client', module: 'clients' });
    await expect(withCtx(app, stranger as never, (ctx) => rows.in(ctx).update(seen, { notes: 'mine now' }))).rejects.toMatchObject({ error: { code: 'conflict' } });
    expect(app.core.sqlite.prepare('select notes from client where id = ?').pluck().get(client.id)).toBeNull();
  });

  it('announces a change once, after commit, and a refused write announces nothing', async () => {
    const { client } = await app.call(owner, 'clients.create', person('Rita'));
    expect(events.filter((e) => e.name === 'clients.changed')).toHaveLength(1);
    events.length = 0;
    expect(await app.raw(owner, 'clients.update', { id: client.id, version: 99, ...person('Stale') })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(events.filter((e) => e.name === 'clients.changed')).toEqual([]);
  });

  it('records who rejected an approval, and when', async () => {
    const disp = await userWithRole(app, owner, 'dispatcher', 'disp.reject');
    // The calendar's working hours and services.
  await app.call(owner, 'schedule.setWeek', { branchId, userId: disp.id, week: { '1': [['09:00', '18:00']] }, version: 0 });
  await app.call(owner, 'schedule.createException', { branchId, userId: disp.id, kind: 'vacation', dayFrom: '2026-12-01', dayTo: '2026-12-02', intervals: null, note: null });
  await app.call(owner, 'services.create', { branchId, name: 'Consultation', durationMin: 30, priceMinor: 3000, currency: 'EUR', colour: '#2b8a3e', performerIds: [disp.id] });
  const settings = await app.call(owner, 'interventions.settings', {});
    await app.call(owner, 'interventions.setSettings', { ...settings, approvals: true });
    const { client } = await app.call(owner, 'clients.create', person('Rita'));
    const doc = await app.call(disp.token, 'interventions.create', { branchId, clientId: client.id, priority: 'medium', docDate: '2026-11-23' });
    await app.call(disp.token, 'interventions.cancel', { id: doc.id, version: doc.version, reason: 'Duplicate call' });
    const [request] = await app.call(owner, 'interventions.approvals', {});
    await app.call(owner, 'interventions.decide', { approvalId: request!.id, approve: false });
    const log = await app.call(owner, 'audit.list', { module: 'interventions', entityId: request!.id, offset: 0, limit: 10 });
    expect(log.rows.map((r) => [r.entity, r.action, r.summary])).toEqual([
      ['approval', 'status', 'cancel: rejected'],
      ['approval', 'create', 'cancel: requested'],
    ]);
    expect(await app.call(owner, 'interventions.get', { id: doc.id })).toMatchObject({ status: 'received', pendingApproval: null });
  });

  it('finds a write that went around it', async () => {
    const other = await startTestApp();
    const token = await setupOrg(other);
    const { client } = await other.call(token, 'clients.create', person('Rita'));
    other.core.sqlite.prepare(`update client set notes = 'by hand', version = version + 1 where id = ?`).run(client.id);
    expect(funnelGaps(other.core.sqlite)).toEqual([{ table: 'client', rowId: client.id, version: 2, recorded: 1, lastRecordedVersion: 1 }]);
    await expect(other.close()).rejects.toThrow(/writes around the funnel/);
  });
});
