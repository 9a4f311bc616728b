/**
 * The renderer's Content-Security-Policy, the one definition behind both ways it is served: the desktop window
 * (src/main/electron) and web mode's pages and answers (src/main/web/security.ts, through helmet). No import here,
 * so the desktop's main bundle does not load Fastify or helmet for it.
 *
 * connect-src 'self' is enough for web mode's event socket too: CSP Level 3 lets 'self' match ws:/wss: on the
 * page's own host and port, while a bare `ws:` would let an injected script open a socket to any host.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // ag-grid and the component library set inline styles.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

/** The policy as a header value (`over`: directives that one answer replaces). */
export function contentSecurityPolicy(over: Record<string, readonly string[]> = {}): string {
  return Object.entries({ ...CSP_DIRECTIVES, ...over })
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
