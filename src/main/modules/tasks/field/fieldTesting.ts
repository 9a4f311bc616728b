import { systemClock } from '../../../clock';
import { addStaff, disposeTestApp, openTestOrg, personInput, type TestApp } from '../../../testing/harness';
import { startTestHub, type TestHub } from '../../../sync/engine/hubTesting';
import { mintLink } from '../../../../hub/store/links';

/**
 * A branch's desk registered with a real hub (SQLite, over HTTP on 127.0.0.1), an employee, a task given to them and
 * a signed link to its phone page: what the field tests post to as a phone would.
 */
export interface FieldOffice {
  hub: TestHub;
  app: TestApp;
  owner: string;
  branchId: string;
  employee: { id: string };
  task: { id: string };
  token: string;
}

const opened: TestApp[] = [];
const hubs: TestHub[] = [];

export async function closeFieldOffices(): Promise<void> {
  for (const h of hubs.splice(0)) await h.stop();
  for (const app of opened.splice(0)) await disposeTestApp(app);
}

/** `items`: the task type's checklist template. */
export async function officeWithTask(opts: { items?: { text: string; required: boolean }[] } = {}): Promise<FieldOffice> {
  const hub = await startTestHub();
  hubs.push(hub);
  const { app, owner } = await openTestOrg({ config: { clock: systemClock } });
  opened.push(app);
  await app.call(owner, 'sync.register', { hubUrl: hub.url, code: await hub.newOrgCode('Test Serviss'), deviceName: 'Vilnius desk' });
  const [branch] = await app.call(owner, 'branches.list', {});
  const branchId = branch!.id;
  await app.call(owner, 'series.create', { docType: 'task', branchId, prefix: 'UZ-', padding: 5, nextNumber: 1 });
  const employee = await addStaff(app, owner, 'jonas.field', 'employee', branchId);
  const clientId = (await app.call(owner, 'clients.create', personInput('Ona Onaitė'))).client.id;
  const typeId = opts.items ? (await app.call(owner, 'tasks.types.save', { name: 'Boiler service', active: true, hourlyRateMinor: 4500, items: opts.items })).id : undefined;
  const task = await app.call(owner, 'tasks.create', { branchId, clientId, priority: 'urgent', subject: 'Boiler', address: 'Gedimino pr. 1, Vilnius', assigneeId: employee.id, ...(typeId ? { typeId } : {}) });
  await app.call(owner, 'sync.now', {});
  const device = await hub.hub.db.selectFrom('hub_device').selectAll().executeTakeFirstOrThrow();
  const link = await mintLink(hub.hub.db, device, { employeeId: employee.id, taskId: task.id, branchId, language: 'en', expiresAt: Date.now() + 24 * 3600_000 }, Date.now());
  return { hub, app, owner, branchId, employee, task, token: link.token };
}

export interface PageForm {
  id: string;
  kind: string;
  item: string | null;
}

/** The page's action forms as a phone would see them: each with the id chosen when the page was shown. */
export async function pageForms(hub: TestHub, token: string, query = ''): Promise<{ html: string; forms: PageForm[] }> {
  const html = await (await fetch(`${hub.url}/m/${token}${query}`)).text();
  const forms = [...html.matchAll(/name="id" value="([0-9a-f-]{36})"><input type="hidden" name="kind" value="(\w+)">(?:<input type="hidden" name="item" value="([^"]+)">)?/g)].map((m) => ({
    id: m[1]!,
    kind: m[2]!,
    item: m[3] ?? null,
  }));
  return { html, forms };
}

/** Posts one of the page's forms (or a hand-made one) and answers the status. */
export async function send(hub: TestHub, token: string, form: Record<string, string>): Promise<number> {
  const res = await fetch(`${hub.url}/m/${token}/act`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' });
  return res.status;
}

/** Sends the page's form of this kind (and item), as shown now. */
export async function tap(hub: TestHub, token: string, kind: string, item?: string): Promise<number> {
  const { forms } = await pageForms(hub, token);
  const form = forms.find((f) => f.kind === kind && (item === undefined || f.item === item));
  if (!form) throw new Error(`the page shows no ${kind} form${item ? ` for ${item}` : ''}`);
  return send(hub, token, { id: form.id, kind, ...(form.item ? { item: form.item } : {}) });
}

/** Posts a photo as the page's upload form does (multipart), with the page's id. */
export async function sendPhoto(hub: TestHub, token: string, file: { name: string; type: string; data: Buffer }): Promise<{ status: number; html: string }> {
  const html = await (await fetch(`${hub.url}/m/${token}`)).text();
  const id = /enctype="multipart\/form-data"><input type="hidden" name="id" value="([0-9a-f-]{36})"/.exec(html)?.[1];
  if (!id) throw new Error('the page shows no photo form');
  const body = new FormData();
  body.set('id', id);
  body.set('photo', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  const res = await fetch(`${hub.url}/m/${token}/photo`, { method: 'POST', body, redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}
