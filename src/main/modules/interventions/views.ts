import { me, type Ctx, type HandlersFor } from '../../api/context';
import { fail } from '../../api/errors';
import { viewRows } from './tables';
import { can } from '../../../shared/permissions';
import { setViewStar, starredViewIds } from '../favorites';

/** Saved grid views and shared custom reports, per module; shared ones are managed by those who approve. */
// `favorite` is the caller's own star (the favorites module), never a column of the view that everyone shares.
function toView(v: { id: string; name: string; kind: string; user_id: string | null; config: string }, userId: string, favorite: boolean) {
  return { id: v.id, name: v.name, kind: v.kind as 'view' | 'report', shared: v.user_id == null, favorite, mine: v.user_id === userId, config: v.config };
}

export async function listViews(ctx: Ctx, module: string) {
  const user = me(ctx);
  const rows = await ctx.db
    .selectFrom('saved_view')
    .selectAll()
    .where('org_id', '=', user.orgId)
    .where('module', '=', module)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '=', user.id)]))
    .orderBy('name')
    .execute();
  const starred = await starredViewIds(ctx);
  return rows.map((r) => toView(r, user.id, starred.has(r.id)));
}

/** The modules whose grids keep saved views; managing a shared one takes that module's approve right. */
export type ViewModule = 'interventions' | 'tasks';

async function ownView(ctx: Ctx, id: string, module: ViewModule) {
  const user = me(ctx);
  const v = await ctx.db.selectFrom('saved_view').selectAll().where('id', '=', id).where('org_id', '=', user.orgId).where('module', '=', module).where('deleted_at', 'is', null).executeTakeFirst();
  if (!v || (v.user_id !== null && v.user_id !== user.id)) throw fail.notFound('view_not_found', 'id');
  // Shared views and reports belong to everyone: managing them is a manager's right.
  if (v.user_id === null && !can(user.role, module, 'approve')) throw fail.forbidden('forbidden');
  return v;
}

export async function saveView(ctx: Ctx, a: { id?: string | null; module: ViewModule; kind: 'view' | 'report'; name: string; shared: boolean; config: string }) {
  const user = me(ctx);
  if (a.shared && !can(user.role, a.module, 'approve')) throw fail.forbidden('forbidden', 'shared');
  try {
    JSON.parse(a.config);
  } catch {
    throw fail.validation('invalid_format', 'config');
  }
  const views = viewRows.in(ctx);
  const values = { name: a.name, kind: a.kind, config: a.config, user_id: a.shared ? null : user.id };
  const row = a.id ? await views.update(await ownView(ctx, a.id, a.module), values) : await views.insert({ ...values, module: a.module, favorite: 0 });
  return toView(row, user.id, (await starredViewIds(ctx)).has(row.id));
}

export async function setFavorite(ctx: Ctx, id: string, favorite: boolean) {
  const user = me(ctx);
  const v = await ctx.db.selectFrom('saved_view').selectAll().where('id', '=', id).where('org_id', '=', user.orgId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!v || (v.user_id !== null && v.user_id !== user.id)) throw fail.notFound('view_not_found', 'id');
  // The caller's own star: the view itself, which others may share, stays as it is.
  await setViewStar(ctx, v.id, favorite);
  return toView(v, user.id, favorite);
}

export async function deleteView(ctx: Ctx, id: string, module: ViewModule = 'interventions') {
  await viewRows.in(ctx).remove(await ownView(ctx, id, module));
}

export const viewsHandlers: HandlersFor<'views.list' | 'views.save' | 'views.setFavorite' | 'views.delete'> = {
  async 'views.list'(input, ctx) {
    return listViews(ctx, input.module);
  },
  async 'views.save'(input, ctx) {
    return saveView(ctx, input);
  },
  async 'views.setFavorite'(input, ctx) {
    return setFavorite(ctx, input.id, input.favorite);
  },
  async 'views.delete'(input, ctx) {
    await deleteView(ctx, input.id);
    return { ok: true as const };
  },
};
