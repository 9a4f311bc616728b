import { describe, expect, it } from 'vitest';
import { SCREEN_MODULES, SCREENS } from '../../shared/api/favorites';
import { ROUTES } from './routes';

describe('the screens', () => {
  it('are the ones main knows, each opened by the same module\'s read right, My page first and everyone\'s', () => {
    expect(ROUTES.map((r) => r.path).sort()).toEqual([...SCREENS].sort());
    for (const r of ROUTES) expect(r.module ?? null, r.path).toBe(SCREEN_MODULES[r.path]);
    expect(ROUTES[0]!.path).toBe('home');
    expect(ROUTES[0]!.module).toBeUndefined();
  });
});
