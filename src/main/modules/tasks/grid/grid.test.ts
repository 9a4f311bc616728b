import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { addStaff, personInput, type TestApp } from '../../../testing/harness';
import { withTestOrg } from '../../../testing/fixtures';
import type { TaskGridScope } from '../../../../shared/api/taskGrid';

/**
 * The tasks grid on the shared grid machinery, through the dispatcher on a real SQLite file: the dispatcher's order
 * (open work first, urgent on top, nearest due date), overdue on the branch's clock, named groups, filters, the
 * export and the printed list of exactly the grid's rows, and saved views kept apart from the interventions' ones.
 */

let app: TestApp;
let owner: string;
let branchA: string;
let branchB: string;
let dispatcher: { id: string; token: string };
let employee: { id: string; token: string };
let clients: { jonas: string; ona: string };
let typeId: string;

withTestOrg('file', async (org) => {
  ({ app, owner } = org);
  const [first] = await app.call(owner, 'branches.list', {});
  branchA = first!.id;
  branchB = (await app.call(owner, 'branches.create', { name: 'Kaunas', timeZone: 'Europe/Vilnius' })).id;
  await app.call(owner, 'series.create', { docType: 'task', branchId: branchA, prefix: 'UZ-', padding: 5, nextNumber: 1 });
  await app.call(owner, 'series.create', { docType: 'task', branchId: branchB, prefix: 'KA-', padding: 5, nextNumber: 1 });
  const d = await addStaff(app, owner, 'dispatcher.a', 'dispatcher', branchA);
  const e = await addStaff(app, owner, 'employee.a', 'employee', branchA);
  await addStaff(app, owner, 'dispatcher.b', 'dispatcher', branchB);
  dispatcher = { id: d.id, token: await app.login('dispatcher.a', 'password-123') };
  employee = { id: e.id, token: await app.login('employee.a', 'password-123') };
  const client = async (name: string) => (await app.call(owner, 'clients.create', { ...personInput(name), addresses: [{ street: 'Gedimino pr. 1', locality: 'Vilnius', country: 'LT' }] })).client.id;
  clients = { jonas: await client('Jonas Jonaitis'), ona: await client('Ona Onaitė') };
  typeId = (await app.call(owner, 'tasks.saveType', { name: 'Boiler repair', active: true })).id;

  // Today is 2026-11-23 on both branches' clocks.
  const make = async (subject: string, over: Record<string, unknown>) =>
    app.call(owner, 'tasks.create', { branchId: branchA, clientId: clients.jonas, priority: 'medium', subject, ...over } as never);
  await make('later', { priority: 'not_urgent' });
  await make('due soon', { dueDate: '2026-11-30', typeId });
  await make('late', { dueDate: '2026-11-20', clientId: clients.ona, assigneeId: employee.id });
  await make('due today', { dueDate: '2026-11-23' });
  await make('fire', { priority: 'urgent', assigneeId: employee.id, typeId });
  const old = await make('finished late', { priority: 'urgent', dueDate: '2026-11-01', assigneeId: employee.id });
  await app.call(owner, 'tasks.move', { id: old.id, version: old.version, status: 'cancelled', cancelReason: 'client withdrew' });
  await make('other branch', { branchId: branchB, priority: 'urgent' });
});

const all: TaskGridScope = { filters: {} };
const subjects = async (token: string, scope: TaskGridScope, extra: Record<string, unknown> = {}) =>
  (await app.call(token, 'tasks.grid.list', { scope, offset: 0, limit: 100, ...extra })).rows.map((r) => r.subject);

describe('the tasks grid', () => {
  it("orders open work first, urgent on top, then the nearest due date, and marks what is overdue on the branch's clock", async () => {
    expect(await subjects(dispatcher.token, all)).toEqual(['fire', 'late', 'due today', 'due soon', 'later', 'finished late']);
    const rows = (await app.call(dispatcher.token, 'tasks.grid.list', { scope: all, offset: 0, limit: 100 })).rows;
    expect(rows.filter((r) => r.overdue).map((r) => r.subject)).toEqual(['late']);
    expect(rows[0]).toMatchObject({ priority: 'urgent', status: 'assigned', assignee: 'employee.a', type: 'Boiler repair', client: 'Jonas Jonaitis', source: 'manual', number: 'UZ-00005' });
    expect((await app.call(dispatcher.token, 'tasks.grid.count', { scope: all })).total).toBe(6);
    // The owner sees both branches; the other branch's urgent task takes its place among the urgent ones.
    expect((await subjects(owner, all)).slice(0, 2).sort()).toEqual(['fire', 'other branch']);
    // Pages are slices of one order; a sort by any column both ways.
    expect(await subjects(dispatcher.token, all, { offset: 2, limit: 2 })).toEqual(['due today', 'due soon']);
    expect(await subjects(dispatcher.token, all, { sort: 'dueDate', desc: true })).toEqual(['due soon', 'due today', 'late', 'finished late', 'fire', 'later']);
    expect((await subjects(dispatcher.token, all, { sort: 'client' }))[5]).toBe('late');
    for (const sort of ['number', 'docDate', 'priority', 'status', 'client', 'address', 'type', 'assignee', 'dueDate', 'source', 'updatedAt', 'subject'] as const) {
      expect((await subjects(dispatcher.token, all, { sort })).length).toBe(6);
      expect((await subjects(dispatcher.token, all, { sort, desc: true })).length).toBe(6);
    }
  });

  it('filters: overdue, quick search, priority, status, assignee, client', async () => {
    expect(await subjects(dispatcher.token, { filters: { overdue: true } })).toEqual(['late']);
    expect(await subjects(dispatcher.token, { filters: { search: 'onaitė' } })).toEqual(['late']);
    expect(await subjects(dispatcher.token, { filters: { priorities: ['urgent'] } })).toEqual(['fire', 'finished late']);
    expect(await subjects(dispatcher.token, { filters: { statuses: ['cancelled'] } })).toEqual(['finished late']);
    expect(await subjects(dispatcher.token, { filters: { assigneeId: employee.id, statuses: ['assigned'] } })).toEqual(['fire', 'late']);
    expect(await subjects(dispatcher.token, { filters: { clientId: clients.ona } })).toEqual(['late']);
    expect(await subjects(dispatcher.token, { filters: { typeId } })).toEqual(['fire', 'due soon']);
  });

  it('groups by status in workflow order, by assignee and type by name, by client with its name; a group path narrows the rows', async () => {
    const groups = (groupBy: TaskGridScope['groupBy'], groupPath?: (string | null)[]) => app.call(dispatcher.token, 'tasks.grid.groups', { scope: { filters: {}, groupBy, groupPath } });
    expect(await groups([{ field: 'status' }])).toEqual([
      { key: 'new', label: null, count: 3 },
      { key: 'assigned', label: null, count: 2 },
      { key: 'cancelled', label: null, count: 1 },
    ]);
    expect(await groups([{ field: 'priority' }])).toEqual([
      { key: 'urgent', label: null, count: 2 },
      { key: 'medium', label: null, count: 3 },
      { key: 'not_urgent', label: null, count: 1 },
    ]);
    expect(await groups([{ field: 'assignee' }])).toEqual([
      { key: null, label: null, count: 3 },
      { key: employee.id, label: 'employee.a', count: 3 },
    ]);
    expect(await groups([{ field: 'type' }])).toEqual([
      { key: null, label: null, count: 4 },
      { key: typeId, label: 'Boiler repair', count: 2 },
    ]);
    expect(await groups([{ field: 'client' }])).toEqual([
      { key: clients.jonas, label: 'Jonas Jonaitis', count: 5 },
      { key: clients.ona, label: 'Ona Onaitė', count: 1 },
    ]);
    const levels = [{ field: 'assignee' as const }, { field: 'status' as const }];
    expect(await groups(levels, [employee.id])).toEqual([
      { key: 'assigned', label: null, count: 2 },
      { key: 'cancelled', label: null, count: 1 },
    ]);
    expect(await subjects(dispatcher.token, { filters: {}, groupBy: levels, groupPath: [employee.id, 'assigned'] })).toEqual(['fire', 'late']);
    expect(await subjects(dispatcher.token, { filters: {}, groupBy: levels, groupPath: [null] })).toEqual(['due today', 'due soon', 'later']);
    expect(await app.raw(dispatcher.token, 'tasks.grid.groups', { scope: { filters: {} } })).toMatchObject({ ok: false, error: { key: 'errors.group_levels_missing' } });
  });

  it('exports and prints exactly the rows of the scope in the grid order, with its columns, in the reader language', async () => {
    const scope: TaskGridScope = { filters: { statuses: ['new', 'assigned'] } };
    const csv = await app.call(dispatcher.token, 'tasks.grid.export', { scope, columns: ['number', 'subject', 'priority', 'dueDate'], format: 'csv', delimiter: ',' });
    expect(csv.rows).toBe(5);
    const lines = fs.readFileSync(path.join(app.dir, 'reports', `${csv.fileId}.csv`), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toEqual(['Number,Subject,Priority,Due date', 'UZ-00005,fire,Urgent,', 'UZ-00003,late,Medium,2026-11-20', 'UZ-00004,due today,Medium,2026-11-23', 'UZ-00002,due soon,Medium,2026-11-30', 'UZ-00001,later,Not urgent,']);
    const xlsx = await app.call(dispatcher.token, 'tasks.grid.export', { scope, columns: ['number', 'updatedAt'], format: 'xlsx' });
    expect(xlsx.rows).toBe(5);
    expect(fs.readFileSync(path.join(app.dir, 'reports', `${xlsx.fileId}.xlsx`)).subarray(0, 2).toString()).toBe('PK');

    await app.call(dispatcher.token, 'auth.setLanguage', { language: 'lt' });
    const pdf = await app.call(dispatcher.token, 'tasks.grid.print', { scope: { filters: {}, groupBy: [{ field: 'status' }] }, columns: ['number', 'priority', 'status', 'client', 'dueDate', 'subject'] });
    await app.call(dispatcher.token, 'auth.setLanguage', { language: 'en' });
    expect(pdf).toMatchObject({ rows: 6, truncated: false, pages: 1 });
    const text = execFileSync('pdftotext', ['-layout', path.join(app.dir, 'reports', `${pdf.fileId}.pdf`), '-'], { encoding: 'utf8' });
    expect(text).toContain('Užduočių sąrašas');
    expect(text).toMatch(/Būsena: Nauja \(3\)/);
    expect(text).toContain('vėluoja');
    // Under the status headings in workflow order, each group in the grid's order.
    const at = ['due today', 'due soon', 'later', 'fire', 'finished late'].map((s) => text.indexOf(s));
    expect([...at].sort((p, q) => p - q)).toEqual(at);
  });

  it('keeps saved views per person and per module; shared ones are managed by those who approve tasks', async () => {
    const config = JSON.stringify({ groupBy: ['status'], filters: { overdue: true } });
    const mine = await app.call(employee.token, 'tasks.views.save', { name: 'My late work', shared: false, config });
    expect(mine).toMatchObject({ name: 'My late work', shared: false, mine: true, kind: 'view', config });
    expect((await app.call(employee.token, 'tasks.views.list', {})).map((v) => v.name)).toEqual(['My late work']);
    // Another person's own view is not theirs to see; an interventions view is not a tasks view.
    expect(await app.call(dispatcher.token, 'tasks.views.list', {})).toEqual([]);
    const intervention = await app.call(owner, 'views.save', { module: 'interventions', kind: 'view', name: 'Calls', shared: true, config: '{}' });
    expect((await app.call(owner, 'tasks.views.list', {})).map((v) => v.name)).toEqual([]);
    expect(await app.raw(owner, 'tasks.views.delete', { id: intervention.id })).toMatchObject({ ok: false, error: { key: 'errors.view_not_found' } });
    expect(await app.raw(employee.token, 'tasks.views.save', { name: 'For all', shared: true, config })).toMatchObject({ ok: false, error: { key: 'errors.forbidden', field: 'shared' } });
    const shared = await app.call(owner, 'tasks.views.save', { name: 'Urgent by assignee', shared: true, config: '{"groupBy":["assignee"]}' });
    expect((await app.call(employee.token, 'tasks.views.list', {})).map((v) => v.name)).toEqual(['My late work', 'Urgent by assignee']);
    expect(await app.raw(employee.token, 'tasks.views.delete', { id: shared.id })).toMatchObject({ ok: false, error: { key: 'errors.forbidden' } });
    expect(await app.raw(owner, 'tasks.views.save', { name: 'Broken', shared: false, config: '{' })).toMatchObject({ ok: false, error: { key: 'errors.invalid_format', field: 'config' } });
    await app.call(employee.token, 'tasks.views.delete', { id: mine.id });
    expect((await app.call(employee.token, 'tasks.views.list', {})).map((v) => v.name)).toEqual(['Urgent by assignee']);
    expect((await app.call(owner, 'views.list', { module: 'interventions' })).map((v) => v.name)).toEqual(['Calls']);
  });
});
