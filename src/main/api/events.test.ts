import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebServer } from '../server';
import { addStaff, personInput, type TestApp } from '../testing/harness';
import { withTestWeb } from '../testing/fixtures';
import { loginCookie } from '../testing/web';

/** Push events reach only users who may read what they name: their branch, and the module's read right. */

interface Heard {
  name: string;
  payload: { ids?: string[]; jobId?: string };
}

let app: TestApp;
let server: WebServer;
let owner: string;
let riga: string;
let yerevan: string;
const CLIENT = personInput('Shared Client');

/** An events socket of a logged-in user (web mode), and everything it hears. */
async function listen(login: string): Promise<{ heard: Heard[]; close: () => void }> {
  const cookie = await loginCookie(server, { login, password: 'password-123' });
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/events`, { headers: { cookie, origin: server.url } });
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  const heard: Heard[] = [];
  ws.on('message', (m) => heard.push(JSON.parse(String(m)) as Heard));
  return { heard, close: () => ws.close() };
}

/** A change everyone of the organization hears: once it has arrived, everything published before it has too. */
async function settle(...listeners: { heard: Heard[] }[]): Promise<string> {
  const { client } = await app.call(owner, 'clients.create', CLIENT);
  const deadline = Date.now() + 5000;
  while (!listeners.every((l) => l.heard.some((h) => h.name === 'clients.changed' && h.payload.ids?.includes(client.id)))) {
    if (Date.now() > deadline) throw new Error('the organization-wide event never arrived');
    await new Promise((r) => setTimeout(r, 10));
  }
  return client.id;
}

const ids = (heard: Heard[], name: string) => heard.filter((h) => h.name === name).flatMap((h) => h.payload.ids ?? []);

withTestWeb(async (web) => {
  ({ app, owner, server } = web);
  riga = (await app.call(owner, 'branches.list', {}))[0]!.id;
  yerevan = (await app.call(owner, 'branches.create', { name: 'Yerevan', timeZone: 'Asia/Yerevan' })).id;
  await addStaff(app, owner, 'tech.riga', 'employee', riga);
  await addStaff(app, owner, 'tech.yerevan', 'employee', yerevan);
  await addStaff(app, owner, 'manager.riga', 'branch_manager', riga);
});

describe('events reach only those who may read what they name', () => {
  it('an intervention of one branch is announced to that branch only, over the web socket', async () => {
    const rigaTech = await listen('tech.riga');
    const yerevanTech = await listen('tech.yerevan');
    const { client } = await app.call(owner, 'clients.create', CLIENT);
    const doc = { clientId: client.id, priority: 'medium' as const, docDate: '2026-11-23' };
    const inYerevan = await app.call(owner, 'interventions.create', { ...doc, branchId: yerevan });
    const inRiga = await app.call(owner, 'interventions.create', { ...doc, branchId: riga });
    await settle(rigaTech, yerevanTech);

    expect(ids(yerevanTech.heard, 'interventions.changed')).toEqual([inYerevan.id]);
    expect(ids(rigaTech.heard, 'interventions.changed')).toEqual([inRiga.id]);
    expect(JSON.stringify(rigaTech.heard)).not.toContain(inYerevan.id);

    // Moved to Riga: Yerevan hears it leave, Riga hears it arrive.
    rigaTech.heard.length = yerevanTech.heard.length = 0;
    await app.call(owner, 'interventions.update', { id: inYerevan.id, version: inYerevan.version, ...doc, branchId: riga });
    await settle(rigaTech, yerevanTech);
    expect(ids(rigaTech.heard, 'interventions.changed')).toEqual([inYerevan.id]);
    expect(ids(yerevanTech.heard, 'interventions.changed')).toEqual([inYerevan.id]);
    rigaTech.close();
    yerevanTech.close();
  });

  it('a change of a module is announced only to those with its read right', async () => {
    const tech = await listen('tech.riga');
    const manager = await listen('manager.riga');
    await app.call(owner, 'series.create', { docType: 'intervention', branchId: riga, prefix: 'RIX-', padding: 5, nextNumber: 1 });
    await settle(tech, manager);
    expect(manager.heard.map((h) => h.name)).toContain('series.changed');
    // Employees do not read document series.
    expect(tech.heard.map((h) => h.name)).not.toContain('series.changed');
    tech.close();
    manager.close();
  });

  it("an export's progress goes only to whoever started it", async () => {
    const tech = await listen('tech.riga');
    const manager = await listen('manager.riga');
    const managerToken = await app.login('manager.riga', 'password-123');
    const out = await app.call(managerToken, 'export.interventions', { scope: { filters: {} }, columns: ['number'], format: 'csv', jobId: 'job-1' });
    await settle(tech, manager);
    expect(manager.heard.some((h) => h.name === 'export.progress' && h.payload.jobId === out.jobId)).toBe(true);
    expect(tech.heard.map((h) => h.name)).not.toContain('export.progress');
    tech.close();
    manager.close();
  });
});
