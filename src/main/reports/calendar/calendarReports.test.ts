import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { syncedRows } from '../../api/funnel';
import { withTestOrg } from '../../testing/fixtures';
import { snapshotDb, withCtx, type TestApp } from '../../testing/harness';
import { at, openClinic, type Clinic } from '../../modules/calendar/visits/visitFixtures';
import { resolveReportFile } from '../files';

// Laying out PDFs is CPU work on a shared machine.
vi.setConfig({ testTimeout: 30_000 });

let app: TestApp;
let owner: string;
let c: Clinic;
const ids: Record<string, string> = {};

const visitRows = syncedRows({ table: 'visit', module: 'calendar' });
const paymentRows = syncedRows({ table: 'visit_payment', module: 'calendar' });
const sourceRows = syncedRows({ table: 'nomenclature', module: 'nomenclature' });

withTestOrg('file', (o) => {
  app = o.app;
  owner = o.owner;
});

async function asOwner<T>(fn: Parameters<typeof withCtx<T>>[2]): Promise<T> {
  return withCtx(app, await app.call(owner, 'auth.me', {}), fn);
}

/** What the front desk would have done since: marks and payments, written through the funnel as the visit's service will. */
async function mark(id: string, patch: { status?: 'arrived' | 'no_show' | 'cancelled'; paid?: number; cancelReason?: string }) {
  await asOwner(async (ctx) => {
    const before = await ctx.db.selectFrom('visit').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (patch.paid) await paymentRows.in(ctx).insert({ branch_id: before.branch_id, visit_id: id, method: 'cash', amount_minor: patch.paid, paid_at: before.ends_at, note: null });
    await visitRows
      .in(ctx)
      .update(before, { ...(patch.status ? { status: patch.status } : {}), ...(patch.paid ? { paid_minor: before.paid_minor + patch.paid } : {}), ...(patch.cancelReason ? { cancel_reason: patch.cancelReason } : {}) }, { expect: before.version });
  });
}

function pdfText(fileId: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', resolveReportFile(app.core.config.dataDir, fileId)!.path, '-'], { encoding: 'utf8' });
}

const period = (over: Record<string, unknown> = {}) => ({ from: '2026-11-24', to: '2026-11-25', branchId: c.branchId, ...over });

beforeAll(async () => {
  c = await openClinic(app, owner);
  const [google, sms] = await asOwner(async (ctx) =>
    Promise.all(['Google ads', 'SMS campaign'].map((name) => sourceRows.in(ctx).insert({ kind: 'visit_source', code: null, name, name_key: name.toLowerCase(), client_id: null, active: 1 }))),
  );
  const book = (key: string, over: Record<string, unknown>) =>
    app.call(c.clerk, 'visits.book', { userId: c.doctor.id, clientId: c.clientId, serviceId: c.serviceId, durationMin: 30, start: at('09:00'), ...over }).then((v) => (ids[key] = v.id));
  await book('arrivedPaid', { sourceId: google!.id });
  await book('noShow', { clientId: c.client2Id, start: at('11:30'), durationMin: 60 });
  await book('asap', { userId: c.nurse.id, start: at('10:00'), sourceId: sms!.id, asap: true, firstConsultation: true, notes: 'Back pain' });
  await book('cancelled', { userId: c.nurse.id, clientId: c.client2Id, start: at('10:00', '2026-11-25') });
  // Late on the 25th on Riga's clock (21:30Z) belongs to the period; 00:30 on the 26th (22:30Z on the 25th) does not.
  await book('late', { start: at('23:30', '2026-11-25'), outsideHoursConfirmed: true });
  await book('nextDay', { start: at('00:30', '2026-11-26'), outsideHoursConfirmed: true });
  ids.break = (await app.call(c.clerk, 'visits.bookBreak', { userId: c.doctor.id, branchId: c.branchId, start: at('12:30'), durationMin: 15 })).id;
  await mark(ids.arrivedPaid!, { status: 'arrived', paid: 4500 });
  await mark(ids.noShow!, { status: 'no_show' });
  await mark(ids.cancelled!, { status: 'cancelled', cancelReason: 'Ill' });
});

describe('calendar reports through the API', () => {
  it('counts visits by source over the period on the branch’s clock, without cancelled visits and breaks', async () => {
    const r = await app.call(c.clerk, 'calendarReports.sources', period());
    expect(r.total).toBe(4);
    expect(r.rows.map((x) => [x.sourceName, x.count, x.share])).toEqual([
      [null, 2, 0.5],
      ['Google ads', 1, 0.25],
      ['SMS campaign', 1, 0.25],
    ]);
    expect(r.timeZones).toEqual(['Europe/Riga']);
  });

  it('rates no-shows by client and employee among marked visits', async () => {
    const r = await app.call(c.clerk, 'calendarReports.noShows', period());
    expect([r.noShows, r.decided]).toEqual([1, 2]);
    expect(r.byClient.map((x) => [x.name, x.noShows, x.decided])).toEqual([['Rūta Kazlauskienė', 1, 1]]);
    expect(r.byEmployee.map((x) => [x.id, x.noShows, x.decided, x.rate])).toEqual([[c.doctor.id, 1, 2, 0.5]]);
  });

  it('sets booked minutes against the working week (two days of 8 hours each)', async () => {
    const r = await app.call(c.clerk, 'calendarReports.utilisation', period());
    const by = Object.fromEntries(r.rows.map((x) => [x.userId, [x.bookedMin, x.workingMin, x.visits]]));
    // Doctor: 30 + 60 + 30 (late, outside hours); the break is not booked time. Nurse: 30 (the other one was cancelled).
    expect(by).toEqual({ [c.doctor.id]: [120, 960, 3], [c.nurse.id]: [30, 960, 1] });
    expect(r.rows.find((x) => x.userId === c.doctor.id)!.rate).toBeCloseTo(120 / 960, 10);
  });

  it('lists unpaid visits oldest first with what is due', async () => {
    const r = await app.call(c.clerk, 'calendarReports.unpaid', period());
    expect(r.rows.map((x) => [x.visitId, x.dueMinor])).toEqual([
      [ids.asap, 4500],
      [ids.noShow, 4500],
      [ids.late, 4500],
    ]);
    expect(r.due).toEqual([{ currency: 'EUR', minor: 13_500 }]);
  });

  it('gives the day per employee with breaks, marks and notes, and prints it with the zone named', async () => {
    const d = await app.call(c.clerk, 'calendarReports.dailyList', { branchId: c.branchId, day: '2026-11-24' });
    expect(d.timeZone).toBe('Europe/Riga');
    const doctor = d.employees.find((e) => e.userId === c.doctor.id)!;
    expect(doctor.lines.map((l) => [l.visitId, l.kind])).toEqual([
      [ids.arrivedPaid, 'visit'],
      [ids.noShow, 'visit'],
      [ids.break, 'break'],
    ]);
    expect(doctor.bookedMin).toBe(90);
    const nurse = d.employees.find((e) => e.userId === c.nurse.id)!;
    expect(nurse.lines).toEqual([expect.objectContaining({ visitId: ids.asap, firstConsultation: true, asap: true, notes: 'Back pain', clientName: 'Jonas Petraitis' })]);
    const file = await app.call(c.clerk, 'calendarReports.dailyListPdf', { branchId: c.branchId, day: '2026-11-24' });
    expect(file.rows).toBe(4);
    const text = pdfText(file.fileId);
    for (const s of ['Daily list per employee', 'Times in Europe/Riga', '10:00–10:30', 'Back pain', 'Jonas Petraitis', 'Break', 'First consultation', 'ASAP']) expect(text).toContain(s);
  });

  it('prints each period report as a PDF in the caller’s language', async () => {
    const out = await app.core.dispatch({ name: 'auth.login', input: { login: 'clerk1', password: 'password-123', language: 'lt' }, sessionToken: null });
    const lt = out.sessionToken!;
    const texts: Record<string, string> = {};
    for (const report of ['sources', 'noShows', 'utilisation', 'unpaid'] as const) texts[report] = pdfText((await app.call(lt, 'calendarReports.pdf', { report, ...period() })).fileId);
    expect(texts.sources).toContain('Vizitai pagal šaltinį');
    expect(texts.sources).toContain('Šaltinis nenurodytas');
    expect(texts.noShows).toContain('Rūta Kazlauskienė');
    expect(texts.utilisation).toMatch(/16:00/);
    expect(texts.unpaid!.replace(/\s/g, ' ')).toContain('Iš viso mokėtina: 135,00 €');
    expect(texts.unpaid).toContain('Europe/Riga');
  });

  it('prints the receipt: lines, payments, total, paid and due', async () => {
    const text = pdfText((await app.call(c.clerk, 'reports.visitReceipt', { id: ids.arrivedPaid! })).fileId).replace(/[\u00a0\u202f]/g, ' ');
    for (const s of ['Visit receipt', 'Jonas Petraitis', 'Consultation', 'Cash', '45.00', 'Europe/Riga']) expect(text).toContain(s);
    expect(text).toMatch(/Due\s+€0\.00/);
    const unpaid = pdfText((await app.call(c.clerk, 'reports.visitReceipt', { id: ids.noShow! })).fileId);
    expect(unpaid).toContain('No payments yet.');
    expect(unpaid).toMatch(/Due\s+€45\.00/);
  });

  it('keeps an employee to their own calendar and refuses bad periods, changing nothing', async () => {
    const own = await app.call(c.doctor.token, 'calendarReports.utilisation', period());
    expect(own.rows.map((r) => r.userId)).toEqual([c.doctor.id]);
    const before = snapshotDb(app.core);
    const other = await app.raw(c.doctor.token, 'calendarReports.unpaid', period({ userId: c.nurse.id }));
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'userId' } });
    const receipt = await app.raw(c.doctor.token, 'reports.visitReceipt', { id: ids.asap! });
    expect(receipt).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    const long = await app.raw(c.clerk, 'calendarReports.sources', period({ from: '2025-01-01', to: '2026-01-02' }));
    expect(long).toMatchObject({ ok: false, error: { key: 'errors.too_big', field: 'to', params: { max: 366 } } });
    const reversed = await app.raw(c.clerk, 'calendarReports.noShows', period({ from: '2026-11-26' }));
    expect(reversed).toMatchObject({ ok: false, error: { key: 'errors.end_before_start', field: 'to' } });
    expect(snapshotDb(app.core) === before).toBe(true);
  });
});
