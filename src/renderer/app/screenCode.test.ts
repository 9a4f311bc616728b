import { describe, expect, it } from 'vitest';
import type { RouteDef } from './routes';
import { loadScreen, preloadScreens } from './screenCode';

const Screen = () => null;

/** Routes whose code loads when told, recording each fetch. */
function fakeRoutes(paths: string[], fail = new Set<string>()) {
  const fetched: string[] = [];
  const routes = paths.map(
    (path): RouteDef => ({
      path: path as RouteDef['path'],
      label: path,
      load: () => {
        fetched.push(path);
        return fail.has(path) ? Promise.reject(new Error('offline')) : Promise.resolve(Screen);
      },
    }),
  );
  return { routes, fetched };
}

/** An idle queue the test runs by hand. */
function idleQueue() {
  const waiting: (() => void)[] = [];
  const idle = (run: () => void) => {
    waiting.push(run);
    return () => waiting.splice(waiting.indexOf(run) >>> 0, 1);
  };
  const tick = async () => {
    waiting.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { idle, waiting, tick };
}

describe('screen code fetched ahead', () => {
  it('fetches one screen per idle slot, in order, skipping those already fetched; a cancel stops the rest', async () => {
    const { routes, fetched } = fakeRoutes(['home', 'clients', 'tasks', 'calendar']);
    await loadScreen(routes[1]!);
    const q = idleQueue();
    const cancel = preloadScreens(routes, q.idle);
    expect(fetched).toEqual(['clients']);
    await q.tick();
    expect(fetched).toEqual(['clients', 'home']);
    await q.tick();
    expect(fetched).toEqual(['clients', 'home', 'tasks']);
    cancel();
    await q.tick();
    expect(fetched).toEqual(['clients', 'home', 'tasks']);
    expect(q.waiting).toEqual([]);
    // Fetched once: the route and the preloading share it.
    expect(await loadScreen(routes[0]!)).toBe(Screen);
    expect(fetched.filter((p) => p === 'home')).toHaveLength(1);
  });

  it('goes on past a screen that fails, and fetches that one again when it is opened', async () => {
    const { routes, fetched } = fakeRoutes(['interventions', 'invoices'], new Set(['interventions']));
    const q = idleQueue();
    preloadScreens(routes, q.idle);
    await q.tick();
    await q.tick();
    expect(fetched).toEqual(['interventions', 'invoices']);
    await expect(loadScreen(routes[0]!)).rejects.toThrow('offline');
    expect(fetched).toEqual(['interventions', 'invoices', 'interventions']);
  });
});
