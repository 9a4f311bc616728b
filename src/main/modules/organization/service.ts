import type { Kysely } from 'kysely';
import type { DB, BranchTable, UserTable } from '../../db/schema';
import type { Ctx } from '../../api/context';
import { me } from '../../api/context';
import { fail } from '../../api/errors';
import { createdStamps, newId } from '../../db/ids';
import { isoNow } from '../../clock';
import { normalizePhone, orgCountry } from '../../rules/phone';
import { isValidTimeZone } from '../../../shared/rules/time';
import type { BranchRow, UserRow } from '../../../shared/api/organization';
import type { Language } from '../../../shared/i18n/languages';
import { ROLE_RANK, type Role } from '../../../shared/permissions';
import { colleaguesOf, inScope, loadInScope } from '../../api/scope';
import { hashPassword } from '../../auth/passwords';
import { recordAudit } from '../audit';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';

export function checkTimeZone(tz: string, field = 'timeZone'): string {
  if (!isValidTimeZone(tz)) throw fail.validation('time_zone_invalid', field);
  return tz;
}

export function toBranchRow(b: Selectable<BranchTable>): BranchRow {
  return { id: b.id, name: b.name, address: b.address, phone: b.phone, timeZone: b.time_zone, managerId: b.manager_id, updatedAt: b.updated_at };
}

/** The branches a caller may see: all for owners and admins, their own for everyone else. */
export async function visibleBranches(ctx: Ctx): Promise<BranchRow[]> {
  const user = me(ctx);
  const q = ctx.db.selectFrom('branch').selectAll().where('deleted_at', 'is', null).where(inScope(user, { org: 'branch.org_id', branch: 'branch.id' }));
  return (await q.orderBy('name').execute()).map(toBranchRow);
}

export async function getBranch(ctx: Ctx, id: string, field = 'id'): Promise<Selectable<BranchTable>> {
  return loadInScope(ctx.db, me(ctx), 'branch', id, { key: 'branch_not_found', field });
}

export interface BranchInput {
  name: string;
  address?: string | null;
  phone?: string | null;
  timeZone: string;
  managerId?: string | null;
}

async function branchValues(ctx: Ctx, input: BranchInput) {
  const user = me(ctx);
  if (input.managerId) await getUser(ctx, input.managerId, 'managerId');
  return {
    name: input.name,
    address: input.address || null,
    phone: normalizePhone(input.phone, await orgCountry(ctx.db, user.orgId), 'phone'),
    time_zone: checkTimeZone(input.timeZone),
    manager_id: input.managerId ?? null,
  };
}

export async function createBranch(ctx: Ctx, input: BranchInput, orgIdOverride?: string): Promise<BranchRow> {
  const orgId = orgIdOverride ?? me(ctx).orgId;
  const values = orgIdOverride
    ? { name: input.name, address: input.address || null, phone: null, time_zone: checkTimeZone(input.timeZone), manager_id: null }
    : await branchValues(ctx, input);
  const row = { id: newId(ctx.clock), org_id: orgId, ...values, ...createdStamps(ctx.clock), deleted_at: null };
  await ctx.db.insertInto('branch').values(row).execute();
  await recordAudit(ctx, { module: 'organization', entity: 'branch', entityId: row.id, branchId: row.id, action: 'create', summary: row.name, after: values, orgId });
  return toBranchRow(row);
}

export async function updateBranch(ctx: Ctx, id: string, input: BranchInput): Promise<BranchRow> {
  const before = await getBranch(ctx, id);
  const values = await branchValues(ctx, input);
  const now = isoNow(ctx.clock);
  await ctx.db.updateTable('branch').set({ ...values, updated_at: now, version: before.version + 1 }).where('id', '=', id).execute();
  await recordAudit(ctx, { module: 'organization', entity: 'branch', entityId: id, branchId: id, action: 'update', summary: values.name, before: pickBranch(before), after: values });
  return toBranchRow({ ...before, ...values, updated_at: now });
}

function pickBranch(b: Selectable<BranchTable>) {
  return { name: b.name, address: b.address, phone: b.phone, time_zone: b.time_zone, manager_id: b.manager_id };
}

export async function deleteBranch(ctx: Ctx, id: string): Promise<void> {
  const before = await getBranch(ctx, id);
  const others = await ctx.db.selectFrom('branch').select('id').where('org_id', '=', before.org_id).where('deleted_at', 'is', null).where('id', '!=', id).executeTakeFirst();
  if (!others) throw fail.conflict('last_branch', 'id');
  const now = isoNow(ctx.clock);
  await ctx.db.updateTable('branch').set({ deleted_at: now, updated_at: now, version: before.version + 1 }).where('id', '=', id).execute();
  await recordAudit(ctx, { module: 'organization', entity: 'branch', entityId: id, branchId: id, action: 'delete', summary: before.name });
  ctx.afterCommit(() => ctx.sessions.invalidate());
}

// ---- users ----

export async function getUser(ctx: Ctx, id: string, field = 'id'): Promise<Selectable<UserTable>> {
  const row = await ctx.db.selectFrom('app_user').selectAll().where('id', '=', id).where('org_id', '=', me(ctx).orgId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw fail.notFound('user_not_found', field);
  return row;
}

async function branchIdsOf(db: Kysely<DB>, userIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!userIds.length) return out;
  const rows = await db.selectFrom('user_branch').select(['user_id', 'branch_id']).where('user_id', 'in', userIds).where('deleted_at', 'is', null).execute();
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.branch_id]);
  return out;
}

function toUserRow(u: Selectable<UserTable>, branchIds: string[]): UserRow {
  return {
    id: u.id,
    login: u.login,
    name: u.name,
    email: u.email,
    role: u.role as Role,
    language: u.language as Language,
    branchIds,
    active: u.active === 1,
    updatedAt: u.updated_at,
  };
}

export async function listUsers(ctx: Ctx, includeInactive: boolean): Promise<UserRow[]> {
  const user = me(ctx);
  let q = ctx.db.selectFrom('app_user').selectAll().where('org_id', '=', user.orgId).where('deleted_at', 'is', null);
  if (!includeInactive) q = q.where('active', '=', 1);
  // Those who do not see every branch see the people they work with: those sharing one of their branches.
  const rows = await q.where(colleaguesOf(user, 'app_user.id')).orderBy('name').execute();
  const branches = await branchIdsOf(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => toUserRow(r, branches.get(r.id) ?? []));
}

export interface UserInput {
  name: string;
  email?: string | null;
  role: Role;
  language: Language;
  branchIds: string[];
}

/** Nobody grants a role above their own, or edits someone ranked above them. */
function checkRank(ctx: Ctx, role: Role, field = 'role'): void {
  if (ROLE_RANK[role] > ROLE_RANK[me(ctx).role]) throw fail.forbidden('role_above_own', field);
}

async function checkBranches(ctx: Ctx, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  // Nobody hands out a branch they do not see themselves.
  const found = await ctx.db.selectFrom('branch').select('id').where(inScope(me(ctx), { org: 'branch.org_id', branch: 'branch.id' })).where('deleted_at', 'is', null).where('id', 'in', unique).execute();
  if (found.length !== unique.length) throw fail.validation('branch_not_found', 'branchIds');
  return unique;
}

async function setUserBranches(ctx: Ctx, orgId: string, userId: string, branchIds: string[]): Promise<void> {
  const now = isoNow(ctx.clock);
  await ctx.db.updateTable('user_branch').set({ deleted_at: now, updated_at: now }).where('user_id', '=', userId).where('deleted_at', 'is', null).where('branch_id', 'not in', branchIds.length ? branchIds : ['']).execute();
  for (const b of branchIds) {
    await ctx.db
      .insertInto('user_branch')
      .values({ id: newId(ctx.clock), org_id: orgId, user_id: userId, branch_id: b, ...createdStamps(ctx.clock), deleted_at: null })
      .onConflict((oc) => oc.columns(['user_id', 'branch_id']).doUpdateSet({ deleted_at: null, updated_at: now }))
      .execute();
  }
}

export async function createUser(ctx: Ctx, input: UserInput & { login: string; password: string }, orgIdOverride?: string): Promise<UserRow> {
  const orgId = orgIdOverride ?? me(ctx).orgId;
  if (!orgIdOverride) checkRank(ctx, input.role);
  const taken = await ctx.db.selectFrom('app_user').select('id').where(sql`lower(login)`, '=', input.login.toLowerCase()).executeTakeFirst();
  if (taken) throw fail.conflict('login_taken', 'login');
  const branchIds = orgIdOverride ? input.branchIds : await checkBranches(ctx, input.branchIds);
  const row = {
    id: newId(ctx.clock),
    org_id: orgId,
    login: input.login,
    password_hash: await hashPassword(input.password),
    name: input.name,
    email: input.email ?? null,
    role: input.role,
    language: input.language,
    active: 1,
    ...createdStamps(ctx.clock),
    deleted_at: null,
  };
  await ctx.db.insertInto('app_user').values(row).execute();
  await setUserBranches(ctx, orgId, row.id, branchIds);
  await recordAudit(ctx, {
    module: 'users',
    entity: 'user',
    entityId: row.id,
    action: 'create',
    summary: `${row.name} (${row.login})`,
    after: { login: row.login, name: row.name, email: row.email, role: row.role, language: row.language, branchIds },
    orgId,
  });
  return toUserRow(row, branchIds);
}

export async function updateUser(ctx: Ctx, id: string, input: UserInput): Promise<UserRow> {
  const before = await getUser(ctx, id);
  checkRank(ctx, before.role as Role, 'id');
  checkRank(ctx, input.role);
  if (id === me(ctx).id && input.role !== before.role) throw fail.forbidden('own_role', 'role');
  const branchIds = await checkBranches(ctx, input.branchIds);
  const beforeBranches = (await branchIdsOf(ctx.db, [id])).get(id) ?? [];
  const values = { name: input.name, email: input.email ?? null, role: input.role, language: input.language };
  const now = isoNow(ctx.clock);
  await ctx.db.updateTable('app_user').set({ ...values, updated_at: now, version: before.version + 1 }).where('id', '=', id).execute();
  await setUserBranches(ctx, before.org_id, id, branchIds);
  await recordAudit(ctx, {
    module: 'users',
    entity: 'user',
    entityId: id,
    action: 'update',
    summary: values.name,
    before: { name: before.name, email: before.email, role: before.role, language: before.language, branchIds: beforeBranches },
    after: { ...values, branchIds },
  });
  ctx.afterCommit(() => ctx.sessions.invalidate());
  ctx.emit('users.changed', {});
  return toUserRow({ ...before, ...values, updated_at: now }, branchIds);
}

export async function setUserPassword(ctx: Ctx, id: string, password: string): Promise<void> {
  const before = await getUser(ctx, id);
  checkRank(ctx, before.role as Role, 'id');
  await ctx.db.updateTable('app_user').set({ password_hash: await hashPassword(password), updated_at: isoNow(ctx.clock), version: before.version + 1 }).where('id', '=', id).execute();
  // A new password ends the user's other sessions.
  await ctx.db.deleteFrom('session').where('user_id', '=', id).execute();
  await recordAudit(ctx, { module: 'users', entity: 'user', entityId: id, action: 'update', summary: `${before.name}: password` });
  ctx.afterCommit(() => ctx.sessions.invalidate());
}

export async function setUserActive(ctx: Ctx, id: string, active: boolean): Promise<UserRow> {
  const before = await getUser(ctx, id);
  checkRank(ctx, before.role as Role, 'id');
  if (id === me(ctx).id) throw fail.forbidden('own_account', 'id');
  const now = isoNow(ctx.clock);
  await ctx.db.updateTable('app_user').set({ active: active ? 1 : 0, updated_at: now, version: before.version + 1 }).where('id', '=', id).execute();
  if (!active) await ctx.db.deleteFrom('session').where('user_id', '=', id).execute();
  await recordAudit(ctx, { module: 'users', entity: 'user', entityId: id, action: 'status', summary: `${before.name}: ${active ? 'active' : 'inactive'}` });
  ctx.afterCommit(() => ctx.sessions.invalidate());
  ctx.emit('users.changed', {});
  const branches = (await branchIdsOf(ctx.db, [id])).get(id) ?? [];
  return toUserRow({ ...before, active: active ? 1 : 0, updated_at: now }, branches);
}
