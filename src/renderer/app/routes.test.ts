import { describe, expect, it } from 'vitest';
import { SCREEN_MODULES, SCREENS } from '../../shared/api/favorites';
import { ROUTES } from './routes';

describe('the screens', () => {
  it('are the ones main knows, each opened by the same right (module and action), My page first and everyone\'s', () => {
    expect(ROUTES.map((r) => r.path).sort()).toEqual([...SCREENS].sort());
    for (const r of ROUTES) expect(r.module ? { module: r.module, action: r.action ?? 'read' } : null, r.path).toEqual(SCREEN_MODULES[r.path]);
    expect(ROUTES[0]!.path).toBe('home');
    expect(ROUTES[0]!.module).toBeUndefined();
  });
});
