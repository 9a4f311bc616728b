import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PORTAL_LINK_MAX_MS, portalLinkRequest, portalPath, portalRevokeRequest } from '../../shared/sync/portal';
import type { Language } from '../../shared/i18n/languages';
import { authenticated, deviceOf, parse, type HubContext } from '../context';
import { HubRefusal } from '../errors';
import type { PublicLimits } from '../public/limits';
import { languageOr } from '../field/texts';
import { portalGonePage, portalPage, printablePage } from '../portal/page';
import { portalIntervention, portalView } from '../portal/view';
import { mintPortalLink, portalGone, portalLinkByToken, revokePortalLink } from '../store/portalLinks';
import type { HubPortalLink } from '../db/schema';

function pageHeaders(reply: FastifyReply, nonce: string): FastifyReply {
  return (
    reply
      .header('content-type', 'text/html; charset=utf-8')
      // No script at all, and no form: the portal only reads.
      .header('content-security-policy', `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`)
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      // The token is in the address: it must never leave as a Referer, nor stay in a shared cache.
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
  );
}

const INTERVENTION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The client portal: the organization's desktop mints and revokes a client's link (device keys); the client opens
 * `/p/<token>` (its interventions, visits and tasks) and `/p/<token>/i/<id>` (one intervention's printable form).
 */
export function portalRoute(app: FastifyInstance, ctx: HubContext, limits: PublicLimits): void {
  app.post('/hub/v1/portal/links', authenticated(ctx), async (request) => {
    const device = deviceOf(request);
    const body = parse(portalLinkRequest, request.body);
    const now = ctx.now();
    if (body.expiresAt <= now || body.expiresAt > now + PORTAL_LINK_MAX_MS) throw new HubRefusal('hub.bad_request', { field: 'expiresAt' });
    return mintPortalLink(ctx.db, device, body, now);
  });

  app.post('/hub/v1/portal/links/revoke', authenticated(ctx), async (request) => {
    const device = deviceOf(request);
    const body = parse(portalRevokeRequest, request.body);
    return { revoked: await revokePortalLink(ctx.db, device.org_id, body.linkId, ctx.now()) };
  });

  type Req = FastifyRequest<{ Params: { token: string; id?: string }; Querystring: { lang?: string } }>;

  /** The link behind the address, or the page that says why there is none (sent, with null returned). */
  async function open(request: Req, reply: FastifyReply, nonce: string): Promise<{ link: HubPortalLink; lang: Language } | null> {
    const link = await portalLinkByToken(ctx.db, request.params.token);
    const lang = languageOr(request.query.lang, languageOr(link?.language, 'en'));
    try {
      // Per address always; per organization once the link is known, so a flood over many addresses stays bounded.
      limits.take(request, reply, link?.org_id);
    } catch (e) {
      if (!(e instanceof HubRefusal)) throw e;
      await pageHeaders(reply, nonce).status(429).send(portalGonePage(lang, 'rate_limited', nonce));
      return null;
    }
    const gone = portalGone(link, ctx.now());
    if (gone || !link) {
      request.log.info({ gone }, 'portal link refused');
      await pageHeaders(reply, nonce).status(gone === 'unknown' || !gone ? 404 : 410).send(portalGonePage(lang, gone ?? 'unknown', nonce));
      return null;
    }
    return { link, lang };
  }

  app.get<{ Params: { token: string }; Querystring: { lang?: string } }>('/p/:token', async (request, reply) => {
    const nonce = randomBytes(16).toString('base64');
    const opened = await open(request, reply, nonce);
    if (!opened) return reply;
    const { link, lang } = opened;
    const view = await portalView(ctx.db, link.org_id, link.client_id, ctx.now());
    return pageHeaders(reply, nonce).status(200).send(portalPage({ lang, view, base: portalPath(request.params.token), expiresAt: Number(link.expires_at), nonce }));
  });

  app.get<{ Params: { token: string; id: string }; Querystring: { lang?: string } }>('/p/:token/i/:id', async (request, reply) => {
    const nonce = randomBytes(16).toString('base64');
    const opened = await open(request, reply, nonce);
    if (!opened) return reply;
    const { link, lang } = opened;
    // Another client's intervention (or none) reads as not found: the link opens its own client's documents only.
    const intervention = INTERVENTION_ID.test(request.params.id) ? await portalIntervention(ctx.db, link.org_id, link.client_id, request.params.id) : null;
    if (!intervention) return pageHeaders(reply, nonce).status(404).send(portalGonePage(lang, 'unknown', nonce));
    const view = await portalView(ctx.db, link.org_id, link.client_id, ctx.now());
    return pageHeaders(reply, nonce).status(200).send(printablePage({ lang, view, intervention, base: portalPath(request.params.token), nonce }));
  });
}
