import { z } from 'zod';

/**
 * The client portal (issue 13): an organization's desktop asks the hub for a signed link to one client's portal; the
 * hub serves the client's interventions (public timeline entries only), visits and tasks from its current cells.
 */

const id = z.string().min(1).max(64);

/** A portal link's default life, and the longest an organization may choose. */
export const PORTAL_LINK_DAYS = 30;
export const PORTAL_LINK_MAX_DAYS = 180;
export const PORTAL_LINK_MAX_MS = PORTAL_LINK_MAX_DAYS * 24 * 3600_000;

export const portalLinkRequest = z.strictObject({
  clientId: id,
  /** The portal's first language (the client's); the page lets the reader switch. */
  language: z.enum(['en', 'lv', 'ru', 'lt', 'ro', 'hy']),
  /** Epoch ms; at most PORTAL_LINK_MAX_DAYS ahead of the hub's clock. */
  expiresAt: z.number().int().min(0),
});
export const portalLinkResponse = z.object({ linkId: z.string(), token: z.string() });

export const portalRevokeRequest = z.strictObject({ linkId: id });
export const portalRevokeResponse = z.object({ revoked: z.boolean() });

/** The portal's address for a token, under the hub's base. */
export const portalPath = (token: string): string => `/p/${encodeURIComponent(token)}`;
