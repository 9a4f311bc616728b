import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CSP_DIRECTIVES, contentSecurityPolicy } from '../csp';

/**
 * Security headers on every answer of a web-mode server (pages, API answers, downloads, refusals): helmet's
 * defaults, with the renderer's own CSP instead of helmet's, since one policy must hold on desktop and on the web.
 */
export async function addSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    // Exactly the shared policy: helmet's defaults would add upgrade-insecure-requests, wrong on plain-http loopback.
    contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES } },
    // Nobody frames Planora, not even itself (helmet's default is SAMEORIGIN).
    xFrameOptions: { action: 'deny' },
    // Web mode speaks plain http on loopback, where browsers ignore HSTS; the hub's TLS front sets its own.
    strictTransportSecurity: false,
  });
}

/**
 * The one exception to "nobody frames Planora": a PDF report shown to its own maker in the app's print preview.
 * Only the app's own origin may frame it, and the PDF viewer may draw it; every other header stays as helmet set it.
 */
export function framedBySelf(reply: FastifyReply): void {
  reply.header('X-Frame-Options', 'SAMEORIGIN');
  reply.header('Content-Security-Policy', contentSecurityPolicy({ 'frame-ancestors': ["'self'"] }));
}
