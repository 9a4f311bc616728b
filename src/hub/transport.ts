import type { FastifyRequest } from 'fastify';

/**
 * The hub expects TLS in front of it (a reverse proxy). A request over plain HTTP is let through only from this
 * machine (the proxy itself, local tools) or when the operator allowed it. A proxy's `X-Forwarded-Proto` is believed
 * only with `trustProxy`: then it decides, and "http" is refused even when the proxy connects from loopback.
 */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

export function plainHttpRefused(request: FastifyRequest, opts: { allowHttp: boolean; trustProxy: boolean }): boolean {
  if (opts.allowHttp) return false;
  if ('encrypted' in request.socket && request.socket.encrypted) return false;
  const forwarded = request.headers['x-forwarded-proto'];
  if (opts.trustProxy && forwarded !== undefined) {
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
    return first !== 'https';
  }
  return !isLoopback(request.socket.remoteAddress);
}
