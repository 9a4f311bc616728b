import type { Content, TableCell } from 'pdfmake/interfaces';
import type { Ctx } from '../api/context';
import type { ClientDetail } from '../../shared/api/clients';
import type { InterventionDetail, NoteRow } from '../../shared/api/interventions';
import type { ReportFile } from '../../shared/api/reports';
import { getClient } from '../modules/clients';
import { loadRow, readSettings, toDetail, withLabels } from '../modules/interventions';
import { seriesName } from '../../shared/rules/series';
import { frameFor, reportEnv, savePdf, type ReportEnv } from './context';
import { columnLabel, makeFmt } from './format';
import { onlineReport } from './onlineReport';

/** Everything one intervention's documents print: the detail, the names behind its ids, and the client as they are now. */
export interface DocData {
  d: InterventionDetail;
  labels: {
    series: string | null;
    branch: string | null;
    type: string | null;
    objectCode: string | null;
    object: string | null;
    takenBy: string | null;
    responsible: string | null;
    vehicle: string | null;
    zone: string | null;
    classification: string | null;
    classification2: string | null;
    classification3: string | null;
    contract: string | null;
    estimate: string | null;
    contact: string | null;
    contactPosition: string | null;
    contactPhone: string | null;
    contactEmail: string | null;
  };
  snapshot: { name: string; fiscalCode: string | null; phone: string | null; email: string | null; address: string | null; locality: string | null; county: string | null; country: string | null };
  client: ClientDetail | null;
}

export async function loadDocData(ctx: Ctx, id: string, field = 'id'): Promise<DocData> {
  const row = await loadRow(ctx, id, field);
  const d = await toDetail(ctx, row);
  const labels = await withLabels(ctx.db)
    .leftJoin('branch as b', 'b.id', 'i.branch_id')
    .leftJoin('nomenclature as ct', 'ct.id', 'i.contract_id')
    .leftJoin('nomenclature as es', 'es.id', 'i.estimate_id')
    .select([
      's.prefix as series',
      'b.name as branch',
      't.name as type',
      'p.code as objectCode',
      'p.name as object',
      'tb.name as takenBy',
      'rs.name as responsible',
      'v.name as vehicle',
      'z.name as zone',
      'c1.name as classification',
      'c2.name as classification2',
      'c3.name as classification3',
      'ct.code as contractCode',
      'ct.name as contract',
      'es.code as estimateCode',
      'es.name as estimate',
      'cc.name as contact',
      'cc.job_position as contactPosition',
      'cc.phone as contactPhone',
      'cc.email as contactEmail',
    ])
    .where('i.id', '=', id)
    .executeTakeFirstOrThrow();
  let client: ClientDetail | null = null;
  try {
    client = await getClient(ctx, row.client_id);
  } catch {
    // A client deleted since: the document keeps what it recorded.
  }
  const coded = (code: string | null | undefined, name: string | null | undefined) => (name ? (code ? `${code} · ${name}` : name) : null);
  return {
    d,
    labels: {
      series: labels.series ? seriesName(labels.series) : null,
      branch: labels.branch ?? null,
      type: labels.type ?? null,
      objectCode: labels.objectCode ?? null,
      object: labels.object ?? null,
      takenBy: labels.takenBy ?? null,
      responsible: labels.responsible ?? null,
      vehicle: labels.vehicle ?? null,
      zone: labels.zone ?? null,
      classification: labels.classification ?? null,
      classification2: labels.classification2 ?? null,
      classification3: labels.classification3 ?? null,
      contract: coded(labels.contractCode, labels.contract),
      estimate: coded(labels.estimateCode, labels.estimate),
      contact: labels.contact ?? null,
      contactPosition: labels.contactPosition ?? null,
      contactPhone: labels.contactPhone ?? null,
      contactEmail: labels.contactEmail ?? null,
    },
    snapshot: {
      name: row.client_name,
      fiscalCode: row.client_fiscal_code,
      phone: row.client_phone,
      email: row.client_email,
      address: row.address,
      locality: row.locality,
      county: row.county,
      country: row.country,
    },
    client,
  };
}

const docNumber = (data: DocData) => data.d.number ?? null;

/** Label over value, in a box: the form's field. */
function field(label: string, value: string | null | undefined, opts: { colSpan?: number } = {}): TableCell {
  return {
    stack: [
      { text: label, style: 'label' },
      { text: value && value.length ? value : ' ', fontSize: 8.5 },
    ],
    ...(opts.colSpan ? { colSpan: opts.colSpan } : {}),
  };
}

/** Rows of `per` fields each; a field given `span` takes that many places (placeholders follow it, as pdfmake wants). */
function fieldGrid(cells: { label: string; value: string | null | undefined; span?: number }[], per: number): Content {
  const body: TableCell[][] = [];
  let row: TableCell[] = [];
  let used = 0;
  const flush = () => {
    if (!row.length) return;
    while (used < per) {
      row.push({ text: '' });
      used++;
    }
    body.push(row);
    row = [];
    used = 0;
  };
  for (const c of cells) {
    const span = Math.min(c.span ?? 1, per);
    if (used + span > per) flush();
    row.push(field(c.label, c.value, span > 1 ? { colSpan: span } : {}));
    for (let i = 1; i < span; i++) row.push({});
    used += span;
  }
  flush();
  return { table: { widths: Array.from({ length: per }, () => '*'), body, dontBreakRows: true }, layout: 'form' };
}

function clientAddress(data: DocData): string {
  const a = data.client?.addresses[0];
  if (a) return [a.street, a.locality, a.county, a.postalCode, a.country].filter(Boolean).join(', ');
  const s = data.snapshot;
  return [s.address, s.locality, s.county, s.country].filter(Boolean).join(', ');
}

/** The dated lines of the document, with the milestones the system recorded, in time order. */
export function timelineLines(env: ReportEnv, data: DocData): { at: string; person: string | null; text: string; extra: string; system: boolean }[] {
  const { fmt } = env;
  const { d } = data;
  const lines: { at: string; person: string | null; text: string; extra: string; system: boolean }[] = [];
  lines.push({ at: d.createdAt, person: null, text: fmt.tr('reports.timeline.created'), extra: '', system: true });
  if (d.assigneeConfirmedAt) lines.push({ at: d.assigneeConfirmedAt, person: data.labels.takenBy, text: fmt.tr('reports.timeline.confirmed'), extra: '', system: true });
  if (d.validatedAt) lines.push({ at: d.validatedAt, person: null, text: fmt.tr('reports.timeline.validated', { number: d.number ?? '' }), extra: '', system: true });
  if (d.finalizedAt) lines.push({ at: d.finalizedAt, person: null, text: fmt.tr('reports.timeline.finalized'), extra: '', system: true });
  if (d.cancelledAt) lines.push({ at: d.cancelledAt, person: null, text: fmt.tr('reports.timeline.cancelled', { reason: d.cancelReason ?? '' }), extra: '', system: true });
  const noteExtra = (n: NoteRow) =>
    [n.attachmentName ? `${fmt.tr('reports.timeline.attachment')}: ${n.attachmentName}` : null, n.registryRef ? `${fmt.tr('reports.timeline.registry')}: ${n.registryRef}` : null].filter(Boolean).join('\n');
  for (const n of d.timeline) lines.push({ at: n.at, person: n.person, text: n.text, extra: noteExtra(n), system: false });
  // Stable: milestones of the same instant keep the workflow's order.
  return lines.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function timelineTable(env: ReportEnv, data: DocData, withSystem: boolean): Content {
  const { fmt } = env;
  const lines = timelineLines(env, data).filter((l) => withSystem || !l.system);
  if (!lines.length) return { text: fmt.tr('reports.form.noTimeline'), style: 'muted' };
  const body: TableCell[][] = [
    [
      { text: '#', style: 'th' },
      { text: fmt.tr('reports.timeline.at'), style: 'th' },
      { text: fmt.tr('reports.timeline.person'), style: 'th' },
      { text: fmt.tr('reports.timeline.text'), style: 'th' },
      { text: `${fmt.tr('reports.timeline.attachment')} / ${fmt.tr('reports.timeline.registry')}`, style: 'th' },
    ],
  ];
  lines.forEach((l, i) =>
    body.push([
      { text: String(i + 1), alignment: 'right' },
      { text: fmt.dateTime(l.at) },
      { text: l.person ?? (l.system ? fmt.tr('reports.timeline.system') : '') },
      { text: l.text, italics: l.system },
      { text: l.extra },
    ]),
  );
  return { table: { headerRows: 1, widths: [16, 72, 80, '*', 110], body }, layout: 'dense', fontSize: 7.5 };
}

function docHeadline(env: ReportEnv, data: DocData): string {
  const { fmt } = env;
  const { d } = data;
  const number = docNumber(data);
  return [
    number ? `${fmt.tr('reports.form.number')}: ${number}` : fmt.tr('reports.form.draft'),
    `${columnLabel(fmt.tr, 'docDate')}: ${fmt.date(d.docDate)}`,
    `${columnLabel(fmt.tr, 'status')}: ${fmt.status(d.status)}`,
    fmt.tr('reports.timesIn', { zone: d.timeZone }),
  ].join(' · ');
}

/** The document's times (schedule, timeline, even when it was printed) are all on its branch's clock, which it names. */
export async function branchEnv(ctx: Ctx, data: DocData): Promise<ReportEnv> {
  const env = await reportEnv(ctx);
  return { ...env, fmt: makeFmt(env.user.language, data.d.timeZone) };
}

/** "Interventii – Formular": the document a technician carries and the client signs. */
export async function interventionFormReport(ctx: Ctx, id: string): Promise<ReportFile> {
  const data = await loadDocData(ctx, id);
  const env = await branchEnv(ctx, data);
  const { fmt } = env;
  const { d, labels: l, snapshot: s } = data;
  const c = data.client;
  const tr = fmt.tr;
  const col = (k: string) => columnLabel(tr, k);
  const body: Content[] = [
    { text: tr('reports.form.document'), style: 'section' },
    fieldGrid(
      [
        { label: col('series'), value: l.series },
        { label: tr('reports.form.number'), value: d.number ?? tr('reports.form.draft') },
        { label: col('docDate'), value: fmt.date(d.docDate) },
        { label: tr('reports.form.branch'), value: l.branch },
        { label: col('status'), value: fmt.status(d.status) + (d.pendingApproval ? ` (${tr('reports.form.pendingApproval')})` : '') },
        { label: col('priority'), value: fmt.priority(d.priority) },
        { label: tr('reports.form.confirmedReal'), value: fmt.yesNo(d.confirmedReal) },
        { label: col('valid'), value: fmt.yesNo(d.valid) },
        { label: col('type'), value: l.type, span: 2 },
        { label: col('object'), value: l.object ? (l.objectCode ? `${l.objectCode} · ${l.object}` : l.object) : null, span: 2 },
        { label: col('objectSerial'), value: d.objectSerial, span: 2 },
        { label: col('vehicle'), value: l.vehicle, span: 2 },
        { label: tr('reports.form.contract'), value: l.contract, span: 2 },
        { label: tr('reports.form.estimate'), value: l.estimate, span: 2 },
        { label: col('classification'), value: l.classification },
        { label: col('classification2'), value: l.classification2 },
        { label: col('classification3'), value: l.classification3 },
        { label: col('zone'), value: l.zone },
      ],
      4,
    ),
    { text: tr('reports.form.clientSection'), style: 'section' },
    fieldGrid(
      [
        { label: col('client'), value: c?.name ?? s.name, span: 2 },
        { label: col('fiscalCode'), value: c?.fiscalCode ?? s.fiscalCode },
        { label: col('phone'), value: c ? c.phones.map((p) => p.number).join(', ') || null : s.phone },
        { label: col('address'), value: clientAddress(data), span: 2 },
        { label: col('email'), value: c ? c.emails.map((e) => e.address).join(', ') || null : s.email, span: 2 },
        { label: tr('reports.form.contactPerson'), value: [l.contact, l.contactPosition].filter(Boolean).join(', ') || null, span: 2 },
        { label: `${col('phone')} / ${col('email')}`, value: [l.contactPhone, l.contactEmail].filter(Boolean).join(' · ') || null, span: 2 },
      ],
      4,
    ),
    { text: tr('reports.form.allocation'), style: 'section' },
    fieldGrid(
      [
        { label: col('takenBy'), value: l.takenBy },
        { label: col('responsible'), value: l.responsible },
        { label: col('startAt'), value: fmt.dateTime(d.startAt) },
        { label: col('endAt'), value: fmt.dateTime(d.endAt) },
        { label: tr('reports.form.assigneeConfirmedAt'), value: fmt.dateTime(d.assigneeConfirmedAt) },
        { label: tr('reports.form.validatedAt'), value: fmt.dateTime(d.validatedAt) },
        { label: tr('reports.form.finalizedAt'), value: fmt.dateTime(d.finalizedAt) },
        { label: tr('reports.form.cancelledAt'), value: fmt.dateTime(d.cancelledAt) },
        ...(d.cancelReason ? [{ label: tr('reports.form.cancelReason'), value: d.cancelReason, span: 4 }] : []),
      ],
      4,
    ),
    { text: col('notes'), style: 'section' },
    { table: { widths: ['*'], body: [[{ text: d.notes || ' ', margin: [0, 2, 0, 8] }]] }, layout: 'form' },
    { text: tr('reports.form.timeline'), style: 'section' },
    timelineTable(env, data, false),
    ...((await readSettings(ctx)).crmOnlineReport ? [onlineReport(env, d.id)] : []),
    signatures(env, data),
  ];
  const frame = frameFor(env, tr('reports.titles.interventionForm'), { subtitle: docHeadline(env, data) });
  return savePdf(env, frame, body, docNumber(data), { rows: 0, truncated: false });
}

function signatures(env: ReportEnv, data: DocData): Content {
  const tr = env.fmt.tr;
  const people: [string, string | null][] = [
    [columnLabel(tr, 'client'), [data.labels.contact, data.client?.name ?? data.snapshot.name].filter(Boolean).join(', ')],
    [columnLabel(tr, 'takenBy'), data.labels.takenBy],
    [columnLabel(tr, 'responsible'), data.labels.responsible],
  ];
  const line = (height: number): TableCell => ({ canvas: [{ type: 'line', x1: 0, y1: height, x2: 160, y2: height, lineWidth: 0.5 }] });
  // One table, so each row (role, name, signature line, date line) stays level across the three people whatever a name's length.
  const body: TableCell[][] = [
    people.map(([role]) => ({ text: role, bold: true, fontSize: 8 })),
    people.map(([, name]) => ({ text: name ?? ' ', fontSize: 8 })),
    people.map(() => line(30)),
    people.map(() => ({ text: tr('reports.form.nameSignature'), style: 'label' })),
    people.map(() => line(14)),
    people.map(() => ({ text: tr('reports.form.signDate'), style: 'label' })),
  ];
  return {
    unbreakable: true,
    margin: [0, 14, 0, 0],
    stack: [
      { text: tr('reports.form.signatures'), style: 'section' },
      { table: { widths: ['*', '*', '*'], body }, layout: 'noBorders' },
    ],
  };
}

/** "Fișa evoluție sesizare": who wrote what about this intervention, and when it changed state. */
export async function evolutionSheetReport(ctx: Ctx, id: string): Promise<ReportFile> {
  const data = await loadDocData(ctx, id);
  const env = await branchEnv(ctx, data);
  const { fmt } = env;
  const { d, labels: l } = data;
  const tr = fmt.tr;
  const col = (k: string) => columnLabel(tr, k);
  const body: Content[] = [
    fieldGrid(
      [
        { label: col('client'), value: data.client?.name ?? data.snapshot.name, span: 2 },
        { label: col('object'), value: l.object },
        { label: col('objectSerial'), value: d.objectSerial },
        { label: col('type'), value: l.type },
        { label: col('priority'), value: fmt.priority(d.priority) },
        { label: col('takenBy'), value: l.takenBy },
        { label: col('responsible'), value: l.responsible },
        { label: col('startAt'), value: fmt.dateTime(d.startAt) },
        { label: col('endAt'), value: fmt.dateTime(d.endAt) },
        { label: col('notes'), value: d.notes, span: 2 },
      ],
      4,
    ),
    { text: tr('reports.form.timeline'), style: 'section' },
    timelineTable(env, data, true),
  ];
  const frame = frameFor(env, tr('reports.titles.evolutionSheet'), { subtitle: docHeadline(env, data) });
  return savePdf(env, frame, body, docNumber(data), { rows: timelineLines(env, data).length, truncated: false });
}
