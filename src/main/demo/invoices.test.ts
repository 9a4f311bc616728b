import { describe, expect, it } from 'vitest';
import { addStaff, personInput, withCtx, type TestApp } from '../testing/harness';
import { withTestOrg } from '../testing/fixtures';
import { loadInvoices } from './invoices';

let app: TestApp;
let owner: string;
let branch: string;
let tech: string;

withTestOrg('test', async (org) => {
  ({ app, owner } = org);
  branch = (await app.call(owner, 'branches.list', {}))[0]!.id;
  tech = (await addStaff(app, owner, 'tech.a', 'employee', branch)).id;
});

async function doneOn(day: string, clientId: string): Promise<void> {
  app.clock.set(`${day}T10:00:00Z`);
  let t = await app.call(owner, 'tasks.create', { branchId: branch, clientId, priority: 'medium', description: 'Boiler', assigneeId: tech });
  t = await app.call(owner, 'tasks.move', { id: t.id, version: t.version, status: 'in_progress' });
  await app.call(owner, 'tasks.move', { id: t.id, version: t.version, status: 'done' });
}

describe('the demo’s month-end', () => {
  it('leaves last month approved and exported, and this month in drafts', async () => {
    const clients = [];
    for (const n of ['Ona', 'Petras', 'Rasa', 'Jonas']) clients.push((await app.call(owner, 'clients.create', personInput(n))).client.id);
    for (const [i, c] of clients.entries()) {
      await doneOn(`2026-11-${String(10 + i).padStart(2, '0')}`, c);
      await doneOn(`2026-11-${String(14 + i).padStart(2, '0')}`, c);
    }
    app.clock.set('2026-11-20T10:00:00Z');
    const me = (await app.call(owner, 'auth.me', {}))!;
    // "Now" in the demo is 3 December: November is last month.
    await withCtx(app, me, (ctx) => loadInvoices(ctx, { seed: 7, now: Date.parse('2026-12-03T10:00:00Z'), language: 'lt', owner: me, branches: [{ id: branch, prefix: 'SF-' }] }));
    const last = await app.call(owner, 'invoices.list', { month: '2026-11' });
    expect(last.length).toBeGreaterThan(0);
    expect(new Set(last.map((i) => i.status))).toEqual(new Set(['exported']));
    expect(last.every((i) => i.number?.startsWith('SF-'))).toBe(true);
    expect((await app.call(owner, 'invoices.settings', {})).sellerName).toBe('Planora Demo Serviss SIA');
  });
});
