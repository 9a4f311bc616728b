import { describe, expect, it } from 'vitest';
import type { CellMessage } from '../../shared/sync/protocol';
import { foundingDevice, joiningDevice, post, startTestHub, type TestDevice, type TestHub } from '../testing/hub';
import { ENGINES } from '../testing/storage';

const DAY = 24 * 3600_000;

function taskCells(d: TestDevice, over: Record<string, CellMessage['value']> = {}, msAfter = 0): CellMessage[] {
  const row: Record<string, CellMessage['value']> = {
    branch_id: 'riga',
    number: 'RIX-T-000042',
    status: 'assigned',
    priority: 'urgent',
    assignee_id: 'emp-1',
    client_name: 'Ēdoliņš <b>SIA</b>',
    client_phone: '+371 2000 0001',
    subject: 'Boiler <script>alert(1)</script>',
    description: 'No hot water',
    address: 'Brīvības iela 1, Rīga',
    acknowledged_at: null,
    ...over,
  };
  return Object.entries(row).map(([column, value]) => d.cell('task', 'task-1', column, value, { branchId: 'riga', msAfter }));
}

async function mint(hub: TestHub, d: TestDevice, over: Record<string, unknown> = {}) {
  return post<{ linkId: string; token: string }>(hub.url, '/hub/v1/links', { employeeId: 'emp-1', taskId: 'task-1', branchId: 'riga', language: 'lt', expiresAt: hub.clock.now() + DAY, ...over }, d.key);
}

async function page(hub: TestHub, token: string, query = ''): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await fetch(`${hub.url}/m/${token}${query}`);
  return { status: res.status, html: await res.text(), headers: res.headers };
}

async function act(hub: TestHub, token: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${hub.url}/m/${token}/act`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' });
}

function formIds(html: string): { ack?: string; note?: string } {
  const ids = [...html.matchAll(/name="id" value="([0-9a-f-]{36})"><input type="hidden" name="kind" value="(\w+)"/g)];
  return Object.fromEntries(ids.map((m) => [m[2] === 'acknowledge' ? 'ack' : 'note', m[1]]));
}

describe.each(ENGINES)('field: links, the phone page and its actions (%s)', (engine) => {
  it('shows the task from the cells, escaped, queues acknowledge and a note once each, and shows them confirmed after sync', async () => {
    const hub = await startTestHub(engine);
    const office = await foundingDevice(hub);
    await office.sync(taskCells(office));
    const link = await mint(hub, office);
    expect(link.status).toBe(200);
    const token = link.body.token;

    const first = await page(hub, token);
    expect(first.status).toBe(200);
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    expect(first.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(first.html).toContain('Užduotis RIX-T-000042');
    expect(first.html).toContain('Skubi');
    expect(first.html).not.toContain('<script>');
    expect(first.html).toContain('Boiler &#60;script&#62;');
    expect(first.html).toContain('geo:0,0?q=Br%C4%AB');
    expect(first.html).toContain('https://www.openstreetmap.org/search?query=');
    // The page in another language on request.
    expect((await page(hub, token, '?lang=en')).html).toContain('Acknowledge');

    const ids = formIds(first.html);
    const ack = await act(hub, token, { id: ids.ack!, kind: 'acknowledge' });
    expect(ack.status).toBe(303);
    expect(ack.headers.get('location')).toBe(`/m/${token}`);
    // A double tap sends the same form again: one action.
    expect((await act(hub, token, { id: ids.ack!, kind: 'acknowledge' })).status).toBe(303);
    expect((await act(hub, token, { id: ids.note!, kind: 'note', text: 'Arrived, <parts> needed' })).status).toBe(303);
    const waiting = await page(hub, token);
    expect(waiting.html).toContain('data-state="ack-pending"');
    expect(waiting.html).toContain('data-state="note-pending"');
    expect(waiting.html).toContain('Arrived, &#60;parts&#62; needed');

    // The branch's desktop pulls them in order, once.
    const pulled = await post<{ actions: { id: string; kind: string; text: string | null; taskId: string; employeeId: string }[]; cursor: number; more: boolean }>(hub.url, '/hub/v1/field/actions', { cursor: 0 }, office.key);
    expect(pulled.status).toBe(200);
    expect(pulled.body.actions.map((a) => [a.id, a.kind, a.text, a.taskId, a.employeeId])).toEqual([
      [ids.ack, 'acknowledge', null, 'task-1', 'emp-1'],
      [ids.note, 'note', 'Arrived, <parts> needed', 'task-1', 'emp-1'],
    ]);
    const again = await post<{ actions: unknown[]; cursor: number }>(hub.url, '/hub/v1/field/actions', { cursor: pulled.body.cursor }, office.key);
    expect(again.body.actions).toEqual([]);

    // The desktop applied them and synced: the note (by the action's id) and the acknowledgement are in the cells.
    const at = new Date(hub.clock.now()).toISOString();
    await office.sync([
      ...taskCells(office, { status: 'acknowledged', acknowledged_at: at }, 10),
      ...Object.entries({ task_id: 'task-1', kind: 'note', text: 'Arrived, <parts> needed', at, person_id: 'emp-1', branch_id: 'riga' }).map(([c, v]) => office.cell('task_note', ids.note!, c, v, { branchId: 'riga', msAfter: 10 })),
      office.cell('app_user', 'emp-1', 'name', 'Jonas Jonaitis', { msAfter: 10 }),
    ]);
    const done = await page(hub, token);
    expect(done.html).toContain('data-state="acknowledged"');
    expect(done.html).not.toContain('data-state="note-pending"');
    expect(done.html).toContain('Jonas Jonaitis');
  });

  it('an expired, revoked, unknown or reassigned link shows a translated page and queues nothing', async () => {
    const hub = await startTestHub(engine);
    const office = await foundingDevice(hub);
    await office.sync(taskCells(office));
    const short = (await mint(hub, office, { expiresAt: hub.clock.now() + 60_000 })).body.token;
    const revoked = await mint(hub, office);
    const ids = formIds((await page(hub, short)).html);
    hub.clock.advance(61_000);
    const expired = await page(hub, short);
    expect(expired.status).toBe(410);
    expect(expired.html).toContain('Šios nuorodos galiojimas baigėsi');
    expect((await page(hub, short, '?lang=en')).html).toContain('This link has expired');
    await act(hub, short, { id: ids.ack!, kind: 'acknowledge' });

    expect((await post(hub.url, '/hub/v1/links/revoke', { linkId: revoked.body.linkId }, office.key)).body).toEqual({ revoked: true });
    expect((await page(hub, revoked.body.token)).html).toContain('Ši nuoroda atšaukta');
    await act(hub, revoked.body.token, { id: ids.ack!, kind: 'acknowledge' });

    const unknown = await page(hub, 'x'.repeat(43));
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('This link is not valid');

    const fresh = (await mint(hub, office)).body.token;
    await office.sync([office.cell('task', 'task-1', 'assignee_id', 'emp-2', { branchId: 'riga', msAfter: 5 })]);
    expect((await page(hub, fresh)).html).toContain('Ši užduotis jau nebe jūsų');
    await act(hub, fresh, { id: ids.ack!, kind: 'acknowledge' });
    // Bad forms: refused with the reason, nothing queued.
    await office.sync([office.cell('task', 'task-1', 'assignee_id', 'emp-1', { branchId: 'riga', msAfter: 6 })]);
    const bad = await act(hub, fresh, { id: 'not-an-id', kind: 'acknowledge' });
    expect(bad.status).toBe(400);
    expect((await act(hub, fresh, { id: ids.note!, kind: 'note', text: '   ' })).status).toBe(400);
    expect((await act(hub, fresh, { id: ids.note!, kind: 'start_timer' })).status).toBe(400);
    expect((await act(hub, fresh, { id: ids.note!, kind: 'note', text: 'a\u0000b' })).status).toBe(400);
    const pulled = await post<{ actions: unknown[] }>(hub.url, '/hub/v1/field/actions', { cursor: 0 }, office.key);
    expect(pulled.body.actions).toEqual([]);
  });

  it("a device mints links and pulls actions only for its own branches and organization", async () => {
    const hub = await startTestHub(engine);
    const office = await foundingDevice(hub);
    const riga = await joiningDevice(hub, office.orgId!, ['riga']);
    const tartu = await joiningDevice(hub, office.orgId!, ['tartu']);
    const other = await foundingDevice(hub, 'Another company');
    expect((await mint(hub, tartu)).body).toMatchObject({ code: 'hub.wrong_branch' });
    expect((await mint(hub, riga, { expiresAt: hub.clock.now() + 31 * DAY })).status).toBe(400);
    expect((await mint(hub, riga, { expiresAt: hub.clock.now() - 1 })).status).toBe(400);
    expect((await post(hub.url, '/hub/v1/links', { employeeId: 'e', taskId: 't', branchId: 'riga', language: 'en', expiresAt: hub.clock.now() + DAY }, 'nope'.repeat(8))).status).toBe(401);
    await riga.sync(taskCells(riga));
    const link = (await mint(hub, riga)).body;
    const ids = formIds((await page(hub, link.token)).html);
    await act(hub, link.token, { id: ids.ack!, kind: 'acknowledge' });
    const pull = (d: TestDevice) => post<{ actions: unknown[] }>(hub.url, '/hub/v1/field/actions', { cursor: 0 }, d.key);
    expect((await pull(riga)).body.actions).toHaveLength(1);
    expect((await pull(office)).body.actions).toHaveLength(1);
    expect((await pull(tartu)).body.actions).toEqual([]);
    expect((await pull(other)).body.actions).toEqual([]);
    // Another organization cannot revoke it.
    expect((await post(hub.url, '/hub/v1/links/revoke', { linkId: link.linkId }, other.key)).body).toEqual({ revoked: false });
  });
});
