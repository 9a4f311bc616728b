import { sql } from 'kysely';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { SCREEN_MODULES, VIEW_SCREENS, type Favorite, type Screen, type StarrableScreen } from '../../../shared/api/favorites';
import { can, type Module, type Role } from '../../../shared/permissions';
import { favoriteRows } from './tables';

type Kind = Favorite['kind'];
const PREFERENCE = { audit: false } as const;

/** Stars or unstars one target for the caller alone; starring twice or unstarring what is not starred changes nothing. */
async function star(ctx: Ctx, kind: Kind, target: string, on: boolean): Promise<void> {
  const user = me(ctx);
  const row = await ctx.db.selectFrom('favorite').selectAll().where('org_id', '=', user.orgId).where('user_id', '=', user.id).where('kind', '=', kind).where('target', '=', target).executeTakeFirst();
  const rows = favoriteRows.in(ctx);
  if (on && !row) await rows.insert({ user_id: user.id, kind, target }, PREFERENCE);
  else if (on && row?.deleted_at) await rows.restore(row, PREFERENCE);
  else if (!on && row && !row.deleted_at) await rows.remove(row, PREFERENCE);
}

function isScreen(s: string): s is Screen {
  return Object.prototype.hasOwnProperty.call(SCREEN_MODULES, s);
}

/** Whether a role may open a screen: the same right its route asks (annex forms: changing the organization). */
function opens(role: Role, screen: Screen): boolean {
  const right = SCREEN_MODULES[screen];
  return right === null || can(role, right.module, right.action);
}

/** What the caller may open now: a star on a screen or view they lost the right to, or a view gone, is not listed. */
export async function listFavorites(ctx: Ctx): Promise<Favorite[]> {
  const user = me(ctx);
  const rows = await ctx.db
    .selectFrom('favorite as f')
    .leftJoin('saved_view as v', (j) => j.onRef('v.id', '=', 'f.target').on('f.kind', '=', 'view').onRef('v.org_id', '=', 'f.org_id').on('v.deleted_at', 'is', null))
    .select(['f.id', 'f.kind', 'f.target', 'v.name', 'v.module', 'v.user_id as view_owner', 'v.id as view_id'])
    .where('f.org_id', '=', user.orgId)
    .where('f.user_id', '=', user.id)
    .where('f.deleted_at', 'is', null)
    // In the order first starred (the row's insertion, also within one millisecond).
    .orderBy('f.created_at')
    .orderBy(sql`f.rowid`)
    .execute();
  const out: Favorite[] = [];
  for (const r of rows) {
    if (r.kind === 'screen' && isScreen(r.target)) {
      if (opens(user.role, r.target)) out.push({ id: r.id, kind: 'screen', screen: r.target, viewId: null, name: null, shared: false });
    } else if (r.kind === 'view' && r.view_id && r.name !== null && (r.view_owner === null || r.view_owner === user.id)) {
      const module = r.module as Module;
      const screen = VIEW_SCREENS[module];
      if (screen && can(user.role, module, 'read')) out.push({ id: r.id, kind: 'view', screen, viewId: r.view_id, name: r.name, shared: r.view_owner === null });
    }
  }
  return out;
}

export async function setScreenStar(ctx: Ctx, screen: StarrableScreen, on: boolean): Promise<Favorite[]> {
  // Only a screen the person may open can be starred (the contract already names only real screens).
  if (on && !opens(me(ctx).role, screen)) throw fail.forbidden('forbidden', 'screen');
  await star(ctx, 'screen', screen, on);
  return listFavorites(ctx);
}

/** For the module that owns saved views, once it has checked the caller may see this one. */
export async function setViewStar(ctx: Ctx, viewId: string, on: boolean): Promise<void> {
  await star(ctx, 'view', viewId, on);
}

/** The views the caller starred (whichever they still see). */
export async function starredViewIds(ctx: Ctx): Promise<Set<string>> {
  const user = me(ctx);
  const rows = await ctx.db.selectFrom('favorite').select('target').where('org_id', '=', user.orgId).where('user_id', '=', user.id).where('kind', '=', 'view').where('deleted_at', 'is', null).execute();
  return new Set(rows.map((r) => r.target));
}
