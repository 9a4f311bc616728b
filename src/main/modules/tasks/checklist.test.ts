import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../../testing/dovecot';
import { addStaff, personInput, snapshotDb, type TestApp } from '../../testing/harness';
import { withTestOrg } from '../../testing/fixtures';
import type { PushEvent } from '../../api/events';

let app: TestApp;
let owner: string;
let branchId: string;
let manager: { id: string; token: string };
let dispatcher: { id: string; token: string };
let employee: { id: string; token: string };
let clientId: string;
const events: PushEvent[] = [];

withTestOrg('test', async (org) => {
  ({ app, owner } = org);
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  await app.call(owner, 'series.create', { docType: 'task', branchId, prefix: 'UZ-', padding: 5, nextNumber: 1 });
  const staff = async (login: string, role: 'branch_manager' | 'dispatcher' | 'employee') => ({ id: (await addStaff(app, owner, login, role, branchId)).id, token: await app.login(login, 'password-123') });
  manager = await staff('manager.a', 'branch_manager');
  dispatcher = await staff('dispatcher.a', 'dispatcher');
  employee = await staff('employee.a', 'employee');
  clientId = (await app.call(owner, 'clients.create', personInput('Jonas Jonaitis'))).client.id;
  events.length = 0;
  app.core.bus.on((e) => events.push(e));
});

const BOILER = [
  { text: 'Gas pressure measured', required: true },
  { text: 'Photo of the rating plate', required: false },
  { text: 'Flue gas analysed', required: true },
];

async function boilerType(items = BOILER) {
  return app.call(manager.token, 'tasks.types.save', { name: 'Boiler service', active: true, hourlyRateMinor: 4500, items });
}

/** A task of the type, given to the employee and started by them. */
async function startedTask(typeId: string) {
  let t = await app.call(dispatcher.token, 'tasks.create', { branchId, clientId, priority: 'medium', typeId, assigneeId: employee.id });
  for (const status of ['acknowledged', 'in_progress'] as const) t = await app.call(employee.token, 'tasks.move', { id: t.id, version: t.version, status });
  return t;
}

describe('task types with a checklist template', () => {
  it('saves the rate and the ordered template; managers only; items keep their ids when reordered', async () => {
    const type = await boilerType();
    expect(type).toMatchObject({ name: 'Boiler service', hourlyRateMinor: 4500, items: BOILER });
    expect(await app.raw(dispatcher.token, 'tasks.types.save', { name: 'Other', active: true, hourlyRateMinor: null, items: [] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const [a, b, c] = type.items;
    const saved = await app.call(manager.token, 'tasks.types.save', { id: type.id, version: type.version, name: 'Boiler service', active: true, hourlyRateMinor: 5000, items: [c!, { id: a!.id, text: a!.text, required: false }, { text: 'Leak test', required: true }] });
    expect(saved.items.map((i) => [i.text, i.required])).toEqual([['Flue gas analysed', true], ['Gas pressure measured', false], ['Leak test', true]]);
    expect(saved.items[0]!.id).toBe(c!.id);
    expect(saved.items[1]!.id).toBe(a!.id);
    expect(app.core.sqlite.prepare('select deleted_at is not null from task_type_check_item where id = ?').pluck().get(b!.id)).toBe(1);
    expect((await app.call(dispatcher.token, 'tasks.types.list', {})).find((t) => t.id === type.id)?.hourlyRateMinor).toBe(5000);
    const before = snapshotDb(app.core);
    expect(await app.raw(manager.token, 'tasks.types.save', { id: type.id, version: saved.version, name: 'Boiler service', active: true, hourlyRateMinor: 1, items: [{ id: clientId, text: 'x', required: false }] })).toMatchObject({
      ok: false,
      error: { key: 'errors.task_check_item_not_found', field: 'items.0.id' },
    });
    expect(snapshotDb(app.core)).toBe(before);
  });

  it('copies the template onto a task of the type, and again when the type changes before work starts, never after', async () => {
    const type = await boilerType();
    const other = await app.call(manager.token, 'tasks.types.save', { name: 'Inspection', active: true, hourlyRateMinor: null, items: [{ text: 'Visual check', required: true }] });
    const t = await app.call(dispatcher.token, 'tasks.create', { branchId, clientId, priority: 'medium', typeId: type.id });
    const list = await app.call(dispatcher.token, 'tasks.checklist.get', { taskId: t.id });
    expect(list).toMatchObject({ done: 0, total: 3 });
    expect(list.items.map((i) => i.text)).toEqual(BOILER.map((i) => i.text));
    const input = { branchId, clientId, priority: 'medium' as const, assigneeId: employee.id };
    let u = await app.call(dispatcher.token, 'tasks.update', { id: t.id, version: t.version, ...input, typeId: other.id });
    expect((await app.call(dispatcher.token, 'tasks.checklist.get', { taskId: t.id })).items.map((i) => i.text)).toEqual(['Visual check']);
    u = await app.call(employee.token, 'tasks.move', { id: u.id, version: u.version, status: 'in_progress' });
    await app.call(dispatcher.token, 'tasks.update', { id: u.id, version: u.version, ...input, typeId: type.id });
    expect((await app.call(dispatcher.token, 'tasks.checklist.get', { taskId: t.id })).items.map((i) => i.text)).toEqual(['Visual check']);
    // A task without a type (or of a type without a template) has no list and keeps today's rules.
    const plain = await app.call(dispatcher.token, 'tasks.create', { branchId, clientId, priority: 'medium', assigneeId: employee.id });
    expect((await app.call(dispatcher.token, 'tasks.checklist.get', { taskId: plain.id })).total).toBe(0);
  });
});

describe('a checklist through approval', () => {
  it('ticks with who and when; submission is refused naming the first required item still open', async () => {
    const type = await boilerType();
    let t = await startedTask(type.id);
    const { items } = await app.call(employee.token, 'tasks.checklist.get', { taskId: t.id });
    let list = await app.call(employee.token, 'tasks.checklist.tick', { taskId: t.id, itemId: items[0]!.id, checked: true, note: '1.2 bar' });
    expect(list.items[0]).toMatchObject({ checkedBy: employee.id, checkedByName: expect.any(String), checkedAt: '2026-11-23T09:00:00.000Z', note: '1.2 bar' });
    expect(list).toMatchObject({ done: 1, total: 3 });
    const before = snapshotDb(app.core);
    expect(await app.raw(employee.token, 'tasks.checklist.submit', { id: t.id, version: t.version })).toMatchObject({
      ok: false,
      error: { code: 'conflict', key: 'errors.task_checklist_open', field: 'checklist', params: { item: 'Flue gas analysed' } },
    });
    // The board's move is the same rule: no way around the list.
    expect(await app.raw(employee.token, 'tasks.move', { id: t.id, version: t.version, status: 'awaiting_approval' })).toMatchObject({ ok: false, error: { key: 'errors.task_checklist_open' } });
    expect(await app.raw(manager.token, 'tasks.move', { id: t.id, version: t.version, status: 'done' })).toMatchObject({ ok: false, error: { key: 'errors.task_needs_approval' } });
    expect(snapshotDb(app.core)).toBe(before);
    list = await app.call(employee.token, 'tasks.checklist.tick', { taskId: t.id, itemId: items[2]!.id, checked: true });
    list = await app.call(employee.token, 'tasks.checklist.tick', { taskId: t.id, itemId: items[0]!.id, checked: false });
    expect(list.items[0]).toMatchObject({ checkedBy: null, checkedAt: null, note: '1.2 bar' });
    await app.call(employee.token, 'tasks.checklist.tick', { taskId: t.id, itemId: items[0]!.id, checked: true });
    t = await app.call(employee.token, 'tasks.checklist.submit', { id: t.id, version: t.version });
    expect(t.status).toBe('awaiting_approval');
    // Under review the list stays as submitted.
    expect(await app.raw(employee.token, 'tasks.checklist.tick', { taskId: t.id, itemId: items[1]!.id, checked: true })).toMatchObject({ ok: false, error: { key: 'errors.task_checklist_submitted' } });
  });

  it('a manager rejects with a reason (timeline, push and e-mail to the assignee), then approves with a comment', async () => {
    await app.call(owner, 'mail.setSettings', { host: '127.0.0.1', port: 2525, secure: false, from: 'serviss@example.lv' });
    app.core.sqlite.prepare(`update app_user set email = 'employee.a@example.lv' where id = ?`).run(employee.id);
    const type = await boilerType([{ text: 'Gas pressure measured', required: true }]);
    let t = await startedTask(type.id);
    const [item] = (await app.call(employee.token, 'tasks.checklist.get', { taskId: t.id })).items;
    await app.call(employee.token, 'tasks.checklist.tick', { taskId: t.id, itemId: item!.id, checked: true });
    t = await app.call(employee.token, 'tasks.checklist.submit', { id: t.id, version: t.version });
    expect(await app.raw(employee.token, 'tasks.checklist.reject', { id: t.id, version: t.version, reason: 'No photo' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.raw(employee.token, 'tasks.move', { id: t.id, version: t.version, status: 'in_progress' })).toMatchObject({ ok: false, error: { key: 'errors.task_approval_right' } });
    expect(await app.raw(manager.token, 'tasks.checklist.reject', { id: t.id, version: t.version, reason: '  ' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    events.length = 0;
    t = await app.call(manager.token, 'tasks.checklist.reject', { id: t.id, version: t.version, reason: 'The pressure is not written down' });
    expect(t.status).toBe('in_progress');
    expect(JSON.parse(t.timeline.at(-1)!.text)).toEqual({ status: 'in_progress', assigneeId: employee.id, verdict: 'rejected', reason: 'The pressure is not written down' });
    expect(events.filter((e) => e.name === 'tasks.rejected')).toEqual([
      expect.objectContaining({ userId: employee.id, payload: { taskId: t.id, number: 'UZ-00001', reason: 'The pressure is not written down', by: expect.any(String) } }),
    ]);
    // The assignment's notice went to the same address before; the rejection is the one naming the task and the reason.
    const mail = app.core.sqlite.prepare(`select recipient, subject, body from outbox where recipient = 'employee.a@example.lv' and body like '%not written down%'`).all() as { subject: string; body: string }[];
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain('UZ-00001');
    expect(mail[0]!.body).toContain('The pressure is not written down');
    // Back at work the list can be ticked again, then submitted again and approved.
    t = await app.call(employee.token, 'tasks.checklist.submit', { id: t.id, version: t.version });
    expect(await app.raw(employee.token, 'tasks.checklist.approve', { id: t.id, version: t.version, comment: 'ok' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    t = await app.call(manager.token, 'tasks.checklist.approve', { id: t.id, version: t.version, comment: 'Checked on the phone with the client' });
    expect(t.status).toBe('done');
    expect(JSON.parse(t.timeline.filter((n) => n.kind === 'change').at(-1)!.text)).toMatchObject({ status: 'done', verdict: 'approved', reason: 'Checked on the phone with the client' });
    const audit = app.core.sqlite.prepare(`select action from audit_log where entity = 'task' and entity_id = ? order by rowid`).pluck().all(t.id);
    expect(audit.filter((a) => a === 'status').length).toBeGreaterThanOrEqual(6);
  });

  it('keeps another branch\'s list out, and refuses ticking in a locked month', async () => {
    const type = await boilerType();
    const t = await startedTask(type.id);
    const { items } = await app.call(employee.token, 'tasks.checklist.get', { taskId: t.id });
    const other = (await app.call(owner, 'branches.create', { name: 'Kaunas', timeZone: 'Europe/Vilnius' })).id;
    const foreign = await app.call(owner, 'tasks.create', { branchId: other, clientId, priority: 'medium', typeId: type.id });
    expect(await app.raw(employee.token, 'tasks.checklist.get', { taskId: foreign.id })).toMatchObject({ ok: false, error: { code: 'not_found', key: 'errors.task_not_found' } });
    const foreignItem = (await app.call(owner, 'tasks.checklist.get', { taskId: foreign.id })).items[0]!;
    expect(await app.raw(employee.token, 'tasks.checklist.tick', { taskId: t.id, itemId: foreignItem.id, checked: true })).toMatchObject({ ok: false, error: { code: 'not_found', key: 'errors.task_check_item_not_found' } });
    expect(await app.raw(owner, 'tasks.checklist.tick', { taskId: t.id, itemId: foreignItem.id, checked: true })).toMatchObject({ ok: false, error: { code: 'not_found', key: 'errors.task_check_item_not_found' } });
    await app.call(owner, 'periods.lock', { month: '2026-11' });
    const before = snapshotDb(app.core);
    expect(await app.raw(employee.token, 'tasks.checklist.tick', { taskId: t.id, itemId: items[0]!.id, checked: true })).toMatchObject({ ok: false, error: { code: 'locked_period' } });
    expect(snapshotDb(app.core)).toBe(before);
  });
});

describe('testing an intake mailbox', () => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await startDovecot({ help: 'pass-help' });
  });
  afterAll(async () => {
    await dovecot?.stop();
  });

  it('logs in for real: a wrong password is told by the server, the stored one is used when none is typed', async () => {
    const box = { branchId, name: 'Help', host: '127.0.0.1', port: dovecot.imapPort, tls: false, login: 'help', folder: 'INBOX', enabled: false, pollSec: 60 };
    expect(await app.call(manager.token, 'tasks.mailboxes.test', { ...box, password: 'wrong' })).toMatchObject({ ok: false, error: expect.stringMatching(/auth/i) });
    const saved = await app.call(owner, 'tasks.saveMailbox', { ...box, password: 'pass-help' });
    expect(await app.call(manager.token, 'tasks.mailboxes.test', { ...box, id: saved.id })).toMatchObject({ ok: true, messages: 0, error: null });
    expect(await app.call(manager.token, 'tasks.mailboxes.test', { ...box, folder: 'Nowhere', password: 'pass-help' })).toMatchObject({ ok: false });
    expect(await app.raw(dispatcher.token, 'tasks.mailboxes.test', { ...box, password: 'pass-help' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
