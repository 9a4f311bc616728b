import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordImported } from '../../api/funnel';
import type { GridColumn, GridRow } from '../../../shared/api/interventions';
import type { NomenclatureKind } from '../../../shared/api/nomenclature';
import type { PushEvent } from '../../api/events';
import { newId } from '../../db/ids';
import { setupOrg, startTestApp, userWithRole, type TestApp } from '../../testing/harness';
import { resolveReportFile } from '../../reports/files';
import { EXPORT_PAGE } from '../../reports/export/interventions';
import { makeFmt, cellValue } from '../../reports/format';
import en from '../../../shared/i18n/en.json' with { type: 'json' };
import { INTERVENTION_INDEX } from './gridIndex';

/** The letters the issue names, a Russian and an Armenian word: pdftotext returns them only if the embedded font maps them. */
const LETTERS = 'ă ș ț ā ē ķ ļ ņ š ž ą ė į ų';
const RUSSIAN = 'Ремонт котла';
const ARMENIAN = 'Երևան';
const SCREENSHOT = path.resolve('e2e/screenshots/report-intervention-form-1.png');

// Laying out PDFs is CPU work: leave room for a busy CI machine.
vi.setConfig({ testTimeout: 30_000 });

let app: TestApp;
let owner: string;
let branchId: string;
let ownerId: string;
let tech: { token: string; id: string };
const ids: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };
let clientX: string;
let clientY: string;
const events: PushEvent[] = [];

function pdfText(fileId: string): string {
  const file = path.join(app.dir, 'reports', `${fileId}.pdf`);
  expect(fs.existsSync(file)).toBe(true);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}
const squeeze = (s: string) => s.replace(/\s+/g, '');
function expectScripts(text: string, letters = LETTERS.split(' ')): void {
  if (letters.length === LETTERS.split(' ').length) expect(squeeze(text)).toContain(squeeze(LETTERS));
  for (const ch of letters) expect(text).toContain(ch);
  expect(text).toMatch(/Ремонт|Водоканал/);
  expect(text).toContain(ARMENIAN);
}
/** The lists of objects and products print names, not notes: the letters those names hold. */
const NAME_LETTERS = ['ă', 'ș', 'ț', 'Ē', 'Ķ', 'ņ', 'š', 'Ž', 'ū'];

async function insertNomenclature(kind: NomenclatureKind, name: string, clientId: string | null = null, code: string | null = null): Promise<string> {
  return (await app.call(owner, 'nomenclature.create', { kind, code, name, clientId })).id;
}
async function insertProduct(code: string, name: string, isSystem = 0): Promise<string> {
  return (await app.call(owner, 'products.create', { code, name, isSystem: isSystem === 1 })).id;
}

beforeAll(async () => {
  app = await startTestApp();
  app.core.bus.on((e) => events.push(e));
  owner = await setupOrg(app, { orgName: 'Serviss Ķemeri — Țară Șoimului' });
  ownerId = (await app.call(owner, 'auth.me', {}))!.id;
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  await app.call(owner, 'series.create', { docType: 'intervention', branchId, prefix: 'INT-', padding: 5, nextNumber: 1 });
  tech = await userWithRole(app, owner, 'employee', 'tech.one');
  const x = await app.call(owner, 'clients.create', {
    kind: 'company',
    name: 'SIA Ēriks Ķēniņš un Žagars',
    fiscalCode: 'LV40003123456',
    phones: [{ number: '+37167111222' }],
    emails: [{ address: 'serviss@example.lv' }],
    addresses: [{ street: 'Šiaulių gatvė 5, Ąžuolynė', locality: ARMENIAN, country: 'LV' }],
    contacts: [{ name: 'Ștefan Țăranu', position: 'Inginer șef', phone: '+37120000000', email: 'stefan@example.ro' }],
  });
  clientX = x.client.id;
  const y = await app.call(owner, 'clients.create', { kind: 'company', name: 'ООО Водоканал', phones: [{ number: '+37167333444' }], emails: [], addresses: [], contacts: [] });
  clientY = y.client.id;

  const typeId = await insertNomenclature('intervention_type', RUSSIAN);
  const zoneId = await insertNomenclature('zone', 'Zona Ļaudonas');
  const contractId = await insertNomenclature('contract', 'Contract mentenanță', clientX, 'C-7');
  const boiler = await insertProduct('CAZ-1', 'Cazan Ariston ăîșț');
  const pump = await insertProduct('PMP-2', `Sūknis Grundfos ${ARMENIAN}`, 1);

  const base = { branchId, clientId: clientX, priority: 'high' as const, docDate: '2026-11-23' };
  const a = await app.call(owner, 'interventions.create', {
    ...base,
    contactId: x.client.contacts[0]!.id,
    typeId,
    zoneId,
    contractId,
    objectProductId: boiler,
    objectSerial: 'SN-001',
    takenById: tech.id,
    responsibleId: ownerId,
    startAt: '2026-11-24T07:00:00Z',
    endAt: '2026-11-24T09:30:00Z',
    notes: `Letters: ${LETTERS}; "quoted", semi;colon\nsecond line`,
  });
  app.clock.advance(60_000);
  const confirmed = await app.call(tech.token, 'interventions.confirm', { id: a.id, version: a.version });
  app.clock.advance(60_000);
  await app.call(owner, 'interventions.validate', { id: a.id, version: confirmed.version });
  app.clock.advance(60_000);
  await app.call(tech.token, 'interventions.addNote', { id: a.id, style: 1, text: `Arrived in ${ARMENIAN}; ${RUSSIAN} started`, registryRef: 'REG-12' });
  app.clock.advance(60_000);
  await app.call(owner, 'interventions.addNote', { id: a.id, style: 2, text: 'Client signed the ļ ņ š sheet' });
  ids.a = a.id;
  ids.b = (await app.call(owner, 'interventions.create', { ...base, priority: 'low', docDate: '2026-11-20', objectProductId: boiler, objectSerial: 'SN-001', notes: 'Second visit' })).id;
  ids.c = (await app.call(owner, 'interventions.create', { ...base, clientId: clientY, priority: 'medium', docDate: '2026-11-21', objectProductId: pump, notes: 'Pump noise' })).id;
  const d = await app.call(owner, 'interventions.create', { ...base, clientId: clientY, docDate: '2026-11-22', notes: 'No object here' });
  await app.call(owner, 'interventions.cancel', { id: d.id, version: d.version, reason: 'Duplicate call' });
  ids.d = d.id;
}, 60_000);
afterAll(async () => app?.close());

const allScope = { filters: {} };

describe('PDF reports (pdfmake, DejaVu Sans embedded)', () => {
  it('prints the intervention form with every field, the client, the timeline and signatures, in every script', async () => {
    const r = await app.call(owner, 'reports.interventionForm', { id: ids.a });
    expect(r).toMatchObject({ pages: 1, fileName: expect.stringMatching(/^Intervention form INT-00001 2026-11-23 \d\d-\d\d\.pdf$/) });
    const text = pdfText(r.fileId);
    expectScripts(text);
    for (const s of [
      'Serviss Ķemeri — Țară Șoimului',
      'Intervention form',
      'INT-00001',
      'SIA Ēriks Ķēniņš un Žagars',
      'LV40003123456',
      '+37167111222',
      'serviss@example.lv',
      'Šiaulių gatvė 5, Ąžuolynė',
      'Ștefan Țăranu',
      'Inginer șef',
      'C-7 · Contract mentenanță',
      'CAZ-1 · Cazan Ariston ăîșț',
      'SN-001',
      'Zona Ļaudonas',
      'Allocated and confirmed',
      'High',
      'Test employee',
      'Ilze Kalniņa',
      'REG-12',
      'Signatures',
      'Name and signature',
      'Page 1 of 1',
    ])
      expect(text, s).toContain(s);
    // Riga is UTC+2 in November: the allocation prints in the organization's zone.
    expect(text).toContain('24/11/2026, 09:00');
    expect(text).toContain('24/11/2026, 11:30');
    expect(text).toMatch(/Printed 23\/11\/2026, 11:0\d by Ilze Kalniņa/);
    expect(execFileSync('pdffonts', [path.join(app.dir, 'reports', `${r.fileId}.pdf`)], { encoding: 'utf8' })).toMatch(/DejaVuSans.*yes yes yes/);

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    const prefix = SCREENSHOT.replace(/\.png$/, '');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', path.join(app.dir, 'reports', `${r.fileId}.pdf`), prefix]);
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);

    const resolved = resolveReportFile(app.core.config.dataDir, r.fileId);
    expect(resolved).toMatchObject({ mime: 'application/pdf', name: r.fileName, userId: ownerId });
    expect(fs.readFileSync(resolved!.path).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('prints the evolution sheet: milestones and remarks in time order', async () => {
    const r = await app.call(owner, 'reports.evolutionSheet', { id: ids.a });
    const text = pdfText(r.fileId);
    expectScripts(text);
    const order = ['Request received', 'The assignee confirmed the allocation', 'Document validated with number INT-00001', `Arrived in ${ARMENIAN}`, 'Client signed the'];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
    expect([...at].sort((p, q) => p - q)).toEqual(at);
    expect(r.rows).toBe(5);
    expect(text).toContain('Evolution sheet');
  });

  it('prints the list (quick report) with exactly the filtered rows and the shown columns', async () => {
    const columns: GridColumn[] = ['number', 'docDate', 'client', 'type', 'status', 'priority', 'locality', 'notes'];
    const r = await app.call(owner, 'reports.interventionList', { scope: { filters: { clientId: clientX } }, columns, sort: 'docDate', desc: false });
    expect(r).toMatchObject({ rows: 2, truncated: false, pages: 1 });
    const text = pdfText(r.fileId);
    expectScripts(text);
    for (const s of ['Doc. no.', 'Doc. date', 'Intervention type', 'INT-00001', 'Second visit', 'Client: SIA Ēriks Ķēniņš un Žagars', 'Rows: 2']) expect(text, s).toContain(s);
    // Another client's rows and a column not shown stay out.
    expect(text).not.toContain('Pump noise');
    expect(text).not.toContain('+37167111222');
    expect(text.indexOf('20/11/2026')).toBeLessThan(text.indexOf('23/11/2026'));
  });

  it('prints the grid grouped like the grid, with group headers and counts', async () => {
    const r = await app.call(owner, 'reports.interventionList', { scope: { filters: {}, groupBy: [{ field: 'client' }, { field: 'status' }] }, columns: ['number', 'docDate', 'priority', 'notes'] });
    expect(r.rows).toBe(4);
    const text = pdfText(r.fileId);
    // Under the table, the grid's footer: the rows counted by status and by priority, in workflow order.
    const totals = await app.call(owner, 'interventions.totals', { scope: { filters: {} } });
    expect(totals.total).toBe(4);
    expect(totals.status.reduce((n, g) => n + g.count, 0)).toBe(4);
    expect(totals.priority.reduce((n, g) => n + g.count, 0)).toBe(4);
    const printed = (label: string, names: Record<string, string>, tallies: { key: string | null; count: number }[]) => `${label}: ${tallies.map((g) => `${names[g.key!]} ${g.count}`).join(' · ')}`;
    expect(text).toContain(printed('Status', en.reports.status, totals.status));
    expect(text).toContain(printed('Priority', en.reports.priority, totals.priority));
    expect(totals.status.map((g) => g.key)).toEqual(['received', 'confirmed', 'cancelled']);
    for (const s of ['Grouped by: Client, Status · Rows: 4', 'Client: SIA Ēriks Ķēniņš un Žagars (2)', 'Client: ООО Водоканал (2)', 'Status: Cancelled (1)', 'Status: Received (1)', 'Status: Allocated and confirmed (1)']) expect(text, s).toContain(s);
    expect(text.indexOf('Client: ООО Водоканал (2)')).toBeLessThan(text.indexOf('Pump noise'));
    expect(text.indexOf('Status: Cancelled (1)')).toBeLessThan(text.indexOf('No object here'));
    // Inside one group (the grid opened on it), only that group is printed.
    const inner = await app.call(owner, 'reports.interventionList', { scope: { filters: {}, groupBy: [{ field: 'client' }], groupPath: [clientY] }, columns: ['notes'] });
    expect(inner.rows).toBe(2);
    const innerText = pdfText(inner.fileId);
    expect(innerText).toContain('Pump noise');
    expect(innerText).not.toContain('Second visit');
  });

  it('prints the list of objects, the detailed list and the products list', async () => {
    const objects = await app.call(owner, 'reports.objectsList', { scope: allScope });
    expect(objects.rows).toBe(2);
    const o = pdfText(objects.fileId);
    expectScripts(o, NAME_LETTERS);
    for (const s of ['List of intervention objects', 'CAZ-1 · Cazan Ariston ăîșț', 'SN-001', 'PMP-2 · Sūknis Grundfos', 'ООО Водоканал', 'Total']) expect(o, s).toContain(s);
    expect(o).not.toContain('No object here');

    const detailed = await app.call(owner, 'reports.objectsDetailed', { scope: allScope });
    expect(detailed.rows).toBe(3);
    const dt = pdfText(detailed.fileId);
    expectScripts(dt);
    for (const s of ['Detailed list of intervention objects', 'Serial/lot: SN-001', 'Interventions: 2', 'INT-00001', 'Second visit', 'Pump noise', RUSSIAN]) expect(dt, s).toContain(s);
    expect(dt.indexOf('Serial/lot: SN-001')).toBeLessThan(dt.indexOf('Second visit'));

    const products = await app.call(owner, 'reports.productsList', { scope: { filters: { dateFrom: '2026-11-21' } } });
    expect(products.rows).toBe(2);
    const p = pdfText(products.fileId);
    for (const ch of ['ă', 'ș', 'ț', 'ū', ARMENIAN]) expect(p).toContain(ch);
    for (const s of ['Products of the interventions', 'Cazan Ariston ăîșț', 'Sūknis Grundfos', 'Doc. date: 21/11/2026 – …']) expect(p, s).toContain(s);
    expect(p).toMatch(/System of\s[^\n]*Interventions[^\n]*\n\s+products\n/); // a header may wrap onto a second line
  });

  it('keeps other branches out: a person sees only their branches in every report', async () => {
    const other = await app.call(owner, 'branches.create', { name: 'Liepāja', timeZone: 'Europe/Riga' });
    const hidden = await app.call(owner, 'interventions.create', { branchId: other.id, clientId: clientY, priority: 'low', docDate: '2026-11-23', notes: 'Secret branch job' });
    const list = await app.call(tech.token, 'reports.interventionList', { scope: allScope, columns: ['notes'] });
    expect(list.rows).toBe(4);
    expect(pdfText(list.fileId)).not.toContain('Secret branch job');
    expect(await app.raw(tech.token, 'reports.interventionForm', { id: hidden.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await app.raw(tech.token, 'export.interventions', { scope: allScope, columns: ['notes'], format: 'csv' })).toMatchObject({ ok: true, data: { rows: 4 } });
    await app.call(owner, 'interventions.delete', { id: hidden.id });
  });

  it('refuses bad input before making anything', async () => {
    const before = fs.readdirSync(path.join(app.dir, 'reports')).length;
    expect(await app.raw(owner, 'reports.interventionList', { scope: allScope, columns: ['notes', 'notes'] })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await app.raw(owner, 'reports.interventionList', { scope: allScope, columns: ['password'] })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await app.raw(owner, 'export.interventions', { scope: allScope, columns: ['notes'], format: 'ods' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await app.raw(null, 'reports.objectsList', { scope: allScope })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(fs.readdirSync(path.join(app.dir, 'reports')).length).toBe(before);
  });
});

describe('export of the grid (CSV, XLSX)', () => {
  const columns: GridColumn[] = ['status', 'number', 'docDate', 'client', 'startAt', 'priority', 'valid', 'notes', 'phone'];

  async function gridRows(scope: object, sort = 'docDate', desc = true): Promise<GridRow[]> {
    return (await app.call(owner, 'interventions.list', { scope: scope as never, sort: sort as never, desc, offset: 0, limit: 500 })).rows;
  }

  it('writes XLSX with the chosen columns in order (translated), exactly the filtered rows, values as the grid has them', async () => {
    const scope = { filters: { statuses: ['received' as const, 'confirmed' as const] } };
    events.length = 0;
    const r = await app.call(owner, 'export.interventions', { scope, columns, format: 'xlsx', jobId: 'job-1' });
    const total = (await app.call(owner, 'interventions.count', { scope })).total;
    expect(r).toMatchObject({ rows: total, jobId: 'job-1', fileName: expect.stringMatching(/\.xlsx$/) });
    expect(total).toBe(3);
    const resolved = resolveReportFile(app.core.config.dataDir, r.fileId)!;
    expect(resolved.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(resolved.path);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Interventions');
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    // Spreadsheets have no zones: the header says whose wall clock the times are.
    expect(header).toEqual(['Status', 'Doc. no.', 'Doc. date', 'Client', 'Scheduled start (Europe/Riga)', 'Priority', 'Valid', 'Notes', 'Phone']);
    expect(ws.actualRowCount - 1).toBe(total);

    const fmt = makeFmt('en', 'Europe/Riga');
    const expected = await gridRows(scope);
    expected.forEach((g, i) => {
      const got = (ws.getRow(i + 2).values as unknown[]).slice(1);
      const want = columns.map((c) => cellValue(fmt, g, c));
      columns.forEach((c, j) => {
        const w = want[j];
        const v = got[j];
        if (w instanceof Date) expect((v as Date).getTime(), `${c} of row ${i}`).toBe(w.getTime());
        else expect(v ?? null, `${c} of row ${i}`).toEqual(w);
      });
    });
    const a = expected.findIndex((g) => g.id === ids.a);
    const rowA = ws.getRow(a + 2);
    expect(rowA.getCell(1).value).toBe('Allocated and confirmed');
    expect(rowA.getCell(2).value).toBe('INT-00001');
    expect((rowA.getCell(5).value as Date).toISOString()).toBe('2026-11-24T09:00:00.000Z'); // Riga wall clock, as Excel shows it
    expect(rowA.getCell(3).numFmt).toBe('mm-dd-yy');
    expect(String(rowA.getCell(8).value)).toContain(LETTERS);

    const progress = events.filter((e) => e.name === 'export.progress').map((e) => e.payload);
    expect(progress.at(-1)).toEqual({ jobId: 'job-1', done: 3, total: 3 });
  });

  it('writes CSV with a BOM, proper quoting and the separator Excel expects', async () => {
    const scope = { filters: { clientId: clientX } };
    const r = await app.call(owner, 'export.interventions', { scope, columns: ['number', 'docDate', 'startAt', 'notes', 'phone', 'status'], format: 'csv', sort: 'docDate', desc: false });
    expect(r.rows).toBe(2);
    const bytes = fs.readFileSync(resolveReportFile(app.core.config.dataDir, r.fileId)!.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text).toBe(
      [
        'Doc. no.,Doc. date,Scheduled start (Europe/Riga),Notes,Phone,Status',
        ',2026-11-20,,Second visit,+37167111222,Received',
        `INT-00001,2026-11-23,2026-11-24 09:00,"Letters: ${LETTERS}; ""quoted"", semi;colon\nsecond line",+37167111222,Allocated and confirmed`,
        '',
      ].join('\r\n'),
    );
    const semi = await app.call(owner, 'export.interventions', { scope, columns: ['notes'], format: 'csv', delimiter: ';', sort: 'docDate', desc: false });
    const semiText = fs.readFileSync(resolveReportFile(app.core.config.dataDir, semi.fileId)!.path, 'utf8');
    expect(semiText).toContain(`"Letters: ${LETTERS}; ""quoted"", semi;colon\nsecond line"`);
  });

  it('streams many pages without losing or repeating a row, in the grid order', async () => {
    const orgId = (await app.call(owner, 'auth.me', {}))!.orgId;
    const n = 4500;
    app.core.sqlite.transaction(() => {
      const stmt = app.core.sqlite.prepare(
        `insert into intervention (id, org_id, branch_id, doc_date, client_id, priority, confirmed_real, status, valid, client_name, client_name_key, notes, created_at, updated_at, version)
         values (?, ?, ?, ?, ?, 1, 0, 'received', 0, 'Bulk client ā', 'bulk client a', ?, ?, ?, 1)`,
      );
      for (let i = 0; i < n; i++) {
        const day = String(1 + (i % 28)).padStart(2, '0');
        stmt.run(newId(app.clock), orgId, branchId, `2026-10-${day}`, clientY, `bulk ${i}`, '2026-10-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z');
      }
      recordImported(app.core.sqlite, 'intervention');
    })();
    // Written around the service: the grid's memory index is told to read the table again.
    await app.core.services.get(INTERVENTION_INDEX).reload(app.core.db, app.core.sqlite);
    const scope = { filters: { dateTo: '2026-10-31' } };
    events.length = 0;
    const r = await app.call(owner, 'export.interventions', { scope, columns: ['docDate', 'notes'], format: 'csv', delimiter: ',', jobId: 'bulk' });
    expect(r.rows).toBe(n);
    const lines = fs.readFileSync(resolveReportFile(app.core.config.dataDir, r.fileId)!.path, 'utf8').slice(1).trimEnd().split('\r\n').slice(1);
    expect(lines).toHaveLength(n);
    expect(new Set(lines.map((l) => l.split(',')[1])).size).toBe(n);
    const dates = lines.map((l) => l.split(',')[0]!);
    expect([...dates].sort().reverse()).toEqual(dates);
    const progress = events.filter((e) => e.name === 'export.progress').map((e) => (e.payload as { done: number }).done);
    // After every page (4500 rows are fewer than 50 steps of 2% apart), the last one short.
    expect(progress).toEqual([...Array.from({ length: Math.ceil(n / EXPORT_PAGE) }, (_, k) => k * EXPORT_PAGE), n]);

    // The PDF list of the same rows is cut at its limit, and says so.
    const pdf = await app.call(owner, 'reports.interventionList', { scope, columns: ['docDate', 'notes'] });
    expect(pdf).toMatchObject({ rows: 4500, truncated: false });
    const wide = await app.call(owner, 'reports.interventionList', { scope, columns: ['docDate', 'notes', 'client', 'status', 'priority', 'number', 'series', 'phone', 'email', 'address', 'locality', 'county', 'country', 'zone', 'type', 'object'] });
    expect(wide).toMatchObject({ rows: 2500, truncated: true });
    expect(pdfText(wide.fileId)).toContain('Only the first 2500 of 4500 rows are printed');
  }, 120_000);

  it("a branch on another clock: its times are its own wall clock in the list, the form and the exports, and its zone is named", async () => {
    const yerevan = await app.call(owner, 'branches.create', { name: 'Yerevan', timeZone: 'Asia/Yerevan' });
    // 06:00 UTC: 10:00 in Yerevan, 08:00 in Rīga.
    const doc = await app.call(owner, 'interventions.create', {
      branchId: yerevan.id,
      clientId: clientY,
      priority: 'low',
      docDate: '2026-12-07',
      startAt: '2026-12-07T06:00:00.000Z',
      endAt: '2026-12-07T08:00:00.000Z',
      notes: 'Yerevan visit',
    });
    expect(doc.timeZone).toBe('Asia/Yerevan');
    const only = { filters: { branchId: yerevan.id } };
    const [row] = (await app.call(owner, 'interventions.list', { scope: only, offset: 0, limit: 5 })).rows;
    expect(row).toMatchObject({ timeZone: 'Asia/Yerevan', startAt: '2026-12-07T06:00:00.000Z' });

    const form = pdfText((await app.call(owner, 'reports.interventionForm', { id: doc.id })).fileId);
    expect(form).toContain('07/12/2026, 10:00');
    expect(form).toContain('07/12/2026, 12:00');
    expect(form).toContain('Times in Asia/Yerevan');

    const list = pdfText((await app.call(owner, 'reports.interventionList', { scope: only, columns: ['notes', 'startAt', 'endAt'] })).fileId);
    expect(list).toContain('10:00');
    expect(list).toContain('Times in Asia/Yerevan');

    const csv = await app.call(owner, 'export.interventions', { scope: only, columns: ['notes', 'startAt', 'endAt'], format: 'csv', delimiter: ',' });
    expect(fs.readFileSync(resolveReportFile(app.core.config.dataDir, csv.fileId)!.path, 'utf8').slice(1)).toBe(
      ['Notes,Scheduled start (Asia/Yerevan),Scheduled end (Asia/Yerevan)', 'Yerevan visit,2026-12-07 10:00,2026-12-07 12:00', ''].join('\r\n'),
    );

    // Both branches in one export: each row on its own clock, and a column saying which.
    const both = { filters: { dateFrom: '2026-11-23', dateTo: '2026-12-07' } };
    const mixed = await app.call(owner, 'export.interventions', { scope: both, columns: ['notes', 'startAt'], format: 'xlsx', sort: 'docDate', desc: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(resolveReportFile(app.core.config.dataDir, mixed.fileId)!.path);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['Notes', 'Scheduled start', 'Time zone']);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['Yerevan visit', new Date('2026-12-07T10:00:00.000Z'), 'Asia/Yerevan']);
    const riga = (ws.getRow(3).values as unknown[]).slice(1);
    expect(riga[2]).toBe('Europe/Riga');
    const mixedList = pdfText((await app.call(owner, 'reports.interventionList', { scope: both, columns: ['notes', 'startAt'] })).fileId);
    // Each time with its place (a narrow column wraps the place under the time).
    expect(mixedList).toMatch(/07\/12\/2026, 10:00\s+Yerevan/);
    expect(mixedList).toMatch(/24\/11\/2026, 09:00\s+(second line\s+)?Riga/);
    expect(mixedList).not.toContain('Times in');

    await app.call(owner, 'interventions.delete', { id: doc.id });
  });
});
