import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Clock } from '../clock';
import type { SessionUser } from '../../shared/api/auth';
import type { Language } from '../../shared/i18n/languages';
import type { Role } from '../../shared/permissions';
import { SourceThrottle } from './throttle';

const SLIDE_EVERY_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function loadSessionUser(db: Kysely<DB>, userId: string): Promise<SessionUser | null> {
  const row = await db
    .selectFrom('app_user as u')
    .innerJoin('org as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.org_id', 'o.name as org_name', 'u.login', 'u.name', 'u.role', 'u.language'])
    .where('u.id', '=', userId)
    .where('u.active', '=', 1)
    .where('u.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const branches = await db
    .selectFrom('user_branch as ub')
    .innerJoin('branch as b', 'b.id', 'ub.branch_id')
    .select('ub.branch_id')
    .where('ub.user_id', '=', userId)
    .where('ub.deleted_at', 'is', null)
    .where('b.deleted_at', 'is', null)
    .execute();
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    login: row.login,
    name: row.name,
    role: row.role as Role,
    language: row.language as Language,
    branchIds: branches.map((b) => b.branch_id),
  };
}

/**
 * Sessions live in the database (they survive a restart); a short-lived cache keeps the per-call cost
 * at a map lookup. Expiry slides with use, written at most once a minute.
 */
export class SessionStore {
  private cache = new Map<string, { user: SessionUser; expiresAt: number; seenAt: number }>();
  /**
   * The language picked on the login screen, for that session only, over the profile's (which it does not change
   * unless the user keeps it). Held while the core runs: after a restart the session speaks the profile's again.
   */
  private readonly languages = new Map<string, { userId: string; language: Language }>();
  /** Failed logins per source, kept beside the sessions they guard (in memory, one per core). */
  readonly throttle: SourceThrottle;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly idleMs: number,
  ) {
    this.throttle = new SourceThrottle(clock);
  }

  async create(trx: Kysely<DB>, userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await trx
      .insertInto('session')
      .values({
        token_hash: hashToken(token),
        user_id: userId,
        created_at: new Date(now).toISOString(),
        last_seen_at: new Date(now).toISOString(),
        expires_at: new Date(now + this.idleMs).toISOString(),
      })
      .execute();
    return token;
  }

  async destroy(trx: Kysely<DB>, token: string): Promise<void> {
    const h = hashToken(token);
    await trx.deleteFrom('session').where('token_hash', '=', h).execute();
    this.cache.delete(h);
    this.languages.delete(h);
  }

  /** This session speaks `language` (null: the profile's again). */
  chooseLanguage(token: string, userId: string, language: Language | null): void {
    const h = hashToken(token);
    if (language) this.languages.set(h, { userId, language });
    else this.languages.delete(h);
  }

  /** The user as this session sees them: its own language, with the profile's beside it when they differ. */
  private speaking(h: string, user: SessionUser): SessionUser {
    const chosen = this.languages.get(h);
    if (!chosen || chosen.userId !== user.id || chosen.language === user.language) return user;
    return { ...user, language: chosen.language, savedLanguage: user.language };
  }

  /** Ends every session of a user but `keep` (a password changed: whoever knew the old one is out), or all of them. */
  async endUserSessions(trx: Kysely<DB>, userId: string, keep: string | null = null): Promise<void> {
    let q = trx.deleteFrom('session').where('user_id', '=', userId);
    if (keep) q = q.where('token_hash', '!=', hashToken(keep));
    await q.execute();
    // Dropped now, not at commit: until then the rows still exist, and a rollback only costs a re-read.
    for (const [h, hit] of this.cache) if (hit.user.id === userId && h !== (keep && hashToken(keep))) this.cache.delete(h);
    for (const [h, chosen] of this.languages) if (chosen.userId === userId && h !== (keep && hashToken(keep))) this.languages.delete(h);
  }

  /**
   * Whether a session is still open, without sliding it: an open event socket must not keep a session alive
   * that nobody uses, but must stop once it ended (logout, password change, expiry).
   */
  async isOpen(token: string): Promise<boolean> {
    const h = hashToken(token);
    const now = this.clock.now();
    const hit = this.cache.get(h);
    if (hit) return hit.expiresAt > now;
    const row = await this.db.selectFrom('session').select(['user_id', 'expires_at']).where('token_hash', '=', h).executeTakeFirst();
    const expiresAt = row ? Date.parse(row.expires_at) : 0;
    const user = row && expiresAt > now ? await loadSessionUser(this.db, row.user_id) : null;
    // Remembered as never seen, so the next call still slides the session.
    if (user) this.cache.set(h, { user, expiresAt, seenAt: 0 });
    return user !== null;
  }

  async resolve(token: string): Promise<SessionUser | null> {
    const h = hashToken(token);
    const now = this.clock.now();
    const hit = this.cache.get(h);
    if (hit && hit.expiresAt > now && now - hit.seenAt < SLIDE_EVERY_MS) return this.speaking(h, hit.user);

    const row = await this.db.selectFrom('session').select(['user_id', 'expires_at']).where('token_hash', '=', h).executeTakeFirst();
    if (!row || Date.parse(row.expires_at) <= now) {
      this.cache.delete(h);
      this.languages.delete(h);
      if (row) await this.db.deleteFrom('session').where('token_hash', '=', h).execute();
      return null;
    }
    const user = await loadSessionUser(this.db, row.user_id);
    if (!user) return null;
    const expiresAt = now + this.idleMs;
    await this.db
      .updateTable('session')
      .set({ last_seen_at: new Date(now).toISOString(), expires_at: new Date(expiresAt).toISOString() })
      .where('token_hash', '=', h)
      .execute();
    this.cache.set(h, { user, expiresAt, seenAt: now });
    return this.speaking(h, user);
  }

  /** After users, roles or branches change, every cached session is read again. */
  invalidate(): void {
    this.cache.clear();
  }

  async purgeExpired(): Promise<number> {
    const r = await this.db.deleteFrom('session').where('expires_at', '<=', new Date(this.clock.now()).toISOString()).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
