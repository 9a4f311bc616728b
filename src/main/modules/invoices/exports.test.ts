import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { resolveReportFile } from '../../reports/files';
import { addStaff, personInput, type TestApp } from '../../testing/harness';
import { withTestOrg } from '../../testing/fixtures';
import { addTime, doneTask, setRate } from './testing/work';

const XSD = path.join(path.dirname(new URL(import.meta.url).pathname), 'testing', 'ubl-2.1', 'maindoc', 'UBL-Invoice-2.1.xsd');

let app: TestApp;
let owner: string;
let acmeInvoice: string;
let draftInvoice: string;

withTestOrg('file', async (org) => {
  ({ app, owner } = org);
  const branch = (await app.call(owner, 'branches.list', {}))[0]!.id;
  await app.call(owner, 'series.create', { docType: 'invoice', branchId: branch, prefix: 'SF-', padding: 4, nextNumber: 7 });
  await app.call(owner, 'invoices.saveSettings', {
    currency: 'EUR',
    vatBp: 2100,
    paymentDays: 14,
    sellerName: 'UAB Šilumos servisas & Co',
    sellerCode: '300000001',
    sellerVatId: 'LT100000000011',
    sellerAddress: 'Savanorių pr. 5',
    sellerCity: 'Kaunas',
    sellerPostalCode: 'LT-44001',
    sellerCountry: 'LT',
    iban: 'LT12 1000 0111 0100 1000',
    email: 'info@silumos.test',
  });
  const tech = await addStaff(app, owner, 'tech.a', 'employee', branch);
  await setRate(app.core, 'app_user', tech.id, 3333);
  const acme = (await app.call(owner, 'clients.create', { ...personInput('UAB „Ąžuolas“ <Vilnius>'), kind: 'company', fiscalCode: '304123456', preferredLanguage: 'lt', addresses: [{ street: 'Gedimino pr. 1', locality: 'Vilnius', country: 'LT' }] } as never)).client.id;
  const other = (await app.call(owner, 'clients.create', personInput('Jonas Jonaitis'))).client.id;
  // Odd quantities and prices, three VAT rates: the cents must still add up.
  for (const [i, seconds] of [1234, 2500, 3599].entries()) {
    const task = await doneTask(app, owner, { branchId: branch, clientId: acme, assigneeId: tech.id, subject: `Darbas ${i + 1}`, doneAt: `2026-11-${10 + i}T10:00:00Z` });
    await addTime(app.core, { taskId: task, employeeId: tech.id, seconds, startedAt: `2026-11-${10 + i}T08:00:00Z` });
    await app.call(owner, 'invoices.saveMaterial', { taskId: task, name: `Vožtuvas ${i}`, quantityMilli: 1333 + i, unit: 'H87', unitPriceMinor: 777 + i, vatBp: [2100, 900, 0][i]! });
  }
  const t = await doneTask(app, owner, { branchId: branch, clientId: other, assigneeId: tech.id, subject: 'Tap', doneAt: '2026-11-20T10:00:00Z' });
  await addTime(app.core, { taskId: t, employeeId: tech.id, seconds: 3600, startedAt: '2026-11-20T08:00:00Z' });
  await app.call(owner, 'invoices.generate', { month: '2026-11' });
  const list = await app.call(owner, 'invoices.list', { month: '2026-11' });
  const draft = list.find((i) => i.clientName.startsWith('UAB'))!;
  acmeInvoice = (await app.call(owner, 'invoices.approve', { id: draft.id, version: draft.version })).id;
  draftInvoice = list.find((i) => i.clientName === 'Jonas Jonaitis')!.id;
});

function fileText(fileId: string): string {
  const f = resolveReportFile(app.dir, fileId);
  if (!f) throw new Error('no file');
  return fs.readFileSync(f.path, 'utf8');
}

const all = (root: ReturnType<typeof parseDocument>, name: string) => DomUtils.getElementsByTagName(name, root, true);
const text = (e: Element | undefined) => (e ? DomUtils.textContent(e).trim() : '');
const cents = (s: string) => Math.round(Number(s) * 100);
const child = (e: Element, name: string) => DomUtils.getElementsByTagName(name, e.children, false)[0];

describe('invoices: the e-invoice (UBL 2.1, Peppol BIS Billing 3.0)', () => {
  it('validates against the OASIS UBL 2.1 schema and says it is Peppol BIS 3.0', async () => {
    const file = await app.call(owner, 'invoices.exportUbl', { id: acmeInvoice });
    expect(file.fileName).toBe('SF-0007 UBL.xml');
    const xml = fileText(file.fileId);
    const out = spawnSync('xmllint', ['--noout', '--schema', XSD, resolveReportFile(app.dir, file.fileId)!.path], { encoding: 'utf8' });
    expect(out.stderr).toContain('validates');
    expect(out.status).toBe(0);
    expect(xml).toContain('<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>');
    expect(xml).toContain('<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>');
    expect(xml).toContain('UAB „Ąžuolas“ &lt;Vilnius&gt;');
    expect(xml).toContain('UAB Šilumos servisas &amp; Co');
    expect((await app.call(owner, 'invoices.get', { id: acmeInvoice })).status).toBe('exported');
  });

  it('keeps EN 16931’s calculation rules (BR-CO-10, -13, -14, -15, -16, -17, BR-S-08) in the document as written', async () => {
    const doc = parseDocument(fileText((await app.call(owner, 'invoices.exportUbl', { id: acmeInvoice })).fileId), { xmlMode: true });
    const lines = all(doc, 'cac:InvoiceLine');
    expect(lines).toHaveLength(4);
    const lineNets = lines.map((l) => cents(text(child(l, 'cbc:LineExtensionAmount'))));
    const total = all(doc, 'cac:LegalMonetaryTotal')[0]!;
    const m = (name: string) => cents(text(child(total, name)));
    expect(m('cbc:LineExtensionAmount')).toBe(lineNets.reduce((s, n) => s + n, 0)); // BR-CO-10
    expect(m('cbc:TaxExclusiveAmount')).toBe(m('cbc:LineExtensionAmount')); // BR-CO-13, no allowances or charges
    const taxTotal = all(doc, 'cac:TaxTotal')[0]!;
    const subtotals = all(doc, 'cac:TaxSubtotal');
    expect(subtotals).toHaveLength(3);
    expect(cents(text(child(taxTotal, 'cbc:TaxAmount')))).toBe(subtotals.reduce((s, st) => s + cents(text(child(st, 'cbc:TaxAmount'))), 0)); // BR-CO-14
    expect(m('cbc:TaxInclusiveAmount')).toBe(m('cbc:TaxExclusiveAmount') + cents(text(child(taxTotal, 'cbc:TaxAmount')))); // BR-CO-15
    expect(m('cbc:PayableAmount')).toBe(m('cbc:TaxInclusiveAmount')); // BR-CO-16, nothing prepaid
    for (const st of subtotals) {
      const category = child(st, 'cac:TaxCategory')!;
      const rate = Number(text(child(category, 'cbc:Percent')));
      const taxable = cents(text(child(st, 'cbc:TaxableAmount')));
      // BR-S-08 / BR-Z-08: the taxable amount of a rate is the sum of its lines' nets.
      const ofRate = lines.filter((l) => Number(text(child(child(child(l, 'cac:Item')!, 'cac:ClassifiedTaxCategory')!, 'cbc:Percent'))) === rate);
      expect(taxable).toBe(ofRate.reduce((s, l) => s + cents(text(child(l, 'cbc:LineExtensionAmount'))), 0));
      // BR-CO-17: the VAT of a category is its taxable amount × rate, rounded to the cent.
      expect(cents(text(child(st, 'cbc:TaxAmount')))).toBe(Math.round((taxable * rate) / 100));
      expect(text(child(category, 'cbc:ID'))).toBe(rate > 0 ? 'S' : 'Z');
    }
    for (const l of lines) {
      const qty = Number(text(child(l, 'cbc:InvoicedQuantity')));
      const price = Number(text(child(child(l, 'cac:Price')!, 'cbc:PriceAmount')));
      // PEPPOL-EN16931-R120: the line's net is quantity × price, rounded.
      expect(cents(text(child(l, 'cbc:LineExtensionAmount')))).toBe(Math.round(qty * price * 100 + 1e-9));
      expect(child(l, 'cbc:InvoicedQuantity')!.attribs.unitCode).toMatch(/^(HUR|H87)$/);
    }
  });

  it('refuses a draft: its numbers are not final', async () => {
    expect(await app.raw(owner, 'invoices.exportUbl', { id: draftInvoice })).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.invoice_not_approved' } });
  });
});

describe('invoices: Rivile GAMA import file', () => {
  it('writes each approved invoice as an I06 header with its I07 lines, UTF-8 without BOM, sums that add up', async () => {
    const file = await app.call(owner, 'invoices.exportRivile', { month: '2026-11' });
    expect(file.fileName).toBe('Rivile 2026-11.xml');
    const bytes = fs.readFileSync(resolveReportFile(app.dir, file.fileId)!.path);
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const xml = bytes.toString('utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('Ąžuolas');
    const doc = parseDocument(xml, { xmlMode: true });
    const heads = all(doc, 'I06');
    // Only the approved one: the draft stays home.
    expect(heads).toHaveLength(1);
    const h = heads[0]!;
    const f = (e: Element, name: string) => text(child(e, name));
    expect(f(h, 'I06_OP_TIP')).toBe('51');
    expect(f(h, 'I06_VAL_POZ')).toBe('0');
    expect(f(h, 'I06_DOK_NR')).toBe('SF-0007');
    expect(f(h, 'I06_OP_DATA')).toBe('2026-11-30');
    expect(f(h, 'I06_DOK_DATA')).toBe('2026-11-30');
    expect(f(h, 'I06_KODAS_KS')).toBe('304123456');
    const lines = all(h as never, 'I07');
    expect(lines).toHaveLength(4);
    for (const l of lines) {
      for (const tag of ['I07_KODAS', 'I07_TIPAS', 'I07_PAV', 'I07_KODAS_US', 'T_KIEKIS', 'I07_KAINA_BE', 'I07_SUMA', 'I07_PVM', 'I07_MOKESTIS', 'I07_MOKESTIS_P']) expect(child(l, tag), tag).toBeTruthy();
    }
    expect(lines.map((l) => f(l, 'I07_TIPAS'))).toEqual(['2', '1', '1', '1']);
    expect(lines.map((l) => f(l, 'I07_KODAS_US'))).toEqual(['VAL', 'VNT', 'VNT', 'VNT']);
    const sum = (tag: string) => lines.reduce((s, l) => s + cents(f(l, tag)), 0);
    expect(sum('I07_SUMA')).toBe(cents(f(h, 'I06_SUMA')));
    expect(sum('I07_PVM')).toBe(cents(f(h, 'I06_SUMA_PVM')));
    const inv = await app.call(owner, 'invoices.get', { id: acmeInvoice });
    expect(cents(f(h, 'I06_SUMA'))).toBe(inv.netMinor);
    expect(cents(f(h, 'I06_SUMA_PVM'))).toBe(inv.vatMinor);
  });
});

describe('invoices: on paper', () => {
  it('prints the invoice in the client’s language, with the same totals', async () => {
    const file = await app.call(owner, 'invoices.pdf', { id: acmeInvoice });
    const pdf = resolveReportFile(app.dir, file.fileId)!.path;
    const out = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(out).toContain('PVM sąskaita faktūra SF-0007');
    expect(out).toContain('Pardavėjas');
    expect(out).toContain('Pirkėjas');
    expect(out).toContain('UAB „Ąžuolas“ <Vilnius>');
    expect(out).toContain('Iš viso mokėti');
    const inv = await app.call(owner, 'invoices.get', { id: acmeInvoice });
    const total = new Intl.NumberFormat('lt', { style: 'currency', currency: 'EUR' }).format(inv.totalMinor / 100).replace(/\s/g, ' ');
    expect(out.replace(/\s/g, ' ')).toContain(total);
    // A draft prints too, marked as one, in its client's language (the organization's: Latvian).
    const draft = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', resolveReportFile(app.dir, (await app.call(owner, 'invoices.pdf', { id: draftInvoice })).fileId)!.path, '-'], { encoding: 'utf8' });
    expect(draft).toContain('Rēķina melnraksts');
  });
});
