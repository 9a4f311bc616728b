import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ANNEX_FILE_FORMAT, annexNode, type AnnexNode } from '../../../../shared/api/annexForms';
import { resolveReportFile } from '../../../reports/files';
import { withTestOrg } from '../../../testing/fixtures';
import { snapshotDb, userWithRole, type TestApp } from '../../../testing/harness';

// Laying out a PDF is CPU work: room for a busy machine.
vi.setConfig({ testTimeout: 30_000 });

let app: TestApp;
let owner: string;
let docId: string;
let otherDocId: string;
let typeId: string;
const HOSTILE = '<img src=x onerror=alert(1)>Ștefan';

const text = (nodes: AnnexNode[]): string => nodes.map((n) => (typeof n === 'string' ? n : text(n.children))).join('');
const tags = (nodes: AnnexNode[]): string[] => nodes.flatMap((n) => (typeof n === 'string' ? [] : [n.tag, ...tags(n.children)]));
const refusal = async (token: string, name: Parameters<TestApp['raw']>[1], input: unknown) => {
  const r = await app.raw(token, name, input);
  expect(r.ok, JSON.stringify(r)).toBe(false);
  return r.ok ? null : r.error;
};

withTestOrg('file', async (org) => {
  ({ app, owner } = org);
  const [branch] = await app.call(owner, 'branches.list', {});
  await app.call(owner, 'series.create', { docType: 'intervention', branchId: branch!.id, prefix: 'RIX-', padding: 6, nextNumber: 42 });
  typeId = (await app.call(owner, 'nomenclature.create', { kind: 'intervention_type', name: 'Revizie centrală termică' })).id;
  const otherType = (await app.call(owner, 'nomenclature.create', { kind: 'intervention_type', name: 'Montaj' })).id;
  const product = (await app.call(owner, 'products.create', { code: 'VIT-100', name: 'Viessmann Vitodens 100', isSystem: false })).id;
  const client = (
    await app.call(owner, 'clients.create', {
      kind: 'person',
      name: HOSTILE,
      phones: [{ number: '+37129123456' }],
      emails: [{ address: 'stefan@example.lv' }],
      addresses: [{ street: 'Brīvības iela 1', locality: 'Rīga', country: 'LV' }],
      contacts: [],
    })
  ).client.id;
  const doc = await app.call(owner, 'interventions.create', {
    branchId: branch!.id,
    clientId: client,
    priority: 'high',
    docDate: '2026-11-23',
    typeId,
    objectProductId: product,
    objectSerial: 'SN-7781',
    notes: 'Boiler loses pressure {{ 7 | plus: 1 }}',
  });
  const valid = await app.call(owner, 'interventions.validate', { id: doc.id, version: doc.version });
  await app.call(owner, 'interventions.addNote', { id: valid.id, style: 2, text: 'Replaced the expansion vessel' });
  docId = valid.id;
  otherDocId = (await app.call(owner, 'interventions.create', { branchId: branch!.id, clientId: client, priority: 'low', docDate: '2026-11-23', typeId: otherType })).id;
});

const ACCEPTANCE = `<h2>Proces-verbal de recepție</h2>
<p>Document <strong>{{ intervention.number }}</strong> din {{ intervention.doc_date }}, tip {{ intervention.type }}</p>
<p>Client: {{ client.name }}, {{ client.phone }}</p>
<p>Obiect: {{ object.code }} {{ object.name }} ({{ object.serial }})</p>
<p>{{ intervention.notes }}</p>
<table><tr><th>Data</th><th>Text</th></tr>{% for line in timeline %}<tr><td>{{ line.at }}</td><td>{{ line.text }}</td></tr>{% endfor %}</table>`;

describe('annex forms', () => {
  let templateId: string;

  beforeAll(async () => {
    templateId = (await app.call(owner, 'annexForms.create', { name: 'Proces-verbal', typeId, body: ACCEPTANCE })).id;
  });

  it('renders a template with the document, its client, object and timeline, values escaped', async () => {
    const { nodes } = await app.call(owner, 'annexForms.preview', { interventionId: docId, body: ACCEPTANCE });
    for (const n of nodes) expect(annexNode.safeParse(n).success).toBe(true);
    const all = text(nodes);
    expect(all).toContain('Document RIX-000042 din');
    expect(all).toContain('tip Revizie centrală termică');
    expect(all).toContain(`Client: ${HOSTILE}, +37129123456`);
    expect(all).toContain('Obiect: VIT-100 Viessmann Vitodens 100 (SN-7781)');
    expect(all).toContain('Replaced the expansion vessel');
    // A value is never read as template text nor as markup.
    expect(all).toContain('Boiler loses pressure {{ 7 | plus: 1 }}');
    expect(tags(nodes)).not.toContain('img');
    expect(tags(nodes).filter((t) => t === 'tr')).toHaveLength(2);
  });

  it('keeps script-like input inert: no script, handler, prototype or file reaches the output', async () => {
    const body = `<p onclick="x()">a</p><script>alert(1)</script>{{ client.name | raw }}{{ client.constructor.name }}{{ intervention.__proto__ }}<iframe src="https://example.com"></iframe>`;
    const { nodes } = await app.call(owner, 'annexForms.preview', { interventionId: docId, body });
    expect(JSON.stringify(nodes)).not.toMatch(/onclick|alert|onerror|Object|iframe|example\.com/);
    expect(text(nodes)).toBe('aȘtefan');
    for (const partial of ['{% include "../../../etc/passwd" %}', "{% render 'planora.db' %}", "{% layout 'x' %}x"]) {
      const e = await refusal(owner, 'annexForms.preview', { interventionId: docId, body: partial });
      expect(e).toMatchObject({ code: 'validation', key: 'errors.annex_syntax', field: 'body', params: { line: 1 } });
    }
    expect(await refusal(owner, 'annexForms.preview', { interventionId: docId, body: '{{ x | shell }}' })).toMatchObject({ key: 'errors.annex_syntax' });
  });

  it('stops a template that runs too long or prints too much', async () => {
    const started = Date.now();
    const loop = '{% for i in (1..100000000) %}{% for j in (1..1000) %}x{% endfor %}{% endfor %}';
    expect(await refusal(owner, 'annexForms.preview', { interventionId: docId, body: loop })).toMatchObject({ key: 'errors.annex_limit', field: 'body' });
    const grow = "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}";
    expect(await refusal(owner, 'annexForms.preview', { interventionId: docId, body: grow })).toMatchObject({ key: 'errors.annex_limit' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('prints the annex as PDF with the real data', async () => {
    const file = await app.call(owner, 'annexForms.print', { interventionId: docId, templateId });
    expect(file.fileName).toMatch(/^Proces-verbal RIX-000042 .*\.pdf$/);
    const pdf = resolveReportFile(app.dir, file.fileId)!;
    const printed = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf.path, '-'], { encoding: 'utf8' });
    for (const s of ['Proces-verbal de recepție', 'RIX-000042', 'Revizie centrală termică', HOSTILE, 'Viessmann Vitodens 100', 'SN-7781', 'Replaced the expansion vessel']) expect(printed).toContain(s);
  });

  it("offers on a document only its type's templates and those for every type", async () => {
    const general = await app.call(owner, 'annexForms.create', { name: 'Fișă generală', typeId: null, body: '<p>{{ intervention.number }}</p>' });
    expect((await app.call(owner, 'annexForms.list', { interventionId: docId })).map((t) => t.name)).toEqual(['Fișă generală', 'Proces-verbal']);
    expect((await app.call(owner, 'annexForms.list', { interventionId: otherDocId })).map((t) => t.name)).toEqual(['Fișă generală']);
    expect((await app.call(owner, 'annexForms.list', {})).map((t) => [t.name, t.type])).toEqual([
      ['Fișă generală', null],
      ['Proces-verbal', 'Revizie centrală termică'],
    ]);
    await app.call(owner, 'annexForms.delete', { id: general.id });
  });

  it('refuses a broken template, a taken name and a stale version, changing nothing', async () => {
    const before = snapshotDb(app.core);
    expect(await refusal(owner, 'annexForms.create', { name: 'Broken', body: '{% if %}' })).toMatchObject({ key: 'errors.annex_syntax', field: 'body' });
    expect(await refusal(owner, 'annexForms.create', { name: 'proces-VERBAL', body: '<p>x</p>' })).toMatchObject({ key: 'errors.annex_name_taken', field: 'name' });
    expect(await refusal(owner, 'annexForms.create', { name: 'Typed', typeId: docId, body: '<p>x</p>' })).toMatchObject({ key: 'errors.nomenclature_not_found', field: 'typeId' });
    const stored = await app.call(owner, 'annexForms.get', { id: templateId });
    expect(await refusal(owner, 'annexForms.update', { id: templateId, version: stored.version + 1, name: 'X', typeId, body: '<p>x</p>' })).toMatchObject({ key: 'errors.stale' });
    expect(snapshotDb(app.core) === before).toBe(true);
  });

  it('exports every template to a file and imports it back: replaced by name, added when missing, unchanged ones left', async () => {
    const file = await app.call(owner, 'annexForms.export', {});
    expect(file.fileName).toMatch(/\.json$/);
    const resolved = resolveReportFile(app.dir, file.fileId)!;
    expect(resolved.mime).toMatch(/^application\/json/);
    const content = fs.readFileSync(resolved.path, 'utf8');
    const parsed = JSON.parse(content) as { format: string; version: number; templates: { name: string; type: string | null; body: string }[] };
    expect(parsed).toEqual({ format: ANNEX_FILE_FORMAT, version: 1, templates: [{ name: 'Proces-verbal', type: 'Revizie centrală termică', body: ACCEPTANCE }] });

    expect(await app.call(owner, 'annexForms.import', { content })).toEqual({ created: 0, updated: 0 });
    await app.call(owner, 'annexForms.delete', { id: templateId });
    const changed = { ...parsed, templates: [...parsed.templates, { name: 'Acceptance', type: null, body: '<p>{{ client.name }}</p>' }] };
    expect(await app.call(owner, 'annexForms.import', { content: JSON.stringify(changed) })).toEqual({ created: 2, updated: 0 });
    changed.templates[1]!.body = '<h1>{{ client.name }}</h1>';
    expect(await app.call(owner, 'annexForms.import', { content: JSON.stringify(changed) })).toEqual({ created: 0, updated: 1 });
    const list = await app.call(owner, 'annexForms.list', {});
    expect(list.map((t) => [t.name, t.type])).toEqual([
      ['Acceptance', null],
      ['Proces-verbal', 'Revizie centrală termică'],
    ]);
    expect((await app.call(owner, 'annexForms.get', { id: list[1]!.id })).body).toBe(ACCEPTANCE);
    templateId = list[1]!.id;
  });

  it('refuses a bad file with a translated reason and changes nothing', async () => {
    const good = { format: ANNEX_FILE_FORMAT, version: 1, templates: [{ name: 'New one', type: null, body: '<p>x</p>' }] };
    const bad: [string, string, Record<string, unknown>?][] = [
      ['not json at all', 'errors.annex_file_invalid'],
      [JSON.stringify({ something: 'else' }), 'errors.annex_file_invalid'],
      [JSON.stringify({ ...good, version: 7 }), 'errors.annex_file_version', { version: '7' }],
      [JSON.stringify({ ...good, templates: [{ name: 'x' }] }), 'errors.annex_file_invalid'],
      [JSON.stringify({ ...good, templates: [...good.templates, { name: 'new ONE', type: null, body: '<p>y</p>' }] }), 'errors.annex_file_duplicate', { name: 'new ONE' }],
      [JSON.stringify({ ...good, templates: [...good.templates, { name: 'Bad', type: null, body: '{% for %}' }] }), 'errors.annex_file_template', { name: 'Bad' }],
      [JSON.stringify({ ...good, templates: [...good.templates, { name: 'Typed', type: 'Unknown type', body: '<p>y</p>' }] }), 'errors.annex_file_type_unknown', { name: 'Unknown type' }],
    ];
    const before = snapshotDb(app.core);
    for (const [content, key, params] of bad) {
      const e = await refusal(owner, 'annexForms.import', { content });
      expect(e, content).toMatchObject({ code: 'validation', key, field: 'content', ...(params ? { params } : {}) });
    }
    expect(snapshotDb(app.core) === before).toBe(true);
  });

  it('lets administrators manage templates and everyone who reads documents print them', async () => {
    const dispatcher = await userWithRole(app, owner, 'dispatcher');
    const manager = await userWithRole(app, owner, 'branch_manager');
    const tech = await userWithRole(app, owner, 'employee');
    const admin = await userWithRole(app, owner, 'admin');
    for (const who of [dispatcher, manager, tech]) {
      for (const [name, input] of [
        ['annexForms.create', { name: 'Mine', body: '<p>x</p>' }],
        ['annexForms.preview', { interventionId: docId, body: '<p>x</p>' }],
        ['annexForms.import', { content: '{}' }],
        ['annexForms.export', {}],
        ['annexForms.delete', { id: templateId }],
      ] as const) {
        expect(await refusal(who.token, name, input)).toMatchObject({ code: 'forbidden' });
      }
      expect((await app.call(who.token, 'annexForms.list', { interventionId: docId })).map((t) => t.name)).toContain('Proces-verbal');
      expect((await app.call(who.token, 'annexForms.print', { interventionId: docId, templateId })).fileName).toMatch(/\.pdf$/);
    }
    const made = await app.call(admin.token, 'annexForms.create', { name: 'By the admin', body: '<p>{{ organization.name }}</p>' });
    expect(text((await app.call(admin.token, 'annexForms.preview', { interventionId: docId, body: made.body })).nodes)).toBe('Test Serviss');
  });
});
