import { contentSecurityPolicy } from '../csp';

/** The desktop window's Content-Security-Policy: the renderer's one policy (src/main/csp.ts), the same web mode sends. */
export function desktopContentSecurityPolicy(): string {
  return contentSecurityPolicy();
}
