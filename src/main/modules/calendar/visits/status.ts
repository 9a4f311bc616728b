import { me, type Ctx } from '../../../api/context';
import { fail } from '../../../api/errors';
import { isoNow } from '../../../clock';
import { assertPeriodOpen } from '../../periods';
import type { ParsedInput } from '../../../../shared/api';
import { type ReminderState, type VisitDetail } from '../../../../shared/api/visits';
import { formatMoney } from '../../../../shared/rules/money';
import { wallClock } from '../../../../shared/rules/zonedTime';
import { loadVisit, visitDetail, type VisitRow } from './read';
import { lineRows, paymentRows, visitRows } from './tables';
import { visitWritten } from './hooks';

/** A write on a visit as it stands: the version the clerk saw, and its month still open on the branch's clock. */
async function loadForWrite(ctx: Ctx, id: string, version: number): Promise<VisitRow> {
  const row = await loadVisit(ctx, id);
  if (row.version !== version) throw fail.conflict('stale', 'version');
  const branch = await ctx.db.selectFrom('branch').select('time_zone').where('id', '=', row.branch_id).executeTakeFirstOrThrow();
  await assertPeriodOpen(ctx, wallClock(row.starts_at, branch.time_zone).slice(0, 10), 'id');
  return row;
}

/** The sun (arrived), the x (did not arrive), or back to booked when marked by mistake. */
export async function setAttendance(ctx: Ctx, input: ParsedInput<'visits.setAttendance'>): Promise<VisitDetail> {
  const before = await loadForWrite(ctx, input.id, input.version);
  if (before.kind !== 'visit') throw fail.validation('visit_attendance_break', 'status');
  if (before.status === 'cancelled') throw fail.validation('visit_cancelled', 'status');
  if (before.status !== input.status) {
    await visitRows.in(ctx).update(before, { status: input.status }, { expect: input.version, audit: { action: 'status' } });
    await visitWritten(ctx, before.id, 'attendance');
  }
  return visitDetail(ctx, before.id);
}

/** Everyone with write cancels (with a reason); the slot is then free for an ASAP client. */
export async function cancelVisit(ctx: Ctx, input: ParsedInput<'visits.cancel'>): Promise<VisitDetail> {
  const before = await loadForWrite(ctx, input.id, input.version);
  if (before.status === 'cancelled') throw fail.validation('visit_cancelled', 'id');
  await visitRows.in(ctx).update(before, { status: 'cancelled', cancel_reason: input.reason }, { expect: input.version, audit: { action: 'status' } });
  await visitWritten(ctx, before.id, 'cancelled');
  return visitDetail(ctx, before.id);
}


/** Cash, card or transfer, in part or in full; more than is owed is refused (a change due is not a payment). */
export async function addPayment(ctx: Ctx, input: ParsedInput<'visits.addPayment'>): Promise<VisitDetail> {
  const before = await loadForWrite(ctx, input.id, input.version);
  if (before.kind !== 'visit') throw fail.validation('visit_break_has_no_services', 'id');
  if (before.status === 'cancelled') throw fail.validation('visit_cancelled', 'id');
  const owed = before.total_minor - before.paid_minor;
  if (input.amountMinor > owed) throw fail.validation('visit_payment_over_owed', 'amountMinor', { owed: formatMoney(Math.max(owed, 0), before.currency, me(ctx).language) });
  await paymentRows.in(ctx).insert({ branch_id: before.branch_id, visit_id: before.id, method: input.method, amount_minor: input.amountMinor, paid_at: isoNow(ctx.clock), note: input.note ?? null });
  // The payment's own entry tells it; the visit's sum follows from it.
  await visitRows.in(ctx).update(before, { paid_minor: before.paid_minor + input.amountMinor }, { expect: input.version, audit: false });
  return visitDetail(ctx, before.id);
}

async function linesAndPayments(ctx: Ctx, visitId: string) {
  const lines = await ctx.db.selectFrom('visit_line').selectAll().where('visit_id', '=', visitId).where('deleted_at', 'is', null).execute();
  const payments = await ctx.db.selectFrom('visit_payment').selectAll().where('visit_id', '=', visitId).where('deleted_at', 'is', null).execute();
  return { lines, payments };
}

/** What a deletion takes with it, for the confirmation: its payments, lines, and the reminder call's outcome. */
export async function deletionImpact(ctx: Ctx, id: string) {
  const row = await loadVisit(ctx, id);
  const { lines, payments } = await linesAndPayments(ctx, row.id);
  return { payments: payments.length, lines: lines.length, reminders: row.reminder === 'none' ? 0 : 1 };
}

/** Owners and administrators only (the contract's delete right): the visit, its lines and payments become tombstones. */
export async function deleteVisit(ctx: Ctx, input: ParsedInput<'visits.delete'>): Promise<{ ok: true }> {
  const before = await loadForWrite(ctx, input.id, input.version);
  const { lines, payments } = await linesAndPayments(ctx, before.id);
  for (const l of lines) await lineRows.in(ctx).remove(l, { audit: false });
  for (const p of payments) await paymentRows.in(ctx).remove(p, { audit: false });
  const summary = `${before.kind} ${before.starts_at}: deleted with ${lines.length} lines and ${payments.length} payments (${before.paid_minor} ${before.currency} paid)`;
  await visitRows.in(ctx).remove(before, { expect: input.version, audit: { summary } });
  await visitWritten(ctx, before.id, 'deleted');
  return { ok: true };
}

/**
 * The reminder call's outcome (grey, green, red, orange), set by the reminder calls through the funnel: audited,
 * recorded for sync, and pushed so every open calendar recolours the event. Runs with or without a session (a job).
 */
export async function setVisitReminder(ctx: Ctx, visitId: string, state: ReminderState): Promise<void> {
  const row = ctx.user ? await loadVisit(ctx, visitId) : await ctx.db.selectFrom('visit').selectAll().where('id', '=', visitId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw fail.notFound('visit_not_found', 'id');
  if (row.reminder !== state) await visitRows.in(ctx).update(row, { reminder: state }, { audit: { action: 'status' } });
}
