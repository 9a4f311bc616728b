import { describe, expect, it } from 'vitest';
import { addStaff, personInput, type TestApp } from '../testing/harness';
import { withTestOrg } from '../testing/fixtures';
import { Relay, type WindowEvent } from './relay';

/** The desktop windows hear events by the same rule as web sockets (api/events.ts `mayReceive`): their user's branches. */

let app: TestApp;
let owner: string;
let yerevan: string;

withTestOrg('file', async (org) => {
  ({ app, owner } = org);
  const riga = (await app.call(owner, 'branches.list', {}))[0]!.id;
  yerevan = (await app.call(owner, 'branches.create', { name: 'Yerevan', timeZone: 'Asia/Yerevan' })).id;
  await addStaff(app, owner, 'tech.riga', 'employee', riga);
  await addStaff(app, owner, 'tech.yerevan', 'employee', yerevan);
});

describe('Relay: events by branch', () => {
  it('the desktop relay applies the same rule to its windows', async () => {
    const relay = new Relay((req) => app.core.dispatch(req));
    const off = app.core.bus.on((e) => relay.publish(e));
    const inbox = new Map<number, WindowEvent[]>([
      [1, []],
      [2, []],
    ]);
    for (const [id, box] of inbox) relay.attach(id, (e) => box.push(e));
    expect(await relay.call(1, 'auth.login', { login: 'tech.riga', password: 'password-123' })).toMatchObject({ ok: true });
    expect(await relay.call(2, 'auth.login', { login: 'tech.yerevan', password: 'password-123' })).toMatchObject({ ok: true });
    const { client } = await app.call(owner, 'clients.create', personInput('Shared Client'));
    const inYerevan = await app.call(owner, 'interventions.create', { clientId: client.id, priority: 'low', docDate: '2026-11-23', branchId: yerevan });
    const heard = (id: number) => JSON.stringify(inbox.get(id));
    expect(heard(2)).toContain(inYerevan.id);
    expect(heard(1)).not.toContain(inYerevan.id);
    // Both still hear what the whole organization may read.
    expect(heard(1)).toContain(client.id);
    off();
  });
});
