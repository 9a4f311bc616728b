import type { Content, TableCell } from 'pdfmake/interfaces';
import type { Ctx } from '../api/context';
import type { GridColumn, GridRow, GridScope, GroupLevel, SortField } from '../../shared/api/interventions';
import type { ReportFile } from '../../shared/api/reports';
import { gridOrder, gridSourceOf, interventionTotals, TOTAL_FIELDS, type InterventionTotals } from '../modules/interventions';
import { gridLines } from '../grid/lines';
import { cellText, columnLabel, columnTitle, INSTANT_COLUMNS, zonesOf, type Fmt } from './format';
import { localeOf } from './i18n';
import { contentWidth } from './pdf';
import { frameFor, reportEnv, savePdf, type ReportEnv } from './context';
import { filterSummary } from './filters';

/** A PDF list longer than this is cut (with a note): pdfmake lays a table out in memory, and nobody reads 100 pages of it. */
export const MAX_PDF_ROWS = 5000;
/** …and wide lists are cut earlier, so a report stays a few seconds and well inside the core's memory budget. */
export const MAX_PDF_CELLS = 40_000;

export interface ListInput {
  scope: GridScope;
  columns: GridColumn[];
  sort?: SortField;
  desc?: boolean;
}

type Line = { kind: 'group'; depth: number; text: string } | { kind: 'row'; row: GridRow };

/** How a group of the grid is named: the field, the value (translated enum, formatted date, or the label) and the count. */
export function groupTitle(fmt: Fmt, level: GroupLevel, key: string | null, label: string | null, count: number): string {
  let value: string;
  if (key == null) value = fmt.tr('reports.empty');
  else if (level.field === 'status') value = fmt.tr(`reports.status.${key}`);
  else if (level.field === 'priority') value = fmt.tr(`reports.priority.${key}`);
  else if (level.field === 'docDate' || level.field === 'startAt' || level.field === 'endAt') {
    const bucket = level.bucket ?? 'day';
    if (bucket === 'month') value = new Intl.DateTimeFormat(localeOf(fmt.lng), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${key.slice(0, 10)}T00:00:00Z`));
    else if (bucket === 'week') value = fmt.tr('reports.weekOf', { date: fmt.date(key) });
    else value = fmt.date(key);
  } else value = label ?? key;
  return `${columnLabel(fmt.tr, level.field)}: ${value} (${count})`;
}

/** The grid's rows in the grid's order under its groups' headings, as the grid shows them, up to `cap` rows. */
export async function collectLines(ctx: Ctx, env: ReportEnv, input: ListInput, cap: number): Promise<{ lines: Line[]; rows: number; total: number }> {
  const { lines, rows, total } = await gridLines(gridSourceOf(ctx), input.scope, gridOrder(input), cap);
  return {
    lines: lines.map((l) => (l.kind === 'row' ? l : { kind: 'group', depth: l.depth, text: groupTitle(env.fmt, l.level, l.group.key, l.group.label, l.group.count) })),
    rows,
    total,
  };
}

/** Relative widths: short codes narrow, names and notes wide. */
const WEIGHT: Partial<Record<GridColumn, number>> = {
  series: 3,
  number: 5,
  docDate: 5,
  startAt: 7,
  endAt: 7,
  status: 6,
  priority: 4.5,
  valid: 3.2,
  cancelled: 3.5,
  phone: 7,
  fiscalCode: 6,
  email: 9,
  client: 11,
  notes: 13,
  address: 10,
  object: 9,
};
const NOTE_CHARS = 300;

/** Characters a column needs on one line (dates and times must never wrap). */
const MIN_CHARS: Partial<Record<GridColumn, number>> = {
  series: 6,
  number: 10,
  docDate: 10,
  startAt: 15.5,
  endAt: 15.5,
  status: 11,
  priority: 6,
  valid: 4,
  cancelled: 4,
  phone: 13,
  fiscalCode: 13,
};

/** Columns whose content has a fixed form (dates, codes, enums): they get what they need, never more. */
const FIXED: ReadonlySet<GridColumn> = new Set(['series', 'number', 'docDate', 'startAt', 'endAt', 'status', 'priority', 'valid', 'cancelled', 'phone', 'fiscalCode']);

/**
 * Each column gets what its content needs on one line and its header's longest word; the rest of the page width goes to the
 * free-text columns (client, notes, address…) by weight.
 */
export function listLayout(columns: GridColumn[], titles: string[] = []): { landscape: boolean; widths: number[]; fontSize: number } {
  const weights = columns.map((c) => WEIGHT[c] ?? 7);
  const sum = weights.reduce((a, b) => a + b, 0);
  const landscape = columns.length > 7 || sum > 55;
  const fontSize = columns.length <= 8 ? 7.5 : columns.length <= 14 ? 6.8 : columns.length <= 20 ? 6 : 5.2;
  const width = contentWidth(landscape) - columns.length * 4 - 1;
  // DejaVu Sans Condensed digits are 0.57 em wide, its bold a little more. First the content, then the headers' words, then the rest.
  const content = columns.map((c) => (MIN_CHARS[c] ?? 6) * 0.58 * fontSize);
  const header = columns.map((c, i) => Math.max(content[i]!, Math.max(0, ...(titles[i] ?? '').split(/\s+/).map((w) => w.length)) * 0.64 * fontSize));
  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (total(content) >= width) return { landscape, fontSize, widths: content.map((m) => (m / total(content)) * width) };
  const headerExtra = total(header) - total(content);
  if (headerExtra >= width - total(content)) {
    const k = (width - total(content)) / headerExtra;
    return { landscape, fontSize, widths: content.map((m, i) => m + (header[i]! - m) * k) };
  }
  const share = columns.map((c, i) => (FIXED.has(c) ? 0 : weights[i]!));
  const spare = width - total(header);
  return { landscape, fontSize, widths: header.map((m, i) => m + (total(share) ? share[i]! / total(share) : 1 / columns.length) * spare) };
}

/** `zoned`: each time carries its branch's place (the list's branches are on different clocks). */
export function listTable(fmt: Fmt, columns: GridColumn[], lines: Line[], zoned = false): Content {
  const titles = columns.map((c) => columnTitle(fmt, c));
  const { widths, fontSize } = listLayout(columns, titles);
  const header: TableCell[] = titles.map((text) => ({ text, style: 'th' }));
  const body: TableCell[][] = [header];
  for (const line of lines) {
    if (line.kind === 'group') {
      body.push([
        { text: line.text, colSpan: columns.length, bold: true, fillColor: line.depth === 0 ? '#dde6ee' : '#eef2f5', margin: [line.depth * 8, 0.5, 0, 0.5] },
        ...columns.slice(1).map(() => ({})),
      ]);
    } else {
      body.push(
        columns.map((c) => {
          const text = cellText(fmt, line.row, c, zoned);
          return { text: text.length > NOTE_CHARS ? `${text.slice(0, NOTE_CHARS)}…` : text, noWrap: false };
        }),
      );
    }
  }
  return { table: { headerRows: 1, widths, body }, layout: 'dense', style: 'dense', fontSize };
}

export function rowCap(columns: number): number {
  return Math.min(MAX_PDF_ROWS, Math.floor(MAX_PDF_CELLS / Math.max(1, columns)));
}

/** The footer's totals as the grid shows them: "Status: Received 12 · Cancelled 3", one line per field, values in workflow order. */
export function totalsText(fmt: Fmt, by: InterventionTotals): string[] {
  return TOTAL_FIELDS.map((field) => `${columnLabel(fmt.tr, field)}: ${by[field].map((g) => `${g.key == null ? fmt.tr('reports.empty') : fmt.tr(`reports.${field}.${g.key}`)} ${g.count}`).join(' · ')}`);
}

/** "Borderou sesizări" and the quick report: what the grid shows, as the grid shows it. */
export async function interventionListReport(ctx: Ctx, input: ListInput): Promise<ReportFile> {
  const env = await reportEnv(ctx);
  const { fmt } = env;
  const cap = rowCap(input.columns.length);
  const { lines, rows, total } = await collectLines(ctx, env, input, cap);
  const truncated = rows < total;
  const title = fmt.tr('reports.titles.interventionList');
  const body: Content[] = [];
  // The times' zone is said once when every row shares it, else beside each time.
  const zones = input.columns.some((c) => INSTANT_COLUMNS.has(c)) ? zonesOf(lines.flatMap((l) => (l.kind === 'row' ? [l.row] : []))) : [];
  if (!total) body.push({ text: fmt.tr('reports.nothing'), style: 'muted' });
  else {
    body.push(listTable(fmt, input.columns, lines, zones.length > 1));
    body.push({ stack: totalsText(fmt, await interventionTotals(ctx, input.scope)).map((text) => ({ text, bold: true })), margin: [0, 6, 0, 0], fontSize: 8, unbreakable: true });
  }
  const grouped = input.scope.groupBy?.length ? fmt.tr('reports.groupedBy', { fields: input.scope.groupBy.map((g) => columnLabel(fmt.tr, g.field)).join(', ') }) : '';
  const summary = [await filterSummary(env, input.scope), grouped, fmt.tr('reports.rowCount', { count: total })].filter(Boolean);
  if (zones.length === 1) summary.push(fmt.tr('reports.timesIn', { zone: zones[0]! }));
  if (truncated) summary.push(fmt.tr('reports.truncated', { shown: rows, total }));
  const frame = frameFor(env, title, { landscape: listLayout(input.columns).landscape, subtitle: summary.join(' · ') });
  return savePdf(env, frame, body, null, { rows, truncated });
}
