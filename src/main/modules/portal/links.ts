import { me, type Ctx } from '../../api/context';
import { AppError, fail } from '../../api/errors';
import { isoNow } from '../../clock';
import { secretsFor } from '../../mail';
import { HubProblem, SYNC_DESK, type HubAccess } from '../../sync';
import { getClient } from '../clients';
import type { Language } from '../../../shared/i18n/languages';
import type { PortalLink } from '../../../shared/api/portal';
import { portalPath } from '../../../shared/sync/portal';
import type { Db } from '../../db/connection';

const DAY = 24 * 3600_000;
/** A mail carries a link only with at least this much life left: a client should not open a link that dies tomorrow. */
const MAIL_MIN_LIFE_MS = 3 * DAY;

/** The sealed address is bound to its organization and link: a sealed value moved to another row does not open. */
const sealContext = (orgId: string, linkId: string) => `portal_link:${orgId}:${linkId}`;

async function hubOf(ctx: Ctx): Promise<HubAccess | null> {
  const hub = await ctx.services.get(SYNC_DESK).hub();
  return hub && hub.orgId === me(ctx).orgId ? hub : null;
}

/** The hub's refusal or absence, as the person is told it (translated, nothing changed). */
function problem(e: unknown): never {
  if (e instanceof HubProblem) throw new AppError({ code: 'conflict', key: e.key, ...(e.params ? { params: e.params } : {}) });
  throw e;
}

export async function hubRegistered(ctx: Ctx): Promise<boolean> {
  return (await hubOf(ctx)) !== null;
}

/** The client's active links (not expired, not revoked), newest first, with their addresses opened to copy. */
export async function activeLinks(ctx: Ctx, clientId: string): Promise<PortalLink[]> {
  const { orgId } = me(ctx);
  const client = await getClient(ctx, clientId);
  const rows = await ctx.db
    .selectFrom('portal_link as l')
    .leftJoin('app_user as u', 'u.id', 'l.created_by')
    .select(['l.id', 'l.language', 'l.url_sealed', 'l.created_at', 'l.expires_at', 'u.name as creator'])
    .where('l.org_id', '=', orgId)
    .where('l.client_id', '=', client.id)
    .where('l.revoked_at', 'is', null)
    .where('l.expires_at', '>', isoNow(ctx.clock))
    .orderBy('l.created_at', 'desc')
    .execute();
  const secrets = secretsFor(ctx.config);
  return rows.map((r) => ({ id: r.id, language: r.language, url: secrets.decrypt(r.url_sealed, sealContext(orgId, r.id)), createdAt: r.created_at, createdBy: r.creator ?? null, expiresAt: r.expires_at }));
}

/** Asks the hub for a new link to the client's portal and keeps it; the hub away, nothing is made and the person is told. */
export async function createLink(ctx: Ctx, input: { clientId: string; language: Language; days: number }): Promise<PortalLink> {
  const user = me(ctx);
  const client = await getClient(ctx, input.clientId);
  const hub = await hubOf(ctx);
  if (!hub) throw fail.conflict('portal_no_hub');
  const now = ctx.clock.now();
  const expiresAt = now + input.days * DAY;
  const minted = await hub.client.mintPortalLink(hub.key, { clientId: client.id, language: input.language, expiresAt }).catch(problem);
  const url = `${hub.url}${portalPath(minted.token)}`;
  const row = {
    id: minted.linkId,
    org_id: user.orgId,
    client_id: client.id,
    language: input.language,
    url_sealed: secretsFor(ctx.config).encrypt(url, sealContext(user.orgId, minted.linkId)),
    created_at: new Date(now).toISOString(),
    created_by: user.id,
    expires_at: new Date(expiresAt).toISOString(),
    revoked_at: null,
    revoke_sent_at: null,
  };
  await ctx.db.insertInto('portal_link').values(row).execute();
  await sendRevocations(ctx.db, hub);
  return { id: row.id, language: row.language, url, createdAt: row.created_at, createdBy: user.name, expiresAt: row.expires_at };
}

/**
 * Revokes a link here at once (mails stop carrying it) and tells the hub; when the hub cannot be reached, it is told
 * by a later call or the minute job. `told`: the hub has it.
 */
export async function revokeLink(ctx: Ctx, id: string): Promise<{ told: boolean }> {
  const { orgId } = me(ctx);
  const link = await ctx.db.selectFrom('portal_link').select(['id', 'client_id', 'revoked_at']).where('id', '=', id).where('org_id', '=', orgId).executeTakeFirst();
  if (!link || link.revoked_at) throw fail.notFound('portal_link_not_found', 'id');
  // The client must be one this person may see (a tombstoned client's links may still be withdrawn).
  await getClient(ctx, link.client_id).catch((e: unknown) => {
    if (!(e instanceof AppError) || e.error.key !== 'errors.client_not_found') throw e;
  });
  await ctx.db.updateTable('portal_link').set({ revoked_at: isoNow(ctx.clock) }).where('id', '=', id).execute();
  const hub = await hubOf(ctx).catch(() => null);
  if (!hub) return { told: false };
  await sendRevocations(ctx.db, hub);
  const after = await ctx.db.selectFrom('portal_link').select('revoke_sent_at').where('id', '=', id).executeTakeFirstOrThrow();
  return { told: after.revoke_sent_at !== null };
}

/** Revocations the hub has not taken yet, told now; stops at the first failure (the hub is away: all would fail). */
export async function sendRevocations(db: Db, hub: HubAccess): Promise<number> {
  const waiting = await db.selectFrom('portal_link').select('id').where('org_id', '=', hub.orgId).where('revoked_at', 'is not', null).where('revoke_sent_at', 'is', null).limit(100).execute();
  let sent = 0;
  for (const w of waiting) {
    try {
      await hub.client.revokePortalLink(hub.key, { linkId: w.id });
    } catch {
      break;
    }
    await db.updateTable('portal_link').set({ revoke_sent_at: new Date().toISOString() }).where('id', '=', w.id).execute();
    sent += 1;
  }
  return sent;
}

/** The address an intervention mail to the client carries: their newest active link with days left, else none. */
export async function portalUrlForMail(ctx: Ctx, clientId: string): Promise<string | null> {
  const { orgId } = me(ctx);
  const row = await ctx.db
    .selectFrom('portal_link')
    .select(['id', 'url_sealed'])
    .where('org_id', '=', orgId)
    .where('client_id', '=', clientId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date(ctx.clock.now() + MAIL_MIN_LIFE_MS).toISOString())
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  try {
    return secretsFor(ctx.config).decrypt(row.url_sealed, sealContext(orgId, row.id));
  } catch {
    // The key out of reach (web mode on a locked folder): the mail goes without the line rather than not at all.
    return null;
  }
}
