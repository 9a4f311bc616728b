import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportsDir } from '../../../reports/files';
import { withTestOrg } from '../../../testing/fixtures';
import { addStaff, personInput, type TestApp } from '../../../testing/harness';

let app: TestApp;
let owner: string;
let branchA: string;
let dispatcher: { id: string; token: string };
let employee: { id: string; token: string };
let other: { id: string; token: string };
let clientId: string;

withTestOrg('test', async (org) => {
  ({ app, owner } = org);
  branchA = (await app.call(owner, 'branches.list', {}))[0]!.id;
  await app.call(owner, 'series.create', { docType: 'task', branchId: branchA, prefix: 'UZ-', padding: 5, nextNumber: 1 });
  const d = await addStaff(app, owner, 'dispatcher.a', 'dispatcher', branchA);
  const e = await addStaff(app, owner, 'employee.a', 'employee', branchA);
  const o = await addStaff(app, owner, 'employee.b', 'employee', branchA);
  dispatcher = { id: d.id, token: await app.login('dispatcher.a', 'password-123') };
  employee = { id: e.id, token: await app.login('employee.a', 'password-123') };
  other = { id: o.id, token: await app.login('employee.b', 'password-123') };
  clientId = (await app.call(owner, 'clients.create', { ...personInput('Jonas Jonaitis'), preferredLanguage: 'lt' })).client.id;
});

const task = (assigneeId: string | null = employee.id, subject = 'Boiler') => app.call(dispatcher.token, 'tasks.create', { branchId: branchA, clientId, priority: 'medium', subject, assigneeId });
const at = (hm: string) => `2026-11-23T${hm}:00.000Z`;
const manual = (taskId: string, from: string, to: string, extra: Record<string, unknown> = {}) => ({ taskId, startedAt: at(from), endedAt: at(to), billable: true, ...extra });

function pdfText(fileId: string): string {
  const dir = reportsDir(app.dir);
  const file = path.join(dir, fs.readdirSync(dir).find((f) => f.startsWith(fileId) && f.endsWith('.pdf'))!);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe('time on tasks', () => {
  it('starts a timer (the task goes to in progress), stops it, and counts whole seconds', async () => {
    const t = await task();
    const started = await app.call(employee.token, 'tasks.time.start', { taskId: t.id });
    expect(started).toMatchObject({ employeeId: employee.id, endedAt: null, source: 'timer', day: '2026-11-23' });
    expect((await app.call(employee.token, 'tasks.get', { id: t.id })).status).toBe('in_progress');
    expect(await app.call(employee.token, 'tasks.time.running', {})).toMatchObject({ taskId: t.id, taskNumber: t.number });
    app.clock.advance(30 * 60_000 + 900);
    expect(await app.call(employee.token, 'tasks.time.stop', {})).toMatchObject({ seconds: 1800, endedAt: '2026-11-23T09:30:00.900Z' });
    expect(await app.call(employee.token, 'tasks.time.running', {})).toBeNull();
    expect(await app.call(employee.token, 'tasks.time.stop', {})).toBeNull();
  });

  it('refuses a second timer, naming the running one, unless asked to stop it and start here', async () => {
    const first = await task(employee.id, 'first');
    const second = await task(employee.id, 'second');
    await app.call(employee.token, 'tasks.time.start', { taskId: first.id });
    app.clock.advance(10 * 60_000);
    const refused = await app.raw(employee.token, 'tasks.time.start', { taskId: second.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.time_timer_running', params: { number: first.number } } });
    expect(await app.raw(employee.token, 'tasks.time.start', { taskId: first.id })).toMatchObject({ ok: false, error: { key: 'errors.time_timer_here' } });
    await app.call(employee.token, 'tasks.time.start', { taskId: second.id, stopRunning: true });
    const list = await app.call(employee.token, 'tasks.time.list', { taskId: first.id });
    expect(list.entries).toMatchObject([{ seconds: 600 }]);
    expect((await app.call(employee.token, 'tasks.time.running', {}))?.taskId).toBe(second.id);
  });

  it('refuses a manual entry overlapping the same employee, naming the other task and its times; touching is fine', async () => {
    const a = await task(employee.id, 'a');
    const b = await task(employee.id, 'b');
    await app.call(employee.token, 'tasks.time.add', manual(a.id, '06:00', '07:00', { note: 'diagnosis' }));
    const refused = await app.raw(employee.token, 'tasks.time.add', manual(b.id, '06:30', '07:30'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.time_overlap', field: 'startedAt', params: { number: a.number } } });
    expect(!refused.ok && refused.error.params?.start).toMatch(/^2026-11-23 0\d:00$/);
    await app.call(employee.token, 'tasks.time.add', manual(b.id, '07:00', '08:00'));
    // Another employee's time never collides with this one's.
    await app.call(dispatcher.token, 'tasks.time.add', { ...manual(a.id, '06:00', '07:00'), employeeId: other.id });
    // Nor with the running timer, which covers everything up to now.
    await app.call(employee.token, 'tasks.time.start', { taskId: a.id });
    app.clock.advance(20 * 60_000);
    expect(await app.raw(employee.token, 'tasks.time.add', manual(b.id, '09:10', '09:15'))).toMatchObject({ ok: false, error: { key: 'errors.time_overlap_running' } });
    const list = await app.call(dispatcher.token, 'tasks.time.list', { taskId: a.id });
    expect(list.perEmployee.map((p) => [p.employeeId, p.seconds])).toEqual([
      [employee.id, 3600 + 1200],
      [other.id, 3600],
    ]);
    expect(list.seconds).toBe(8400);
  });

  it('keeps manual entries within bounds and out of locked months; nothing changes when refused', async () => {
    const t = await task();
    const bad = async (input: object, key: string) => expect(await app.raw(employee.token, 'tasks.time.add', input)).toMatchObject({ ok: false, error: { key: `errors.${key}` } });
    await bad(manual(t.id, '07:00', '07:00'), 'time_end_before_start');
    await bad(manual(t.id, '08:00', '10:00'), 'time_in_future');
    await bad({ ...manual(t.id, '08:00', '09:00'), startedAt: '2026-11-22T07:59:00.000Z' }, 'time_too_long');
    await app.call(owner, 'periods.lock', { month: '2026-10' });
    await bad({ ...manual(t.id, '08:00', '09:00'), startedAt: '2026-10-31T08:00:00.000Z', endedAt: '2026-10-31T09:00:00.000Z' }, 'period_locked');
    expect((await app.call(employee.token, 'tasks.time.list', { taskId: t.id })).entries).toEqual([]);
  });

  it('lets an employee keep only their own time on their tasks; dispatchers keep anyone in the branch', async () => {
    const mine = await task(employee.id);
    const notMine = await task(other.id);
    expect(await app.raw(employee.token, 'tasks.time.start', { taskId: notMine.id })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.time_not_your_task' } });
    expect(await app.raw(employee.token, 'tasks.time.add', { ...manual(mine.id, '06:00', '07:00'), employeeId: other.id })).toMatchObject({ ok: false, error: { key: 'errors.time_not_your_entry' } });
    const theirs = await app.call(dispatcher.token, 'tasks.time.add', { ...manual(mine.id, '06:00', '07:00'), employeeId: other.id, billable: false });
    expect(await app.raw(employee.token, 'tasks.time.remove', { id: theirs.id, version: theirs.version })).toMatchObject({ ok: false, error: { key: 'errors.time_entry_not_found' } });
    const own = await app.call(employee.token, 'tasks.time.add', manual(mine.id, '07:00', '08:00'));
    const edited = await app.call(employee.token, 'tasks.time.edit', { id: own.id, version: own.version, startedAt: at('07:15'), endedAt: at('08:00'), note: 'parts', billable: true });
    expect(edited).toMatchObject({ seconds: 2700, note: 'parts', version: 2 });
    expect(await app.raw(employee.token, 'tasks.time.edit', { id: own.id, version: 1, startedAt: at('07:15'), endedAt: at('08:00'), billable: true })).toMatchObject({ ok: false, error: { key: 'errors.stale' } });
    await app.call(dispatcher.token, 'tasks.time.remove', { id: theirs.id, version: theirs.version });
    expect((await app.call(employee.token, 'tasks.time.list', { taskId: mine.id })).entries.map((e) => e.id)).toEqual([own.id]);
  });

  it('prints the work act in the client language, per task and per client and period, with totals and signature lines', async () => {
    const t = await task(employee.id, 'Katilo remontas');
    await app.call(employee.token, 'tasks.time.add', manual(t.id, '06:00', '07:30', { note: 'Pakeistas vožtuvas' }));
    await app.call(dispatcher.token, 'tasks.time.add', { ...manual(t.id, '06:00', '06:45'), employeeId: other.id, billable: false });
    const file = await app.call(dispatcher.token, 'tasks.time.workAct', { taskId: t.id });
    const text = pdfText(file.fileId);
    expect(text).toContain('Atliktų darbų aktas');
    expect(text).toContain('Pakeistas vožtuvas');
    expect(text).toMatch(/Iš viso\s+2:15/);
    expect(text).toContain('iš jų apmokama 1:30');
    expect(text).toContain('Vykdytojas');
    expect(text).toContain('Parašas, vardas, pavardė, data');
    expect(file.rows).toBe(2);
    const period = await app.call(dispatcher.token, 'tasks.time.clientAct', { clientId, from: '2026-11-01', to: '2026-11-30' });
    expect(period.rows).toBe(2);
    expect((await app.call(dispatcher.token, 'tasks.time.clientAct', { clientId, from: '2026-12-01', to: '2026-12-31' })).rows).toBe(0);
    expect(await app.raw(dispatcher.token, 'tasks.time.clientAct', { clientId, from: '2026-12-01', to: '2026-11-30' })).toMatchObject({ ok: false, error: { key: 'errors.end_before_start' } });
  });
});
