import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../clock';
import { addStaff, disposeTestApp, openTestOrg, personInput, type TestApp } from '../../../testing/harness';
import { startTestHub, type TestHub } from '../../../sync/engine/hubTesting';
import { createHubClient } from '../../../sync/engine/hubClient';
import { keyContext, loadDevice, SCHEMA_VERSION } from '../../../sync/engine/device';
import { secretsFor } from '../../../mail';
import { fields, solvedChallenge, submit } from '../../../../hub/testing/webForm';
import { pullWebIntake } from '../index';
import type { PushEvent } from '../../../api/events';

/**
 * The web form's submissions reaching the desktop: a real hub (SQLite, this process, HTTP on 127.0.0.1), a real core
 * registered with it; a visitor submits over HTTP, the core's sync round makes the task.
 */

const opened: TestApp[] = [];
const hubs: TestHub[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.stop();
  for (const app of opened.splice(0)) await disposeTestApp(app);
});

/** Real payloads from XSS cheat sheets: every one must arrive as the very text the visitor typed. */
export const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  "javascript:alert('x')",
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '{{constructor.constructor("alert(1)")()}}',
  '<a href="javascript:alert(1)">click</a>',
  '</textarea><script>alert(1)</script>',
];

async function organization() {
  const hub = await startTestHub();
  hubs.push(hub);
  const org = await openTestOrg({ config: { clock: systemClock } });
  opened.push(org.app);
  const { app, owner } = org;
  const [branch] = await app.call(owner, 'branches.list', {});
  await app.call(owner, 'series.create', { docType: 'task', branchId: branch!.id, prefix: 'WEB-', padding: 4, nextNumber: 1 });
  await addStaff(app, owner, 'dispatcher.a', 'dispatcher', branch!.id);
  const jonas = await addStaff(app, owner, 'jonas', 'employee', branch!.id);
  const hidden = await addStaff(app, owner, 'hidden', 'employee', branch!.id);
  await app.call(owner, 'tasks.webIntake.setPublic', { id: jonas.id, publicOnWeb: true });
  await app.call(owner, 'sync.register', { hubUrl: hub.url, code: await hub.newOrgCode('Test Serviss'), deviceName: 'Vilnius desk' });
  const orgId = (await app.call(owner, 'auth.me', {}))!.orgId;
  await app.call(owner, 'sync.now', {});
  return { hub, app, owner, orgId, branchId: branch!.id, jonas, hidden };
}

const webTasks = async (app: TestApp, token: string) => (await app.call(token, 'tasks.list', {})).rows.filter((t) => t.source === 'web');

describe('web form submissions become tasks on the branch device', () => {
  it('the hub lists only public employees; a submission becomes a task with the requested employee, a new client for review, its files — once', async () => {
    const { hub, app, owner, orgId, jonas, hidden } = await organization();
    const people = await app.call(owner, 'tasks.webIntake.people', {});
    expect(people.filter((p) => p.publicOnWeb).map((p) => p.id)).toEqual([jonas.id]);
    const config = (await (await fetch(`${hub.url}/w/v1/form/${orgId}?lang=lt`)).json()) as { employees: { id: string }[] };
    expect(config.employees.map((e) => e.id)).toEqual([jonas.id]);
    const refused = await submit(hub.url, orgId, { altcha: await solvedChallenge(hub.url), website: '', fields: fields({ employeeId: hidden.id }), attachments: [] });
    expect(refused.status).toBe(400);

    const file = { name: 'leak.jpg', type: 'image/jpeg', data: Buffer.from('jpeg bytes').toString('base64') };
    const sent = await submit(hub.url, orgId, {
      altcha: await solvedChallenge(hub.url),
      website: '',
      fields: fields({ employeeId: jonas.id, description: `Kaista katilas\n${XSS_PAYLOADS.join('\n')}`, name: '<b>Ona</b>' }),
      attachments: [file],
    });
    expect(sent.status).toBe(200);
    await app.call(owner, 'sync.now', {});
    const [task] = await webTasks(app, owner);
    const detail = await app.call(owner, 'tasks.get', { id: task!.id });
    expect(detail).toMatchObject({ source: 'web', priority: 'urgent', subject: 'Kaista katilas', requestedAssigneeId: jonas.id, assigneeId: jonas.id, status: 'assigned', clientName: '<b>Ona</b>', clientEmail: 'ona@example.test', clientReview: true, address: 'Gedimino pr. 1, Vilnius' });
    expect(detail.description).toBe(`Kaista katilas\n${XSS_PAYLOADS.join('\n')}`);
    const files = app.core.sqlite.prepare('select file_name, mime, size from task_attachment where task_id = ?').all(task!.id);
    expect(files).toEqual([{ file_name: 'leak.jpg', mime: 'image/jpeg', size: 10 }]);
    expect(app.core.sqlite.prepare('select reference from task_web_intake').all()).toEqual([{ reference: sent.body.reference }]);
    // The reference the visitor was shown is on the task, and the quick search finds the task by it, typed in any case.
    expect(detail.webReference).toBe(sent.body.reference);
    expect(detail.timeZone).toBe('Europe/Riga');
    const typed = String(sent.body.reference).slice(2).toLowerCase();
    const grid = await app.call(owner, 'tasks.grid.list', { scope: { filters: { search: typed } }, offset: 0, limit: 50 });
    expect(grid.rows.map((r) => r.id)).toEqual([task!.id]);
    expect((await app.call(owner, 'tasks.list', { q: `w-${typed}`, limit: 10, offset: 0 })).rows.map((r) => r.id)).toEqual([task!.id]);
    expect((await app.call(owner, 'tasks.grid.list', { scope: { filters: { search: 'W-NOSUCH' } }, offset: 0, limit: 50 })).rows).toEqual([]);
    // Acknowledged: another round takes nothing more.
    await app.call(owner, 'sync.now', {});
    expect(await webTasks(app, owner)).toHaveLength(1);
    expect(await hub.hub.db.selectFrom('hub_intake').select('delivered_at').execute()).toEqual([{ delivered_at: expect.any(Number) }]);
  });

  it('a submission whose acknowledgement was lost is pulled again and makes no second task; a known client is found by phone', async () => {
    const { hub, app, owner, orgId } = await organization();
    const known = await app.call(owner, 'clients.create', { ...personInput('Petras Petraitis'), phones: [{ number: '+370 612 34567' }] });
    await app.call(owner, 'sync.now', {});
    const sent = await submit(hub.url, orgId, { altcha: await solvedChallenge(hub.url), website: '', fields: fields({ email: '', phone: '+370 (612) 345-67', name: 'Petras' }), attachments: [] });
    expect(sent.status).toBe(200);
    const dev = (await loadDevice(app.core.db))!;
    const key = secretsFor(app.core.config).decrypt(dev.device_key_enc!, keyContext(dev.installation_id));
    const client = createHubClient(hub.url);
    // The answer carrying the acknowledgement never arrives: the hub keeps the submission.
    const lost = (req: { ack: string[]; after: number; limit: number }) => client.intake(key, { schemaVersion: SCHEMA_VERSION, ...req, ack: [] });
    const c = app.core;
    const problems: unknown[] = [];
    const deps = { db: c.db, clock: c.clock, config: c.config, services: c.services, publish: (e: PushEvent) => c.bus.publish(e), log: (_m: string, e?: unknown) => void problems.push(e) };
    expect(await pullWebIntake(deps, orgId, lost)).toBe(1);
    expect(problems).toEqual([]);
    expect(await hub.hub.db.selectFrom('hub_intake').select('delivered_at').execute()).toEqual([{ delivered_at: null }]);
    await app.call(owner, 'sync.now', {});
    const tasks = await webTasks(app, owner);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ clientId: known.client.id });
    expect(await hub.hub.db.selectFrom('hub_intake').select('delivered_at').execute()).toEqual([{ delivered_at: expect.any(Number) }]);
  });
});
