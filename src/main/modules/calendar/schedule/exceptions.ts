import type { Selectable } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { Ctx } from '../../../api/context';
import { me } from '../../../api/context';
import { fail } from '../../../api/errors';
import { assertAssignable, inScope } from '../../../api/scope';
import { isoNow } from '../../../clock';
import type { WorkExceptionTable } from '../../../db/schema';
import { assertPeriodOpen } from '../../periods';
import type { ExceptionRow } from '../../../../shared/api/schedule';
import { dateWindow, withinWindow } from '../../../../shared/rules/dateWindow';
import type { ExceptionKind, WallInterval } from '../../../../shared/rules/workingHours';
import { ownCalendarOnly } from './staff';
import { exceptionRows } from './tables';
import { branchZone, parseIntervals } from './working';

/** A year and a day: a long sick leave is entered again for the next year, a typing slip of a decade is refused. */
const MAX_EXCEPTION_DAYS = 366;

export interface ExceptionInput {
  branchId: string;
  userId: string;
  kind: ExceptionKind;
  dayFrom: string;
  dayTo: string;
  intervals: readonly WallInterval[] | null;
  note?: string | null;
}

function toExceptionRow(r: Selectable<WorkExceptionTable>): ExceptionRow {
  return {
    id: r.id,
    branchId: r.branch_id,
    userId: r.user_id,
    kind: r.kind as ExceptionKind,
    dayFrom: r.day_from,
    dayTo: r.day_to,
    intervals: parseIntervals(r.intervals),
    note: r.note,
    version: r.version,
  };
}

/** The months a range of dates touches: each must be open for the hours in it to change. */
function monthsBetween(dayFrom: string, dayTo: string): string[] {
  const out: string[] = [];
  for (let m = Temporal.PlainYearMonth.from(dayFrom.slice(0, 7)); m.toString() <= dayTo.slice(0, 7); m = m.add({ months: 1 })) out.push(`${m.toString()}-01`);
  return out;
}

async function assertOpen(ctx: Ctx, dayFrom: string, dayTo: string): Promise<void> {
  for (const month of monthsBetween(dayFrom, dayTo)) await assertPeriodOpen(ctx, month, 'dayFrom');
}

async function checked(ctx: Ctx, input: ExceptionInput): Promise<ExceptionInput> {
  await branchZone(ctx, input.branchId);
  await assertAssignable(ctx.db, me(ctx), input.userId, input.branchId, 'userId');
  const bounds = dateWindow(isoNow(ctx.clock).slice(0, 10), ctx.config.documentDates);
  for (const field of ['dayFrom', 'dayTo'] as const) if (!withinWindow(input[field], bounds)) throw fail.validation('date_out_of_range', field, bounds);
  if (input.dayTo < input.dayFrom) throw fail.validation('schedule_exception_order', 'dayTo');
  const days = Temporal.PlainDate.from(input.dayFrom).until(Temporal.PlainDate.from(input.dayTo)).days + 1;
  if (days > MAX_EXCEPTION_DAYS) throw fail.validation('schedule_exception_too_long', 'dayTo', { days: MAX_EXCEPTION_DAYS });
  if (input.kind === 'extra' && !input.intervals?.length) throw fail.validation('schedule_extra_needs_hours', 'intervals');
  await assertOpen(ctx, input.dayFrom, input.dayTo);
  return input;
}

const values = (i: ExceptionInput) => ({
  branch_id: i.branchId,
  user_id: i.userId,
  kind: i.kind,
  day_from: i.dayFrom,
  day_to: i.dayTo,
  intervals: i.intervals?.length ? JSON.stringify(i.intervals) : null,
  note: i.note?.trim() ? i.note.trim() : null,
});

/** Exceptions in a branch that touch the dates `from`…`to` (inclusive), of one person or of everyone the caller may see. */
export async function listExceptions(ctx: Ctx, q: { branchId: string; userId?: string; from: string; to: string }): Promise<ExceptionRow[]> {
  const user = me(ctx);
  await branchZone(ctx, q.branchId);
  let query = ctx.db
    .selectFrom('work_exception')
    .selectAll()
    .where(inScope(user, { org: 'work_exception.org_id', branch: 'work_exception.branch_id' }))
    .where('branch_id', '=', q.branchId)
    .where('deleted_at', 'is', null)
    .where('day_from', '<=', q.to)
    .where('day_to', '>=', q.from);
  if (q.userId) query = query.where('user_id', '=', q.userId);
  if (ownCalendarOnly(user)) query = query.where('user_id', '=', user.id);
  const rows = await query.orderBy('day_from').orderBy('created_at').orderBy('id').limit(2000).execute();
  return rows.map(toExceptionRow);
}

export async function createException(ctx: Ctx, input: ExceptionInput): Promise<ExceptionRow> {
  return toExceptionRow(await exceptionRows.in(ctx).insert(values(await checked(ctx, input))));
}

const notFound = { key: 'schedule_exception_not_found', field: 'id' };

export async function updateException(ctx: Ctx, input: ExceptionInput & { id: string; version: number }): Promise<ExceptionRow> {
  const rows = exceptionRows.in(ctx);
  const before = await rows.load(input.id, notFound);
  // The dates it leaves must be open as well as those it takes.
  await assertOpen(ctx, before.day_from, before.day_to);
  const next = values(await checked(ctx, input));
  return toExceptionRow(await rows.update(before, next, { expect: input.version }));
}

export async function deleteException(ctx: Ctx, id: string): Promise<void> {
  const rows = exceptionRows.in(ctx);
  const before = await rows.load(id, notFound);
  await assertOpen(ctx, before.day_from, before.day_to);
  await rows.remove(before);
}
