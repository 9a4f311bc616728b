import { sql, type Selectable, type SqlBool } from 'kysely';
import type { InvoiceLineTable } from '../../db/schema';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { inScope } from '../../api/scope';
import { assertPeriodOpen } from '../periods';
import { dayAt } from '../../../shared/rules/dayOf';
import { invoiceTotals } from '../../../shared/rules/invoices/amounts';
import { linesForTasks, monthDays, type BillableMaterial, type BillableTask, type BillableTime, type DraftLine } from '../../../shared/rules/invoices/lines';
import { readInvoiceSettings } from './settings';
import { invoiceLineRows, invoiceRows } from './tables';

const CHUNK = 500;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The day `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

interface ClientInfo {
  name: string;
  code: string | null;
  language: string | null;
  email: string | null;
  address: string | null;
  country: string | null;
}

async function clientsOf(ctx: Ctx, orgId: string, ids: string[]): Promise<Map<string, ClientInfo>> {
  const out = new Map<string, ClientInfo>();
  for (const part of chunks(ids)) {
    const rows = await ctx.db
      .selectFrom('client as c')
      .leftJoin('client_address as a', (j) => j.onRef('a.client_id', '=', 'c.id').on('a.position', '=', 0).on('a.deleted_at', 'is', null))
      .select(['c.id', 'c.name', 'c.fiscal_code', 'c.preferred_language', 'c.primary_email', 'a.street', 'a.locality', 'a.postal_code', 'a.country'])
      .where('c.org_id', '=', orgId)
      .where('c.id', 'in', part)
      .execute();
    for (const r of rows) {
      const address = [r.street, [r.postal_code, r.locality].filter(Boolean).join(' ')].filter(Boolean).join(', ') || null;
      out.set(r.id, { name: r.name, code: r.fiscal_code, language: r.preferred_language, email: r.primary_email, address, country: r.country ?? null });
    }
  }
  return out;
}

/** The branch asked for, or every branch the caller sees; one they do not see is not there for them. */
export async function branchesInReach(ctx: Ctx, branchId?: string | null): Promise<{ id: string; time_zone: string }[]> {
  let q = ctx.db.selectFrom('branch').select(['id', 'time_zone']).where('deleted_at', 'is', null).where(inScope(me(ctx), { org: 'branch.org_id', branch: 'branch.id' }));
  if (branchId) q = q.where('id', '=', branchId);
  const branches = await q.execute();
  if (branchId && !branches.length) throw fail.notFound('branch_not_found', 'branchId');
  return branches;
}

export interface GenerateResult {
  drafts: number;
  replaced: number;
  unchanged: number;
  kept: number;
  tasks: number;
}

/** What a draft says, to tell whether a regeneration would write the same one again. */
function signature(head: Pick<DraftHead, 'client' | 'issueDate' | 'dueDate' | 'currency' | 'language'>, taskIds: readonly string[], lines: readonly DraftLine[]): string {
  const l = lines.map((x) => [x.kind, x.description, x.quantityMilli, x.unit, x.unitPriceMinor, x.vatBp, x.netMinor, x.missingRate ? 1 : 0]);
  return JSON.stringify([head.client.name, head.client.code, head.client.address, head.client.email, head.issueDate, head.dueDate, head.currency, head.language, [...taskIds].sort(), l]);
}

/**
 * The month's drafts of each branch in reach, from the tasks done in the month on the branch's own clock that no
 * approved invoice bills yet: every client with billable work gets one draft. Run again, a draft that would come out
 * the same is left as it is, one that would differ is replaced (tombstoned, written anew), one without work any more
 * goes; approved invoices are never touched.
 */
export async function generateMonth(ctx: Ctx, input: { month: string; branchId?: string | null }): Promise<GenerateResult> {
  const user = me(ctx);
  const { first, last, next } = monthDays(input.month);
  await assertPeriodOpen(ctx, last, 'month');
  const branches = await branchesInReach(ctx, input.branchId);
  const settings = await readInvoiceSettings(ctx, user.orgId);
  const org = await ctx.db.selectFrom('org').select('languages').where('id', '=', user.orgId).executeTakeFirstOrThrow();
  const orgLanguage = (JSON.parse(org.languages) as string[])[0] ?? 'en';
  const result: GenerateResult = { drafts: 0, replaced: 0, unchanged: 0, kept: 0, tasks: 0 };

  for (const branch of branches) {
    const existing = await ctx.db.selectFrom('invoice').selectAll().where('org_id', '=', user.orgId).where('branch_id', '=', branch.id).where('month', '=', input.month).where('deleted_at', 'is', null).execute();
    const invoiced = new Set<string>();
    const drafts = new Map<string, (typeof existing)[number]>();
    for (const inv of existing) {
      if (inv.status === 'draft') drafts.set(inv.client_id, inv);
      else {
        result.kept += 1;
        for (const id of JSON.parse(inv.task_ids) as string[]) invoiced.add(id);
      }
    }
    const from = dayAt(branch.time_zone, first).from;
    const to = dayAt(branch.time_zone, next).from;
    const where = sql<SqlBool>`t.org_id = ${user.orgId} and t.branch_id = ${branch.id} and t.status = 'done' and t.deleted_at is null and t.done_at >= ${from} and t.done_at < ${to}`;
    const tasks: BillableTask[] = (
      await sql<{ id: string; client_id: string; number: string | null; subject: string | null; type_name: string | null; rate: number | null }>`
        select t.id, t.client_id, t.number, t.subject, tt.name as type_name, tt.hourly_rate_minor as rate
        from task t left join task_type tt on tt.id = t.type_id
        where ${where} order by t.done_at, t.number, t.id`.execute(ctx.db)
    ).rows
      .filter((r) => !invoiced.has(r.id))
      .map((r) => ({ id: r.id, clientId: r.client_id, number: r.number, subject: r.subject, typeName: r.type_name, typeRateMinor: r.rate }));
    const time: BillableTime[] = (
      await sql<{ task_id: string; employee_id: string; name: string; rate: number | null; seconds: number }>`
        select e.task_id, e.employee_id, u.name, u.hourly_rate_minor as rate, sum(e.seconds) as seconds
        from task_time_entry e join task t on t.id = e.task_id join app_user u on u.id = e.employee_id
        where ${where} and e.deleted_at is null and e.billable = 1 and e.seconds is not null
        group by e.task_id, e.employee_id`.execute(ctx.db)
    ).rows.map((r) => ({ taskId: r.task_id, employeeId: r.employee_id, employeeName: r.name, employeeRateMinor: r.rate, seconds: r.seconds }));
    const materials: BillableMaterial[] = (
      await sql<{ id: string; task_id: string; name: string; quantity_milli: number; unit: string; unit_price_minor: number; vat_bp: number | null }>`
        select m.id, m.task_id, m.name, m.quantity_milli, m.unit, m.unit_price_minor, m.vat_bp
        from task_material m join task t on t.id = m.task_id
        where ${where} and m.deleted_at is null order by m.created_at, m.id`.execute(ctx.db)
    ).rows.map((r) => ({ id: r.id, taskId: r.task_id, name: r.name, quantityMilli: r.quantity_milli, unit: r.unit, unitPriceMinor: r.unit_price_minor, vatBp: r.vat_bp }));

    const byClient = groupBy(tasks, (t) => t.clientId);
    const timeByTask = groupBy(time, (t) => t.taskId);
    const materialsByTask = groupBy(materials, (m) => m.taskId);
    const clients = await clientsOf(ctx, user.orgId, [...byClient.keys()]);
    // Every draft's lines in one read: one query per client was most of a regeneration's time.
    const draftLines = groupBy(
      drafts.size
        ? await ctx.db
            .selectFrom('invoice_line as l')
            .innerJoin('invoice as i', 'i.id', 'l.invoice_id')
            .selectAll('l')
            .where('i.org_id', '=', user.orgId)
            .where('i.branch_id', '=', branch.id)
            .where('i.month', '=', input.month)
            .where('i.status', '=', 'draft')
            .where('i.deleted_at', 'is', null)
            .where('l.deleted_at', 'is', null)
            .orderBy('l.invoice_id')
            .orderBy('l.position')
            .execute()
        : [],
      (l) => l.invoice_id,
    );
    for (const [clientId, clientTasks] of byClient) {
      const client = clients.get(clientId);
      if (!client) continue;
      const lines = linesForTasks(
        clientTasks,
        clientTasks.flatMap((t) => timeByTask.get(t.id) ?? []),
        clientTasks.flatMap((t) => materialsByTask.get(t.id) ?? []),
        settings.vatBp,
      );
      if (!lines.length) continue;
      // Only the tasks something was billed for: a task without time or material stays free for a later month's work.
      const taskIds = clientTasks.filter((t) => timeByTask.has(t.id) || materialsByTask.has(t.id)).map((t) => t.id);
      const head: DraftHead = { branchId: branch.id, clientId, month: input.month, issueDate: last, dueDate: addDays(last, settings.paymentDays), currency: settings.currency, language: client.language ?? orgLanguage, client };
      result.tasks += taskIds.length;
      const old = drafts.get(clientId);
      drafts.delete(clientId);
      if (old) {
        const oldLines = draftLines.get(old.id) ?? [];
        const before = signature(
          { client: { name: old.client_name, code: old.client_code, address: old.client_address, email: old.client_email, language: old.language, country: old.client_country }, issueDate: old.issue_date, dueDate: old.due_date, currency: old.currency, language: old.language },
          JSON.parse(old.task_ids) as string[],
          oldLines.map((l) => ({ kind: l.kind, description: l.description, quantityMilli: l.quantity_milli, unit: l.unit, unitPriceMinor: l.unit_price_minor, vatBp: l.vat_bp, netMinor: l.net_minor, missingRate: l.missing_rate === 1 })),
        );
        if (before === signature(head, taskIds, lines)) {
          result.unchanged += 1;
          continue;
        }
        await removeDraft(ctx, old, oldLines);
        result.replaced += 1;
      }
      await insertDraft(ctx, head, taskIds, lines);
      result.drafts += 1;
    }
    // Drafts of clients with nothing left to bill (their work went onto an approved invoice, or was removed).
    for (const old of drafts.values()) {
      await removeDraft(ctx, old, draftLines.get(old.id) ?? []);
      result.replaced += 1;
    }
  }
  return result;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

interface DraftHead {
  branchId: string;
  clientId: string;
  month: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  language: string;
  client: ClientInfo;
}

async function insertDraft(ctx: Ctx, head: DraftHead, taskIds: readonly string[], lines: DraftLine[]): Promise<void> {
  const totals = invoiceTotals(lines);
  const inv = await invoiceRows.in(ctx).insert({
    branch_id: head.branchId,
    client_id: head.clientId,
    month: head.month,
    status: 'draft',
    series_id: null,
    number: null,
    issue_date: head.issueDate,
    due_date: head.dueDate,
    currency: head.currency,
    client_name: head.client.name,
    client_code: head.client.code,
    client_vat_id: null,
    client_address: head.client.address,
    client_country: head.client.country,
    client_email: head.client.email,
    language: head.language,
    net_minor: totals.taxExclusiveMinor,
    vat_minor: totals.vatMinor,
    total_minor: totals.taxInclusiveMinor,
    approved_at: null,
    approved_by: null,
    exported_at: null,
    note: null,
    task_ids: JSON.stringify(taskIds),
  });
  const writer = invoiceLineRows.in(ctx);
  let position = 0;
  for (const l of lines) {
    position += 1;
    await writer.insert(
      {
        branch_id: head.branchId,
        invoice_id: inv.id,
        position,
        kind: l.kind,
        description: l.description,
        quantity_milli: l.quantityMilli,
        unit: l.unit,
        unit_price_minor: l.unitPriceMinor,
        vat_bp: l.vatBp,
        net_minor: l.netMinor,
        missing_rate: l.missingRate ? 1 : 0,
      },
      { audit: false },
    );
  }
}

/** A draft and its lines go; their tasks are free for the next generation. */
export async function removeDraft(ctx: Ctx, inv: { id: string; version: number } & Record<string, unknown>, known?: Selectable<InvoiceLineTable>[]): Promise<void> {
  const lines = known ?? (await ctx.db.selectFrom('invoice_line').selectAll().where('invoice_id', '=', inv.id).where('deleted_at', 'is', null).execute());
  const writer = invoiceLineRows.in(ctx);
  for (const l of lines) await writer.remove(l, { audit: false });
  await invoiceRows.in(ctx).remove(inv as never);
}
