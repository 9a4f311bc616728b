import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Clock } from '../clock';
import type { SessionUser } from '../../shared/api/auth';
import type { Language } from '../../shared/i18n/languages';
import type { Role } from '../../shared/permissions';

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

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly idleMs: number,
  ) {}

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
  }

  async resolve(token: string): Promise<SessionUser | null> {
    const h = hashToken(token);
    const now = this.clock.now();
    const hit = this.cache.get(h);
    if (hit && hit.expiresAt > now && now - hit.seenAt < SLIDE_EVERY_MS) return hit.user;

    const row = await this.db.selectFrom('session').select(['user_id', 'expires_at']).where('token_hash', '=', h).executeTakeFirst();
    if (!row || Date.parse(row.expires_at) <= now) {
      this.cache.delete(h);
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
    return user;
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
