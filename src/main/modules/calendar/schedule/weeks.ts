import type { Selectable } from 'kysely';
import type { Ctx } from '../../../api/context';
import { me } from '../../../api/context';
import { fail } from '../../../api/errors';
import { assertAssignable } from '../../../api/scope';
import type { WorkScheduleTable } from '../../../db/schema';
import type { ScheduleRow } from '../../../../shared/api/schedule';
import type { Week, WallInterval } from '../../../../shared/rules/workingHours';
import { branchStaff } from './staff';
import { weekRows } from './tables';
import { branchZone } from './working';

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** Days in order, days without hours left out: one week has one spelling, so an unchanged save changes nothing. */
export function normalWeek(week: Week): Week {
  const out: Record<string, readonly WallInterval[]> = {};
  for (const d of WEEKDAYS) if (week[d]?.length) out[d] = week[d]!.map(([a, b]) => [a, b] as const);
  return out as Week;
}

function toScheduleRow(staff: { id: string; name: string }, branchId: string, row: Selectable<WorkScheduleTable> | undefined): ScheduleRow {
  return {
    id: row?.id ?? null,
    branchId,
    userId: staff.id,
    userName: staff.name,
    week: row ? (JSON.parse(row.week) as ScheduleRow['week']) : {},
    version: row?.version ?? 0,
  };
}

/** The weeks of everyone who works in the branch, with or without a week yet (version 0 then). */
export async function listWeeks(ctx: Ctx, branchId: string): Promise<ScheduleRow[]> {
  await branchZone(ctx, branchId);
  const staff = await branchStaff(ctx, branchId);
  if (!staff.length) return [];
  const rows = await ctx.db
    .selectFrom('work_schedule')
    .selectAll()
    .where('org_id', '=', me(ctx).orgId)
    .where('branch_id', '=', branchId)
    .where('user_id', 'in', staff.map((s) => s.id))
    .where('deleted_at', 'is', null)
    .execute();
  const byUser = new Map(rows.map((r) => [r.user_id, r]));
  return staff.map((s) => toScheduleRow(s, branchId, byUser.get(s.id)));
}

/**
 * Sets one employee's week in a branch: the first time (`version` 0) it is made, afterwards it is changed on the
 * version the caller read. Only someone who works in the branch (or may be given its work) gets a week there.
 */
export async function setWeek(ctx: Ctx, input: { branchId: string; userId: string; week: Week; version: number }): Promise<ScheduleRow> {
  const user = me(ctx);
  await branchZone(ctx, input.branchId);
  await assertAssignable(ctx.db, user, input.userId, input.branchId, 'userId');
  const week = JSON.stringify(normalWeek(input.week));
  const rows = weekRows.in(ctx);
  // One row per person and branch, tombstoned ones included (the key is unique over them).
  const before = await ctx.db
    .selectFrom('work_schedule')
    .selectAll()
    .where('org_id', '=', user.orgId)
    .where('branch_id', '=', input.branchId)
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  let after: Selectable<WorkScheduleTable>;
  if (!before) {
    if (input.version !== 0) throw fail.conflict('stale', 'version');
    after = await rows.insert({ branch_id: input.branchId, user_id: input.userId, week });
  } else if (before.deleted_at) {
    if (input.version !== 0) throw fail.conflict('stale', 'version');
    after = await rows.update(await rows.restore(before), { week });
  } else {
    after = before.week === week && before.version === input.version ? before : await rows.update(before, { week }, { expect: input.version });
  }
  const person = await ctx.db.selectFrom('app_user').select(['id', 'name']).where('id', '=', input.userId).executeTakeFirstOrThrow();
  return toScheduleRow(person, input.branchId, after);
}
