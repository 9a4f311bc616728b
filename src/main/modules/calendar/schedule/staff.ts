import { sql } from 'kysely';
import type { Ctx } from '../../../api/context';
import { me } from '../../../api/context';
import type { SessionUser } from '../../../../shared/api/auth';
import { can, ROLES, seesAllBranches } from '../../../../shared/permissions';

/**
 * Placed in a branch, these have hours in its calendar. Not owners and administrators, who are in every branch by
 * their role rather than because they work there, nor a role without the calendar (an accountant placed in the
 * branches for their invoices is given no visit).
 */
const CALENDAR_ROLES = ROLES.filter((r) => !seesAllBranches(r) && can(r, 'calendar', 'read'));

export interface StaffMember {
  id: string;
  name: string;
}

/**
 * An employee works in their own calendar only: of the branch's hours and absences they read their own (a colleague's
 * sick leave is not theirs to know). Clerks and managers read the whole branch.
 */
export const ownCalendarOnly = (user: Pick<SessionUser, 'role'>) => user.role === 'employee';

/**
 * Who works in a branch: active people placed in it whose role has the calendar, and anyone given a week there (an
 * owner who also sees patients is listed in the branch where they have a week). In name order; an employee sees only themself.
 */
export async function branchStaff(ctx: Ctx, branchId: string): Promise<StaffMember[]> {
  const user = me(ctx);
  let q = ctx.db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.name'])
    .where('u.org_id', '=', user.orgId)
    .where('u.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('u.active', '=', 1),
          eb('u.role', 'in', CALENDAR_ROLES),
          eb.exists(eb.selectFrom('user_branch as ub').select('ub.id').whereRef('ub.user_id', '=', 'u.id').where('ub.branch_id', '=', branchId).where('ub.deleted_at', 'is', null)),
        ]),
        eb.exists(eb.selectFrom('work_schedule as w').select('w.id').whereRef('w.user_id', '=', 'u.id').where('w.branch_id', '=', branchId).where('w.deleted_at', 'is', null)),
      ]),
    );
  if (ownCalendarOnly(user)) q = q.where('u.id', '=', user.id);
  return q.orderBy(sql`sort_key(u.name)`).orderBy('u.id').execute();
}
