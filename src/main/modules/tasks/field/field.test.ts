import { afterEach, describe, expect, it } from 'vitest';
import { closeFieldOffices, officeWithTask, pageForms, send } from './fieldTesting';

/**
 * The phone page's actions travel hub → branch desktop → hub: a real hub (SQLite, over HTTP on 127.0.0.1), a real
 * core registered with it, the employee's forms posted as a phone would.
 */

afterEach(closeFieldOffices);

async function formIds(hub: Parameters<typeof pageForms>[0], token: string): Promise<{ ack: string; note: string }> {
  const { forms } = await pageForms(hub, token);
  return { ack: forms.find((f) => f.kind === 'acknowledge')!.id, note: forms.find((f) => f.kind === 'note')!.id };
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
