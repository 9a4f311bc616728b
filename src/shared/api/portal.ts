import { z } from 'zod';
import { procedure } from './contract';
import { id, language } from './common';
import { PORTAL_LINK_DAYS, PORTAL_LINK_MAX_DAYS } from '../sync/portal';

/**
 * The client portal's links on the desktop (issue 13): the hub makes a signed link per client (so none can be made
 * while it is unreachable), this installation keeps its address sealed to copy it again, and revokes it.
 */
export const portalLink = z.object({
  id: z.string(),
  language: z.string(),
  url: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  expiresAt: z.string(),
});
export type PortalLink = z.infer<typeof portalLink>;

export const portalLinks = z.object({
  /** `none`: this installation is not registered with a hub, so there is no portal. */
  hub: z.enum(['none', 'registered']),
  /** Active links (neither expired nor revoked), newest first. */
  links: z.array(portalLink),
});

const clientRead = { module: 'clients', action: 'read' } as const;
const clientWrite = { module: 'clients', action: 'write' } as const;

export const portalApi = {
  'portal.links': procedure({ input: z.strictObject({ clientId: id }), output: portalLinks, access: clientRead, writes: false }),
  /** Asks the hub for a new link (outside any transaction: the hub may take seconds, or not answer). */
  'portal.create': procedure({
    input: z.strictObject({ clientId: id, language, days: z.number().int().min(1).max(PORTAL_LINK_MAX_DAYS).default(PORTAL_LINK_DAYS) }),
    output: portalLink,
    access: clientWrite,
    writes: true,
    ownTransactions: true,
  }),
  /** Revokes here at once and tells the hub; when it is away, the mails stop carrying it and the hub is told later. */
  'portal.revoke': procedure({
    input: z.strictObject({ id }),
    output: z.object({ told: z.boolean() }),
    access: clientWrite,
    writes: true,
    ownTransactions: true,
  }),
};
