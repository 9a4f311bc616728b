import type { Content, TableCell } from 'pdfmake/interfaces';
import type { Ctx } from '../../api/context';
import type { CalendarReport } from '../../../shared/api/calendarReports';
import type { ReportFile } from '../../../shared/api/reports';
import { wallClock } from '../../../shared/rules/zonedTime';
import { reportNumbers } from '../../../shared/rules/reportNumbers';
import { frameFor, reportEnv, savePdf, type ReportEnv } from '../context';
import { localeOf } from '../i18n';
import type { Fmt } from '../format';
import { dailyListData, noShowsData, sourcesData, unpaidData, utilisationData } from './data';
import type { Filter } from './load';

export const numbers = (lng: string) => reportNumbers(localeOf(lng));

const th = (text: string, alignment?: 'right'): TableCell => ({ text, style: 'th', alignment });
const right = (text: string): TableCell => ({ text, alignment: 'right' });
/** A share as a bar: the paper's chart beside the numbers. */
const bar = (x: number | null): TableCell => ({ canvas: [{ type: 'rect', x: 0, y: 1.5, w: Math.max(0.5, Math.min(1, x ?? 0) * 90), h: 6, color: '#3b6fb6' }] });
const table = (widths: (string | number)[], header: TableCell[], rows: TableCell[][]): Content => ({
  table: { headerRows: 1, widths, body: [header, ...rows] },
  layout: 'dense',
  style: 'dense',
  fontSize: 7.5,
});

const c = (fmt: Fmt, key: string, params?: Record<string, string | number>) => fmt.tr(`calendarReports.${key}`, params);

/** Under the title: the period, whose branch and employee, and the clock its times are on. */
async function subtitle(env: ReportEnv, f: Filter, zones: readonly string[], day = false): Promise<string> {
  const { fmt, ctx } = env;
  const branch = f.branchId ? (await ctx.db.selectFrom('branch').select('name').where('id', '=', f.branchId).executeTakeFirst())?.name : null;
  const person = f.userId ? (await ctx.db.selectFrom('app_user').select('name').where('id', '=', f.userId).executeTakeFirst())?.name : null;
  return [
    day ? fmt.date(f.from) : `${fmt.date(f.from)} – ${fmt.date(f.to)}`,
    branch ?? c(fmt, 'allBranches'),
    person ?? c(fmt, 'allEmployees'),
    ...zones.map((zone) => fmt.tr('reports.timesIn', { zone })),
  ].join(' · ');
}

async function body(env: ReportEnv, report: Exclude<CalendarReport, 'dailyList'>, f: Filter): Promise<{ content: Content[]; rows: number; zones: string[] }> {
  const { fmt, ctx } = env;
  const n = numbers(fmt.lng);
  switch (report) {
    case 'sources': {
      const d = await sourcesData(ctx, f);
      const rows = d.rows.map((r) => [r.sourceName ?? c(fmt, 'noSource'), right(n.int(r.count)), right(n.pct(r.share)), bar(r.share)]);
      rows.push([{ text: c(fmt, 'total'), bold: true }, { text: n.int(d.total), bold: true, alignment: 'right' }, '', '']);
      return { content: [table(['*', 50, 50, 100], [th(c(fmt, 'col.source')), th(c(fmt, 'col.visits'), 'right'), th(c(fmt, 'col.share'), 'right'), th('')], rows)], rows: d.rows.length, zones: d.timeZones };
    }
    case 'noShows': {
      const d = await noShowsData(ctx, f);
      const part = (title: string, list: typeof d.byClient, phone: boolean): Content[] => [
        { text: title, style: 'section' },
        list.length
          ? table(
              phone ? ['*', 80, 50, 50, 50] : ['*', 50, 50, 50],
              [th(title), ...(phone ? [th(c(fmt, 'col.phone'))] : []), th(c(fmt, 'col.noShows'), 'right'), th(c(fmt, 'col.decided'), 'right'), th(c(fmt, 'col.rate'), 'right')],
              list.map((r) => [r.name, ...(phone ? [r.phone ?? ''] : []), right(n.int(r.noShows)), right(n.int(r.decided)), right(n.pct(r.rate))]),
            )
          : { text: fmt.tr('reports.nothing'), style: 'muted' },
      ];
      const summary = c(fmt, 'noShowSummary', { noShows: n.int(d.noShows), decided: n.int(d.decided), rate: n.pct(d.decided ? d.noShows / d.decided : null) });
      return { content: [{ text: summary, bold: true }, ...part(c(fmt, 'byEmployee'), d.byEmployee, false), ...part(c(fmt, 'byClient'), d.byClient, true)], rows: d.byClient.length + d.byEmployee.length, zones: d.timeZones };
    }
    case 'utilisation': {
      const d = await utilisationData(ctx, f);
      const rows = d.rows.map((r) => [r.userName, r.branchName, right(n.int(r.visits)), right(n.hours(r.bookedMin)), right(n.hours(r.workingMin)), right(n.pct(r.rate)), bar(r.rate)]);
      const header = [th(c(fmt, 'col.employee')), th(c(fmt, 'col.branch')), th(c(fmt, 'col.visits'), 'right'), th(c(fmt, 'col.booked'), 'right'), th(c(fmt, 'col.working'), 'right'), th(c(fmt, 'col.rate'), 'right'), th('')];
      return { content: [table(['*', 80, 40, 45, 45, 45, 95], header, rows)], rows: d.rows.length, zones: d.timeZones };
    }
    case 'unpaid': {
      const d = await unpaidData(ctx, f);
      const rows = d.rows.map((r) => [fmt.dateTime(r.start, r.timeZone), r.clientName ?? '', r.clientPhone ?? '', r.userName, r.serviceName ?? '', right(n.money(r.totalMinor, r.currency)), right(n.money(r.paidMinor, r.currency)), { text: n.money(r.dueMinor, r.currency), alignment: 'right', bold: true } as TableCell]);
      const header = [th(c(fmt, 'col.time')), th(c(fmt, 'col.client')), th(c(fmt, 'col.phone')), th(c(fmt, 'col.employee')), th(c(fmt, 'col.service')), th(c(fmt, 'col.total'), 'right'), th(c(fmt, 'col.paid'), 'right'), th(c(fmt, 'col.due'), 'right')];
      const totals = d.due.map((m) => ({ text: c(fmt, 'dueTotal', { amount: n.money(m.minor, m.currency) }), bold: true, alignment: 'right' as const }));
      return { content: [table([62, '*', 62, 70, 70, 45, 45, 45], header, rows), { stack: totals, margin: [0, 6, 0, 0] }], rows: d.rows.length, zones: d.timeZones };
    }
  }
}

export async function calendarReportPdf(ctx: Ctx, report: Exclude<CalendarReport, 'dailyList'>, f: Filter): Promise<ReportFile> {
  const env = await reportEnv(ctx);
  const { content, rows, zones } = await body(env, report, f);
  const title = c(env.fmt, `titles.${report}`);
  const frame = frameFor(env, title, { subtitle: await subtitle(env, f, zones), landscape: report === 'unpaid' });
  return savePdf(env, frame, rows ? content : [{ text: env.fmt.tr('reports.nothing'), style: 'muted' }], null, { rows, truncated: false });
}

/** The day's list: one section per employee, each starting on a page of its own so it can be handed to them. */
export async function dailyListPdf(ctx: Ctx, input: { branchId: string; day: string; userId?: string | null }): Promise<ReportFile> {
  const env = await reportEnv(ctx);
  const { fmt } = env;
  const d = await dailyListData(ctx, input);
  const time = (iso: string) => wallClock(iso, d.timeZone).slice(11, 16);
  const content: Content[] = d.employees.map((e, i) => ({
    pageBreak: i > 0 ? 'before' : undefined,
    stack: [
      { text: `${e.userName} — ${c(fmt, 'bookedLine', { hours: numbers(fmt.lng).hours(e.bookedMin) })}`, style: 'section' },
      table(
        [48, 95, 68, 80, '*', 40],
        [th(c(fmt, 'col.time')), th(c(fmt, 'col.client')), th(c(fmt, 'col.phone')), th(c(fmt, 'col.service')), th(c(fmt, 'col.notes')), th(c(fmt, 'col.marks'))],
        e.lines.map((l) => [
          `${time(l.start)}–${time(l.end)}`,
          l.kind === 'break' ? { text: c(fmt, 'break'), italics: true } : (l.clientName ?? ''),
          l.clientPhone ?? '',
          l.serviceName ?? '',
          l.notes ?? '',
          [l.firstConsultation ? c(fmt, 'pk') : '', l.asap ? c(fmt, 'asap') : '', l.status === 'no_show' ? c(fmt, 'status.no_show') : ''].filter(Boolean).join(' '),
        ]),
      ),
    ],
  }));
  const f = { from: input.day, to: input.day, branchId: input.branchId, userId: input.userId };
  const frame = frameFor(env, c(fmt, 'titles.dailyList'), { subtitle: await subtitle(env, f, [d.timeZone], true) });
  const rows = d.employees.reduce((s, e) => s + e.lines.length, 0);
  return savePdf(env, frame, rows ? content : [{ text: fmt.tr('reports.nothing'), style: 'muted' }], input.day, { rows, truncated: false });
}
