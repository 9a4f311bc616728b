import type { Content, TableCell } from 'pdfmake/interfaces';
import type { Ctx } from '../../api/context';
import type { ReportFile } from '../../../shared/api/reports';
import type { UsageRow } from '../../../shared/api/reminders';
import { LOCALES } from '../../../shared/i18n/languages';
import { frameFor, reportEnv, savePdf } from '../../reports';
import { usageReport } from './usage';

/**
 * The month's usage on paper, per branch with the organization's total: what the trunk will bill (billable calls and
 * their minutes) beside what the calls achieved (confirmed, declined, no answer). The month is the organization's.
 */
export async function usagePdf(ctx: Ctx, month: string, branchId: string | null | undefined): Promise<ReportFile> {
  const env = await reportEnv(ctx);
  const { fmt } = env;
  const u = await usageReport(ctx, month, branchId);
  const count = new Intl.NumberFormat(LOCALES[fmt.lng as keyof typeof LOCALES] ?? 'en-GB');
  const tr = (k: string, p?: Record<string, string | number>) => fmt.tr(`reminders.usage.${k}`, p);
  const th = (text: string, right = false): TableCell => ({ text, style: 'th', alignment: right ? 'right' : undefined });
  const cells = (r: UsageRow, bold = false): TableCell[] =>
    [r.attempts, r.billable, r.minutes, r.confirmed, r.declined, r.noAnswer].map((n) => ({ text: count.format(n), alignment: 'right', bold }) as TableCell);
  const body: TableCell[][] = [
    [th(tr('branch')), th(tr('attempts'), true), th(tr('billable'), true), th(tr('minutes'), true), th(tr('confirmed'), true), th(tr('declined'), true), th(tr('noAnswer'), true)],
    ...u.rows.map((r) => [r.branchName ?? '', ...cells(r)]),
  ];
  if (!branchId) body.push([{ text: tr('total'), bold: true }, ...cells(u.total, true)]);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const monthName = new Intl.DateTimeFormat(LOCALES[fmt.lng as keyof typeof LOCALES] ?? 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
  const content: Content[] = [
    { table: { headerRows: 1, widths: ['*', 50, 50, 50, 55, 55, 60], body }, layout: 'dense', style: 'dense', fontSize: 8 },
    { text: tr('note'), style: 'muted', margin: [0, 8, 0, 0] },
  ];
  const frame = frameFor(env, tr('title'), { subtitle: [monthName, fmt.tr('reports.timesIn', { zone: u.timeZone })].join(' · ') });
  return savePdf(env, frame, content, month, { rows: u.rows.length, truncated: false });
}
