import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { portalLinkRequest } from '../../shared/sync/portal';
import type { HubDb } from '../db/open';
import type { HubDevice, HubPortalLink } from '../db/schema';
import { linkHash, newLinkToken } from '../keys';

/** Mints a client's portal link for the device's organization; the token is returned once and stored only hashed. */
export async function mintPortalLink(db: HubDb, device: Pick<HubDevice, 'id' | 'org_id'>, input: z.output<typeof portalLinkRequest>, now: number): Promise<{ linkId: string; token: string }> {
  const token = newLinkToken();
  const linkId = randomUUID();
  await db
    .insertInto('hub_portal_link')
    .values({
      id: linkId,
      // A different prefix from the phone links': a phone token is never a portal token, nor the other way round.
      token_hash: linkHash(`portal:${token}`),
      org_id: device.org_id,
      device_id: device.id,
      client_id: input.clientId,
      language: input.language,
      created_at: now,
      expires_at: input.expiresAt,
      revoked_at: null,
    })
    .execute();
  return { linkId, token };
}

/** Revokes a portal link of the organization; false when there is none (another organization's, or revoked before). */
export async function revokePortalLink(db: HubDb, orgId: string, linkId: string, now: number): Promise<boolean> {
  const r = await db.updateTable('hub_portal_link').set({ revoked_at: now }).where('id', '=', linkId).where('org_id', '=', orgId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function portalLinkByToken(db: HubDb, token: string): Promise<HubPortalLink | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  return db.selectFrom('hub_portal_link').selectAll().where('token_hash', '=', linkHash(`portal:${token}`)).executeTakeFirst();
}

export type PortalGone = 'unknown' | 'expired' | 'revoked';

/** Why a link does not open its portal now, or null when it does. */
export function portalGone(link: HubPortalLink | undefined, now: number): PortalGone | null {
  if (!link) return 'unknown';
  if (link.revoked_at !== null) return 'revoked';
  if (now >= Number(link.expires_at)) return 'expired';
  return null;
}
