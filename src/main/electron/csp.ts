/**
 * The desktop window's Content-Security-Policy: web mode's (src/main/server.ts) with one difference:
 * no ws:/wss:, because the desktop renderer talks to main over IPC only and needs no socket at all.
 * Kept here rather than imported so the main bundle does not load Fastify; csp.test.ts keeps the two in step.
 */
export function desktopContentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // ag-grid and the component library set inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}
