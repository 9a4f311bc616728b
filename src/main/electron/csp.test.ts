import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../server';
import { desktopContentSecurityPolicy } from './csp';

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v.sort()]));

describe('desktop CSP', () => {
  it('is web mode’s policy without WebSocket sources', () => {
    const web = directives(contentSecurityPolicy());
    const desktop = directives(desktopContentSecurityPolicy());
    expect(desktop.get('connect-src')).toEqual(["'self'"]);
    web.delete('connect-src');
    desktop.delete('connect-src');
    expect(desktop).toEqual(web);
  });

  it('allows no inline or remote script', () => {
    const desktop = directives(desktopContentSecurityPolicy());
    expect(desktop.get('script-src')).toEqual(["'self'"]);
    expect(desktop.get('object-src')).toEqual(["'none'"]);
    expect(desktopContentSecurityPolicy()).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});
