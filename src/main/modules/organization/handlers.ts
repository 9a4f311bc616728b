import type { Selectable } from 'kysely';
import type { OrgTable } from '../../db/schema';
import { me, type HandlersFor } from '../../api/context';
import { seesBranch } from '../../api/visibility';
import type { Language } from '../../../shared/i18n/languages';
import {
  createBranch,
  createUser,
  deleteBranch,
  listUsers,
  setUserActive,
  setUserPassword,
  updateBranch,
  updateOrg,
  updateUser,
  visibleBranches,
} from './service';

function toOrgRow(o: Selectable<OrgTable>) {
  return { id: o.id, name: o.name, phone: o.phone, country: o.country, timeZone: o.time_zone, languages: JSON.parse(o.languages) as Language[], updatedAt: o.updated_at };
}

type Names =
  | 'org.get'
  | 'org.update'
  | 'branches.list'
  | 'branches.create'
  | 'branches.update'
  | 'branches.delete'
  | 'users.list'
  | 'users.create'
  | 'users.update'
  | 'users.setPassword'
  | 'users.setActive'
  | 'users.directory';

export const organizationHandlers: HandlersFor<Names> = {
  async 'org.get'(_input, ctx) {
    return toOrgRow(await ctx.db.selectFrom('org').selectAll().where('id', '=', me(ctx).orgId).executeTakeFirstOrThrow());
  },
  async 'org.update'(input, ctx) {
    return toOrgRow(await updateOrg(ctx, input));
  },
  async 'branches.list'(_input, ctx) {
    return visibleBranches(ctx);
  },
  async 'branches.create'(input, ctx) {
    return createBranch(ctx, input);
  },
  async 'branches.update'(input, ctx) {
    return updateBranch(ctx, input.id, input);
  },
  async 'branches.delete'(input, ctx) {
    await deleteBranch(ctx, input.id);
    return { ok: true as const };
  },
  async 'users.list'(input, ctx) {
    return listUsers(ctx, input.includeInactive ?? false);
  },
  async 'users.directory'(input, ctx) {
    const people = await listUsers(ctx, input.includeInactive ?? false);
    return people
      .filter((u) => !input.branchId || seesBranch({ ...u, orgId: me(ctx).orgId }, input.branchId))
      .map((u) => ({ id: u.id, name: u.name, active: u.active }));
  },
  async 'users.create'(input, ctx) {
    return createUser(ctx, input);
  },
  async 'users.update'(input, ctx) {
    return updateUser(ctx, input.id, input);
  },
  async 'users.setPassword'(input, ctx) {
    await setUserPassword(ctx, input.id, input.password);
    return { ok: true as const };
  },
  async 'users.setActive'(input, ctx) {
    return setUserActive(ctx, input.id, input.active);
  },
};
