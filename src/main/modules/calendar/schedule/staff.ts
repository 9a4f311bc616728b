import { sql } from 'kysely';
import type { Ctx } from '../../../api/context';
import { me } from '../../../api/context';

export interface StaffMember {
  id: string;
  name: string;
}

/**
 * Who works in a branch: active people placed in it, and anyone given a week there (an owner who also sees
 * patients has no branch of their own but a week in one). In name order.
 */
export async function branchStaff(ctx: Ctx, branchId: string): Promise<StaffMember[]> {
  const orgId = me(ctx).orgId;
  const rows = await ctx.db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.name'])
    .where('u.org_id', '=', orgId)
    .where('u.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('u.active', '=', 1),
          eb.exists(eb.selectFrom('user_branch as ub').select('ub.id').whereRef('ub.user_id', '=', 'u.id').where('ub.branch_id', '=', branchId).where('ub.deleted_at', 'is', null)),
        ]),
        eb.exists(eb.selectFrom('work_schedule as w').select('w.id').whereRef('w.user_id', '=', 'u.id').where('w.branch_id', '=', branchId).where('w.deleted_at', 'is', null)),
      ]),
    )
    .orderBy(sql`sort_key(u.name)`)
    .orderBy('u.id')
    .execute();
  return rows;
}
