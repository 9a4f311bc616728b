import { sql } from 'kysely';
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { Ctx } from '../api/context';
import type { GridScope, Priority, Status } from '../../shared/api/interventions';
import type { ReportFile } from '../../shared/api/reports';
import { PRIORITY_BY_RANK } from '../../shared/rules/interventions';
import { scopedQuery } from '../modules/interventions';
import { frameFor, reportEnv, savePdf, type ReportEnv } from './context';
import { filterSummary } from './filters';
import { MAX_PDF_ROWS } from './interventionList';
import { contentWidth } from './pdf';
import { columnLabel, zonesOf } from './format';
import { zoneCity } from '../../shared/rules/zonedTime';

const OPEN = sql<number>`sum(case when i.status in ('received', 'allocated', 'confirmed') then 1 else 0 end)`;
const FINALIZED = sql<number>`sum(case when i.status = 'finalized' then 1 else 0 end)`;
const CANCELLED = sql<number>`sum(case when i.status = 'cancelled' then 1 else 0 end)`;
const HAS_OBJECT = sql<boolean>`(i.object_product_id is not null or i.object_serial is not null)`;

export interface ObjectGroup {
  productId: string | null;
  code: string | null;
  name: string | null;
  serial: string | null;
  clientId: string;
  client: string;
  count: number;
  open: number;
  first: string;
  last: string;
}

/** The objects of the scope's interventions: one line per product, serial/lot and client, counted in SQL. */
export async function objectGroups(ctx: Ctx, env: ReportEnv, scope: GridScope, cap: number): Promise<{ groups: ObjectGroup[]; total: number }> {
  const base = () => scopedQuery(ctx.db, env.user, scope).leftJoin('product as p', 'p.id', 'i.object_product_id').where(HAS_OBJECT);
  const totalRow = await base()
    .select(sql<number>`count(distinct coalesce(i.object_product_id, '') || char(31) || coalesce(i.object_serial, '') || char(31) || i.client_id)`.as('n'))
    .executeTakeFirstOrThrow();
  const rows = await base()
    .select([
      'i.object_product_id as productId',
      sql<string | null>`max(p.code)`.as('code'),
      sql<string | null>`max(p.name)`.as('name'),
      'i.object_serial as serial',
      'i.client_id as clientId',
      sql<string>`max(i.client_name)`.as('client'),
      sql<number>`count(*)`.as('count'),
      OPEN.as('open'),
      sql<string>`min(i.doc_date)`.as('first'),
      sql<string>`max(i.doc_date)`.as('last'),
    ])
    .groupBy(['i.object_product_id', 'i.object_serial', 'i.client_id'])
    .orderBy(sql`max(p.name_key)`)
    .orderBy('i.object_serial')
    .orderBy(sql`max(i.client_name_key)`)
    .orderBy('i.client_id')
    .limit(cap)
    .execute();
  return { groups: rows.map((r) => ({ ...r, count: Number(r.count), open: Number(r.open) })), total: Number(totalRow.n) };
}

const objectName = (g: { code: string | null; name: string | null }) => (g.name ? (g.code ? `${g.code} · ${g.name}` : g.name) : '');

function summary(env: ReportEnv, filters: string, total: number, shown: number): string {
  const parts = [filters, env.fmt.tr('reports.rowCount', { count: total })];
  if (shown < total) parts.push(env.fmt.tr('reports.truncated', { shown, total }));
  return parts.filter(Boolean).join(' · ');
}

/** "Borderou obiecte sesizări". */
export async function objectsListReport(ctx: Ctx, scope: GridScope): Promise<ReportFile> {
  const env = await reportEnv(ctx);
  const { fmt } = env;
  const tr = fmt.tr;
  const { groups, total } = await objectGroups(ctx, env, scope, MAX_PDF_ROWS);
  const body: Content[] = [];
  if (!groups.length) body.push({ text: tr('reports.objects.none'), style: 'muted' });
  else {
    const rows: TableCell[][] = [
      ['#', 'object', 'serial', 'client', 'count', 'open', 'first', 'last'].map((k) => ({ text: k === '#' ? '#' : tr(`reports.objects.${k}`), style: 'th' })),
    ];
    groups.forEach((g, i) =>
      rows.push([
        { text: String(i + 1), alignment: 'right' },
        objectName(g),
        g.serial ?? '',
        g.client,
        { text: String(g.count), alignment: 'right' },
        { text: String(g.open), alignment: 'right' },
        fmt.date(g.first),
        fmt.date(g.last),
      ]),
    );
    const sum = (f: (g: ObjectGroup) => number) => groups.reduce((a, g) => a + f(g), 0);
    rows.push([
      { text: tr('reports.total'), colSpan: 4, bold: true },
      {},
      {},
      {},
      { text: String(sum((g) => g.count)), alignment: 'right', bold: true },
      { text: String(sum((g) => g.open)), alignment: 'right', bold: true },
      '',
      '',
    ]);
    body.push({ table: { headerRows: 1, widths: [18, '*', 70, '*', 42, 34, 48, 48], body: rows }, layout: 'dense', style: 'dense', fontSize: 7.5 });
  }
  const frame = frameFor(env, tr('reports.titles.objectsList'), { subtitle: summary(env, await filterSummary(env, scope), total, groups.length) });
  return savePdf(env, frame, body, null, { rows: groups.length, truncated: groups.length < total });
}

/** "Borderou detaliat obiecte sesizări": each object, then its interventions. */
export async function objectsDetailedReport(ctx: Ctx, scope: GridScope): Promise<ReportFile> {
  const env = await reportEnv(ctx);
  const { fmt } = env;
  const tr = fmt.tr;
  const col = (k: string) => columnLabel(tr, k);
  const { groups, total: totalGroups } = await objectGroups(ctx, env, scope, MAX_PDF_ROWS);
  const lines = await scopedQuery(ctx.db, env.user, scope)
    .leftJoin('product as p', 'p.id', 'i.object_product_id')
    .leftJoin('doc_series as s', 's.id', 'i.series_id')
    .leftJoin('nomenclature as t', 't.id', 'i.type_id')
    .leftJoin('app_user as tb', 'tb.id', 'i.taken_by_id')
    .leftJoin('branch as bz', 'bz.id', 'i.branch_id')
    .where(HAS_OBJECT)
    .select(['bz.time_zone as timeZone', 'i.object_product_id as productId', 'i.object_serial as serial', 'i.client_id as clientId', 'i.number', 'i.doc_date', 'i.status', 'i.priority', 't.name as type', 'tb.name as takenBy', 'i.start_at', 'i.end_at', 'i.notes'])
    .orderBy('p.name_key')
    .orderBy('i.object_serial')
    .orderBy('i.client_name_key')
    .orderBy('i.client_id')
    .orderBy('i.doc_date')
    .orderBy('i.id')
    .limit(MAX_PDF_ROWS)
    .execute();
  const keyOf = (x: { productId: string | null; serial: string | null; clientId: string }) => `${x.productId ?? ''}\u001f${x.serial ?? ''}\u001f${x.clientId}`;
  const byGroup = new Map<string, typeof lines>();
  for (const l of lines) {
    const k = keyOf(l);
    const list = byGroup.get(k);
    if (list) list.push(l);
    else byGroup.set(k, [l]);
  }
  // A branch's times on its clock: the zone said once when all share it, else beside each time.
  const zones = zonesOf(lines.map((l) => ({ timeZone: l.timeZone ?? 'UTC' })));
  const when = (iso: string | null, tz: string) => (iso ? (zones.length > 1 ? `${fmt.dateTime(iso, tz)} ${zoneCity(tz)}` : fmt.dateTime(iso, tz)) : '');
  const body: Content[] = [];
  const n = 8;
  if (!groups.length) body.push({ text: tr('reports.objects.none'), style: 'muted' });
  else {
    const rows: TableCell[][] = [[col('number'), col('docDate'), col('type'), col('status'), col('priority'), col('takenBy'), `${col('startAt')} – ${col('endAt')}`, col('notes')].map((text) => ({ text, style: 'th' }))];
    let printed = 0;
    for (const g of groups) {
      const own = byGroup.get(keyOf(g)) ?? [];
      if (!own.length) break;
      const head = [objectName(g) || '—', g.serial ? `${tr('reports.objects.serial')}: ${g.serial}` : null, g.client, `${tr('reports.objects.count')}: ${g.count}`].filter(Boolean).join(' · ');
      rows.push([{ text: head, colSpan: n, bold: true, fillColor: '#dde6ee' }, ...Array.from({ length: n - 1 }, () => ({}))]);
      for (const l of own) {
        rows.push([
          l.number ?? '',
          fmt.date(l.doc_date),
          l.type ?? '',
          fmt.status(l.status as Status),
          fmt.priority(PRIORITY_BY_RANK[l.priority] as Priority),
          l.takenBy ?? '',
          [when(l.start_at, l.timeZone ?? 'UTC'), when(l.end_at, l.timeZone ?? 'UTC')].filter(Boolean).join(' – '),
          l.notes ? (l.notes.length > 300 ? `${l.notes.slice(0, 300)}…` : l.notes) : '',
        ]);
        printed++;
      }
    }
    const w = contentWidth(true);
    body.push({ table: { headerRows: 1, widths: [58, 48, 80, 70, 42, 90, 120, w - 58 - 48 - 80 - 70 - 42 - 90 - 120 - n * 4 - 1], body: rows }, layout: 'dense', style: 'dense', fontSize: 7 });
    body.push({ text: tr('reports.rowCount', { count: printed }), style: 'muted', margin: [0, 4, 0, 0] });
  }
  const totalRows = await scopedQuery(ctx.db, env.user, scope).where(HAS_OBJECT).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const truncated = lines.length < Number(totalRows.n) || groups.length < totalGroups;
  const subtitle = [
    await filterSummary(env, scope),
    tr('reports.rowCount', { count: Number(totalRows.n) }),
    zones.length === 1 ? tr('reports.timesIn', { zone: zones[0]! }) : null,
    truncated ? tr('reports.truncated', { shown: lines.length, total: Number(totalRows.n) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const frame = frameFor(env, tr('reports.titles.objectsDetailed'), { subtitle, landscape: true });
  return savePdf(env, frame, body, null, { rows: lines.length, truncated });
}

/** "Borderou produse": the products the scope's interventions are about, with how many, for how many clients, in which state. */
export async function productsListReport(ctx: Ctx, scope: GridScope): Promise<ReportFile> {
  const env = await reportEnv(ctx);
  const { fmt } = env;
  const tr = fmt.tr;
  const rows = await scopedQuery(ctx.db, env.user, scope)
    .innerJoin('product as p', 'p.id', 'i.object_product_id')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.is_system as isSystem',
      sql<number>`count(*)`.as('count'),
      sql<number>`count(distinct i.client_id)`.as('clients'),
      OPEN.as('open'),
      FINALIZED.as('finalized'),
      CANCELLED.as('cancelled'),
      sql<string>`max(i.doc_date)`.as('last'),
    ])
    .groupBy('p.id')
    .orderBy(sql`max(p.name_key)`)
    .orderBy('p.id')
    .limit(MAX_PDF_ROWS + 1)
    .execute();
  const truncated = rows.length > MAX_PDF_ROWS;
  const shown = rows.slice(0, MAX_PDF_ROWS);
  const body: Content[] = [];
  if (!shown.length) body.push({ text: tr('reports.objects.none'), style: 'muted' });
  else {
    const num = (v: number, bold = false): TableCell => ({ text: String(Number(v)), alignment: 'right', bold });
    const table: TableCell[][] = [
      ['#', 'code', 'object', 'system', 'count', 'clients', 'open', 'finalized', 'cancelled', 'last'].map((k) => ({ text: k === '#' ? '#' : tr(`reports.objects.${k}`), style: 'th' })),
    ];
    shown.forEach((r, i) =>
      table.push([num(i + 1), r.code ?? '', r.name, fmt.yesNo(r.isSystem === 1), num(r.count), num(r.clients), num(r.open), num(r.finalized), num(r.cancelled), fmt.date(r.last)]),
    );
    const sum = (k: 'count' | 'open' | 'finalized' | 'cancelled') => shown.reduce((a, r) => a + Number(r[k]), 0);
    table.push([{ text: tr('reports.total'), colSpan: 4, bold: true }, {}, {}, {}, num(sum('count'), true), '', num(sum('open'), true), num(sum('finalized'), true), num(sum('cancelled'), true), '']);
    body.push({ table: { headerRows: 1, widths: [18, 50, '*', 52, 58, 40, 36, 48, 48, 48], body: table }, layout: 'dense', style: 'dense', fontSize: 7.5 });
  }
  const frame = frameFor(env, tr('reports.titles.productsList'), { subtitle: [await filterSummary(env, scope), tr('reports.rowCount', { count: shown.length })].filter(Boolean).join(' · ') });
  return savePdf(env, frame, body, null, { rows: shown.length, truncated });
}
