import { me, type Ctx } from '../../../api/context';
import { fail } from '../../../api/errors';
import type { ParsedInput } from '../../../../shared/api';
import type { VisitDetail } from '../../../../shared/api/visits';
import { formatMoney } from '../../../../shared/rules/money';
import { assertBookable, assertClient, assertNoClash, assertSource, assertSpanAllowed, assertWithinHours, resolveBranch, type Branch } from './checks';
import { assertLines, branchCurrency, insertLines, replaceLines, serviceLine, totalOf, type LineInput } from './lines';
import { canonical, loadVisit, shift, visitDetail, type VisitRow } from './read';
import { visitRows } from './tables';
import { queueVisitSms } from '../sms/visitSms';
import { visitWritten } from './hooks';

export type BookInput = ParsedInput<'visits.book'>;
type Span = { start: string; end: string };

const spanOf = (start: string, durationMin: number): Span => ({ start: canonical(start), end: shift(canonical(start), durationMin * 60_000) });

/** The checks every placement of a visit in time passes, booking, moving or editing alike (the clash check last). */
async function assertPlacement(ctx: Ctx, branch: Branch, userId: string, span: Span, confirmed: boolean | undefined, exceptId?: string): Promise<void> {
  await assertBookable(ctx, userId, branch.id);
  await assertSpanAllowed(ctx, span, branch.time_zone);
  await assertWithinHours(ctx, branch, userId, span, confirmed);
  await assertNoClash(ctx, userId, span, branch.time_zone, exceptId);
}

/** Books a visit for a client; the demo and other modules book through here too. */
export async function bookVisit(ctx: Ctx, input: BookInput): Promise<VisitDetail> {
  const { branch, service } = await resolveBranch(ctx, input.branchId, input.serviceId, input.userId);
  const span = spanOf(input.start, input.durationMin);
  await assertClient(ctx, input.clientId);
  await assertSource(ctx, input.sourceId);
  const lines: LineInput[] = input.lines ?? (service ? [serviceLine(service)] : []);
  await assertLines(ctx, branch.id, lines);
  await assertPlacement(ctx, branch, input.userId, span, input.outsideHoursConfirmed);
  const row = await visitRows.in(ctx).insert({
    branch_id: branch.id,
    user_id: input.userId,
    kind: 'visit',
    client_id: input.clientId,
    starts_at: span.start,
    ends_at: span.end,
    status: 'booked',
    first_consultation: input.firstConsultation ? 1 : 0,
    asap: input.asap ? 1 : 0,
    notes: input.notes ?? null,
    source_id: input.sourceId ?? null,
    service_id: service?.id ?? null,
    cancel_reason: null,
    reminder: 'none',
    total_minor: totalOf(lines),
    paid_minor: 0,
    currency: service?.currency ?? (await branchCurrency(ctx, branch.id)),
    created_by: me(ctx).id,
  });
  await insertLines(ctx, row, lines);
  // The client's "your visit is booked" text, when the organization sends them: it commits with the booking.
  await queueVisitSms(ctx, row.id, 'booked');
  await visitWritten(ctx, row.id, 'booked');
  return visitDetail(ctx, row.id);
}

export async function bookBreak(ctx: Ctx, input: ParsedInput<'visits.bookBreak'>): Promise<VisitDetail> {
  const { branch } = await resolveBranch(ctx, input.branchId, null, input.userId);
  const span = spanOf(input.start, input.durationMin);
  await assertPlacement(ctx, branch, input.userId, span, input.outsideHoursConfirmed);
  const row = await visitRows.in(ctx).insert({
    branch_id: branch.id,
    user_id: input.userId,
    kind: 'break',
    client_id: null,
    starts_at: span.start,
    ends_at: span.end,
    status: 'booked',
    cancel_reason: null,
    first_consultation: 0,
    asap: 0,
    notes: input.notes ?? null,
    source_id: null,
    service_id: null,
    reminder: 'none',
    total_minor: 0,
    paid_minor: 0,
    currency: await branchCurrency(ctx, branch.id),
    created_by: me(ctx).id,
  });
  return visitDetail(ctx, row.id);
}

/** A visit whose time may still change: not cancelled, and (for an employee) their own. */
export async function loadChangeable(ctx: Ctx, id: string, version: number): Promise<VisitRow> {
  const row = await loadVisit(ctx, id);
  if (row.version !== version) throw fail.conflict('stale', 'version');
  if (row.status === 'cancelled') throw fail.validation('visit_cancelled', 'id');
  return row;
}

async function branchOf(ctx: Ctx, row: VisitRow): Promise<Branch> {
  return (await resolveBranch(ctx, row.branch_id, null)).branch;
}

/**
 * Puts an existing visit at a new time and person (a drag, an accepted ASAP offer): the same checks as booking, and
 * the month it leaves must be open too.
 */
export async function placeVisit(ctx: Ctx, before: VisitRow, userId: string, span: Span, confirmed: boolean | undefined, patch: { asap?: number } = {}): Promise<VisitDetail> {
  const branch = await branchOf(ctx, before);
  await assertSpanAllowed(ctx, { start: before.starts_at, end: before.ends_at }, branch.time_zone);
  await assertPlacement(ctx, branch, userId, span, confirmed, before.id);
  await visitRows.in(ctx).update(before, { user_id: userId, starts_at: span.start, ends_at: span.end, ...patch }, { expect: before.version });
  // A new start is news to the client; a longer visit or another employee at the same time is not.
  if (span.start !== before.starts_at) {
    await queueVisitSms(ctx, before.id, 'moved');
    await visitWritten(ctx, before.id, 'moved');
  }
  return visitDetail(ctx, before.id);
}

/** Drag to move or resize, to the same or another employee. */
export async function moveVisit(ctx: Ctx, input: ParsedInput<'visits.move'>): Promise<VisitDetail> {
  const before = await loadChangeable(ctx, input.id, input.version);
  return placeVisit(ctx, before, input.userId, { start: canonical(input.start), end: canonical(input.end) }, input.outsideHoursConfirmed);
}

/** The form's save of an existing visit: time, person, service, flags, notes, source, and (when sent) every line. */
export async function updateVisit(ctx: Ctx, input: ParsedInput<'visits.update'>): Promise<VisitDetail> {
  const before = await loadChangeable(ctx, input.id, input.version);
  if (before.kind !== 'visit' && (input.serviceId || input.lines?.length)) throw fail.validation('visit_break_has_no_services', 'serviceId');
  const { branch, service } = await resolveBranch(ctx, before.branch_id, input.serviceId);
  const span = spanOf(input.start, input.durationMin);
  await assertSource(ctx, input.sourceId);
  if (input.lines) await assertLines(ctx, branch.id, input.lines);
  const total = input.lines ? totalOf(input.lines) : before.total_minor;
  if (total < before.paid_minor) throw fail.validation('visit_total_below_paid', 'lines', { paid: formatMoney(before.paid_minor, before.currency, me(ctx).language) });
  await assertSpanAllowed(ctx, { start: before.starts_at, end: before.ends_at }, branch.time_zone);
  const moved = span.start !== before.starts_at || span.end !== before.ends_at || input.userId !== before.user_id;
  if (moved) await assertPlacement(ctx, branch, input.userId, span, input.outsideHoursConfirmed, before.id);
  else await assertBookable(ctx, input.userId, branch.id);
  await visitRows.in(ctx).update(
    before,
    {
      user_id: input.userId,
      starts_at: span.start,
      ends_at: span.end,
      service_id: service?.id ?? null,
      first_consultation: input.firstConsultation ? 1 : 0,
      asap: input.asap ? 1 : 0,
      notes: input.notes ?? null,
      source_id: input.sourceId ?? null,
      total_minor: total,
      ...(service ? { currency: service.currency } : {}),
    },
    { expect: input.version },
  );
  if (input.lines) await replaceLines(ctx, before, input.lines);
  if (span.start !== before.starts_at) {
    await queueVisitSms(ctx, before.id, 'moved');
    await visitWritten(ctx, before.id, 'moved');
  }
  return visitDetail(ctx, before.id);
}
