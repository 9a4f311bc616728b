import { describe, expect, it } from 'vitest';
import type { CellMessage } from '../../shared/sync/protocol';
import { FIELD_PHOTO_MAX_BYTES } from '../../shared/sync/field';
import { foundingDevice, joiningDevice, post, startTestHub, type TestDevice, type TestHub } from '../testing/hub';
import { ENGINES } from '../testing/storage';

/** The phone page's timer, checklist and photo forms on the hub, against the cells a desk pushed (both engines). */

const DAY = 24 * 3600_000;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(600, 1)]);

function cells(d: TestDevice, table: string, id: string, row: Record<string, CellMessage['value']>, msAfter = 0): CellMessage[] {
  return Object.entries(row).map(([column, value]) => d.cell(table, id, column, value, { branchId: 'riga', msAfter }));
}

async function officeAndLink(hub: TestHub) {
  const office = await foundingDevice(hub);
  await office.sync([
    ...cells(office, 'task', 'task-1', { branch_id: 'riga', number: 'RIX-T-7', status: 'in_progress', priority: 'medium', assignee_id: 'emp-1', client_name: 'Ozols', acknowledged_at: '2026-12-07T07:00:00.000Z' }),
    ...cells(office, 'task_check_item', 'item-1', { task_id: 'task-1', branch_id: 'riga', text: 'Pressure <ok>', position: 1, required: 1, checked_at: null }),
    ...cells(office, 'task_check_item', 'item-2', { task_id: 'task-1', branch_id: 'riga', text: 'Photo of the plate', position: 2, required: 0, checked_at: '2026-12-07T07:10:00.000Z' }),
  ]);
  const link = await post<{ token: string }>(hub.url, '/hub/v1/links', { employeeId: 'emp-1', taskId: 'task-1', branchId: 'riga', language: 'en', expiresAt: hub.clock.now() + DAY }, office.key);
  return { office, token: link.body.token };
}

async function html(hub: TestHub, token: string, query = ''): Promise<string> {
  return (await fetch(`${hub.url}/m/${token}${query}`)).text();
}

function formsOf(page: string): { id: string; kind: string; item: string | null }[] {
  return [...page.matchAll(/name="id" value="([0-9a-f-]{36})"><input type="hidden" name="kind" value="(\w+)">(?:<input type="hidden" name="item" value="([^"]+)">)?/g)].map((m) => ({ id: m[1]!, kind: m[2]!, item: m[3] ?? null }));
}

async function act(hub: TestHub, token: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${hub.url}/m/${token}/act`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' });
}

async function upload(hub: TestHub, token: string, id: string, file: { name: string; type: string; data: Buffer }): Promise<Response> {
  const body = new FormData();
  body.set('id', id);
  body.set('photo', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  return fetch(`${hub.url}/m/${token}/photo?lang=lt`, { method: 'POST', body, redirect: 'manual' });
}

const photoId = (page: string) => /enctype="multipart\/form-data"><input type="hidden" name="id" value="([0-9a-f-]{36})"/.exec(page)![1]!;

describe.each(ENGINES)('field work on the phone page (%s)', (engine) => {
  it('shows the checklist and the timer from the cells, queues a tick of this task’s item only, and the start as pending', async () => {
    const hub = await startTestHub(engine);
    const { office, token } = await officeAndLink(hub);
    const first = await html(hub, token);
    expect(first).toContain('Pressure &#60;ok&#62; *');
    expect(first.match(/role="checkbox" aria-checked="(true|false)"/g)).toEqual(['role="checkbox" aria-checked="false"', 'role="checkbox" aria-checked="true"']);
    expect(first).toContain('data-state="timer-stopped"');
    expect(first).toContain('accept="image/*" capture="environment"');
    const forms = formsOf(first);
    const tick = forms.find((f) => f.kind === 'check')!;
    expect(tick.item).toBe('item-1');
    expect((await act(hub, token, { id: tick.id, kind: 'check', item: 'item-9' })).status).toBe(400);
    expect((await act(hub, token, { id: tick.id, kind: 'check', item: 'item-1' })).status).toBe(303);
    expect((await act(hub, token, { id: forms.find((f) => f.kind === 'timer_start')!.id, kind: 'timer_start' })).status).toBe(303);
    const waiting = await html(hub, token);
    expect(waiting.match(/aria-checked="true"/g)).toHaveLength(2);
    expect(waiting).toContain('data-state="timer-pending"');

    const pulled = await post<{ actions: { kind: string; text: string | null }[] }>(hub.url, '/hub/v1/field/actions', { cursor: 0 }, office.key);
    expect(pulled.body.actions.map((a) => [a.kind, a.text])).toEqual([
      ['check', 'item-1'],
      ['timer_start', null],
    ]);
    const [checkAction, startAction] = (await hub.hub.db.selectFrom('hub_field_action').select('id').orderBy('seq').execute()).map((r) => r.id);
    // The desk applied the tick and refused the start: the outcomes come back as cells, the page says why, in Lithuanian.
    await office.sync([
      ...cells(office, 'task_check_item', 'item-1', { checked_at: '2026-12-07T08:00:00.000Z' }, 10),
      ...cells(office, 'task_field_outcome', checkAction!, { task_id: 'task-1', kind: 'check', outcome: 'applied', reason: null, params: null }, 10),
      ...cells(office, 'task_field_outcome', startAction!, { task_id: 'task-1', kind: 'timer_start', outcome: 'refused', reason: 'errors.time_timer_running', params: JSON.stringify({ number: 'RIX-T-5', start: '2026-12-07 09:00' }) }, 10),
    ]);
    const told = await html(hub, token, '?lang=lt');
    expect(told).toContain('Biuras nepriėmė');
    expect(told).toContain('RIX-T-5');
    expect(told).toContain('data-state="timer-stopped"');
    expect(told).not.toContain('class="pending"> —');
  });

  it('takes a photo checked by its bytes and size, gives it only to the branch’s device, and lets it go once that device pulled past it', async () => {
    const hub = await startTestHub(engine);
    const { office, token } = await officeAndLink(hub);
    const page = await html(hub, token);
    const posing = await upload(hub, token, photoId(page), { name: 'plate.png', type: 'image/png', data: Buffer.from('GIF89a not what it says') });
    expect(posing.status).toBe(415);
    expect(await posing.text()).toContain('Galima siųsti tik JPEG, PNG arba WebP nuotraukas.');
    const huge = await upload(hub, token, photoId(page), { name: 'big.png', type: 'image/png', data: Buffer.concat([PNG, Buffer.alloc(FIELD_PHOTO_MAX_BYTES, 0)]) });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('Nuotrauka per didelė');
    expect(await hub.hub.db.selectFrom('hub_field_action').select('id').execute()).toEqual([]);

    const id = photoId(page);
    expect((await upload(hub, token, id, { name: '../../etc/Plate <1>.jpg', type: 'image/jpeg', data: PNG })).status).toBe(303);
    expect((await upload(hub, token, id, { name: 'again.png', type: 'image/png', data: PNG })).status).toBe(303);
    expect(await html(hub, token)).toContain('data-photo="pending"');

    const tartu = await joiningDevice(hub, office.orgId!, ['tartu']);
    expect((await post(hub.url, '/hub/v1/field/photo', { actionId: id }, tartu.key)).body).toBeNull();
    const pulled = await post<{ actions: { kind: string; text: string }[]; cursor: number }>(hub.url, '/hub/v1/field/actions', { cursor: 0 }, office.key);
    // One action, its name cleaned and its extension the bytes' type.
    expect(pulled.body.actions.map((a) => [a.kind, a.text])).toEqual([['photo', 'Plate 1.png']]);
    const photo = await post<{ mime: string; data: string }>(hub.url, '/hub/v1/field/photo', { actionId: id }, office.key);
    expect(photo.body.mime).toBe('image/png');
    expect(Buffer.compare(Buffer.from(photo.body.data, 'base64'), PNG)).toBe(0);
    // Still there until the device asks after it; then gone.
    expect(await hub.hub.db.selectFrom('hub_field_photo').select('action_id').execute()).toHaveLength(1);
    await post(hub.url, '/hub/v1/field/actions', { cursor: pulled.body.cursor }, office.key);
    expect(await hub.hub.db.selectFrom('hub_field_photo').select('action_id').execute()).toEqual([]);
  });
});
