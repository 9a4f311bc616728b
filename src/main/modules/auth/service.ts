import { sql, type Kysely } from 'kysely';
import { me, type Ctx } from '../../api/context';
import type { DB } from '../../db/schema';
import { inWriteTransaction } from '../../db/connection';
import { accountAfterFailure, accountLockMinutes, LOCAL_SOURCE, type AccountAttempts } from '../../auth/throttle';
import { fail } from '../../api/errors';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { loadSessionUser } from '../../auth/sessions';
import type { SessionUser } from '../../../shared/api/auth';
import type { Language } from '../../../shared/i18n/languages';
import { recordAudit } from '../../api/funnel';
import { userRows } from '../organization';

let dummyHash: Promise<string> | undefined;

/**
 * Checks the password without holding the database: the reads are single statements, the hash runs on the thread
 * pool, then one short write transaction records the outcome. Throttled per source and per account
 * (`auth/throttle.ts`); an unknown login costs as much time as a known one.
 */
export async function login(ctx: Ctx, loginName: string, password: string, language?: Language): Promise<SessionUser> {
  const key = loginName.toLowerCase();
  const attempt = ctx.sessions.throttle.begin(ctx.source ?? LOCAL_SOURCE, key);
  if (!attempt.ok) throw fail.forbidden('login_locked', 'login', { minutes: attempt.minutes });
  try {
    const locked = accountLockMinutes(await accountAttempts(ctx.db, key), ctx.clock.now());
    if (locked) throw fail.forbidden('login_locked', 'login', { minutes: locked });
    const user = await ctx.db
      .selectFrom('app_user')
      .select(['id', 'org_id', 'password_hash', 'active'])
      .where(sql`lower(login)`, '=', key)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    dummyHash ??= hashPassword('not a password');
    const ok = await verifyPassword(password, user?.password_hash ?? (await dummyHash));

    const outcome = await inWriteTransaction(ctx.db, async (trx) => {
      const now = ctx.clock.now();
      const counters = await accountAttempts(trx, key);
      // Read again: while the hash ran, the password may have changed, the user been disabled, or the account locked.
      const still = user && (await trx.selectFrom('app_user').select(['password_hash', 'active']).where('id', '=', user.id).where('deleted_at', 'is', null).executeTakeFirst());
      const lockedNow = accountLockMinutes(counters, now);
      if (lockedNow) return { ok: false as const, minutes: lockedNow };
      const sessionUser = ok && user && still?.active && still.password_hash === user.password_hash ? await loadSessionUser(trx, user.id) : null;
      if (!user || !sessionUser) {
        const next = accountAfterFailure(counters, now);
        await trx
          .insertInto('login_attempt')
          .values({ login: key, failures: next.failures, locked_until: next.lockedUntil })
          .onConflict((oc) => oc.column('login').doUpdateSet({ failures: next.failures, locked_until: next.lockedUntil }))
          .execute();
        return { ok: false as const, minutes: accountLockMinutes(next, now) };
      }
      await trx.deleteFrom('login_attempt').where('login', '=', key).execute();
      // Logging in over an open session (another user at the same browser or window) ends that session.
      if (ctx.sessionToken) await ctx.sessions.destroy(trx, ctx.sessionToken);
      const token = await ctx.sessions.create(trx, user.id);
      await recordAudit({ ...ctx, db: trx }, { module: 'users', entity: 'user', entityId: user.id, action: 'login', orgId: user.org_id, userId: user.id });
      return { ok: true as const, sessionUser, token };
    });

    if (!outcome.ok) {
      const minutes = Math.max(outcome.minutes, attempt.failed());
      throw minutes ? fail.forbidden('login_locked', 'login', { minutes }) : fail.unauthenticated('login_failed');
    }
    attempt.succeeded();
    ctx.setSession(outcome.token);
    const saved = outcome.sessionUser;
    if (!language || language === saved.language) return saved;
    ctx.sessions.chooseLanguage(outcome.token, saved.id, language);
    return { ...saved, language, savedLanguage: saved.language };
  } finally {
    // A refusal before the password was checked (a locked account) or an error counts as no attempt.
    attempt.abandoned();
  }
}

async function accountAttempts(db: Kysely<DB>, key: string): Promise<AccountAttempts | undefined> {
  const row = await db.selectFrom('login_attempt').select(['failures', 'locked_until']).where('login', '=', key).executeTakeFirst();
  return row && { failures: row.failures, lockedUntil: row.locked_until };
}

export async function logout(ctx: Ctx): Promise<void> {
  if (ctx.sessionToken) await ctx.sessions.destroy(ctx.db, ctx.sessionToken);
  ctx.setSession(null);
  await recordAudit(ctx, { module: 'users', entity: 'user', entityId: ctx.user?.id ?? null, action: 'logout' });
}

/**
 * Like a login, the two hashes run outside any transaction. Whoever knew the old password is logged out:
 * every other session of the user ends; the one that changed it stays.
 */
export async function changePassword(ctx: Ctx, userId: string, current: string, next: string): Promise<void> {
  const user = me(ctx);
  const attempt = ctx.sessions.throttle.begin(ctx.source ?? LOCAL_SOURCE, user.login.toLowerCase());
  if (!attempt.ok) throw fail.forbidden('login_locked', 'current', { minutes: attempt.minutes });
  try {
    const row = await ctx.db.selectFrom('app_user').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(current, row.password_hash))) {
      // Guessing the current password through a borrowed session is throttled like guessing it at the login.
      const minutes = attempt.failed();
      throw minutes ? fail.forbidden('login_locked', 'current', { minutes }) : fail.validation('password_wrong', 'current');
    }
    const hash = await hashPassword(next);
    await inWriteTransaction(ctx.db, async (trx) => {
      const current = await trx.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
      // Changed by someone else meanwhile: the password given is no longer the current one.
      if (current.password_hash !== row.password_hash) throw fail.validation('password_wrong', 'current');
      await userRows.in({ ...ctx, db: trx }).update(current, { password_hash: hash }, { audit: { summary: 'password', before: null, after: null } });
      await ctx.sessions.endUserSessions(trx, userId, ctx.sessionToken);
    });
    attempt.succeeded();
  } finally {
    attempt.abandoned();
  }
}

/** The caller's own language: no audit entry (a preference, not a change to anyone's data), but synced like any write. */
export async function setOwnLanguage(ctx: Ctx, language: string): Promise<void> {
  const user = me(ctx);
  const before = await ctx.db.selectFrom('app_user').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
  await userRows.in(ctx).update(before, { language }, { audit: false });
  // Kept: this session now speaks what the profile says.
  if (ctx.sessionToken) ctx.sessions.chooseLanguage(ctx.sessionToken, user.id, null);
  ctx.afterCommit(() => ctx.sessions.invalidate());
}
