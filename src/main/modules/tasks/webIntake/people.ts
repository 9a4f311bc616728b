import { me, type Ctx } from '../../../api/context';
import type { HandlersFor } from '../../../api/context';
import type { WebPerson } from '../../../../shared/api/webIntake';
import { getUser, userRows } from '../../organization';

/** The organization's active people and whether the web form lists them (by name only). */
export async function webPeople(ctx: Ctx): Promise<WebPerson[]> {
  const rows = await ctx.db.selectFrom('app_user').select(['id', 'name', 'public_on_web']).where('org_id', '=', me(ctx).orgId).where('active', '=', 1).where('deleted_at', 'is', null).orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, publicOnWeb: r.public_on_web === 1 }));
}

/** Lists an employee on the web form, or takes them off; it reaches the hub with the next sync round. */
export async function setPublicOnWeb(ctx: Ctx, id: string, on: boolean): Promise<void> {
  const before = await getUser(ctx, id);
  if ((before.public_on_web === 1) === on) return;
  await userRows.in(ctx).update(before, { public_on_web: on ? 1 : 0 }, { audit: { summary: `${before.name}: ${on ? 'listed on' : 'taken off'} the web form` } });
}

export const webIntakeHandlers: HandlersFor<'tasks.webIntake.people' | 'tasks.webIntake.setPublic'> = {
  'tasks.webIntake.people': (_input, ctx) => webPeople(ctx),
  async 'tasks.webIntake.setPublic'(input, ctx) {
    await setPublicOnWeb(ctx, input.id, input.publicOnWeb);
    return { ok: true as const };
  },
};
