import type { Content, TableCell } from 'pdfmake/interfaces';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { inScope } from '../../api/scope';
import type { ReportFile } from '../../../shared/api/reports';
import { wallClock, zoneCity } from '../../../shared/rules/zonedTime';
import { frameFor, reportEnv, savePdf } from '../context';
import { numbers } from './paper';

/**
 * The visit's receipt: who (organization, branch), for whom, when on the branch's clock (its zone named), what with
 * its price, what was paid how, and what is still due. A visit of another branch, or another employee's for an
 * employee, is "not found", as everywhere.
 */
export async function visitReceipt(ctx: Ctx, visitId: string): Promise<ReportFile> {
  const user = me(ctx);
  const v = await ctx.db
    .selectFrom('visit as v')
    .innerJoin('branch as b', 'b.id', 'v.branch_id')
    .innerJoin('app_user as u', 'u.id', 'v.user_id')
    .leftJoin('client as c', 'c.id', 'v.client_id')
    .select(['v.id', 'v.kind', 'v.user_id', 'v.starts_at', 'v.ends_at', 'v.status', 'v.currency', 'v.total_minor', 'v.paid_minor', 'v.cancel_reason'])
    .select(['b.name as branch_name', 'b.address as branch_address', 'b.phone as branch_phone', 'b.time_zone', 'u.name as user_name', 'c.name as client_name', 'c.primary_phone as client_phone'])
    .where('v.id', '=', visitId)
    .where('v.deleted_at', 'is', null)
    .where(inScope(user, { org: 'v.org_id', branch: 'v.branch_id' }))
    .executeTakeFirst();
  if (!v || v.kind !== 'visit' || (user.role === 'employee' && v.user_id !== user.id)) throw fail.notFound('not_found', 'id');
  const [lines, payments] = await Promise.all([
    ctx.db.selectFrom('visit_line').select(['name', 'quantity', 'price_minor']).where('visit_id', '=', v.id).where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').execute(),
    ctx.db.selectFrom('visit_payment').select(['method', 'amount_minor', 'paid_at', 'note']).where('visit_id', '=', v.id).where('deleted_at', 'is', null).orderBy('paid_at').orderBy('id').execute(),
  ]);
  const env = await reportEnv(ctx);
  const { fmt } = env;
  const tr = (key: string, params?: Record<string, string | number>) => fmt.tr(`calendarReports.${key}`, params);
  const n = numbers(fmt.lng);
  const money = (minor: number) => n.money(minor, v.currency);
  const th = (text: string, alignment?: 'right'): TableCell => ({ text, style: 'th', alignment });
  const right = (text: string, bold = false): TableCell => ({ text, alignment: 'right', bold });
  const time = `${fmt.dateTime(v.starts_at, v.time_zone)}–${wallClock(v.ends_at, v.time_zone).slice(11, 16)} (${zoneCity(v.time_zone)})`;
  const who: Content = {
    table: {
      widths: [110, '*'],
      body: [
        [{ text: tr('receipt.branch'), style: 'label' }, [v.branch_name, v.branch_address, v.branch_phone].filter(Boolean).join(', ')],
        [{ text: tr('col.client'), style: 'label' }, [v.client_name, v.client_phone].filter(Boolean).join(', ')],
        [{ text: tr('col.time'), style: 'label' }, time],
        [{ text: tr('col.employee'), style: 'label' }, v.user_name],
        [{ text: tr('col.status'), style: 'label' }, [tr(`status.${v.status}`), v.cancel_reason].filter(Boolean).join(': ')],
      ],
    },
    layout: 'form',
  };
  const lineRows: TableCell[][] = lines.map((l) => [l.name, right(n.int(l.quantity)), right(money(l.price_minor)), right(money(l.price_minor * l.quantity))]);
  const lineTable: Content = {
    table: { headerRows: 1, widths: ['*', 40, 70, 70], body: [[th(tr('receipt.item')), th(tr('receipt.quantity'), 'right'), th(tr('receipt.price'), 'right'), th(tr('receipt.amount'), 'right')], ...lineRows] },
    layout: 'dense',
    margin: [0, 8, 0, 0],
  };
  const payTable: Content = payments.length
    ? {
        table: {
          headerRows: 1,
          widths: [90, 80, '*', 70],
          body: [
            [th(tr('receipt.paidAt')), th(tr('receipt.method')), th(tr('receipt.note')), th(tr('receipt.amount'), 'right')],
            ...payments.map((p) => [fmt.dateTime(p.paid_at, v.time_zone), tr(`method.${p.method}`), p.note ?? '', right(money(p.amount_minor))]),
          ],
        },
        layout: 'dense',
      }
    : { text: tr('receipt.noPayments'), style: 'muted' };
  const totals: Content = {
    margin: [0, 10, 0, 0],
    table: {
      widths: ['*', 90],
      body: [
        [right(tr('col.total')), right(money(v.total_minor), true)],
        [right(tr('col.paid')), right(money(v.paid_minor))],
        [right(tr('col.due')), right(money(Math.max(0, v.total_minor - v.paid_minor)), true)],
      ],
    },
    layout: 'noBorders',
  };
  const body: Content[] = [who, lineTable, { text: tr('receipt.payments'), style: 'section' }, payTable, totals];
  const frame = frameFor(env, tr('receipt.title'), { subtitle: `${v.client_name ?? ''} · ${fmt.dateTime(v.starts_at, v.time_zone)} · ${fmt.tr('reports.timesIn', { zone: v.time_zone })}` });
  return savePdf(env, frame, body, v.client_name, { rows: 0, truncated: false });
}
