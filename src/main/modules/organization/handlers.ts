import type { Selectable } from 'kysely';
import type { OrgTable } from '../../db/schema';
import { me, type HandlersFor } from '../../api/context';
import { seesBranch } from '../../api/visibility';
import { isoNow } from '../../clock';
import type { Language } from '../../../shared/i18n/languages';
import { recordAudit } from '../audit';
import {
  checkTimeZone,
  createBranch,
  createUser,
  deleteBranch,
  listUsers,
  setUserActive,
  setUserPassword,
  updateBranch,
  updateUser,
  visibleBranches,
} from './service';
import { normalizePhone } from '../../rules/phone';

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
    const before = await ctx.db.selectFrom('org').selectAll().where('id', '=', me(ctx).orgId).executeTakeFirstOrThrow();
    const values = {
      name: input.name,
      phone: normalizePhone(input.phone, input.country, 'phone'),
      country: input.country,
      time_zone: checkTimeZone(input.timeZone),
      languages: JSON.stringify([...new Set(input.languages)]),
    };
    const now = isoNow(ctx.clock);
    await ctx.db.updateTable('org').set({ ...values, updated_at: now, version: before.version + 1 }).where('id', '=', before.id).execute();
    await recordAudit(ctx, {
      module: 'organization',
      entity: 'org',
      entityId: before.id,
      action: 'update',
      summary: values.name,
      before: { name: before.name, phone: before.phone, country: before.country, time_zone: before.time_zone, languages: before.languages },
      after: values,
    });
    ctx.emit('org.changed', {});
    return toOrgRow({ ...before, ...values, updated_at: now });
  },
  async 'branches.list'(_input, ctx) {
    return visibleBranches(ctx);
  },
  async 'branches.create'(input, ctx) {
    const row = await createBranch(ctx, input);
    ctx.emit('org.changed', {});
    return row;
  },
  async 'branches.update'(input, ctx) {
    const row = await updateBranch(ctx, input.id, input);
    ctx.emit('org.changed', {});
    return row;
  },
  async 'branches.delete'(input, ctx) {
    await deleteBranch(ctx, input.id);
    ctx.emit('org.changed', {});
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
    const row = await createUser(ctx, input);
    ctx.emit('users.changed', {});
    return row;
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
