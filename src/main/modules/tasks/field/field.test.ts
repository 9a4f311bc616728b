import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../clock';
import { addStaff, disposeTestApp, openTestOrg, personInput, type TestApp } from '../../../testing/harness';
import { startTestHub, type TestHub } from '../../../sync/engine/hubTesting';
import { mintLink } from '../../../../hub/store/links';

/**
 * The phone page's actions travel hub → branch desktop → hub: a real hub (SQLite, over HTTP on 127.0.0.1), a real
 * core registered with it, the employee's forms posted as a phone would.
 */

const opened: TestApp[] = [];
const hubs: TestHub[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.stop();
  for (const app of opened.splice(0)) await disposeTestApp(app);
});

async function officeWithTask() {
  const hub = await startTestHub();
  hubs.push(hub);
  const { app, owner } = await openTestOrg({ config: { clock: systemClock } });
  opened.push(app);
  await app.call(owner, 'sync.register', { hubUrl: hub.url, code: await hub.newOrgCode('Test Serviss'), deviceName: 'Vilnius desk' });
  const [branch] = await app.call(owner, 'branches.list', {});
  await app.call(owner, 'series.create', { docType: 'task', branchId: branch!.id, prefix: 'UZ-', padding: 5, nextNumber: 1 });
  const employee = await addStaff(app, owner, 'jonas.field', 'employee', branch!.id);
  const clientId = (await app.call(owner, 'clients.create', personInput('Ona Onaitė'))).client.id;
  const task = await app.call(owner, 'tasks.create', { branchId: branch!.id, clientId, priority: 'urgent', subject: 'Boiler', address: 'Gedimino pr. 1, Vilnius', assigneeId: employee.id });
  await app.call(owner, 'sync.now', {});
  const device = await hub.hub.db.selectFrom('hub_device').selectAll().executeTakeFirstOrThrow();
  const link = await mintLink(hub.hub.db, device, { employeeId: employee.id, taskId: task.id, branchId: branch!.id, language: 'en', expiresAt: Date.now() + 3600_000 }, Date.now());
  return { hub, app, owner, employee, task, token: link.token };
}

async function formIds(hub: TestHub, token: string): Promise<{ ack: string; note: string }> {
  const html = await (await fetch(`${hub.url}/m/${token}`)).text();
  const ids = Object.fromEntries([...html.matchAll(/name="id" value="([0-9a-f-]{36})"><input type="hidden" name="kind" value="(\w+)"/g)].map((m) => [m[2] === 'acknowledge' ? 'ack' : 'note', m[1]]));
  return ids as { ack: string; note: string };
}

async function send(hub: TestHub, token: string, form: Record<string, string>): Promise<number> {
  const res = await fetch(`${hub.url}/m/${token}/act`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' });
  return res.status;
}

describe('field actions from the phone page', () => {
  it("the desk's sync round applies acknowledge and a note once, as the employee and by phone; the page then shows them confirmed", async () => {
    const { hub, app, owner, employee, task, token } = await officeWithTask();
    const ids = await formIds(hub, token);
    expect(await send(hub, token, { id: ids.ack, kind: 'acknowledge' })).toBe(303);
    expect(await send(hub, token, { id: ids.note, kind: 'note', text: 'On my way, 20 minutes' })).toBe(303);
    expect(await (await fetch(`${hub.url}/m/${token}`)).text()).toContain('data-state="ack-pending"');

    await app.call(owner, 'sync.now', {});
    const after = await app.call(owner, 'tasks.get', { id: task.id });
    expect(after.status).toBe('acknowledged');
    expect(after.acknowledgedAt).not.toBeNull();
    const change = after.timeline.find((n) => n.kind === 'change' && n.text.includes('"via":"phone"'));
    expect(change).toMatchObject({ personId: employee.id, text: JSON.stringify({ status: 'acknowledged', via: 'phone' }) });
    expect(after.timeline.filter((n) => n.kind === 'note')).toMatchObject([{ id: ids.note, text: 'On my way, 20 minutes', personId: employee.id }]);

    // The round pushed the result: the page shows it from the hub's cells, nothing pending.
    await app.call(owner, 'sync.now', {});
    const page = await (await fetch(`${hub.url}/m/${token}`)).text();
    expect(page).toContain('data-state="acknowledged"');
    expect(page).not.toMatch(/data-state="(ack|note)-pending"/);
    expect(page).toContain('On my way, 20 minutes');

    // Pulled again from the start (a crash after the apply, before the cursor was kept): nothing applied twice.
    await app.core.db.updateTable('task_field_cursor').set({ cursor: 0 }).execute();
    await app.call(owner, 'sync.now', {});
    const again = await app.call(owner, 'tasks.get', { id: task.id });
    expect(again.timeline.length).toBe(after.timeline.length);
    expect(again.version).toBe(after.version);
    expect(await app.core.db.selectFrom('task_field_action').select(['kind', 'outcome']).orderBy('kind').execute()).toEqual([
      { kind: 'acknowledge', outcome: 'applied' },
      { kind: 'note', outcome: 'applied' },
    ]);
  });

  it('an action of someone the task was taken from is refused, remembered, and changes nothing', async () => {
    const { hub, app, owner, task, token } = await officeWithTask();
    const ids = await formIds(hub, token);
    expect(await send(hub, token, { id: ids.ack, kind: 'acknowledge' })).toBe(303);
    // Before the office pulls it, the dispatcher takes the task back.
    await app.call(owner, 'tasks.move', { id: task.id, version: (await app.call(owner, 'tasks.get', { id: task.id })).version, status: 'new' });
    await app.call(owner, 'sync.now', {});
    const after = await app.call(owner, 'tasks.get', { id: task.id });
    expect(after.status).toBe('new');
    expect(after.acknowledgedAt).toBeNull();
    expect(await app.core.db.selectFrom('task_field_action').select('outcome').execute()).toEqual([{ outcome: 'refused:not_assignee' }]);
  });
});
