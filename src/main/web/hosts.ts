import type { FastifyInstance } from 'fastify';
import { t } from '../reports/i18n';
import { languageFromHeader } from './language';

/**
 * Which Host names web mode answers to. A page on another site can rebind its own name to 127.0.0.1
 * (DNS rebinding): the browser then sends that name as Host and as Origin, so comparing the two proves
 * nothing. Only the names the server is bound to (and those its operator adds) are accepted.
 */

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Lower-case host names (no port), bracketing IPv6 literals the way a Host header writes them. */
function normalName(name: string): string {
  const n = name.trim().toLowerCase().replace(/\.$/, '');
  return n.includes(':') && !n.startsWith('[') ? `[${n}]` : n;
}

/** The exact `Host` header values accepted: each allowed name with the listening port. */
export function allowedHosts(boundHost: string, port: number, extra: readonly string[] = []): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  const bound = normalName(boundHost);
  // A wildcard bind names no host; a named bind (an address chosen on purpose) is its own name.
  if (bound !== '0.0.0.0' && bound !== '[::]') names.add(bound);
  for (const e of extra) if (e.trim()) names.add(normalName(e));
  // A browser leaves the default port out of Host.
  return new Set([...names].flatMap((n) => (port === 80 ? [`${n}:80`, n] : [`${n}:${port}`])));
}

export function hostAllowed(host: string | undefined, allowed: ReadonlySet<string>): boolean {
  return !!host && allowed.has(host.trim().toLowerCase());
}

/** Same origin as the request, and that origin one of ours. */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (!origin || !hostAllowed(host, allowed)) return false;
  try {
    const o = new URL(origin);
    return o.host === host!.trim().toLowerCase() && (o.protocol === 'http:' || o.protocol === 'https:');
  } catch {
    return false;
  }
}

/** The first thing every request meets, in every server web mode starts: a foreign Host gets 421 and a short text. */
export function refuseForeignHosts(app: FastifyInstance, hosts: () => ReadonlySet<string>): void {
  app.addHook('onRequest', async (req, reply) => {
    if (hostAllowed(req.headers.host, hosts())) return;
    const params = { address: `http://${[...hosts()][0] ?? ''}` };
    if (req.url.startsWith('/api/')) return reply.code(421).send({ ok: false, error: { code: 'forbidden', key: 'errors.bad_host', params } });
    const text = t(languageFromHeader(req.headers['accept-language']), 'errors.bad_host', params);
    return reply.code(421).header('Content-Type', 'text/plain; charset=utf-8').send(text);
  });
}
