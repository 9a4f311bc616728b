import { lazy, Suspense, useEffect, useMemo, type ComponentType, type LazyExoticComponent } from 'react';
import { Center, Loader } from '@mantine/core';
import type { Screen } from '../../shared/api/favorites';
import type { RouteDef } from './routes';
import { ScreenFailed } from './ScreenFailed';

/**
 * Each screen's code, fetched once and shared by the route that shows it and by the preloading in idle time. A
 * failed fetch (web mode gone for a moment) is forgotten, so the next visit tries again.
 */
const fetched = new Map<Screen, Promise<ComponentType>>();
/** Screens whose code has arrived: drawn at once, without suspending (see `RouteScreen`). */
const arrived = new Map<Screen, ComponentType>();

export function loadScreen(route: RouteDef): Promise<ComponentType> {
  let code = fetched.get(route.path);
  if (!code) {
    code = route.load();
    fetched.set(route.path, code);
    code.then(
      (c) => void arrived.set(route.path, c),
      () => fetched.delete(route.path),
    );
  }
  return code;
}

const components = new Map<Screen, LazyExoticComponent<ComponentType>>();
const failed = new Set<Screen>();

function screenComponent(route: RouteDef): LazyExoticComponent<ComponentType> {
  let c = components.get(route.path);
  if (!c) {
    c = lazy<ComponentType>(() =>
      loadScreen(route).then(
        (Component) => ({ default: Component }),
        () => {
          // Kept until the screen is left: dropped now, every re-render of the shell (a push event, a timer) would
          // fetch again while the navigation waits, and the failure would never show.
          failed.add(route.path);
          return { default: ScreenFailed };
        },
      ),
    );
    components.set(route.path, c);
  }
  return c;
}

/**
 * A route's screen, fetched when it is first rendered — inside the shell, after login — rather than when the router
 * matches the address: the router resolves a matched route's code before the login screen is up, which put the
 * grid and ag-grid into what the first screen waited for.
 */
export function RouteScreen({ route }: { route: RouteDef }) {
  // Code fetched ahead (while the person typed their login, or in idle time) is drawn in this very render. A lazy
  // component suspends even when its code is here, and React then holds the screen back for up to 300 ms (its
  // throttle on revealing suspended content): most of a module switch, and a third of the wait after logging in.
  // Chosen once per visit, so the element's type never changes under a mounted screen.
  const Component = useMemo(() => arrived.get(route.path) ?? screenComponent(route), [route]);
  // A failure is shown for this visit and forgotten when the screen is left, so the next visit fetches again.
  useEffect(() => () => void (failed.delete(route.path) && components.delete(route.path)), [route]);
  return (
    <Suspense
      fallback={
        <Center h="100%">
          <Loader />
        </Center>
      }
    >
      <Component />
    </Suspense>
  );
}

type Idle = (run: () => void) => () => void;

/** The browser's idle time where it has it (Chromium, Electron), else a short timer. */
export const whenIdle: Idle = (run) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 50);
  return () => clearTimeout(id);
};

/**
 * Fetches the code of `routes` one after another, each when the page is idle, so a module opened later (Alt+1…9)
 * does not wait on the network and the parser, and the screen in use is not held up by them. Returns a cancel.
 */
export function preloadScreens(routes: RouteDef[], idle: Idle = whenIdle): () => void {
  const queue = routes.filter((r) => !fetched.has(r.path));
  let cancelled = false;
  let cancelIdle: () => void = () => undefined;
  const next = () => {
    const route = queue.shift();
    if (cancelled || !route) return;
    cancelIdle = idle(() => {
      if (cancelled) return;
      // A screen that fails to load now is tried again when opened; the preloading goes on with the next.
      void loadScreen(route).then(next, next);
    });
  };
  next();
  return () => {
    cancelled = true;
    cancelIdle();
  };
}
