import type { Content, TableCell } from 'pdfmake/interfaces';
import { me, type Ctx } from '../../../api/context';
import { fail } from '../../../api/errors';
import { inScope } from '../../../api/scope';
import type { ReportFile } from '../../../../shared/api/reports';
import { formatDuration, totals } from '../../../../shared/rules/tasks/time';
import { wallClock } from '../../../../shared/rules/zonedTime';
import { isLanguage, orgLanguage } from '../../../mail';
import { frameFor, makeFmt, reportEnv, savePdf } from '../../../reports';

type ActInput = { taskId: string } | { clientId: string; from: string; to: string };

async function clientOf(ctx: Ctx, clientId: string) {
  const c = await ctx.db.selectFrom('client').select(['id', 'name', 'preferred_language']).where('id', '=', clientId).where('org_id', '=', me(ctx).orgId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!c) throw fail.notFound('client_not_found', 'clientId');
  return c;
}

/** The sessions an act lists: one task's, or a client's tasks' over the period (by the day each started), in scope. */
async function sessions(ctx: Ctx, input: ActInput) {
  let q = ctx.db
    .selectFrom('task_time_entry as e')
    .innerJoin('task as t', 't.id', 'e.task_id')
    .innerJoin('app_user as u', 'u.id', 'e.employee_id')
    .innerJoin('branch as b', 'b.id', 'e.branch_id')
    .select(['e.started_at', 'e.ended_at', 'e.seconds', 'e.day', 'e.note', 'e.billable', 'e.employee_id', 'u.name as employee_name', 't.number', 't.subject', 't.client_id', 't.address', 'b.time_zone'])
    .where('e.deleted_at', 'is', null)
    .where('t.deleted_at', 'is', null)
    .where(inScope(me(ctx), { org: 'e.org_id', branch: 'e.branch_id' }));
  q = 'taskId' in input ? q.where('e.task_id', '=', input.taskId) : q.where('t.client_id', '=', input.clientId).where('e.day', '>=', input.from).where('e.day', '<=', input.to);
  return q.orderBy('e.started_at').orderBy('e.id').execute();
}

/**
 * The work act ("atliktų darbų aktas"): the sessions (date, employee, task, times on the branch's clock, duration,
 * note), each employee's total and the whole, and lines for both sides to sign — in the client's language (else the
 * organization's), since it is the client who signs it. A running timer counts up to the moment of printing.
 */
export async function workAct(ctx: Ctx, input: ActInput): Promise<ReportFile> {
  let clientId: string;
  let subject: string | null = null;
  if ('taskId' in input) {
    const t = await ctx.db.selectFrom('task').select(['client_id', 'number', 'subject']).where('id', '=', input.taskId).where('deleted_at', 'is', null).where(inScope(me(ctx), { org: 'org_id', branch: 'branch_id' })).executeTakeFirst();
    if (!t) throw fail.notFound('task_not_found', 'taskId');
    clientId = t.client_id;
    subject = [t.number, t.subject].filter(Boolean).join(' ');
  } else clientId = input.clientId;
  const client = await clientOf(ctx, clientId);
  const rows = await sessions(ctx, input);
  const base = await reportEnv(ctx);
  const lng = isLanguage(client.preferred_language) ? client.preferred_language : await orgLanguage(ctx, base.user.orgId);
  const fmt = makeFmt(lng, base.fmt.tz);
  const env = { ...base, fmt };
  const tr = (key: string, params?: Record<string, string | number>) => fmt.tr(`taskTime.act.${key}`, params);
  const now = env.nowIso;
  const th = (text: string, alignment?: 'right'): TableCell => ({ text, style: 'th', alignment });
  const time = (iso: string, tz: string) => wallClock(iso, tz).slice(11, 16);
  const entries = rows.map((r) => ({ ...r, employeeId: r.employee_id, startedAt: r.started_at, endedAt: r.ended_at, billable: r.billable === 1 }));
  const sum = totals(entries, now);
  const body: TableCell[][] = entries.map((r) => [
    fmt.date(r.day),
    r.employee_name,
    [r.number, r.subject].filter(Boolean).join(' · '),
    `${time(r.started_at, r.time_zone)}–${r.ended_at ? time(r.ended_at, r.time_zone) : '…'}`,
    { text: formatDuration(totals([r], now).seconds), alignment: 'right' },
    { text: [r.note, r.billable ? null : tr('notBillable')].filter(Boolean).join(' · '), style: 'dense' },
  ]);
  const names = new Map(entries.map((e) => [e.employee_id, e.employee_name]));
  const totalRows: TableCell[][] = [
    ...sum.perEmployee.map((t) => [{ text: names.get(t.employeeId) ?? '', colSpan: 4 }, '', '', '', { text: formatDuration(t.seconds), alignment: 'right' as const }, '']),
    [{ text: tr('total'), bold: true, colSpan: 4 }, '', '', '', { text: formatDuration(sum.seconds), alignment: 'right' as const, bold: true }, sum.billableSeconds !== sum.seconds ? tr('billable', { time: formatDuration(sum.billableSeconds) }) : ''],
  ];
  const table: Content = entries.length
    ? {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: [52, 90, '*', 58, 40, 130],
          body: [[th(tr('date')), th(tr('employee')), th(tr('task')), th(tr('time')), th(tr('duration'), 'right'), th(tr('note'))], ...body, ...totalRows],
        },
        layout: 'dense',
      }
    : { text: tr('none'), style: 'muted' };
  const signature = (who: string, name: string): Content => ({
    stack: [{ text: who, bold: true }, { text: name, margin: [0, 2, 0, 28] }, { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 220, y2: 0, lineWidth: 0.5 }] }, { text: tr('signLine'), style: 'label', margin: [0, 2, 0, 0] }],
  });
  const content: Content[] = [
    { text: tr('statement', { client: client.name, company: env.orgName }), margin: [0, 0, 0, 8] },
    table,
    { columns: [signature(tr('client'), client.name), signature(tr('company'), env.orgName)], margin: [0, 36, 0, 0], unbreakable: true },
  ];
  const period = 'taskId' in input ? tr('forTask', { task: subject ?? '' }) : `${fmt.date(input.from)} – ${fmt.date(input.to)}`;
  const frame = { ...frameFor(env, tr('title'), { subtitle: `${client.name} · ${period}` }), language: lng };
  return savePdf(env, frame, content, client.name, { rows: entries.length, truncated: false });
}
