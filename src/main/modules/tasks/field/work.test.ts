import { afterEach, describe, expect, it } from 'vitest';
import { closeFieldOffices, officeWithTask, pageForms, sendPhoto, tap } from './fieldTesting';

/**
 * The phone page's timer, checklist and photos, end to end through a real hub and a real desk: the employee taps, the
 * desk's sync round applies each under its own rules at the phone's time, the outcome comes back to the page.
 */

afterEach(closeFieldOffices);

const MIN = 60_000;
/** A tiny real JPEG's first bytes are enough for the hub's check; the rest is opaque to it. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.alloc(2048, 7), Buffer.from([0xff, 0xd9])]);

describe('the phone page does the field job', () => {
  it('starts and stops the timer at the phone’s times; the page shows "running since" from the queue, then from the synced entry', async () => {
    const { hub, app, owner, employee, task, token } = await officeWithTask();
    // The desk was offline for a while: the tap reaches it 50 minutes later, and the tap's time is what counts.
    const startedAt = Date.now() - 50 * MIN;
    expect(await tap(hub, token, 'timer_start')).toBe(303);
    await hub.hub.db.updateTable('hub_field_action').set({ at: startedAt }).where('kind', '=', 'timer_start').execute();
    // Not applied yet: the page shows the queued start.
    const queued = (await pageForms(hub, token)).html;
    expect(queued).toContain('data-state="timer-pending"');
    expect((await pageForms(hub, token)).forms.map((f) => f.kind)).toContain('timer_stop');

    await app.call(owner, 'sync.now', {});
    const [entry] = (await app.call(owner, 'tasks.time.list', { taskId: task.id })).entries;
    expect(entry).toMatchObject({ employeeId: employee.id, endedAt: null });
    // The phone's time, not the pull's.
    expect(Math.abs(Date.parse(entry!.startedAt) - startedAt)).toBeLessThan(2000);
    expect((await app.call(owner, 'tasks.get', { id: task.id })).status).toBe('in_progress');

    await app.call(owner, 'sync.now', {});
    const running = (await pageForms(hub, token)).html;
    expect(running).toContain('data-state="timer-running"');
    const hhmm = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Riga' }).format(new Date(entry!.startedAt));
    expect(running).toContain(`Timer running since ${hhmm}`);

    expect(await tap(hub, token, 'timer_stop')).toBe(303);
    await hub.hub.db.updateTable('hub_field_action').set({ at: startedAt + 30 * MIN }).where('kind', '=', 'timer_stop').execute();
    expect((await pageForms(hub, token)).html).toContain('data-state="timer-stop-pending"');
    await app.call(owner, 'sync.now', {});
    const [stopped] = (await app.call(owner, 'tasks.time.list', { taskId: task.id })).entries;
    expect(Math.round(stopped!.seconds! / 60)).toBe(30);
    await app.call(owner, 'sync.now', {});
    const page = (await pageForms(hub, token)).html;
    expect(page).toContain('data-state="timer-stopped"');
    expect(page).toContain('class="sessions"');
    expect(page).not.toContain('role="alert"');
  });

  it('refuses a start that overlaps the employee’s running timer on another task, and tells them why on the next load, in their language', async () => {
    const { hub, app, owner, employee, task, token } = await officeWithTask();
    // The employee's own timer runs on another task, started at the desk.
    const { clientId, branchId } = await app.call(owner, 'tasks.get', { id: task.id });
    const other = await app.call(owner, 'tasks.create', { branchId, clientId, priority: 'medium', subject: 'Radiator', assigneeId: employee.id });
    const login = await app.login('jonas.field', 'password-123');
    await app.call(login, 'tasks.time.start', { taskId: other.id });

    expect(await tap(hub, token, 'timer_start')).toBe(303);
    await app.call(owner, 'sync.now', {});
    await app.call(owner, 'sync.now', {});
    expect((await app.call(owner, 'tasks.time.list', { taskId: task.id })).entries).toEqual([]);
    expect(await app.core.db.selectFrom('task_field_outcome').select(['kind', 'outcome', 'reason']).execute()).toEqual([{ kind: 'timer_start', outcome: 'refused', reason: 'errors.time_timer_running' }]);
    const en = (await pageForms(hub, token)).html;
    expect(en).toContain('Not accepted by the office');
    expect(en).toMatch(/data-refused="timer_start">Timer start at \d\d:\d\d: A timer already runs on task UZ-00002/);
    const lt = (await pageForms(hub, token, '?lang=lt')).html;
    expect(lt).toContain('Biuras nepriėmė');
    expect(lt).toContain('Laikmačio paleidimas');
    // Nothing pending is left: the page offers the start again.
    expect(en).toContain('data-state="timer-stopped"');
  });

  it('ticks and unticks checklist items as the employee; the page shows the tick pending, then confirmed', async () => {
    const { hub, app, owner, employee, task, token } = await officeWithTask({ items: [{ text: 'Gas pressure measured', required: true }, { text: 'Flue gas analysed', required: false }] });
    const { forms } = await pageForms(hub, token);
    const checks = forms.filter((f) => f.kind === 'check');
    expect(checks).toHaveLength(2);
    expect(await tap(hub, token, 'check', checks[0]!.item!)).toBe(303);
    expect(await tap(hub, token, 'check', checks[1]!.item!)).toBe(303);
    expect(await tap(hub, token, 'uncheck', checks[1]!.item!)).toBe(303);
    const pending = (await pageForms(hub, token)).html;
    expect(pending.match(/aria-checked="true"/g)).toHaveLength(1);
    await app.call(owner, 'sync.now', {});
    const list = await app.call(owner, 'tasks.checklist.get', { taskId: task.id });
    expect(list.items.map((i) => [i.text, i.checkedBy])).toEqual([
      ['Gas pressure measured', employee.id],
      ['Flue gas analysed', null],
    ]);
    await app.call(owner, 'sync.now', {});
    const page = (await pageForms(hub, token)).html;
    expect(page.match(/aria-checked="true"/g)).toHaveLength(1);
    expect(page).not.toMatch(/aria-checked="true"[^]*?sent — the office/);
    // An item id that is not this task's is refused on the hub and queues nothing.
    const before = await hub.hub.db.selectFrom('hub_field_action').select('id').execute();
    const { forms: again } = await pageForms(hub, token);
    const form = again.find((f) => f.kind === 'check')!;
    const res = await fetch(`${hub.url}/m/${token}/act`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ id: form.id, kind: 'check', item: 'not-an-item' }).toString(), redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This checklist item no longer exists.');
    expect(await hub.hub.db.selectFrom('hub_field_action').select('id').execute()).toHaveLength(before.length);
  });

  it('attaches a photo to the task as an attachment, then drops it from the hub; a file that is not an image is refused and queues nothing', async () => {
    const { hub, app, owner, task, token } = await officeWithTask();
    const bad = await sendPhoto(hub, token, { name: 'evil.jpg', type: 'image/jpeg', data: Buffer.from('<script>alert(1)</script>') });
    expect(bad.status).toBe(415);
    expect(bad.html).toContain('Only JPEG, PNG or WebP photos can be sent.');
    expect(await hub.hub.db.selectFrom('hub_field_action').select('id').execute()).toEqual([]);

    const good = await sendPhoto(hub, token, { name: 'IMG_2041.jpeg', type: 'image/jpeg', data: JPEG });
    expect(good.status).toBe(303);
    expect((await pageForms(hub, token)).html).toContain('data-photo="pending"');
    expect(await hub.hub.db.selectFrom('hub_field_photo').select('size').execute()).toEqual([{ size: JPEG.length }]);

    await app.call(owner, 'sync.now', {});
    const detail = await app.call(owner, 'tasks.get', { id: task.id });
    expect(detail.attachments).toMatchObject([{ fileName: 'IMG_2041.jpg', mime: 'image/jpeg', size: JPEG.length }]);
    const stored = await app.core.db.selectFrom('task_attachment').select('data').where('task_id', '=', task.id).executeTakeFirstOrThrow();
    expect(Buffer.compare(Buffer.from(stored.data as Uint8Array), JPEG)).toBe(0);
    // The next round's pull says the desk has it: the hub lets the bytes go; the page says it is attached.
    await app.call(owner, 'sync.now', {});
    expect(await hub.hub.db.selectFrom('hub_field_photo').select('size').execute()).toEqual([]);
    expect((await pageForms(hub, token)).html).toContain('data-photo="attached"');
  });
});
