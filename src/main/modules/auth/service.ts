import { sql } from 'kysely';
import type { Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { loadSessionUser } from '../../auth/sessions';
import type { SessionUser } from '../../../shared/api/auth';
import { recordAudit } from '../audit/service';

const MAX_FAILURES = 5;
const LOCKOUT_MS = 5 * 60 * 1000;
let dummyHash: Promise<string> | undefined;

/** Checks the password, with a lockout after repeated failures; an unknown login costs as much time as a known one. */
export async function login(ctx: Ctx, loginName: string, password: string): Promise<SessionUser> {
  const key = loginName.toLowerCase();
  const now = ctx.clock.now();
  const attempt = await ctx.db.selectFrom('login_attempt').selectAll().where('login', '=', key).executeTakeFirst();
  if (attempt?.locked_until && Date.parse(attempt.locked_until) > now) {
    throw fail.forbidden('login_locked', 'login', { minutes: Math.ceil((Date.parse(attempt.locked_until) - now) / 60000) });
  }
  const user = await ctx.db
    .selectFrom('app_user')
    .select(['id', 'org_id', 'password_hash', 'active'])
    .where(sql`lower(login)`, '=', key)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  dummyHash ??= hashPassword('not a password');
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyHash));
  if (!user || !ok || !user.active) {
    const failures = (attempt?.failures ?? 0) + 1;
    const lockedUntil = failures >= MAX_FAILURES ? new Date(now + LOCKOUT_MS).toISOString() : null;
    await ctx.db
      .insertInto('login_attempt')
      .values({ login: key, failures, locked_until: lockedUntil })
      .onConflict((oc) => oc.column('login').doUpdateSet({ failures, locked_until: lockedUntil }))
      .execute();
    const err = failures >= MAX_FAILURES ? fail.forbidden('login_locked', 'login', { minutes: LOCKOUT_MS / 60000 }) : fail.unauthenticated('login_failed');
    // The failure must be remembered although the call is refused.
    err.keepWrites = true;
    throw err;
  }
  await ctx.db.deleteFrom('login_attempt').where('login', '=', key).execute();
  const sessionUser = await loadSessionUser(ctx.db, user.id);
  if (!sessionUser) throw fail.forbidden('login_failed', 'login');
  const token = await ctx.sessions.create(ctx.db, user.id);
  ctx.setSession(token);
  await recordAudit(ctx, { module: 'users', entity: 'user', entityId: user.id, action: 'login', orgId: user.org_id, userId: user.id });
  return sessionUser;
}

export async function logout(ctx: Ctx): Promise<void> {
  if (ctx.sessionToken) await ctx.sessions.destroy(ctx.db, ctx.sessionToken);
  ctx.setSession(null);
  await recordAudit(ctx, { module: 'users', entity: 'user', entityId: ctx.user?.id ?? null, action: 'logout' });
}

export async function changePassword(ctx: Ctx, userId: string, current: string, next: string): Promise<void> {
  const row = await ctx.db.selectFrom('app_user').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(current, row.password_hash))) throw fail.validation('password_wrong', 'current');
  await ctx.db.updateTable('app_user').set({ password_hash: await hashPassword(next), updated_at: new Date(ctx.clock.now()).toISOString() }).where('id', '=', userId).execute();
  await recordAudit(ctx, { module: 'users', entity: 'user', entityId: userId, action: 'update', summary: 'password' });
}
