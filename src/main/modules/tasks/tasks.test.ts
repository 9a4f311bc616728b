import { describe, expect, it } from 'vitest';
import { addStaff, personInput, snapshotDb, type TestApp } from '../../testing/harness';
import { withTestOrg } from '../../testing/fixtures';

let app: TestApp;
let owner: string;
let branchA: string;
let branchB: string;
let dispatcher: { id: string; token: string };
let employee: { id: string; token: string };
let clientId: string;

withTestOrg('test', async (org) => {
  ({ app, owner } = org);
  const [first] = await app.call(owner, 'branches.list', {});
  branchA = first!.id;
  branchB = (await app.call(owner, 'branches.create', { name: 'Kaunas', timeZone: 'Europe/Vilnius' })).id;
  await app.call(owner, 'series.create', { docType: 'task', branchId: branchA, prefix: 'UZ-', padding: 5, nextNumber: 1 });
  const d = await addStaff(app, owner, 'dispatcher.a', 'dispatcher', branchA);
  const e = await addStaff(app, owner, 'employee.a', 'employee', branchA);
  dispatcher = { id: d.id, token: await app.login('dispatcher.a', 'password-123') };
  employee = { id: e.id, token: await app.login('employee.a', 'password-123') };
  clientId = (await app.call(owner, 'clients.create', { ...personInput('Jonas Jonaitis'), emails: [{ address: 'jonas@example.test' }], addresses: [{ street: 'Gedimino pr. 1', locality: 'Vilnius', country: 'LT' }] })).client.id;
});

const base = () => ({ branchId: branchA, clientId, priority: 'medium' as const, description: 'Boiler leaks' });

describe('tasks', () => {
  it('numbers a task from its branch series and routes it to the dispatcher, with the client and address as of the request', async () => {
    const t = await app.call(owner, 'tasks.create', base());
    expect(t).toMatchObject({ number: 'UZ-00001', status: 'new', source: 'manual', responsibleId: dispatcher.id, assigneeId: null, clientName: 'Jonas Jonaitis', clientEmail: 'jonas@example.test', docDate: '2026-11-23' });
    expect(t.address).toBe('Gedimino pr. 1, Vilnius');
    expect(t.timeline).toMatchObject([{ kind: 'change', text: JSON.stringify({ status: 'new', assigneeId: null }) }]);
    expect((await app.call(owner, 'tasks.create', base())).number).toBe('UZ-00002');
  });

  it('gives the task straight to the employee the client chose', async () => {
    const t = await app.call(dispatcher.token, 'tasks.create', { ...base(), requestedAssigneeId: employee.id });
    expect(t).toMatchObject({ status: 'assigned', assigneeId: employee.id, requestedAssigneeId: employee.id, responsibleId: dispatcher.id });
    expect(t.assignedAt).toBe('2026-11-23T09:00:00.000Z');
  });

  it('lists urgent tasks on top, then by due date', async () => {
    await app.call(owner, 'tasks.create', { ...base(), priority: 'not_urgent', subject: 'later' });
    await app.call(owner, 'tasks.create', { ...base(), dueDate: '2026-12-01', subject: 'due' });
    await app.call(owner, 'tasks.create', { ...base(), priority: 'urgent', subject: 'fire' });
    const { rows, total } = await app.call(dispatcher.token, 'tasks.list', {});
    expect(total).toBe(3);
    expect(rows.map((r) => r.subject)).toEqual(['fire', 'due', 'later']);
    expect((await app.call(owner, 'tasks.list', { q: 'jonait', priority: 'urgent' })).total).toBe(1);
    // Finished work goes below the open work, urgent or not.
    const fire = rows[0]!;
    await app.call(owner, 'tasks.move', { id: fire.id, version: fire.version, status: 'cancelled', cancelReason: 'false alarm' });
    expect((await app.call(dispatcher.token, 'tasks.list', {})).rows.map((r) => r.subject)).toEqual(['due', 'later', 'fire']);
  });

  it('walks the board: assign, acknowledge, start, submit, and only a manager approves', async () => {
    let t = await app.call(dispatcher.token, 'tasks.create', base());
    const move = (token: string, status: string, extra: Record<string, unknown> = {}) => app.raw(token, 'tasks.move', { id: t.id, version: t.version, status, ...extra } as never);
    expect(await move(dispatcher.token, 'assigned')).toMatchObject({ ok: false, error: { key: 'errors.task_needs_assignee', field: 'assigneeId' } });
    t = await app.call(dispatcher.token, 'tasks.move', { id: t.id, version: t.version, status: 'assigned', assigneeId: employee.id });
    for (const status of ['acknowledged', 'in_progress', 'awaiting_approval'] as const) t = await app.call(employee.token, 'tasks.move', { id: t.id, version: t.version, status });
    expect(t).toMatchObject({ status: 'awaiting_approval', acknowledgedAt: '2026-11-23T09:00:00.000Z', submittedAt: '2026-11-23T09:00:00.000Z' });
    const refused = await move(employee.token, 'done');
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.task_approval_right' } });
    const stale = await app.raw(owner, 'tasks.move', { id: t.id, version: t.version - 1, status: 'done' });
    expect(stale).toMatchObject({ ok: false, error: { key: 'errors.stale' } });
    t = await app.call(owner, 'tasks.move', { id: t.id, version: t.version, status: 'done' });
    expect(t.doneAt).toBe('2026-11-23T09:00:00.000Z');
    expect(t.timeline.filter((n) => n.kind === 'change').map((n) => JSON.parse(n.text).status)).toEqual(['new', 'assigned', 'acknowledged', 'in_progress', 'awaiting_approval', 'done']);
    expect(await move(owner, 'in_progress')).toMatchObject({ ok: false, error: { key: 'errors.task_final' } });
  });

  it('cancels only with a reason, and refuses a move that skips steps without changing anything', async () => {
    const t = await app.call(dispatcher.token, 'tasks.create', base());
    const before = snapshotDb(app.core);
    expect(await app.raw(dispatcher.token, 'tasks.move', { id: t.id, version: t.version, status: 'cancelled', cancelReason: ' ' })).toMatchObject({ ok: false, error: { key: 'errors.task_cancel_reason' } });
    expect(await app.raw(dispatcher.token, 'tasks.move', { id: t.id, version: t.version, status: 'done', assigneeId: employee.id })).toMatchObject({ ok: false, error: { key: 'errors.task_move_not_allowed' } });
    expect(snapshotDb(app.core)).toBe(before);
    const c = await app.call(dispatcher.token, 'tasks.move', { id: t.id, version: t.version, status: 'cancelled', cancelReason: 'Client fixed it' });
    expect(c).toMatchObject({ status: 'cancelled', cancelReason: 'Client fixed it' });
  });

  it('keeps another branch out: its tasks are not there, and nobody is given work in a branch they do not see', async () => {
    const other = await app.call(owner, 'tasks.create', { ...base(), branchId: branchB });
    expect(other.number).toBeNull();
    expect(await app.raw(dispatcher.token, 'tasks.get', { id: other.id })).toMatchObject({ ok: false, error: { code: 'not_found', key: 'errors.task_not_found' } });
    expect(await app.raw(dispatcher.token, 'tasks.create', { ...base(), branchId: branchB })).toMatchObject({ ok: false, error: { key: 'errors.branch_not_found' } });
    expect(await app.raw(owner, 'tasks.create', { ...base(), branchId: branchB, assigneeId: employee.id })).toMatchObject({ ok: false, error: { key: 'errors.assignee_not_in_branch', field: 'assigneeId' } });
    expect((await app.call(dispatcher.token, 'tasks.list', {})).rows.map((r) => r.id)).not.toContain(other.id);
  });

  it('refuses a task in a locked month and deletes only tasks without a number', async () => {
    const t = await app.call(owner, 'tasks.create', base());
    expect(await app.raw(owner, 'tasks.delete', { id: t.id })).toMatchObject({ ok: false, error: { key: 'errors.task_numbered_delete' } });
    await app.call(owner, 'periods.lock', { month: '2026-11' });
    expect(await app.raw(owner, 'tasks.create', base())).toMatchObject({ ok: false, error: { code: 'locked_period', key: 'errors.period_locked' } });
    expect(await app.raw(owner, 'tasks.addNote', { taskId: t.id, text: 'called back' })).toMatchObject({ ok: true });
  });

  it('keeps a mailbox password sealed in main and never answers it', async () => {
    const m = await app.call(owner, 'tasks.saveMailbox', { branchId: branchA, name: 'Help', host: 'imap.invalid', port: 993, tls: true, login: 'help', password: 'hunter2-secret', folder: 'INBOX', enabled: true, pollSec: 60 });
    expect(m).toMatchObject({ hasPassword: true, host: 'imap.invalid' });
    expect(JSON.stringify(await app.call(owner, 'tasks.mailboxes', {}))).not.toContain('hunter2');
    const sealed = app.core.sqlite.prepare('select password from task_mailbox where id = ?').pluck().get(m.id) as string;
    expect(sealed).not.toContain('hunter2');
    expect(JSON.stringify(app.core.sqlite.prepare(`select * from audit_log where entity = 'task_mailbox'`).all())).not.toContain('hunter2');
    const kept = await app.call(owner, 'tasks.saveMailbox', { id: m.id, version: m.version, branchId: branchA, name: 'Help desk', host: 'imap.invalid', port: 993, tls: true, login: 'help', folder: 'INBOX', enabled: false, pollSec: 60 });
    expect(kept).toMatchObject({ hasPassword: true, enabled: false });
    expect(await app.raw(dispatcher.token, 'tasks.mailboxes', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
