import type { FastifyReply, FastifyRequest } from 'fastify';
import { HubRefusal } from '../errors';
import { tokenBucket, type RateLimiter } from '../rateLimit';

/**
 * The limits of the hub's public endpoints (the web form, later the chat): per client address, and per organization
 * so a flood spread over many addresses still cannot fill one organization's inbox.
 */
export interface PublicLimitOptions {
  perIp: { capacity: number; perMinute: number };
  perOrg: { capacity: number; perMinute: number };
}

export const DEFAULT_PUBLIC_LIMITS: PublicLimitOptions = { perIp: { capacity: 20, perMinute: 20 }, perOrg: { capacity: 60, perMinute: 60 } };

export interface PublicLimits {
  /** Takes one token of the address's bucket and, given an organization, of its bucket; refuses with Retry-After. */
  take(request: FastifyRequest, reply: FastifyReply, orgId?: string): void;
}

export function publicLimits(opts: PublicLimitOptions, now: () => number): PublicLimits {
  const ips: RateLimiter = tokenBucket(opts.perIp);
  const orgs: RateLimiter = tokenBucket(opts.perOrg);
  const refuse = (reply: FastifyReply, seconds: number): never => {
    reply.header('retry-after', String(seconds));
    throw new HubRefusal('hub.rate_limited', { seconds });
  };
  return {
    take(request, reply, orgId) {
      const byIp = ips.take(request.ip, now());
      if (!byIp.ok) refuse(reply, byIp.retryAfterS);
      if (orgId === undefined) return;
      const byOrg = orgs.take(orgId, now());
      if (!byOrg.ok) refuse(reply, byOrg.retryAfterS);
    },
  };
}
