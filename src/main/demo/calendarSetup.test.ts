import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, withCtx, type TestApp } from '../testing/harness';
import { DEMO_PASSWORD, seedDemo } from './seed';

// A handful of documents: the call centre is not what this is about.
let app: TestApp;
let manager: string;
let riga: string;
let yerevan: string;

beforeAll(async () => {
  app = await startTestApp();
  await withCtx(app, null, (ctx) => seedDemo(ctx, 'en', 10));
  manager = await app.login('manager.riga', DEMO_PASSWORD);
  const owner = await app.login('owner', DEMO_PASSWORD);
  const branches = await app.call(owner, 'branches.list', {});
  riga = branches.find((b) => b.name === 'Rīga')!.id;
  yerevan = branches.find((b) => b.name === 'Yerevan')!.id;
}, 120_000);
afterAll(async () => app.close());

describe("the demo's calendar set-up, written through the calendar's services", () => {
  it("gives each branch's staff a week with a lunch break, one of them Saturday mornings", async () => {
    const weeks = await app.call(manager, 'schedule.weeks', { branchId: riga });
    // The accountant is placed in both branches for the invoices, but works in no calendar.
    expect(weeks.length).toBe(5);
    expect(weeks.map((w) => w.userName)).not.toContain('Daiva Jankauskienė');
    for (const w of weeks) expect(w.week['1']).toEqual([['09:00', '13:00'], ['14:00', '18:00']]);
    expect(weeks.filter((w) => w.week['6']).map((w) => w.userName)).toEqual(['Kārlis Zariņš']);
    // 2026-11-23 is a Monday: 09:00–13:00 and 14:00–18:00 in Riga (UTC+2).
    const [first] = await app.call(manager, 'schedule.working', { branchId: riga, userIds: [weeks[0]!.userId], from: '2026-11-23T00:00:00Z', to: '2026-11-24T00:00:00Z' });
    expect(first!.spans).toEqual([
      { start: '2026-11-23T07:00:00.000Z', end: '2026-11-23T11:00:00.000Z' },
      { start: '2026-11-23T12:00:00.000Z', end: '2026-11-23T16:00:00.000Z' },
    ]);
  });

  it('has a vacation ahead and a sick day behind among the exceptions', async () => {
    const kinds = (await app.call(manager, 'schedule.exceptions', { branchId: riga, from: '2026-11-01', to: '2027-01-31' })).map((e) => e.kind).sort();
    expect(kinds).toEqual(['day_off', 'sick', 'vacation']);
  });

  it('offers 7 services per branch, in euros in Rīga and drams in Yerevan, and the visit sources', async () => {
    const owner = await app.login('owner', DEMO_PASSWORD);
    const rigaServices = await app.call(owner, 'services.list', { branchId: riga });
    const yerevanServices = await app.call(owner, 'services.list', { branchId: yerevan });
    expect(rigaServices).toHaveLength(7);
    expect(new Set(rigaServices.map((s) => s.currency))).toEqual(new Set(['EUR']));
    expect(new Set(yerevanServices.map((s) => s.currency))).toEqual(new Set(['AMD']));
    expect(rigaServices.find((s) => s.name === 'Boiler maintenance')).toMatchObject({ durationMin: 90, priceMinor: 8500, colour: '#c92a2a' });
    expect((await app.call(owner, 'nomenclature.list', { kind: 'visit_source' })).map((s) => s.name)).toContain('SMS campaign');
  });
});
