import type { Kysely } from 'kysely';
import type { DB, BranchTable, OrgTable, UserTable } from '../../db/schema';
import type { Ctx } from '../../api/context';
import { me } from '../../api/context';
import { fail } from '../../api/errors';
import { normalizePhone, orgCountry } from '../../rules/phone';
import { isValidTimeZone } from '../../../shared/rules/time';
import type { BranchRow, UserRow } from '../../../shared/api/organization';
import type { Language } from '../../../shared/i18n/languages';
import { ROLE_RANK, type Role } from '../../../shared/permissions';
import { colleaguesOf, inScope, loadInScope } from '../../api/scope';
import { hashPassword } from '../../auth/passwords';
import { branchRows, orgRows, userBranchRows, userRows } from './tables';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';

export function checkTimeZone(tz: string, field = 'timeZone'): string {
  if (!isValidTimeZone(tz)) throw fail.validation('time_zone_invalid', field);
  return tz;
}

export interface OrgInput {
  name: string;
  country: string;
  timeZone: string;
  phone?: string | null;
  languages: string[];
}

function orgValues(o: OrgInput, phoneField: string) {
  return {
    name: o.name,
    phone: normalizePhone(o.phone, o.country, phoneField),
    country: o.country,
    time_zone: checkTimeZone(o.timeZone),
    languages: JSON.stringify([...new Set(o.languages)]),
  };
}

/** The organization row; both the setup wizard and the demo start here, before anyone is logged in. */
export async function createOrg(ctx: Ctx, o: OrgInput): Promise<string> {
  return (await orgRows.in(ctx).insert(orgValues(o, 'orgPhone'), { userId: null })).id;
}

export async function updateOrg(ctx: Ctx, o: OrgInput): Promise<Selectable<OrgTable>> {
  const before = await ctx.db.selectFrom('org').selectAll().where('id', '=', me(ctx).orgId).executeTakeFirstOrThrow();
  return orgRows.in(ctx).update(before, orgValues(o, 'phone'));
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

/**
 * Writes made while an organization is being founded (the setup wizard, a test's second organization): no session
 * of it exists yet, so its rows are written for it by nobody, and the caller's rank and branches do not apply.
 */
export interface Founding {
  orgId: string;
}

const writtenBy = (founding?: Founding) => (founding ? { userId: null } : {});

export async function createBranch(ctx: Ctx, input: BranchInput, founding?: Founding): Promise<BranchRow> {
  const orgId = founding?.orgId ?? me(ctx).orgId;
  const values = founding
    ? { name: input.name, address: input.address || null, phone: null, time_zone: checkTimeZone(input.timeZone), manager_id: null }
    : await branchValues(ctx, input);
  const row = await branchRows.in(ctx).insert({ org_id: orgId, ...values }, writtenBy(founding));
  return toBranchRow(row);
}

export async function updateBranch(ctx: Ctx, id: string, input: BranchInput): Promise<BranchRow> {
  const before = await getBranch(ctx, id);
  const values = await branchValues(ctx, input);
  return toBranchRow(await branchRows.in(ctx).update(before, values));
}

export async function deleteBranch(ctx: Ctx, id: string): Promise<void> {
  const before = await getBranch(ctx, id);
  const others = await ctx.db.selectFrom('branch').select('id').where('org_id', '=', before.org_id).where('deleted_at', 'is', null).where('id', '!=', id).executeTakeFirst();
  if (!others) throw fail.conflict('last_branch', 'id');
  await branchRows.in(ctx).remove(before);
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

/** A person's branch links: a link taken away gets a tombstone, one given back is revived (one row per person and branch). */
async function setUserBranches(ctx: Ctx, orgId: string, userId: string, branchIds: string[], founding?: Founding): Promise<void> {
  const links = userBranchRows.in(ctx);
  const opts = { audit: false as const, ...writtenBy(founding) };
  const existing = await ctx.db.selectFrom('user_branch').selectAll().where('user_id', '=', userId).execute();
  for (const link of existing) {
    const wanted = branchIds.includes(link.branch_id);
    if (link.deleted_at == null && !wanted) await links.remove(link, opts);
    else if (link.deleted_at != null && wanted) await links.restore(link, opts);
  }
  for (const b of branchIds) if (!existing.some((l) => l.branch_id === b)) await links.insert({ org_id: orgId, user_id: userId, branch_id: b }, opts);
}

export async function createUser(ctx: Ctx, input: UserInput & { login: string; password: string }, founding?: Founding): Promise<UserRow> {
  const orgId = founding?.orgId ?? me(ctx).orgId;
  if (!founding) checkRank(ctx, input.role);
  const taken = await ctx.db.selectFrom('app_user').select('id').where(sql`lower(login)`, '=', input.login.toLowerCase()).executeTakeFirst();
  if (taken) throw fail.conflict('login_taken', 'login');
  const branchIds = founding ? input.branchIds : await checkBranches(ctx, input.branchIds);
  const values = { login: input.login, name: input.name, email: input.email ?? null, role: input.role, language: input.language };
  const row = await userRows.in(ctx).insert(
    { org_id: orgId, ...values, password_hash: await hashPassword(input.password), active: 1 },
    { ...writtenBy(founding), audit: { summary: `${values.name} (${values.login})`, after: { ...values, branchIds } } },
  );
  await setUserBranches(ctx, orgId, row.id, branchIds, founding);
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
  const after = await userRows.in(ctx).update(before, values, {
    audit: { summary: values.name, before: { name: before.name, email: before.email, role: before.role, language: before.language, branchIds: beforeBranches }, after: { ...values, branchIds } },
  });
  await setUserBranches(ctx, before.org_id, id, branchIds);
  ctx.afterCommit(() => ctx.sessions.invalidate());
  return toUserRow(after, branchIds);
}

export async function setUserPassword(ctx: Ctx, id: string, password: string): Promise<void> {
  const before = await getUser(ctx, id);
  checkRank(ctx, before.role as Role, 'id');
  // The hash is never shown in the audit log, only that it changed.
  await userRows.in(ctx).update(before, { password_hash: await hashPassword(password) }, { audit: { summary: `${before.name}: password`, before: null, after: null } });
  // A new password ends the user's other sessions.
  await ctx.db.deleteFrom('session').where('user_id', '=', id).execute();
  ctx.afterCommit(() => ctx.sessions.invalidate());
}

export async function setUserActive(ctx: Ctx, id: string, active: boolean): Promise<UserRow> {
  const before = await getUser(ctx, id);
  checkRank(ctx, before.role as Role, 'id');
  if (id === me(ctx).id) throw fail.forbidden('own_account', 'id');
  const after = await userRows.in(ctx).update(before, { active: active ? 1 : 0 }, { audit: { action: 'status', summary: `${before.name}: ${active ? 'active' : 'inactive'}`, before: null, after: null } });
  if (!active) await ctx.db.deleteFrom('session').where('user_id', '=', id).execute();
  ctx.afterCommit(() => ctx.sessions.invalidate());
  const branches = (await branchIdsOf(ctx.db, [id])).get(id) ?? [];
  return toUserRow(after, branches);
}
