import { Center, Loader } from '@mantine/core';
import { createHashRouter } from 'react-router';
import { ROUTES } from './routes';
import { RouteScreen } from './screenCode';
import { SessionGate } from './SessionGate';

/**
 * Hash addresses (`#/clients`): the desktop window may only ever be on its one page (app://…/index.html, see the
 * Electron shell's navigation guard), and a hash never reaches the server, so web mode and the desktop read the
 * same addresses and a reload keeps the screen on both.
 */
export function createAppRouter() {
  return createHashRouter([
    {
      path: '/',
      element: <SessionGate />,
      hydrateFallbackElement: (
        <Center h="100%">
          <Loader />
        </Center>
      ),
      children: [
        // Not route.lazy: the router would fetch the addressed screen's code before the login is shown.
        ...ROUTES.map((r) => ({ path: r.path, element: <RouteScreen route={r} /> })),
        // '/' and any address that names no screen: the shell sends them to the first screen the user may read.
        { path: '*', element: null },
      ],
    },
  ]);
}
